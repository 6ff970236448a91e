import { describe, expect, it } from 'vitest';
import { encodeReply, formatReply } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

describe('HELLO', () => {
  it('switches the protocol and describes the server like Redis 7.0.15', () => {
    const { run, session } = testEngine();
    const reply = run('HELLO', '3');
    expect(session.protocol).toBe(3);
    expect(encodeReply(reply, 3)).toBe(
      '%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n' +
        `$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:${session.id}\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n` +
        '$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n',
    );
    run('HELLO', '2');
    expect(session.protocol).toBe(2);
    expect(run('HELLO').kind).toBe('map');
  });

  it('refuses unknown versions and options with the errors of Redis', () => {
    const { cli, session } = testEngine();
    expect(cli('HELLO', '4')).toBe('(error) NOPROTO unsupported protocol version');
    expect(cli('HELLO', '1')).toBe('(error) NOPROTO unsupported protocol version');
    expect(cli('HELLO', 'x')).toBe(
      '(error) ERR Protocol version is not an integer or out of range',
    );
    expect(cli('HELLO', '3', 'foo')).toBe("(error) ERR Syntax error in HELLO option 'foo'");
    expect(cli('HELLO', '3', 'SETNAME')).toBe("(error) ERR Syntax error in HELLO option 'SETNAME'");
    expect(cli('HELLO', '3', 'AUTH', 'bob', 'pw')).toBe(
      '(error) WRONGPASS invalid username-password pair or user is disabled.',
    );
    expect(cli('HELLO', '3', 'SETNAME', 'a b')).toBe(
      '(error) ERR Client names cannot contain spaces, newlines or special characters.',
    );
    expect(session.protocol).toBe(2);
  });

  it('accepts AUTH default and SETNAME options', () => {
    const { cli, run } = testEngine();
    expect(run('HELLO', '3', 'AUTH', 'default', 'any', 'SETNAME', 'me').kind).toBe('map');
    expect(cli('CLIENT', 'GETNAME')).toBe('"me"');
  });
});

