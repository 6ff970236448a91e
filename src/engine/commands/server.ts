/**
 * Server and introspection commands: TIME, INFO, CONFIG, SLOWLOG, DEBUG, COMMAND, OBJECT,
 * MEMORY. Container commands (CONFIG GET, OBJECT ENCODING...) resolve their subcommand and
 * check its arity here, with the errors processCommand gives for subcommands.
 */
import {
  Err,
  configSetFailed,
  configSetUnknown,
  unknownSubcommand,
  wrongArity,
} from '../errors.ts';
import { isLfuPolicy, lfuDecayed, idleMs, type TrackedValue } from '../keyspace/access.ts';
import { globMatch } from '../keyspace/glob.ts';
import { encodingOf, memoryUsageOf } from '../keyspace/value-ops.ts';
import { keyOverhead } from '../memory/alloc.ts';
import { parseInt64 } from '../numbers.ts';
import {
  NULL,
  OK,
  array,
  bulk,
  error,
  integer,
  map,
  status,
  verbatim,
  type Reply,
} from '../reply.ts';
import {
  allNames,
  formatParam,
  lookupParam,
  normalise,
  parseParam,
  type ConfigParam,
  type ParsedValue,
} from '../server/config-params.ts';
import { infoString, memoryStats } from '../server/info.ts';
import { commandDocs, commandInfoRow, type SubcommandSpec } from './command-info.ts';
import { commandList, lookupCommand } from './table.ts';
import { NO_KEYS, type CommandContext, type CommandHandler, type CommandSpec } from './types.ts';

interface Sub extends SubcommandSpec {
  readonly handler: CommandHandler;
}

const subcommandTable = new Map<string, readonly Sub[]>();

/** The subcommands of a container command, for COMMAND INFO / DOCS. */
export function subcommandsOf(name: string): readonly SubcommandSpec[] | undefined {
  return subcommandTable.get(name);
}

/** A container's handler: find the subcommand, check its arity, run it. */
function container(name: string, subs: readonly Sub[]): CommandHandler {
  subcommandTable.set(name, subs);
  return (ctx) => {
    const given = ctx.argv[1]!;
    const lower = given.toLowerCase();
    const sub = subs.find((s) => s.name === lower);
    if (sub === undefined) return error(unknownSubcommand(given, name));
    const n = ctx.argv.length;
    if ((sub.arity > 0 && n !== sub.arity) || n < -sub.arity) {
      return error(wrongArity(`${name}|${sub.name}`));
    }
    return sub.handler(ctx);
  };
}

/** addReplyHelp: the usage line, the lines, and HELP's own entry, as status replies. */
function help(name: string, lines: readonly string[]): Reply {
  return array(
    [
      `${name} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`,
      ...lines,
      'HELP',
      '    Prints this help.',
    ].map(status),
  );
}

const ADMIN = ['admin', 'noscript', 'loading', 'stale'] as const;
const HELP_FLAGS = ['loading', 'stale'] as const;

// ---- TIME, INFO ----

function time(ctx: CommandContext): Reply {
  const micros = ctx.engine.clock.nowMicros();
  const seconds = Math.floor(micros / 1e6);
  return array([bulk(String(seconds)), bulk(String(micros - seconds * 1e6))]);
}

function info(ctx: CommandContext): Reply {
  return verbatim(infoString(ctx.engine, ctx.argv.slice(1)));
}

// ---- CONFIG ----

