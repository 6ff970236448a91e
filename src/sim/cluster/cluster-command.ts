import { WORLD_EPOCH_MICROS } from '../core/clock.ts';
import type { Reply } from '../../engine/index.ts';
import type { ClusterNode } from './cluster-node.ts';
import { keySlot, SLOT_COUNT } from './key-slot.ts';
import { address, nodeId, type ClusterMember } from './topology.ts';

/**
 * CLUSTER subcommands a learner and the resharding tool use, with Redis 7.0's replies and
 * error strings: KEYSLOT, COUNTKEYSINSLOT, GETKEYSINSLOT, SLOTS, SHARDS, NODES, INFO, MYID,
 * MEET, SETSLOT IMPORTING|MIGRATING|STABLE|NODE, HELP.
 */

const err = (message: string): Reply => ({ kind: 'error', message });
const int = (value: number): Reply => ({ kind: 'integer', value });
const bulk = (value: string): Reply => ({ kind: 'bulk', value });
const arr = (items: readonly Reply[]): Reply => ({ kind: 'array', items });
const OK: Reply = { kind: 'status', value: 'OK' };
const NOT_INTEGER = 'ERR value is not an integer or out of range';

const ARITY: Readonly<Record<string, number>> = {
  keyslot: 3,
  countkeysinslot: 3,
  getkeysinslot: 4,
  slots: 2,
  shards: 2,
  nodes: 2,
  info: 2,
  myid: 2,
  help: 2,
  meet: -4,
  setslot: -4,
};

