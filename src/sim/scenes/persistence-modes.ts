import { fromSeconds } from '../core/clock.ts';
import { createScene, summarizeScene } from './run.ts';
import { modeKnobs, PERSISTENCE_MODES, type PersistenceMode } from './persistence-presets.ts';
import type { SceneSummary } from './types.ts';

/**
 * The persistence lesson's side-by-side comparison, measured by running the persistence
 * scene headless once per mode and crash kind: the same writer, the same save rules, the
 * same crash moment; only the mode differs. Throughput is measured apart, with one
 * synchronous writer (each write waits for its reply), as redis-facts §5 measured the real
 * server: an open-loop writer would be served at whatever rate it asks for.
 */

export { modeKnobs, PERSISTENCE_MODES, type PersistenceMode } from './persistence-presets.ts';

export function isPersistenceMode(s: string): s is PersistenceMode {
  return (PERSISTENCE_MODES as readonly string[]).includes(s);
}

/** The mode a set of knob values is in (any AOF with save rules counts as both). */
export function modeOf(
  knobs: Readonly<Record<string, string | number | boolean>>,
): PersistenceMode {
  if (knobs['appendonly'] !== 'yes') return 'rdb';
  const save = knobs['save'];
  if (typeof save === 'string' && save.trim() !== '') return 'rdb-aof';
  const fsync = knobs['appendfsync'];
  return fsync === 'always' ? 'aof-always' : fsync === 'no' ? 'aof-no' : 'aof-everysec';
}

export interface CrashOutcome {
  /** Acknowledged writes the reload did not bring back. */
  readonly lost: number;
  /** From the first lost write to the crash, ms (0 when nothing was lost). */
  readonly windowMs: number;
  readonly acknowledged: number;
  readonly reloadedFrom: string;
}

export interface ModeResult {
  readonly mode: PersistenceMode;
  readonly crashAt: number;
  readonly kill: CrashOutcome;
  readonly power: CrashOutcome;
  /** Writes/s one synchronous writer sustained. */
  readonly writesPerSec: number;
}

/** What the comparison keeps of the scene's knobs: the workload and the save rules. */
export interface CompareBase {
  readonly save?: string;
  readonly rate?: number;
  readonly keys?: number;
  readonly datasetMB?: number;
  /** When the crash happens, s. */
  readonly crashAt?: number;
}

/** Seconds the throughput run lasts (warm-up included: a closed loop needs none). */
const THROUGHPUT_SECONDS = 2;
/** How far past the restart a run may go waiting for the reload to end, s. */
const RELOAD_LIMIT_SECONDS = 600;

function workload(base: CompareBase): Record<string, string> {
  const out: Record<string, string> = {};
  if (base.rate !== undefined) out['rate'] = String(base.rate);
  if (base.keys !== undefined) out['keys'] = String(base.keys);
  if (base.datasetMB !== undefined) out['datasetMB'] = String(base.datasetMB);
  return out;
}

/** Runs one crash and restart headless until the reload has ended; returns its summary. */
export function runCrash(
  mode: PersistenceMode,
  crash: 'kill' | 'power',
  seed: number,
  base: CompareBase,
): SceneSummary {
  const crashAt = base.crashAt ?? 25;
  const run = createScene('persistence', seed, {
    ...workload(base),
    ...modeKnobs(mode, base.save ?? '10 1000'),
    crash,
    crashAt: String(crashAt),
    restart: 'true',
    restartAfter: '0.5',
  });
  let until = crashAt + 0.5;
  const p = run.world.persistence('redis');
  do {
    until += 0.5;
    run.world.runUntil(fromSeconds(until));
  } while (p.lastReport === undefined && until < crashAt + RELOAD_LIMIT_SECONDS);
  return summarizeScene(run);
}

function outcome(s: SceneSummary): CrashOutcome {
  return {
    lost: s.writesLost.count,
    windowMs: Number(s['lossWindowMs'] ?? 0),
    acknowledged: Number(s['ackedBeforeCrash'] ?? 0),
    reloadedFrom: typeof s['reloadedFrom'] === 'string' ? s['reloadedFrom'] : 'none',
  };
}

/** Writes/s one synchronous writer sustains under a mode (no crash). */
export function measureThroughput(mode: PersistenceMode, seed: number, base: CompareBase): number {
  const run = createScene('persistence', seed, {
    ...workload(base),
    ...modeKnobs(mode, base.save ?? '10 1000'),
    crash: 'none',
    writer: 'closed',
  });
  run.world.runUntil(fromSeconds(THROUGHPUT_SECONDS));
  return Number(summarizeScene(run)['writesPerSec'] ?? 0);
}

/** One row of the comparison: both crashes and the throughput, from the simulation. */
export function compareMode(mode: PersistenceMode, seed: number, base: CompareBase): ModeResult {
  return {
    mode,
    crashAt: base.crashAt ?? 25,
    kill: outcome(runCrash(mode, 'kill', seed, base)),
    power: outcome(runCrash(mode, 'power', seed, base)),
    writesPerSec: measureThroughput(mode, seed, base),
  };
}