function configGet(ctx: CommandContext): Reply {
  const matches = new Map<string, ConfigParam>();
  for (let i = 2; i < ctx.argv.length; i++) {
    const pattern = ctx.argv[i]!;
    if (!/[[*?]/.test(pattern)) {
      // An exact name is looked up directly and echoed as typed.
      const param = lookupParam(pattern);
      if (param !== undefined && !matches.has(pattern)) matches.set(pattern, param);
      continue;
    }
    for (const [name, param] of allNames()) {
      if (!matches.has(name) && globMatch(pattern, name, true)) matches.set(name, param);
    }
  }
  const config = ctx.engine.config;
  return map([...matches].map(([name, p]) => [bulk(name), bulk(formatParam(config, p))]));
}

function configSet(ctx: CommandContext): Reply {
  const { argv, engine } = ctx;
  if (argv.length % 2 !== 0) return error(Err.syntax);
  let unknown: string | undefined;
  let failure: [string, string] | undefined;
  const chosen: [string, ConfigParam, string][] = [];
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i]!;
    const param = lookupParam(name);
    if (param === undefined) {
      // Whichever problem comes first is the one reported.
      if (failure === undefined) unknown ??= name;
      continue;
    }
    if (unknown !== undefined || failure !== undefined) continue;
    if (param.immutable) {
      failure = [name, "can't set immutable config"];
      continue;
    }
    // An alias is its own entry: only the same spelling counts as a duplicate.
    const key = name.toLowerCase();
    if (chosen.some(([k]) => k === key)) {
      failure = [name, 'duplicate parameter'];
      continue;
    }
    chosen.push([key, param, argv[i + 1]!]);
  }
  if (unknown !== undefined) return error(configSetUnknown(unknown));
  if (failure !== undefined) return error(configSetFailed(failure[0], failure[1]));

  const values: [ConfigParam, ParsedValue][] = [];
  for (const [key, param, raw] of chosen) {
    const parsed = parseParam(param, raw);
    if ('error' in parsed) return error(configSetFailed(key, parsed.error));
    values.push([param, normalise(param, parsed.value)]);
  }
  const config = engine.config as unknown as Record<string, ParsedValue>;
  const before = engine.config.maxmemory;
  for (const [param, value] of values) config[param.name] = value;
  if (values.some(([param]) => param.kind === 'notify')) engine.keyspaceEventsChanged();
  engine.refreshWriteGuards();
  // updateMaxmemory starts the eviction timer whenever a limit is set or lowered (0 = none).
  const limit = engine.config.maxmemory;
  if (limit > 0 && (before === 0 || limit < before)) engine.performEvictions();
  return OK;
}

function configResetstat(ctx: CommandContext): Reply {
  const engine = ctx.engine;
  engine.tracker.resetStats();
  engine.stats.reset();
  engine.commandsProcessed = 0;
  engine.expireCycle.stalePerc = 0;
  engine.expireCycle.timeCapReached = 0;
  engine.expireCycle.timeUsedMicros = 0;
  engine.stats.memoryPeak = 0;
  engine.usedMemory();
  return OK;
}

const configSubs: readonly Sub[] = [
  {
    name: 'get',
    arity: -3,
    flags: ADMIN,
    keys: NO_KEYS,
    summary: 'Get the values of configuration parameters',
    handler: configGet,
  },
  {
    name: 'set',
    arity: -4,
    flags: ADMIN,
    keys: NO_KEYS,
    summary: 'Set configuration parameters to the given values',
    handler: configSet,
  },
  {
    name: 'resetstat',
    arity: 2,
    flags: ADMIN,
    keys: NO_KEYS,
    summary: 'Reset the stats returned by INFO',
    handler: configResetstat,
  },
  {
    name: 'rewrite',
    arity: 2,
    flags: ADMIN,
    keys: NO_KEYS,
    summary: 'Rewrite the configuration file with the in memory configuration',
    handler: () => error('ERR The server is running without a config file'),
  },
  {
    name: 'help',
    arity: 2,
    flags: HELP_FLAGS,
    keys: NO_KEYS,
    summary: 'Show helpful text about the different subcommands',
    handler: () =>
      help('CONFIG', [
        'GET <pattern>',
        '    Return parameters matching the glob-like <pattern> and their values.',
        'SET <directive> <value>',
        '    Set the configuration <directive> to <value>.',
        'RESETSTAT',
        '    Reset statistics reported by the INFO command.',
        'REWRITE',
        '    Rewrite the configuration file.',
      ]),
  },
];

// ---- SLOWLOG ----

