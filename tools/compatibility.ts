/**
 * `npm run compatibility`: writes COMPATIBILITY.md from facts, never by hand. Every Redis
 * 7.0 command comes from a real redis-server (COMMAND DOCS); the engine's command table says
 * which exist here; the oracle tests say which are checked against the real server; notes
 * (tools/compatibility-notes.ts) record partial support and deliberate differences.
 * `--check` exits non-zero when the file on disk is out of date (run by the unit tests).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { commandList, subcommandsOf, type Reply } from '../src/engine/index.ts';
import { RealRedis } from '../test/helpers/real-redis.ts';
import { deliberateDifferences, partial } from './compatibility-notes.ts';

interface RedisCommandDoc {
  name: string;
  group: string;
  since: string;
  summary: string;
}

function text(r: Reply | undefined): string {
  return r && (r.kind === 'bulk' || r.kind === 'status') ? r.value : '';
}

/** Flattens COMMAND DOCS (a map of name -> doc map, subcommands nested) into rows. */
function parseDocs(reply: Reply, prefix = ''): RedisCommandDoc[] {
  if (reply.kind !== 'array') throw new Error('COMMAND DOCS did not return an array');
  const rows: RedisCommandDoc[] = [];
  for (let i = 0; i < reply.items.length; i += 2) {
    const name = prefix + text(reply.items[i]);
    const doc = reply.items[i + 1];
    if (doc?.kind !== 'array') continue;
    const fields = new Map<string, Reply>();
    for (let j = 0; j < doc.items.length; j += 2) fields.set(text(doc.items[j]), doc.items[j + 1]!);
    rows.push({
      name,
      group: text(fields.get('group')),
      since: text(fields.get('since')),
      summary: text(fields.get('summary')),
    });
    const subs = fields.get('subcommands');
    if (subs) rows.push(...parseDocs(subs));
  }
  return rows;
}

async function redisCommands(): Promise<RedisCommandDoc[]> {
  const server = await RealRedis.start();
  try {
    const client = await server.connect();
    const docs = await client.call('COMMAND', 'DOCS');
    client.close();
    return parseDocs(docs).sort(
      (a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name),
    );
  } finally {
    server.stop();
  }
}

/** Command names that appear as a quoted argv[0] in the oracle tests ('GET', "get"...). */
function oracleTested(): Set<string> {
  const dir = 'test/oracle';
  const names = new Set<string>();
  for (const file of readdirSync(dir)) {
    const source = readFileSync(`${dir}/${file}`, 'utf8');
    for (const m of source.matchAll(/\[\s*['"]([A-Za-z_]+)['"]/g)) names.add(m[1]!.toLowerCase());
  }
  return names;
}

function tclSection(): string {
  const path = 'docs/tcl-results.json';
  if (!existsSync(path)) return 'Not run yet.';
  const results = JSON.parse(readFileSync(path, 'utf8')) as {
    ranAt: string;
    units: {
      unit: string;
      ours: { passed: number; failed: number };
      real: { passed: number; failed: number; skipped?: string[] };
    }[];
    outOfScope?: { unit: string; test: string; reason: string }[];
  };
  const reasons = new Map((results.outOfScope ?? []).map((t) => [t.test, t.reason]));
  const skipped = results.units.flatMap((u) =>
    (u.real.skipped ?? []).map(
      (test) => `- ${u.unit}: "${test}"${reasons.has(test) ? ` (${reasons.get(test)!})` : ''}`,
    ),
  );
  return [
    `Redis 7.0.15's own test suite (\`tests/unit\`, external mode), run on ${results.ranAt}:`,
    '',
    '| unit | redis-sim passed | failed | redis-server passed | failed |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...results.units.map(
      (u) =>
        `| ${u.unit} | ${u.ours.passed} | ${u.ours.failed} | ${u.real.passed} | ${u.real.failed} |`,
    ),
    ...(skipped.length > 0
      ? [
          '',
          "Skipped on both servers because they need commands outside the engine's scope (`tools/tcl-skips.ts`):",
          '',
          ...skipped,
        ]
      : []),
  ].join('\n');
}

export async function renderCompatibility(): Promise<string> {
  const all = await redisCommands();
  const ours = new Set(commandList.map((c) => c.name));
  // Containers either list their subcommands as rows (CLIENT, PUBSUB) or dispatch in their
  // handler and say which through COMMAND INFO (CONFIG, OBJECT...).
  const subs = new Set([
    ...commandList.flatMap((c) => (c.subcommands ?? []).map((s) => s.name)),
    ...commandList.flatMap((c) => (subcommandsOf(c.name) ?? []).map((s) => `${c.name}|${s.name}`)),
  ]);
  const tested = oracleTested();
  const stateOf = (name: string): string => {
    const [container, sub] = name.split('|') as [string, string | undefined];
    const present = sub === undefined ? ours.has(name) : subs.has(name);
    if (!present) return 'absent';
    const note = partial[name];
    if (note) return `partial: ${note}`;
    return tested.has(container) ? 'exact (oracle-tested)' : 'exact';
  };
  const rows = all.map((c) => ({ ...c, state: stateOf(c.name) }));
  const count = (prefix: string) => rows.filter((r) => r.state.startsWith(prefix)).length;
  const groups = [...new Set(rows.map((r) => r.group))];
  return [
    '# Compatibility with Redis 7.0',
    '',
    'Generated by `npm run compatibility` from a real `redis-server` 7.0 (`COMMAND DOCS`), the',
    "engine's command table, the oracle tests and `tools/compatibility-notes.ts`. Do not edit by hand.",
    '',
    `Of ${rows.length} commands and subcommands: ${count('exact')} exact, ${count('partial')} partial, ${count('absent')} absent.`,
    '"exact" means replies and errors match the real server; "oracle-tested" means the test suite',
    'runs the command against a real redis-server and requires identical replies.',
    '',
    '## Deliberate differences',
    '',
    ...deliberateDifferences.map((d) => `- ${d}`),
    '',
    "## Redis's own test suite",
    '',
    tclSection(),
    '',
    ...groups.flatMap((group) => [
      `## ${group}`,
      '',
      '| command | since | state |',
      '| --- | --- | --- |',
      ...rows
        .filter((r) => r.group === group)
        .map((r) => `| ${r.name.toUpperCase()} | ${r.since} | ${r.state} |`),
      '',
    ]),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = await renderCompatibility();
  if (process.argv.includes('--check')) {
    const current = existsSync('COMPATIBILITY.md') ? readFileSync('COMPATIBILITY.md', 'utf8') : '';
    if (current !== doc) {
      console.error('COMPATIBILITY.md is out of date: run `npm run compatibility`.');
      process.exit(1);
    }
  } else {
    writeFileSync('COMPATIBILITY.md', doc);
    console.log('wrote COMPATIBILITY.md');
  }
}
