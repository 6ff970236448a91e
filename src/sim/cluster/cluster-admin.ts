import type { Reply } from '../../engine/index.ts';
import { after, type Micros } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { Message, WorldContext } from '../world/context.ts';
import { RedisNode } from '../world/node.ts';
import type { Actionable } from '../world/actionable.ts';
import type { Part, PartConfig, PartKind } from '../world/world.ts';
import { ClusterNode } from './cluster-node.ts';
import { keySlot } from './key-slot.ts';
import { address, busName, nodeId, type ClusterMember } from './topology.ts';

/**
 * The operator: what `redis-cli --cluster add-node` and `--cluster reshard` do, as commands
 * sent over the network to the nodes (so clients' commands interleave with them and meet the
 * migration half done), plus killing a master. Add node: CLUSTER MEET from the new node,
 * wait until every master knows it, then move `slots` slots to it, taken from the masters in
 * proportion to what they hold (lowest slots first), one slot at a time: SETSLOT IMPORTING on
 * the target, SETSLOT MIGRATING on the source, GETKEYSINSLOT + MIGRATE ... KEYS in batches of
 * `pipeline` until the slot is empty, then SETSLOT NODE on the target, the source and the
 * other masters.
 */

export interface ClusterAdminParams {
  readonly members: readonly ClusterMember[];
  /** Keys moved by one MIGRATE (redis-cli's --cluster-pipeline, 10). */
  readonly pipeline?: number;
  /**
   * A teaching pace, keys a second: after each MIGRATE the operator waits as long as its keys
   * take at this rate before asking for the next batch, so a learner at 1x can watch a slot
   * move and clients meet ASK meanwhile. Absent or 0: redis-cli's own pace (no wait), which
   * the fidelity benches compare with the real tool.
   */
  readonly migrateKeysPerSecond?: number;
  readonly addNode?: { readonly node: string; readonly at: number; readonly slots: number };
  readonly kill?: { readonly node: string; readonly at: number };
  /**
   * Keys written on their owners before anything runs: `count` keys `prefix0..` and, for a
   * hot slot, `hot.count` keys `{tag}:0..`.
   */
  readonly fill?: {
    readonly count: number;
    readonly prefix: string;
    readonly value: string;
    readonly hot?: { readonly tag: string; readonly count: number };
  };
}

type Phase =
  'idle' | 'meet' | 'join' | 'importing' | 'migrating' | 'getkeys' | 'migrate' | 'node' | 'done';

interface Job {
  target: string;
  /** Slots to move once the node has joined. */
  slots: number;
  plan: [number, string][];
  index: number;
  phase: Phase;
  /** Masters told SETSLOT NODE so far for the current slot. */
  told: number;
  keysMoved: number;
  slotsMoved: number;
  /** Keys the last MIGRATE moved (a teaching pause lasts as long as they take). */
  batch?: number;
  startedAt: number;
  doneAt: number;
}

interface AdminState {
  readonly job: Job | null;
  readonly waiting: number;
  readonly log: readonly string[];
}

const STEP = 'cluster-admin.step';
const JOIN_POLL = 100_000;

export class ClusterAdmin implements Part, Actionable {
  readonly id: string;
  readonly name: string;
  readonly params: ClusterAdminParams;
  job: Job | null = null;
  /** The request whose reply the job waits for (0: none). */
  private waiting = 0;
  /** What the tool printed, one line a step (the UI's event log). */
  log: string[] = [];
  private readonly members: ReadonlyMap<string, ClusterMember>;

  constructor(
    private readonly ctx: WorldContext,
    config: PartConfig,
  ) {
    this.name = config.name;
    this.id = `cluster-admin:${config.name}`;
    this.params = config.params as unknown as ClusterAdminParams;
    this.members = new Map(this.params.members.map((m) => [m.name, m]));
  }

  static install(ctx: WorldContext, lookup: (name: string) => Part | undefined): void {
    ctx.handle<{ part: string; what: string; node: string; slots: number }>(STEP, (d) => {
      const p = lookup(d.part);
      if (p instanceof ClusterAdmin) p.act(d.what, [d.node, String(d.slots)]);
    });
  }

  onStart(): void {
    const { addNode, kill, fill } = this.params;
    if (fill !== undefined) {
      const keys = Array.from({ length: fill.count }, (_, i) => fill.prefix + i);
      const hot = fill.hot;
      if (hot !== undefined) for (let i = 0; i < hot.count; i++) keys.push(`{${hot.tag}}:${i}`);
      const views = new Map<string, ClusterNode>();
      for (const m of this.params.members) {
        const c = this.clusterNode(m.name);
        if (c !== undefined && m.role !== 'spare') views.set(m.name, c);
      }
      const view = views.values().next().value;
      if (view !== undefined) {
        for (const key of keys) {
          const owner = view.owners[keySlot(key)]!;
          const value = { type: 'string' as const, value: fill.value };
          // Through Database.set, so the memory estimate (used_memory) counts them.
          views.get(owner)?.node.engine.dbs[0]!.set(key, value);
          // The owner's replicas hold the same data from the start.
          for (const m of this.params.members) {
            if (m.role === 'replica' && m.of === owner) {
              views.get(m.name)?.node.engine.dbs[0]!.set(key, { ...value });
            }
          }
        }
      }
    }
    if (addNode !== undefined) {
      this.ctx.schedule(addNode.at as Micros, STEP, {
        part: this.name,
        what: 'add-node',
        node: addNode.node,
        slots: addNode.slots,
      });
    }
    if (kill !== undefined) {
      this.ctx.schedule(kill.at as Micros, STEP, {
        part: this.name,
        what: 'kill',
        node: kill.node,
        slots: 0,
      });
    }
  }

