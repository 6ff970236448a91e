/**
 * `npm run tcl-suite`: Redis 7.0.15's own Tcl tests (tests/unit) as a second oracle. The
 * tests come from a local clone of redis/redis (REDIS_GIT, default the session mirror), are
 * extracted to a temporary folder and never committed. Each unit runs in external mode
 * against a real redis-server and against `npm run resp-server`, one after the other, and
 * the figures go to docs/tcl-results.json (read by COMPATIBILITY.md) and are printed.
 * Tests that need commands outside the engine's scope (tools/tcl-skips.ts) are skipped on both
 * servers with runtest's --skiptest, so a unit runs on past them; they are printed and kept
 * in the results. Running only some units (--units=a,b) replaces those units' rows and keeps
 * the others. Needs tclsh 8.6 (Debian: tcl).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/real-redis.ts';
import { outOfScopeTests } from './tcl-skips.ts';

const repo = process.env.REDIS_GIT || '/work/.mirror/redis+redis/repo';
const chosenUnits = process.argv.find((a) => a.startsWith('--units='))?.slice('--units='.length);
const units = (
  chosenUnits ??
  'unit/type/incr,unit/type/string,unit/type/list,unit/type/list-2,unit/type/list-3,unit/type/hash,unit/type/set,unit/type/zset,unit/keyspace,unit/expire,unit/multi,unit/pubsub,unit/bitops,unit/scan,unit/protocol,unit/info-command'
).split(',');

interface Counts {
  passed: number;
  failed: number;
  /** The test whose exception stopped the unit, if one did. */
  abortedAt?: string;
  /** Tests runtest skipped (--skiptest): out of the engine's scope. */
  skipped?: string[];
}

interface Row {
  unit: string;
  ours: Counts;
  real: Counts;
}

function extractTests(): string {
  const dir = mkdtempSync(join(tmpdir(), 'redis-tcl-'));
  execFileSync('sh', [
    '-c',
    `git -C "$0" archive 7.0.15 tests runtest | tar -x -C "$1"`,
    repo,
    dir,
  ]);
  return dir;
}

async function waitForPing(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (
      spawnSync('redis-cli', ['-p', String(port), 'PING'])
        .stdout?.toString()
        .includes('PONG')
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answers on port ${port}`);
}

// Redis's runner scans 8000 ports up from the base: keep the whole range below 65536.
const basePort = Number(process.env.TCL_BASEPORT) || 21000 + (process.pid % 40) * 100;

function runUnit(dir: string, port: number, unit: string): Counts {
  const result = spawnSync(
    './runtest',
    [
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--single',
      unit,
      '--clients',
      '1',
      '--timeout',
      '120',
      // A base port of our own: a leftover test server from an earlier run must not collide.
      '--baseport',
      String(basePort),
      // DEBUG is off by default in 7.0 (enable-debug-command no) and redis-sim's engine has
      // only DEBUG SLEEP; tests that need DEBUG are skipped on both servers alike.
      '--tags',
      '-needs:debug',
      ...outOfScopeTests.flatMap((t) => ['--skiptest', t.test]),
    ],
    { cwd: dir, encoding: 'utf8', timeout: 600_000 },
  );
  // eslint-disable-next-line no-control-regex
  const out = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const passed = (out.match(/^\[ok\]:/gm) ?? []).length;
  const failed = (out.match(/^\[err\]:/gm) ?? []).length;
  const skipped = [...out.matchAll(/^\[skip\]: (.*)$/gm)].map((m) => m[1]!);
  const exception = /^\[exception\]:.*$/m.exec(out);
  const lastTest = [...out.matchAll(/^\[(?:ok|err)\]: (.*?) \(\d+ ms\)$/gm)].at(-1)?.[1];
  const counts: Counts = exception
    ? {
        passed,
        failed: failed + 1,
        abortedAt: `after "${lastTest ?? 'start'}": ${exception[0].slice(0, 160)}`,
      }
    : { passed, failed };
  if (skipped.length > 0) counts.skipped = skipped;
  return counts;
}

/** Rows of an earlier run for the units not run now (a run of some units keeps the rest). */
function earlierRows(): Row[] {
  const path = 'docs/tcl-results.json';
  if (chosenUnits === undefined || !existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, 'utf8')) as { units: Row[] }).units;
}

/** The table in BENCHMARKS.md between the bench:tcl markers. */
function recordInBenchmarks(rows: Row[]): void {
  const skipped = rows.flatMap((r) => (r.real.skipped ?? []).map((t) => `${r.unit}: "${t}"`));
  const table = [
    `Run on ${new Date().toISOString().slice(0, 10)} with \`npm run tcl-suite\` (external mode, tests tagged needs:debug skipped on both servers). A unit stops at its first exception; the note says where.`,
    '',
    '| unit | redis-sim passed | failed | redis-server passed | failed | redis-sim stopped |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.unit} | ${r.ours.passed} | ${r.ours.failed} | ${r.real.passed} | ${r.real.failed} | ${(r.ours.abortedAt ?? '').replace(/\|/g, '\\|')} |`,
    ),
    ...(skipped.length > 0
      ? [
          '',
          `Skipped on both servers (commands outside the engine's scope, tools/tcl-skips.ts): ${skipped.join('; ')}.`,
        ]
      : []),
  ].join('\n');
  const doc = readFileSync('BENCHMARKS.md', 'utf8');
  const marked = /(<!-- bench:tcl -->)[\s\S]*?(<!-- \/bench:tcl -->)/;
  const next = marked.test(doc)
    ? doc.replace(marked, `$1\n${table}\n$2`)
    : `${doc}\n## Redis's own Tcl test suite\n\n<!-- bench:tcl -->\n${table}\n<!-- /bench:tcl -->\n`;
  writeFileSync('BENCHMARKS.md', next);
  console.log('updated BENCHMARKS.md');
}

const dir = extractTests();

const realPort = await freePort();
const oursPort = await freePort();
const servers: ChildProcess[] = [
  spawn(
    'redis-server',
    [
      '--port',
      String(realPort),
      '--save',
      '',
      '--appendonly',
      'no',
      '--enable-debug-command',
      'yes',
    ],
    {
      stdio: 'ignore',
    },
  ),
  spawn(process.execPath, ['--import', 'tsx', 'tools/resp-server.ts', '--port', String(oursPort)], {
    stdio: 'ignore',
  }),
];
try {
  await waitForPing(realPort);
  await waitForPing(oursPort);
  const rows = earlierRows();
  for (const unit of units) {
    const real = runUnit(dir, realPort, unit);
    const ours = runUnit(dir, oursPort, unit);
    const row = { unit, ours, real };
    const at = rows.findIndex((r) => r.unit === unit);
    if (at >= 0) rows[at] = row;
    else rows.push(row);
    console.log(
      `${unit}: redis-sim ${ours.passed} passed, ${ours.failed} failed${ours.abortedAt ? ` (stopped ${ours.abortedAt})` : ''}; redis-server ${real.passed} passed, ${real.failed} failed`,
    );
    for (const test of real.skipped ?? []) console.log(`  skipped on both (out of scope): ${test}`);
  }
  writeFileSync(
    'docs/tcl-results.json',
    JSON.stringify(
      {
        ranAt: new Date().toISOString().slice(0, 10),
        units: rows,
        outOfScope: outOfScopeTests,
      },
      null,
      2,
    ) + '\n',
  );
  console.log('wrote docs/tcl-results.json');
  recordInBenchmarks(rows);
} finally {
  for (const s of servers) s.kill('SIGKILL');
}
