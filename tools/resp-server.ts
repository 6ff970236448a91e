/**
 * A RESP server around one engine, so real clients (redis-cli, redis-benchmark, client
 * libraries) can talk to redis-sim: `npm run resp-server -- --port 6380 [--seed 1]`.
 *
 * Design: one Session per socket; sockets are read and written as latin1 so byte strings
 * pass through unchanged. Each read is parsed into as many commands as it holds; they run
 * in order and their replies are joined into one write (pipelining costs one syscall).
 * Replies addressed to other connections (pub/sub messages) are queued on those and
 * flushed on the next tick. A protocol error is answered and the connection closed, as
 * Redis does; nothing a client sends can throw out of the data handler.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import {
  Engine,
  ReplicationFeed,
  RequestParser,
  SeededRng,
  encodeRdb,
  encodeReply,
  isProtocolError,
  type Clock,
  type InfoField,
  type Session,
} from '../src/engine/index.ts';
import { ReplicaLink } from './replica-link.ts';

/** The wall clock, in microseconds. */
const wallClock: Clock = {
  nowMicros: () => Math.floor((performance.timeOrigin + performance.now()) * 1000),
};

/** Runs every server-cron tick (Redis's serverCron, `hz` times a second). */
export function serverCron(engine: Engine): void {
  engine.activeExpireCycle('slow');
  engine.expireBlockedClients(engine.nowMs());
}

/**
 * One timer at the earliest blocked client's deadline, so BLPOP k 0.5 answers after half a
 * second rather than at the next cron tick (Redis keeps blocked clients' timeouts sorted).
 */
class BlockingTimer {
  private timer: NodeJS.Timeout | undefined;
  private at = Infinity;

  constructor(private readonly engine: Engine) {}

