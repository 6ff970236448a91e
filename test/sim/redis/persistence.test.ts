import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/engine/index.ts';
import type { PersistenceConfig } from '../../../src/sim/redis/persistence-config.ts';
import type { LossReport } from '../../../src/sim/redis/loss.ts';
import type { WorldSnapshot } from '../../../src/sim/world/world.ts';
import { World, collect, fromSeconds, peek, type WorldConfig } from '../helpers/worlds.ts';

/**
 * Persistence against Redis's documented behaviour (redis-facts §5): what each crash kind
 * takes under each configuration, what fsync costs, what a fork costs.
 */

type Settings = NonNullable<PersistenceConfig['settings']>;

/** One synchronous writer (SET w:<i mod 1000> i) 50 µs from the node, as in the fidelity runs. */
function writerWorld(settings: Settings, extra: Partial<WorldConfig> = {}, think = 0): World {
  return World.create({
    seed: 7,
    metrics: null,
    nodes: [{ name: 'redis' }],
    links: [{ a: 'app', b: 'redis', latencyMicros: 50 }],
    clients: [
      { kind: 'scripted', name: 'app', target: 'redis', script: 'writer', thinkMicros: think },
    ],
    persistence: [{ node: 'redis', settings }],
    ...extra,
  });
}

/** Crashes at `at` seconds, restarts 0.1 s later, and returns the loss report. */
function crashAndReload(world: World, at: number, kind: 'kill' | 'power'): LossReport {
  world.runUntil(fromSeconds(at));
  const p = world.persistence('redis');
  p.crash(kind);
  p.restart();
  // Until loading ends nothing else may write; the report is made when it does.
  while (p.isLoading) world.step();
  return p.lastReport!;
}

const value = (r: Reply): string | null => (r.kind === 'bulk' ? r.value : null);

/** The dataset at reload is exactly the writes up to the survival point: check key by key. */
function expectPrefix(world: World, report: LossReport, keys = 1000): void {
  const lostSeqs = new Set(report.lostWrites.map((w) => w.seq));
  expect(lostSeqs.size).toBe(report.lost);
  // Writer step i is write seq i + 1 and sets w:<i mod keys> = i.
  const last = report.survivedSeq - 1;
  for (let k = 0; k < keys; k += 37) {
    const expected = last < k ? null : String(last - ((((last - k) % keys) + keys) % keys));
    expect(value(peek(world, 'redis', 'GET', `w:${k}`))).toBe(expected);
  }
}

describe('a process kill (SIGKILL): the page cache survives', () => {
  for (const appendfsync of ['always', 'everysec', 'no'] as const) {
    it(`loses no acknowledged write with appendfsync ${appendfsync}`, () => {
      const world = writerWorld({ appendonly: true, appendfsync, save: '' });
      world.runUntil(fromSeconds(2.5));
      const before = JSON.stringify(world.snapshot().parts['node:redis']);
      const report = crashAndReload(world, 2.5, 'kill');
      expect(report.source).toBe('aof');
      expect(report.acknowledged).toBeGreaterThan(5000);
      expect(report.lost).toBe(0);
      expect(report.lostWrites).toEqual([]);
      // The reloaded dataset is the one that died.
      const after = world.snapshot().parts['node:redis'] as { keyspace: unknown };
      expect(after.keyspace).toEqual((JSON.parse(before) as { keyspace: unknown }).keyspace);
    });
  }

  it('with RDB only (save 60 1000) loses every write since the last save: here, all', () => {
    const world = writerWorld({ appendonly: false, save: '60 1000' });
    const report = crashAndReload(world, 4, 'kill');
    expect(report.source).toBe('none');
    expect(report.lost).toBe(report.acknowledged);
    expect(report.lost).toBeGreaterThan(30_000);
    expect(world.node('redis').engine.dbs[0]!.size).toBe(0);
  });
});

