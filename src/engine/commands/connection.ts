import { wrongArity } from '../errors.ts';
import { PONG, bulk, error, type Reply } from '../reply.ts';
import { NO_KEYS, type CommandContext, type CommandSpec } from './types.ts';

function ping(ctx: CommandContext): Reply {
  // PING takes zero or one argument; arity -1 lets the command give the error itself.
  if (ctx.argv.length > 2) return error(wrongArity(ctx.spec.name));
  return ctx.argv.length === 1 ? PONG : bulk(ctx.argv[1]!);
}

const conn = { group: 'connection', keys: NO_KEYS } as const;

export const connectionCommands: readonly CommandSpec[] = [
  {
    ...conn,
    name: 'ping',
    arity: -1,
    flags: ['fast'],
    complexity: 'O(1)',
    summary: 'Ping the server',
    since: '1.0.0',
    handler: ping,
  },
  {
    ...conn,
    name: 'echo',
    arity: 2,
    flags: ['loading', 'stale', 'fast'],
    complexity: 'O(1)',
    summary: 'Echo the given string',
    since: '1.0.0',
    handler: (ctx) => bulk(ctx.argv[1]!),
  },
];
