/**
 * Every error string the engine replies with, named, exactly as Redis 7.0 spells it
 * (without the leading "-"). Tests compare against these and the oracle against real Redis.
 */
export const Err = {
  syntax: 'ERR syntax error',
  wrongType: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  notInteger: 'ERR value is not an integer or out of range',
  notFloat: 'ERR value is not a valid float',
  overflow: 'ERR increment or decrement would overflow',
  /** DECRBY of LLONG_MIN, which cannot be negated (t_string.c decrbyCommand). */
  decrementOverflow: 'ERR decrement would overflow',
  noSuchKey: 'ERR no such key',
  dbIndexOutOfRange: 'ERR DB index is out of range',
  stringTooLong: 'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
  expireOptionsNxConflict: 'ERR NX and XX, GT or LT options at the same time are not compatible',
  expireOptionsGtLt: 'ERR GT and LT options at the same time are not compatible',
  invalidCursor: 'ERR invalid cursor',
  hashValueNotInteger: 'ERR hash value is not an integer',
  hashValueNotFloat: 'ERR hash value is not a float',
  nanOrInfinity: 'ERR value is NaN or Infinity',
  incrementNanOrInfinity: 'ERR increment would produce NaN or Infinity',
  /** HRANDFIELD WITHVALUES with a count beyond +-LONG_MAX/2. */
  outOfRange: 'ERR value is out of range',
  /** getPositiveLongFromObjectOrReply (SPOP count). */
  mustBePositive: 'ERR value is out of range, must be positive',
  /** getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): only LLONG_MIN itself hits it. */
  countOutOfRange:
    'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
  numkeysNotPositive: 'ERR numkeys should be greater than 0',
  numkeysTooMany: "ERR Number of keys can't be greater than number of args",
  limitNegative: "ERR LIMIT can't be negative",
  // Sorted sets (t_zset.c)
  zaddNxXx: 'ERR XX and NX options at the same time are not compatible',
  zaddGtLtNx: 'ERR GT, LT, and/or NX options at the same time are not compatible',
  zaddIncrPairs: 'ERR INCR option supports a single increment-element pair',
  scoreIsNaN: 'ERR resulting score is not a number (NaN)',
  minMaxNotFloat: 'ERR min or max is not a float',
  minMaxNotLex: 'ERR min or max not valid string range item',
  zrangeLimitNeedsBy:
    'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
  zrangeWithscoresBylex: 'ERR syntax error, WITHSCORES not supported in combination with BYLEX',
  weightNotFloat: 'ERR weight value is not a float',
  countNotPositive: 'ERR count should be greater than 0',
  indexOutOfRange: 'ERR index out of range',
  lposRankZero:
    "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
  lposCountNegative: "ERR COUNT can't be negative",
  lposMaxlenNegative: "ERR MAXLEN can't be negative",
  timeoutNotFloat: 'ERR timeout is not a float or out of range',
  timeoutNegative: 'ERR timeout is negative',
  offsetOutOfRange: 'ERR offset is out of range',
  lcsNotStrings: 'ERR The specified keys must contain string values',
  lcsLenAndIdx: 'ERR If you want both the length and indexes, please just use IDX.',
  lcsTooMuchMemory: 'ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len',
  bitOffset: 'ERR bit offset is not an integer or out of range',
  bitfieldType:
    'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.',
  bitfieldOverflowType: 'ERR Invalid OVERFLOW type specified',
  bitfieldRoGetOnly: 'ERR BITFIELD_RO only supports the GET subcommand',
  // SORT (sort.c)
  sortScoreNotDouble: "ERR One or more scores can't be converted into double",
  sortByInCluster: 'ERR BY option of SORT denied in Cluster mode.',
  sortGetInCluster: 'ERR GET option of SORT denied in Cluster mode.',
  // DUMP and RESTORE (cluster.c)
  dumpPayload: 'ERR DUMP payload version or checksum are wrong',
  badDataFormat: 'ERR Bad data format',
  busyKey: 'BUSYKEY Target key name already exists.',
  restoreTtl: 'ERR Invalid TTL value, must be >= 0',
  restoreIdletime: 'ERR Invalid IDLETIME value, must be >= 0',
  restoreFreq: 'ERR Invalid FREQ value, must be >= 0 and <= 255',
  bitValue: 'ERR bit is not an integer or out of range',
  bitposBit: 'ERR The bit argument must be 1 or 0.',
  bitopNot: 'ERR BITOP NOT must be called with a single source key.',
  sameObject: 'ERR source and destination objects are the same',
  intRange: 'ERR value is out of range, value must between -2147483648 and 2147483647',
  invalidFirstDb: 'ERR invalid first DB index',
  invalidSecondDb: 'ERR invalid second DB index',
  oom: "OOM command not allowed when used memory > 'maxmemory'.",
  lfuNotSelected:
    'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
  lfuSelected:
    'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
  slowlogCount: 'ERR count should be greater than or equal to -1',
  debugNotAllowed:
    'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
  multiNested: 'ERR MULTI calls can not be nested',
  execWithoutMulti: 'ERR EXEC without MULTI',
  discardWithoutMulti: 'ERR DISCARD without MULTI',
  watchInsideMulti: 'ERR WATCH inside MULTI is not allowed',
  execAbort: 'EXECABORT Transaction discarded because of previous errors.',
  notAllowedInMulti: 'ERR Command not allowed inside a transaction',
  noProto: 'NOPROTO unsupported protocol version',
  protoVersionNotInteger: 'ERR Protocol version is not an integer or out of range',
  wrongPass: 'WRONGPASS invalid username-password pair or user is disabled.',
  badClientName: 'ERR Client names cannot contain spaces, newlines or special characters.',
  invalidClientId: 'ERR Invalid client ID',
  noSuchClient: 'ERR No such client',
  clientIdNotPositive: 'ERR client-id should be greater than 0',
  functionFlushMode: 'ERR FUNCTION FLUSH only supports SYNC|ASYNC option',
  functionLibraryNameMissing: 'ERR library name argument was not given',
  unblockReason: 'ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR',
  /** What a client interrupted by CLIENT UNBLOCK ... ERROR gets (no ERR prefix). */
  unblockedByClient: 'UNBLOCKED client unblocked via CLIENT UNBLOCK',
  /** A blocked client when its server became a replica (disconnectAllBlockedClients). */
  unblockedRoleChange:
    'UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)',
  noShutdownInProgress: 'ERR No shutdown in progress.',
  shutdownFailed: 'ERR Errors trying to SHUTDOWN. Check logs.',
  noReplicas: 'NOREPLICAS Not enough good replicas to write.',
  readonlyReplica: "READONLY You can't write against a read only replica.",
  masterDown: "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
  replicaofInCluster: 'ERR REPLICAOF not allowed in cluster mode.',
  invalidMasterPort: 'ERR Invalid master port',
  replicaofFromReplica: 'ERR Command is not valid when client is a replica.',
} as const;

