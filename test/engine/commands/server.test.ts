import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine.ts';

function text(reply: { kind: string; value?: unknown }): string {
  return typeof reply.value === 'string' ? reply.value : '';
}

describe('server commands', () => {
  it('TIME reads the injected clock', () => {
    const t = testEngine(1_700_000_000_123);
    t.clock.advanceMs(0.456);
    expect(t.cli('TIME')).toBe('1) "1700000000"\n2) "123456"');
  });

  it('OBJECT IDLETIME grows with the clock and a read resets it', () => {
    const t = testEngine();
    t.run('SET', 'k', 'v');
    t.clock.advanceMs(12_000);
    expect(t.cli('OBJECT', 'IDLETIME', 'k')).toBe('(integer) 12');
    // OBJECT itself does not touch the key (LOOKUP_NOTOUCH).
    expect(t.cli('OBJECT', 'IDLETIME', 'k')).toBe('(integer) 12');
    t.run('GET', 'k');
    expect(t.cli('OBJECT', 'IDLETIME', 'k')).toBe('(integer) 0');
    expect(t.cli('OBJECT', 'IDLETIME', 'missing')).toBe('(nil)');
  });

  it('OBJECT FREQ counts logarithmically under LFU and decays with time', () => {
    const t = testEngine();
    t.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    t.run('SET', 'k', 'v');
    expect(t.cli('OBJECT', 'FREQ', 'k')).toBe('(integer) 5');
    t.run('GET', 'k');
    expect(t.cli('OBJECT', 'FREQ', 'k')).toBe('(integer) 6');
    for (let i = 0; i < 1000; i++) t.run('GET', 'k');
    const freq = Number(t.cli('OBJECT', 'FREQ', 'k').slice(10));
    // With lfu-log-factor 10, a thousand hits land around 18-20, far from 255.
    expect(freq).toBeGreaterThan(10);
    expect(freq).toBeLessThan(30);
    t.clock.advanceMs(5 * 60_000);
    expect(t.cli('OBJECT', 'FREQ', 'k')).toBe(`(integer) ${freq - 5}`);
    expect(t.cli('OBJECT', 'IDLETIME', 'k')).toContain('An LFU maxmemory policy is selected');
    t.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    expect(t.cli('OBJECT', 'FREQ', 'k')).toContain('An LFU maxmemory policy is not selected');
  });

  it('OBJECT ENCODING and REFCOUNT of strings', () => {
    const t = testEngine();
    t.run('SET', 'i', '42');
    t.run('SET', 'big', '123456');
    t.run('SET', 'e', 'x'.repeat(44));
    t.run('SET', 'r', 'x'.repeat(45));
    expect(t.cli('OBJECT', 'ENCODING', 'i')).toBe('"int"');
    expect(t.cli('OBJECT', 'ENCODING', 'e')).toBe('"embstr"');
    expect(t.cli('OBJECT', 'ENCODING', 'r')).toBe('"raw"');
    expect(t.cli('OBJECT', 'REFCOUNT', 'i')).toBe('(integer) 2147483647');
    expect(t.cli('OBJECT', 'REFCOUNT', 'big')).toBe('(integer) 1');
    expect(t.cli('OBJECT', 'NOPE', 'i')).toBe(
      "(error) ERR unknown subcommand 'NOPE'. Try OBJECT HELP.",
    );
  });

  it('keyspace hits and misses count reads only', () => {
    const t = testEngine();
    t.run('SET', 'k', 'v');
    t.run('GET', 'k');
    t.run('GET', 'nope');
    t.run('SET', 'other', 'v');
    const stats = text(t.run('INFO', 'stats'));
    expect(stats).toContain('keyspace_hits:1\r\n');
    expect(stats).toContain('keyspace_misses:1\r\n');
    t.run('CONFIG', 'RESETSTAT');
    expect(text(t.run('INFO', 'stats'))).toContain('keyspace_hits:0\r\n');
  });

  it('SLOWLOG records the service time the host states', () => {
    const t = testEngine();
    t.engine.serviceTime = (ctx, _reply, measured) =>
      ctx.spec.name === 'keys' ? 35_000 : measured;
    t.run('KEYS', '*');
    t.run('GET', 'k');
    expect(t.engine.lastServiceMicros).toBe(0);
    const log = t.run('SLOWLOG', 'GET');
    expect(log.kind).toBe('array');
    expect(t.cli('SLOWLOG', 'LEN')).toBe('(integer) 1');
    expect(t.cli('SLOWLOG', 'GET')).toContain('3) (integer) 35000');
    expect(t.cli('SLOWLOG', 'GET')).toContain('1) "KEYS"');
    expect(t.cli('SLOWLOG', 'RESET')).toBe('OK');
    expect(t.cli('SLOWLOG', 'LEN')).toBe('(integer) 0');
  });

  it('SLOWLOG truncates long argument lists and long arguments as Redis does', () => {
    const t = testEngine();
    t.run('CONFIG', 'SET', 'slowlog-log-slower-than', '0');
    t.run('SLOWLOG', 'RESET');
    const argv = ['EXISTS', ...Array.from({ length: 40 }, (_, i) => `key${i}`)];
    argv[1] = 'x'.repeat(200);
    t.run(...argv);
    const out = t.cli('SLOWLOG', 'GET', '1');
    expect(out).toContain(`"${'x'.repeat(128)}... (72 more bytes)"`);
    expect(out).toContain('32) "... (10 more arguments)"');
    expect(t.cli('SLOWLOG', 'GET', '-2')).toBe(
      '(error) ERR count should be greater than or equal to -1',
    );
  });

  it('DEBUG SLEEP is refused by default and, when enabled, is the command service time', () => {
    const t = testEngine();
    expect(t.cli('DEBUG', 'SLEEP', '0.5')).toContain('ERR DEBUG command not allowed');
    t.engine.config['enable-debug-command'] = 'local';
    expect(t.cli('DEBUG', 'SLEEP', '0.5')).toBe('OK');
    expect(t.engine.lastServiceMicros).toBe(500_000);
    expect(t.cli('SLOWLOG', 'GET', '1')).toContain('(integer) 500000');
    expect(t.cli('DEBUG', 'FROB')).toBe(
      "(error) ERR unknown subcommand or wrong number of arguments for 'FROB'. Try DEBUG HELP.",
    );
  });

  it('INFO lets a host restate a section', () => {
    const t = testEngine();
    t.engine.infoProvider = (section, fields) =>
      section === 'replication'
        ? [
            ['role', 'slave'],
            ['master_host', '10.0.0.1'],
          ]
        : fields.map(([k, v]) => (k === 'rdb_bgsave_in_progress' ? [k, 1] : [k, v]));
    const out = text(t.run('INFO'));
    expect(out).toContain('# Replication\r\nrole:slave\r\nmaster_host:10.0.0.1\r\n');
    expect(out).toContain('rdb_bgsave_in_progress:1\r\n');
  });

  it('INFO picks sections in Redis order whatever the order asked', () => {
    const t = testEngine();
    const out = text(t.run('INFO', 'keyspace', 'SERVER'));
    expect(out.startsWith('# Server\r\nredis_version:7.0.15\r\n')).toBe(true);
    expect(out.indexOf('# Keyspace')).toBeGreaterThan(0);
    expect(text(t.run('INFO', 'nosuchsection'))).toBe('');
  });

  it('CONFIG SET validates every pair before changing any', () => {
    const t = testEngine();
    expect(t.cli('CONFIG', 'SET', 'maxmemory', '10mb', 'maxmemory-samples', '0')).toContain(
      "argument 'maxmemory-samples') - argument must be between 1 and 2147483647 inclusive",
    );
    expect(t.cli('CONFIG', 'GET', 'maxmemory')).toBe('1) "maxmemory"\n2) "0"');
    expect(t.cli('CONFIG', 'SET', 'maxmemory', '10mb', 'hz', '1000')).toBe('OK');
    expect(t.engine.config.maxmemory).toBe(10 * 1024 * 1024);
    expect(t.engine.config.hz).toBe(500);
  });

  it('the OOM check sits in the dispatcher and respects denyoom', () => {
    const t = testEngine();
    t.run('SET', 'k', 'v');
    t.run('CONFIG', 'SET', 'maxmemory', '1');
    expect(t.cli('SET', 'k2', 'v')).toBe(
      "(error) OOM command not allowed when used memory > 'maxmemory'.",
    );
    expect(t.cli('GET', 'k')).toBe('"v"');
    expect(text(t.run('INFO', 'errorstats'))).toContain('errorstat_OOM:count=1');
  });
});
