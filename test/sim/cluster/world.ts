import {
  CLUSTER_PART_KINDS,
  clusterWorld,
  evenSlotRanges,
  type ClusterAdminParams,
  type ClusterClientParams,
  type ClusterMember,
  type ClusterSpec,
} from '../../../src/sim/cluster/index.ts';
import { World, type WorldConfig } from '../../../src/sim/index.ts';

/** Three masters (7000-7002), a replica each (7003-7005) and a spare (7006), as in the docs. */
export function spec(
  options: { replicas?: boolean; spare?: boolean; nodeTimeoutMs?: number } = {},
): ClusterSpec {
  const ranges = evenSlotRanges(3);
  const members: ClusterMember[] = ranges.map((slots, i) => ({
    name: `m${i + 1}`,
    ip: '127.0.0.1',
    port: 7000 + i,
    role: 'master',
    slots: [slots],
  }));
  if (options.replicas !== false) {
    for (let i = 0; i < 3; i++) {
      members.push({
        name: `r${i + 1}`,
        ip: '127.0.0.1',
        port: 7003 + i,
        role: 'replica',
        of: `m${i + 1}`,
      });
    }
  }
  if (options.spare !== false)
    members.push({ name: 'm4', ip: '127.0.0.1', port: 7006, role: 'spare' });
  return { members, nodeTimeoutMs: options.nodeTimeoutMs ?? 15_000 };
}

export function clusterTestWorld(
  s: ClusterSpec,
  clients: readonly { name: string; params: Omit<ClusterClientParams, 'members'> }[] = [],
  admin?: Omit<ClusterAdminParams, 'members'>,
  seed = 1,
): World {
  const parts = clusterWorld(s, clients, admin);
  const config: WorldConfig = { seed, metrics: null, ...parts };
  return World.create(config, { partKinds: CLUSTER_PART_KINDS });
}
