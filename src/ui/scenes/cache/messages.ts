import type { CachePattern } from '../../../sim/patterns/cache.ts';
import type { Language } from '../../i18n/messages.ts';

/** The cache scene's words. Controls are named after what they do. */
export interface CacheMessages {
  pattern: string;
  patterns: Record<CachePattern, string>;
  crashRedis: string;
  crashHint: string;
  users: string;
  app: string;
  redis: string;
  database: string;
  dirty: (n: number) => string;
  lastFlush: (seconds: string) => string;
  noFlushYet: string;
  hitPath: string;
  missPath: string;
  writePath: string;
  code: (pattern: string) => string;
  codeIdle: string;
  sample: (what: string, key: string, micros: number) => string;
  sampleKinds: { hit: string; miss: string; write: string };
  stageSummary: (pattern: string, dirty: number, lost: number) => string;
  hitRatio: string;
  chartHitRatio: string;
  chartDbLoad: string;
  chartLatency: string;
  lostWrites: string;
  lostList: string;
  lostNone: string;
  lostMore: (n: number) => string;
  times: (n: number) => string;
  applySettings: string;
  queriesPerSecond: (n: number) => string;
  knobs: {
    ttl: string;
    maxmemory: string;
    eviction: string;
    skew: string;
    readRatio: string;
    keys: string;
    flushEvery: string;
    rate: string;
  };
  knobHints: {
    ttl: string;
    maxmemory: string;
    skew: string;
    readRatio: string;
  };
  log: Record<string, (a: Readonly<Record<string, string | number>>) => string>;
}

const ms = (micros: number) => `${(micros / 1000).toFixed(micros < 10_000 ? 2 : 1)} ms`;

const en: CacheMessages = {
  pattern: 'Cache pattern',
  patterns: {
    'look-aside': 'Look-aside',
    'write-through': 'Write-through',
    'write-back': 'Write-back',
  },
  crashRedis: 'Crash Redis',
  crashHint: 'Redis dies and comes back empty at once; the database keeps what it has.',
  users: 'Users',
  app: 'App server',
  redis: 'Redis (memory)',
  database: 'Database (disk)',
  dirty: (n) => `dirty writes: ${n}`,
  lastFlush: (s) => `last flush at ${s} s`,
  noFlushYet: 'no flush yet',
  hitPath: 'hit path',
  missPath: 'miss path',
  writePath: 'write',
  code: (p) => `The code (${p})`,
  codeIdle: 'Press Play: the line the sampled request runs lights up.',
  sample: (what, key, micros) => `Sampled request: ${what} ${key}, answered in ${ms(micros)}`,
  sampleKinds: { hit: 'read (hit)', miss: 'read (miss)', write: 'write' },
  stageSummary: (p, dirty, lost) =>
    `${p}: the app reads Redis first and the database on a miss. ${dirty} writes wait in Redis for the next flush; ${lost} writes lost so far.`,
  hitRatio: 'Hit ratio',
  chartHitRatio: 'Hit ratio (last second)',
  chartDbLoad: 'Database load',
  chartLatency: 'Request latency (p95)',
  lostWrites: 'Lost writes',
  lostList: 'Writes lost, by key',
  lostNone: 'None lost.',
  lostMore: (n) => `and ${n} more keys`,
  times: (n) => `×${n}`,
  applySettings: 'Apply settings and restart',
  queriesPerSecond: (n) => `${n} queries/s`,
  knobs: {
    ttl: 'TTL (seconds, 0: none)',
    maxmemory: 'maxmemory (MB, 0: no limit)',
    eviction: 'Eviction policy',
    skew: 'Key skew (Zipf s)',
    readRatio: 'Reads (share of requests)',
    keys: 'Keys',
    flushEvery: 'Flush every (seconds)',
    rate: 'Requests per second',
  },
  knobHints: {
    ttl: 'Short: more misses and database load. Long: staler data.',
    maxmemory: 'A small Redis keeps only what the eviction policy lets it keep.',
    skew: '0 is uniform; 1 and above: a few hot keys take most reads.',
    readRatio: '0.9 means nine reads for every write.',
  },
  log: {
    crash: () => 'Redis crashed: everything in its memory is gone.',
    restart: () => 'Redis is back, empty: every read misses until the keys warm up again.',
    flush: () => 'The flusher read the dirty writes and sends them to the database.',
  },
};

