import type { LogEntry, SceneModel } from '../../../store/sim-store.ts';
import type { SceneInfo, SimUpdate } from '../../../worker/api.ts';

/**
 * The memory stage's view from the trace: when the power went (the scene's director wipes
 * Redis and notes how many keys it held). The figures themselves come from the summary.
 */

export const NODE = 'redis';
/** The race starts at the lesson's 'race' step, µs of virtual time. */
export const RACE_START = 500_000;
/** Virtual µs the slower racer takes on screen: the race lasts two seconds at 1×. */
export const RACE_LENGTH = 2_000_000;

export interface MemView {
  readonly now: number;
  readonly powerCut: { readonly at: number; readonly keys: number } | null;
}

const CRASH = /^crash:(\S+) keys=(\d+)$/;

function powerCut(u: SimUpdate): { at: number; keys: number } | null {
  if (u.kind !== 'trace' || u.record.type !== 'note') return null;
  const m = CRASH.exec(u.record.text);
  return m === null || m[1] !== NODE ? null : { at: u.record.at, keys: Number(m[2]) };
}

export const memoryModel: SceneModel<MemView> = {
  // Only the director's notes: the figures come from the summary, not the trace.
  wants: [{ type: 'note' }],
  reset(_info: SceneInfo, now: number): MemView {
    return { now, powerCut: null };
  },
  apply(v: MemView, updates: readonly SimUpdate[], now: number): MemView {
    let cut = v.powerCut;
    for (const u of updates) cut = powerCut(u) ?? cut;
    return { now, powerCut: cut };
  },
  describe(u: SimUpdate): LogEntry | null {
    const cut = powerCut(u);
    return cut === null ? null : { at: cut.at, key: 'powerCut', args: { keys: cut.keys } };
  },
};
