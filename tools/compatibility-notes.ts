/**
 * What the generated COMPATIBILITY.md cannot learn by itself: deliberate differences from
 * Redis 7.0.15 and partial implementations, per command (lower-case, `container|sub` for
 * subcommands). Everything else in that file is computed.
 */
const replicaof =
  "Replies, READONLY, MASTERDOWN and NOREPLICAS as Redis. The RESP server connects and always does a full sync (PSYNC ? -1, the RDB loaded, then the stream); a replica does not pass its master's stream on to replicas of its own. In the browser engine, with no host to connect, the link stays down.";

export const partial: Readonly<Record<string, string>> = {
  replicaof,
  slaveof: replicaof,
  save: 'The RESP server writes dump.rdb to --dir (a temporary folder by default); the browser engine has no disk and only marks the dataset saved.',
  shutdown:
    'The RESP server saves as asked and exits; the browser engine answers "Errors trying to SHUTDOWN".',
  psync:
    'Always a full resynchronisation (+FULLRESYNC with the whole dataset as RDB, then the command stream); no backlog, so never +CONTINUE.',
};

/** Differences that apply across commands. */
export const deliberateDifferences: readonly string[] = [
  'SCAN, HSCAN, SSCAN and ZSCAN cursors are sequence numbers, not reverse-binary bucket indexes. The guarantees are the same (every element present for the whole iteration is returned at least once; iteration ends at cursor 0), the cursor values and the order are not. Real Redis also randomises order per process.',
  'Unordered replies (KEYS, SMEMBERS, HGETALL of a hashtable-encoded hash, ...) come in insertion order rather than hash-table order; the oracle tests compare them as sets, as clients must.',
  'Random choices (RANDOMKEY, SPOP, SRANDMEMBER, HRANDFIELD, ZRANDMEMBER, eviction sampling) use the seeded PRNG the engine is given, so a simulation replays exactly; they match Redis in distribution, not in the particular picks.',
  'DUMP payloads are byte-for-byte Redis 7.0.15\'s for strings (integer, plain and LZF-compressed), intsets, listpack hashes and sorted sets, skiplist sorted sets and lists grown at the tail. Hashtable sets and hashes are written in insertion order rather than hash order, an intset always at its narrowest width, and a list\'s quicklist nodes are cut as RPUSH would cut them (a list grown at the head may be cut elsewhere). Payloads restore both ways with the same contents and encodings, and RESTORE also reads Redis 6 payloads (ziplists); a payload holding a stream, a module value or a pre-3.2 zipmap is refused as "Bad data format".',
  'Expire times beyond 2^53 ms are kept as JavaScript numbers and lose precision (Redis keeps int64); no realistic TTL comes near.',
];
