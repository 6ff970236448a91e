import type {
  AccessModel,
  MachineProfile,
  Source,
  Tier,
} from '../../../sim/scenes/memory-model.ts';
import type { SceneSummary } from '../../../sim/scenes/types.ts';

/**
 * What the memory scene's summary carries (sim/scenes/memory.ts), typed for the UI: the
 * tiers and their sources, the machine, the access model at the chosen dataset size and
 * along a curve, and the counts a power cut changes.
 */
export interface MemoryFigures {
  readonly tiers: readonly Tier[];
  readonly sources: readonly Source[];
  readonly profile: MachineProfile;
  readonly model: AccessModel;
  readonly curve: readonly { readonly datasetBytes: number; readonly meanAccessNs: number }[];
  readonly roomBytes: number;
  readonly datasetBytes: number;
  /** A database row read (SSD read plus query work), µs. */
  readonly rowReadMicros: number;
  readonly pageFaultOverheadNs: number;
  /** Measured end to end in the simulation, µs (0 before the first answer). */
  readonly ramReadP50: number;
  readonly ssdReadP50: number;
  readonly keysInRedis: number;
  readonly rowsOnDisk: number;
}

const FIELDS = [
  'tiers',
  'sources',
  'profile',
  'model',
  'curve',
  'roomBytes',
  'datasetBytes',
  'rowReadMicros',
  'pageFaultOverheadNs',
  'ramReadP50',
  'ssdReadP50',
  'keysInRedis',
  'rowsOnDisk',
] as const;

/** The memory figures of a summary, or null when it is some other scene's. */
export function readFigures(summary: SceneSummary | null): MemoryFigures | null {
  if (summary === null || summary.scene !== 'memory') return null;
  if (FIELDS.some((f) => summary[f] === undefined)) return null;
  return summary as unknown as MemoryFigures;
}