function slowlogGet(ctx: CommandContext): Reply {
  let count = 10;
  if (ctx.argv.length > 3) return subcommandSyntaxError(ctx.argv);
  if (ctx.argv.length === 3) {
    const n = parseInt64(ctx.argv[2]!);
    if (n === null || n < -1) return error(Err.slowlogCount);
    count = n === -1 ? Infinity : Number(n);
  }
  const entries = ctx.engine.slowlog.entries.slice(0, count);
  return array(
    entries.map((e) =>
      array([
        integer(e.id),
        integer(e.time),
        integer(e.micros),
        array(e.argv.map(bulk)),
        bulk(e.addr),
        bulk(e.name),
      ]),
    ),
  );
}

const SLOWLOG_ADMIN = ['admin', 'loading', 'stale'] as const;
const slowlogSubs: readonly Sub[] = [
  {
    name: 'get',
    arity: -2,
    flags: SLOWLOG_ADMIN,
    keys: NO_KEYS,
    summary: "Get the slow log's entries",
    handler: slowlogGet,
  },
  {
    name: 'len',
    arity: 2,
    flags: SLOWLOG_ADMIN,
    keys: NO_KEYS,
    summary: "Get the slow log's length",
    handler: (ctx) => integer(ctx.engine.slowlog.entries.length),
  },
  {
    name: 'reset',
    arity: 2,
    flags: SLOWLOG_ADMIN,
    keys: NO_KEYS,
    summary: 'Clear all entries from the slow log',
    handler: (ctx) => {
      ctx.engine.slowlog.reset();
      return OK;
    },
  },
  {
    name: 'help',
    arity: 2,
    flags: HELP_FLAGS,
    keys: NO_KEYS,
    summary: 'Show helpful text about the different subcommands',
    handler: () =>
      help('SLOWLOG', [
        'GET [<count>]',
        '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
        '    Entries are made of:',
        '    id, timestamp, time in microseconds, arguments array, client IP and port,',
        '    client name',
        'LEN',
        '    Return the length of the slowlog.',
        'RESET',
        '    Reset the slowlog.',
      ]),
  },
];

// ---- DEBUG ----

function debug(ctx: CommandContext): Reply {
  const { argv, engine } = ctx;
  if (engine.config['enable-debug-command'] === 'no') return error(Err.debugNotAllowed);
  const sub = argv[1]!.toLowerCase();
  if (sub === 'help' && argv.length === 2) {
    return help('DEBUG', [
      'SET-ACTIVE-EXPIRE <0|1>',
      '    Setting it to 0 disables expiring keys in background when they are not',
      '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
      '    default.',
      'SLEEP <seconds>',
      '    Stop the server for <seconds>. Decimals allowed.',
    ]);
  }
  if (sub === 'sleep' && argv.length === 3) {
    // strtod: a leading number, anything else reads as 0.
    const seconds = Number.parseFloat(argv[2]!);
    const micros = Number.isFinite(seconds) ? Math.trunc(seconds * 1e6) : 0;
    if (micros > 0) engine.declareServiceMicros(micros);
    return OK;
  }
  if (sub === 'set-active-expire' && argv.length === 3) {
    engine.activeExpireEnabled = argv[2] !== '0' && Number.parseInt(argv[2]!, 10) !== 0;
    return OK;
  }
  return subcommandSyntaxError(argv);
}

/** addReplySubcommandSyntaxError: a subcommand the handler itself does not accept. */
function subcommandSyntaxError(argv: readonly string[]): Reply {
  return error(
    `ERR unknown subcommand or wrong number of arguments for '${argv[1]!.slice(0, 128)}'. Try ${argv[0]!.toUpperCase()} HELP.`,
  );
}

// ---- COMMAND ----

