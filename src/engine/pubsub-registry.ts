import type { Session } from './engine.ts';
import { globMatch } from './keyspace/glob.ts';
import { NULL, bulk, integer, type Reply } from './reply.ts';

/**
 * The server's pub/sub state, as pubsub.c keeps it: channel -> subscribers and
 * pattern -> subscribers (sets keep subscription order, which is delivery order), and on
 * each session the reverse sets. Messages and confirmations are RESP `push` replies: a
 * plain array under RESP2, `>` under RESP3.
 */
export class PubSub {
  readonly channels = new Map<string, Set<Session>>();
  readonly patterns = new Map<string, Set<Session>>();
  readonly shardChannels = new Map<string, Set<Session>>();

  subscribe(session: Session, channel: string, shard = false): Reply {
    const mine = shard ? session.shardChannels : session.channels;
    if (!mine.has(channel)) {
      mine.add(channel);
      addTo(shard ? this.shardChannels : this.channels, channel, session);
    }
    const count = shard ? session.shardChannels.size : clientCount(session);
    return push(shard ? 'ssubscribe' : 'subscribe', bulk(channel), count);
  }

  unsubscribe(session: Session, channel: string, shard = false): Reply {
    const mine = shard ? session.shardChannels : session.channels;
    if (mine.delete(channel))
      removeFrom(shard ? this.shardChannels : this.channels, channel, session);
    const count = shard ? session.shardChannels.size : clientCount(session);
    return push(shard ? 'sunsubscribe' : 'unsubscribe', bulk(channel), count);
  }

  psubscribe(session: Session, pattern: string): Reply {
    if (!session.patterns.has(pattern)) {
      session.patterns.add(pattern);
      addTo(this.patterns, pattern, session);
    }
    return push('psubscribe', bulk(pattern), clientCount(session));
  }

  punsubscribe(session: Session, pattern: string): Reply {
    if (session.patterns.delete(pattern)) removeFrom(this.patterns, pattern, session);
    return push('punsubscribe', bulk(pattern), clientCount(session));
  }

  /** UNSUBSCRIBE with no argument: one confirmation a channel, or one with a nil channel. */
  unsubscribeAllChannels(session: Session, shard = false): Reply[] {
    const mine = shard ? session.shardChannels : session.channels;
    const replies = [...mine].map((channel) => this.unsubscribe(session, channel, shard));
    if (replies.length === 0) {
      const count = shard ? session.shardChannels.size : clientCount(session);
      replies.push(push(shard ? 'sunsubscribe' : 'unsubscribe', NULL, count));
    }
    return replies;
  }

  unsubscribeAllPatterns(session: Session): Reply[] {
    const replies = [...session.patterns].map((pattern) => this.punsubscribe(session, pattern));
    if (replies.length === 0) replies.push(push('punsubscribe', NULL, clientCount(session)));
    return replies;
  }

  /** Drops every subscription silently (RESET, a closed connection). */
  dropAll(session: Session): void {
    for (const channel of session.channels) removeFrom(this.channels, channel, session);
    for (const channel of session.shardChannels) removeFrom(this.shardChannels, channel, session);
    for (const pattern of session.patterns) removeFrom(this.patterns, pattern, session);
    session.channels.clear();
    session.shardChannels.clear();
    session.patterns.clear();
  }

  /** Sends a message to channel subscribers, then to matching patterns; returns receivers. */
  publish(channel: string, message: string, shard = false): number {
    let receivers = 0;
    const subscribers = (shard ? this.shardChannels : this.channels).get(channel);
    if (subscribers !== undefined) {
      const reply: Reply = {
        kind: 'push',
        items: [bulk(shard ? 'smessage' : 'message'), bulk(channel), bulk(message)],
      };
      for (const session of subscribers) {
        session.deliver?.(reply);
        receivers++;
      }
    }
    if (shard) return receivers;
    for (const [pattern, sessions] of this.patterns) {
      if (!globMatch(pattern, channel)) continue;
      const reply: Reply = {
        kind: 'push',
        items: [bulk('pmessage'), bulk(pattern), bulk(channel), bulk(message)],
      };
      for (const session of sessions) {
        session.deliver?.(reply);
        receivers++;
      }
    }
    return receivers;
  }
}

/** Channels plus patterns; shard channels are counted apart (pubsub.c clientSubscriptionsCount). */
function clientCount(session: Session): number {
  return session.channels.size + session.patterns.size;
}

function push(kind: string, subject: Reply, count: number): Reply {
  return { kind: 'push', items: [bulk(kind), subject, integer(count)] };
}

function addTo(index: Map<string, Set<Session>>, name: string, session: Session): void {
  let sessions = index.get(name);
  if (sessions === undefined) index.set(name, (sessions = new Set()));
  sessions.add(session);
}

function removeFrom(index: Map<string, Set<Session>>, name: string, session: Session): void {
  const sessions = index.get(name);
  if (sessions === undefined) return;
  sessions.delete(session);
  if (sessions.size === 0) index.delete(name);
}
