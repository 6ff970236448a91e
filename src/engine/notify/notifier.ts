/**
 * Keyspace notifications (notify.c): `__keyspace@<db>__:<key>` carries the event name and
 * `__keyevent@<db>__:<event>` the key, published through the engine's own pub/sub.
 *
 * Which events a command fires is stated once, per command, in command-events.ts, read from
 * the call (argv, reply, dirty count, the database before and after), so the command code
 * knows nothing of notifications. Events of the keyspace itself come from its hooks: a key
 * created ('new'), expired or evicted. The engine holds a notifier only while
 * notify-keyspace-events names some class, so commands pay one field check otherwise.
 */
import type { CommandContext } from '../commands/types.ts';
import type { PubSub } from '../pubsub-registry.ts';
import type { Reply } from '../reply.ts';
import { commandEvents, missingReads, quietLookups, type EventRule } from './command-events.ts';
import { Notify } from './flags.ts';

interface PendingNew {
  readonly db: number;
  readonly key: string;
}

/** What a rule saw before its command ran, kept until the command is over. */
export interface BeforeCall {
  readonly rule: EventRule | undefined;
  readonly state: unknown;
  readonly dirty: number;
  /** Keys a write command reads that were missing: their 'keymiss' events. */
  readonly misses: readonly string[];
}

export class KeyspaceNotifier {
  /**
   * 'new' events of keys created by the running command. Redis fires 'new' inside dbAdd,
   * just before the command's own event for that key: they wait here until the rule fires
   * an event for the key (or the command ends), which puts them in the same place.
   */
  private pendingNew: PendingNew[] = [];
  /** Commands running (EXEC runs its queued ones inside its own call). */
  private depth = 0;
  /** The running command's lookups report no misses (OBJECT's LOOKUP_NONOTIFY). */
  quietMisses = false;

  constructor(
    private readonly pubsub: PubSub,
    public flags: number,
  ) {}

  /** notifyKeyspaceEvent(): publishes one event, if its class is enabled. */
  emit(type: number, event: string, key: string, db: number): void {
    if (this.pendingNew.length > 0) this.releaseNew(key, db);
    this.publish(type, event, key, db);
  }

  private publish(type: number, event: string, key: string, db: number): void {
    const flags = this.flags;
    if ((flags & type) === 0) return;
    if (flags & Notify.keyspace) this.pubsub.publish(`__keyspace@${db}__:${key}`, event);
    if (flags & Notify.keyevent) this.pubsub.publish(`__keyevent@${db}__:${event}`, key);
  }

  /** dbAdd: a key that did not exist was created. */
  added(db: number, key: string): void {
    if ((this.flags & Notify.newKey) === 0) return;
    if (this.depth > 0) this.pendingNew.push({ db, key });
    else this.publish(Notify.newKey, 'new', key, db);
  }

  /** 'new' for every key created so far, or only for the one key given. */
  releaseNew(key?: string, db?: number): void {
    const pending = this.pendingNew;
    if (key === undefined) {
      this.pendingNew = [];
      for (const p of pending) this.publish(Notify.newKey, 'new', p.key, p.db);
      return;
    }
    const at = pending.findIndex((p) => p.key === key && p.db === db);
    if (at === -1) return;
    pending.splice(at, 1);
    this.publish(Notify.newKey, 'new', key, db!);
  }

  /** Called before a command runs: what its rule needs to know of the keyspace then. */
  beforeCall(ctx: CommandContext, dirty: number): BeforeCall | undefined {
    this.depth++;
    this.quietMisses = quietLookups(ctx.spec.name);
    const rule = commandEvents.get(ctx.spec.name);
    const misses = this.flags & Notify.keyMiss ? missingReads(ctx) : [];
    if (rule === undefined && misses.length === 0) return undefined;
    return { rule, state: rule?.before?.(ctx), dirty, misses };
  }

  /** Called once the command has run: its events, in the order Redis fires them. */
  afterCall(ctx: CommandContext, reply: Reply, dirty: number, before: BeforeCall | undefined) {
    this.depth--;
    this.quietMisses = false;
    if (before !== undefined) {
      // Its read lookups came first, before anything the command changed.
      for (const key of before.misses) this.publish(Notify.keyMiss, 'keymiss', key, ctx.db.id);
      if (before.rule !== undefined && reply.kind !== 'error') {
        before.rule.after(this, ctx, reply, dirty - before.dirty, before.state);
      }
    }
    if (this.depth === 0 && this.pendingNew.length > 0) this.releaseNew();
  }

  /** A blocked client was served (serveClientsBlockedOnKey): its pop's events. */
  served(ctx: CommandContext, reply: Reply): void {
    const rule = commandEvents.get(ctx.spec.name);
    if (rule !== undefined && reply.kind !== 'error') rule.after(this, ctx, reply, 1, undefined);
    if (this.depth === 0 && this.pendingNew.length > 0) this.releaseNew();
  }
}
