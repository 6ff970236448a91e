import {
  Err,
  helloOptionError,
  subcommandSyntaxError,
  unknownClientType,
  wrongArity,
} from '../errors.ts';
import type { Session } from '../engine.ts';
import { encodeCommand } from '../resp/encode.ts';
import { parseInt64 } from '../numbers.ts';
import {
  EMPTY_ARRAY,
  NULL,
  OK,
  PONG,
  array,
  bulk,
  error,
  integer,
  map,
  status,
  verbatim,
  type Reply,
} from '../reply.ts';
import { isOption } from './args.ts';
import { discardTransaction } from './transaction.ts';
import { NO_KEYS, type CommandContext, type CommandFlag, type CommandSpec } from './types.ts';

/**
 * Connection commands (networking.c, server.c): PING, ECHO, AUTH, HELLO, QUIT, RESET and
 * the CLIENT container. The engine has no sockets: the host gives each Session its address
 * and a `kill` callback, and honours `closeAfterReply` and `replyMode`.
 */

export const SERVER_VERSION = '7.0.15';

function ping(ctx: CommandContext): Reply {
  // PING takes zero or one argument; arity -1 lets the command give the error itself.
  if (ctx.argv.length > 2) return error(wrongArity(ctx.spec.name));
  const { session } = ctx;
  if (session.protocol === 2 && session.subscriptionCount > 0) {
    return array([bulk('pong'), bulk(ctx.argv[1] ?? '')]);
  }
  return ctx.argv.length === 1 ? PONG : bulk(ctx.argv[1]!);
}

function auth(ctx: CommandContext): Reply {
  if (ctx.argv.length > 3) return error(Err.syntax);
  if (ctx.argv.length === 2) {
    return error(
      'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
    );
  }
  // The only user is "default" with nopass: any password is accepted for it.
  return ctx.argv[1] === 'default' ? OK : error(Err.wrongPass);
}

/** Name rules of clientSetName: printable ASCII without spaces; empty clears the name. */
function validName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
}

function hello(ctx: CommandContext): Reply {
  const { argv, session } = ctx;
  let version = 0;
  let next = 1;
  if (argv.length >= 2) {
    const v = parseInt64(argv[next++]!);
    if (v === null) return error(Err.protoVersionNotInteger);
    if (v < 2 || v > 3) return error(Err.noProto);
    version = Number(v);
  }
  for (let j = next; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const option = argv[j]!;
    if (isOption(option, 'auth') && more >= 2) {
      if (argv[j + 1] !== 'default') return error(Err.wrongPass);
      j += 2;
    } else if (isOption(option, 'setname') && more >= 1) {
      const candidate = argv[j + 1]!;
      if (!validName(candidate)) return error(Err.badClientName);
      // Redis applies the name at once, even if a later option fails.
      session.name = candidate;
      j++;
    } else {
      return error(helloOptionError(option));
    }
  }
  if (version !== 0) session.protocol = version as 2 | 3;
  return map([
    [bulk('server'), bulk('redis')],
    [bulk('version'), bulk(SERVER_VERSION)],
    [bulk('proto'), integer(session.protocol)],
    [bulk('id'), integer(session.id)],
    [bulk('mode'), bulk('standalone')],
    [bulk('role'), bulk('master')],
    [bulk('modules'), EMPTY_ARRAY],
  ]);
}

function quit(ctx: CommandContext): Reply {
  ctx.session.closeAfterReply = true;
  return OK;
}

/** Back to a freshly connected client (networking.c clearClientConnectionState). */
function reset(ctx: CommandContext): Reply {
  const { engine, session } = ctx;
  session.db = 0;
  session.protocol = 2;
  discardTransaction(engine, session);
  engine.pubsub.dropAll(session);
  session.name = '';
  session.replyMode = 'on';
  return status('RESET');
}