describe('a power loss: only what was fsynced survives', () => {
  it('appendfsync always loses no acknowledged write', () => {
    const world = writerWorld({ appendonly: true, appendfsync: 'always', save: '' });
    for (const at of [1.3, 2.7]) {
      const report = crashAndReload(world, at, 'power');
      expect(report.lost).toBe(0);
      expect(report.acknowledged).toBeGreaterThan(1000);
    }
  });

  it('appendfsync everysec loses at most about two seconds, and exactly a suffix', () => {
    for (const at of [2.05, 2.5, 2.99, 3.61]) {
      const world = writerWorld({ appendonly: true, appendfsync: 'everysec', save: '' });
      const report = crashAndReload(world, at, 'power');
      expect(report.lost).toBeGreaterThan(0);
      expect(report.windowMicros).toBeLessThanOrEqual(2_000_000);
      // A suffix: every acknowledged write after the survival point, none before.
      expect(report.lostWrites[0]!.seq).toBe(report.survivedSeq + 1);
      const seqs = report.lostWrites.map((w) => w.seq);
      expect(seqs).toEqual(seqs.map((_, i) => report.survivedSeq + 1 + i));
      expectPrefix(world, report);
    }
  });

  it('appendfsync no loses up to the kernel writeback delay (about 30 s)', () => {
    const world = writerWorld({ appendonly: true, appendfsync: 'no', save: '' }, {}, 1000);
    const report = crashAndReload(world, 40, 'power');
    // The flusher wakes every 5 s and writes back pages older than 30 s.
    expect(report.windowMicros).toBeGreaterThan(29_000_000);
    expect(report.windowMicros).toBeLessThanOrEqual(35_100_000);
    expect(report.lost).toBeLessThan(report.acknowledged);
    expectPrefix(world, report);
  });

  it('with RDB only (save 60 1000) loses everything since the last completed save', () => {
    for (const kind of ['kill', 'power'] as const) {
      // ~900 writes/s: the 60 s save point fires once and completes.
      const world = writerWorld({ appendonly: false, save: '60 1000' }, {}, 1000);
      const saves = collect(world, 'save');
      const report = crashAndReload(world, 75, kind);
      const end = saves.find((r) => r.type === 'save' && r.phase === 'end');
      expect(end).toBeDefined();
      if (end?.type !== 'save') return;
      expect(end.at).toBeGreaterThan(60_000_000);
      expect(report.source).toBe('rdb');
      expect(report.survivedSeq).toBe(end.seq);
      expect(report.lostWrites.every((w) => w.seq > end.seq)).toBe(true);
      expect(report.lost).toBeGreaterThan(10_000);
      expectPrefix(world, report);
    }
  });
});

describe('the price of fsync', () => {
  it('always sustains far fewer writes/s than everysec (~3,400 vs ~8,800 measured)', () => {
    const rate = (appendfsync: 'always' | 'everysec' | 'no'): number => {
      const world = writerWorld({ appendonly: true, appendfsync, save: '' });
      world.runUntil(fromSeconds(2));
      return world.client('app').completed / 2;
    };
    const always = rate('always');
    const everysec = rate('everysec');
    expect(always).toBeGreaterThan(3400 * 0.8);
    expect(always).toBeLessThan(3400 * 1.2);
    expect(everysec).toBeGreaterThan(8800 * 0.8);
    expect(everysec).toBeLessThan(8800 * 1.2);
    expect(rate('no')).toBeGreaterThanOrEqual(everysec * 0.99);
  });

  it('a slow disk makes everysec postpone writes: then even a kill loses some', () => {
    // A disk whose fsync takes 1.5 s.
    const slow = writerWorld(
      {},
      {
        persistence: [
          {
            node: 'redis',
            settings: { appendonly: true, appendfsync: 'everysec', save: '' },
            disk: { fsyncMicros: 1_500_000 },
          },
        ],
      },
    );
    const report = crashAndReload(slow, 2.2, 'kill');
    expect(report.lost).toBeGreaterThan(0);
    expect(report.windowMicros).toBeLessThanOrEqual(2_100_000);
  });
});

describe('BGSAVE', () => {
  /** A 256 MiB dataset (ballast) so the child writes for ~1.3 s. */
  function big(think: number): World {
    return World.create({
      seed: 3,
      metrics: null,
      nodes: [{ name: 'redis' }],
      links: [{ a: 'app', b: 'redis', latencyMicros: 50 }],
      clients: [
        {
          kind: 'scripted',
          name: 'app',
          target: 'redis',
          script: 'writer',
          thinkMicros: think,
          params: { keys: 1_000_000 },
        },
      ],
      persistence: [
        {
          node: 'redis',
          settings: { save: '' },
          ballastBytes: 256 * 1024 * 1024,
        },
      ],
    });
  }

  it('copy-on-write memory grows with the writes during the save, more with more writes', () => {
    const cowAt = (think: number): number[] => {
      const world = big(think);
      const p = world.persistence('redis');
      world.runUntil(fromSeconds(0.5));
      world.node('redis').receive({
        kind: 'request',
        from: 'app',
        to: 'redis',
        req: 999_999,
        argv: ['BGSAVE'],
      });
      const out: number[] = [];
      for (const t of [0.6, 0.8, 1.0, 1.2]) {
        world.runUntil(fromSeconds(t));
        out.push(p.cowBytes);
      }
      world.runUntil(fromSeconds(3));
      expect(p.cowBytes).toBe(0);
      expect(p.info().rdb_last_cow_size).toBeGreaterThan(0);
      return out;
    };
    const fast = cowAt(0);
    const slow = cowAt(2000);
    for (let i = 1; i < fast.length; i++) expect(fast[i]!).toBeGreaterThan(fast[i - 1]!);
    expect(fast[3]!).toBeGreaterThan(slow[3]! * 3);
    expect(slow[3]!).toBeGreaterThan(0);
  });

  it('forks (blocking the parent in proportion to the dataset), then saves while serving', () => {
    const world = big(0);
    const rec = collect(world);
    world.runUntil(fromSeconds(0.5));
    const before = world.client('app').completed;
    world.node('redis').receive({
      kind: 'request',
      from: 'app',
      to: 'redis',
      req: 999_999,
      argv: ['BGSAVE'],
    });
    world.runUntil(fromSeconds(1.0));
    // The parent kept serving during the save.
    expect(world.client('app').completed - before).toBeGreaterThan(3000);
    const fork = rec.find((r) => r.type === 'fork');
    expect(fork?.type === 'fork' && fork.micros).toBeGreaterThan(2000);
    const reply = rec.find((r) => r.type === 'cmd' && r.cmd === 'BGSAVE');
    expect(reply?.type === 'cmd' && reply.finished - reply.started).toBeGreaterThan(2000);
    world.runUntil(fromSeconds(3));
    expect(rec.some((r) => r.type === 'save' && r.phase === 'end')).toBe(true);
  });
});

