import type { Engine, Session } from '../engine/index.ts';

/**
 * Lines the console refuses before running them, because their reply alone would freeze the
 * page: SRANDMEMBER, ZRANDMEMBER and HRANDFIELD with a negative count draw that many
 * elements with repeats, so `SRANDMEMBER k -1000000000` asks for a billion-line reply from a
 * three-member set. Real Redis would build and send it (the engine does too, exactly); a
 * browser tab printing it would hang, so the console says why and runs nothing. Replies
 * about data that exists (LRANGE of a big list, KEYS *) are left alone: the data had to be
 * created first, one line at a time.
 */

/** The most elements a single console reply may be asked to invent. */
export const MAX_CONSOLE_REPLY_ITEMS = 100_000;

const LONG_MAX = 9223372036854775807n;
const HALF_LONG_MAX = LONG_MAX / 2n;
const INTEGER = /^(?:0|-?[1-9][0-9]*)$/;

/** The commands whose negative count sets the reply's length, and the type they read. */
const RANDOM_WITH_REPEATS: Readonly<Record<string, { type: string; flag?: string }>> = {
  srandmember: { type: 'set' },
  zrandmember: { type: 'zset', flag: 'withscores' },
  hrandfield: { type: 'hash', flag: 'withvalues' },
};

/**
 * The console's explanation when running argv would build an oversized reply, or null.
 * Only a line that Redis would really answer with that many elements is refused: bad
 * arguments, a missing key or a type clash still get Redis's own (small) reply.
 */
export function oversizedReply(
  engine: Engine,
  session: Session,
  argv: readonly string[],
): string | null {
  const name = argv[0]!.toLowerCase();
  const rule = RANDOM_WITH_REPEATS[name];
  if (rule === undefined || argv.length < 3 || argv.length > 4) return null;
  const countArg = argv[2]!;
  if (!INTEGER.test(countArg)) return null;
  const count = BigInt(countArg);
  if (count >= -BigInt(MAX_CONSOLE_REPLY_ITEMS) || count < -LONG_MAX) return null;
  if (argv.length === 4) {
    if (rule.flag === undefined || argv[3]!.toLowerCase() !== rule.flag) return null;
    if (count < -HALF_LONG_MAX) return null;
  }
  const db = engine.dbs[session.db];
  const value = db?.keys.get(argv[1]!);
  if (db === undefined || value === undefined || value.type !== rule.type) return null;
  const expires = db.expires.get(argv[1]!);
  if (expires !== undefined && engine.nowMs() > expires) return null;
  return (
    `Not run: ${argv[0]!.toUpperCase()} with count ${countArg} would print ${-count} ` +
    `elements and freeze this page (the console's limit is ${MAX_CONSOLE_REPLY_ITEMS}); ` +
    `real Redis would send them all.`
  );
}