/** One CLIENT LIST line (networking.c catClientInfoString); memory figures are estimates. */
export function clientInfoLine(
  session: Session,
  caller: Session,
  nowMs: number,
  blocked = false,
): string {
  let flags = '';
  if (session.subscriptionCount > 0) flags += 'P';
  if (session.multi !== undefined) flags += 'x';
  if (blocked) flags += 'b';
  if (session.dirtyCas) flags += 'd';
  if (session.closeAfterReply) flags += 'c';
  if (flags === '') flags = 'N';
  const nowS = Math.floor(nowMs / 1000);
  const self = session === caller;
  let qbuf = 0;
  let argvMem = 0;
  if (self) {
    qbuf = encodeCommand(session.currentArgv).length;
    for (const arg of session.currentArgv) argvMem += arg.length;
  }
  let multiMem = 0;
  for (const queued of session.multi ?? []) {
    for (const arg of queued.argv) multiMem += arg.length + 8;
  }
  const subs = session.subscriptionCount;
  const totMem = (self ? 37622 + qbuf + argvMem : 22272) + multiMem + subs * 56;
  return (
    `id=${session.id} addr=${session.addr} laddr=${session.laddr} fd=${session.fd}` +
    ` name=${session.name} age=${nowS - Math.floor(session.createdMs / 1000)}` +
    ` idle=${nowS - Math.floor(session.lastInteractionMs / 1000)} flags=${flags}` +
    ` db=${session.db} sub=${session.channels.size} psub=${session.patterns.size}` +
    ` ssub=${session.shardChannels.size} multi=${session.multi?.length ?? -1}` +
    ` qbuf=${qbuf} qbuf-free=${20474 - qbuf} argv-mem=${argvMem} multi-mem=${multiMem}` +
    ` rbs=${self ? 16384 : 1024} rbp=${self ? 16384 : 0} obl=0 oll=0 omem=0` +
    ` tot-mem=${totMem} events=r cmd=${session.lastCommand} user=default redir=-1` +
    ` resp=${session.protocol}`
  );
}

const CLIENT_TYPES = ['normal', 'master', 'replica', 'slave', 'pubsub'];

function clientTypeOf(session: Session): string {
  return session.subscriptionCount > 0 ? 'pubsub' : 'normal';
}

function typeMatches(session: Session, type: string): boolean {
  return clientTypeOf(session) === type;
}

function clientList(ctx: CommandContext): Reply {
  const { argv, engine, session } = ctx;
  const now = ctx.nowMs;
  let chosen: Session[] = [...engine.sessions.values()];
  if (argv.length === 4 && isOption(argv[2]!, 'type')) {
    const type = argv[3]!.toLowerCase();
    if (!CLIENT_TYPES.includes(type)) return error(unknownClientType(argv[3]!));
    const wanted = type === 'slave' ? 'replica' : type;
    chosen = chosen.filter((s) => typeMatches(s, wanted));
  } else if (argv.length > 3 && isOption(argv[2]!, 'id')) {
    chosen = [];
    for (let j = 3; j < argv.length; j++) {
      const id = parseInt64(argv[j]!);
      if (id === null) return error(Err.invalidClientId);
      const found = engine.sessions.get(Number(id));
      if (found !== undefined) chosen.push(found);
    }
  } else if (argv.length !== 2) {
    return error(Err.syntax);
  }
  let text = '';
  for (const s of chosen) {
    text += clientInfoLine(s, session, now, engine.blocking.isBlocked(s)) + '\n';
  }
  return verbatim(text);
}

