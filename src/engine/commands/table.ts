import { bitfieldCommands } from './bitfield.ts';
import { bitmapCommands } from './bitmap.ts';
import { connectionCommands } from './connection.ts';
import { functionCommands } from './function.ts';
import { hashCommands } from './hash.ts';
import { databaseCommands } from './databases.ts';
import { dumpCommands } from './dump.ts';
import { keyCommands } from './keys.ts';
import { setCommands } from './set.ts';
import { sortCommands } from './sort.ts';
import { listCommands } from './list.ts';
import { serverCommands } from './server.ts';
import { persistenceCommands } from './persistence.ts';
import { pubsubCommands } from './pubsub.ts';
import { replicationCommands } from './replication.ts';
import { replicaofCommands } from './replicaof.ts';
import { stringCommands } from './string.ts';
import { transactionCommands } from './transaction.ts';
import type { CommandSpec } from './types.ts';
import { zsetCommands } from './zset.ts';

/** Every command the engine knows, one family a module; the order is COMMAND's order. */
export const commandList: readonly CommandSpec[] = [
  ...connectionCommands,
  ...stringCommands,
  ...keyCommands,
  ...hashCommands,
  ...setCommands,
  ...zsetCommands,
  ...listCommands,
  ...databaseCommands,
  ...bitmapCommands,
  ...serverCommands,
  ...persistenceCommands,
  ...functionCommands,
  ...transactionCommands,
  ...pubsubCommands,
  ...replicationCommands,
  ...replicaofCommands,
  ...sortCommands,
  ...bitfieldCommands,
  ...dumpCommands,
];

export const commandTable: ReadonlyMap<string, CommandSpec> = new Map(
  commandList.map((spec) => [spec.name, spec]),
);

/** The spec for a name as typed (case-insensitive), or undefined. */
export function lookupCommand(name: string): CommandSpec | undefined {
  return commandTable.get(name) ?? commandTable.get(name.toLowerCase());
}
