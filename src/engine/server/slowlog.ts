/**
 * SLOWLOG: the last slowlog-max-len commands whose execution took at least
 * slowlog-log-slower-than microseconds, newest first, with argv trimmed as slowlog.c does
 * (at most 32 arguments, each at most 128 bytes) so a huge command cannot fill memory.
 */
export interface SlowlogEntry {
  readonly id: number;
  /** Unix seconds when the command ran. */
  readonly time: number;
  readonly micros: number;
  readonly argv: readonly string[];
  readonly addr: string;
  readonly name: string;
}

const MAX_ARGC = 32;
const MAX_STRING = 128;

export class Slowlog {
  /** Newest first. */
  entries: SlowlogEntry[] = [];
  private nextId = 0;

  record(
    argv: readonly string[],
    micros: number,
    unixMs: number,
    addr: string,
    name: string,
    maxLen: number,
  ): void {
    const argc = Math.min(argv.length, MAX_ARGC);
    const kept: string[] = [];
    for (let i = 0; i < argc; i++) {
      if (argc !== argv.length && i === argc - 1) {
        kept.push(`... (${argv.length - argc + 1} more arguments)`);
        break;
      }
      const arg = argv[i]!;
      kept.push(
        arg.length > MAX_STRING
          ? `${arg.slice(0, MAX_STRING)}... (${arg.length - MAX_STRING} more bytes)`
          : arg,
      );
    }
    this.entries.unshift({
      id: this.nextId++,
      time: Math.floor(unixMs / 1000),
      micros,
      argv: kept,
      addr,
      name,
    });
    if (this.entries.length > maxLen) this.entries.length = maxLen;
  }

  reset(): void {
    this.entries = [];
  }
}
