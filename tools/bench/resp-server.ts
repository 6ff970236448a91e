/**
 * The RESP server against real redis-server under redis-benchmark, in the same run with the
 * same settings, so the ratio is what counts.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../test/helpers/real-redis.ts';

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      execFileSync('redis-cli', ['-p', String(port), 'PING'], { stdio: 'pipe' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing answers PING on port ${port}`);
}

/** requests/s per test name, from redis-benchmark's CSV output. */
function runBenchmark(port: number, requests: number, tests: string): Record<string, number> {
  const csv = execFileSync(
    'redis-benchmark',
    ['-p', String(port), '-n', String(requests), '-c', '50', '-t', tests, '--csv'],
    { encoding: 'utf8' },
  );
  const result: Record<string, number> = {};
  for (const line of csv.trim().split('\n').slice(1)) {
    const [name, rps] = line.split(',').map((c) => c.replace(/"/g, ''));
    if (name && rps) result[name] = Number(rps);
  }
  return result;
}

export interface RespServerResult {
  requests: number;
  tests: string[];
  real: Record<string, number>;
  ours: Record<string, number>;
}

export async function measureRespServer(
  requests = 100_000,
  tests = 'set,get,incr,lpush',
): Promise<RespServerResult> {
  const realPort = await freePort();
  const oursPort = await freePort();
  const real = spawn(
    'redis-server',
    ['--port', String(realPort), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const ours = spawn(
    process.execPath,
    ['--import', 'tsx', 'tools/resp-server.ts', '--port', String(oursPort)],
    {
      stdio: 'ignore',
    },
  );
  try {
    await waitForPort(realPort, real);
    await waitForPort(oursPort, ours);
    // Alternate to share the machine's noise; keep the better of two runs each.
    const realRuns = [runBenchmark(realPort, requests, tests)];
    const oursRuns = [runBenchmark(oursPort, requests, tests)];
    realRuns.push(runBenchmark(realPort, requests, tests));
    oursRuns.push(runBenchmark(oursPort, requests, tests));
    const best = (runs: Record<string, number>[]): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const run of runs)
        for (const [k, v] of Object.entries(run)) out[k] = Math.max(out[k] ?? 0, v);
      return out;
    };
    return { requests, tests: tests.split(','), real: best(realRuns), ours: best(oursRuns) };
  } finally {
    real.kill('SIGKILL');
    ours.kill('SIGTERM');
  }
}