describe('commands and loading', () => {
  function admin(argvs: string[][]): { world: World; replies: Reply[] } {
    const replies: Reply[] = [];
    const world = World.create(
      {
        seed: 1,
        metrics: null,
        nodes: [{ name: 'redis' }],
        links: [{ a: 'admin', b: 'redis', latencyMicros: 50 }],
        clients: [
          {
            kind: 'scripted',
            name: 'admin',
            target: 'redis',
            script: 'cmds',
            thinkMicros: 200_000,
          },
        ],
        // 256 MiB: each child writes for ~1.3 s.
        persistence: [{ node: 'redis', settings: { save: '' }, ballastBytes: 256 * 1024 * 1024 }],
      },
      {
        scripts: {
          cmds: () => ({
            next: (step, previous) => {
              if (previous !== undefined) replies.push(previous);
              return step < argvs.length ? [...argvs[step]!] : null;
            },
          }),
        },
      },
    );
    return { world, replies };
  }

  it('answers BGSAVE, LASTSAVE, SAVE and BGREWRITEAOF as Redis does', () => {
    const { world, replies } = admin([
      ['SET', 'a', '1'], // t = 0
      ['BGSAVE'], // 0.2 s: the child runs until ~1.5 s
      ['BGSAVE'],
      ['LASTSAVE'],
      ['SAVE'],
      ['BGREWRITEAOF'], // 1.0 s: scheduled after the save
      ['PING'],
      ['PING'],
      ['BGREWRITEAOF'], // 1.6 s: the rewrite runs
      ['BGSAVE'],
      ['BGSAVE', 'SCHEDULE'],
      ['LASTSAVE'],
    ]);
    world.runUntil(fromSeconds(6));
    const texts = replies.map((r) =>
      r.kind === 'status' ? r.value : r.kind === 'error' ? r.message : String(r.kind),
    );
    expect(texts).toEqual([
      'OK',
      'Background saving started',
      'ERR Background save already in progress',
      'integer',
      'ERR Background save already in progress',
      'Background append only file rewriting scheduled',
      'PONG',
      'PONG',
      'ERR Background append only file rewriting already in progress',
      expect.stringMatching(/^ERR Another child process is active/),
      'Background saving scheduled',
      'integer',
    ]);
    const at = (r: Reply): number => (r.kind === 'integer' ? Number(r.value) : -1);
    expect(at(replies[3]!)).toBe(1_700_000_000);
    expect(at(replies[11]!)).toBe(1_700_000_001);
    const p = world.persistence('redis');
    expect(p.rdbSaves).toBe(2);
    expect(p.aofRewrites).toBe(1);
  });

  it('takes a save point by itself: after N seconds if at least M changes', () => {
    const world = writerWorld({ save: '2 100' }, {}, 1000);
    const saves = collect(world, 'save');
    world.runUntil(fromSeconds(5));
    const starts = saves.filter((r) => r.type === 'save' && r.phase === 'start');
    expect(starts.length).toBe(2);
    expect(starts[0]!.at).toBeGreaterThan(2_000_000);
    expect(starts[0]!.at).toBeLessThan(2_200_000);
    // Each save subtracts the changes it covered.
    expect(world.node('redis').engine.dirty).toBeLessThan(1000);
  });

  it('answers LOADING while the dataset loads, then serves it', () => {
    const world = World.create({
      seed: 2,
      metrics: null,
      nodes: [{ name: 'redis' }],
      links: [{ a: 'app', b: 'redis', latencyMicros: 50 }],
      clients: [
        { kind: 'scripted', name: 'app', target: 'redis', script: 'writer', thinkMicros: 100 },
      ],
      persistence: [
        { node: 'redis', settings: { appendonly: true }, ballastBytes: 64 * 1024 * 1024 },
      ],
    });
    const rec = collect(world);
    world.runUntil(fromSeconds(1));
    const p = world.persistence('redis');
    p.crash('kill');
    world.runUntil(fromSeconds(1.1));
    p.restart();
    world.runUntil(fromSeconds(1.15));
    expect(p.isLoading).toBe(true);
    const restart = rec.find((r) => r.type === 'restart');
    expect(restart?.type === 'restart' && restart.ready).toBeGreaterThan(1_200_000);
    const loadingErrors = rec.filter(
      (r) => r.type === 'cmd' && r.at > 1_100_000 && r.reply === 'error',
    );
    expect(loadingErrors.length).toBeGreaterThan(10);
    expect(peek(world, 'redis', 'GET', 'w:1').kind).toBe('null');
    world.runUntil(fromSeconds(3));
    expect(p.isLoading).toBe(false);
    expect(p.lastReport?.lost).toBe(0);
    expect(rec.some((r) => r.type === 'loaded')).toBe(true);
  });

  it('turning appendonly on at run time makes the AOF live after its first rewrite', () => {
    const world = writerWorld({ appendonly: false, save: '' }, {}, 1000);
    world.runUntil(fromSeconds(1));
    const p = world.persistence('redis');
    p.configure({ appendonly: true, appendfsync: 'always' });
    world.runUntil(fromSeconds(2));
    expect(p.aofRewrites).toBe(1);
    const report = crashAndReload(world, 2.5, 'power');
    expect(report.source).toBe('aof');
    expect(report.lost).toBe(0);
  });

  it('rewrites the AOF automatically when it doubles past the minimum size', () => {
    const world = writerWorld(
      { appendonly: true, save: '', autoAofRewriteMinSize: 64 * 1024 },
      {},
      0,
    );
    world.runUntil(fromSeconds(2));
    const p = world.persistence('redis');
    expect(p.aofRewrites).toBeGreaterThan(0);
    expect(p.info().aof_current_size).toBeLessThan(4 * 64 * 1024);
  });
});