function clientKill(ctx: CommandContext): Reply {
  const { argv, engine, session } = ctx;
  let addr: string | undefined;
  let laddr: string | undefined;
  let type: string | undefined;
  let id = 0;
  let skipMe = true;
  if (argv.length === 3) {
    addr = argv[2]!;
    skipMe = false;
  } else {
    for (let i = 2; i < argv.length; i += 2) {
      const option = argv[i]!;
      const value = argv[i + 1];
      if (value === undefined) return error(Err.syntax);
      if (isOption(option, 'id')) {
        const n = parseInt64(value);
        if (n === null || n < 1) return error(Err.clientIdNotPositive);
        id = Number(n);
      } else if (isOption(option, 'type')) {
        const t = value.toLowerCase();
        if (!CLIENT_TYPES.includes(t)) return error(unknownClientType(value));
        type = t === 'slave' ? 'replica' : t;
      } else if (isOption(option, 'addr')) {
        addr = value;
      } else if (isOption(option, 'laddr')) {
        laddr = value;
      } else if (isOption(option, 'user')) {
        if (value !== 'default') return error(`ERR No such user '${value}'`);
      } else if (isOption(option, 'skipme')) {
        if (isOption(value, 'yes')) skipMe = true;
        else if (isOption(value, 'no')) skipMe = false;
        else return error(Err.syntax);
      } else {
        return error(Err.syntax);
      }
    }
  }
  let killed = 0;
  for (const s of [...engine.sessions.values()]) {
    if (addr !== undefined && s.addr !== addr) continue;
    if (laddr !== undefined && s.laddr !== laddr) continue;
    if (type !== undefined && !typeMatches(s, type)) continue;
    if (id !== 0 && s.id !== id) continue;
    if (s === session && skipMe) continue;
    killed++;
    if (s === session) {
      session.closeAfterReply = true;
    } else {
      s.kill?.();
      engine.closeSession(s);
    }
  }
  if (argv.length === 3) return killed === 0 ? error(Err.noSuchClient) : OK;
  return integer(killed);
}

function clientSetName(ctx: CommandContext): Reply {
  const name = ctx.argv[2]!;
  if (!validName(name)) return error(Err.badClientName);
  ctx.session.name = name;
  return OK;
}

function clientReply(ctx: CommandContext): Reply {
  const mode = ctx.argv[2]!;
  if (isOption(mode, 'on')) {
    ctx.session.replyMode = 'on';
    return OK;
  }
  if (isOption(mode, 'off')) {
    ctx.session.replyMode = 'off';
    return OK;
  }
  if (isOption(mode, 'skip')) {
    if (ctx.session.replyMode === 'on') ctx.session.replyMode = 'skip';
    return OK;
  }
  return error(Err.syntax);
}

function clientNoEvict(ctx: CommandContext): Reply {
  const mode = ctx.argv[2]!;
  return isOption(mode, 'on') || isOption(mode, 'off') ? OK : error(Err.syntax);
}

const CLIENT_HELP = [
  'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CACHING (YES|NO)',
  '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
  'GETREDIR',
  '    Return the client ID we are redirecting to when tracking is enabled.',
  'GETNAME',
  '    Return the name of the current connection.',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made from the specified address',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made to specified local address',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Kill connections by type.',
  '    * USER <username>',
  '      Kill connections authenticated by <username>.',
  '    * SKIPME (YES|NO)',
  '      Skip killing current connection (default: yes).',
  'LIST [options ...]',
  '    Return information about client connections. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Return clients of specified type.',
  'UNPAUSE',
  '    Stop the current client pause, resuming traffic.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Suspend all, or just write, clients for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Control the replies sent to the current connection.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Unblock the specified blocked client.',
  'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
  '         [OPTIN] [OPTOUT] [NOLOOP]',
  '    Control server assisted client side caching.',
  'TRACKINGINFO',
  '    Report tracking status for the current connection.',
  'NO-EVICT (ON|OFF)',
  '    Protect current client connection from eviction.',
  'HELP',
  '    Prints this help.',
];

/** CLIENT UNBLOCK id [TIMEOUT|ERROR]: the reason is checked before the id, as in Redis. */
function clientUnblock(ctx: CommandContext): Reply {
  const { argv } = ctx;
  if (argv.length > 4) return error(subcommandSyntaxError(argv[1]!, 'client'));
  let asError = false;
  if (argv.length === 4) {
    if (isOption(argv[3]!, 'error')) asError = true;
    else if (!isOption(argv[3]!, 'timeout')) return error(Err.unblockReason);
  }
  const id = parseInt64(argv[2]!);
  if (id === null) return error(Err.notInteger);
  const target = ctx.engine.sessions.get(Number(id));
  if (target === undefined) return integer(0);
  const interrupted = ctx.engine.blocking.interrupt(
    target,
    asError ? error(Err.unblockedByClient) : undefined,
  );
  return integer(interrupted ? 1 : 0);
}

const conn = { group: 'connection', keys: NO_KEYS } as const;
const CONN_FLAGS: readonly CommandFlag[] = ['noscript', 'loading', 'stale'];

