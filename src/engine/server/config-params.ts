/**
 * The parameter table behind CONFIG GET / SET: each row names an EngineConfig field, its
 * aliases, how a value is parsed and printed, and its bounds, following the standardConfig
 * table of config.c (createIntConfig, createBoolConfig, createEnumConfig...). Error texts
 * are the ones config.c builds; CONFIG SET validates every pair before changing anything.
 */
import type { EngineConfig } from '../config.ts';
import { INVALID_EVENT_CLASS, formatEventFlags, parseEventFlags } from '../notify/flags.ts';
import { parseInt64 } from '../numbers.ts';

type Key = keyof EngineConfig;

interface BaseParam {
  readonly name: Key;
  readonly alias?: string;
  readonly immutable?: boolean;
}
interface NumberParam extends BaseParam {
  readonly kind: 'int' | 'memory';
  readonly min: bigint;
  readonly max: bigint;
}
interface BoolParam extends BaseParam {
  readonly kind: 'bool';
}
interface EnumParam extends BaseParam {
  readonly kind: 'enum';
  readonly values: readonly string[];
}
interface SaveParam extends BaseParam {
  readonly kind: 'save';
}
/** notify-keyspace-events: flag letters, stored as CONFIG GET prints them. */
interface NotifyParam extends BaseParam {
  readonly kind: 'notify';
}
export type ConfigParam = NumberParam | BoolParam | EnumParam | SaveParam | NotifyParam;

const INT_MAX = 2147483647n;
const INT_MIN = -2147483648n;
const LONG_MAX = 9223372036854775807n;
const ULLONG_MAX = 18446744073709551615n;

const int = (name: Key, min: bigint, max: bigint, extra: Partial<BaseParam> = {}): NumberParam => ({
  name,
  kind: 'int',
  min,
  max,
  ...extra,
});
const memory = (
  name: Key,
  min: bigint,
  max: bigint,
  extra: Partial<BaseParam> = {},
): NumberParam => ({
  name,
  kind: 'memory',
  min,
  max,
  ...extra,
});
const bool = (name: Key, extra: Partial<BaseParam> = {}): BoolParam => ({
  name,
  kind: 'bool',
  ...extra,
});

/** In the order CONFIG GET with a pattern lists them (Redis uses its dict's order, which varies). */
export const configParams: readonly ConfigParam[] = [
  memory('maxmemory', 0n, ULLONG_MAX),
  {
    name: 'maxmemory-policy',
    kind: 'enum',
    values: [
      'volatile-lru',
      'volatile-lfu',
      'volatile-random',
      'volatile-ttl',
      'allkeys-lru',
      'allkeys-lfu',
      'allkeys-random',
      'noeviction',
    ],
  },
  int('maxmemory-samples', 1n, INT_MAX),
  int('maxmemory-eviction-tenacity', 0n, 100n),
  memory('maxmemory-clients', 0n, LONG_MAX),
  int('lfu-log-factor', 0n, INT_MAX),
  int('lfu-decay-time', 0n, INT_MAX),
  int('hz', 0n, INT_MAX),
  bool('dynamic-hz'),
  int('active-expire-effort', 1n, 10n),
  int('slowlog-log-slower-than', -1n, LONG_MAX),
  int('slowlog-max-len', 0n, LONG_MAX),
  int('hash-max-listpack-entries', 0n, LONG_MAX, { alias: 'hash-max-ziplist-entries' }),
  memory('hash-max-listpack-value', 0n, LONG_MAX, { alias: 'hash-max-ziplist-value' }),
  int('zset-max-listpack-entries', 0n, LONG_MAX, { alias: 'zset-max-ziplist-entries' }),
  memory('zset-max-listpack-value', 0n, LONG_MAX, { alias: 'zset-max-ziplist-value' }),
  int('set-max-intset-entries', 0n, LONG_MAX),
  int('list-max-listpack-size', INT_MIN, INT_MAX, { alias: 'list-max-ziplist-size' }),
  int('list-compress-depth', 0n, INT_MAX),
  { name: 'save', kind: 'save' },
  bool('appendonly'),
  { name: 'appendfsync', kind: 'enum', values: ['everysec', 'always', 'no'] },
  int('databases', 1n, INT_MAX, { immutable: true }),
  int('io-threads', 1n, 128n, { immutable: true }),
  { name: 'enable-debug-command', kind: 'enum', values: ['no', 'yes', 'local'], immutable: true },
  int('port', 0n, 65535n),
  int('maxclients', 1n, 4294967295n),
  int('timeout', 0n, INT_MAX),
  int('tcp-keepalive', 0n, INT_MAX),
  bool('lazyfree-lazy-eviction'),
  bool('lazyfree-lazy-expire'),
  memory('proto-max-bulk-len', 1024n * 1024n, LONG_MAX),
  memory('repl-backlog-size', 1n, LONG_MAX),
  bool('replica-read-only', { alias: 'slave-read-only' }),
  bool('replica-serve-stale-data', { alias: 'slave-serve-stale-data' }),
  int('min-replicas-to-write', 0n, INT_MAX, { alias: 'min-slaves-to-write' }),
  int('min-replicas-max-lag', 0n, INT_MAX, { alias: 'min-slaves-max-lag' }),
  int('repl-timeout', 1n, INT_MAX),
  int('repl-ping-replica-period', 1n, INT_MAX, { alias: 'repl-ping-slave-period' }),
  bool('cluster-enabled', { immutable: true }),
  int('busy-reply-threshold', 0n, LONG_MAX, { alias: 'lua-time-limit' }),
  bool('latency-tracking'),
  { name: 'notify-keyspace-events', kind: 'notify' },
];

