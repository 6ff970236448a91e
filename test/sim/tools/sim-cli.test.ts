import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sceneIds } from '../../../src/sim/scenes/index.ts';

/** Spawned through npx tsx, as a user would run it (each spawn costs a couple of seconds). */
function sim(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'tools/sim.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run sim', () => {
  it('prints one JSON summary', () => {
    const r = sim(
      '--scene',
      'cache',
      '--seed',
      '3',
      '--until',
      '2',
      '--set',
      'pattern=write-back',
      '--set',
      'crashAt=1.5',
      '--json',
    );
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as Record<string, unknown>;
    expect(s).toMatchObject({ scene: 'cache', seed: 3, until: 2, pattern: 'write-back' });
    for (const field of [
      'requests',
      'latency',
      'throughput',
      'hitRatio',
      'databaseLoad',
      'writesAcknowledged',
      'writesLost',
      'traceHash',
    ]) {
      expect(s).toHaveProperty(field);
    }
    expect((s.writesLost as { count: number }).count).toBeGreaterThan(0);
    expect(s.traceHash).toMatch(/^[0-9a-f]{16}$/);
  }, 60_000);

  it('runs the persistence scene with its loss figures; refuses a bad save', () => {
    const r = sim(
      ...['--scene', 'persistence', '--until', '4', '--set', 'save=', '--set', 'appendonly=yes'],
      ...['--set', 'crash=power', '--set', 'crashAt=2', '--set', 'datasetMB=16', '--json'],
    );
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as Record<string, unknown>;
    for (const field of ['writesAcknowledged', 'writesLost', 'lossWindowMs', 'writesPerSec']) {
      expect(s).toHaveProperty(field);
    }
    for (const field of ['forks', 'forkBlockedMs', 'maxCowBytes']) expect(s).toHaveProperty(field);
    expect((s.writesLost as { count: number }).count).toBeGreaterThan(0);
    const bad = sim('--scene', 'persistence', '--set', 'save=60');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^sim: bad value '60' for knob 'save': expected text like /);
  }, 60_000);

  it('rejects an unknown scene, knob or value with one line and exit code 2', () => {
    const scene = sim('--scene', 'nope');
    expect(scene.code).toBe(2);
    // Every runnable scene is named (the list grows as scenes land).
    expect(sceneIds()).toContain('cache');
    expect(scene.err).toBe(`sim: unknown scene 'nope' (scenes: ${sceneIds().join(', ')})\n`);
    const knob = sim('--scene', 'cache', '--set', 'colour=red');
    expect(knob.code).toBe(2);
    expect(knob.err).toMatch(/^sim: unknown knob 'colour' \(knobs: pattern, ttl, .*\)\n$/);
    const choice = sim('--scene', 'cache', '--set', 'pattern=write-around');
    expect(choice.code).toBe(2);
    expect(choice.err).toBe(
      "sim: bad value 'write-around' for knob 'pattern': expected one of look-aside, write-through, write-back\n",
    );
    const range = sim('--scene', 'single-thread', '--set', 'ioThreads=99');
    expect(range.code).toBe(2);
    expect(range.err).toContain("knob 'ioThreads': expected an integer in [0, 8]");
    expect(sim('--scene', 'cache', '--until', 'soon').code).toBe(2);
    expect(sim('--scene', 'cache', '--verbose').code).toBe(2);
    expect(scene.out).toBe('');
  }, 120_000);
});
