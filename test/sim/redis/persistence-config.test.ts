import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/engine/index.ts';
import type { TraceRecord } from '../../../src/sim/core/trace.ts';
import type { PersistenceConfig } from '../../../src/sim/redis/persistence-config.ts';
import type { LossReport } from '../../../src/sim/redis/loss.ts';
import { World, collect, fromSeconds } from '../helpers/worlds.ts';

/**
 * CONFIG SET on a simulated node, sent as a client would, reaches the persistence model as
 * in Redis: appendonly yes starts an AOF rewrite and appends from then on, appendonly no
 * stops appending, appendfsync switches the fsync policy, save replaces the save points.
 */

type Settings = NonNullable<PersistenceConfig['settings']>;
type Fsync = Extract<TraceRecord, { type: 'fsync' }>;
type Save = Extract<TraceRecord, { type: 'save' }>;

/** A writer (SET every ms) and an admin that sends `argv` at 1 s, both 50 µs from the node. */
function world(settings: Settings, argv: string[]): { world: World; replies: Reply[] } {
  const replies: Reply[] = [];
  const w = World.create(
    {
      seed: 5,
      metrics: null,
      nodes: [{ name: 'redis' }],
      links: [
        { a: 'app', b: 'redis', latencyMicros: 50 },
        { a: 'admin', b: 'redis', latencyMicros: 50 },
      ],
      clients: [
        { kind: 'scripted', name: 'app', target: 'redis', script: 'writer', thinkMicros: 1000 },
        { kind: 'scripted', name: 'admin', target: 'redis', script: 'once', startMicros: 1e6 },
      ],
      persistence: [{ node: 'redis', settings }],
    },
    {
      scripts: {
        once: () => ({
          next: (step, previous) => {
            if (previous !== undefined) replies.push(previous);
            return step === 0 ? [...argv] : null;
          },
        }),
      },
    },
  );
  return { world: w, replies };
}

function crashAndReload(w: World, at: number, kind: 'kill' | 'power'): LossReport {
  w.runUntil(fromSeconds(at));
  const p = w.persistence('redis');
  p.crash(kind);
  p.restart();
  while (p.isLoading) w.step();
  return p.lastReport!;
}

const OK: Reply = { kind: 'status', value: 'OK' };

describe('CONFIG SET on a simulated node reaches persistence', () => {
  it('appendonly yes starts an AOF rewrite, then appends: a power loss keeps the AOF', () => {
    const { world: w, replies } = world({ appendonly: false, save: '' }, [
      'CONFIG',
      'SET',
      'appendonly',
      'yes',
    ]);
    const saves = collect(w, 'save') as Save[];
    w.runUntil(fromSeconds(2.5));
    expect(replies).toEqual([OK]);
    expect(saves.map((s) => [s.child, s.phase])).toEqual([
      ['aof', 'start'],
      ['aof', 'end'],
    ]);
    expect(saves[0]!.at).toBeGreaterThanOrEqual(1e6);
    expect(w.persistence('redis').current.appendonly).toBe(true);
    // everysec by default: a power loss takes at most about two seconds, not everything.
    const report = crashAndReload(w, 4, 'power');
    expect(report.source).toBe('aof');
    expect(report.survivedSeq).toBeGreaterThan(2000);
    expect(report.windowMicros).toBeLessThanOrEqual(2_100_000);
  });

  it('appendonly no stops appending: a kill then reloads from no file at all', () => {
    const { world: w, replies } = world({ appendonly: true, save: '' }, [
      'CONFIG',
      'SET',
      'appendonly',
      'no',
    ]);
    w.runUntil(fromSeconds(2));
    expect(replies).toEqual([OK]);
    const p = w.persistence('redis');
    expect(p.current.appendonly).toBe(false);
    const buffered = p.watermarks().buffered;
    w.runUntil(fromSeconds(3));
    expect(p.watermarks().buffered).toBe(buffered);
    const report = crashAndReload(w, 3, 'kill');
    expect(report.source).toBe('none');
    expect(report.survivedSeq).toBe(0);
  });

  it('appendfsync always: fsyncs every turn from then on, and a power loss loses nothing', () => {
    const { world: w } = world({ appendonly: true, appendfsync: 'everysec', save: '' }, [
      'CONFIG',
      'SET',
      'appendfsync',
      'always',
    ]);
    const fsyncs = collect(w, 'fsync') as Fsync[];
    w.runUntil(fromSeconds(2));
    expect(w.persistence('redis').current.appendfsync).toBe('always');
    const before = fsyncs.filter((f) => f.at <= 1e6).map((f) => f.mode);
    const after = fsyncs.filter((f) => f.at > 1.01e6).map((f) => f.mode);
    expect(new Set(before)).toEqual(new Set(['everysec']));
    expect(new Set(after)).toEqual(new Set(['always']));
    expect(after.length).toBeGreaterThan(100);
    expect(crashAndReload(w, 2.5, 'power').lost).toBe(0);
  });

  it('appendfsync no: leaves durability to the kernel writeback, so a power loss takes more', () => {
    const run = (mode: string) => {
      const { world: w } = world({ appendonly: true, appendfsync: 'everysec', save: '' }, [
        'CONFIG',
        'SET',
        'appendfsync',
        mode,
      ]);
      const fsyncs = collect(w, 'fsync') as Fsync[];
      const report = crashAndReload(w, 6, 'power');
      return { modes: new Set(fsyncs.filter((f) => f.at > 1.01e6).map((f) => f.mode)), report };
    };
    const no = run('no');
    const everysec = run('everysec');
    expect(no.modes.has('everysec')).toBe(false);
    expect(everysec.modes).toEqual(new Set(['everysec']));
    // Five seconds of writes since the switch, none fsynced (writeback waits ~30 s).
    expect(no.report.lost).toBeGreaterThan(4000);
    expect(everysec.report.lost).toBeLessThan(2200);
  });

  it('save "1 1" replaces the save points: a BGSAVE follows within about a second', () => {
    const { world: w, replies } = world({ appendonly: false, save: '' }, [
      'CONFIG',
      'SET',
      'save',
      '1 1',
    ]);
    const saves = collect(w, 'save') as Save[];
    w.runUntil(fromSeconds(0.99));
    expect(saves).toHaveLength(0);
    w.runUntil(fromSeconds(2.5));
    expect(replies).toEqual([OK]);
    expect(w.persistence('redis').current.save).toBe('1 1');
    const rdb = saves.filter((s) => s.child === 'rdb' && s.phase === 'start');
    expect(rdb.length).toBeGreaterThan(0);
    expect(rdb[0]!.at).toBeGreaterThan(1e6);
    expect(rdb[0]!.at).toBeLessThan(2.2e6);
    // Kill after the first save ended: the reload comes from that RDB.
    const report = crashAndReload(w, 2.5, 'kill');
    expect(report.source).toBe('rdb');
    expect(report.survivedSeq).toBeGreaterThan(0);
  });
});