describe('determinism and checkpoints', () => {
  const config = (seed: number): WorldConfig => ({
    seed,
    metrics: null,
    nodes: [{ name: 'redis' }],
    links: [
      { a: 'app', b: 'redis', latencyMicros: 50, jitterMicros: 10 },
      { a: 'load', b: 'redis', latencyMicros: 80, jitterMicros: 20 },
    ],
    clients: [
      { kind: 'scripted', name: 'app', target: 'redis', script: 'writer', thinkMicros: 200 },
      {
        kind: 'workload',
        name: 'load',
        target: 'redis',
        arrival: { kind: 'open', rate: 3000 },
        readRatio: 0.5,
        keys: { dist: 'zipf', count: 5000, s: 1.1 },
        valueSize: 64,
      },
    ],
    persistence: [
      {
        node: 'redis',
        settings: { appendonly: true, appendfsync: 'everysec', save: '1 100' },
        ballastBytes: 128 * 1024 * 1024,
      },
    ],
  });

  function run(seed: number, stopAt?: number): { hash: string; snap: WorldSnapshot | undefined } {
    const world = World.create(config(seed));
    const p = world.persistence('redis');
    p.scheduleCrash(fromSeconds(2.5), 'power');
    p.scheduleRestart(fromSeconds(2.6));
    let snap: WorldSnapshot | undefined;
    if (stopAt !== undefined) {
      world.runUntil(fromSeconds(stopAt));
      snap = JSON.parse(JSON.stringify(world.snapshot())) as WorldSnapshot;
    }
    world.runUntil(fromSeconds(4));
    return { hash: world.trace.hash(), snap };
  }

  it('the same seed gives the same trace; another seed another', () => {
    expect(run(11).hash).toBe(run(11).hash);
    expect(run(12).hash).not.toBe(run(11).hash);
  });

  it('a checkpoint taken mid-save, restored, runs on to the same trace', () => {
    const straight = run(11);
    const { snap } = run(11, 1.3);
    const parts = snap!.parts['persist:redis'] as { child: unknown };
    expect(parts.child).not.toBeNull();
    const restored = World.restore(snap!);
    restored.runUntil(fromSeconds(4));
    expect(restored.trace.hash()).toBe(straight.hash);
    expect(restored.persistence('redis').lastReport?.crash).toBe('power');
  });
});
