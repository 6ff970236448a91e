import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ReplyParser,
  RequestParser,
  SeededRng,
  isProtocolError,
  encodeReply,
  type Reply,
  type Session,
} from '../../src/engine/index.ts';
import { testEngine } from '../helpers/engine.ts';
import { RealRedis } from '../helpers/real-redis.ts';
import { Wire, type Step } from '../helpers/two-connections.ts';

/**
 * Connections, transactions and pub/sub against a real redis-server, over two connections
 * on each side. Every step runs on the engine first; the number of replies each local
 * session got (its own reply plus deliveries) is then read from the matching real
 * connection, and both are compared on the wire as RESP3 re-encodings, so RESP2 arrays
 * and RESP3 pushes, maps and nulls are told apart.
 */

let server: RealRedis;
let wires: Wire[] = [];

beforeAll(async () => {
  server = await RealRedis.start();
});

afterAll(() => {
  for (const w of wires) w.close();
  server?.stop();
});

/** A fresh pair of connections on both sides. */
async function pair() {
  for (const w of wires) w.close();
  wires = [await Wire.connect(server.port), await Wire.connect(server.port)];
  await flushReal();
  const local = testEngine(Date.now());
  const sessions: Session[] = [local.session, local.engine.createSession()];
  const inboxes: Reply[][] = [[], []];
  sessions.forEach((s, i) => (s.deliver = (r) => inboxes[i]!.push(r)));

  /** Runs a step on both sides and compares everything each connection received. */
  async function step([c, argv]: Step, mask: (s: string) => string = (s) => s): Promise<void> {
    local.clock.set(Date.now() * 1000);
    const session = sessions[c]!;
    const reply = local.engine.execute(session, argv);
    if (reply !== undefined && session.consumeReplyPermission(reply)) inboxes[c]!.push(reply);
    wires[c]!.send(argv);
    for (const i of [c, 1 - c]) {
      const got = inboxes[i]!.splice(0);
      const mine: string[] = [];
      const theirs: string[] = [];
      for (const r of got) {
        mine.push(mask(onTheWire(r, sessions[i]!.protocol)));
        theirs.push(mask(encodeReply(await wires[i]!.read(), 3)));
      }
      expect(unordered(argv, mine), `client ${i} after ${JSON.stringify(argv)}`).toEqual(
        unordered(argv, theirs),
      );
    }
  }

  /** Both connections are still in step: nothing unread is waiting on the real side. */
  async function inSync(): Promise<void> {
    for (const [i, w] of wires.entries()) {
      await step([i as 0 | 1, ['RESET']]);
      w.send(['ECHO', 'sync']);
      expect(encodeReply(await w.read(), 3)).toBe('$4\r\nsync\r\n');
    }
  }

  return { local, sessions, step, inSync };
}

async function flushReal(): Promise<void> {
  wires[0]!.send(['FLUSHALL']);
  await wires[0]!.read();
}

/** What the client sees: the local reply encoded for its protocol, parsed back, as RESP3. */
function onTheWire(reply: Reply, protocol: 2 | 3): string {
  const parser = new ReplyParser();
  parser.feed(encodeReply(reply, protocol));
  return encodeReply(parser.next()!, 3);
}

/**
 * UNSUBSCRIBE with no argument walks a hash table in Redis, so the channel order is
 * arbitrary; compare the confirmations with the channel names sorted apart.
 */
function unordered(argv: readonly string[], replies: string[]): string[] {
  const name = argv[0]!.toLowerCase();
  if (argv.length !== 1 || (name !== 'unsubscribe' && name !== 'sunsubscribe')) return replies;
  const channels = replies.map((r) => r.split('\r\n')[4] ?? '').sort();
  return [...replies.map((r) => r.split('\r\n').slice(0, 3).join('|') + r.slice(-4)), ...channels];
}

const maskIds = (s: string) => s.replace(/\$2\r\nid\r\n:\d+/, '$2\r\nid\r\n:ID');

