import type { Language } from '../i18n/messages.ts';
import type { ShareNotice } from '../../store/share-link.ts';

/**
 * Words for keeping, sharing and exporting a lesson (the frame's tools) and for the app's
 * storage and settings notices. Beside the frame, like frame-messages.ts.
 */
export interface KeepMessages {
  tools: string;
  copyLink: string;
  linkLabel: string;
  linkCopied: string;
  linkManual: string;
  linkDropped: (n: number) => string;
  exportLesson: string;
  importLesson: string;
  imported: string;
  importFailed: (reason: string) => string;
  exportSvg: string;
  exportPng: string;
  noDrawing: string;
  exportFailed: (reason: string) => string;
  resetLesson: string;
  resetLessonConfirm: string;
  confirmReset: string;
  cancel: string;
  lessonReset: string;
  dismiss: string;
  setAside: (reason: string) => string;
  unavailable: (reason: string) => string;
  quota: (reason: string) => string;
  conflict: string;
  takeTheirs: string;
  keepMine: string;
  linkIgnored: (parts: string) => string;
  problems: Record<ShareNotice['problem'], string>;
  linkKnobs: (reason: string) => string;
  linkAct: (reason: string) => string;
  resetEverything: string;
  resetEverythingConfirm: string;
  everythingReset: string;
  settingsSetAside: (reason: string) => string;
  reduceMotion: string;
}

const en: KeepMessages = {
  tools: 'Keep and share',
  copyLink: 'Copy link',
  linkLabel: 'Link to this run',
  linkCopied: 'Link copied. Opening it replays this run: same seed, settings, commands and step.',
  linkManual: 'Copy the link below to share this run.',
  linkDropped: (n) => `A link holds at most 50 actions: the last ${n} are left out.`,
  exportLesson: 'Export lesson',
  importLesson: 'Import lesson',
  imported: 'Lesson imported.',
  importFailed: (reason) => `The file was not imported (${reason}). Nothing changed.`,
  exportSvg: 'Export stage as SVG',
  exportPng: 'Export stage as PNG',
  noDrawing: 'This stage has no drawing to export.',
  exportFailed: (reason) => `The stage could not be exported: ${reason}`,
  resetLesson: 'Reset this lesson',
  resetLessonConfirm:
    'Reset this lesson? Its saved state is deleted and it starts again from the beginning.',
  confirmReset: 'Reset',
  cancel: 'Cancel',
  lessonReset: 'The lesson starts again from the beginning.',
  dismiss: 'Dismiss',
  setAside: (reason) =>
    `The saved state of this lesson could not be used (${reason}). It was set aside and the lesson starts fresh.`,
  unavailable: (reason) =>
    `This browser does not let redis-sim save your work (${reason}). Everything works, but is lost when the page closes.`,
  quota: (reason) =>
    `The browser's storage is full (${reason}). Your work is kept in this page only until there is room.`,
  conflict: 'This lesson was saved in another tab after you opened it here.',
  takeTheirs: 'Load the other tab’s',
  keepMine: 'Keep this one',
  linkIgnored: (parts) =>
    `Parts of the link were ignored: ${parts}. The lesson opens without them.`,
  problems: {
    'too-long': 'too long',
    malformed: 'not valid',
    unknown: 'unknown',
    'too-many': 'too many',
  },
  linkKnobs: (reason) =>
    `The link's settings were refused (${reason}); the lesson's own settings are used.`,
  linkAct: (reason) => `A step of the shared run could not be replayed: ${reason}`,
  resetEverything: 'Reset everything',
  resetEverythingConfirm:
    'Delete every saved lesson, console and setting in this browser and start over?',
  everythingReset: 'Everything was reset.',
  settingsSetAside: (reason) =>
    `Your saved settings could not be used (${reason}); the defaults apply.`,
  reduceMotion: 'Reduce motion',
};

const ko: KeepMessages = {
  tools: '저장과 공유',
  copyLink: '링크 복사',
  linkLabel: '이 실행의 링크',
  linkCopied: '링크를 복사했습니다. 열면 같은 시드, 설정, 명령, 단계로 이 실행이 다시 재생됩니다.',
  linkManual: '아래 링크를 복사해 이 실행을 공유하세요.',
  linkDropped: (n) => `링크에는 동작을 50개까지만 담을 수 있어 마지막 ${n}개는 빠졌습니다.`,
  exportLesson: '레슨 내보내기',
  importLesson: '레슨 가져오기',
  imported: '레슨을 가져왔습니다.',
  importFailed: (reason) => `파일을 가져오지 못했습니다(${reason}). 아무것도 바뀌지 않았습니다.`,
  exportSvg: '무대를 SVG로 내보내기',
  exportPng: '무대를 PNG로 내보내기',
  noDrawing: '이 무대에는 내보낼 그림이 없습니다.',
  exportFailed: (reason) => `무대를 내보내지 못했습니다: ${reason}`,
  resetLesson: '이 레슨 초기화',
  resetLessonConfirm: '이 레슨을 초기화할까요? 저장된 상태가 지워지고 처음부터 다시 시작합니다.',
  confirmReset: '초기화',
  cancel: '취소',
  lessonReset: '레슨이 처음부터 다시 시작합니다.',
  dismiss: '닫기',
  setAside: (reason) =>
    `이 레슨의 저장된 상태를 쓸 수 없어(${reason}) 따로 옮겨 두고 새로 시작합니다.`,
  unavailable: (reason) =>
    `이 브라우저에서는 작업을 저장할 수 없습니다(${reason}). 모두 동작하지만 페이지를 닫으면 사라집니다.`,
  quota: (reason) =>
    `브라우저 저장 공간이 가득 찼습니다(${reason}). 공간이 생길 때까지 작업은 이 페이지에만 남습니다.`,
  conflict: '이 레슨을 연 뒤 다른 탭에서 이 레슨이 저장되었습니다.',
  takeTheirs: '다른 탭의 것 불러오기',
  keepMine: '이 탭의 것 유지',
  linkIgnored: (parts) => `링크의 일부를 무시했습니다: ${parts}. 그 부분 없이 레슨을 엽니다.`,
  problems: {
    'too-long': '너무 긺',
    malformed: '올바르지 않음',
    unknown: '알 수 없음',
    'too-many': '너무 많음',
  },
  linkKnobs: (reason) => `링크의 설정을 쓸 수 없어(${reason}) 레슨의 기본 설정을 씁니다.`,
  linkAct: (reason) => `공유된 실행의 한 동작을 다시 재생하지 못했습니다: ${reason}`,
  resetEverything: '모두 초기화',
  resetEverythingConfirm:
    '이 브라우저에 저장된 모든 레슨, 콘솔, 설정을 지우고 처음부터 시작할까요?',
  everythingReset: '모두 초기화했습니다.',
  settingsSetAside: (reason) => `저장된 설정을 쓸 수 없어(${reason}) 기본값을 씁니다.`,
  reduceMotion: '움직임 줄이기',
};

export const keepCatalogues: Record<Language, KeepMessages> = { en, ko };

/** "step (not valid), knob.ttl (unknown)": a link's ignored parts, named as text. */
export function describeLinkNotices(t: KeepMessages, notices: readonly ShareNotice[]): string {
  return notices.map((n) => `${n.param} (${t.problems[n.problem]})`).join(', ');
}
