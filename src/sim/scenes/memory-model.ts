/**
 * The memory scene's model, as data: the tiers of the memory hierarchy with commonly cited
 * latencies and sizes (redis-facts §9: "Latency Numbers Every Programmer Should Know",
 * J. Dean / P. Norvig, updated by C. Scott), two machine profiles, and what happens to an
 * access's latency once the dataset no longer fits in RAM (page faults to the SSD).
 */

export type TierId =
  'register' | 'l1' | 'l2' | 'l3' | 'dram' | 'ssd' | 'hdd' | 'dc-rtt' | 'wan-rtt';

/**
 * Where a figure comes from. Latency tables are only worth trusting when they name their
 * source, so each tier and profile points at one or more of these (titles only: the app
 * makes no requests).
 */
export type SourceId =
  'dean-norvig' | 'scott-update' | 'nvme-datasheets' | 'hdd-datasheets' | 'apple-m2-specs' | 'post';

export interface Source {
  readonly id: SourceId;
  /** The title and authors, as the source names itself. */
  readonly title: string;
  readonly year: string;
}

export const SOURCES: readonly Source[] = [
  {
    id: 'dean-norvig',
    title:
      '"Latency Numbers Every Programmer Should Know": Jeff Dean\'s talk figures, first collected in Peter Norvig\'s "Teach Yourself Programming in Ten Years"',
    year: '2001–2012',
  },
  {
    id: 'scott-update',
    title: 'Colin Scott, "Numbers Every Programmer Should Know By Year" (the interactive update)',
    year: '2020',
  },
  {
    id: 'nvme-datasheets',
    title: 'NVMe SSD vendor datasheets: 4 KB random read at queue depth 1',
    year: '2020–2024',
  },
  {
    id: 'hdd-datasheets',
    title: '7,200 rpm hard disk vendor datasheets: average seek plus half a rotation',
    year: '2015–2024',
  },
  {
    id: 'apple-m2-specs',
    title: 'Apple, "MacBook Air (M2, 2022) – Technical Specifications"',
    year: '2022',
  },
  {
    id: 'post',
    title: 'The source blog post about Redis (its laptop: 16 MB cache, 8 GB, 256 GB)',
    year: '—',
  },
];

export interface Tier {
  readonly id: TierId;
  /** Where the latency figure comes from (SOURCES). */
  readonly sources: readonly SourceId[];
  /** A representative latency in ns (the middle of §9's range where it gives one). */
  readonly latencyNs: number;
  /** §9's range, ns. */
  readonly latencyRangeNs: readonly [number, number];
  /** Typical size as text (the lesson shows it); machine profiles give exact sizes. */
  readonly typicalSize: string;
  /** Keeps its contents when the power goes. */
  readonly persistent: boolean;
}

export const TIERS: readonly Tier[] = [
  {
    id: 'register',
    sources: ['dean-norvig', 'scott-update'],
    latencyNs: 0.3,
    latencyRangeNs: [0.1, 1],
    typicalSize: 'bytes',
    persistent: false,
  },
  {
    id: 'l1',
    sources: ['dean-norvig', 'scott-update'],
    latencyNs: 1,
    latencyRangeNs: [1, 1],
    typicalSize: '64–192 KB per core',
    persistent: false,
  },
  {
    id: 'l2',
    sources: ['dean-norvig', 'scott-update'],
    latencyNs: 4,
    latencyRangeNs: [4, 4],
    typicalSize: '256 KB–16 MB',
    persistent: false,
  },
  {
    id: 'l3',
    sources: ['scott-update'],
    latencyNs: 20,
    latencyRangeNs: [10, 40],
    typicalSize: '8–64 MB',
    persistent: false,
  },
  {
    id: 'dram',
    sources: ['dean-norvig', 'scott-update'],
    latencyNs: 100,
    latencyRangeNs: [100, 100],
    typicalSize: '8 GB – TBs',
    persistent: false,
  },
  {
    id: 'ssd',
    sources: ['scott-update', 'nvme-datasheets'],
    latencyNs: 50_000,
    latencyRangeNs: [16_000, 100_000],
    typicalSize: '256 GB – TBs',
    persistent: true,
  },
  {
    id: 'hdd',
    sources: ['dean-norvig', 'hdd-datasheets'],
    latencyNs: 5_000_000,
    latencyRangeNs: [2_000_000, 10_000_000],
    typicalSize: 'TBs',
    persistent: true,
  },
  {
    id: 'dc-rtt',
    sources: ['dean-norvig'],
    latencyNs: 500_000,
    latencyRangeNs: [500_000, 500_000],
    typicalSize: '–',
    persistent: false,
  },
  {
    id: 'wan-rtt',
    sources: ['dean-norvig'],
    latencyNs: 150_000_000,
    latencyRangeNs: [150_000_000, 150_000_000],
    typicalSize: '–',
    persistent: false,
  },
];

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export interface MachineProfile {
  readonly id: string;
  readonly sources: readonly SourceId[];
  readonly cacheBytes: number;
  readonly dramBytes: number;
  readonly ssdBytes: number;
  /** RAM the OS and other programs keep for themselves: the dataset gets the rest. */
  readonly reservedBytes: number;
  /** One random 4 KB read from this machine's SSD, ns. */
  readonly ssdReadNs: number;
}

