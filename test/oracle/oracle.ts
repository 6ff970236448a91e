import { expect } from 'vitest';
import { formatReply, type Reply } from '../../src/engine/index.ts';
import { testEngine } from '../helpers/engine.ts';
import type { RespClient } from '../helpers/real-redis.ts';

export type Compare = 'exact' | 'sorted';

/**
 * Runs the same command on real Redis and on the engine and requires the same reply, as
 * redis-cli would print it. `sorted` compares array replies as sets of lines, for commands
 * whose order Redis itself randomises (KEYS).
 */
export class Oracle {
  readonly local = testEngine(Date.now());
  readonly transcript: string[] = [];

  constructor(private readonly real: RespClient) {}

  async both(argv: readonly string[], compare: Compare = 'exact'): Promise<Reply> {
    const realReply = await this.real.call(...argv);
    // The engine's clock follows the wall clock, as the real server's does.
    this.local.clock.set(Date.now() * 1000);
    const localReply = this.local.engine.execute(this.local.session, argv);
    const expected = show(realReply, compare);
    const actual = show(localReply, compare);
    this.transcript.push(`> ${JSON.stringify(argv)}\n${expected}`);
    expect(actual, `reply to ${JSON.stringify(argv)}`).toBe(expected);
    return realReply;
  }
}

function show(reply: Reply, compare: Compare): string {
  if (compare === 'sorted' && reply.kind === 'array') {
    return reply.items
      .map((r) => formatReply(r))
      .sort()
      .join('\n');
  }
  return formatReply(reply);
}