function clientSub(
  name: string,
  arity: number,
  flags: readonly CommandFlag[],
  summary: string,
  since: string,
  handler: (ctx: CommandContext) => Reply,
  complexity = 'O(1)',
): CommandSpec {
  return { ...conn, name: `client|${name}`, arity, flags, complexity, summary, since, handler };
}

export const connectionCommands: readonly CommandSpec[] = [
  {
    ...conn,
    name: 'ping',
    arity: -1,
    flags: ['fast'],
    complexity: 'O(1)',
    summary: 'Ping the server',
    since: '1.0.0',
    handler: ping,
  },
  {
    ...conn,
    name: 'echo',
    arity: 2,
    flags: ['loading', 'stale', 'fast'],
    complexity: 'O(1)',
    summary: 'Echo the given string',
    since: '1.0.0',
    handler: (ctx) => bulk(ctx.argv[1]!),
  },
  {
    ...conn,
    name: 'auth',
    arity: -2,
    flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
    complexity: 'O(N) where N is the number of passwords defined for the user',
    summary: 'Authenticate to the server',
    since: '1.0.0',
    handler: auth,
  },
  {
    ...conn,
    name: 'hello',
    arity: -1,
    flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
    complexity: 'O(1)',
    summary: 'Handshake with Redis',
    since: '6.0.0',
    handler: hello,
  },
  {
    ...conn,
    name: 'quit',
    arity: -1,
    flags: ['allow_busy', 'noscript', 'loading', 'stale', 'fast', 'no_auth'],
    complexity: 'O(1)',
    summary: 'Close the connection',
    since: '1.0.0',
    handler: quit,
  },
  {
    ...conn,
    name: 'reset',
    arity: 1,
    flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
    complexity: 'O(1)',
    summary: 'Reset the connection',
    since: '6.2.0',
    handler: reset,
  },
  {
    ...conn,
    name: 'client',
    arity: -2,
    flags: [],
    complexity: 'Depends on subcommand.',
    summary: 'A container for client connection commands',
    since: '2.4.0',
    handler: () => error(Err.syntax),
    subcommands: [
      clientSub(
        'id',
        2,
        CONN_FLAGS,
        'Returns the client ID for the current connection',
        '5.0.0',
        (ctx) => integer(ctx.session.id),
      ),
      clientSub(
        'info',
        2,
        CONN_FLAGS,
        'Returns information about the current client connection.',
        '6.2.0',
        (ctx) => verbatim(clientInfoLine(ctx.session, ctx.session, ctx.nowMs) + '\n'),
      ),
      clientSub(
        'list',
        -2,
        ['admin', 'noscript', 'loading', 'stale'],
        'Get the list of client connections',
        '2.4.0',
        clientList,
        'O(N) where N is the number of client connections',
      ),
      clientSub(
        'kill',
        -3,
        ['admin', 'noscript', 'loading', 'stale'],
        'Kill the connection of a client',
        '2.4.0',
        clientKill,
        'O(N) where N is the number of client connections',
      ),
      clientSub('getname', 2, CONN_FLAGS, 'Get the current connection name', '2.6.9', (ctx) =>
        ctx.session.name === '' ? NULL : bulk(ctx.session.name),
      ),
      clientSub(
        'setname',
        3,
        CONN_FLAGS,
        'Set the current connection name',
        '2.6.9',
        clientSetName,
      ),
      clientSub(
        'reply',
        3,
        CONN_FLAGS,
        'Instruct the server whether to reply to commands',
        '3.2.0',
        clientReply,
      ),
      clientSub(
        'unblock',
        -3,
        ['admin', 'noscript', 'loading', 'stale'],
        'Unblock a client blocked in a blocking command from a different connection',
        '5.0.0',
        clientUnblock,
        'O(log N) where N is the number of client connections',
      ),
      clientSub(
        'no-evict',
        3,
        ['admin', 'noscript', 'loading', 'stale'],
        'Set client eviction mode for the current connection',
        '7.0.0',
        clientNoEvict,
      ),
      clientSub(
        'help',
        2,
        ['loading', 'stale'],
        'Show helpful text about the different subcommands',
        '5.0.0',
        () => array(CLIENT_HELP.map(status)),
      ),
    ],
  },
];
