import type { KnobPreset } from './knobs.ts';

/**
 * The persistence lesson's modes, as the knobs each sets: the scene sends them to the UI
 * (its radio buttons) and the side-by-side comparison runs them. The AOF-only modes turn the
 * save rules off, so what they lose is the AOF's doing alone; the others keep the rules given.
 */

export const PERSISTENCE_MODES = [
  'rdb',
  'aof-always',
  'aof-everysec',
  'aof-no',
  'rdb-aof',
] as const;
export type PersistenceMode = (typeof PERSISTENCE_MODES)[number];

const KNOBS: Readonly<Record<PersistenceMode, Readonly<Record<string, string>>>> = {
  rdb: { appendonly: 'no', appendfsync: 'everysec' },
  'aof-always': { save: '', appendonly: 'yes', appendfsync: 'always' },
  'aof-everysec': { save: '', appendonly: 'yes', appendfsync: 'everysec' },
  'aof-no': { save: '', appendonly: 'yes', appendfsync: 'no' },
  'rdb-aof': { appendonly: 'yes', appendfsync: 'everysec' },
};

export const PERSISTENCE_PRESETS: readonly KnobPreset[] = PERSISTENCE_MODES.map((id) => ({
  id,
  knobs: KNOBS[id],
}));

/** The knobs a mode sets, the save rules `save` where the mode keeps them. */
export function modeKnobs(mode: PersistenceMode, save: string): Record<string, string> {
  return { save, ...KNOBS[mode] };
}
