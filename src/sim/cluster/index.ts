/** Redis Cluster in the simulation: slots, nodes with their bus, the cluster client, the operator. */
export { SLOT_COUNT, crc16, keySlot, hashTagBounds } from './key-slot.ts';
export { commandKeys } from './command-keys.ts';
export {
  DEFAULT_NODE_TIMEOUT_MS,
  address,
  busName,
  evenSlotRanges,
  nodeId,
  toRanges,
  type ClusterMember,
  type ClusterSpec,
} from './topology.ts';
export { ClusterNode, clusterNodePart, type PeerState } from './cluster-node.ts';
export {
  ClusterClient,
  clusterClientPart,
  type ClusterClientParams,
  type ClusterClientCounts,
  type Redirect,
} from './cluster-client.ts';
export { ClusterAdmin, clusterAdminPart, type ClusterAdminParams } from './cluster-admin.ts';
export { CLUSTER_PART_KINDS, clusterWorld } from './build.ts';
export { CROSSSLOT, TRYAGAIN, CLUSTERDOWN_STATE, CLUSTERDOWN_UNBOUND } from './routing.ts';