  /**
   * The operator's actions: `add-node <node> [slots]`, `kill <node>`, and `poll` and `resume`
   * (internal: the join wait, the end of a teaching pause). Returns a line for the log.
   */
  act(what: string, args: readonly string[]): string {
    const node = args[0] ?? '';
    switch (what) {
      case 'add-node': {
        if (this.job !== null && this.job.phase !== 'done')
          return this.say('busy: a job is running');
        const spare = this.clusterNode(node);
        if (spare === undefined) return this.say(`no cluster node '${node}'`);
        const slots = Number(args[1] ?? '') || 4096;
        this.job = {
          target: node,
          slots,
          plan: [],
          index: 0,
          phase: 'meet',
          told: 0,
          keysMoved: 0,
          slotsMoved: 0,
          startedAt: this.ctx.clock.now,
          doneAt: 0,
        };
        const seed = this.masters(node)[0];
        if (seed === undefined) return this.say('no master to meet');
        const m = this.members.get(seed)!;
        this.request(node, ['CLUSTER', 'MEET', m.ip, String(m.port)]);
        return this.say(`add-node ${node}: CLUSTER MEET ${address(m)} (${slots} slots to move)`);
      }
      case 'kill': {
        const n = this.ctx.endpoint(node);
        if (!(n instanceof RedisNode)) return this.say(`no node '${node}'`);
        if (n.down) return this.say(`${node} is already down`);
        this.ctx.trace.append({ type: 'crash', at: this.ctx.clock.now, node, kind: 'kill' });
        n.crash();
        return this.say(`kill ${node}`);
      }
      case 'poll':
        this.pollJoin();
        return '';
      case 'resume':
        this.askKeys();
        return '';
      default:
        return this.say(`unknown action '${what}' (add-node, kill)`);
    }
  }

  private say(line: string): string {
    this.log.push(line);
    this.ctx.trace.append({ type: 'note', at: this.ctx.clock.now, text: `admin:${line}` });
    return line;
  }

  private clusterNode(name: string): ClusterNode | undefined {
    const p = this.ctx.endpoint(busName(name));
    return p instanceof ClusterNode ? p : undefined;
  }

  /** Live masters with slots, by what each believes of itself (CLUSTER NODES per node). */
  private masters(except: string): string[] {
    const out: string[] = [];
    for (const m of this.params.members) {
      const c = this.clusterNode(m.name);
      if (m.name === except || c === undefined || !c.alive || !c.isMaster) continue;
      if (c.slotCount(m.name) > 0) out.push(m.name);
    }
    return out;
  }

  private request(node: string, argv: readonly string[]): void {
    const req = this.ctx.nextId();
    this.waiting = req;
    this.ctx.send({ kind: 'request', from: this.name, to: node, req, argv });
  }

  /** GETKEYSINSLOT on the current slot's source: the next batch to move, or none left. */
  private askKeys(): void {
    const job = this.job;
    if (job === null || (job.phase !== 'migrating' && job.phase !== 'migrate')) return;
    const [slot, source] = job.plan[job.index] ?? [0, ''];
    job.phase = 'getkeys';
    this.request(source, [
      'CLUSTER',
      'GETKEYSINSLOT',
      String(slot),
      String(this.params.pipeline ?? 10),
    ]);
  }

  private pollJoin(): void {
    const job = this.job;
    if (job === null || job.phase !== 'join') return;
    const masters = this.masters(job.target);
    const everyone = [job.target, ...masters];
    const joined = everyone.every((a) =>
      everyone.every((b) => this.clusterNode(a)?.known.has(b) === true),
    );
    if (!joined) {
      this.ctx.schedule(after(this.ctx.clock.now, JOIN_POLL), STEP, {
        part: this.name,
        what: 'poll',
        node: job.target,
        slots: 0,
      });
      return;
    }
    this.say(`${job.target} joined: every master knows it`);
    job.plan = this.plan(masters, job.slots);
    job.phase = 'importing';
    this.nextSlot();
  }

