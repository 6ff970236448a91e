import type { Language } from '../i18n/messages.ts';

/**
 * The frame's words (time controls, narrative, log, charts), per language. Kept beside the
 * frame rather than in messages.ts so scenes built on it share one catalogue.
 */
export interface FrameMessages {
  theme: string;
  themeLight: string;
  themeDark: string;
  stage: string;
  timeControls: string;
  play: string;
  pause: string;
  step: string;
  restart: string;
  speed: string;
  speedValue: (x: string) => string;
  seed: string;
  timeline: string;
  timeValue: (s: string) => string;
  pauseAtSteps: string;
  narrative: string;
  stepOf: (i: number, n: number) => string;
  next: string;
  back: string;
  runCommand: (cmd: string) => string;
  metrics: string;
  eventLog: string;
  settings: string;
  settingsRestart: string;
  keyboardHint: string;
  loadFailed: (reason: string) => string;
  presentPlaying: string;
  presentPaused: string;
  presentKeys: string;
  log: Record<string, (a: Readonly<Record<string, string | number>>) => string>;
}

const seconds = (at: string | number) => `${(Number(at) / 1e6).toFixed(3)} s`;

const en: FrameMessages = {
  theme: 'Theme',
  themeLight: 'Light theme',
  themeDark: 'Dark theme',
  stage: 'Stage',
  timeControls: 'Time controls',
  play: 'Play',
  pause: 'Pause',
  step: 'Step',
  restart: 'Restart',
  speed: 'Speed',
  speedValue: (x) => `${x}×`,
  seed: 'Seed',
  timeline: 'Timeline',
  timeValue: (s) => `${s} s of simulated time`,
  pauseAtSteps: 'Pause at each step',
  narrative: 'Lesson',
  stepOf: (i, n) => `Step ${i} of ${n}`,
  next: 'Next',
  back: 'Back',
  runCommand: (cmd) => `Run ${cmd}`,
  metrics: 'Metrics',
  eventLog: 'Event log',
  settings: 'Settings',
  settingsRestart: 'Changing a setting restarts the simulation.',
  keyboardHint: 'Keys: Space play/pause, → step, ← back a little.',
  loadFailed: (reason) => `The simulation could not start: ${reason}`,
  presentPlaying: 'Playing',
  presentPaused: 'Paused',
  presentKeys: 'Space play/pause · ← → step · 1–9 go to step · P leave presentation',
  log: {
    loaded: (a) => `Simulation loaded with seed ${a['seed']}.`,
    played: () => 'Playing.',
    paused: () => 'Paused.',
    seeked: (a) => `Moved in time${a['at'] === undefined ? '' : ` to ${seconds(a['at'])}`}.`,
    pausedAtStep: () => 'Paused at the next step of the lesson.',
    gap: (a) => `The display fell behind; ${a['n']} events were skipped.`,
  },
};

const ko: FrameMessages = {
  theme: '테마',
  themeLight: '밝은 테마',
  themeDark: '어두운 테마',
  stage: '무대',
  timeControls: '시간 조작',
  play: '재생',
  pause: '일시 정지',
  step: '한 단계',
  restart: '처음부터',
  speed: '속도',
  speedValue: (x) => `${x}배`,
  seed: '시드',
  timeline: '타임라인',
  timeValue: (s) => `시뮬레이션 시간 ${s}초`,
  pauseAtSteps: '단계마다 멈추기',
  narrative: '레슨',
  stepOf: (i, n) => `${n}단계 중 ${i}단계`,
  next: '다음',
  back: '이전',
  runCommand: (cmd) => `${cmd} 실행`,
  metrics: '지표',
  eventLog: '이벤트 기록',
  settings: '설정',
  settingsRestart: '설정을 바꾸면 시뮬레이션이 처음부터 다시 시작합니다.',
  keyboardHint: '키보드: Space 재생/정지, → 한 단계, ← 조금 뒤로.',
  loadFailed: (reason) => `시뮬레이션을 시작하지 못했습니다: ${reason}`,
  presentPlaying: '재생 중',
  presentPaused: '멈춤',
  presentKeys: 'Space 재생/정지 · ← → 단계 이동 · 1–9 해당 단계로 · P 발표 모드 끝내기',
  log: {
    loaded: (a) => `시드 ${a['seed']}로 시뮬레이션을 불러왔습니다.`,
    played: () => '재생합니다.',
    paused: () => '멈췄습니다.',
    seeked: (a) => `시간을 옮겼습니다${a['at'] === undefined ? '' : ` (${seconds(a['at'])})`}.`,
    pausedAtStep: () => '레슨의 다음 단계에서 멈췄습니다.',
    gap: (a) => `화면이 뒤처져 이벤트 ${a['n']}개를 건너뛰었습니다.`,
  },
};

export const frameCatalogues: Record<Language, FrameMessages> = { en, ko };
