/**
 * The replica side of replication for the RESP server (replication.c connectWithMaster,
 * syncWithMaster, readSyncBulkPayload): after REPLICAOF host port it connects to the
 * master, does the handshake (PING, REPLCONF listening-port and capa, PSYNC ? -1), loads
 * the RDB payload of the full sync into the engine, then applies the command stream through
 * a session flagged as the master's (obeyed on a read-only replica, never answered), acks
 * its offset every second and answers REPLCONF GETACK. A lost link is retried every second,
 * as replicationCron does, until REPLICAOF NO ONE or another master.
 */
import { connect, type Socket } from 'node:net';
import type { Engine } from '../src/engine/index.ts';
import {
  RequestParser,
  encodeCommand,
  isProtocolError,
  readRdbFile,
  replaceDataset,
  type MasterLinkHost,
  type Session,
} from '../src/engine/index.ts';

type Phase = 'pong' | 'port' | 'capa' | 'psync' | 'rdb' | 'stream';

export class ReplicaLink implements MasterLinkHost {
  /** The port this server listens on, announced with REPLCONF listening-port. */
  listeningPort = 0;
  private target: { host: string; port: number } | undefined;
  private socket: Socket | undefined;
  private master: Session | undefined;
  private phase: Phase = 'pong';
  private pending = '';
  private parser = new RequestParser();
  /** Stream bytes received, and consumed by the commands parsed so far. */
  private fed = 0;
  private applied = 0;
  private retry: NodeJS.Timeout | undefined;
  private readonly ackTimer: NodeJS.Timeout;

  constructor(
    private readonly engine: Engine,
    private readonly drop: () => void,
  ) {
    this.ackTimer = setInterval(() => this.ack(), 1000);
    this.ackTimer.unref();
  }

  connect(host: string, port: number): void {
    this.target = { host, port };
    this.open();
  }

  disconnect(): void {
    this.target = undefined;
    clearTimeout(this.retry);
    this.close();
  }

  dropReplicas(): void {
    this.drop();
  }

  stop(): void {
    this.disconnect();
    clearInterval(this.ackTimer);
  }

  private open(): void {
    const target = this.target;
    const state = this.engine.replicaOf;
    if (target === undefined || state === undefined) return;
    state.state = 'connecting';
    this.phase = 'pong';
    this.pending = '';
    const socket = connect({ host: target.host, port: target.port });
    this.socket = socket;
    socket.setEncoding('latin1');
    socket.setNoDelay(true);
    socket.on('connect', () => {
      if (this.socket !== socket) return;
      state.state = 'handshake';
      this.send(['PING']);
    });
    socket.on('data', (chunk: string) => {
      if (this.socket !== socket) return;
      state.lastIoMs = this.engine.nowMs();
      try {
        this.receive(chunk);
      } catch {
        this.lost(socket);
      }
    });
    socket.on('error', () => this.lost(socket));
    socket.on('close', () => this.lost(socket));
  }

