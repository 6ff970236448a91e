/**
 * `npm run bench`: speed and size figures, measured side by side in one run so a noisy
 * machine cannot fake a ratio. `--write` records them in BENCHMARKS.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { formatClusterFidelity, measureClusterFidelity } from './bench/cluster-fidelity.ts';
import { measureEngineThroughput, type Spread } from './bench/engine-throughput.ts';
import { formatFailoverFidelity, measureFailoverFidelity } from './bench/failover-fidelity.ts';
import { formatFailoverPoll, measureFailoverPoll } from './bench/failover-poll.ts';
import {
  formatPersistenceFidelity,
  measurePersistenceFidelity,
} from './bench/persistence-fidelity.ts';
import {
  formatReplicationFidelity,
  measureReplicationFidelity,
} from './bench/replication-fidelity.ts';
import { measureRespServer } from './bench/resp-server.ts';
import { formatSimSpeed, measureSimSpeed } from './bench/sim-speed.ts';
import { formatUiFrames, measureUiFrames } from './bench/ui-frames.ts';

const write = process.argv.includes('--write');
/** `--only=engine,resp` or `--only engine,resp`: run (and write) just those sections. */
const onlyArg = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
const onlyList =
  onlyArg < 0
    ? undefined
    : process.argv[onlyArg] === '--only'
      ? process.argv[onlyArg + 1]
      : process.argv[onlyArg]!.slice('--only='.length);
const only = onlyList === undefined ? undefined : new Set(onlyList.split(','));
const want = (section: string): boolean => only === undefined || only.has(section);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number): string => (a / b).toFixed(2);
const verdict = (ok: boolean): string => (ok ? 'meets the bar' : 'BELOW the bar');

const sections: Record<string, string> = {};

if (want('engine')) {
  const loadBefore = loadavg()[0]!;
  const t = measureEngineThroughput();
  const loadAfter = loadavg()[0]!;
  const rate = (x: Spread): string => `${fmt(x.median)} (${fmt(x.min)}–${fmt(x.max)})`;
  const times = (x: Spread, digits: number): string =>
    `${x.median.toFixed(digits)} (${x.min.toFixed(digits)}–${x.max.toFixed(digits)})`;
  const { cpu, wall } = t;
  sections.engine = [
    `Workload: ${fmt(t.ops)} operations (40% GET, 30% SET, 10% INCR, 10% LPUSH, 10% ZADD over 10,000 keys), the same argv arrays for the engine and the bare \`Map\`; ioredis-mock and a second engine run get the first ${fmt(t.sliceOps)}. Each of ${t.processes} fresh Node processes warms every contender up, then times them in ${t.passes} passes of alternating order and keeps each one's fastest pass; a ratio is taken inside each process. Figures are the median over the processes, with the lowest and highest in brackets: a process's JIT settles on its own code, so the spread between processes is the noise a reader should expect.`,
    '',
    `Rates are operations per CPU-second of the process (all its threads, so garbage collection and compilation count): on a shared machine a pass also waits for a core, which the wall clock counts and the CPU time does not. The wall-clock ratios are given beside them. The machine's 1-minute load average was ${loadBefore.toFixed(1)} at the start and ${loadAfter.toFixed(1)} at the end (2 cores; above 2, other work competed for them).`,
    '',
    '| contender | ops per CPU-second, median (min–max) | engine ÷ contender, CPU time | engine ÷ contender, wall clock |',
    '| --- | ---: | ---: | ---: |',
    `| bare \`Map\` (same argv; string values, INCR parses and formats, LPUSH into an array, ZADD into a score-ordered array; no types, TTLs, accounting or replies) | ${rate(cpu.map)} | ${times(cpu.engineVsMap, 2)} | ${times(wall.engineVsMap, 2)} |`,
    `| redis-sim engine | ${rate(cpu.engine)} | 1.00 | 1.00 |`,
    `| ioredis-mock (first ${fmt(t.sliceOps)} operations) | ${rate(cpu.ioredisMock)} | ${times(cpu.engineVsMock, 2)} | ${times(wall.engineVsMock, 2)} |`,
    '',
    `- Within 3x of a bare Map (ratio ≥ 0.33): median ${cpu.engineVsMap.median.toFixed(2)}, lowest ${cpu.engineVsMap.min.toFixed(2)} (wall clock: median ${wall.engineVsMap.median.toFixed(2)}); the median ${verdict(cpu.engineVsMap.median >= 1 / 3)}.`,
    `- At least 5x ioredis-mock: median ${cpu.engineVsMock.median.toFixed(2)}x, lowest ${cpu.engineVsMock.min.toFixed(2)}x (wall clock: median ${wall.engineVsMock.median.toFixed(2)}x); the median ${verdict(cpu.engineVsMock.median >= 5)}.`,
  ].join('\n');
  console.log(sections.engine + '\n');
}

if (want('resp')) {
  const r = await measureRespServer();
  const rows = r.tests.map((name) => {
    const key =
      Object.keys(r.real).find((k) => k.toLowerCase().startsWith(name)) ?? name.toUpperCase();
    const real = r.real[key] ?? 0;
    const ours = r.ours[key] ?? 0;
    return { key, real, ours, ok: real > 0 && ours / real >= 0.5 };
  });
  sections.resp = [
    `\`redis-benchmark -n ${fmt(r.requests)} -c 50 -t ${r.tests.join(',')}\` against real \`redis-server\` and against \`npm run resp-server\`, same run, best of two each.`,
    '',
    '| test | redis-server req/s | redis-sim req/s | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(
      (x) =>
        `| ${x.key} | ${fmt(x.real)} | ${fmt(x.ours)} | ${x.real ? ratio(x.ours, x.real) : 'n/a'} |`,
    ),
    '',
    `- At least 0.5x real Redis on every test: ${verdict(rows.every((x) => x.ok))}.`,
  ].join('\n');
  console.log(sections.resp + '\n');
}

if (want('sim-speed')) {
  sections['sim-speed'] = formatSimSpeed(measureSimSpeed());
  console.log(sections['sim-speed'] + '\n');
}

if (want('failover-poll')) {
  sections['failover-poll'] = formatFailoverPoll(measureFailoverPoll());
  console.log(sections['failover-poll'] + '\n');
}

if (want('persistence-fidelity')) {
  sections['persistence-fidelity'] = formatPersistenceFidelity(await measurePersistenceFidelity());
  console.log(sections['persistence-fidelity'] + '\n');
}

if (want('failover-fidelity')) {
  sections['failover-fidelity'] = formatFailoverFidelity(await measureFailoverFidelity());
  console.log(sections['failover-fidelity'] + '\n');
}

if (want('ui-frames')) {
  sections['ui-frames'] = formatUiFrames(await measureUiFrames());
  console.log(sections['ui-frames'] + '\n');
}

if (want('cluster-fidelity')) {
  sections['cluster-fidelity'] = formatClusterFidelity(await measureClusterFidelity());
  console.log(sections['cluster-fidelity'] + '\n');
}

if (want('replication-fidelity')) {
  sections['replication-fidelity'] = formatReplicationFidelity(await measureReplicationFidelity());
  console.log(sections['replication-fidelity'] + '\n');
}

if (write) {
  let doc = readFileSync('BENCHMARKS.md', 'utf8');
  for (const [name, body] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- bench:${name} -->)[\\s\\S]*?(<!-- /bench:${name} -->)`);
    doc = doc.replace(pattern, `$1\n${body}\n$2`);
  }
  writeFileSync('BENCHMARKS.md', doc);
  console.log('BENCHMARKS.md updated');
}