describe('CLIENT', () => {
  it('names a connection within the allowed characters', () => {
    const { cli } = testEngine();
    expect(cli('CLIENT', 'GETNAME')).toBe('(nil)');
    expect(cli('CLIENT', 'SETNAME', 'worker-1')).toBe('OK');
    expect(cli('CLIENT', 'GETNAME')).toBe('"worker-1"');
    expect(cli('CLIENT', 'SETNAME', 'a\nb')).toBe(
      '(error) ERR Client names cannot contain spaces, newlines or special characters.',
    );
    expect(cli('CLIENT', 'SETNAME', '')).toBe('OK');
    expect(cli('CLIENT', 'GETNAME')).toBe('(nil)');
  });

  it('checks subcommands and their arity before running them', () => {
    const { cli } = testEngine();
    expect(cli('CLIENT')).toBe("(error) ERR wrong number of arguments for 'client' command");
    expect(cli('client', 'foo')).toBe("(error) ERR unknown subcommand 'foo'. Try CLIENT HELP.");
    expect(cli('CLIENT', 'GETNAME', 'x')).toBe(
      "(error) ERR wrong number of arguments for 'client|getname' command",
    );
    expect(cli('CLIENT', 'LIST', 'x')).toBe('(error) ERR syntax error');
    expect(cli('CLIENT', 'LIST', 'TYPE', 'foo')).toBe("(error) ERR Unknown client type 'foo'");
    expect(cli('CLIENT', 'LIST', 'ID', 'abc')).toBe('(error) ERR Invalid client ID');
  });

  it('lists every session with its id, name, db, flags and last command', () => {
    const { engine, cli, session, clock } = testEngine();
    const other = engine.createSession({ addr: '10.0.0.2:5000', laddr: '127.0.0.1:6379', fd: 9 });
    engine.execute(other, ['CLIENT', 'SETNAME', 'bob']);
    engine.execute(other, ['MULTI']);
    clock.advanceMs(3000);
    expect(cli('CLIENT', 'ID')).toBe(`(integer) ${session.id}`);
    const reply = engine.execute(session, ['CLIENT', 'LIST'])!;
    const list = (reply.kind === 'verbatim' ? reply.value : '').split('\n');
    expect(list).toHaveLength(3);
    expect(list[2]).toBe('');
    expect(list[0]).toMatch(
      new RegExp(
        `^id=${session.id} addr=\\S+ laddr=\\S+ fd=\\d+ name= age=3 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 .* cmd=client\\|list user=default redir=-1 resp=2$`,
      ),
    );
    expect(list[1]).toMatch(
      new RegExp(
        `^id=${other.id} addr=10.0.0.2:5000 laddr=127.0.0.1:6379 fd=9 name=bob age=3 idle=3 flags=x db=0 .* multi=0 .* cmd=multi `,
      ),
    );
    expect(
      formatReply(engine.execute(session, ['CLIENT', 'LIST', 'ID', String(other.id)])!),
    ).toContain('name=bob');
    expect(formatReply(engine.execute(session, ['CLIENT', 'INFO'])!)).toContain(
      `id=${session.id} `,
    );
  });

  it('kills another connection by ID or ADDR through the host callback', () => {
    const { engine, cli } = testEngine();
    const killed: number[] = [];
    const b = engine.createSession({ addr: '10.0.0.2:5000' });
    const c = engine.createSession({ addr: '10.0.0.3:5000' });
    b.kill = () => killed.push(b.id);
    c.kill = () => killed.push(c.id);
    expect(cli('CLIENT', 'KILL', 'ID', String(b.id))).toBe('(integer) 1');
    expect(cli('CLIENT', 'KILL', 'ID', String(b.id))).toBe('(integer) 0');
    expect(cli('CLIENT', 'KILL', '10.0.0.9:1')).toBe('(error) ERR No such client');
    expect(cli('CLIENT', 'KILL', '10.0.0.3:5000')).toBe('OK');
    expect(killed).toEqual([b.id, c.id]);
    expect(engine.sessions.size).toBe(1);
    expect(cli('CLIENT', 'KILL', 'ID', '0')).toBe('(error) ERR client-id should be greater than 0');
    // Three arguments is the old CLIENT KILL <addr> form.
    expect(cli('CLIENT', 'KILL', 'ID')).toBe('(error) ERR No such client');
    expect(cli('CLIENT', 'KILL', 'ID', '1', 'SKIPME')).toBe('(error) ERR syntax error');
    expect(cli('CLIENT', 'KILL', 'FOO', 'bar')).toBe('(error) ERR syntax error');
  });

  it('closes the caller after the reply when it kills itself', () => {
    const { engine, cli, session } = testEngine();
    expect(cli('CLIENT', 'KILL', 'ID', String(session.id))).toBe('(integer) 0');
    expect(cli('CLIENT', 'KILL', 'ID', String(session.id), 'SKIPME', 'no')).toBe('(integer) 1');
    expect(session.closeAfterReply).toBe(true);
    void engine;
  });
});

describe('QUIT and RESET', () => {
  it('QUIT replies OK and asks the host to close', () => {
    const { cli, session } = testEngine();
    expect(cli('QUIT')).toBe('OK');
    expect(session.closeAfterReply).toBe(true);
  });

  it('RESET clears MULTI, watches, database, protocol and name', () => {
    const { cli, run, session, engine } = testEngine();
    const other = engine.createSession();
    cli('CLIENT', 'SETNAME', 'x');
    run('HELLO', '3');
    session.db = 3;
    cli('WATCH', 'k');
    cli('MULTI');
    cli('SET', 'a', '1');
    expect(cli('RESET')).toBe('RESET');
    expect(session.protocol).toBe(2);
    expect(session.db).toBe(0);
    expect(session.multi).toBeUndefined();
    expect(cli('CLIENT', 'GETNAME')).toBe('(nil)');
    engine.execute(other, ['SET', 'k', 'v']);
    cli('MULTI');
    cli('PING');
    expect(cli('EXEC')).toBe('1) PONG');
  });
});
