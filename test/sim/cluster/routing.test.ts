import { describe, expect, it } from 'vitest';
import {
  cliPrintsRaw,
  formatReply,
  formatReplyRaw,
  type Reply,
} from '../../../src/engine/index.ts';
import { fromSeconds, type World } from '../../../src/sim/index.ts';
import { nodeId, type ClusterNode } from '../../../src/sim/cluster/index.ts';
import { clusterTestWorld, spec } from './world.ts';

/** A command on a node as the console (redis-cli) would send it, over connection `client`. */
function call(w: World, node: string, ...argv: string[]): string {
  return callAs(w, node, 'cli', ...argv);
}
function callAs(w: World, node: string, client: string, ...argv: string[]): string {
  const n = w.node(node);
  const session = n.session(client);
  const reply: Reply | undefined =
    n.consoleIntercept(session, argv) ?? n.engine.execute(session, argv);
  if (reply === undefined) return '(blocked)';
  return cliPrintsRaw(argv) ? formatReplyRaw(reply) : formatReply(reply);
}

function world(): World {
  const w = clusterTestWorld(spec({ replicas: false, spare: false }));
  w.runUntil(fromSeconds(0.5));
  return w;
}

describe('cluster routing (getNodeByQuery)', () => {
  it('answers MOVED with the slot and the owner address, exactly', () => {
    const w = world();
    // foo is in slot 12182, owned by the third master (127.0.0.1:7002).
    expect(call(w, 'm1', 'SET', 'foo', 'bar')).toBe('(error) MOVED 12182 127.0.0.1:7002');
    expect(call(w, 'm2', 'GET', 'foo')).toBe('(error) MOVED 12182 127.0.0.1:7002');
    expect(call(w, 'm3', 'SET', 'foo', 'bar')).toBe('OK');
    expect(call(w, 'm3', 'GET', 'foo')).toBe('"bar"');
    // Commands without keys run anywhere.
    expect(call(w, 'm1', 'PING')).toBe('PONG');
    expect(call(w, 'm1', 'CLUSTER', 'KEYSLOT', 'foo')).toBe('(integer) 12182');
  });

  it('refuses multi-key commands across slots and accepts them with a hash tag', () => {
    const w = world();
    const crossslot = "(error) CROSSSLOT Keys in request don't hash to the same slot";
    expect(call(w, 'm1', 'MSET', 'user1:a', '1', 'user2:b', '2')).toBe(crossslot);
    expect(call(w, 'm3', 'MGET', 'foo', 'bar')).toBe(crossslot);
    // {user1} hashes to slot 8106, on the second master.
    expect(call(w, 'm2', 'MSET', '{user1}.a', '1', '{user1}.b', '2')).toBe('OK');
    expect(call(w, 'm2', 'MGET', '{user1}.a', '{user1}.b')).toBe('1) "1"\n2) "2"');
    expect(call(w, 'm1', 'MGET', '{user1}.a', '{user1}.b')).toBe(
      '(error) MOVED 8106 127.0.0.1:7001',
    );
  });

  it('sends keys already migrated on with ASK, serves them on the target only after ASKING', () => {
    const w = world();
    const id2 = nodeId('m2');
    const id3 = nodeId('m3');
    call(w, 'm3', 'SET', 'foo', '1');
    call(w, 'm3', 'SET', '{foo}x', '2');
    expect(call(w, 'm2', 'CLUSTER', 'SETSLOT', '12182', 'IMPORTING', id3)).toBe('OK');
    expect(call(w, 'm3', 'CLUSTER', 'SETSLOT', '12182', 'MIGRATING', id2)).toBe('OK');
    expect(call(w, 'm3', 'CLUSTER', 'COUNTKEYSINSLOT', '12182')).toBe('(integer) 2');
    expect(call(w, 'm3', 'MIGRATE', '127.0.0.1', '7001', 'foo', '0', '5000')).toBe('OK');
    expect(call(w, 'm3', 'CLUSTER', 'GETKEYSINSLOT', '12182', '10')).toBe('1) "{foo}x"');
    // On the source: a key still there is served, a moved or new one is ASKed elsewhere.
    expect(call(w, 'm3', 'GET', '{foo}x')).toBe('"2"');
    expect(call(w, 'm3', 'GET', 'foo')).toBe('(error) ASK 12182 127.0.0.1:7001');
    expect(call(w, 'm3', 'SET', '{foo}new', '1')).toBe('(error) ASK 12182 127.0.0.1:7001');
    expect(call(w, 'm3', 'MGET', 'foo', '{foo}x')).toBe(
      '(error) TRYAGAIN Multiple keys request during rehashing of slot',
    );
    // On the target: MOVED back to the owner unless the connection said ASKING, for one command.
    expect(call(w, 'm2', 'GET', 'foo')).toBe('(error) MOVED 12182 127.0.0.1:7002');
    expect(call(w, 'm2', 'ASKING')).toBe('OK');
    expect(call(w, 'm2', 'GET', 'foo')).toBe('"1"');
    expect(call(w, 'm2', 'GET', 'foo')).toBe('(error) MOVED 12182 127.0.0.1:7002');
    // ASKING is per connection.
    expect(callAs(w, 'm2', 'other', 'ASKING')).toBe('OK');
    expect(call(w, 'm2', 'GET', 'foo')).toBe('(error) MOVED 12182 127.0.0.1:7002');
    expect(call(w, 'm2', 'ASKING')).toBe('OK');
    expect(call(w, 'm2', 'MGET', 'foo', '{foo}zz')).toBe(
      '(error) TRYAGAIN Multiple keys request during rehashing of slot',
    );
    // The open slot shows in CLUSTER NODES as redis-cli --cluster check reads it.
    expect(call(w, 'm3', 'CLUSTER', 'NODES')).toContain(`[12182->-${id2}]`);
    expect(call(w, 'm2', 'CLUSTER', 'NODES')).toContain(`[12182-<-${id3}]`);
    // Finishing: the source refuses to give the slot away while it holds keys.
    expect(call(w, 'm3', 'CLUSTER', 'SETSLOT', '12182', 'NODE', id2)).toBe(
      "(error) ERR Can't assign hashslot 12182 to a different node while I still hold keys for this hash slot.",
    );
    expect(call(w, 'm3', 'MIGRATE', '127.0.0.1', '7001', '', '0', '5000', 'KEYS', '{foo}x')).toBe(
      'OK',
    );
    expect(call(w, 'm3', 'MIGRATE', '127.0.0.1', '7001', 'nokey', '0', '5000')).toBe('NOKEY');
    expect(call(w, 'm2', 'CLUSTER', 'SETSLOT', '12182', 'NODE', id2)).toBe('OK');
    expect(call(w, 'm3', 'CLUSTER', 'SETSLOT', '12182', 'NODE', id2)).toBe('OK');
    expect(call(w, 'm3', 'GET', 'foo')).toBe('(error) MOVED 12182 127.0.0.1:7001');
    expect(call(w, 'm2', 'GET', 'foo')).toBe('"1"');
    // The first master hears it by gossip: the new owner's bumped epoch wins the slot.
    w.runUntil(fromSeconds(1));
    expect(call(w, 'm1', 'GET', 'foo')).toBe('(error) MOVED 12182 127.0.0.1:7001');
    const m1 = w.part('m1@bus') as ClusterNode;
    expect(m1.owners[12182]).toBe('m2');
  });

  it("lists a slot's keys newest first, as real 7.0.15 does (an overwrite keeps its place)", () => {
    const w = world();
    const owner = 'm3'; // {a} hashes to slot 15495
    for (const i of [0, 1, 2, 3]) call(w, owner, 'SET', `{a}:${i}`, 'v');
    call(w, owner, 'SET', '{a}:1', 'w');
    expect(call(w, owner, 'CLUSTER', 'GETKEYSINSLOT', '15495', '10')).toBe(
      '1) "{a}:3"\n2) "{a}:2"\n3) "{a}:1"\n4) "{a}:0"',
    );
    call(w, owner, 'DEL', '{a}:2');
    call(w, owner, 'SET', '{a}:2', 'v');
    expect(call(w, owner, 'CLUSTER', 'GETKEYSINSLOT', '15495', '2')).toBe('1) "{a}:2"\n2) "{a}:3"');
  });

  it('gives Redis 7.0 error strings for bad CLUSTER calls', () => {
    const w = world();
    expect(call(w, 'm1', 'CLUSTER', 'COUNTKEYSINSLOT', '99999')).toBe('(error) ERR Invalid slot');
    expect(call(w, 'm1', 'CLUSTER', 'GETKEYSINSLOT', '1', '-1')).toBe(
      '(error) ERR Invalid slot or number of keys',
    );
    expect(call(w, 'm1', 'CLUSTER', 'KEYSLOT')).toBe(
      "(error) ERR wrong number of arguments for 'cluster|keyslot' command",
    );
    expect(call(w, 'm1', 'CLUSTER', 'foo')).toBe(
      "(error) ERR unknown subcommand 'foo'. Try CLUSTER HELP.",
    );
    expect(call(w, 'm1', 'CLUSTER', 'SETSLOT', '12182', 'foo')).toBe(
      '(error) ERR Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP',
    );
    expect(call(w, 'm1', 'CLUSTER', 'SETSLOT', '99999', 'NODE', nodeId('m1'))).toBe(
      '(error) ERR Invalid or out of range slot',
    );
    expect(call(w, 'm1', 'CLUSTER', 'SETSLOT', '12182', 'NODE', 'nonexist')).toBe(
      '(error) ERR Unknown node nonexist',
    );
    expect(call(w, 'm1', 'CLUSTER', 'INFO')).toMatch(
      /^cluster_state:ok\r?\ncluster_slots_assigned:16384\r?\n/,
    );
  });

  it('lists the slot ranges in CLUSTER SLOTS as redis-cli --cluster create leaves them', () => {
    const w = world();
    const slots = call(w, 'm1', 'CLUSTER', 'SLOTS');
    expect(slots).toContain(
      '1) 1) (integer) 0\n   2) (integer) 5460\n   3) 1) "127.0.0.1"\n      2) (integer) 7000',
    );
    expect(slots).toContain('2) 1) (integer) 5461\n   2) (integer) 10922');
    expect(slots).toContain('3) 1) (integer) 10923\n   2) (integer) 16383');
  });
});