const byName = new Map<string, ConfigParam>();
for (const p of configParams) {
  byName.set(p.name, p);
  if (p.alias !== undefined) byName.set(p.alias, p);
}

/** Case-insensitive lookup by name or alias (lookupConfig). */
export function lookupParam(name: string): ConfigParam | undefined {
  return byName.get(name) ?? byName.get(name.toLowerCase());
}

/** Every (name, param) pair a pattern can match, aliases included, in table order. */
export function* allNames(): Generator<readonly [string, ConfigParam]> {
  for (const p of configParams) {
    yield [p.name, p];
    if (p.alias !== undefined) yield [p.alias, p];
  }
}

export function formatParam(config: EngineConfig, p: ConfigParam): string {
  if (p.kind === 'notify') return formatEventFlags(config['notify-keyspace-events']);
  return String(config[p.name]);
}

const MEMORY_UNITS: Record<string, bigint> = {
  b: 1n,
  k: 1000n,
  kb: 1024n,
  m: 1000n * 1000n,
  mb: 1024n * 1024n,
  g: 1000n * 1000n * 1000n,
  gb: 1024n * 1024n * 1024n,
};

/** memtoull: digits then an optional unit (b, k, kb, m, mb, g, gb); null when invalid. */
export function parseMemory(s: string): bigint | null {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  const unit = s.slice(i).toLowerCase();
  const mul = unit === '' ? 1n : MEMORY_UNITS[unit];
  if (mul === undefined || i >= 128) return null;
  // strtoull saturates on overflow and reads "" as 0; the product wraps like C's.
  let value = i === 0 ? 0n : BigInt(s.slice(0, i));
  if (value > ULLONG_MAX) value = ULLONG_MAX;
  return (value * mul) & ULLONG_MAX;
}

/** setConfigSaveOption: pairs of "seconds changes"; null when invalid. */
function parseSave(s: string): string | null {
  const parts = s.split(' ').filter((x) => x !== '');
  if (parts.length % 2 !== 0) return null;
  for (let j = 0; j < parts.length; j++) {
    const part = parts[j]!;
    if (!/^[+-]?[0-9]+$/.test(part)) return null;
    const n = Number(part);
    if ((j % 2 === 0 && n < 1) || (j % 2 === 1 && n < 0)) return null;
  }
  return parts.map((x) => String(Number(x))).join(' ');
}

export type ParsedValue = string | number;

/** The value to store, or the reason config.c gives for refusing it. */
export function parseParam(
  p: ConfigParam,
  raw: string,
): { value: ParsedValue } | { error: string } {
  switch (p.kind) {
    case 'bool': {
      const v = raw.toLowerCase();
      if (v === 'yes' || v === 'no') return { value: v };
      return { error: "argument must be 'yes' or 'no'" };
    }
    case 'enum': {
      const v = raw.toLowerCase();
      if (p.values.includes(v)) return { value: v };
      return { error: `argument(s) must be one of the following: ${p.values.join(', ')}` };
    }
    case 'notify': {
      const flags = parseEventFlags(raw);
      return flags === undefined ? { error: INVALID_EVENT_CLASS } : { value: flags };
    }
    case 'save': {
      const v = parseSave(raw);
      return v === null ? { error: 'Invalid save parameters' } : { value: v };
    }
    case 'int':
    case 'memory': {
      let n: bigint | null;
      if (p.kind === 'memory') {
        n = parseMemory(raw);
        if (n === null) return { error: 'argument must be a memory value' };
      } else {
        const parsed = parseInt64(raw);
        if (parsed === null) return { error: "argument couldn't be parsed into an integer" };
        n = BigInt(parsed);
      }
      if (n < p.min || n > p.max) {
        return { error: `argument must be between ${p.min} and ${p.max} inclusive` };
      }
      return { value: Number(n) };
    }
  }
}

/** Values config.c adjusts when applying (updateHZ clamps hz to 1..500). */
export function normalise(p: ConfigParam, value: ParsedValue): ParsedValue {
  if (p.name === 'hz' && typeof value === 'number') return Math.min(500, Math.max(1, value));
  return value;
}
