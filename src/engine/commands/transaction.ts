import { Err } from '../errors.ts';
import { NULL_ARRAY, OK, array, error, type Reply } from '../reply.ts';
import type { Engine, Session } from '../engine.ts';
import { ALL_KEYS, NO_KEYS, type CommandContext, type CommandSpec } from './types.ts';

/**
 * MULTI / EXEC / DISCARD / WATCH / UNWATCH (multi.c). Queueing itself happens in the
 * dispatcher (Engine.execute), which also marks a transaction failed when a command is
 * refused while queueing; EXEC here runs the queue through Engine.call, one reply each,
 * with no rollback when one of them fails.
 */

/** Leaves MULTI and forgets the queue and the watches (multi.c discardTransaction). */
export function discardTransaction(engine: Engine, session: Session): void {
  session.multi = undefined;
  session.multiFailed = false;
  session.dirtyCas = false;
  engine.watches.unwatchAll(session);
}

function multi(ctx: CommandContext): Reply {
  if (ctx.session.multi !== undefined) return error(Err.multiNested);
  ctx.session.multi = [];
  return OK;
}

function discard(ctx: CommandContext): Reply {
  if (ctx.session.multi === undefined) return error(Err.discardWithoutMulti);
  discardTransaction(ctx.engine, ctx.session);
  return OK;
}

function exec(ctx: CommandContext): Reply {
  const { engine, session } = ctx;
  const queue = session.multi;
  if (queue === undefined) return error(Err.execWithoutMulti);
  if (engine.watches.anyWatchedKeyExpired(session)) session.dirtyCas = true;
  if (session.multiFailed || session.dirtyCas) {
    const reply = session.multiFailed ? error(Err.execAbort) : NULL_ARRAY;
    discardTransaction(engine, session);
    return reply;
  }
  engine.watches.unwatchAll(session);
  const replies: Reply[] = [];
  const wasInExec = session.inExec;
  session.inExec = true;
  try {
    for (const { spec, argv } of queue) {
      replies.push(engine.call(session, spec, argv));
    }
  } finally {
    session.inExec = wasInExec;
    discardTransaction(engine, session);
  }
  return array(replies);
}

function watch(ctx: CommandContext): Reply {
  const { session } = ctx;
  if (session.multi !== undefined) return error(Err.watchInsideMulti);
  // Once dirty, more watches cannot change EXEC's outcome.
  if (session.dirtyCas) return OK;
  for (let i = 1; i < ctx.argv.length; i++) {
    ctx.engine.watches.watch(session, ctx.db, ctx.argv[i]!);
  }
  return OK;
}

function unwatch(ctx: CommandContext): Reply {
  ctx.engine.watches.unwatchAll(ctx.session);
  ctx.session.dirtyCas = false;
  return OK;
}

const tx = { group: 'transactions', keys: NO_KEYS } as const;

export const transactionCommands: readonly CommandSpec[] = [
  {
    ...tx,
    name: 'multi',
    arity: 1,
    flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    complexity: 'O(1)',
    summary: 'Mark the start of a transaction block',
    since: '1.2.0',
    handler: multi,
  },
  {
    ...tx,
    name: 'exec',
    arity: 1,
    flags: ['noscript', 'loading', 'stale', 'skip_slowlog'],
    complexity: 'Depends on commands in the transaction',
    summary: 'Execute all commands issued after MULTI',
    since: '1.2.0',
    handler: exec,
  },
  {
    ...tx,
    name: 'discard',
    arity: 1,
    flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    complexity: 'O(N), when N is the number of queued commands',
    summary: 'Discard all commands issued after MULTI',
    since: '2.0.0',
    handler: discard,
  },
  {
    ...tx,
    name: 'watch',
    arity: -2,
    flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    keys: ALL_KEYS,
    complexity: 'O(1) for every key.',
    summary: 'Watch the given keys to determine execution of the MULTI/EXEC block',
    since: '2.2.0',
    handler: watch,
  },
  {
    ...tx,
    name: 'unwatch',
    arity: 1,
    flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    complexity: 'O(1)',
    summary: 'Forget about all watched keys',
    since: '2.2.0',
    handler: unwatch,
  },
];
