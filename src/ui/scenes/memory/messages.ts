import type { Language } from '../../i18n/messages.ts';
import type { SourceId, TierId } from '../../../sim/scenes/memory-model.ts';
import { humanParts, type HumanUnit } from './scales.ts';

/** The memory scene's words. Control names say what the control does. */
export interface MemoryMessages {
  tiers: Record<TierId, string>;
  /** Typical sizes where the machine gives none (registers, L1, L2, HDD, the network). */
  tierSize: Record<TierId, string>;
  /** What each figure assumes, for the footnote. */
  tierAssumption: Record<TierId, string>;
  profileAssumption: (a: {
    cache: string;
    dram: string;
    ssd: string;
    reserved: string;
    ssdRead: string;
    query: string;
    pageFault: string;
  }) => string;
  profiles: Record<string, string>;
  units: Record<HumanUnit, (amount: string) => string>;
  hierarchy: string;
  hierarchySummary: string;
  tier: string;
  latency: string;
  humanTime: string;
  capacity: string;
  source: string;
  footnote: (n: number) => string;
  footnotesHeading: string;
  logScale: string;
  humanScaleNote: string;
  race: string;
  raceRedis: string;
  raceDatabase: string;
  raceClock: string;
  raceWaiting: string;
  raceDone: string;
  ratioLabel: string;
  ratioTail: string;
  measuredEndToEnd: (get: string, row: string, ratio: string) => string;
  machineProfile: string;
  datasetSize: string;
  fitsInRam: string;
  swapping: (percent: string) => string;
  accessLatency: string;
  pageFaults: string;
  datasetChart: string;
  datasetChartSummary: (size: string, latency: string) => string;
  ramEdge: string;
  powerOff: string;
  powerIsOff: string;
  keysInRedis: string;
  rowsOnDisk: string;
  dram: string;
  disk: string;
  powerOn: string;
  powerOffState: string;
  chartKeys: string;
  log: Record<string, (a: Readonly<Record<string, string | number>>) => string>;
}

/** A human duration in the catalogue's words. */
export function sayHuman(t: MemoryMessages, seconds: number): string {
  return humanParts(seconds)
    .map((p) => t.units[p.unit](p.amount))
    .join(' ');
}