  /** Slots to move from each source, in proportion to its share (redis-cli's reshard table). */
  private plan(masters: readonly string[], count: number): [number, string][] {
    const view = this.clusterNode(masters[0]!)!;
    const holdings = masters
      .map((m) => ({ m, slots: view.slotsOf(m) }))
      .sort((a, b) => b.slots.length - a.slots.length);
    const total = holdings.reduce((n, h) => n + h.slots.length, 0);
    const taken = holdings.map((h, i) => {
      const share = (count / total) * h.slots.length;
      return Math.min(h.slots.length, i === 0 ? Math.ceil(share) : Math.floor(share));
    });
    // Rounding down can leave the plan short: the largest holders give one more each.
    let short = Math.min(count, total) - taken.reduce((a, b) => a + b, 0);
    for (let i = 0; short > 0; i = (i + 1) % holdings.length) {
      if (taken[i]! < holdings[i]!.slots.length) {
        taken[i]!++;
        short--;
      }
    }
    const plan: [number, string][] = [];
    holdings.forEach((h, i) => {
      for (const s of h.slots.slice(0, taken[i])) plan.push([s, h.m]);
    });
    return plan.slice(0, count);
  }

  private nextSlot(): void {
    const job = this.job!;
    const step = job.plan[job.index];
    if (step === undefined) {
      job.phase = 'done';
      job.doneAt = this.ctx.clock.now;
      this.say(
        `reshard done: ${job.slotsMoved} slots, ${job.keysMoved} keys moved to ${job.target}`,
      );
      return;
    }
    const [slot, source] = step;
    job.phase = 'importing';
    this.request(job.target, ['CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', nodeId(source)]);
  }

  receive(message: Message): void {
    if (message.kind !== 'reply' || message.req !== this.waiting) return;
    this.waiting = 0;
    const job = this.job;
    if (job === null) return;
    const reply = message.reply;
    if (job.phase === 'meet') {
      if (reply.kind === 'error') {
        this.say(`CLUSTER MEET failed: ${reply.message}`);
        job.phase = 'done';
        return;
      }
      job.phase = 'join';
      this.pollJoin();
      return;
    }
    const [slot, source] = job.plan[job.index] ?? [0, ''];
    const target = this.members.get(job.target)!;
    if (reply.kind === 'error') {
      // redis-cli stops on an error and leaves the slot open for --cluster fix.
      this.say(`error at slot ${slot} (${job.phase}): ${reply.message}`);
      job.phase = 'done';
      return;
    }
    switch (job.phase) {
      case 'importing':
        job.phase = 'migrating';
        this.request(source, ['CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', nodeId(job.target)]);
        return;
      case 'migrating':
        this.askKeys();
        return;
      case 'migrate': {
        const pace = this.params.migrateKeysPerSecond ?? 0;
        if (pace <= 0) {
          this.askKeys();
          return;
        }
        // The teaching pause: the phase stays 'migrate', with no request waiting.
        const pause = Math.max(1, Math.round(((job.batch ?? 0) * 1_000_000) / pace));
        this.ctx.schedule(after(this.ctx.clock.now, pause), STEP, {
          part: this.name,
          what: 'resume',
          node: job.target,
          slots: 0,
        });
        return;
      }
      case 'getkeys': {
        const keys = keysOf(reply);
        if (keys.length === 0) {
          job.phase = 'node';
          job.told = 0;
          this.request(job.target, [
            'CLUSTER',
            'SETSLOT',
            String(slot),
            'NODE',
            nodeId(job.target),
          ]);
          return;
        }
        job.phase = 'migrate';
        job.keysMoved += keys.length;
        job.batch = keys.length;
        this.request(source, [
          'MIGRATE',
          target.ip,
          String(target.port),
          '',
          '0',
          '60000',
          'KEYS',
          ...keys,
        ]);
        return;
      }
      case 'node': {
        job.told++;
        const rest = [source, ...this.masters(job.target).filter((m) => m !== source)];
        const next = rest[job.told - 1];
        if (next !== undefined) {
          this.request(next, ['CLUSTER', 'SETSLOT', String(slot), 'NODE', nodeId(job.target)]);
          return;
        }
        job.slotsMoved++;
        job.index++;
        this.nextSlot();
        return;
      }
      default:
        return;
    }
  }

  snapshot(): AdminState {
    return {
      job: this.job === null ? null : { ...this.job, plan: this.job.plan.map((p) => [...p]) },
      waiting: this.waiting,
      log: [...this.log],
    };
  }

  restore(raw: unknown): void {
    const s = raw as AdminState;
    this.job =
      s.job === null
        ? null
        : { ...s.job, plan: s.job.plan.map(([a, b]) => [a, b] as [number, string]) };
    this.waiting = s.waiting;
    this.log = [...s.log];
  }
}

function keysOf(reply: Reply): string[] {
  if (reply.kind !== 'array') return [];
  return reply.items.flatMap((r) => (r.kind === 'bulk' ? [r.value] : []));
}

export const clusterAdminKind: PartKind = {
  install: (ctx, lookup) => ClusterAdmin.install(ctx, lookup),
  create: (ctx, config) => new ClusterAdmin(ctx, config),
};

export function clusterAdminPart(name: string, params: ClusterAdminParams): PartConfig {
  return { kind: 'cluster-admin', name, params: params as unknown as JsonValue };
}
