/**
 * What the engine hands to AOF and replicas after each execution unit (a command, an EXEC,
 * a served blocked client, an eviction or active-expire pass): Redis 7.0's propagated
 * commands, already rewritten (SET ... PXAT, PEXPIREAT, SREM for SPOP...) and, when one
 * unit produced several, wrapped in MULTI/EXEC (server.c propagatePendingCommands).
 */

/** Where a propagated command goes (server.h PROPAGATE_AOF / PROPAGATE_REPL). */
export const Target = {
  aof: 1,
  repl: 2,
  both: 3,
} as const;

export interface PropagatedCommand {
  /** The database the command applies to; a stream emits SELECT when it changes. */
  readonly db: number;
  /** argv[0] is the command name, as Redis writes it (e.g. 'SET', 'PEXPIREAT'). */
  readonly argv: readonly string[];
  /** Target bits: aof, repl or both. PUBLISH goes to replicas only. */
  readonly targets: number;
}

/** Called once per execution unit with everything it propagated, in order. */
export type PropagationListener = (batch: readonly PropagatedCommand[]) => void;
