import { Socket } from 'node:net';
import { expect } from 'vitest';
import {
  ReplyParser,
  encodeCommand,
  encodeReply,
  type Reply,
  type Session,
} from '../../src/engine/index.ts';
import { testEngine } from './engine.ts';

/**
 * Two connections on each side (real redis-server, engine), stepped together: each step
 * runs on the engine first, then as many replies as each local session got (its own plus
 * deliveries: served blocked commands, messages) are read from the matching real
 * connection and compared as RESP3 re-encodings. A command that blocks locally gets no
 * reply on either side until another step serves it.
 */

/** A raw RESP connection that keeps every reply, pushed ones included. */
export class Wire {
  private readonly parser = new ReplyParser();
  private readonly queue: Reply[] = [];
  private wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.parser.feed(chunk);
      for (let r = this.parser.next(); r; r = this.parser.next()) this.queue.push(r);
      this.wake?.();
    });
  }

  static connect(port: number): Promise<Wire> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.once('error', reject);
      socket.connect(port, '127.0.0.1', () => resolve(new Wire(socket)));
    });
  }

  send(argv: readonly string[]): void {
    this.socket.write(encodeCommand(argv), 'latin1');
  }

  async read(): Promise<Reply> {
    const deadline = Date.now() + 3000;
    while (this.queue.length === 0) {
      if (Date.now() > deadline) throw new Error('no reply from redis-server');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    return this.queue.shift()!;
  }

  /** Replies received and not read yet. */
  get pending(): number {
    return this.queue.length;
  }

  close(): void {
    this.socket.destroy();
  }
}

export type Step = [client: 0 | 1, argv: string[]];

/** Client ids (HELLO's id field) differ between the two servers. */
const maskIds = (s: string) => s.replace(/\$2\r\nid\r\n:\d+/, '$2\r\nid\r\n:ID');

/** What a client sees: the local reply encoded for its protocol, parsed back, as RESP3. */
function onTheWire(reply: Reply, protocol: 2 | 3): string {
  const parser = new ReplyParser();
  parser.feed(encodeReply(reply, protocol));
  return maskIds(encodeReply(parser.next()!, 3));
}

/** A fresh pair of connections on both sides, after FLUSHALL on the real server. */
export async function twoConnections(port: number) {
  const wires = [await Wire.connect(port), await Wire.connect(port)] as const;
  wires[0].send(['FLUSHALL']);
  await wires[0].read();
  const local = testEngine(Date.now());
  const sessions: Session[] = [local.session, local.engine.createSession()];
  const inboxes: Reply[][] = [[], []];
  sessions.forEach((s, i) => (s.deliver = (r) => inboxes[i]!.push(r)));

  /** Runs argv on both sides (realArgv on the real server when they must differ, e.g. ids). */
  async function step([c, argv]: Step, realArgv: readonly string[] = argv): Promise<void> {
    local.clock.set(Date.now() * 1000);
    const session = sessions[c]!;
    const reply = local.engine.execute(session, argv);
    if (reply !== undefined && session.consumeReplyPermission(reply)) inboxes[c]!.push(reply);
    wires[c].send(realArgv);
    // A command that blocked: let the real server register the client before going on.
    if (reply === undefined) await new Promise((r) => setTimeout(r, 30));
    for (const i of [c, 1 - c]) {
      const got = inboxes[i]!.splice(0);
      const mine: string[] = [];
      const theirs: string[] = [];
      for (const r of got) {
        mine.push(onTheWire(r, sessions[i]!.protocol));
        theirs.push(maskIds(encodeReply(await wires[i]!.read(), 3)));
      }
      expect(mine, `client ${i} after ${JSON.stringify(argv)}`).toEqual(theirs);
    }
  }

  /** Lets deadlines pass on both sides, then compares what each blocked client got. */
  async function wait(ms: number): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    local.clock.set(Date.now() * 1000);
    local.engine.expireBlockedClients(local.engine.nowMs());
    for (const i of [0, 1]) {
      for (const r of inboxes[i]!.splice(0)) {
        expect(onTheWire(r, sessions[i]!.protocol), `client ${i} after ${ms} ms`).toBe(
          maskIds(encodeReply(await wires[i]!.read(), 3)),
        );
      }
      expect(wires[i]!.pending, `client ${i} got nothing more`).toBe(0);
    }
  }

  /** A connection's CLIENT ID on each side: [engine, real]. */
  async function ids(c: 0 | 1): Promise<[string, string]> {
    wires[c].send(['CLIENT', 'ID']);
    const real = await wires[c].read();
    return [String(sessions[c]!.id), real.kind === 'integer' ? String(real.value) : '?'];
  }

  function close(): void {
    for (const w of wires) w.close();
  }

  return { local, sessions, step, wait, ids, close };
}
