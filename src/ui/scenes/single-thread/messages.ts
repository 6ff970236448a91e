import type { Language } from '../../i18n/messages.ts';

/** The single-thread scene's words. Button names say what the button does. */
export interface SingleThreadMessages {
  sendKeys: string;
  sendDebugSleep: string;
  sendLrange: string;
  deleteHuge: string;
  sendScan: string;
  unlinkHuge: string;
  slowCommands: string;
  cures: string;
  ioThreads: string;
  counterMode: string;
  counterModes: Record<'get-then-set' | 'incr' | 'watch-multi', string>;
  clients: string;
  clientsLabel: string;
  queue: string;
  queueCount: (n: number) => string;
  executor: string;
  idle: string;
  gantt: string;
  latencyTable: string;
  client: string;
  allClients: string;
  race: string;
  raceGoal: (n: number) => string;
  counterValue: string;
  lostUpdates: string;
  raceRunning: string;
  noHugeKey: string;
  stageSummary: (queued: number, running: string) => string;
  chartP99: string;
  chartQueue: string;
  chartBusy: string;
  log: Record<string, (a: Readonly<Record<string, string | number>>) => string>;
}

const ms = (micros: string | number | undefined) => `${(Number(micros) / 1000).toFixed(1)} ms`;

const en: SingleThreadMessages = {
  sendKeys: 'Send KEYS *',
  sendDebugSleep: 'Send DEBUG SLEEP',
  sendLrange: 'Send LRANGE 0 -1',
  deleteHuge: 'Delete huge key',
  sendScan: 'Send SCAN',
  unlinkHuge: 'UNLINK huge key',
  slowCommands: 'Slow commands',
  cures: 'The cures',
  ioThreads: 'I/O threads',
  counterMode: 'How the app servers count',
  counterModes: {
    'get-then-set': 'GET then SET',
    incr: 'INCR',
    'watch-multi': 'WATCH + MULTI/EXEC',
  },
  clients: 'Clients',
  clientsLabel: 'Workload clients',
  queue: 'Queue',
  queueCount: (n) => `${n} waiting`,
  executor: 'Executor (one thread)',
  idle: 'idle',
  gantt: 'What the one thread ran in the last second',
  latencyTable: 'Latency per client over the last second',
  client: 'Client',
  allClients: 'worst',
  race: 'The counter race',
  raceGoal: (n) => `Two app servers each add 1, ${n / 2} times: the counter should end at ${n}.`,
  counterValue: 'Counter',
  lostUpdates: 'Lost updates',
  raceRunning: 'still counting',
  noHugeKey: 'No huge key is left: restart to get them back.',
  stageSummary: (queued, running) =>
    `${queued} requests wait in the queue; the executor runs ${running}.`,
  chartP99: 'p99 latency, all clients',
  chartQueue: 'Queue length',
  chartBusy: 'Executor busy',
  log: {
    slowCommand: (a) =>
      `${a['client']} ran ${a['cmd']} for ${ms(a['micros'])}; everyone else waited.`,
    sent: (a) => `${a['client']} sent a command; it joins the queue.`,
  },
};

const ko: SingleThreadMessages = {
  sendKeys: 'KEYS * 보내기',
  sendDebugSleep: 'DEBUG SLEEP 보내기',
  sendLrange: 'LRANGE 0 -1 보내기',
  deleteHuge: '거대한 키 삭제',
  sendScan: 'SCAN 보내기',
  unlinkHuge: '거대한 키 UNLINK',
  slowCommands: '느린 명령',
  cures: '해결책',
  ioThreads: 'I/O 스레드',
  counterMode: '앱 서버가 숫자를 세는 방법',
  counterModes: {
    'get-then-set': 'GET 후 SET',
    incr: 'INCR',
    'watch-multi': 'WATCH + MULTI/EXEC',
  },
  clients: '클라이언트',
  clientsLabel: '작업 부하 클라이언트',
  queue: '대기열',
  queueCount: (n) => `${n}개 대기 중`,
  executor: '실행기 (스레드 하나)',
  idle: '쉬는 중',
  gantt: '지난 1초 동안 스레드 하나가 실행한 것',
  latencyTable: '지난 1초 동안의 클라이언트별 지연 시간',
  client: '클라이언트',
  allClients: '최악',
  race: '카운터 경쟁',
  raceGoal: (n) => `앱 서버 두 대가 각각 ${n / 2}번 1을 더합니다. 카운터는 ${n}이 되어야 합니다.`,
  counterValue: '카운터',
  lostUpdates: '잃어버린 갱신',
  raceRunning: '세는 중',
  noHugeKey: '거대한 키가 더 없습니다. 처음부터 다시 시작하면 돌아옵니다.',
  stageSummary: (queued, running) =>
    `요청 ${queued}개가 대기열에서 기다리고, 실행기는 ${running}을(를) 실행 중입니다.`,
  chartP99: 'p99 지연 시간 (전체 클라이언트)',
  chartQueue: '대기열 길이',
  chartBusy: '실행기 사용률',
  log: {
    slowCommand: (a) =>
      `${a['client']}의 ${a['cmd']}가 ${ms(a['micros'])} 동안 실행되었고, 나머지는 모두 기다렸습니다.`,
    sent: (a) => `${a['client']}가 명령을 보냈습니다. 대기열 끝에 섭니다.`,
  },
};

export const singleThreadCatalogues: Record<Language, SingleThreadMessages> = { en, ko };
