import { fromSeconds } from '../core/clock.ts';
import { REFERENCE_DISK } from '../redis/disk.ts';
import type { CrashKind } from '../redis/loss.ts';
import { parseSavePoints, type FsyncPolicy } from '../redis/persistence-config.ts';
import type { SceneEvent, StepMarker } from './director.ts';
import { bool, num, str, type KnobSpec, type KnobValues } from './knobs.ts';
import { percentiles, round4 } from './measure.ts';
import { PERSISTENCE_PRESETS } from './persistence-presets.ts';
import type { SceneDef } from './types.ts';

/**
 * persistence: a steady writer against one Redis with RDB save points and/or an AOF. The
 * process dies at `crashAt` (SIGKILL or a power loss) and restarts; the summary counts the
 * acknowledged writes that did not come back, lists them, and gives the loss window, the
 * writes/s the configuration sustained, and what its forks cost (blocked main thread,
 * copy-on-write). `datasetMB` is dataset that exists only as a size (ballast), so a fork,
 * a save and a reload take the time a real dataset of that size takes.
 */

const SAVE_PATTERN = '^$|^[1-9][0-9]* [0-9]+( [1-9][0-9]* [0-9]+)*$';

const knobs: readonly KnobSpec[] = [
  {
    kind: 'text',
    name: 'save',
    default: '10 1000',
    pattern: SAVE_PATTERN,
    hint: '"60 1000" (pairs of seconds and changes; empty: no RDB)',
  },
  { kind: 'choice', name: 'appendonly', default: 'no', choices: ['no', 'yes'] },
  {
    kind: 'choice',
    name: 'appendfsync',
    default: 'everysec',
    choices: ['always', 'everysec', 'no'],
  },
  { kind: 'number', name: 'rate', default: 1000, min: 1, max: 50_000, unit: 'writes/s' },
  { kind: 'number', name: 'keys', default: 10_000, min: 1, max: 1_000_000, integer: true },
  { kind: 'number', name: 'datasetMB', default: 256, min: 0, max: 65_536, unit: 'MB of ballast' },
  { kind: 'choice', name: 'crash', default: 'kill', choices: ['kill', 'power', 'none'] },
  { kind: 'number', name: 'crashAt', default: 25, min: 0.001, max: 86_400, unit: 's' },
  { kind: 'boolean', name: 'restart', default: true },
  { kind: 'number', name: 'restartAfter', default: 1, min: 0, max: 3600, unit: 's' },
  // 'closed': one synchronous writer (each write waits for the previous reply), which is
  // how the throughput each fsync policy sustains is measured (redis-facts §5).
  { kind: 'choice', name: 'writer', default: 'open', choices: ['open', 'closed'] },
];

const NODE = 'redis';
const WRITER = 'writer';
const VALUE_BYTES = 32;
const MB = 1024 * 1024;

/** When the first save point can fire: its seconds passed and its changes made (s). */
function firstSaveDue(save: string, rate: number): number | null {
  const due = parseSavePoints(save).map((sp) => Math.max(sp.seconds, sp.changes / rate));
  return due.length > 0 ? Math.min(...due) : null;
}

/**
 * Roughly when the reload after the crash ends (s after the restart): process start, the
 * dataset at RDB load speed, the writes at AOF replay speed. Only for placing a step marker.
 */
function reloadEstimate(k: KnobValues): number {
  const d = REFERENCE_DISK;
  const bytes = num(k, 'datasetMB') * MB + num(k, 'keys') * (VALUE_BYTES + 56);
  const aof = str(k, 'appendonly') === 'yes' ? num(k, 'rate') * num(k, 'crashAt') * 60 : 0;
  return (
    (d.startMicros + (bytes * 1e6) / d.rdbLoadBytesPerSecond) / 1e6 + aof / d.aofLoadBytesPerSecond
  );
}

