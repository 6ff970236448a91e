import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createServer, Socket } from 'node:net';
import { ReplyParser, encodeCommand, type Reply } from '../../src/engine/index.ts';

/** A free TCP port on loopback, found by letting the OS pick one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A minimal RESP client: pipelined calls, replies matched in order, byte strings in and out. */
export class RespClient {
  private readonly parser = new ReplyParser();
  private readonly waiting: ((reply: Reply) => void)[] = [];

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.parser.feed(chunk);
      for (let reply = this.parser.next(); reply; reply = this.parser.next()) {
        this.waiting.shift()?.(reply);
      }
    });
  }

  static connect(port: number): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.once('error', reject);
      socket.connect(port, '127.0.0.1', () => resolve(new RespClient(socket)));
    });
  }

  call(...argv: string[]): Promise<Reply> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(encodeCommand(argv), 'latin1');
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * A real redis-server on a free loopback port, with no persistence, for the oracle tests.
 * Fails loudly when redis-server is not installed: a missing oracle is not a pass.
 */
export class RealRedis {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(extraArgs: readonly string[] = []): Promise<RealRedis> {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        ...extraArgs,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start:\n${output}`)),
        10_000,
      );
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(
          new Error(
            `cannot run redis-server (install it: apt-get install redis-server): ${e.message}`,
          ),
        );
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    return new RealRedis(child, port);
  }

  connect(): Promise<RespClient> {
    return RespClient.connect(this.port);
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

export interface RealRedisHandle {
  readonly server: RealRedis;
  readonly client: RespClient;
}

/**
 * One real redis-server for a test file: started before its tests, stopped after them, and
 * emptied (database 0 selected, FLUSHALL) before each test; `reset` restores whatever else a
 * file changes (CONFIG SET ...). The fields are set once the server is up.
 */
export function withRealRedis(
  options: { reset?: (client: RespClient) => Promise<void> } = {},
): RealRedisHandle {
  const handle = {} as { server: RealRedis; client: RespClient };
  beforeAll(async () => {
    handle.server = await RealRedis.start();
    handle.client = await handle.server.connect();
  });
  afterAll(() => {
    handle.client?.close();
    handle.server?.stop();
  });
  beforeEach(async () => {
    await handle.client.call('SELECT', '0');
    await handle.client.call('FLUSHALL');
    await options.reset?.(handle.client);
  });
  return handle;
}
