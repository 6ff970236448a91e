import { describe, expect, it } from 'vitest';
import { World, fromSeconds, peek, starLinks } from '../helpers/worlds.ts';

function race(script: 'get-then-set' | 'incr'): World {
  const world = World.create({
    seed: 3,
    nodes: [{ name: 'redis' }],
    links: starLinks('redis', ['alice', 'bob']),
    clients: ['alice', 'bob'].map((name) => ({
      kind: 'scripted' as const,
      name,
      target: 'redis',
      script,
      params: { key: 'counter', rounds: 100 },
    })),
    metrics: null,
  });
  world.runUntil(fromSeconds(1));
  return world;
}

describe('scripted clients', () => {
  it('GET-then-SET from two clients loses updates', () => {
    const world = race('get-then-set');
    expect(world.client('alice').completed).toBe(200);
    const final = peek(world, 'redis', 'GET', 'counter');
    expect(final.kind).toBe('bulk');
    expect(Number(final.kind === 'bulk' ? final.value : 0)).toBeLessThan(200);
  });

  it('INCR from two clients loses none', () => {
    const world = race('incr');
    expect(peek(world, 'redis', 'GET', 'counter')).toEqual({ kind: 'bulk', value: '200' });
  });
});