function command(ctx: CommandContext): Reply {
  const { argv } = ctx;
  if (argv.length === 1)
    return array(commandList.map((s) => commandInfoRow(s, subcommandsOf(s.name))));
  const sub = argv[1]!.toLowerCase();
  const n = argv.length;
  const arityError = (arity: number): Reply | undefined =>
    (arity > 0 && n !== arity) || n < -arity ? error(wrongArity(`command|${sub}`)) : undefined;
  switch (sub) {
    case 'count':
      return arityError(2) ?? integer(commandList.length);
    case 'info': {
      if (n === 2) return array(commandList.map((s) => commandInfoRow(s, subcommandsOf(s.name))));
      return array(
        argv.slice(2).map((name) => {
          const spec = findCommand(name);
          return spec === undefined
            ? NULL_ARRAY_REPLY
            : commandInfoRow(spec, subcommandsOf(spec.name));
        }),
      );
    }
    case 'docs': {
      const specs =
        n === 2
          ? commandList
          : argv
              .slice(2)
              .map(findCommand)
              .filter((s): s is CommandSpec => s !== undefined);
      return map(specs.map((s) => [bulk(s.name), commandDocs(s, subcommandsOf(s.name))]));
    }
    case 'list': {
      if (n === 2) return array(commandList.map((s) => bulk(s.name)));
      if (n === 5 && argv[2]!.toLowerCase() === 'filterby') {
        const kind = argv[3]!.toLowerCase();
        const arg = argv[4]!;
        const picked = commandList.filter((s) =>
          kind === 'pattern'
            ? globMatch(arg, s.name, true)
            : kind === 'aclcat'
              ? commandInfoCategories(s).includes(`@${arg.toLowerCase()}`)
              : kind === 'module'
                ? false
                : undefined,
        );
        if (['pattern', 'aclcat', 'module'].includes(kind))
          return array(picked.map((s) => bulk(s.name)));
      }
      return error(Err.syntax);
    }
    case 'getkeys':
      return arityError(-4) ?? getKeys(argv.slice(2));
    case 'help':
      return (
        arityError(2) ??
        help('COMMAND', [
          '(no subcommand)',
          '    Return details about all Redis commands.',
          'COUNT',
          '    Return the total number of commands in this Redis server.',
          'LIST',
          '    Return a list of all commands in this Redis server.',
          'INFO [<command-name> ...]',
          '    Return details about multiple Redis commands.',
          '    If no command names are given, documentation details for all',
          '    commands are returned.',
          'DOCS [<command-name> ...]',
          '    Return documentation details about multiple Redis commands.',
          '    If no command names are given, documentation details for all',
          '    commands are returned.',
          'GETKEYS <full-command>',
          '    Return the keys from a full Redis command.',
          'GETKEYSANDFLAGS <full-command>',
          '    Return the keys and the access flags from a full Redis command.',
          'LIST [FILTERBY (MODULE <module-name>|ACLCAT <category>|PATTERN <pattern>)]',
          '    Return a list of all commands in this Redis server.',
        ])
      );
    default:
      return error(unknownSubcommand(argv[1]!, 'command'));
  }
}

/** COMMAND GETKEYS: the key positions of the row's first/last/step, as a range key spec. */
function getKeys(call: readonly string[]): Reply {
  const spec = lookupCommand(call[0]!);
  if (spec === undefined) return error('ERR Invalid command specified');
  const { first, last, step } = spec.keys;
  if (first === 0) return error('ERR The command has no key arguments');
  const n = call.length;
  if ((spec.arity > 0 && spec.arity !== n) || n < -spec.arity) {
    return error('ERR Invalid number of arguments specified for command');
  }
  const end = last < 0 ? n + last : last;
  if (end >= n) return error('ERR Invalid arguments specified for command');
  const keys: Reply[] = [];
  for (let i = first; i <= end; i += step) keys.push(bulk(call[i]!));
  return array(keys);
}

const NULL_ARRAY_REPLY: Reply = { kind: 'nullArray' };

function findCommand(name: string): CommandSpec | undefined {
  return lookupCommand(name);
}

function commandInfoCategories(spec: CommandSpec): string[] {
  const row = commandInfoRow(spec, undefined);
  if (row.kind !== 'array') return [];
  const cats = row.items[6];
  return cats?.kind === 'array' ? cats.items.map((r) => (r.kind === 'status' ? r.value : '')) : [];
}

// ---- OBJECT, MEMORY ----

/**
 * objectCommandLookup: a read that leaves LRU/LFU alone but counts a keyspace hit or miss.
 * OBJECT's row carries no readonly flag (its subcommands do, and the container dispatches
 * them), so the read is declared here.
 */
