import type { LinkConfig } from '../world/network.ts';
import type { NodeConfig } from '../world/node.ts';
import type { PartConfig, PartKinds } from '../world/world.ts';
import { clusterAdminKind, clusterAdminPart, type ClusterAdminParams } from './cluster-admin.ts';
import {
  clusterClientKind,
  clusterClientPart,
  type ClusterClientParams,
} from './cluster-client.ts';
import { clusterNodeKind, clusterNodePart } from './cluster-node.ts';
import { busName, type ClusterSpec } from './topology.ts';

/** The part kinds a cluster world needs (a restored world must be given them too). */
export const CLUSTER_PART_KINDS: PartKinds = {
  'cluster-node': clusterNodeKind,
  'cluster-client': clusterClientKind,
  'cluster-admin': clusterAdminKind,
};

export interface ClusterWorldParts {
  readonly nodes: NodeConfig[];
  readonly links: LinkConfig[];
  readonly parts: PartConfig[];
}

/**
 * The nodes, links and parts of a cluster: every member's Redis node and its bus half, a
 * bus link between every pair of members, and links from each client and the admin to
 * every node. One-way latencies in µs (loopback-like by default).
 */
export function clusterWorld(
  spec: ClusterSpec,
  clients: readonly {
    readonly name: string;
    readonly params: Omit<ClusterClientParams, 'members'>;
  }[],
  admin: Omit<ClusterAdminParams, 'members'> | undefined,
  latency = { micros: 100, jitter: 20 },
): ClusterWorldParts {
  const names = spec.members.map((m) => m.name);
  const link = (a: string, b: string): LinkConfig => ({
    a,
    b,
    latencyMicros: latency.micros,
    jitterMicros: latency.jitter,
  });
  const links: LinkConfig[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      links.push(link(busName(names[i]!), busName(names[j]!)));
    }
  }
  const endpoints = [...clients.map((c) => c.name), ...(admin === undefined ? [] : ['admin'])];
  for (const e of endpoints) for (const n of names) links.push(link(e, n));
  const parts: PartConfig[] = names.map((n) => clusterNodePart(n, spec));
  for (const c of clients) {
    parts.push(clusterClientPart(c.name, { ...c.params, members: spec.members }));
  }
  if (admin !== undefined)
    parts.push(clusterAdminPart('admin', { ...admin, members: spec.members }));
  return { nodes: names.map((name) => ({ name })), links, parts };
}
