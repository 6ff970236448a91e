/**
 * SAVE and SHUTDOWN (rdb.c saveCommand, server.c shutdownCommand). The engine has no disk:
 * a host that has one (the RESP server) saves the RDB payload and stops the process through
 * engine.persistenceHost; without one SAVE only marks the dataset saved and SHUTDOWN fails
 * as Redis does when it cannot shut down.
 */
import { Err } from '../errors.ts';
import { encodeRdb } from '../propagation/rdb.ts';
import { OK, error, type Reply } from '../reply.ts';
import { NO_KEYS, type CommandContext, type CommandSpec } from './types.ts';

/** What a host with a disk and a process to end provides. */
export interface PersistenceHost {
  /** Writes the RDB file (dump.rdb); an error message when it cannot. */
  save(rdb: string): string | undefined;
  /** Closes every connection and stops the server, after saving when asked. */
  shutdown(save: boolean): void;
}

function save(ctx: CommandContext): Reply {
  const { engine } = ctx;
  const failure = engine.persistenceHost?.save(encodeRdb(engine.dbs, engine.config));
  if (failure !== undefined) return error(failure);
  engine.dirty = 0;
  return OK;
}

function shutdown(ctx: CommandContext): Reply {
  const { engine, argv } = ctx;
  let nosave = false;
  let saveFlag = false;
  let abort = false;
  let others = false;
  for (let j = 1; j < argv.length; j++) {
    const option = argv[j]!.toLowerCase();
    if (option === 'nosave') nosave = true;
    else if (option === 'save') saveFlag = true;
    else if (option === 'now' || option === 'force') others = true;
    else if (option === 'abort') abort = true;
    else return error(Err.syntax);
  }
  if ((nosave && saveFlag) || (abort && (nosave || saveFlag || others))) return error(Err.syntax);
  if (abort) return error(Err.noShutdownInProgress);
  const host = engine.persistenceHost;
  if (host === undefined) return error(Err.shutdownFailed);
  // Without an option a server with save points saves first (prepareForShutdown).
  host.shutdown(saveFlag || (!nosave && engine.config.save !== ''));
  // A server that shuts down does not answer: the connection just closes.
  ctx.session.replyMode = 'skip-next';
  return OK;
}

export const persistenceCommands: readonly CommandSpec[] = [
  {
    name: 'save',
    arity: 1,
    flags: ['admin', 'noscript', 'no_async_loading', 'no_multi'],
    keys: NO_KEYS,
    group: 'server',
    complexity: 'O(N) where N is the total number of keys in all databases',
    summary: 'Synchronously save the dataset to disk',
    since: '1.0.0',
    handler: save,
  },
  {
    name: 'shutdown',
    arity: -1,
    flags: ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'],
    keys: NO_KEYS,
    group: 'server',
    complexity:
      'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)',
    summary: 'Synchronously save the dataset to disk and then shut down the server',
    since: '1.0.0',
    handler: shutdown,
  },
];