function objectLookup(ctx: CommandContext): TrackedValue | undefined {
  const tracker = ctx.engine.tracker;
  const reading = tracker.reading;
  tracker.reading = true;
  const value = ctx.db.peek(ctx.argv[2]!, ctx.nowMs);
  tracker.reading = reading;
  return value;
}

/** Integers 0..9999 are shared objects unless an LRU/LFU maxmemory policy needs per-key data. */
function refcount(ctx: CommandContext, value: TrackedValue): number {
  if (value.type !== 'string' || encodingOf(value) !== 'int') return 1;
  const { config } = ctx.engine;
  const policy = config['maxmemory-policy'];
  const noShared = config.maxmemory > 0 && (policy.endsWith('-lru') || policy.endsWith('-lfu'));
  const n = Number(value.value);
  return !noShared && n >= 0 && n < 10000 ? 2147483647 : 1;
}

const OBJECT_KEY = { first: 2, last: 2, step: 1 } as const;
const objectSubs: readonly Sub[] = [
  {
    name: 'encoding',
    arity: 3,
    flags: ['readonly'],
    keys: OBJECT_KEY,
    summary: 'Inspect the internal encoding of a Redis object',
    handler: (ctx) => {
      const value = objectLookup(ctx);
      return value === undefined ? NULL : bulk(encodingOf(value));
    },
  },
  {
    name: 'freq',
    arity: 3,
    flags: ['readonly'],
    keys: OBJECT_KEY,
    summary: 'Get the logarithmic access frequency counter of a Redis object',
    handler: (ctx) => {
      const value = objectLookup(ctx);
      if (value === undefined) return NULL;
      const { config } = ctx.engine;
      if (!isLfuPolicy(config['maxmemory-policy'])) return error(Err.lfuNotSelected);
      return integer(lfuDecayed(value.lru ?? 0, ctx.nowMs, config['lfu-decay-time']));
    },
  },
  {
    name: 'idletime',
    arity: 3,
    flags: ['readonly'],
    keys: OBJECT_KEY,
    summary: 'Get the time since a Redis object was last accessed',
    handler: (ctx) => {
      const value = objectLookup(ctx);
      if (value === undefined) return NULL;
      if (isLfuPolicy(ctx.engine.config['maxmemory-policy'])) return error(Err.lfuSelected);
      return integer(Math.floor(idleMs(value.lru ?? 0, ctx.nowMs) / 1000));
    },
  },
  {
    name: 'refcount',
    arity: 3,
    flags: ['readonly'],
    keys: OBJECT_KEY,
    summary: 'Get the number of references to the value of the key',
    handler: (ctx) => {
      const value = objectLookup(ctx);
      return value === undefined ? NULL : integer(refcount(ctx, value));
    },
  },
  {
    name: 'help',
    arity: 2,
    flags: HELP_FLAGS,
    keys: NO_KEYS,
    summary: 'Show helpful text about the different subcommands',
    handler: () =>
      help('OBJECT', [
        'ENCODING <key>',
        '    Return the kind of internal representation used in order to store the value',
        '    associated with a <key>.',
        'FREQ <key>',
        '    Return the access frequency index of the <key>. The returned integer is',
        '    proportional to the logarithm of the recent access frequency of the key.',
        'IDLETIME <key>',
        '    Return the idle time of the <key>, that is the approximated number of',
        '    seconds elapsed since the last access to the key.',
        'REFCOUNT <key>',
        '    Return the number of references of the value associated with the specified',
        '    <key>.',
      ]),
  },
];

function memoryUsage(ctx: CommandContext): Reply {
  const { argv } = ctx;
  let samples = 5;
  for (let j = 3; j < argv.length; j++) {
    if (argv[j]!.toLowerCase() === 'samples' && j + 1 < argv.length) {
      const n = parseInt64(argv[j + 1]!);
      if (n === null) return error(Err.notInteger);
      if (n < 0) return error(Err.syntax);
      samples = n === 0 ? Number.MAX_SAFE_INTEGER : Number(n);
      j++;
    } else {
      return error(Err.syntax);
    }
  }
  // MEMORY USAGE reads the dict directly: a key past its TTL but not yet deleted still counts.
  const key = argv[2]!;
  const value = ctx.db.keys.get(key);
  if (value === undefined) return NULL;
  // Aggregates estimate from Redis's default 5 samples whatever SAMPLES says (COMPATIBILITY.md).
  void samples;
  return integer(keyOverhead(key) + memoryUsageOf(value));
}