describe('the engine answers like redis-server 7.0 (connections, transactions, pub/sub)', () => {
  it('MULTI/EXEC with queueing errors, runtime errors and DISCARD', async () => {
    const { step, inSync } = await pair();
    const steps: Step[] = [
      [0, ['EXEC']],
      [0, ['DISCARD']],
      [0, ['MULTI']],
      [0, ['MULTI']],
      [0, ['SET', 'a', '1']],
      [0, ['LPUSH', 'a', 'x', 'y', 'z'].slice(0, 0).concat(['INCR', 'a'])],
      [0, ['WATCH', 'a']],
      [0, ['GET', 'a', 'b']],
      [0, ['EXEC']],
      [0, ['GET', 'a']],
      [0, ['SET', 's', 'text']],
      [0, ['MULTI']],
      [0, ['INCR', 's']],
      [0, ['SET', 'b', '2']],
      [0, ['ECHO', 'x']],
      [0, ['EXEC']],
      [0, ['MULTI']],
      [0, ['NOSUCH', 'arg']],
      [0, ['SET', 'c', '1']],
      [0, ['EXEC']],
      [0, ['GET', 'c']],
      [0, ['MULTI']],
      [0, ['SET', 'c', '1']],
      [0, ['DISCARD']],
      [0, ['GET', 'c']],
      [0, ['MULTI', 'x']],
      [0, ['EXEC', 'x']],
      [0, ['WATCH']],
      [0, ['UNWATCH', 'x']],
    ];
    for (const s of steps) await step(s);
    await inSync();
  });

  it('WATCH invalidated by the other connection, by FLUSHDB and by expiry', async () => {
    const { step, inSync } = await pair();
    for (const s of [
      [0, ['SET', 'k', '1']],
      [0, ['WATCH', 'k', 'other']],
      [1, ['INCR', 'k']],
      [0, ['MULTI']],
      [0, ['SET', 'k', 'mine']],
      [0, ['EXEC']],
      [0, ['GET', 'k']],
      [0, ['WATCH', 'k']],
      [1, ['GET', 'k']],
      [0, ['MULTI']],
      [0, ['SET', 'k', 'mine']],
      [0, ['EXEC']],
      [0, ['WATCH', 'k']],
      [1, ['FLUSHDB']],
      [0, ['MULTI']],
      [0, ['EXEC']],
      [0, ['WATCH', 'gone']],
      [1, ['FLUSHDB']],
      [0, ['MULTI']],
      [0, ['EXEC']],
      [0, ['WATCH', 'k']],
      [1, ['SET', 'k', 'v']],
      [0, ['UNWATCH']],
      [0, ['MULTI']],
      [0, ['GET', 'k']],
      [0, ['EXEC']],
      [0, ['SET', 't', 'v', 'PX', '40']],
      [0, ['WATCH', 't']],
    ] as Step[])
      await step(s);
    await new Promise((r) => setTimeout(r, 120));
    for (const s of [
      [0, ['MULTI']],
      [0, ['PING']],
      [0, ['EXEC']],
    ] as Step[])
      await step(s);
    await inSync();
  });

  it('pub/sub message shapes in RESP2 and after HELLO 3, and subscribed-mode errors', async () => {
    const { step, inSync } = await pair();
    for (const s of [
      [0, ['UNSUBSCRIBE']],
      [0, ['PUNSUBSCRIBE']],
      [0, ['UNSUBSCRIBE', 'never']],
      [0, ['SUBSCRIBE', 'ch1', 'ch2', 'ch1']],
      [0, ['PSUBSCRIBE', 'x*']],
      [1, ['PUBLISH', 'ch1', 'hello']],
      [1, ['PUBLISH', 'xyz', 'pattern']],
      [1, ['PUBLISH', 'none', 'nobody']],
      [0, ['GET', 'k']],
      [0, ['MULTI']],
      [0, ['PING']],
      [0, ['PING', 'msg']],
      [1, ['PUBSUB', 'NUMSUB', 'ch1', 'ch2', 'zzz']],
      [1, ['PUBSUB', 'NUMPAT']],
      [1, ['PUBSUB', 'NUMSUB']],
      [1, ['PUBSUB', 'CHANNELS', 'ch1']],
      [1, ['PUBSUB', 'CHANNELS', 'a', 'b']],
      [1, ['PUBSUB', 'nope']],
      [1, ['PUBSUB']],
      [0, ['UNSUBSCRIBE', 'ch2']],
      [0, ['PUNSUBSCRIBE']],
      [0, ['UNSUBSCRIBE']],
      [0, ['PING']],
      [0, ['HELLO', '3']],
      [0, ['SUBSCRIBE', 'ch1']],
      [0, ['GET', 'k']],
      [0, ['PING']],
      [1, ['PUBLISH', 'ch1', 'resp3']],
      [0, ['PUBLISH', 'ch1', 'self']],
      [0, ['UNSUBSCRIBE']],
      [0, ['UNSUBSCRIBE']],
      [0, ['HELLO', '2']],
      [1, ['SUBSCRIBE']],
      [1, ['PUBLISH', 'a']],
    ] as Step[])
      await step(s, maskIds);
    await inSync();
  });

  it('HELLO, CLIENT GETNAME/SETNAME/ID, RESET and QUIT shapes and errors', async () => {
    const { step, inSync } = await pair();
    const maskAll = (s: string) => maskIds(s).replace(/^:\d+\r\n$/, ':N\r\n');
    for (const s of [
      [0, ['HELLO']],
      [0, ['HELLO', '3']],
      [0, ['HELLO', '2', 'SETNAME', 'worker']],
      [0, ['CLIENT', 'GETNAME']],
      [0, ['HELLO', '4']],
      [0, ['HELLO', 'x']],
      [0, ['HELLO', '3', 'AUTH', 'nobody', 'pw']],
      [0, ['HELLO', '3', 'AUTH', 'default', 'pw']],
      [0, ['HELLO', '3', 'SETNAME']],
      [0, ['HELLO', '2', 'foo']],
      [0, ['CLIENT', 'GETNAME']],
      [0, ['CLIENT', 'SETNAME', 'bad name']],
      [0, ['CLIENT', 'SETNAME', '']],
      [0, ['CLIENT', 'GETNAME']],
      [0, ['CLIENT', 'ID']],
      [0, ['CLIENT']],
      [0, ['CLIENT', 'nope']],
      [0, ['CLIENT', 'ID', 'x']],
      [0, ['CLIENT', 'LIST', 'TYPE', 'bogus']],
      [0, ['CLIENT', 'LIST', 'ID', 'x']],
      [0, ['CLIENT', 'LIST', 'x']],
      [0, ['CLIENT', 'KILL', '1.2.3.4:5']],
      [0, ['CLIENT', 'KILL', 'ID', '0']],
      [0, ['CLIENT', 'KILL', 'ID', '999999', 'SKIPME', 'maybe']],
      [0, ['CLIENT', 'KILL', 'ADDR', '1.2.3.4:5']],
      [0, ['CLIENT', 'KILL', 'a', 'b', 'c']],
      [0, ['CLIENT', 'REPLY', 'bogus']],
      [0, ['CLIENT', 'HELP']],
      [0, ['PUBSUB', 'HELP']],
      [0, ['AUTH', 'pw']],
      [0, ['AUTH', 'default', 'pw']],
      [0, ['AUTH', 'bob', 'pw']],
      [0, ['CLIENT', 'SETNAME', 'again']],
      [0, ['MULTI']],
      [0, ['RESET']],
      [0, ['EXEC']],
      [0, ['CLIENT', 'GETNAME']],
      [0, ['PING', 'a', 'b']],
    ] as Step[])
      await step(s, maskAll);
    await inSync();
    await step([1, ['QUIT']]);
  });

  it('random two-connection streams of transactions, watches and pub/sub', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const { step, inSync, sessions } = await pair();
      const rng = new SeededRng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
      const keys = ['a', 'b'];
      const channels = ['ch1', 'ch2', 'xy'];
      for (let i = 0; i < 250; i++) {
        const c = pick([0, 1] as const);
        const inMulti = sessions[c]!.multi !== undefined;
        const ops: (() => string[])[] = [
          () => ['SET', pick(keys), pick(['1', 'x'])],
          () => ['INCR', pick(keys)],
          () => ['GET', pick(keys)],
          () => ['DEL', pick(keys)],
          () => ['WATCH', ...keys.slice(0, 1 + Math.floor(rng.next() * 2))],
          () => ['UNWATCH'],
          () => ['MULTI'],
          () => ['EXEC'],
          () => ['EXEC'],
          () => ['DISCARD'],
          () => ['GET'],
          () => ['NOSUCH', 'x'],
          () => ['PING'],
          () => ['PUBLISH', pick(channels), `m${i}`],
          () => ['PUBSUB', 'NUMSUB', ...channels],
          () => ['PUBSUB', 'NUMPAT'],
          () => ['CLIENT', 'GETNAME'],
          () => ['CLIENT', 'SETNAME', pick(['n1', 'n2', 'bad name'])],
        ];
        if (!inMulti) {
          ops.push(
            () => ['SUBSCRIBE', pick(channels)],
            () => ['SUBSCRIBE', ...channels.slice(0, 2)],
            () => ['UNSUBSCRIBE', pick(channels)],
            () => ['UNSUBSCRIBE'],
            () => ['PSUBSCRIBE', pick(['ch?', 'x*'])],
            () => ['PUNSUBSCRIBE'],
            () => ['RESET'],
          );
        }
        await step([c, pick(ops)()]);
      }
      await inSync();
    }
  });
});