const en: MemoryMessages = {
  tiers: {
    register: 'CPU register',
    l1: 'L1 cache (SRAM)',
    l2: 'L2 cache (SRAM)',
    l3: 'L3 cache (SRAM)',
    dram: 'Main memory (DRAM)',
    ssd: 'SSD, random read',
    hdd: 'Hard disk, random read',
    'dc-rtt': 'Network, same data centre',
    'wan-rtt': 'Network, across an ocean',
  },
  tierSize: {
    register: 'a few hundred bytes',
    l1: '64–192 KB per core',
    l2: '256 KB–16 MB',
    l3: '8–64 MB',
    dram: '8 GB – TBs',
    ssd: '256 GB – TBs',
    hdd: 'TBs',
    'dc-rtt': '–',
    'wan-rtt': '–',
  },
  tierAssumption: {
    register: 'About one CPU cycle at 3 GHz (0.3 ns); the operand is already there.',
    l1: 'An L1 hit: about 4 cycles on a 3–4 GHz core; Dean and Norvig round it to 1 ns.',
    l2: 'An L2 hit, about 12 cycles; the older table lists 7 ns, the updated one 4 ns.',
    l3: 'An L3 hit on a modern desktop or server core: 10–40 ns depending on the chip; 20 ns is a middle value.',
    dram: 'A miss in every cache that goes to main memory: about 100 ns, unchanged for two decades.',
    ssd: 'One random 4 KB read from a flash SSD: 16 µs (updated table, NVMe) to 100 µs (datasheets at queue depth 1); 50 µs in the middle.',
    hdd: 'One random read from a 7,200 rpm disk: a seek plus half a turn, 2–10 ms; 5 ms in the middle.',
    'dc-rtt':
      'A round trip between two machines in one data centre: 500 µs in the table (often less today).',
    'wan-rtt':
      'A packet California → Netherlands → California: 150 ms, bounded by the speed of light in fibre.',
  },
  profileAssumption: (a) =>
    `This machine: ${a.cache} of cache, ${a.dram} of DRAM, a ${a.ssd} SSD. The OS and other programs keep ${a.reserved} of the RAM; the dataset gets the rest. One random SSD read takes ${a.ssdRead}; a database row read adds ${a.query} of query work. A page fault adds ${a.pageFault} of kernel work to the SSD read.`,
  profiles: { 'macbook-air-m2': 'MacBook Air M2 (8 GB)', server: 'Server (256 GB)' },
  units: {
    second: (a) => `${a} s`,
    minute: (a) => `${a} min`,
    hour: (a) => `${a} h`,
    day: (a) => `${a} ${a === '1' ? 'day' : 'days'}`,
    year: (a) => `${a} ${a === '1' ? 'year' : 'years'}`,
  },
  hierarchy: 'The memory hierarchy',
  hierarchySummary:
    'Latency of each tier from CPU register to the network; the table below gives each figure and its source.',
  tier: 'Tier',
  latency: 'Latency',
  humanTime: 'If 1 ns were 1 s',
  capacity: 'Capacity',
  source: 'Source',
  footnote: (n) => `Source ${n}`,
  footnotesHeading: 'Where the figures come from',
  logScale: 'Log scale',
  humanScaleNote: 'Human scale: 1 ns of the machine is shown as 1 s.',
  race: 'The race: one value, two places',
  raceRedis: 'Redis GET (DRAM)',
  raceDatabase: 'Database row (SSD)',
  raceClock: 'Race clock (human scale)',
  raceWaiting: 'starts at 0.5 s of simulated time',
  raceDone: 'done',
  ratioLabel: 'The row read from the SSD is',
  ratioTail: 'slower than the GET from DRAM.',
  measuredEndToEnd: (g, r, x) =>
    `Measured in the simulation with a 10 µs network hop each way: GET ${g}, row ${r} (${x}). The network narrows the gap; it does not close it.`,
  machineProfile: 'Machine',
  datasetSize: 'Dataset size',
  fitsInRam: 'fits in RAM: no page faults',
  swapping: (p) => `larger than free RAM: ${p} of accesses page-fault to the SSD`,
  accessLatency: 'Mean memory access',
  pageFaults: 'Page faults',
  datasetChart: 'Latency vs dataset size',
  datasetChartSummary: (s, l) => `At ${s} of data, a memory access takes ${l} on average.`,
  ramEdge: 'free RAM',
  powerOff: 'Power off',
  powerIsOff: 'The power is off',
  keysInRedis: 'Keys in Redis (DRAM)',
  rowsOnDisk: 'Rows in the database (SSD)',
  dram: 'DRAM',
  disk: 'SSD',
  powerOn: 'power on',
  powerOffState: 'power off',
  chartKeys: 'Keys in Redis',
  log: {
    powerCut: (a) =>
      `Power cut: Redis lost all ${String(a['keys'])} keys held in DRAM; the database's rows on the SSD are still there.`,
  },
};

