import type { Reply } from '../reply.ts';

/** Per-command counters for INFO commandstats. */
export interface CommandStat {
  calls: number;
  usec: number;
  rejected: number;
  failed: number;
}

/**
 * Counters the dispatcher keeps for INFO (stats, cpu, commandstats, errorstats). Keyspace
 * counters (hits, misses, expired, evicted) live in KeyspaceTracker next to the lookups.
 */
export class ServerStats {
  readonly commands = new Map<string, CommandStat>();
  /** The same stats by dispatch index (commands/dispatch.ts): no Map lookup per call. */
  private byIndex: (CommandStat | undefined)[] = [];
  readonly errors = new Map<string, number>();
  errorReplies = 0;
  /** Sum of service times: the main thread's busy time. */
  serviceMicros = 0;
  memoryPeak = 0;

  constructor(public startMicros: number) {}

  private stat(name: string): CommandStat {
    let s = this.commands.get(name);
    if (s === undefined) {
      s = { calls: 0, usec: 0, rejected: 0, failed: 0 };
      this.commands.set(name, s);
    }
    return s;
  }

  executed(index: number, name: string, micros: number, reply: Reply): void {
    let s = this.byIndex[index];
    if (s === undefined) this.byIndex[index] = s = this.stat(name);
    s.calls++;
    s.usec += micros;
    this.serviceMicros += micros;
    if (reply.kind === 'error') {
      s.failed++;
      this.error(reply.message);
    }
  }

  /** A command refused before it ran (unknown, arity, OOM...). */
  rejected(name: string | undefined, message: string): void {
    if (name !== undefined) this.stat(name).rejected++;
    this.error(message);
  }

  private error(message: string): void {
    this.errorReplies++;
    const space = message.indexOf(' ');
    const prefix = space === -1 ? message : message.slice(0, space);
    this.errors.set(prefix, (this.errors.get(prefix) ?? 0) + 1);
  }

  reset(): void {
    this.commands.clear();
    this.byIndex = [];
    this.errors.clear();
    this.errorReplies = 0;
  }
}