describe('protocol errors match redis-server 7.0', () => {
  /** What redis-server writes back for raw bytes, until it closes the connection. */
  function rawReal(bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      let data = '';
      const timer = setTimeout(() => socket.destroy(), 1500);
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (data += chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(data);
      });
      socket.connect(server.port, '127.0.0.1', () => socket.write(bytes, 'latin1'));
    });
  }

  /** The engine side: parse, run, and stop at the first protocol error, as the server does. */
  function local(bytes: string): string {
    const { engine } = testEngine(Date.now());
    const session = engine.createSession();
    const parser = new RequestParser();
    parser.feed(bytes);
    let out = '';
    for (let r = parser.next(); r !== undefined; r = parser.next()) {
      if (isProtocolError(r)) return out + `-${r.protocolError}\r\n`;
      out += encodeReply(engine.execute(session, r)!, session.protocol);
      if (session.closeAfterReply) break;
    }
    return out;
  }

  it('answers the same bytes to malformed and odd requests', async () => {
    const inputs = [
      '*abc\r\n',
      '*-5\r\nPING\r\n*0\r\nPING\r\n',
      '*1\r\nfoo\r\n',
      '*1\r\n\r\n',
      '*1\r\n$abc\r\n',
      '*1\r\n$-1\r\n',
      '*1\r\n$01\r\n',
      '*2\r\n$4\r\nECHO\r\n$+1\r\n',
      '*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n*x\r\n',
      'ECHO "a\\x41\\n" \'b c\'\r\nECHO "unbalanced\r\n',
      "ECHO 'a'b\r\n",
      'PING\nPING\r\n\r\n   \nQUIT\r\nPING\r\n',
      '*1\r\n$4\r\nQUIT\r\n*1\r\n$4\r\nPING\r\n',
    ];
    for (const input of inputs) {
      expect(local(input), JSON.stringify(input)).toBe(await rawReal(input));
    }
  });
});