function timeline(k: KnobValues): { events: SceneEvent[]; steps: StepMarker[] } {
  const crash = str(k, 'crash');
  const crashAt = num(k, 'crashAt');
  const events: SceneEvent[] = [];
  const steps: StepMarker[] = [{ id: 'snapshots', at: 0 }];
  const due = firstSaveDue(str(k, 'save'), num(k, 'rate'));
  // serverCron checks save points every 100 ms: the fork follows the due time closely.
  if (due !== null) steps.push({ id: 'fork-cow', at: fromSeconds(due + 0.2) });
  if (crash !== 'none') {
    events.push({
      at: fromSeconds(crashAt),
      action: 'process-crash',
      node: NODE,
      kind: crash as CrashKind,
    });
    steps.push({ id: 'crash', at: fromSeconds(crashAt) });
    if (bool(k, 'restart')) {
      const restartAt = crashAt + num(k, 'restartAfter');
      events.push({ at: fromSeconds(restartAt), action: 'process-restart', node: NODE });
      steps.push({ id: 'side-by-side', at: fromSeconds(restartAt + reloadEstimate(k) + 0.1) });
    }
  }
  steps.sort((a, b) => a.at - b.at);
  return { events, steps };
}

export const persistence: SceneDef = {
  id: 'persistence',
  knobs,
  presets: PERSISTENCE_PRESETS,
  defaultUntil: 30,
  build(k, seed) {
    const { events, steps } = timeline(k);
    return {
      world: {
        seed,
        nodes: [{ name: NODE }],
        links: [{ a: WRITER, b: NODE, latencyMicros: 100, jitterMicros: 20 }],
        clients: [
          {
            kind: 'workload',
            name: WRITER,
            target: NODE,
            arrival:
              str(k, 'writer') === 'closed'
                ? { kind: 'closed', concurrency: 1 }
                : { kind: 'open', rate: num(k, 'rate') },
            readRatio: 0,
            keys: { dist: 'uniform', count: num(k, 'keys'), prefix: 'w:' },
            valueSize: VALUE_BYTES,
          },
        ],
        persistence: [
          {
            node: NODE,
            settings: {
              save: str(k, 'save'),
              appendonly: str(k, 'appendonly') === 'yes',
              appendfsync: str(k, 'appendfsync') as FsyncPolicy,
            },
            ballastBytes: Math.round(num(k, 'datasetMB') * MB),
          },
        ],
        metrics: null,
      },
      events,
      steps,
    };
  },
  summarize(world, k) {
    const p = world.persistence(NODE);
    const writer = world.client(WRITER);
    const totals = p.totals;
    const reports = p.allReports;
    const lost = reports.flatMap((r) => r.lostWrites);
    const report = p.lastReport;
    const crashed = str(k, 'crash') !== 'none' && world.now >= fromSeconds(num(k, 'crashAt'));
    // Writes/s the configuration sustained: acknowledged writes over the time before the crash.
    const ackedBeforeCrash = report?.acknowledged ?? totals.acknowledged;
    const upSeconds = crashed ? num(k, 'crashAt') : world.now / 1e6;
    const window = reports.reduce((w, r) => Math.max(w, r.windowMicros), 0);
    return {
      requests: writer.completed,
      latency: percentiles(writer.latency),
      writesAcknowledged: totals.acknowledged,
      writesLost: {
        count: lost.length,
        list: lost.map((w) => ({ seq: w.seq, key: w.key, ran: w.ran, acked: w.acked })),
      },
      extra: {
        lossWindowMs: round4(window / 1000),
        ackedBeforeCrash: ackedBeforeCrash,
        writesPerSec: round4(upSeconds > 0 ? ackedBeforeCrash / upSeconds : 0),
        crash: report === undefined ? null : report.crash,
        reloadedFrom: report === undefined ? null : report.source,
        survivedSeq: report === undefined ? null : report.survivedSeq,
        reloadedAtMs: report === undefined ? null : round4(report.loadedAt / 1000),
        forks: totals.forks,
        forkBlockedMs: round4(totals.forkMicros / 1000),
        maxForkBlockedMs: round4(totals.maxForkMicros / 1000),
        maxCowBytes: totals.maxCowBytes,
        rdbSaves: p.rdbSaves,
        aofRewrites: p.aofRewrites,
        atRisk: p.atRisk,
      },
    };
  },
};
