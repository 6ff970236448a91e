import type { Database } from '../keyspace/database.ts';
import type { Reply } from '../reply.ts';
import type { Engine, Session } from '../engine.ts';

/** Command flags, named as in Redis's command table (COMMAND INFO prints them). */
export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'blocking'
  | 'loading'
  | 'stale'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'fast'
  | 'no_auth'
  | 'may_replicate'
  | 'no_multi'
  | 'allow_busy'
  | 'no_async_loading'
  /** Keys found by parsing arguments (numkeys), not by first/last/step. */
  | 'movablekeys';

export type CommandGroup =
  | 'string'
  | 'bitmap'
  | 'list'
  | 'hash'
  | 'set'
  | 'sorted_set'
  | 'generic'
  | 'connection'
  | 'server'
  | 'transactions'
  | 'pubsub'
  | 'scripting';

/** What a handler gets: the parsed call and the state it may touch. */
export interface CommandContext {
  readonly engine: Engine;
  readonly session: Session;
  readonly db: Database;
  /** argv[0] is the command name as typed; the rest are byte strings. */
  readonly argv: readonly string[];
  /** The command's start time in Unix ms; one reading per call, as Redis caches it. */
  readonly nowMs: number;
  readonly spec: CommandSpec;
}

export type CommandHandler = (ctx: CommandContext) => Reply;

/**
 * One row of the command table: the data Redis keeps in src/commands/*.json plus the
 * handler. Arity follows Redis: N means exactly N arguments including the name, -N at least N.
 */
export interface CommandSpec {
  /** Lower-case canonical name, as arity errors print it. */
  readonly name: string;
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  /** Key positions as COMMAND INFO gives them: first, last (-1 = last argument), step. */
  readonly keys: { readonly first: number; readonly last: number; readonly step: number };
  readonly group: CommandGroup;
  /** Time complexity, as the Redis docs state it. */
  readonly complexity: string;
  readonly summary: string;
  readonly since: string;
  readonly handler: CommandHandler;
  /**
   * For a container command (CLIENT, PUBSUB, CONFIG...): its subcommands, named
   * `container|sub`. The dispatcher picks one by argv[1] and checks its arity, as Redis 7
   * does, so `CLIENT GETNAME x` fails with `'client|getname'` before any handler runs.
   */
  readonly subcommands?: readonly CommandSpec[];
}

export const NO_KEYS = { first: 0, last: 0, step: 0 } as const;
export const ONE_KEY = { first: 1, last: 1, step: 1 } as const;
export const ALL_KEYS = { first: 1, last: -1, step: 1 } as const;
