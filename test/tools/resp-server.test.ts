import { execFile } from 'node:child_process';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRespServer, type RespServer } from '../../tools/resp-server.ts';

const run = promisify(execFile);
let server: RespServer;

beforeAll(async () => {
  server = await startRespServer({ port: 0 });
});

afterAll(async () => {
  await server?.close();
});

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-p', String(server.port), ...args], {
    timeout: 10_000,
  });
  return stdout;
}

async function cliStdin(input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'redis-cli',
      ['-p', String(server.port)],
      { timeout: 10_000 },
      (err, stdout) => (err ? reject(new Error(err.message)) : resolve(stdout)),
    );
    child.stdin?.end(input);
  });
}

/** Sends raw bytes and collects everything until the server closes or `ms` pass. */
function raw(bytes: string, ms = 1500): Promise<{ data: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ data, closed: false });
    }, ms);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ data, closed: true });
    });
    socket.connect(server.port, '127.0.0.1', () => socket.write(bytes, 'latin1'));
  });
}

describe('the RESP server', () => {
  it('serves redis-cli commands', async () => {
    expect(await cli('PING')).toBe('PONG\n');
    expect(await cli('SET', 'greeting', 'hello world')).toBe('OK\n');
    expect(await cli('GET', 'greeting')).toBe('hello world\n');
    expect(await cli('INCR', 'n')).toBe('1\n');
    expect(await cli('GET', 'nope')).toBe('\n');
    expect(await cli('NOSUCH')).toBe(
      "ERR unknown command 'NOSUCH', with args beginning with: \n\n",
    );
  });

  it('keeps a transaction across commands on one redis-cli connection', async () => {
    const out = await cliStdin('MULTI\nSET t 1\nINCR t\nEXEC\nGET t\n');
    // What real redis-cli prints when its output is not a terminal.
    expect(out).toBe('OK\nQUEUED\nQUEUED\nOK\n2\n2\n');
  });

  it('passes binary values through unchanged', async () => {
    const value = '\x00\xff\x80 é\r\n';
    const { data } = await raw(
      `*3\r\n$3\r\nSET\r\n$3\r\nbin\r\n$${value.length}\r\n${value}\r\n*2\r\n$3\r\nGET\r\n$3\r\nbin\r\n`,
      500,
    );
    expect(data).toBe(`+OK\r\n$${value.length}\r\n${value}\r\n`);
  });

  it('answers pipelined commands in order, inline ones included', async () => {
    const { data } = await raw('PING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nECHO "a b"\r\n', 500);
    expect(data).toBe('+PONG\r\n$2\r\nhi\r\n$3\r\na b\r\n');
  });

  it('closes after QUIT has been answered and ignores what follows', async () => {
    const result = await raw('QUIT\r\nPING\r\n');
    expect(result).toEqual({ data: '+OK\r\n', closed: true });
  });

  it('answers garbage with the protocol error and closes, while other clients keep working', async () => {
    for (const [input, error] of [
      ['*abc\r\n', 'ERR Protocol error: invalid multibulk length'],
      ['*1\r\nfoo\r\n', "ERR Protocol error: expected '$', got 'f'"],
      ['*1\r\n$abc\r\n', 'ERR Protocol error: invalid bulk length'],
      ['PING\r\n*1\r\n$x\r\n', 'ERR Protocol error: invalid bulk length'],
    ]) {
      const result = await raw(input!);
      expect(result.closed, JSON.stringify(input)).toBe(true);
      expect(result.data).toBe((input!.startsWith('PING') ? '+PONG\r\n' : '') + `-${error}\r\n`);
    }
    const noise = await raw('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage "unbalanced\r\n');
    expect(noise.closed).toBe(true);
    expect(noise.data).toBe('-ERR Protocol error: unbalanced quotes in request\r\n');
    expect(await cli('PING')).toBe('PONG\n');
  });

  it('closes connections that speak HTTP without answering', async () => {
    expect(await raw('POST / HTTP/1.1\r\nHost: x\r\n\r\n')).toEqual({ data: '', closed: true });
  });

  it('delivers published messages to a subscribed redis-cli', async () => {
    const subscriber = execFile('redis-cli', ['-p', String(server.port), 'SUBSCRIBE', 'news'], {
      timeout: 10_000,
    });
    let out = '';
    subscriber.stdout?.on('data', (chunk: string) => (out += chunk));
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await cli('PUBSUB', 'NUMSUB', 'news')) !== 'news\n1\n') {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await cli('PUBLISH', 'news', 'extra')).toBe('1\n');
    while (Date.now() < deadline && !out.includes('extra')) {
      await new Promise((r) => setTimeout(r, 50));
    }
    subscriber.kill();
    expect(out).toBe('subscribe\nnews\n1\nmessage\nnews\nextra\n');
  });

  it('lists its clients with CLIENT LIST and kills one with CLIENT KILL', async () => {
    const victim = new Socket();
    let closed = false;
    victim.on('close', () => (closed = true));
    await new Promise<void>((resolve) => victim.connect(server.port, '127.0.0.1', resolve));
    const addr = `127.0.0.1:${victim.localPort}`;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !(await cli('CLIENT', 'LIST')).includes(`addr=${addr} `)) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await cli('CLIENT', 'KILL', 'ADDR', addr)).toBe('1\n');
    while (Date.now() < deadline && !closed) await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
  });

  it('completes a short redis-benchmark run of SET, GET and INCR', async () => {
    const { stdout } = await run(
      'redis-benchmark',
      ['-p', String(server.port), '-q', '-n', '2000', '-c', '10', '-t', 'set,get,incr'],
      { timeout: 60_000 },
    );
    const lines = stdout.split(/[\r\n]/).filter((l) => /requests per second/.test(l));
    expect(lines.map((l) => l.trim().split(':')[0])).toEqual(['SET', 'GET', 'INCR']);
    expect(await cli('GET', 'counter:__rand_int__')).toBe('2000\n');
  }, 70_000);
});
