import type { Reply } from '../../engine/index.ts';
import { ClusterNode, wrongArity } from './cluster-node.ts';
import { busName } from './topology.ts';

/**
 * MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [KEYS key ...]: moves
 * keys to another node, atomically from the clients' point of view (the source is blocked
 * while it runs; the node charges the round trip). Both nodes' replicas follow: the source's
 * drop the keys, the target's get string values re-sent as SET.
 */

const err = (message: string): Reply => ({ kind: 'error', message });
const IOERR = 'IOERR error or timeout connecting to the client';

export function migrateCommand(c: ClusterNode, argv: readonly string[]): Reply {
  if (argv.length < 6) return wrongArity('migrate');
  let copy = false;
  let replace = false;
  let keys = [argv[3]!];
  for (let i = 6; i < argv.length; i++) {
    const opt = argv[i]!.toLowerCase();
    if (opt === 'copy') copy = true;
    else if (opt === 'replace') replace = true;
    else if (opt === 'auth') i++;
    else if (opt === 'auth2') i += 2;
    else if (opt === 'keys') {
      if (argv[3] !== '') {
        return err(
          'ERR When using MIGRATE KEYS option, the key argument must be set to the empty string',
        );
      }
      keys = argv.slice(i + 1);
      break;
    } else return err('ERR syntax error');
  }
  const targetName = c.nameOfAddress(`${argv[1]}:${argv[2]}`);
  const target = targetName === undefined ? undefined : c.ctx.endpoint(busName(targetName));
  if (!(target instanceof ClusterNode) || !target.alive) return err(IOERR);
  const src = c.node.engine.dbs[0]!;
  const dst = target.node.engine.dbs[0]!;
  const present = keys.filter((k) => src.keys.has(k));
  if (present.length === 0) return { kind: 'status', value: 'NOKEY' };
  if (!replace) {
    for (const k of present) {
      if (dst.keys.has(k)) {
        return err(
          'ERR Target instance replied with error: BUSYKEY Target key name already exists.',
        );
      }
    }
  }
  for (const k of present) {
    const value = src.keys.get(k)!;
    const expire = src.getExpire(k);
    dst.set(k, value);
    if (expire >= 0) dst.setExpire(k, expire);
    target.slotIndex.touch(k, true);
    if (value.type === 'string') {
      target.propagate(
        expire >= 0
          ? ['SET', k, String(value.value), 'PXAT', String(expire)]
          : ['SET', k, String(value.value)],
        0,
      );
    }
    if (!copy) {
      src.delete(k);
      c.slotIndex.touch(k, false);
      c.propagate(['DEL', k], 0);
    }
  }
  return { kind: 'status', value: 'OK' };
}

/** Main-thread µs a MIGRATE blocks its node: a round trip to the target and a little a key. */
export function migrateMicros(argv: readonly string[]): number {
  const k = argv.findIndex((a) => a.toLowerCase() === 'keys');
  const n = k < 0 ? 1 : argv.length - k - 1;
  return 200 + 5 * n;
}
