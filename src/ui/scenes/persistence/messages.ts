import type { Language } from '../../i18n/messages.ts';
import type { PersistenceMode } from '../../../sim/scenes/persistence-presets.ts';
import type { Layer, Status } from './model.ts';
import { grouped } from '../../i18n/numbers.ts';

/** The persistence scene's words. Controls are named after what they do. */
export interface PersistenceMessages {
  mode: string;
  modes: Record<PersistenceMode, string>;
  saveRules: string;
  saveHint: string;
  applySave: string;
  crashGroup: string;
  killProcess: string;
  killHint: string;
  powerOff: string;
  powerHint: string;
  restart: string;
  restartHint: string;
  layersLabel: string;
  redisLayer: string;
  cacheLayer: string;
  diskLayer: string;
  status: Record<Status, string>;
  loadingFrom: (source: string) => string;
  ranUpTo: (seq: number) => string;
  aofBuffer: string;
  aofOff: string;
  notYetOnDisk: (n: number) => string;
  gone: string;
  aofSynced: (seq: number) => string;
  rdbFile: (seq: number, at: string) => string;
  noRdb: string;
  writeArrow: string;
  fsyncArrow: (policy: string) => string;
  child: (kind: 'rdb' | 'aof', at: string) => string;
  cow: (copied: string, total: string) => string;
  timeline: string;
  layerNames: Record<Layer, string>;
  rdbMark: string;
  forkLane: string;
  fsyncLane: string;
  lossWindow: string;
  stageSummary: (status: string, kill: number, power: number, lost: number) => string;
  lostWrites: string;
  lossWindowLabel: string;
  noLoss: string;
  windowSeconds: (micros: number) => string;
  atRiskKill: string;
  atRiskPower: string;
  reloadedFrom: string;
  sources: Record<string, string>;
  chartCow: string;
  chartWrites: string;
  chartLatency: string;
  writesPerSecond: (n: number) => string;
  compare: string;
  compareRun: string;
  compareRunning: string;
  compareCaption: (crashAt: number, rate: number, save: string) => string;
  compareMode: string;
  compareKill: string;
  compareEntry: string;
  comparePower: string;
  compareThroughput: string;
  compareNote: string;
  lostCell: (lost: number, windowMs: number) => string;
  settingsRate: string;
  settingsKeys: string;
  settingsDataset: string;
  applySettings: string;
  log: Record<string, (a: Readonly<Record<string, string | number>>) => string>;
}

const ms = (micros: string | number | undefined) => `${(Number(micros) / 1000).toFixed(1)} ms`;
const sec = (micros: string | number | undefined) => `${(Number(micros) / 1e6).toFixed(2)} s`;
const num = (n: number) => grouped(n, 'en-US');