function integer(text: string): number | undefined {
  if (!/^-?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function clusterCommand(c: ClusterNode, argv: readonly string[]): Reply {
  if (argv.length < 2) return err("ERR wrong number of arguments for 'cluster' command");
  const sub = argv[1]!.toLowerCase();
  const arity = ARITY[sub];
  if (arity === undefined) return err(`ERR unknown subcommand '${argv[1]}'. Try CLUSTER HELP.`);
  if ((arity > 0 && argv.length !== arity) || argv.length < -arity) {
    return err(`ERR wrong number of arguments for 'cluster|${sub}' command`);
  }
  switch (sub) {
    case 'keyslot':
      return int(keySlot(argv[2]!));
    case 'countkeysinslot': {
      const slot = integer(argv[2]!);
      if (slot === undefined) return err(NOT_INTEGER);
      if (slot < 0 || slot >= SLOT_COUNT) return err('ERR Invalid slot');
      return int(c.slotIndex.count(slot));
    }
    case 'getkeysinslot': {
      const slot = integer(argv[2]!);
      const max = integer(argv[3]!);
      if (slot === undefined || max === undefined) return err(NOT_INTEGER);
      if (slot < 0 || slot >= SLOT_COUNT || max < 0) {
        return err('ERR Invalid slot or number of keys');
      }
      return arr(c.slotIndex.keys(slot, max).map(bulk));
    }
    case 'myid':
      return bulk(c.myId);
    case 'slots':
      return slots(c);
    case 'shards':
      return shards(c);
    case 'nodes':
      return { kind: 'verbatim', format: 'txt', value: nodes(c) };
    case 'info':
      return { kind: 'verbatim', format: 'txt', value: info(c) };
    case 'meet':
      return meet(c, argv);
    case 'setslot':
      return setslot(c, argv);
    default:
      return arr(
        [
          'CLUSTER <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
          'COUNTKEYSINSLOT <slot>',
          'GETKEYSINSLOT <slot> <count>',
          'INFO',
          'KEYSLOT <key>',
          'MEET <ip> <port>',
          'MYID',
          'NODES',
          'SETSLOT <slot> (IMPORTING <node-id>|MIGRATING <node-id>|STABLE|NODE <node-id>)',
          'SHARDS',
          'SLOTS',
        ].map((s) => ({ kind: 'status', value: s })),
      );
  }
}

function nodeEntry(m: ClusterMember): Reply {
  return arr([bulk(m.ip), int(m.port), bulk(nodeId(m.name)), arr([])]);
}

function replicasOf(c: ClusterNode, master: string): ClusterMember[] {
  const out: ClusterMember[] = [];
  for (const n of c.known) {
    const p = c.peers.get(n)!;
    if (p.role === 'replica' && p.of === master && !p.fail) out.push(c.member(n));
  }
  return out;
}

/** CLUSTER SLOTS: ranges in slot order, each with its master then its replicas. */
function slots(c: ClusterNode): Reply {
  const out: Reply[] = [];
  let start = 0;
  for (let s = 1; s <= SLOT_COUNT; s++) {
    if (s < SLOT_COUNT && c.owners[s] === c.owners[start]) continue;
    const owner = c.owners[start]!;
    if (owner !== '') {
      out.push(
        arr([
          int(start),
          int(s - 1),
          nodeEntry(c.member(owner)),
          ...replicasOf(c, owner).map(nodeEntry),
        ]),
      );
    }
    start = s;
  }
  return arr(out);
}

function health(c: ClusterNode, name: string): string {
  return c.peers.get(name)!.fail ? 'fail' : 'online';
}

/** CLUSTER SHARDS: each master with its slot ranges and its nodes. */
function shards(c: ClusterNode): Reply {
  const out: Reply[] = [];
  for (const n of c.known) {
    const p = c.peers.get(n)!;
    if (p.role !== 'master') continue;
    const ranges = c.rangesOf(n).flatMap(([a, b]) => [int(a), int(b)]);
    const nodeMap = (name: string, role: string): Reply => {
      const m = c.member(name);
      return {
        kind: 'map',
        entries: [
          [bulk('id'), bulk(nodeId(name))],
          [bulk('port'), int(m.port)],
          [bulk('ip'), bulk(m.ip)],
          [bulk('endpoint'), bulk(m.ip)],
          [bulk('role'), bulk(role)],
          [bulk('replication-offset'), int(c.peers.get(name)!.offset)],
          [bulk('health'), bulk(health(c, name))],
        ],
      };
    };
    out.push({
      kind: 'map',
      entries: [
        [bulk('slots'), arr(ranges)],
        [
          bulk('nodes'),
          arr([nodeMap(n, 'master'), ...replicasOf(c, n).map((r) => nodeMap(r.name, 'replica'))]),
        ],
      ],
    });
  }
  return arr(out);
}

/** CLUSTER NODES: one line a known node, as nodes.conf has it. */
export function nodes(c: ClusterNode): string {
  const nowMs = Math.floor((WORLD_EPOCH_MICROS + c.ctx.clock.now) / 1000);
  const epochMs = (t: number): number =>
    t === 0 ? 0 : Math.floor((WORLD_EPOCH_MICROS + t) / 1000);
  const lines: string[] = [];
  for (const n of c.known) {
    const m = c.member(n);
    const p = c.peers.get(n)!;
    const self = n === c.self.name;
    const flags = [
      ...(self ? ['myself'] : []),
      p.role === 'master' ? 'master' : 'slave',
      ...(p.fail ? ['fail'] : p.pfail ? ['fail?'] : []),
    ].join(',');
    const master = p.of === null ? '-' : nodeId(p.of);
    const ranges = c.rangesOf(n).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
    if (self) {
      for (const [s, to] of c.migrating) ranges.push(`[${s}->-${nodeId(to)}]`);
      for (const [s, from] of c.importing) ranges.push(`[${s}-<-${nodeId(from)}]`);
    }
    const link = self || (c.alive && p.pingSent === 0) ? 'connected' : 'disconnected';
    lines.push(
      [
        nodeId(n),
        `${address(m)}@${m.port + 10000}`,
        flags,
        master,
        self ? 0 : epochMs(p.pingSent),
        self ? nowMs - (nowMs % 1000) : epochMs(p.pongReceived),
        p.configEpoch,
        link,
        ...ranges,
      ].join(' '),
    );
  }
  return lines.join('\n') + '\n';
}

function info(c: ClusterNode): string {
  let assigned = 0;
  let pfail = 0;
  let fail = 0;
  for (let s = 0; s < SLOT_COUNT; s++) {
    const o = c.owners[s]!;
    if (o === '') continue;
    assigned++;
    const p = c.peers.get(o)!;
    if (p.fail) fail++;
    else if (p.pfail) pfail++;
  }
  const lines = [
    `cluster_state:${c.stateOk ? 'ok' : 'fail'}`,
    `cluster_slots_assigned:${assigned}`,
    `cluster_slots_ok:${assigned - pfail - fail}`,
    `cluster_slots_pfail:${pfail}`,
    `cluster_slots_fail:${fail}`,
    `cluster_known_nodes:${c.known.size}`,
    `cluster_size:${c.clusterSize()}`,
    `cluster_current_epoch:${c.currentEpoch}`,
    `cluster_my_epoch:${c.me.role === 'master' ? c.me.configEpoch : (c.peers.get(c.me.of!)?.configEpoch ?? 0)}`,
  ];
  return lines.join('\r\n') + '\r\n';
}

function meet(c: ClusterNode, argv: readonly string[]): Reply {
  const addr = `${argv[2]}:${argv[3]}`;
  const name = c.nameOfAddress(addr);
  if (name === undefined) return err(`ERR Invalid node address specified: ${addr}`);
  if (name !== c.self.name && !c.known.has(name)) {
    c.known.add(name);
    const p = c.peers.get(name)!;
    p.pongReceived = c.ctx.clock.now;
    c.ping(name, 'meet');
  }
  return OK;
}

function setslot(c: ClusterNode, argv: readonly string[]): Reply {
  if (!c.isMaster) return err('ERR Please use SETSLOT only with masters.');
  const slot = integer(argv[2]!);
  if (slot === undefined || slot < 0 || slot >= SLOT_COUNT) {
    return err('ERR Invalid or out of range slot');
  }
  const action = argv[3]!.toLowerCase();
  const me = c.self.name;
  const lookup = (): string | undefined => {
    const n = c.nameOfId(argv[4]!);
    return n !== undefined && c.known.has(n) ? n : undefined;
  };
  const notMaster = (n: string): boolean => c.peers.get(n)!.role !== 'master';
  if (action === 'migrating' && argv.length === 5) {
    if (c.owners[slot] !== me) return err(`ERR I'm not the owner of hash slot ${slot}`);
    const n = lookup();
    if (n === undefined) return err(`ERR I don't know about node ${argv[4]}`);
    if (notMaster(n)) return err('ERR Target node is not a master');
    c.migrating.set(slot, n);
    c.ctx.trace.append({
      type: 'note',
      at: c.ctx.clock.now,
      text: `cluster:migrating slot ${slot} ${me}->${n}`,
    });
    return OK;
  }
  if (action === 'importing' && argv.length === 5) {
    if (c.owners[slot] === me) return err(`ERR I'm already the owner of hash slot ${slot}`);
    const n = lookup();
    if (n === undefined) return err(`ERR I don't know about node ${argv[4]}`);
    if (notMaster(n)) return err('ERR Target node is not a master');
    c.importing.set(slot, n);
    c.ctx.trace.append({
      type: 'note',
      at: c.ctx.clock.now,
      text: `cluster:importing slot ${slot} ${me}<-${n}`,
    });
    return OK;
  }
  if (action === 'stable' && argv.length === 4) {
    c.migrating.delete(slot);
    c.importing.delete(slot);
    return OK;
  }
  if (action === 'node' && argv.length === 5) {
    const n = lookup();
    if (n === undefined) return err(`ERR Unknown node ${argv[4]}`);
    if (notMaster(n)) return err('ERR Target node is not a master');
    if (c.owners[slot] === me && n !== me && c.slotIndex.count(slot) > 0) {
      return err(
        `ERR Can't assign hashslot ${slot} to a different node while I still hold keys for this hash slot.`,
      );
    }
    if (c.migrating.has(slot) && c.slotIndex.count(slot) === 0) c.migrating.delete(slot);
    let bumped = false;
    if (n === me && c.importing.has(slot)) {
      c.importing.delete(slot);
      // clusterBumpConfigEpochWithoutConsensus: take the slot under a new, highest epoch.
      let max = 0;
      for (const p of c.peers.values()) max = Math.max(max, p.configEpoch);
      if (c.me.configEpoch === 0 || c.me.configEpoch !== max) {
        c.currentEpoch++;
        c.me.configEpoch = c.currentEpoch;
      }
      bumped = true;
    }
    c.setOwner(slot, n);
    c.ctx.trace.append({
      type: 'note',
      at: c.ctx.clock.now,
      text: `cluster:slot-owner slot ${slot} ${n} (set on ${me})`,
    });
    c.updateState();
    if (bumped) c.broadcastPong();
    return OK;
  }
  return err('ERR Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP');
}
