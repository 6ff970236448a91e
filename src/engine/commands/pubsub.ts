import { subcommandSyntaxError } from '../errors.ts';
import { globMatch } from '../keyspace/glob.ts';
import { bulk, bulkArray, integer, status, array, type Reply } from '../reply.ts';
import type { CommandContext, CommandFlag, CommandSpec } from './types.ts';
import { NO_KEYS } from './types.ts';

/**
 * Pub/sub commands (pubsub.c). The registry lives in engine.pubsub; these parse and reply.
 * SUBSCRIBE a b c answers with one confirmation a channel: all but the last go out through
 * session.deliver (in order, before the command's own reply), the last is the reply.
 */

function several(ctx: CommandContext, replies: readonly Reply[]): Reply {
  for (let i = 0; i < replies.length - 1; i++) ctx.session.deliver?.(replies[i]!);
  return replies[replies.length - 1]!;
}

function subscribe(ctx: CommandContext): Reply {
  const { pubsub } = ctx.engine;
  return several(
    ctx,
    ctx.argv.slice(1).map((channel) => pubsub.subscribe(ctx.session, channel)),
  );
}

function ssubscribe(ctx: CommandContext): Reply {
  const { pubsub } = ctx.engine;
  return several(
    ctx,
    ctx.argv.slice(1).map((channel) => pubsub.subscribe(ctx.session, channel, true)),
  );
}

function psubscribe(ctx: CommandContext): Reply {
  const { pubsub } = ctx.engine;
  return several(
    ctx,
    ctx.argv.slice(1).map((pattern) => pubsub.psubscribe(ctx.session, pattern)),
  );
}

function unsubscribe(ctx: CommandContext): Reply {
  const { pubsub } = ctx.engine;
  if (ctx.argv.length === 1) return several(ctx, pubsub.unsubscribeAllChannels(ctx.session));
  return several(
    ctx,
    ctx.argv.slice(1).map((channel) => pubsub.unsubscribe(ctx.session, channel)),
  );
}

function sunsubscribe(ctx: CommandContext): Reply {
  const { pubsub } = ctx.engine;
  if (ctx.argv.length === 1) {
    return several(ctx, pubsub.unsubscribeAllChannels(ctx.session, true));
  }
  return several(
    ctx,
    ctx.argv.slice(1).map((channel) => pubsub.unsubscribe(ctx.session, channel, true)),
  );
}

function punsubscribe(ctx: CommandContext): Reply {
  const { pubsub } = ctx.engine;
  if (ctx.argv.length === 1) return several(ctx, pubsub.unsubscribeAllPatterns(ctx.session));
  return several(
    ctx,
    ctx.argv.slice(1).map((pattern) => pubsub.punsubscribe(ctx.session, pattern)),
  );
}

function publish(ctx: CommandContext): Reply {
  return integer(ctx.engine.pubsub.publish(ctx.argv[1]!, ctx.argv[2]!));
}

function spublish(ctx: CommandContext): Reply {
  return integer(ctx.engine.pubsub.publish(ctx.argv[1]!, ctx.argv[2]!, true));
}

function channelList(ctx: CommandContext, index: ReadonlyMap<string, unknown>): Reply {
  if (ctx.argv.length > 3) return error(ctx);
  const pattern = ctx.argv[2];
  const found: string[] = [];
  for (const channel of index.keys()) {
    if (pattern === undefined || globMatch(pattern, channel)) found.push(channel);
  }
  return bulkArray(found);
}

function numsub(ctx: CommandContext, index: ReadonlyMap<string, ReadonlySet<unknown>>): Reply {
  const items: Reply[] = [];
  for (let i = 2; i < ctx.argv.length; i++) {
    items.push(bulk(ctx.argv[i]!), integer(index.get(ctx.argv[i]!)?.size ?? 0));
  }
  return array(items);
}

function error(ctx: CommandContext): Reply {
  return { kind: 'error', message: subcommandSyntaxError(ctx.argv[1]!, ctx.argv[0]!) };
}

const PUBSUB_HELP = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
  'HELP',
  '    Prints this help.',
];

const SUBSCRIBE_FLAGS: readonly CommandFlag[] = ['pubsub', 'noscript', 'loading', 'stale'];
const ps = { group: 'pubsub', keys: NO_KEYS } as const;