const en: PersistenceMessages = {
  mode: 'Persistence mode',
  modes: {
    rdb: 'RDB only',
    'aof-always': 'AOF always',
    'aof-everysec': 'AOF everysec',
    'aof-no': 'AOF no',
    'rdb-aof': 'RDB + AOF',
  },
  saveRules: 'save rules',
  saveHint:
    'Pairs of seconds and changes: "10 1000" saves when 10 s have passed and 1,000 keys changed.',
  applySave: 'Apply save rules',
  crashGroup: 'Crash and restart',
  killProcess: 'Kill process',
  killHint: 'SIGKILL: Redis dies, the kernel and its page cache keep running.',
  powerOff: 'Power off',
  powerHint: 'The machine loses power: only what was fsynced to the disk survives.',
  restart: 'Restart',
  restartHint: 'Start Redis again: it loads the AOF if appendonly is on, else the RDB file.',
  layersLabel: 'Where the writes are: Redis, the page cache, the disk',
  redisLayer: 'Redis (process memory)',
  cacheLayer: 'Kernel page cache',
  diskLayer: 'Disk',
  status: {
    up: 'running',
    killed: 'killed: its memory is gone',
    'powered-off': 'power off: memory is gone',
    loading: 'loading',
  },
  loadingFrom: (source) => `loading from ${source === 'none' ? 'nothing' : source.toUpperCase()}…`,
  ranUpTo: (seq) => `writes run: ${num(seq)}`,
  aofBuffer: 'aof_buf is written to the kernel every event-loop turn',
  aofOff: 'AOF off: no writes pass through here',
  notYetOnDisk: (n) => `AOF written, not yet on disk: ${num(n)} writes`,
  gone: 'gone (no power)',
  aofSynced: (seq) => `appendonly.aof: writes up to #${num(seq)}`,
  rdbFile: (seq, at) => `dump.rdb: writes up to #${num(seq)} (saved at ${at})`,
  noRdb: 'dump.rdb: no snapshot yet',
  writeArrow: 'write()',
  fsyncArrow: (policy) => `fsync (${policy})`,
  child: (kind, at) =>
    kind === 'rdb' ? `BGSAVE child since ${at}: writing dump.rdb` : `AOF rewrite child since ${at}`,
  cow: (copied, total) => `copy-on-write: ${copied} of ${total} copied`,
  timeline: 'Writes over time, coloured by where each one is now',
  layerNames: {
    disk: 'on disk',
    cache: 'page cache only',
    memory: 'Redis memory only',
    lost: 'lost in the crash',
  },
  rdbMark: 'RDB',
  forkLane: 'fork',
  fsyncLane: 'fsync',
  lossWindow: 'loss window',
  stageSummary: (status, kill, power, lost) =>
    `Redis is ${status}. A kill now would lose ${num(kill)} writes, a power loss ${num(power)}. Lost in the last crash: ${num(lost)}.`,
  lostWrites: 'Lost writes',
  lossWindowLabel: 'Loss window',
  noLoss: 'none',
  windowSeconds: (micros) => `${(micros / 1e6).toFixed(2)} s`,
  atRiskKill: 'A kill now would lose',
  atRiskPower: 'A power loss now would lose',
  reloadedFrom: 'Reloaded from',
  sources: { aof: 'AOF', rdb: 'RDB', none: 'nothing (empty)' },
  chartCow: 'Copy-on-write memory of the running fork',
  chartWrites: 'Writes per second',
  chartLatency: 'p99 write latency',
  writesPerSecond: (n) => `${num(n)} writes/s`,
  compare: 'The modes side by side',
  compareRun: 'Compare modes',
  compareRunning: 'Measuring…',
  compareCaption: (crashAt, rate, save) =>
    `Measured by the simulation: the same writer (${num(rate)} writes/s), crash at ${crashAt} s, save rules "${save}" where RDB is on.`,
  compareMode: 'Mode',
  compareKill: 'Kill process: lost',
  compareEntry: 'lost writes (loss window)',
  comparePower: 'Power off: lost',
  compareThroughput: 'Writes/s, one writer',
  compareNote:
    'Throughput: one client that waits for each reply before sending the next write, as redis-benchmark with one connection.',
  lostCell: (lost, windowMs) =>
    lost === 0 ? '0' : `${num(lost)} (${(windowMs / 1000).toFixed(2)} s)`,
  settingsRate: 'Writes per second',
  settingsKeys: 'Keys written',
  settingsDataset: 'Dataset size (MB)',
  applySettings: 'Apply settings and restart',
  log: {
    forked: (a) =>
      `fork() for ${a['child'] === 'rdb' ? 'BGSAVE' : 'an AOF rewrite'}: the main thread was blocked ${ms(a['micros'])}.`,
    saved: (a) =>
      a['child'] === 'aof' ? 'The AOF rewrite finished.' : 'The snapshot is on disk (dump.rdb).',
    aborted: () => 'The save was cut short: its child died with the process.',
    killed: () => 'Redis was killed (SIGKILL). The page cache keeps what it was given.',
    poweredOff: () => 'The power went off. Only what was fsynced is on the disk.',
    restarting: (a) =>
      `Redis restarts and loads ${a['source'] === 'aof' ? 'the AOF' : a['source'] === 'rdb' ? 'the RDB file' : 'nothing'}.`,
    dataLoaded: (a) => `Loading done: ${num(Number(a['keys']))} keys are back.`,
    lost: (a) =>
      Number(a['lost']) === 0
        ? 'No acknowledged write was lost.'
        : `${num(Number(a['lost']))} acknowledged writes were lost: the last ${sec(a['window'])} before the crash.`,
  },
};

