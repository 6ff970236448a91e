import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine.ts';

/** INFO's text, as the bulk reply carries it. */
function info(t: ReturnType<typeof testEngine>, section: string): string {
  const reply = t.run('INFO', section);
  return reply.kind === 'verbatim' || reply.kind === 'bulk' ? reply.value : '';
}

describe('active expire cycle', () => {
  it('removes expired keys nobody touches and leaves the others', () => {
    const t = testEngine();
    for (let i = 0; i < 1000; i++) t.run('SET', `tmp${i}`, 'v', 'PX', '100');
    for (let i = 0; i < 100; i++) t.run('SET', `keep${i}`, 'v');
    for (let i = 0; i < 100; i++) t.run('SET', `later${i}`, 'v', 'EX', '1000');
    t.clock.advanceMs(200);
    t.engine.activeExpireCycle('slow');
    const db = t.engine.dbs[0]!;
    expect(db.size).toBe(200);
    expect(db.expires.size).toBe(100);
    expect(info(t, 'stats')).toContain('expired_keys:1000\r\n');
    expect(info(t, 'keyspace')).toMatch(/db0:keys=200,expires=100,avg_ttl=\d+/);
  });

  it('stops at its time budget when each key costs time', () => {
    const t = testEngine();
    for (let i = 0; i < 5000; i++) t.run('SET', `tmp${i}`, 'v', 'PX', '100');
    t.clock.advanceMs(200);
    // 25% of a 100 ms tick at hz 10: 25 ms; at 1 ms a key that is about 320 keys.
    const result = t.engine.activeExpireCycle('slow', { microsPerKey: 1000 });
    expect(result.timeLimitHit).toBe(true);
    expect(result.expired).toBeLessThan(1000);
    expect(t.engine.dbs[0]!.size).toBe(5000 - result.expired);
    expect(info(t, 'stats')).toContain('expired_time_cap_reached_count:1\r\n');
    // Repeated ticks finish the job.
    for (let i = 0; i < 50 && t.engine.dbs[0]!.size > 0; i++) {
      t.engine.activeExpireCycle('slow', { microsPerKey: 1000 });
    }
    expect(t.engine.dbs[0]!.size).toBe(0);
  });

  it('a fast cycle only runs after a slow one ran out of time', () => {
    const t = testEngine();
    for (let i = 0; i < 100; i++) t.run('SET', `tmp${i}`, 'v', 'PX', '100');
    t.clock.advanceMs(200);
    expect(t.engine.activeExpireCycle('fast').sampled).toBe(0);
    expect(t.engine.activeExpireCycle('slow').expired).toBe(100);
  });

  it('DEBUG SET-ACTIVE-EXPIRE 0 turns the cycle off', () => {
    const t = testEngine();
    t.engine.config['enable-debug-command'] = 'yes';
    t.run('SET', 'k', 'v', 'PX', '10');
    expect(t.cli('DEBUG', 'SET-ACTIVE-EXPIRE', '0')).toBe('OK');
    t.clock.advanceMs(50);
    t.engine.activeExpireCycle('slow');
    expect(t.engine.dbs[0]!.keys.has('k')).toBe(true);
    t.run('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
    t.engine.activeExpireCycle('slow');
    expect(t.engine.dbs[0]!.keys.has('k')).toBe(false);
  });
});
