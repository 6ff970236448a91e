import { describe, expect, it } from 'vitest';
import { runScene, sceneIds } from '../../../src/sim/scenes/index.ts';

const short: Record<string, Record<string, string>> = {
  'single-thread': { keyspace: '20000', walks: '2' },
  cache: { crashAt: '1.5', pattern: 'write-back' },
  'jwt-rtr': {},
  memory: { powerOffAt: '1' },
  persistence: { save: '1 100', appendonly: 'yes', crash: 'power', crashAt: '2', datasetMB: '16' },
};

describe('scene determinism', () => {
  for (const id of sceneIds()) {
    it(`${id}: same seed, same trace hash; another seed, another`, () => {
      const set = short[id] ?? {};
      const a = runScene(id, 1, 3, set);
      const b = runScene(id, 1, 3, set);
      const c = runScene(id, 2, 3, set);
      expect(a.requests).toBeGreaterThan(0);
      expect(b).toEqual(a);
      expect(c.traceHash).not.toBe(a.traceHash);
    });
  }
});

describe('memory scene', () => {
  it('a dataset past RAM pays page faults; power off empties Redis but not the disk', () => {
    const fits = runScene('memory', 1, 2, { datasetGB: '4' });
    const past = runScene('memory', 1, 2, { datasetGB: '16', powerOffAt: '1' });
    const server = runScene('memory', 1, 2, { datasetGB: '16', profile: 'server' });
    const m = (s: typeof fits) => s.model as { pageFaultRatio: number; slowdown: number };
    expect(m(fits).pageFaultRatio).toBe(0);
    expect(m(past).pageFaultRatio).toBeGreaterThan(0.5);
    expect(m(past).slowdown).toBeGreaterThan(100);
    expect(m(server).pageFaultRatio).toBe(0);
    expect(fits.ssdReadP50 as number).toBeGreaterThan(3 * (fits.ramReadP50 as number));
    expect(past.keysInRedis).toBe(0);
    expect(past.rowsOnDisk).toBe(1000);
  });
});