const numKo = (n: number) => grouped(n, 'ko-KR');

const ko: PersistenceMessages = {
  mode: '영속성 방식',
  modes: {
    rdb: 'RDB만',
    'aof-always': 'AOF always',
    'aof-everysec': 'AOF everysec',
    'aof-no': 'AOF no',
    'rdb-aof': 'RDB + AOF',
  },
  saveRules: 'save 규칙',
  saveHint: '초와 변경 수의 쌍입니다. "10 1000"은 10초가 지나고 키가 1,000번 바뀌면 저장합니다.',
  applySave: 'save 규칙 적용',
  crashGroup: '장애와 재시작',
  killProcess: '프로세스 강제 종료',
  killHint: 'SIGKILL: Redis만 죽고 커널과 페이지 캐시는 살아 있습니다.',
  powerOff: '전원 끄기',
  powerHint: '기계의 전원이 나갑니다. 디스크에 fsync된 것만 남습니다.',
  restart: '다시 시작',
  restartHint: 'Redis를 다시 띄웁니다. appendonly가 켜져 있으면 AOF를, 아니면 RDB 파일을 읽습니다.',
  layersLabel: '쓰기가 지금 있는 곳: Redis, 페이지 캐시, 디스크',
  redisLayer: 'Redis (프로세스 메모리)',
  cacheLayer: '커널 페이지 캐시',
  diskLayer: '디스크',
  status: {
    up: '동작 중',
    killed: '강제 종료됨: 메모리는 사라졌습니다',
    'powered-off': '전원 꺼짐: 메모리는 사라졌습니다',
    loading: '읽어 들이는 중',
  },
  loadingFrom: (source) =>
    source === 'none' ? '읽을 파일이 없습니다…' : `${source.toUpperCase()}에서 읽어 들이는 중…`,
  ranUpTo: (seq) => `실행한 쓰기: ${numKo(seq)}건`,
  aofBuffer: 'aof_buf는 이벤트 루프가 한 바퀴 돌 때마다 커널에 write됩니다',
  aofOff: 'AOF가 꺼져 있어 여기를 거치는 쓰기가 없습니다',
  notYetOnDisk: (n) => `AOF에 썼지만 아직 디스크에 없는 쓰기: ${numKo(n)}건`,
  gone: '사라짐 (전원 없음)',
  aofSynced: (seq) => `appendonly.aof: ${numKo(seq)}번 쓰기까지`,
  rdbFile: (seq, at) => `dump.rdb: ${numKo(seq)}번 쓰기까지 (${at}에 저장)`,
  noRdb: 'dump.rdb: 아직 스냅샷이 없습니다',
  writeArrow: 'write()',
  fsyncArrow: (policy) => `fsync (${policy})`,
  child: (kind, at) =>
    kind === 'rdb'
      ? `${at}부터 BGSAVE 자식 프로세스가 dump.rdb를 쓰는 중`
      : `${at}부터 AOF 재작성 자식 프로세스가 동작 중`,
  cow: (copied, total) => `쓰기 시 복사(COW): ${total} 중 ${copied} 복사됨`,
  timeline: '시간에 따른 쓰기. 각 쓰기가 지금 어디에 있는지로 색을 칠했습니다',
  layerNames: {
    disk: '디스크에 있음',
    cache: '페이지 캐시에만 있음',
    memory: 'Redis 메모리에만 있음',
    lost: '장애로 잃어버림',
  },
  rdbMark: 'RDB',
  forkLane: 'fork',
  fsyncLane: 'fsync',
  lossWindow: '손실 구간',
  stageSummary: (status, kill, power, lost) =>
    `Redis는 ${status} 상태입니다. 지금 강제 종료되면 쓰기 ${numKo(kill)}건, 전원이 나가면 ${numKo(power)}건을 잃습니다. 지난 장애에서 잃은 쓰기: ${numKo(lost)}건.`,
  lostWrites: '잃어버린 쓰기',
  lossWindowLabel: '손실 구간',
  noLoss: '없음',
  windowSeconds: (micros) => `${(micros / 1e6).toFixed(2)}초`,
  atRiskKill: '지금 강제 종료되면 잃을 쓰기',
  atRiskPower: '지금 전원이 나가면 잃을 쓰기',
  reloadedFrom: '다시 읽은 곳',
  sources: { aof: 'AOF', rdb: 'RDB', none: '없음 (빈 상태)' },
  chartCow: '실행 중인 fork의 쓰기 시 복사 메모리',
  chartWrites: '초당 쓰기',
  chartLatency: '쓰기 p99 지연 시간',
  writesPerSecond: (n) => `초당 ${numKo(n)}건`,
  compare: '방식별 비교',
  compareRun: '방식 비교하기',
  compareRunning: '측정하는 중…',
  compareCaption: (crashAt, rate, save) =>
    `시뮬레이션으로 잰 값입니다. 같은 클라이언트가 초당 ${numKo(rate)}건을 쓰다가 ${crashAt}초에 장애가 나고, RDB가 켜진 방식은 save 규칙 "${save}"를 씁니다.`,
  compareMode: '방식',
  compareKill: '강제 종료: 잃은 쓰기',
  compareEntry: '잃은 쓰기 (손실 구간)',
  comparePower: '전원 끄기: 잃은 쓰기',
  compareThroughput: '초당 쓰기, 클라이언트 하나',
  compareNote:
    '처리량: 응답을 받아야 다음 쓰기를 보내는 클라이언트 하나로 쟀습니다. 연결 하나로 돌린 redis-benchmark와 같습니다.',
  lostCell: (lost, windowMs) =>
    lost === 0 ? '0' : `${numKo(lost)} (${(windowMs / 1000).toFixed(2)}초)`,
  settingsRate: '초당 쓰기',
  settingsKeys: '쓰는 키 개수',
  settingsDataset: '데이터셋 크기 (MB)',
  applySettings: '설정 적용 후 다시 시작',
  log: {
    forked: (a) =>
      `${a['child'] === 'rdb' ? 'BGSAVE' : 'AOF 재작성'}을 위해 fork()했습니다. 메인 스레드가 ${ms(a['micros'])} 동안 멈췄습니다.`,
    saved: (a) =>
      a['child'] === 'aof'
        ? 'AOF 재작성이 끝났습니다.'
        : '스냅샷이 디스크에 저장되었습니다 (dump.rdb).',
    aborted: () => '저장이 중간에 끊겼습니다. 자식 프로세스도 함께 죽었습니다.',
    killed: () =>
      'Redis가 강제 종료되었습니다 (SIGKILL). 페이지 캐시는 받은 것을 그대로 갖고 있습니다.',
    poweredOff: () => '전원이 나갔습니다. 디스크에는 fsync된 것만 남았습니다.',
    restarting: (a) =>
      `Redis가 다시 시작해서 ${a['source'] === 'aof' ? 'AOF를' : a['source'] === 'rdb' ? 'RDB 파일을' : '아무것도 못'} 읽습니다.`,
    dataLoaded: (a) => `다 읽었습니다. 키 ${numKo(Number(a['keys']))}개가 돌아왔습니다.`,
    lost: (a) =>
      Number(a['lost']) === 0
        ? '응답을 받은 쓰기 중 잃어버린 것은 없습니다.'
        : `응답까지 받은 쓰기 ${numKo(Number(a['lost']))}건을 잃었습니다. 장애 직전 ${sec(a['window'])} 동안의 쓰기입니다.`,
  },
};

export const persistenceCatalogues: Record<Language, PersistenceMessages> = { en, ko };

/** A mode's name in the catalogue; a mode the catalogue does not know shows its id. */
export function modeLabel(t: PersistenceMessages, id: string): string {
  return (t.modes as Readonly<Record<string, string | undefined>>)[id] ?? id;
}
