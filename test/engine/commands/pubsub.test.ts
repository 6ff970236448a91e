import { describe, expect, it } from 'vitest';
import { encodeReply, formatReply, type Reply, type Session } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

/** An engine with two listening sessions whose delivered replies are recorded as RESP. */
function world() {
  const t = testEngine();
  const inbox = new Map<Session, string[]>();
  const listen = (s: Session) => {
    const box: string[] = [];
    inbox.set(s, box);
    s.deliver = (r: Reply) => box.push(encodeReply(r, s.protocol));
    return box;
  };
  const a = t.engine.createSession();
  const b = t.engine.createSession();
  const boxA = listen(a);
  const boxB = listen(b);
  const as = (s: Session, ...argv: string[]) => t.engine.execute(s, argv)!;
  return { ...t, a, b, boxA, boxB, as };
}

const msg = (channel: string, text: string) =>
  `*3\r\n$7\r\nmessage\r\n$${channel.length}\r\n${channel}\r\n$${text.length}\r\n${text}\r\n`;

describe('pub/sub', () => {
  it('delivers a message to each subscriber in subscription order and counts receivers', () => {
    const { a, b, boxA, boxB, as, cli } = world();
    expect(formatReply(as(a, 'SUBSCRIBE', 'news'))).toBe(
      '1) "subscribe"\n2) "news"\n3) (integer) 1',
    );
    as(b, 'SUBSCRIBE', 'news');
    expect(cli('PUBLISH', 'news', 'hi')).toBe('(integer) 2');
    expect(cli('PUBLISH', 'nobody', 'hi')).toBe('(integer) 0');
    expect(boxA).toEqual([msg('news', 'hi')]);
    expect(boxB).toEqual([msg('news', 'hi')]);
  });

  it('confirms each channel of a multi-channel SUBSCRIBE, earlier ones through deliver', () => {
    const { a, boxA, as } = world();
    const last = as(a, 'SUBSCRIBE', 'x', 'y', 'x');
    expect(boxA.map((r) => r.split('\r\n')[4])).toEqual(['x', 'y']);
    expect(encodeReply(last, 2)).toBe('*3\r\n$9\r\nsubscribe\r\n$1\r\nx\r\n:2\r\n');
  });

  it('still sends (un)subscribe confirmations under CLIENT REPLY OFF, but not other replies', () => {
    const { a, as } = world();
    const sent = (...argv: string[]): boolean => {
      const reply = as(a, ...argv);
      return a.consumeReplyPermission(reply);
    };
    expect(sent('CLIENT', 'REPLY', 'OFF')).toBe(false);
    expect(sent('SUBSCRIBE', 'news')).toBe(true);
    expect(sent('PING')).toBe(false);
    expect(sent('UNSUBSCRIBE', 'news')).toBe(true);
    expect(sent('GET', 'k')).toBe(false);
  });

  it('sends pattern messages with the pattern and the channel', () => {
    const { a, boxA, as, cli } = world();
    expect(formatReply(as(a, 'PSUBSCRIBE', 'n*'))).toBe('1) "psubscribe"\n2) "n*"\n3) (integer) 1');
    as(a, 'SUBSCRIBE', 'news');
    expect(cli('PUBLISH', 'news', 'hi')).toBe('(integer) 2');
    expect(boxA).toEqual([
      msg('news', 'hi'),
      '*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$2\r\nhi\r\n',
    ]);
  });

  it('uses RESP3 push replies after HELLO 3', () => {
    const { a, boxA, as, cli } = world();
    as(a, 'HELLO', '3');
    expect(encodeReply(as(a, 'SUBSCRIBE', 'c'), 3)).toBe(
      '>3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n',
    );
    cli('PUBLISH', 'c', 'm');
    expect(boxA).toEqual(['>3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n']);
    // RESP3 connections keep every command while subscribed.
    expect(formatReply(as(a, 'GET', 'k'))).toBe('(nil)');
  });

  it('limits a subscribed RESP2 connection to the pub/sub commands, PING, QUIT and RESET', () => {
    const { a, as } = world();
    as(a, 'SUBSCRIBE', 'c');
    expect(formatReply(as(a, 'GET', 'k'))).toBe(
      "(error) ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
    );
    expect(formatReply(as(a, 'CLIENT', 'ID'))).toContain("Can't execute 'client|id'");
    expect(formatReply(as(a, 'PING'))).toBe('1) "pong"\n2) ""');
    expect(formatReply(as(a, 'PING', 'x'))).toBe('1) "pong"\n2) "x"');
    expect(formatReply(as(a, 'UNSUBSCRIBE'))).toBe('1) "unsubscribe"\n2) "c"\n3) (integer) 0');
    expect(formatReply(as(a, 'PING'))).toBe('PONG');
    expect(formatReply(as(a, 'GET', 'k'))).toBe('(nil)');
  });

  it('answers UNSUBSCRIBE and PUNSUBSCRIBE with no subscriptions with a nil channel and 0', () => {
    const { a, as } = world();
    expect(encodeReply(as(a, 'UNSUBSCRIBE'), 2)).toBe('*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n');
    expect(encodeReply(as(a, 'PUNSUBSCRIBE'), 2)).toBe(
      '*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n',
    );
    expect(formatReply(as(a, 'UNSUBSCRIBE', 'never'))).toBe(
      '1) "unsubscribe"\n2) "never"\n3) (integer) 0',
    );
  });

  it('unsubscribes from everything, one confirmation a channel, counting down', () => {
    const { a, boxA, as } = world();
    as(a, 'SUBSCRIBE', 'x', 'y', 'z');
    as(a, 'PSUBSCRIBE', 'p*');
    boxA.length = 0;
    const last = as(a, 'UNSUBSCRIBE');
    expect(boxA.map((r) => r.split('\r\n').slice(4, 6).join(' '))).toEqual(['x :3', 'y :2']);
    expect(formatReply(last)).toBe('1) "unsubscribe"\n2) "z"\n3) (integer) 1');
  });

  it('counts channels and patterns with PUBSUB', () => {
    const { a, b, as, cli, engine } = world();
    as(a, 'SUBSCRIBE', 'x', 'y');
    as(b, 'SUBSCRIBE', 'x');
    as(b, 'PSUBSCRIBE', 'a*', 'b*');
    as(a, 'PSUBSCRIBE', 'a*');
    expect(cli('PUBSUB', 'CHANNELS')).toBe('1) "x"\n2) "y"');
    expect(cli('PUBSUB', 'CHANNELS', 'y*')).toBe('1) "y"');
    expect(cli('PUBSUB', 'NUMSUB', 'x', 'y', 'z')).toBe(
      '1) "x"\n2) (integer) 2\n3) "y"\n4) (integer) 1\n5) "z"\n6) (integer) 0',
    );
    expect(cli('PUBSUB', 'NUMPAT')).toBe('(integer) 2');
    expect(cli('PUBSUB', 'NUMSUB')).toBe('(empty array)');
    expect(cli('PUBSUB', 'CHANNELS', 'a', 'b')).toBe(
      "(error) ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.",
    );
    expect(cli('PUBSUB', 'foo')).toBe("(error) ERR unknown subcommand 'foo'. Try PUBSUB HELP.");
    engine.closeSession(b);
    expect(cli('PUBSUB', 'NUMPAT')).toBe('(integer) 1');
    expect(cli('PUBLISH', 'x', 'm')).toBe('(integer) 1');
  });

  it('RESET leaves subscribed mode and drops subscriptions', () => {
    const { a, as, cli } = world();
    as(a, 'SUBSCRIBE', 'x');
    expect(formatReply(as(a, 'RESET'))).toBe('RESET');
    expect(cli('PUBLISH', 'x', 'm')).toBe('(integer) 0');
    expect(formatReply(as(a, 'GET', 'k'))).toBe('(nil)');
  });
});