/** `ERR wrong number of arguments for 'get' command` (Redis uses the command's canonical name). */
export function wrongArity(fullname: string): string {
  return `ERR wrong number of arguments for '${fullname}' command`;
}

/** `ERR at least 1 input key is needed for 'zunion' command`. */
export function needsInputKey(fullname: string): string {
  return `ERR at least 1 input key is needed for '${fullname}' command`;
}

/** `ERR invalid expire time in 'set' command`. */
export function invalidExpireTime(fullname: string): string {
  return `ERR invalid expire time in '${fullname}' command`;
}

export function unsupportedOption(option: string): string {
  return `ERR Unsupported option ${cString(option)}`;
}

/**
 * `ERR unknown command 'foo', with args beginning with: 'a' 'b' `. Mirrors
 * commandCheckExistence in server.c: the name is cut at 128 bytes, the args share a
 * 128-byte budget, C strings stop at NUL, and CR/LF become spaces so the reply stays one line.
 */
export function unknownCommand(argv: readonly string[]): string {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${cString(argv[i] ?? '').slice(0, 128 - args.length)}' `;
  }
  const name = cString(argv[0] ?? '').slice(0, 128);
  return noNewlines(`ERR unknown command '${name}', with args beginning with: ${args}`);
}

/** `ERR unknown subcommand 'foo'. Try CONFIG HELP.` */
export function unknownSubcommand(sub: string, container: string): string {
  return noNewlines(
    `ERR unknown subcommand '${cString(sub).slice(0, 128)}'. Try ${container.toUpperCase()} HELP.`,
  );
}

/** `ERR Can't execute 'get': only (P|S)SUBSCRIBE / ... are allowed in this context`. */
export function notAllowedWhileSubscribed(fullname: string): string {
  return `ERR Can't execute '${fullname}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`;
}

/** EXEC refused before running: `EXECABORT Transaction discarded because of: <reason>`. */
export function execAbortBecause(error: string): string {
  const reason = error.startsWith('ERR ') ? error.slice(4) : error;
  return `EXECABORT Transaction discarded because of: ${reason}`;
}

/** `ERR Syntax error in HELLO option 'foo'`. */
export function helloOptionError(option: string): string {
  return noNewlines(`ERR Syntax error in HELLO option '${cString(option)}'`);
}

/** `ERR Unknown client type 'foo'`. */
export function unknownClientType(type: string): string {
  return noNewlines(`ERR Unknown client type '${cString(type)}'`);
}

/** `ERR unknown subcommand or wrong number of arguments for 'x'. Try PUBSUB HELP.` */
export function subcommandSyntaxError(sub: string, container: string): string {
  return noNewlines(
    `ERR unknown subcommand or wrong number of arguments for '${cString(sub).slice(0, 128)}'. Try ${container.toUpperCase()} HELP.`,
  );
}

/** What C's `%s` prints of a binary-safe string: everything before the first NUL. */
function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul === -1 ? s : s.slice(0, nul);
}

function noNewlines(s: string): string {
  return s.replace(/[\r\n]/g, ' ');
}

/** `ERR Unknown option or number of arguments for CONFIG SET - 'foo'`. */
export function configSetUnknown(name: string): string {
  return `ERR Unknown option or number of arguments for CONFIG SET - '${cString(name)}'`;
}

/** `ERR CONFIG SET failed (possibly related to argument 'maxmemory') - <reason>`. */
export function configSetFailed(name: string, reason: string): string {
  return `ERR CONFIG SET failed (possibly related to argument '${cString(name)}') - ${reason}`;
}

/** REPLCONF with an option it does not know (replication.c replconfCommand). */
export function unrecognizedReplconfOption(option: string): string {
  return `ERR Unrecognized REPLCONF option: ${cString(option)}`;
}

/** SYNC / PSYNC on a host that cannot stream to a replica (the console, the simulation). */
export const replicationUnavailable = 'ERR SYNC and PSYNC are not available on this connection';