function sub(
  name: string,
  arity: number,
  summary: string,
  complexity: string,
  handler: (ctx: CommandContext) => Reply,
): CommandSpec {
  return {
    ...ps,
    name: `pubsub|${name}`,
    arity,
    flags: ['pubsub', 'loading', 'stale'],
    complexity,
    summary,
    since: name.startsWith('shard') ? '7.0.0' : '2.8.0',
    handler,
  };
}

export const pubsubCommands: readonly CommandSpec[] = [
  {
    ...ps,
    name: 'subscribe',
    arity: -2,
    flags: SUBSCRIBE_FLAGS,
    complexity: 'O(N) where N is the number of channels to subscribe to.',
    summary: 'Listen for messages published to the given channels',
    since: '2.0.0',
    handler: subscribe,
  },
  {
    ...ps,
    name: 'unsubscribe',
    arity: -1,
    flags: SUBSCRIBE_FLAGS,
    complexity: 'O(N) where N is the number of clients already subscribed to a channel.',
    summary: 'Stop listening for messages posted to the given channels',
    since: '2.0.0',
    handler: unsubscribe,
  },
  {
    ...ps,
    name: 'psubscribe',
    arity: -2,
    flags: SUBSCRIBE_FLAGS,
    complexity: 'O(N) where N is the number of patterns the client is already subscribed to.',
    summary: 'Listen for messages published to channels matching the given patterns',
    since: '2.0.0',
    handler: psubscribe,
  },
  {
    ...ps,
    name: 'punsubscribe',
    arity: -1,
    flags: SUBSCRIBE_FLAGS,
    complexity:
      'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).',
    summary: 'Stop listening for messages posted to channels matching the given patterns',
    since: '2.0.0',
    handler: punsubscribe,
  },
  {
    ...ps,
    name: 'publish',
    arity: 3,
    flags: ['pubsub', 'loading', 'stale', 'fast'],
    complexity:
      'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).',
    summary: 'Post a message to a channel',
    since: '2.0.0',
    handler: publish,
  },
  {
    ...ps,
    name: 'ssubscribe',
    arity: -2,
    flags: ['pubsub', 'noscript', 'loading', 'stale'],
    keys: { first: 1, last: -1, step: 1 },
    complexity: 'O(N) where N is the number of shard channels to subscribe to.',
    summary: 'Listen for messages published to the given shard channels',
    since: '7.0.0',
    handler: ssubscribe,
  },
  {
    ...ps,
    name: 'sunsubscribe',
    arity: -1,
    flags: ['pubsub', 'noscript', 'loading', 'stale'],
    keys: { first: 1, last: -1, step: 1 },
    complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.',
    summary: 'Stop listening for messages posted to the given shard channels',
    since: '7.0.0',
    handler: sunsubscribe,
  },
  {
    ...ps,
    name: 'spublish',
    arity: 3,
    flags: ['pubsub', 'loading', 'stale', 'fast'],
    keys: { first: 1, last: 1, step: 1 },
    complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.',
    summary: 'Post a message to a shard channel',
    since: '7.0.0',
    handler: spublish,
  },
  {
    ...ps,
    name: 'pubsub',
    arity: -2,
    flags: [],
    complexity: 'Depends on subcommand.',
    summary: 'A container for Pub/Sub commands',
    since: '2.8.0',
    handler: (ctx) => error(ctx),
    subcommands: [
      sub(
        'channels',
        -2,
        'List active channels',
        'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)',
        (ctx) => channelList(ctx, ctx.engine.pubsub.channels),
      ),
      sub(
        'numsub',
        -2,
        'Get the count of subscribers for channels',
        'O(N) for the NUMSUB subcommand, where N is the number of requested channels',
        (ctx) => numsub(ctx, ctx.engine.pubsub.channels),
      ),
      sub('numpat', 2, 'Get the count of unique patterns pattern subscriptions', 'O(1)', (ctx) =>
        integer(ctx.engine.pubsub.patterns.size),
      ),
      sub(
        'shardchannels',
        -2,
        'List active shard channels',
        'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).',
        (ctx) => channelList(ctx, ctx.engine.pubsub.shardChannels),
      ),
      sub(
        'shardnumsub',
        -2,
        'Get the count of subscribers for shard channels',
        'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels',
        (ctx) => numsub(ctx, ctx.engine.pubsub.shardChannels),
      ),
      sub('help', 2, 'Show helpful text about the different subcommands', 'O(1)', () =>
        array(PUBSUB_HELP.map(status)),
      ),
    ],
  },
];