const ko: MemoryMessages = {
  tiers: {
    register: 'CPU 레지스터',
    l1: 'L1 캐시 (SRAM)',
    l2: 'L2 캐시 (SRAM)',
    l3: 'L3 캐시 (SRAM)',
    dram: '주 메모리 (DRAM)',
    ssd: 'SSD 임의 읽기',
    hdd: '하드 디스크 임의 읽기',
    'dc-rtt': '네트워크, 같은 데이터 센터',
    'wan-rtt': '네트워크, 바다 건너',
  },
  tierSize: {
    register: '수백 바이트',
    l1: '코어당 64–192 KB',
    l2: '256 KB–16 MB',
    l3: '8–64 MB',
    dram: '8 GB – 수 TB',
    ssd: '256 GB – 수 TB',
    hdd: '수 TB',
    'dc-rtt': '–',
    'wan-rtt': '–',
  },
  tierAssumption: {
    register: '3 GHz에서 CPU 한 사이클 정도(0.3 ns). 피연산자가 이미 레지스터에 있다고 가정합니다.',
    l1: 'L1 적중: 3–4 GHz 코어에서 약 4 사이클. Dean과 Norvig는 1 ns로 반올림합니다.',
    l2: 'L2 적중: 약 12 사이클. 옛 표는 7 ns, 갱신된 표는 4 ns입니다.',
    l3: '최신 데스크톱·서버 코어의 L3 적중: 칩에 따라 10–40 ns, 가운데 값 20 ns.',
    dram: '모든 캐시를 놓치고 주 메모리까지 가는 접근: 약 100 ns. 20년 동안 거의 그대로입니다.',
    ssd: '플래시 SSD에서 4 KB 임의 읽기 한 번: 16 µs(갱신된 표, NVMe)에서 100 µs(큐 깊이 1의 제조사 데이터시트)까지, 가운데 값 50 µs.',
    hdd: '7,200 rpm 디스크의 임의 읽기: 탐색 시간과 반 바퀴 회전, 2–10 ms, 가운데 값 5 ms.',
    'dc-rtt':
      '한 데이터 센터 안 두 기계 사이의 왕복: 표에서는 500 µs (요즘은 더 짧은 경우가 많습니다).',
    'wan-rtt':
      '캘리포니아 → 네덜란드 → 캘리포니아 패킷 왕복: 150 ms. 광섬유 속 빛의 속도가 한계입니다.',
  },
  profileAssumption: (a) =>
    `이 기계: 캐시 ${a.cache}, DRAM ${a.dram}, SSD ${a.ssd}. 운영체제와 다른 프로그램이 RAM ${a.reserved}를 쓰고 나머지를 데이터가 씁니다. SSD 임의 읽기 한 번은 ${a.ssdRead}, 데이터베이스 행 읽기는 여기에 쿼리 작업 ${a.query}가 더해집니다. 페이지 폴트는 SSD 읽기에 커널 작업 ${a.pageFault}를 더합니다.`,
  profiles: { 'macbook-air-m2': '맥북 에어 M2 (8 GB)', server: '서버 (256 GB)' },
  units: {
    second: (a) => `${a}초`,
    minute: (a) => `${a}분`,
    hour: (a) => `${a}시간`,
    day: (a) => `${a}일`,
    year: (a) => `${a}년`,
  },
  hierarchy: '메모리 계층',
  hierarchySummary:
    'CPU 레지스터에서 네트워크까지 각 계층의 지연 시간. 아래 표에 수치와 출처가 있습니다.',
  tier: '계층',
  latency: '지연 시간',
  humanTime: '1 ns가 1초라면',
  capacity: '용량',
  source: '출처',
  footnote: (n) => `출처 ${n}`,
  footnotesHeading: '수치의 출처',
  logScale: '로그 눈금',
  humanScaleNote: '사람의 시간 척도: 기계의 1 ns를 1초로 보여 줍니다.',
  race: '경주: 같은 값, 다른 자리',
  raceRedis: 'Redis GET (DRAM)',
  raceDatabase: '데이터베이스 행 (SSD)',
  raceClock: '경주 시계 (사람의 시간)',
  raceWaiting: '시뮬레이션 시간 0.5초에 시작',
  raceDone: '도착',
  ratioLabel: 'SSD에서 행을 읽는 것은 DRAM에서 GET 하는 것보다',
  ratioTail: '느립니다.',
  measuredEndToEnd: (g, r, x) =>
    `시뮬레이션에서 측정(네트워크 구간마다 10 µs): GET ${g}, 행 ${r} (${x}). 네트워크가 차이를 줄이지만 없애지는 못합니다.`,
  machineProfile: '기계',
  datasetSize: '데이터 크기',
  fitsInRam: 'RAM에 들어감: 페이지 폴트 없음',
  swapping: (p) => `남은 RAM보다 큼: 접근의 ${p}가 SSD로 페이지 폴트`,
  accessLatency: '평균 메모리 접근',
  pageFaults: '페이지 폴트',
  datasetChart: '데이터 크기에 따른 지연 시간',
  datasetChartSummary: (s, l) => `데이터가 ${s}일 때 메모리 접근은 평균 ${l} 걸립니다.`,
  ramEdge: '남은 RAM',
  powerOff: '전원 끄기',
  powerIsOff: '전원이 꺼졌습니다',
  keysInRedis: 'Redis의 키 (DRAM)',
  rowsOnDisk: '데이터베이스의 행 (SSD)',
  dram: 'DRAM',
  disk: 'SSD',
  powerOn: '전원 켜짐',
  powerOffState: '전원 꺼짐',
  chartKeys: 'Redis의 키',
  log: {
    powerCut: (a) =>
      `정전: Redis는 DRAM에 있던 키 ${String(a['keys'])}개를 모두 잃었습니다. SSD의 데이터베이스 행은 그대로입니다.`,
  },
};

export const memoryCatalogues: Record<Language, MemoryMessages> = { en, ko };

/** Footnote numbers: each source once, in the order the tiers first cite it. */
export function footnoteNumbers(
  cited: readonly (readonly SourceId[])[],
): ReadonlyMap<SourceId, number> {
  const out = new Map<SourceId, number>();
  for (const list of cited) for (const id of list) if (!out.has(id)) out.set(id, out.size + 1);
  return out;
}
