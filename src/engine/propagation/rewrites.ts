/**
 * How each command is propagated once it ran and changed the dataset: as typed, or
 * rewritten the way Redis 7.0.15's command implementations rewrite their client's argv
 * (rewriteClientCommandVector / rewriteClientCommandArgument / replaceClientCommandVector)
 * or replace it by alsoPropagate() calls. Every rule reads only the call (argv, database
 * after the run) and its reply, so the commands themselves know nothing of propagation.
 *
 * A rule runs only when the command is propagated at all: when it moved the dirty counter
 * (call() in server.c), or when the rule forces it (forceCommandPropagation).
 */
import type { CommandContext } from '../commands/types.ts';
import type { Reply } from '../reply.ts';
import { Target } from './types.ts';

export type Argv = readonly string[];

export interface PropagationRule {
  /** forceCommandPropagation: propagated to these targets even when nothing changed. */
  readonly force?: number;
  /** The commands propagated instead of the call's own argv; undefined keeps argv. */
  readonly rewrite?: (ctx: CommandContext, reply: Reply) => readonly Argv[] | undefined;
  /** Never propagated itself (EXEC: the commands it ran are). */
  readonly never?: boolean;
}

/** Commands whose own lazy-expire deletions are never wrapped in MULTI (CMD_TOUCHES_ARBITRARY_KEYS). */
export const TOUCHES_ARBITRARY_KEYS: ReadonlySet<string> = new Set(['scan', 'randomkey']);

/** DEL, or UNLINK when the server frees expired values lazily (lazyfree-lazy-expire). */
export function expireDeletion(ctx: CommandContext): string {
  return ctx.engine.config['lazyfree-lazy-expire'] === 'yes' ? 'UNLINK' : 'DEL';
}

function upper(arg: string | undefined): string {
  return arg === undefined ? '' : arg.toUpperCase();
}

/** The items of an array (or RESP3 set) reply; empty for anything else. */
function items(reply: Reply | undefined): readonly Reply[] {
  return reply !== undefined && (reply.kind === 'array' || reply.kind === 'set') ? reply.items : [];
}

function text(reply: Reply | undefined): string | undefined {
  return reply?.kind === 'bulk' ? reply.value : undefined;
}

/** The key's absolute expire time after the run, or the one the arguments name. */
function expireOf(ctx: CommandContext, key: string, fallback: () => number): number {
  const when = ctx.db.getExpire(key);
  return when >= 0 ? when : fallback();
}

/** SET's EX/PX/EXAT/PXAT option as an absolute Unix ms time, or undefined when none. */
function setExpireAt(ctx: CommandContext, from: number): number | undefined {
  const { argv } = ctx;
  for (let j = from; j < argv.length - 1; j++) {
    const n = Number(argv[j + 1]);
    switch (upper(argv[j])) {
      case 'EX':
        return ctx.nowMs + n * 1000;
      case 'PX':
        return ctx.nowMs + n;
      case 'EXAT':
        return n * 1000;
      case 'PXAT':
        return n;
    }
  }
  return undefined;
}

/** setGenericCommand: an expire becomes SET key value PXAT ms; otherwise GET is dropped. */
function setRewrite(ctx: CommandContext): readonly Argv[] | undefined {
  const { argv } = ctx;
  const key = argv[1]!;
  const at = setExpireAt(ctx, 3);
  if (at !== undefined) {
    return [['SET', key, argv[2]!, 'PXAT', String(expireOf(ctx, key, () => at))]];
  }
  let hasGet = false;
  for (let j = 3; j < argv.length; j++) if (upper(argv[j]) === 'GET') hasGet = true;
  if (!hasGet) return undefined;
  return [argv.filter((a, j) => j < 3 || upper(a) !== 'GET')];
}

/** SETEX key seconds value / PSETEX key ms value: SET key value PXAT ms. */
function setexRewrite(unitMs: number) {
  return (ctx: CommandContext): readonly Argv[] => {
    const [, key, amount, value] = ctx.argv as [string, string, string, string];
    const when = expireOf(ctx, key, () => ctx.nowMs + Number(amount) * unitMs);
    return [['SET', key, value, 'PXAT', String(when)]];
  };
}

/**
 * expireGenericCommand: a time already past deletes the key (DEL / UNLINK); otherwise
 * PEXPIREAT key ms with the options kept. PEXPIREAT's own time argument is left as typed.
 */
function expireRewrite(ctx: CommandContext): readonly Argv[] {
  const { argv } = ctx;
  const key = argv[1]!;
  if (!ctx.db.keys.has(key)) return [[expireDeletion(ctx), key]];
  const when = ctx.spec.name === 'pexpireat' ? argv[2]! : String(ctx.db.getExpire(key));
  return [['PEXPIREAT', key, when, ...argv.slice(3)]];
}

/** getexCommand: DEL when the time was past, PERSIST, or PEXPIREAT key ms. */
function getexRewrite(ctx: CommandContext): readonly Argv[] {
  const key = ctx.argv[1]!;
  if (!ctx.db.keys.has(key)) return [[expireDeletion(ctx), key]];
  if (upper(ctx.argv[2]) === 'PERSIST') return [['PERSIST', key]];
  return [['PEXPIREAT', key, String(ctx.db.getExpire(key))]];
}

/** spopCommand / spopWithCountCommand: SREM per member, or DEL when the whole set went. */
function spopRewrite(ctx: CommandContext, reply: Reply): readonly Argv[] {
  const key = ctx.argv[1]!;
  if (ctx.argv.length === 2) return [['SREM', key, text(reply) ?? '']];
  if (!ctx.db.keys.has(key)) return [['DEL', key]];
  return items(reply).map((member) => ['SREM', key, text(member) ?? '']);
}

