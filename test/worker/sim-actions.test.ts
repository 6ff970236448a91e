import { describe, expect, it } from 'vitest';
import { fromSeconds } from '../../src/sim/index.ts';
import { createScene } from '../../src/sim/scenes/index.ts';
import { applyAction } from '../../src/worker/sim-actions.ts';

describe('the console on a node with persistence', () => {
  const AOF = {
    appendonly: 'yes',
    appendfsync: 'everysec',
    crash: 'none',
    rate: '10',
    datasetMB: '0',
  };

  it.each(['kill', 'power'] as const)('writes through the AOF: the write survives a %s', (kind) => {
    const world = createScene('persistence', 1, AOF).world;
    const run = (line: string) => applyAction(world, { kind: 'console', node: 'redis', line })!;
    // Between two everysec fsyncs, so the write is not postponed behind one (aof.c).
    world.runUntil(fromSeconds(1.5));
    const persistence = world.persistence('redis');
    const ran = persistence.watermarks().ran;
    expect(run('SET console:key hello').text).toBe('OK');
    // The write took a sequence number like any write the node ran: the AOF has it.
    expect(persistence.watermarks().ran).toBe(ran + 1);
    // A power loss keeps only what was fsynced: wait out everysec's fsync first.
    if (kind === 'power') world.runUntil(fromSeconds(3.5));
    applyAction(world, { kind: 'crash', node: 'redis', crash: kind });
    applyAction(world, { kind: 'restart', node: 'redis' });
    world.runUntil(fromSeconds(10));
    expect(run('GET console:key').text).toBe('"hello"');
    const lost = persistence.lastReport?.lostWrites.map((w) => w.client) ?? [];
    expect(lost).not.toContain('console');
    if (kind === 'kill') expect(lost).toHaveLength(0);
  });
});