const ko: CacheMessages = {
  pattern: '캐시 패턴',
  patterns: {
    'look-aside': '룩어사이드',
    'write-through': '라이트스루',
    'write-back': '라이트백',
  },
  crashRedis: 'Redis 장애 내기',
  crashHint:
    'Redis가 죽었다가 곧바로 빈 상태로 돌아옵니다. 데이터베이스는 가진 것을 그대로 지킵니다.',
  users: '사용자',
  app: '앱 서버',
  redis: 'Redis (메모리)',
  database: '데이터베이스 (디스크)',
  dirty: (n) => `더티 쓰기: ${n}건`,
  lastFlush: (s) => `마지막 플러시 ${s}초`,
  noFlushYet: '아직 플러시 없음',
  hitPath: '히트 경로',
  missPath: '미스 경로',
  writePath: '쓰기',
  code: (p) => `코드 (${p})`,
  codeIdle: '재생을 누르면 표본 요청이 실행하는 줄에 불이 들어옵니다.',
  sample: (what, key, micros) => `표본 요청: ${key} ${what}, 응답까지 ${ms(micros)}`,
  sampleKinds: { hit: '읽기 (히트)', miss: '읽기 (미스)', write: '쓰기' },
  stageSummary: (p, dirty, lost) =>
    `${p}: 앱은 먼저 Redis를 읽고, 없으면 데이터베이스를 읽습니다. 다음 플러시를 기다리는 쓰기 ${dirty}건, 지금까지 잃어버린 쓰기 ${lost}건.`,
  hitRatio: '히트율',
  chartHitRatio: '히트율 (지난 1초)',
  chartDbLoad: '데이터베이스 부하',
  chartLatency: '요청 지연 시간 (p95)',
  lostWrites: '잃어버린 쓰기',
  lostList: '잃어버린 쓰기 (키별)',
  lostNone: '잃어버린 것이 없습니다.',
  lostMore: (n) => `외 ${n}개 키`,
  times: (n) => `×${n}`,
  applySettings: '설정 적용 후 다시 시작',
  queriesPerSecond: (n) => `초당 쿼리 ${n}건`,
  knobs: {
    ttl: 'TTL (초, 0은 만료 없음)',
    maxmemory: 'maxmemory (MB, 0은 제한 없음)',
    eviction: '축출 정책',
    skew: '키 쏠림 (Zipf s)',
    readRatio: '읽기 비율',
    keys: '키 개수',
    flushEvery: '플러시 주기 (초)',
    rate: '초당 요청 수',
  },
  knobHints: {
    ttl: '짧으면 미스와 데이터베이스 부하가 늘고, 길면 데이터가 오래됩니다.',
    maxmemory: 'Redis가 작으면 축출 정책이 남겨 두는 키만 남습니다.',
    skew: '0은 고르게, 1 이상은 소수의 뜨거운 키가 읽기 대부분을 차지합니다.',
    readRatio: '0.9는 쓰기 한 번에 읽기 아홉 번이라는 뜻입니다.',
  },
  log: {
    crash: () => 'Redis에 장애가 났습니다. 메모리에 있던 것이 모두 사라졌습니다.',
    restart: () =>
      'Redis가 빈 상태로 돌아왔습니다. 키가 다시 데워질 때까지 읽기는 모두 미스입니다.',
    flush: () => '플러셔가 더티 쓰기를 읽어 데이터베이스로 보냅니다.',
  },
};

export const cacheCatalogues: Record<Language, CacheMessages> = { en, ko };
