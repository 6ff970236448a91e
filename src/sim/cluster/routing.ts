import type { Reply, Session } from '../../engine/index.ts';
import type { ClusterNode } from './cluster-node.ts';
import { commandKeys, isWriteCommand } from './command-keys.ts';
import { keySlot } from './key-slot.ts';
import { address } from './topology.ts';

/**
 * Where a command may run, as Redis's getNodeByQuery decides it (cluster.c): every key in
 * one slot (else CROSSSLOT); the slot assigned (else CLUSTERDOWN); the cluster up; then, if
 * this node is migrating the slot, keys already gone are sent on with ASK (TRYAGAIN when only
 * some are gone); if it is importing the slot, a command after ASKING runs here; a replica
 * serves reads of its master's slots to READONLY connections; otherwise the owner runs it
 * and anyone else answers MOVED. Undefined: run it here.
 */

export const CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";
export const TRYAGAIN = 'TRYAGAIN Multiple keys request during rehashing of slot';
export const CLUSTERDOWN_STATE = 'CLUSTERDOWN The cluster is down';
export const CLUSTERDOWN_UNBOUND = 'CLUSTERDOWN Hash slot not served';

const err = (message: string): Reply => ({ kind: 'error', message });

export function route(
  c: ClusterNode,
  session: Session,
  argv: readonly string[],
  asking: boolean,
  readonlyConn: boolean,
): Reply | undefined {
  const name = (argv[0] ?? '').toLowerCase();
  const isExec = name === 'exec';
  if (isExec && session.multi === undefined) return undefined;
  const calls = isExec ? session.multi!.map((q) => q.argv) : [argv];
  const db = c.node.engine.dbs[0]!;
  const me = c.self.name;
  let first: string | undefined;
  let slot = 0;
  let owner = '';
  let migrating = false;
  let importing = false;
  let multiple = false;
  let missing = 0;
  let existing = 0;
  for (const call of calls) {
    for (const key of commandKeys(call)) {
      const s = keySlot(key);
      if (first === undefined) {
        first = key;
        slot = s;
        owner = c.owners[s]!;
        if (owner === '') return redirect(session, isExec, err(CLUSTERDOWN_UNBOUND));
        if (owner === me && c.migrating.has(s)) migrating = true;
        else if (c.importing.has(s)) importing = true;
      } else if (key !== first) {
        if (s !== slot) return redirect(session, isExec, err(CROSSSLOT));
        multiple = true;
      }
      if (migrating || importing) {
        if (db.keys.has(key)) existing++;
        else missing++;
      }
    }
  }
  if (first === undefined) return undefined;
  if (!c.stateOk) return redirect(session, isExec, err(CLUSTERDOWN_STATE));
  if ((migrating || importing) && name === 'migrate') return undefined;
  if (migrating && missing > 0) {
    if (existing > 0) return redirect(session, isExec, err(TRYAGAIN));
    const target = c.member(c.migrating.get(slot)!);
    return redirect(session, isExec, err(`ASK ${slot} ${address(target)}`));
  }
  if (importing && (asking || name === 'restore-asking')) {
    return multiple && missing > 0 ? redirect(session, isExec, err(TRYAGAIN)) : undefined;
  }
  const writes = isExec ? calls.some((call) => isWriteCommand(call)) : isWriteCommand(argv);
  if (readonlyConn && !writes && !c.isMaster && c.me.of === owner) return undefined;
  if (owner !== me) {
    return redirect(session, isExec, err(`MOVED ${slot} ${address(c.member(owner))}`));
  }
  return undefined;
}

/**
 * A redirected EXEC discards the transaction; a redirected command inside MULTI makes the
 * EXEC fail (EXECABORT), as processCommand does.
 */
function redirect(session: Session, isExec: boolean, reply: Reply): Reply {
  if (isExec) {
    session.multi = undefined;
    session.multiFailed = false;
    session.dirtyCas = false;
  } else if (session.multi !== undefined) {
    session.multiFailed = true;
  }
  return reply;
}