const memorySubs: readonly Sub[] = [
  {
    name: 'usage',
    arity: -3,
    flags: ['readonly'],
    keys: OBJECT_KEY,
    summary: 'Estimate the memory usage of a key',
    handler: memoryUsage,
  },
  {
    name: 'doctor',
    arity: 2,
    flags: [],
    keys: NO_KEYS,
    summary: 'Outputs memory problems report',
    handler: (ctx) =>
      verbatim(
        ctx.engine.usedMemory() < 5 * 1024 * 1024
          ? "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting."
          : "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.",
      ),
  },
  {
    name: 'stats',
    arity: 2,
    flags: [],
    keys: NO_KEYS,
    summary: 'Show memory usage details',
    handler: (ctx) => memoryStats(ctx.engine),
  },
  {
    name: 'purge',
    arity: 2,
    flags: [],
    keys: NO_KEYS,
    summary: 'Ask the allocator to release memory',
    handler: () => OK,
  },
  {
    name: 'help',
    arity: 2,
    flags: HELP_FLAGS,
    keys: NO_KEYS,
    summary: 'Show helpful text about the different subcommands',
    handler: () =>
      help('MEMORY', [
        'DOCTOR',
        '    Return memory problems reports.',
        'MALLOC-STATS',
        '    Return internal statistics report from the memory allocator.',
        'PURGE',
        '    Attempt to purge dirty pages for reclamation by the allocator.',
        'STATS',
        '    Return information about the memory usage of the server.',
        'USAGE <key> [SAMPLES <count>]',
        '    Return memory in bytes used by <key> and its value. Nested values are',
        '    sampled up to <count> times (default: 5, 0 means sample all).',
      ]),
  },
];

const server = { group: 'server', keys: NO_KEYS } as const;

export const serverCommands: readonly CommandSpec[] = [
  {
    ...server,
    name: 'time',
    arity: 1,
    flags: ['loading', 'stale', 'fast'],
    complexity: 'O(1)',
    summary: 'Return the current server time',
    since: '2.6.0',
    handler: time,
  },
  {
    ...server,
    name: 'info',
    arity: -1,
    flags: ['loading', 'stale'],
    complexity: 'O(1)',
    summary: 'Get information and statistics about the server',
    since: '1.0.0',
    handler: info,
  },
  {
    ...server,
    name: 'config',
    arity: -2,
    flags: [],
    complexity: 'Depends on subcommand.',
    summary: 'A container for server configuration commands',
    since: '2.0.0',
    handler: container('config', configSubs),
  },
  {
    ...server,
    name: 'slowlog',
    arity: -2,
    flags: [],
    complexity: 'Depends on subcommand.',
    summary: 'A container for slow log commands',
    since: '2.2.12',
    handler: container('slowlog', slowlogSubs),
  },
  {
    ...server,
    name: 'debug',
    arity: -2,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    complexity: 'Depends on subcommand.',
    summary: 'A container for debugging commands',
    since: '1.0.0',
    handler: debug,
  },
  {
    ...server,
    name: 'command',
    arity: -1,
    flags: ['loading', 'stale'],
    complexity: 'O(N) where N is the total number of Redis commands',
    summary: 'Get array of Redis command details',
    since: '2.8.13',
    handler: command,
  },
  {
    ...server,
    group: 'generic',
    name: 'object',
    arity: -2,
    flags: [],
    complexity: 'Depends on subcommand.',
    summary: 'A container for object introspection commands',
    since: '2.2.3',
    handler: container('object', objectSubs),
  },
  {
    ...server,
    name: 'memory',
    arity: -2,
    flags: [],
    complexity: 'Depends on subcommand.',
    summary: 'A container for memory diagnostics commands',
    since: '4.0.0',
    handler: container('memory', memorySubs),
  },
];
