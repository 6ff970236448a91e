import type { WorldSnapshot } from '../sim/index.ts';
import type { JournalEntry } from './sim-actions.ts';

/**
 * A whole simulation session as JSON-safe data: the scene it came from, the learner's
 * journal and the world at one instant. It may come back from storage or a shared link,
 * so parseSimSnapshot checks its shape before anything uses it (the world checks its own).
 */
export const SIM_SNAPSHOT_VERSION = 1;

export interface SimSnapshot {
  readonly version: typeof SIM_SNAPSHOT_VERSION;
  readonly scene: string;
  readonly seed: number;
  /** Knob overrides as text, as the URL carries them. */
  readonly knobs: Readonly<Record<string, string>>;
  readonly speed: number;
  readonly journal: readonly JournalEntry[];
  /** Journal entries already applied to `world` (later ones are a future to replay). */
  readonly applied: number;
  readonly world: WorldSnapshot;
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null;
const isString = (x: unknown): x is string => typeof x === 'string';
const isTime = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

function parseEntry(x: unknown): JournalEntry {
  const bad = () => new Error(`bad journal entry ${JSON.stringify(x)}`);
  if (!isObject(x) || !isTime(x['at'])) throw bad();
  const at = x['at'];
  switch (x['kind']) {
    case 'console':
      if (!isString(x['node']) || !isString(x['line'])) throw bad();
      return { kind: 'console', at, node: x['node'], line: x['line'] };
    case 'crash':
      if (!isString(x['node']) || (x['crash'] !== 'kill' && x['crash'] !== 'power')) throw bad();
      return { kind: 'crash', at, node: x['node'], crash: x['crash'] };
    case 'restart':
      if (!isString(x['node'])) throw bad();
      return { kind: 'restart', at, node: x['node'] };
    case 'cut':
    case 'heal':
      if (!isString(x['a']) || !isString(x['b'])) throw bad();
      return { kind: x['kind'], at, a: x['a'], b: x['b'] };
    case 'send': {
      const argv = x['argv'];
      if (!isString(x['client']) || !Array.isArray(argv) || !argv.every(isString)) throw bad();
      return { kind: 'send', at, client: x['client'], argv: argv };
    }
    case 'part': {
      const args = x['args'];
      if (!isString(x['part']) || !isString(x['command']) || !Array.isArray(args)) throw bad();
      if (!args.every(isString)) throw bad();
      return { kind: 'part', at, part: x['part'], command: x['command'], args: [...args] };
    }
    default:
      throw bad();
  }
}

/** A checked snapshot; throws a one-line reason for anything malformed. */
export function parseSimSnapshot(x: unknown): SimSnapshot {
  if (!isObject(x)) throw new Error('simulation snapshot is not an object');
  if (x['version'] !== SIM_SNAPSHOT_VERSION) {
    throw new Error(
      `simulation snapshot version ${String(x['version'])}, expected ${SIM_SNAPSHOT_VERSION}`,
    );
  }
  const { scene, seed, knobs, speed, journal, applied, world } = x;
  if (!isString(scene)) throw new Error('simulation snapshot has no scene');
  if (!Number.isSafeInteger(seed)) throw new Error('simulation snapshot has a bad seed');
  if (!isObject(knobs) || !Object.values(knobs).every(isString)) {
    throw new Error('simulation snapshot has bad knobs');
  }
  if (typeof speed !== 'number' || !Number.isFinite(speed)) {
    throw new Error('simulation snapshot has a bad speed');
  }
  if (!Array.isArray(journal)) throw new Error('simulation snapshot has no journal');
  const entries = journal.map(parseEntry);
  if (!isTime(applied) || applied > entries.length) {
    throw new Error('simulation snapshot has a bad applied count');
  }
  if (!isObject(world)) throw new Error('simulation snapshot has no world');
  return {
    version: SIM_SNAPSHOT_VERSION,
    scene,
    seed: seed as number,
    knobs: knobs as Readonly<Record<string, string>>,
    speed,
    journal: entries,
    applied,
    world: world as unknown as WorldSnapshot,
  };
}