export const MACHINE_PROFILES: readonly MachineProfile[] = [
  // The source post's laptop: 16 MB of cache, 8 GB DRAM, 256 GB SSD.
  {
    id: 'macbook-air-m2',
    sources: ['post', 'apple-m2-specs', 'nvme-datasheets'],
    cacheBytes: 16 * MB,
    dramBytes: 8 * GB,
    ssdBytes: 256 * GB,
    reservedBytes: 3 * GB,
    ssdReadNs: 50_000,
  },
  // A typical cache server: a big L3, a lot of DRAM, fast NVMe.
  {
    id: 'server',
    sources: ['nvme-datasheets'],
    cacheBytes: 64 * MB,
    dramBytes: 256 * GB,
    ssdBytes: 4096 * GB,
    reservedBytes: 8 * GB,
    ssdReadNs: 20_000,
  },
];

export const PROFILE_IDS: readonly string[] = MACHINE_PROFILES.map((p) => p.id);

/** Kernel work around a major page fault (trap, page-table update, maybe an eviction), ns. */
export const PAGE_FAULT_OVERHEAD_NS = 5_000;

export interface AccessModel {
  /** Fraction of the dataset resident in RAM (0..1). */
  readonly residentFraction: number;
  /** Fraction of uniformly random accesses that fault to the SSD. */
  readonly pageFaultRatio: number;
  /** Mean latency of one memory access to the dataset, ns. */
  readonly meanAccessNs: number;
  /** meanAccessNs over DRAM's: how much slower than fitting in RAM. */
  readonly slowdown: number;
}

/**
 * Uniform accesses to a dataset of `datasetBytes`: the part that fits in RAM (after the OS's
 * share) answers at DRAM speed; the rest has been paged out and each touch is a major page
 * fault that reads the page back from the SSD. (Real access skew makes it better, swapping
 * the page in evicts another, so thrashing makes it worse; the lesson needs the cliff.)
 */
export function accessModel(profile: MachineProfile, datasetBytes: number): AccessModel {
  const dram = TIERS.find((t) => t.id === 'dram')!.latencyNs;
  const room = roomFor(profile);
  const resident = datasetBytes <= 0 ? 1 : Math.min(1, room / datasetBytes);
  const fault = 1 - resident;
  const mean = resident * dram + fault * (profile.ssdReadNs + PAGE_FAULT_OVERHEAD_NS);
  return {
    residentFraction: resident,
    pageFaultRatio: fault,
    meanAccessNs: mean,
    slowdown: mean / dram,
  };
}

export const GIB = GB;

/** How far a dataset may grow before the OS starts paging it out, bytes. */
export function roomFor(profile: MachineProfile): number {
  return Math.max(0, profile.dramBytes - profile.reservedBytes);
}

/**
 * The access model at dataset sizes doubling from 1/16 of the RAM to 8 times it, plus the
 * edge itself: the points of the lesson's latency-vs-dataset chart.
 */
export function accessCurve(
  profile: MachineProfile,
): { readonly datasetBytes: number; readonly meanAccessNs: number }[] {
  const sizes = new Set<number>([roomFor(profile)]);
  for (let b = profile.dramBytes / 16; b <= profile.dramBytes * 8; b *= 2) sizes.add(b);
  return [...sizes]
    .sort((a, b) => a - b)
    .map((datasetBytes) => ({
      datasetBytes,
      meanAccessNs: accessModel(profile, datasetBytes).meanAccessNs,
    }));
}
