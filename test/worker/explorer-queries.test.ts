import { describe, expect, it } from 'vitest';
import { ManualClock, commandList } from '../../src/engine/index.ts';
import { commandHelp } from '../../src/worker/command-help.ts';
import { ConsoleSession } from '../../src/worker/console-session.ts';

function session() {
  const clock = new ManualClock(1_700_000_000_000 * 1000);
  const console1 = new ConsoleSession(clock, 1);
  const run = (line: string): string => {
    const out = console1.run(line);
    if (out instanceof Promise) throw new Error(`${line} blocked`);
    return out.text;
  };
  return { clock, console1, run };
}

describe('the explorer queries of the console worker', () => {
  it('describes the database the console has selected', () => {
    const { console1, run } = session();
    run('SET a 1');
    run('SELECT 2');
    run('RPUSH l x y');
    const view = console1.describe();
    expect(view.db).toBe(2);
    expect(view.keys.map((k) => [k.key, k.type])).toEqual([['l', 'list']]);
  });

  it('frees an expired key the way serverCron would, without a command touching it', () => {
    const { clock, console1, run } = session();
    run('SET k v EX 2');
    run('SET keep v');
    expect(console1.describe().keys.map((k) => k.key)).toEqual(['k', 'keep']);
    clock.advanceMs(2001);
    expect(console1.describe().keys.map((k) => k.key)).toEqual(['keep']);
    // The active cycle counted it as expired: no GET was needed for it to go.
    expect(run('INFO stats')).toMatch(/expired_keys:1\r?\n/);
    expect(run('DBSIZE')).toBe('(integer) 1');
  });

  it('gives help for every command, with the syntax of the Redis docs', () => {
    const help = commandHelp();
    expect(help.length).toBeGreaterThanOrEqual(commandList.length);
    for (const spec of commandList) {
      const row = help.find((h) => h.name === spec.name.toUpperCase());
      expect(row?.syntax.startsWith(spec.name.toUpperCase())).toBe(true);
    }
    expect(help.find((h) => h.name === 'LPUSH')).toMatchObject({
      syntax: 'LPUSH key element [element ...]',
      summary: 'Prepend one or multiple elements to a list',
      since: '1.0.0',
      group: 'list',
    });
    expect(help.find((h) => h.name === 'CONFIG GET')?.syntax).toBe(
      'CONFIG GET parameter [parameter ...]',
    );
    const names = help.map((h) => h.name);
    expect(names).toEqual([...names].sort());
  });
});