/** [key, [elements]] replies of LMPOP/ZMPOP: the key and how many were popped. */
function poppedFrom(reply: Reply): { key: string; count: number } | undefined {
  const [key, popped] = items(reply);
  const name = text(key);
  return name === undefined ? undefined : { key: name, count: items(popped).length };
}

/** LMPOP / BLMPOP, ZMPOP / BZMPOP: numkeys at `at`, the direction right after the keys. */
function mpopRewrite(at: number, left: string, right: string) {
  return (ctx: CommandContext, reply: Reply): readonly Argv[] | undefined => {
    const popped = poppedFrom(reply);
    if (popped === undefined) return undefined;
    const where = upper(ctx.argv[at + 1 + Number(ctx.argv[at])]);
    const name = where === 'LEFT' || where === 'MIN' ? left : right;
    return [[name, popped.key, String(popped.count)]];
  };
}

const blmpopRewrite = mpopRewrite(2, 'LPOP', 'RPOP');
const bzmpopRewrite = mpopRewrite(2, 'ZPOPMIN', 'ZPOPMAX');

/** BLPOP / BRPOP / BZPOPMIN / BZPOPMAX answered at once: the plain pop of the key found. */
function popRewrite(name: string) {
  return (_ctx: CommandContext, reply: Reply): readonly Argv[] | undefined => {
    const key = text(items(reply)[0]);
    return key === undefined ? undefined : [[name, key]];
  };
}

/**
 * RESTORE key ttl payload (cluster.c restoreCommand): a relative TTL becomes absolute with
 * ABSTTL appended; a TTL already past deletes the key instead.
 */
function restoreRewrite(ctx: CommandContext): readonly Argv[] | undefined {
  const { argv } = ctx;
  const key = argv[1]!;
  if (Number(argv[2]) === 0) return undefined;
  if (!ctx.db.keys.has(key)) return [['DEL', key]];
  if (argv.slice(4).some((a) => upper(a) === 'ABSTTL')) return undefined;
  const rewritten = [...argv];
  rewritten[2] = String(ctx.db.getExpire(key));
  rewritten.push('ABSTTL');
  return [rewritten];
}

const rules: Record<string, PropagationRule> = {
  exec: { never: true },
  flushall: { force: Target.both },
  flushdb: { force: Target.both },
  publish: { force: Target.repl },
  spublish: { force: Target.repl },
  set: { rewrite: setRewrite },
  setex: { rewrite: setexRewrite(1000) },
  psetex: { rewrite: setexRewrite(1) },
  getset: { rewrite: (ctx) => [['SET', ctx.argv[1]!, ctx.argv[2]!]] },
  getdel: { rewrite: (ctx) => [['DEL', ctx.argv[1]!]] },
  getex: { rewrite: getexRewrite },
  incrbyfloat: {
    rewrite: (ctx, reply) => [['SET', ctx.argv[1]!, text(reply) ?? '', 'KEEPTTL']],
  },
  hincrbyfloat: {
    rewrite: (ctx, reply) => [['HSET', ctx.argv[1]!, ctx.argv[2]!, text(reply) ?? '']],
  },
  expire: { rewrite: expireRewrite },
  pexpire: { rewrite: expireRewrite },
  expireat: { rewrite: expireRewrite },
  pexpireat: { rewrite: expireRewrite },
  spop: { rewrite: spopRewrite },
  lmpop: { rewrite: mpopRewrite(1, 'LPOP', 'RPOP') },
  blmpop: { rewrite: blmpopRewrite },
  zmpop: { rewrite: mpopRewrite(1, 'ZPOPMIN', 'ZPOPMAX') },
  bzmpop: { rewrite: bzmpopRewrite },
  blpop: { rewrite: popRewrite('LPOP') },
  brpop: { rewrite: popRewrite('RPOP') },
  bzpopmin: { rewrite: popRewrite('ZPOPMIN') },
  bzpopmax: { rewrite: popRewrite('ZPOPMAX') },
  blmove: { rewrite: (ctx) => [['LMOVE', ...ctx.argv.slice(1, 5)]] },
  brpoplpush: { rewrite: (ctx) => [['RPOPLPUSH', ctx.argv[1]!, ctx.argv[2]!]] },
  restore: { rewrite: restoreRewrite },
};

export const propagationRules: ReadonlyMap<string, PropagationRule> = new Map(
  Object.entries(rules),
);

/**
 * What a blocked client, served once its key got data, propagates (serveClientBlockedOnList,
 * serveClientsBlockedOnSortedSetKey): the non-blocking form, for the key that served it.
 * `ctx` is the blocked call; undefined when nothing was done (an error reply).
 */
export function servedPropagation(
  ctx: CommandContext,
  key: string,
  reply: Reply,
): readonly Argv[] | undefined {
  if (reply.kind === 'error' || reply.kind === 'null' || reply.kind === 'nullArray') {
    return undefined;
  }
  const { argv } = ctx;
  switch (ctx.spec.name) {
    case 'blpop':
      return [['LPOP', key]];
    case 'brpop':
      return [['RPOP', key]];
    case 'bzpopmin':
      return [['ZPOPMIN', key]];
    case 'bzpopmax':
      return [['ZPOPMAX', key]];
    case 'blmpop':
      return blmpopRewrite(ctx, reply);
    case 'bzmpop':
      return bzmpopRewrite(ctx, reply);
    case 'blmove':
      return [['LMOVE', key, argv[2]!, argv[3]!.toLowerCase(), argv[4]!.toLowerCase()]];
    case 'brpoplpush':
      return [['RPOPLPUSH', key, argv[2]!]];
  }
  return undefined;
}
