/**
 * Real Redis Cluster processes on loopback for fidelity checks: `redis-server
 * --cluster-enabled yes` on given ports (each with its bus on port + 10000), a temporary
 * directory each, and `redis-cli --cluster create` to share the slots. Everything started
 * here is killed by stop().
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function cli(port: number, ...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(port), ...args], {
    encoding: 'latin1',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** redis-cli run in the background; resolves with its stdout and stderr. */
export function cliAsync(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('redis-cli', args, { encoding: 'latin1', maxBuffer: 64 << 20 }, (err, out, errOut) =>
      err
        ? reject(new Error(`redis-cli ${args.join(' ')}: ${err.message}\n${out}${errOut}`))
        : resolve(out + errOut),
    );
  });
}

export class RealCluster {
  private constructor(
    private readonly children: ChildProcess[],
    private readonly dir: string,
    readonly ports: readonly number[],
  ) {}

  /** Starts one cluster-enabled server a port (no slots assigned yet). */
  static async start(ports: readonly number[], nodeTimeoutMs = 15000): Promise<RealCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'redis-sim-cluster-'));
    const children = ports.map((port) =>
      spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(dir, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          String(nodeTimeoutMs),
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      ),
    );
    const cluster = new RealCluster(children, dir, ports);
    try {
      for (const port of ports) await cluster.waitReady(port);
    } catch (e) {
      cluster.stop();
      throw e;
    }
    return cluster;
  }

  private async waitReady(port: number): Promise<void> {
    for (let i = 0; i < 250; i++) {
      try {
        if (cli(port, 'PING').trim() === 'PONG') return;
      } catch {
        // not listening yet
      }
      await sleep(20);
    }
    throw new Error(`redis-server on ${port} never became ready (is redis-server installed?)`);
  }

  /** `redis-cli --cluster create` over all the ports, then waits until every node says ok. */
  async create(replicas = 0): Promise<void> {
    const addrs = this.ports.map((p) => `127.0.0.1:${p}`);
    await cliAsync([
      '--cluster',
      'create',
      ...addrs,
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ]);
    for (let i = 0; i < 500; i++) {
      if (this.ports.every((p) => cli(p, 'CLUSTER', 'INFO').includes('cluster_state:ok'))) return;
      await sleep(20);
    }
    throw new Error('the real cluster never reached cluster_state:ok');
  }

  stop(): void {
    for (const c of this.children) c.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
