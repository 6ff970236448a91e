/**
 * A part a learner can tell to do something by name (the cluster operator's `add-node`),
 * from the worker's actions: the world stays data, the verb and its arguments are text,
 * and the journal replays them like any other action.
 */
export interface Actionable {
  /** Does `command` now; returns a line for the event log (errors are lines too). */
  act(command: string, args: readonly string[]): string;
}

export function isActionable(x: unknown): x is Actionable {
  return typeof x === 'object' && x !== null && typeof (x as { act?: unknown }).act === 'function';
}