  /** The link went down: back to 'connect', and a new attempt in a second. */
  private lost(socket: Socket): void {
    if (this.socket !== socket) return;
    this.close();
    const state = this.engine.replicaOf;
    if (this.target === undefined || state === undefined) return;
    if (state.state === 'connected') state.downSinceMs = this.engine.nowMs();
    state.state = 'connect';
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.open(), 1000);
    this.retry.unref();
  }

  private close(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
    if (this.master !== undefined) {
      this.engine.closeSession(this.master);
      this.master = undefined;
    }
  }

  private send(argv: readonly string[]): void {
    this.socket?.write(encodeCommand(argv), 'latin1');
  }

  private receive(chunk: string): void {
    if (this.phase === 'stream') {
      this.stream(chunk);
      return;
    }
    this.pending += chunk;
    while (!this.streaming()) {
      if (this.phase === 'rdb') {
        if (!this.readPayload()) return;
        continue;
      }
      const end = this.pending.indexOf('\r\n');
      if (end === -1) return;
      const line = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 2);
      this.handshake(line);
    }
    const rest = this.pending;
    this.pending = '';
    if (rest !== '') this.stream(rest);
  }

  /** A method, so the compiler does not narrow `phase` across calls that change it. */
  private streaming(): boolean {
    return this.phase === 'stream';
  }

  /** One reply of the handshake, and the next step (syncWithMaster's states). */
  private handshake(line: string): void {
    const state = this.engine.replicaOf!;
    switch (this.phase) {
      case 'pong':
        this.phase = 'port';
        this.send(['REPLCONF', 'listening-port', String(this.listeningPort)]);
        return;
      case 'port':
        this.phase = 'capa';
        this.send(['REPLCONF', 'capa', 'eof', 'capa', 'psync2']);
        return;
      case 'capa':
        this.phase = 'psync';
        this.send(['PSYNC', '?', '-1']);
        return;
      case 'psync': {
        const full = /^\+FULLRESYNC \S+ (\d+)/.exec(line);
        if (full === null) throw new Error(`unexpected PSYNC reply ${line}`);
        state.offset = Number(full[1]);
        state.state = 'sync';
        this.phase = 'rdb';
        return;
      }
      default:
        return;
    }
  }

  /**
   * `$<len>\r\n` and the RDB file, or, from a diskless master, `$EOF:<mark>\r\n`, the file
   * and the 40-byte mark again; newlines before it are the master's keepalives.
   */
  private readPayload(): boolean {
    this.pending = this.pending.replace(/^\n+/, '');
    const end = this.pending.indexOf('\r\n');
    if (end === -1) return false;
    const header = this.pending.slice(0, end);
    let rdb: string;
    if (header.startsWith('$EOF:')) {
      const mark = header.slice(5);
      const at = this.pending.indexOf(mark, end + 2);
      if (at === -1) return false;
      rdb = this.pending.slice(end + 2, at);
      this.pending = this.pending.slice(at + mark.length);
    } else {
      const len = Number(header.slice(1));
      if (header[0] !== '$' || !Number.isInteger(len)) throw new Error('bad bulk payload');
      if (this.pending.length < end + 2 + len) return false;
      rdb = this.pending.slice(end + 2, end + 2 + len);
      this.pending = this.pending.slice(end + 2 + len);
    }
    const loaded = readRdbFile(rdb, this.engine);
    if ('error' in loaded) throw new Error(loaded.error);
    replaceDataset(this.engine, loaded.entries);
    const state = this.engine.replicaOf!;
    const socket = this.socket!;
    this.master = this.engine.createSession({
      addr: `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}`,
      laddr: `${socket.localAddress ?? ''}:${socket.localPort ?? 0}`,
    });
    this.master.fromMaster = true;
    this.parser = new RequestParser();
    this.fed = 0;
    this.applied = 0;
    state.state = 'connected';
    state.downSinceMs = undefined;
    this.phase = 'stream';
    this.ack();
    return true;
  }

  /** The master's commands, applied in order; the offset counts the bytes applied. */
  private stream(chunk: string): void {
    const state = this.engine.replicaOf;
    const master = this.master;
    if (state === undefined || master === undefined) return;
    this.parser.feed(chunk);
    this.fed += chunk.length;
    for (;;) {
      const argv = this.parser.next();
      if (argv === undefined) return;
      if (isProtocolError(argv)) throw new Error(argv.protocolError);
      const consumed = this.fed - this.parser.buffered;
      if (argv[0]!.toLowerCase() === 'replconf' && argv[1]?.toLowerCase() === 'getack') {
        this.ack();
      } else {
        this.engine.execute(master, argv);
      }
      state.offset += consumed - this.applied;
      this.applied = consumed;
    }
  }

  private ack(): void {
    const state = this.engine.replicaOf;
    if (state === undefined || !state.linkUp) return;
    this.send(['REPLCONF', 'ACK', String(state.offset)]);
  }
}