  arm(): void {
    const deadline = this.engine.nextBlockingDeadline();
    if (deadline === undefined || deadline >= this.at) return;
    clearTimeout(this.timer);
    this.at = deadline;
    this.timer = setTimeout(() => this.fire(), Math.max(0, deadline - Date.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.at = Infinity;
    this.engine.expireBlockedClients(this.engine.nowMs());
    this.arm();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/**
 * The master side of replication: SYNC / PSYNC get the dataset as an RDB payload, then the engine's
 * propagated commands (see src/engine/propagation), as Redis's master streams them. Once a
 * replica has attached, propagation stays on, as Redis keeps its backlog.
 */
class Replication {
  readonly replid = randomBytes(20).toString('hex');
  private readonly feed = new ReplicationFeed();
  private readonly replicas = new Set<Connection>();
  private listening = false;
  private cronLoops = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly engine: Engine,
    private readonly connections: Map<Session, Connection>,
  ) {
    // replicationCron runs once a second; every repl-ping-replica-period loops it pings.
    this.timer = setInterval(() => this.cron(), 1000);
    this.timer.unref();
    engine.replicationHost = {
      fullSync: (session, psync) => this.fullSync(session, psync),
      masterRole: () => this.masterRole(),
      goodReplicas: () => this.goodReplicas(),
    };
    engine.infoProvider = (section, fields) =>
      section === 'replication' ? this.infoFields(fields) : fields;
  }

  /** INFO replication as the master states it: its replicas, id and stream offset. */
  private infoFields(fields: readonly InfoField[]): readonly InfoField[] {
    const actual: Record<string, string | number> = {
      connected_slaves: this.replicas.size,
      master_replid: this.replid,
      master_repl_offset: this.feed.offset,
      repl_backlog_active: this.listening ? 1 : 0,
      repl_backlog_first_byte_offset: this.listening ? 1 : 0,
    };
    return fields.map(([name, value]) => [name, actual[name] ?? value] as const);
  }

  private fullSync(session: Session, psync: boolean): void {
    const connection = this.connections.get(session);
    if (connection === undefined) return;
    if (!this.listening) {
      this.listening = true;
      this.engine.addPropagationListener((batch) => this.broadcast(this.feed.encode(batch)));
    }
    this.feed.resetSelection();
    const header = psync ? `+FULLRESYNC ${this.replid} ${this.feed.offset}\r\n` : '';
    const rdb = encodeRdb(this.engine.dbs, this.engine.config);
    connection.send(`${header}$${rdb.length}\r\n${rdb}`);
    this.replicas.add(connection);
    connection.onClose = () => this.replicas.delete(connection);
  }

  /** ROLE: the stream offset, and each replica's address, listening port and acked offset. */
  private masterRole() {
    const replicas = [...this.replicas].map((c) => ({
      ip: c.session.addr.slice(0, c.session.addr.lastIndexOf(':')),
      port: c.session.listeningPort,
      offset: c.session.ackedOffset,
    }));
    return { offset: this.feed.offset, replicas };
  }

  private goodReplicas(): number {
    const maxLagMs = this.engine.config['min-replicas-max-lag'] * 1000;
    const now = this.engine.nowMs();
    let good = 0;
    for (const c of this.replicas) if (now - c.session.ackedAtMs <= maxLagMs) good++;
    return good;
  }

  /** Closes every attached replica's connection (a new replication history). */
  dropReplicas(): void {
    for (const replica of [...this.replicas]) replica.session.kill?.();
    this.replicas.clear();
  }

  private broadcast(bytes: string): void {
    // A replica streams nothing of its own: its writes come from its master (shouldPropagate).
    if (bytes === '' || this.engine.replicaOf !== undefined) return;
    for (const replica of this.replicas) replica.send(bytes);
  }

  private cron(): void {
    this.cronLoops++;
    const period = this.engine.config['repl-ping-replica-period'];
    if (this.replicas.size > 0 && this.cronLoops % period === 0) this.broadcast(this.feed.ping());
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface RespServer {
  readonly port: number;
  readonly engine: Engine;
  close(): Promise<void>;
}

export interface RespServerOptions {
  port?: number;
  host?: string;
  seed?: number;
  /**
   * Where SAVE writes dump.rdb. Default: a temporary folder, never the working directory,
   * where a real redis-server started by the tests would load it.
   */
  dir?: string | undefined;
  /** SHUTDOWN: called once the server has closed (the command line exits the process). */
  onShutdown?: () => void;
}

/** Redis closes connections that look like HTTP sent to it (server.c securityWarningCommand). */
function looksLikeHttp(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'host:' || lower === 'post';
}

class Connection {
  private readonly parser = new RequestParser();
  private out = '';
  private flushScheduled = false;
  private closed = false;
  /** A blocking command is waiting: later requests stay queued, as Redis leaves them unread. */
  private blocked = false;
  /** Called once when the connection ends (a replica leaves the stream). */
  onClose: (() => void) | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly socket: Socket,
    readonly session: Session,
    private readonly timer: BlockingTimer,
  ) {
    session.deliver = (reply) => {
      this.out += encodeReply(reply, session.protocol);
      this.scheduleFlush();
      if (this.blocked && !engine.blocking.isBlocked(session)) {
        this.blocked = false;
        // Not now: deliver runs inside another client's command.
        setImmediate(() => this.drain());
      }
    };
    session.kill = () => this.destroy();
    socket.setEncoding('latin1');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
  }

  private onData(chunk: string): void {
    if (this.closed || this.session.closeAfterReply) return;
    this.parser.feed(chunk);
    this.drain();
  }

  /** Runs the requests received so far, in order, until one blocks. */
  private drain(): void {
    if (this.closed || this.blocked) return;
    try {
      for (;;) {
        const request = this.parser.next();
        if (request === undefined) break;
        if (isProtocolError(request)) {
          this.out += `-${request.protocolError}\r\n`;
          this.session.closeAfterReply = true;
          break;
        }
        if (looksLikeHttp(request[0]!)) {
          this.out = '';
          this.destroy();
          return;
        }
        const reply = this.engine.execute(this.session, request);
        if (reply === undefined) {
          this.blocked = true;
          this.timer.arm();
          break;
        }
        if (this.session.consumeReplyPermission(reply)) {
          this.out += encodeReply(reply, this.session.protocol);
        }
        if (this.session.closeAfterReply) break;
      }
    } catch (e) {
      // An engine bug must not take the server down: answer like Redis would never need to.
      this.out += `-ERR internal error: ${String(e).replace(/[\r\n]/g, ' ')}\r\n`;
      this.session.closeAfterReply = true;
    }
    this.flush();
  }

  /** Bytes that are not a reply: the replication stream and its RDB payload. */
  send(bytes: string): void {
    this.out += bytes;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.closed) return;
    if (this.out !== '') {
      this.socket.write(this.out, 'latin1');
      this.out = '';
    }
    if (this.session.closeAfterReply) {
      this.onClose?.();
      this.onClose = undefined;
      this.closed = true;
      this.engine.closeSession(this.session);
      // Close for good once the reply is out, as Redis's close(fd): a client still writing
      // (a desynced protocol stream) gets a reset instead of being read and ignored forever.
      this.socket.end(() => this.socket.destroy());
    }
  }

  private destroy(): void {
    this.onClose?.();
    this.onClose = undefined;
    if (!this.closed) {
      this.closed = true;
      this.engine.unblock(this.session);
      this.engine.closeSession(this.session);
    }
    this.socket.destroy();
  }
}

export function startRespServer(options: RespServerOptions = {}): Promise<RespServer> {
  const engine = new Engine({ clock: wallClock, rng: new SeededRng(options.seed ?? 1) });
  const host = options.host ?? '127.0.0.1';
  let nextFd = 8;
  const timer = new BlockingTimer(engine);
  const connections = new Map<Session, Connection>();
  const replication = new Replication(engine, connections);
  const link = new ReplicaLink(engine, () => replication.dropReplicas());
  engine.masterLink = link;
  const server: Server = createServer((socket) => {
    const session = engine.createSession({
      addr: `${socket.remoteAddress ?? host}:${socket.remotePort ?? 0}`,
      laddr: `${socket.localAddress ?? host}:${socket.localPort ?? 0}`,
      fd: nextFd++,
    });
    connections.set(session, new Connection(engine, socket, session, timer));
    socket.on('close', () => connections.delete(session));
  });
  const cron = setInterval(() => serverCron(engine), Math.round(1000 / engine.config.hz));
  cron.unref();
  let dir = options.dir;
  const close = () =>
    new Promise<void>((done) => {
      clearInterval(cron);
      timer.stop();
      replication.stop();
      link.stop();
      for (const session of [...engine.sessions.values()]) session.kill?.();
      server.close(() => done());
    });
  const save = (rdb: string): string | undefined => {
    try {
      dir ??= mkdtempSync(join(tmpdir(), 'redis-sim-'));
      writeFileSync(join(dir, 'dump.rdb'), rdb, 'latin1');
      return undefined;
    } catch (e) {
      return `ERR ${String(e)}`;
    }
  };
  engine.persistenceHost = {
    save,
    shutdown: (withSave) => {
      if (withSave) save(encodeRdb(engine.dbs, engine.config));
      // After this command's reply is dropped: the connections close with the server.
      setImmediate(() => void close().then(() => options.onShutdown?.()));
    },
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      link.listeningPort = port;
      resolve({
        port,
        engine,
        close,
      });
    });
  });
}

function argValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const port = Number(argValue(args, '--port') ?? 6379);
  const seed = Number(argValue(args, '--seed') ?? 1);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('usage: resp-server --port N [--seed S] [--dir D]\n');
    process.exit(2);
  }
  startRespServer({
    port,
    seed,
    dir: argValue(args, '--dir'),
    onShutdown: () => process.exit(0),
  }).then(
    (s) => process.stdout.write(`redis-sim RESP server ready on 127.0.0.1:${s.port}\n`),
    (e: unknown) => {
      process.stderr.write(`cannot start: ${String(e)}\n`);
      process.exit(1);
    },
  );
}
