import { expect } from 'vitest';
import { formatReply, type Reply } from '../../src/engine/index.ts';
import { testEngine } from '../helpers/engine.ts';
import type { RespClient } from '../helpers/real-redis.ts';

/**
 * How two replies are compared. 'exact' as redis-cli prints them; 'sorted' compares an
 * array's items as a set (KEYS, SMEMBERS: Redis randomises their order per process);
 * 'pairs' compares a flat field/value array as a set of pairs (HGETALL of a big hash);
 * or a function that turns a reply into the text to compare.
 */
export type Compare = 'exact' | 'sorted' | 'pairs' | ((reply: Reply) => string);

/**
 * Runs the same command on real Redis and on the engine and requires the same reply
 * (miniredis's integration harness, in TypeScript). The engine's clock follows the wall
 * clock, as the real server's does.
 */
export class Oracle {
  readonly local = testEngine(Date.now());

  constructor(private readonly real: RespClient) {}

  async both(argv: readonly string[], compare: Compare = 'exact'): Promise<Reply> {
    const realReply = await this.real.call(...argv);
    this.local.clock.set(Date.now() * 1000);
    const localReply = this.local.run(...argv);
    expect(show(localReply, compare), `reply to ${JSON.stringify(argv)}`).toBe(
      show(realReply, compare),
    );
    return realReply;
  }
}

export function show(reply: Reply, compare: Compare): string {
  if (typeof compare === 'function') return compare(reply);
  // A RESP3-minded engine reply (set, map) compares with the RESP2 array real Redis sends.
  if (compare === 'sorted' && (reply.kind === 'array' || reply.kind === 'set')) {
    return reply.items
      .map((r) => formatReply(r))
      .sort()
      .join('\n');
  }
  if (compare === 'pairs' && (reply.kind === 'array' || reply.kind === 'map')) {
    const flat = reply.kind === 'map' ? reply.entries.flat() : reply.items;
    const pairs: string[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      pairs.push(`${formatReply(flat[i]!)} => ${formatReply(flat[i + 1]!)}`);
    }
    return pairs.sort().join('\n');
  }
  return formatReply(reply);
}
