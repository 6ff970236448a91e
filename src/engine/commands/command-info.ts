/**
 * COMMAND INFO / COUNT / LIST / DOCS rows built from the command table. ACL categories and
 * tips come from command-meta.ts (Redis 7.0.15's own); a command Redis does not have gets
 * categories derived as Redis derives its implicit ones (setImplicitACLCategories: write,
 * read, admin and dangerous, fast or slow...) plus its group's. Key specs are a simplified
 * range spec from the row's first/last/step.
 */
import { array, bulk, integer, map, status, type Reply } from '../reply.ts';
import { commandMeta } from './command-meta.ts';
import type { CommandFlag, CommandSpec } from './types.ts';

/** A subcommand of a container command (CONFIG GET, OBJECT ENCODING...). */
export interface SubcommandSpec {
  readonly name: string;
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  readonly keys: { readonly first: number; readonly last: number; readonly step: number };
  readonly summary: string;
}

const FLAG_ORDER: readonly string[] = [
  'write',
  'readonly',
  'denyoom',
  'module',
  'admin',
  'pubsub',
  'noscript',
  'blocking',
  'loading',
  'stale',
  'skip_monitor',
  'skip_slowlog',
  'asking',
  'fast',
  'no_auth',
  'may_replicate',
  'sentinel',
  'only_sentinel',
  'no_mandatory_keys',
  'no_async_loading',
  'no_multi',
  'movablekeys',
  'allow_busy',
];

const CATEGORY_ORDER: readonly string[] = [
  'keyspace',
  'read',
  'write',
  'set',
  'sortedset',
  'list',
  'hash',
  'string',
  'bitmap',
  'hyperloglog',
  'geo',
  'stream',
  'pubsub',
  'admin',
  'fast',
  'slow',
  'blocking',
  'dangerous',
  'connection',
  'transaction',
  'scripting',
];

const GROUP_CATEGORY: Record<string, string | undefined> = {
  string: 'string',
  bitmap: 'bitmap',
  list: 'list',
  hash: 'hash',
  set: 'set',
  sorted_set: 'sortedset',
  generic: 'keyspace',
  connection: 'connection',
  transactions: 'transaction',
  pubsub: 'pubsub',
};

export function sortFlags(flags: readonly string[]): string[] {
  return [...flags].sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b));
}

function categories(
  fullname: string,
  flags: readonly string[],
  group: string | undefined,
): string[] {
  const known = commandMeta[fullname];
  if (known !== undefined) return known[0] === '' ? [] : known[0].split(' ').map((c) => `@${c}`);
  const set = new Set<string>();
  if (group !== undefined) {
    const g = GROUP_CATEGORY[group];
    if (g !== undefined) set.add(g);
  }
  if (flags.includes('write')) set.add('write');
  if (flags.includes('readonly')) set.add('read');
  if (flags.includes('admin')) {
    set.add('admin');
    set.add('dangerous');
  }
  if (flags.includes('pubsub')) set.add('pubsub');
  if (flags.includes('fast')) set.add('fast');
  if (flags.includes('blocking')) set.add('blocking');
  if (!set.has('fast')) set.add('slow');
  return [...set]
    .sort((a, b) => CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b))
    .map((c) => `@${c}`);
}

function keySpecs(keys: SubcommandSpec['keys'], flags: readonly string[]): Reply {
  if (keys.first === 0) return array([]);
  const lastkey = keys.last < 0 ? keys.last : keys.last - keys.first;
  return array([
    map([
      [bulk('flags'), array([status(flags.includes('write') ? 'RW' : 'RO')])],
      [
        bulk('begin_search'),
        map([
          [bulk('type'), bulk('index')],
          [bulk('spec'), map([[bulk('index'), integer(keys.first)]])],
        ]),
      ],
      [
        bulk('find_keys'),
        map([
          [bulk('type'), bulk('range')],
          [
            bulk('spec'),
            map([
              [bulk('lastkey'), integer(lastkey)],
              [bulk('keystep'), integer(keys.step)],
              [bulk('limit'), integer(0)],
            ]),
          ],
        ]),
      ],
    ]),
  ]);
}

function tips(fullname: string): string[] {
  const known = commandMeta[fullname]?.[1];
  return known === undefined || known === '' ? [] : known.split(' ');
}

function row(
  name: string,
  spec: SubcommandSpec,
  group: string | undefined,
  subs: readonly SubcommandSpec[],
): Reply {
  return array([
    bulk(name),
    integer(spec.arity),
    array(sortFlags(spec.flags).map(status)),
    integer(spec.keys.first),
    integer(spec.keys.last),
    integer(spec.keys.step),
    array(categories(name, spec.flags, group).map(status)),
    array(tips(name).map(bulk)),
    keySpecs(spec.keys, spec.flags),
    array(subs.map((s) => row(`${name}|${s.name}`, s, group, []))),
  ]);
}

/** The COMMAND INFO row of a top-level command. */
export function commandInfoRow(
  spec: CommandSpec,
  subs: readonly SubcommandSpec[] | undefined,
): Reply {
  return row(spec.name, spec, spec.group, subs ?? []);
}

/** The COMMAND DOCS entry (summary, since, group, complexity). */
export function commandDocs(spec: CommandSpec, subs: readonly SubcommandSpec[] | undefined): Reply {
  const fields: [Reply, Reply][] = [
    [bulk('summary'), bulk(spec.summary)],
    [bulk('since'), bulk(spec.since)],
    [bulk('group'), bulk(spec.group)],
    [bulk('complexity'), bulk(spec.complexity)],
  ];
  if (subs !== undefined && subs.length > 0) {
    fields.push([
      bulk('subcommands'),
      map(
        subs.map((s) => [
          bulk(`${spec.name}|${s.name}`),
          map([
            [bulk('summary'), bulk(s.summary)],
            [bulk('since'), bulk(spec.since)],
            [bulk('group'), bulk(spec.group)],
          ]),
        ]),
      ),
    ]);
  }
  return map(fields);
}
