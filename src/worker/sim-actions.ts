import {
  bytesToUtf8,
  cliPrintsRaw,
  formatReply,
  formatReplyRaw,
  splitArgs,
  utf8ToBytes,
  type Reply,
} from '../engine/index.ts';
import { isActionable, type CrashKind, type Micros, type World } from '../sim/index.ts';
import { isCrashObserver } from '../sim/patterns/crash.ts';
import type { ConsoleOutput } from './console-session.ts';

/**
 * What a learner does to a running world, as data. The controller journals each with the
 * virtual time it happened at, so seeking back and replaying applies it again at the same
 * instant; replaying the journal over the scene's start rebuilds any moment of history.
 */
export type SimAction =
  | { readonly kind: 'console'; readonly node: string; readonly line: string }
  | { readonly kind: 'crash'; readonly node: string; readonly crash: CrashKind }
  | { readonly kind: 'restart'; readonly node: string }
  | { readonly kind: 'cut'; readonly a: string; readonly b: string }
  | { readonly kind: 'heal'; readonly a: string; readonly b: string }
  /**
   * A client sends one command now, on the learner's behalf: it travels the network and
   * waits in the node's queue like any request (unlike 'console', which cuts in).
   */
  | { readonly kind: 'send'; readonly client: string; readonly argv: readonly string[] }
  /** A verb for a part that takes them (the cluster operator: `add-node m4 1024`). */
  | {
      readonly kind: 'part';
      readonly part: string;
      readonly command: string;
      readonly args: readonly string[];
    };

export type JournalEntry = SimAction & { readonly at: number };

/** The connection the console uses on every node; checkpointed like any client's session. */
export const CONSOLE_CLIENT = 'console';

const NULL_ARRAY_REPLY: Reply = { kind: 'nullArray' };

/** Applies one action to the world now; a console line returns what redis-cli prints. */
export function applyAction(world: World, action: SimAction): ConsoleOutput | undefined {
  switch (action.kind) {
    case 'console':
      return runOnNode(world, action.node, action.line);
    case 'crash':
      crashNode(world, action.node, action.crash);
      return undefined;
    case 'restart':
      restartNode(world, action.node);
      return undefined;
    case 'cut':
      world.cut(action.a, action.b);
      return undefined;
    case 'heal':
      world.heal(action.a, action.b);
      return undefined;
    case 'send':
      world.client(action.client).sendNow(action.argv);
      return undefined;
    case 'part': {
      const part = world.part(action.part);
      const text = isActionable(part) ? part.act(action.command, action.args) : '';
      return { text, kind: 'reply', wrote: false, db: 0 };
    }
  }
}

/** Throws a one-line message when the action names something the world lacks. */
export function checkAction(world: World, action: SimAction): void {
  switch (action.kind) {
    case 'console':
    case 'crash':
    case 'restart':
      world.node(action.node);
      return;
    case 'send':
      world.client(action.client);
      if (action.argv.length === 0) throw new Error('send: empty command');
      return;
    case 'cut':
    case 'heal':
      // Network.cut throws for a missing link; check first so the journal stays clean.
      if (!world.config.links?.some((l) => sameLink(l.a, l.b, action.a, action.b))) {
        throw new Error(`no link between ${action.a} and ${action.b}`);
      }
      return;
    case 'part':
      if (!isActionable(world.part(action.part))) {
        throw new Error(`part '${action.part}' takes no actions`);
      }
  }
}

const sameLink = (a: string, b: string, x: string, y: string): boolean =>
  (a === x && b === y) || (a === y && b === x);

/**
 * A redis-cli line on a node's engine, run at once between events (the console is an
 * operator's connection, not part of the workload, so it does not queue behind it). It
 * takes the node's command path, so persistence sees its writes (AOF, save points).
 */
function runOnNode(world: World, name: string, line: string): ConsoleOutput {
  const node = world.node(name);
  const out = (text: string, kind: ConsoleOutput['kind'], wrote = false, db = 0) => ({
    text,
    kind,
    wrote,
    db,
  });
  const argv = splitArgs(utf8ToBytes(line));
  if (argv === null) return out('Invalid argument(s)', 'error');
  if (argv.length === 0) return out('', 'empty');
  if (node.down) {
    // What redis-cli says when nothing listens on the port.
    return out(`Could not connect to Redis at ${name}:6379: Connection refused`, 'error');
  }
  const session = node.session(CONSOLE_CLIENT);
  const engine = node.engine;
  const dirtyBefore = engine.dirty;
  let reply = node.consoleIntercept(session, argv) ?? node.runNow(CONSOLE_CLIENT, argv);
  if (reply === undefined) {
    // As in the data-types console: a command that would block gives up at once.
    engine.unblock(session);
    reply = NULL_ARRAY_REPLY;
  }
  world.trace.append({
    type: 'note',
    at: world.now,
    text: `console:${name} ${(argv[0] ?? '').toUpperCase()}`,
  });
  const text = cliPrintsRaw(argv)
    ? formatReplyRaw(reply, session.protocol)
    : formatReply(reply, session.protocol);
  return out(
    bytesToUtf8(text),
    reply.kind === 'error' ? 'error' : 'reply',
    engine.dirty !== dirtyBefore,
    session.db,
  );
}

/**
 * Kills a node's process ('kill': the OS keeps the page cache) or cuts its power. With
 * persistence the part decides what survives on disk; without, both lose everything.
 */
function crashNode(world: World, name: string, kind: CrashKind): void {
  const persistence = world.persistences.get(name);
  if (persistence !== undefined) {
    persistence.crash(kind);
    return;
  }
  const node = world.node(name);
  if (node.down) return;
  // Parts that count what a crash takes (a write-back cache's dirty writes) look first.
  for (const part of world.extras.values()) if (isCrashObserver(part)) part.beforeCrash(name);
  world.trace.append({ type: 'crash', at: world.now, node: name, kind });
  node.crash();
}

/** Starts a crashed node again; with persistence it loads its files first. */
function restartNode(world: World, name: string): void {
  const persistence = world.persistences.get(name);
  if (persistence !== undefined) {
    persistence.restart();
    return;
  }
  const node = world.node(name);
  if (!node.down) return;
  node.restart();
  const now: Micros = world.now;
  world.trace.append({
    type: 'restart',
    at: now,
    node: name,
    source: 'none',
    bytes: 0,
    ready: now,
  });
}
