import { Socket } from 'node:net';
import { ReplyParser, type Reply } from '../../src/engine/index.ts';

/**
 * A raw replica connection, as Redis's own Tcl helper attach_to_replication_stream opens
 * one: it sends SYNC (or PSYNC), skips the RDB payload and collects the commands the master
 * streams afterwards, as arrays of byte strings (keep-alive pings included).
 */
export class ReplicaStream {
  private raw = '';
  private payloadLeft: number | undefined;
  private readonly parser = new ReplyParser();
  /** The +FULLRESYNC line when PSYNC was sent. */
  fullResync: string | undefined;
  /** Length of the RDB payload received. */
  payloadLength: number | undefined;
  readonly commands: string[][] = [];

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.onData(chunk));
  }

  static attach(port: number, request = 'SYNC'): Promise<ReplicaStream> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.once('error', reject);
      socket.connect(port, '127.0.0.1', () => {
        socket.write(`${request}\r\n`, 'latin1');
        resolve(new ReplicaStream(socket));
      });
    });
  }

  private onData(chunk: string): void {
    if (this.payloadLength === undefined || this.payloadLeft! > 0) {
      this.raw += chunk;
      while (this.payloadLength === undefined) {
        const end = this.raw.indexOf('\n');
        if (end === -1) return;
        const line = this.raw.slice(0, end).replace(/\r$/, '');
        this.raw = this.raw.slice(end + 1);
        // A bare newline keeps the link alive while the master prepares the payload.
        if (line.startsWith('+FULLRESYNC')) this.fullResync = line;
        else if (line.startsWith('$'))
          this.payloadLength = this.payloadLeft = Number(line.slice(1));
        else if (line !== '') throw new Error(`unexpected line before the payload: ${line}`);
      }
      const skipped = Math.min(this.payloadLeft!, this.raw.length);
      this.payloadLeft! -= skipped;
      chunk = this.raw.slice(skipped);
      this.raw = '';
      if (this.payloadLeft! > 0) return;
    }
    this.parser.feed(chunk);
    for (let reply = this.parser.next(); reply; reply = this.parser.next()) {
      this.commands.push(argvOf(reply));
    }
  }

  /** Waits until the whole payload arrived: the master streams every later command. */
  synced(): Promise<void> {
    return this.waitFor(() => this.payloadLeft === 0);
  }

  /** Waits until `done` holds on the commands received, or fails after `ms`. */
  async waitFor(done: (commands: string[][]) => boolean, ms = 8000): Promise<void> {
    const until = Date.now() + ms;
    while (!done(this.commands)) {
      if (Date.now() > until) {
        throw new Error(`replication stream incomplete: ${JSON.stringify(this.commands)}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

function argvOf(reply: Reply): string[] {
  if (reply.kind !== 'array') throw new Error(`not a command: ${JSON.stringify(reply)}`);
  return reply.items.map((item) => (item.kind === 'bulk' ? item.value : JSON.stringify(item)));
}
