import { formatDouble } from '../numbers.ts';
import type { Reply } from '../reply.ts';

/**
 * Formats a reply exactly as redis-cli prints it in a terminal (redis-cli.c
 * cliFormatReplyTTY), after the connection's protocol has shaped it: over RESP2 a map
 * arrives as a flat array, a double as a string, a boolean as 1/0, any null as (nil).
 * The result has no trailing newline; strings stay byte strings (quoted with \xHH escapes).
 */
export function formatReply(reply: Reply, protocol: 2 | 3 = 2): string {
  const shaped = protocol === 2 ? toResp2(reply) : reply;
  return formatTty(shaped, '').replace(/\n$/, '');
}

/**
 * redis-cli prints some commands' replies raw (INFO, CLIENT LIST, CLUSTER NODES...): the
 * bytes as they are, arrays one element a line.
 */
export function formatReplyRaw(reply: Reply, protocol: 2 | 3 = 2): string {
  const shaped = protocol === 2 ? toResp2(reply) : reply;
  return formatRaw(shaped);
}

/** Whether redis-cli would print this command's reply raw (cliSendCommand's list). */
export function cliPrintsRaw(argv: readonly string[]): boolean {
  const cmd = (argv[0] ?? '').toLowerCase();
  const sub = (argv[1] ?? '').toLowerCase();
  const n = argv.length;
  return (
    cmd === 'info' ||
    cmd === 'lolwut' ||
    (n >= 2 && cmd === 'debug' && ['htstats', 'htstats-key', 'client-eviction'].includes(sub)) ||
    (n >= 2 && cmd === 'memory' && (sub === 'malloc-stats' || sub === 'doctor')) ||
    (n === 2 && cmd === 'cluster' && (sub === 'nodes' || sub === 'info')) ||
    (n >= 2 && cmd === 'client' && (sub === 'list' || sub === 'info')) ||
    (n === 3 && cmd === 'latency' && sub === 'graph') ||
    (n === 2 && cmd === 'latency' && sub === 'doctor')
  );
}

/** What a RESP2 connection sends for a reply (networking.c addReply* under resp 2). */
export function toResp2(reply: Reply): Reply {
  switch (reply.kind) {
    case 'nullArray':
      return { kind: 'null' };
    case 'double':
      return { kind: 'bulk', value: formatDouble(reply.value) };
    case 'boolean':
      return { kind: 'integer', value: reply.value ? 1 : 0 };
    case 'verbatim':
    case 'bignum':
      return { kind: 'bulk', value: reply.value };
    case 'map':
      return { kind: 'array', items: reply.entries.flatMap(([k, v]) => [toResp2(k), toResp2(v)]) };
    case 'set':
    case 'push':
    case 'array':
      return { kind: 'array', items: reply.items.map(toResp2) };
    default:
      return reply;
  }
}

/** sdscatrepr: a double-quoted string with C escapes and \xHH for non-printable bytes. */
export function quoteBytes(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) out += '\\\\';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c >= 0x20 && c <= 0x7e) out += s[i];
    else out += '\\x' + (c & 0xff).toString(16).padStart(2, '0');
  }
  return out + '"';
}

function aggregateItems(reply: Reply): readonly Reply[] | undefined {
  switch (reply.kind) {
    case 'array':
    case 'set':
    case 'push':
      return reply.items;
    case 'map':
      return reply.entries.flatMap(([k, v]) => [k, v]);
    default:
      return undefined;
  }
}

const EMPTY_TEXT: Partial<Record<Reply['kind'], string>> = {
  array: '(empty array)',
  map: '(empty hash)',
  set: '(empty set)',
  push: '(empty push)',
};

function formatTty(r: Reply, prefix: string): string {
  switch (r.kind) {
    case 'error':
      return `(error) ${r.message}\n`;
    case 'status':
      return `${r.value}\n`;
    case 'integer':
      return `(integer) ${String(r.value)}\n`;
    case 'double':
      return `(double) ${formatDouble(r.value)}\n`;
    case 'bulk':
      return `${quoteBytes(r.value)}\n`;
    case 'verbatim':
    case 'bignum':
      return `${r.value}\n`;
    case 'null':
    case 'nullArray':
      return '(nil)\n';
    case 'boolean':
      return r.value ? '(true)\n' : '(false)\n';
    case 'array':
    case 'set':
    case 'push':
    case 'map':
      return formatAggregate(r, prefix);
  }
}

function formatAggregate(r: Reply, prefix: string): string {
  const items = aggregateItems(r) ?? [];
  if (items.length === 0) return `${EMPTY_TEXT[r.kind] ?? '(empty aggregate type)'}\n`;
  const isMap = r.kind === 'map';
  const count = isMap ? items.length / 2 : items.length;
  const width = String(count).length;
  const childPrefix = prefix + ' '.repeat(width + 2);
  const sep = r.kind === 'set' ? '~' : isMap ? '#' : ')';
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const index = (isMap ? Math.floor(i / 2) : i) + 1;
    out += `${i === 0 ? '' : prefix}${String(index).padStart(width)}${sep} `;
    out += formatTty(items[i]!, childPrefix);
    if (isMap) {
      i++;
      const value = items[i]!;
      out = out.slice(0, -1) + ' => ';
      if (isMultiline(value)) out += '\n' + childPrefix;
      out += formatTty(value, childPrefix);
    }
  }
  return out;
}

function isMultiline(r: Reply): boolean {
  const items = aggregateItems(r);
  if (items === undefined || items.length === 0) return false;
  if (r.kind === 'map') return items.length > 2 || isMultiline(items[1]!);
  return items.length > 1 || isMultiline(items[0]!);
}

function formatRaw(r: Reply): string {
  switch (r.kind) {
    case 'null':
    case 'nullArray':
      return '';
    case 'error':
      return `${r.message}\n`;
    case 'status':
    case 'bulk':
    case 'verbatim':
    case 'bignum':
      return r.value;
    case 'boolean':
      return r.value ? '(true)' : '(false)';
    case 'integer':
      return String(r.value);
    case 'double':
      return formatDouble(r.value);
    case 'map':
      return r.entries.map(([k, v]) => `${formatRaw(k)}\n${formatRaw(v)}`).join('\n');
    case 'array':
    case 'set':
    case 'push':
      return r.items.map(formatRaw).join('\n');
  }
}
