import type { Language } from '../ui/i18n/messages.ts';

/** The embed page's own words (the lesson's come from the app's catalogues). */
export interface EmbedMessages {
  ignored: (option: string, value: string) => string;
  noScene: string;
  openInApp: string;
  /** The poster's button, named after the lesson it starts. */
  playLesson: (title: string) => string;
  frameTitle: (title: string) => string;
  unknownLesson: (scene: string) => string;
}

export const embedCatalogues: Record<Language, EmbedMessages> = {
  en: {
    ignored: (option, value) =>
      value === ''
        ? `Missing option “${option}”.`
        : `Ignored ${option}=“${value}”: not a valid value.`,
    noScene: 'This embed names no lesson redis-sim has. Check its scene option.',
    openInApp: 'Open in redis-sim',
    playLesson: (title) => `Play the lesson: ${title}`,
    frameTitle: (title) => `redis-sim lesson: ${title}`,
    unknownLesson: (scene) => `Unknown lesson: ${scene}`,
  },
  ko: {
    ignored: (option, value) =>
      value === ''
        ? `“${option}” 옵션이 없습니다.`
        : `${option}=“${value}” 값은 올바르지 않아 무시했습니다.`,
    noScene: '이 임베드가 가리키는 레슨이 redis-sim에 없습니다. scene 옵션을 확인하세요.',
    openInApp: 'redis-sim에서 열기',
    playLesson: (title) => `레슨 재생: ${title}`,
    frameTitle: (title) => `redis-sim 레슨: ${title}`,
    unknownLesson: (scene) => `알 수 없는 레슨: ${scene}`,
  },
};
