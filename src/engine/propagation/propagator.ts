/**
 * Redis 7.0's server.also_propagate: what one execution unit propagates is collected while
 * it runs (lazy-expire deletions first, then the command's own, possibly rewritten, argv)
 * and handed to the listeners when the unit ends, wrapped in MULTI/EXEC when there is more
 * than one command (propagatePendingCommands). Eviction and active-expire passes hand their
 * deletions over unwrapped (propagate_no_multi).
 *
 * The engine creates one only while someone listens, so an engine without AOF or replicas
 * pays a single field check per command.
 */
import type { CommandContext } from '../commands/types.ts';
import type { Reply } from '../reply.ts';
import { propagationRules, servedPropagation, type Argv } from './rewrites.ts';
import { Target, type PropagatedCommand, type PropagationListener } from './types.ts';

interface Subscription {
  readonly listener: PropagationListener;
  readonly targets: number;
}

const MULTI: Argv = ['MULTI'];
const EXEC: Argv = ['EXEC'];

export class Propagator {
  private readonly subscriptions: Subscription[] = [];
  private pending: PropagatedCommand[] = [];
  /** Union of the listeners' targets (shouldPropagate: nothing is kept nobody wants). */
  private wanted = 0;
  /** call() nesting: EXEC runs its queued commands inside its own call. */
  depth = 0;

  get listening(): boolean {
    return this.subscriptions.length > 0;
  }

  subscribe(listener: PropagationListener, targets: number): () => void {
    const subscription = { listener, targets };
    this.subscriptions.push(subscription);
    this.wanted |= targets;
    return () => {
      const at = this.subscriptions.indexOf(subscription);
      if (at !== -1) this.subscriptions.splice(at, 1);
      this.wanted = 0;
      for (const s of this.subscriptions) this.wanted |= s.targets;
    };
  }

  /** alsoPropagate(): queued for the end of the current unit. */
  alsoPropagate(db: number, argv: Argv, targets: number): void {
    if ((targets & this.wanted) === 0) return;
    this.pending.push({ db, argv, targets });
  }

  /** propagateDeletion(): an expired or evicted key, as DEL or (lazily freed) UNLINK. */
  deletion(db: number, key: string, lazy: boolean): void {
    this.alsoPropagate(db, [lazy ? 'UNLINK' : 'DEL', key], Target.both);
  }

  /** The end of call(): the command itself, if it changed the dataset or forces it. */
  afterCall(ctx: CommandContext, reply: Reply, dirty: number): void {
    const rule = propagationRules.get(ctx.spec.name);
    let targets = dirty > 0 ? Target.both : 0;
    if (rule !== undefined) {
      if (rule.never === true) return;
      targets |= rule.force ?? 0;
    }
    if (targets === 0) return;
    const argvs = rule?.rewrite?.(ctx, reply) ?? [ctx.argv];
    for (const argv of argvs) this.alsoPropagate(ctx.db.id, argv, targets);
  }

  /** A blocked client was served: its non-blocking form, as its own unit. */
  served(ctx: CommandContext, key: string, reply: Reply): void {
    const argvs = servedPropagation(ctx, key, reply);
    if (argvs !== undefined)
      for (const argv of argvs) this.alsoPropagate(ctx.db.id, argv, Target.both);
    this.flush(true);
  }

  /** propagatePendingCommands(): hands the unit to the listeners. */
  flush(transaction: boolean): void {
    const ops = this.pending;
    if (ops.length === 0) return;
    this.pending = [];
    let batch = ops;
    if (transaction && ops.length > 1) {
      batch = [
        { db: ops[0]!.db, argv: MULTI, targets: Target.both },
        ...ops,
        { db: ops[ops.length - 1]!.db, argv: EXEC, targets: Target.both },
      ];
    }
    for (const { listener, targets } of [...this.subscriptions]) {
      const mine = batch.filter((op) => (op.targets & targets) !== 0);
      if (mine.length > 0) listener(mine);
    }
  }
}
