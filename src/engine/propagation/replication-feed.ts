/**
 * The replication stream as the master writes it (replication.c replicationFeedSlaves):
 * propagated commands as RESP arrays, each preceded by SELECT when its database differs
 * from the last one the stream selected. One feed serves every replica, as Redis keeps one
 * server.slaveseldb; a replica starting a full sync resets it so the next command selects.
 */
import { encodeCommand } from '../resp/encode.ts';
import { Target, type PropagatedCommand } from './types.ts';

export class ReplicationFeed {
  /** The database the stream last selected; -1 forces a SELECT (server.slaveseldb). */
  private selectedDb = -1;
  /** Bytes written to the stream so far (master_repl_offset). */
  offset = 0;

  /** A replica starts a full sync: the next command must say which database it is in. */
  resetSelection(): void {
    this.selectedDb = -1;
  }

  /** The bytes of a batch of propagated commands (those meant for replicas). */
  encode(batch: readonly PropagatedCommand[]): string {
    let out = '';
    for (const command of batch) {
      if ((command.targets & Target.repl) === 0) continue;
      if (command.db !== this.selectedDb) {
        out += encodeCommand(['SELECT', String(command.db)]);
        this.selectedDb = command.db;
      }
      out += encodeCommand(command.argv);
    }
    this.offset += out.length;
    return out;
  }

  /** The keep-alive every repl-ping-replica-period seconds, in whatever database is selected. */
  ping(): string {
    const out = encodeCommand(['ping']);
    this.offset += out.length;
    return out;
  }
}
