import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/index.ts';
import {
  applyCompletion,
  completions,
  createCommandHelpStore,
  helpFor,
} from '../../src/store/command-help-store.ts';
import { createConsoleStore } from '../../src/store/console-store.ts';
import {
  bitmapKeysOf,
  createKeyspaceStore,
  followConsole,
  keyId,
  type KeyspaceTimers,
} from '../../src/store/keyspace-store.ts';
import { commandHelp } from '../../src/worker/command-help.ts';
import { ConsoleSession } from '../../src/worker/console-session.ts';

/**
 * A console and its explorer on one in-process session, with a hand-moved wall clock whose
 * timers fire as the test advances it.
 */
function explorer() {
  const clock = new ManualClock(1_700_000_000_000 * 1000);
  const session = new ConsoleSession(clock, 1);
  const now = () => clock.nowMicros() / 1000;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let ids = 0;
  const fakeTimers: KeyspaceTimers = {
    now,
    setTimeout: (run, ms) => {
      const id = ++ids;
      timers.push({ at: now() + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  let describeCalls = 0;
  const backend = {
    runCommand: (line: string) => session.run(line),
    snapshot: () => session.snapshot(),
    restore: () => undefined,
    reset: () => undefined,
    describeKeyspace: () => {
      describeCalls++;
      return session.describe();
    },
  };
  const console1 = createConsoleStore('data-types', backend, null);
  const keyspace = createKeyspaceStore(backend, fakeTimers);
  const unfollow = followConsole(console1, keyspace);
  /** Moves the clock on, firing due timers in order, letting each refresh settle. */
  const advance = async (ms: number): Promise<void> => {
    const end = now() + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (next === undefined || next.at > end) break;
      timers = timers.slice(1);
      clock.set(Math.max(now(), next.at) * 1000);
      next.run();
      await settle();
    }
    clock.set(end * 1000);
  };
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const type = async (line: string) => {
    await console1.getState().submit(line);
    await settle();
  };
  const keys = () => keyspace.getState().view?.keys.map((k) => k.key) ?? [];
  return {
    console1,
    keyspace,
    advance,
    type,
    keys,
    pending: () => timers.length,
    describeCalls: () => describeCalls,
    unfollow,
  };
}

describe('the keyspace store', () => {
  it('draws the keyspace again after every command, in the selected database', async () => {
    const e = explorer();
    await e.console1.getState().init();
    await e.type('RPUSH l a b c');
    expect(e.keys()).toEqual(['l']);
    const list = e.keyspace.getState().view!.keys[0]!;
    expect(list).toMatchObject({ type: 'list', head: ['a', 'b', 'c'] });
    await e.type('SELECT 1');
    expect(e.keyspace.getState().view?.db).toBe(1);
    expect(e.keys()).toEqual([]);
    await e.type('SELECT 0');
    await e.type('DEL l');
    expect(e.keys()).toEqual([]);
  });

  it('follows a TTL on the wall clock and drops the key once it has expired', async () => {
    const e = explorer();
    await e.console1.getState().init();
    await e.type('SET k v EX 2');
    await e.type('SET keep v');
    expect(e.keys()).toEqual(['k', 'keep']);
    await e.advance(1000);
    expect(e.keys()).toEqual(['k', 'keep']);
    await e.advance(1100);
    // No command was typed: the store asked again when the TTL fell due.
    expect(e.keys()).toEqual(['keep']);
    // With no TTL left, it stops asking.
    expect(e.pending()).toBe(0);
    const calls = e.describeCalls();
    await e.advance(10_000);
    expect(e.describeCalls()).toBe(calls);
  });

  it('stops polling when stopped', async () => {
    const e = explorer();
    await e.console1.getState().init();
    await e.type('SET k v EX 100');
    expect(e.pending()).toBe(1);
    e.keyspace.getState().stop();
    expect(e.pending()).toBe(0);
  });

  it('remembers which strings were used as bitmaps, per database', async () => {
    const e = explorer();
    await e.console1.getState().init();
    await e.type('SETBIT visits 7 1');
    await e.type('SET name ann');
    await e.type('BITOP OR both visits name');
    expect(e.keyspace.getState().bitmapKeys).toEqual([
      keyId(0, 'visits'),
      keyId(0, 'both'),
      keyId(0, 'name'),
    ]);
    e.keyspace.getState().toggleBits(0, 'name');
    expect(e.keyspace.getState().bitsToggled).toEqual(['0:name']);
    e.keyspace.getState().toggleBits(0, 'name');
    expect(e.keyspace.getState().bitsToggled).toEqual([]);
    expect(bitmapKeysOf('getbit k 3')).toEqual(['k']);
    expect(bitmapKeysOf('GET k')).toEqual([]);
  });
});

describe('command help as you type', () => {
  const commands = commandHelp();

  it('completes command names from what is typed, and subcommands after a container', () => {
    const names = (line: string) => completions(commands, line).map((c) => c.name);
    expect(names('LPU')).toEqual(['LPUSH', 'LPUSHX']);
    expect(names('lpu')).toEqual(['LPUSH', 'LPUSHX']);
    expect(names('CONFIG ')).toContain('CONFIG GET');
    expect(names('config g')).toEqual(['CONFIG GET']);
    expect(names('LPUSH ')).toEqual([]);
    expect(names('LPUSH k a')).toEqual([]);
    expect(names('')).toEqual([]);
  });

  it('shows the help of the command being typed', () => {
    expect(helpFor(commands, 'zadd z 1 a')?.syntax).toBe(
      'ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]',
    );
    expect(helpFor(commands, 'config get maxmemory')?.name).toBe('CONFIG GET');
    expect(helpFor(commands, 'NOPE')).toBeUndefined();
  });

  it('puts the chosen name in the line and keeps the arguments', () => {
    const lpush = commands.find((c) => c.name === 'LPUSH')!;
    expect(applyCompletion('lpu', lpush)).toBe('LPUSH ');
    const get = commands.find((c) => c.name === 'CONFIG GET')!;
    expect(applyCompletion('config g', get)).toBe('CONFIG GET ');
  });

  it('loads the help once from the worker', async () => {
    let calls = 0;
    const store = createCommandHelpStore({
      commandHelp: () => {
        calls++;
        return commands;
      },
    });
    await Promise.all([store.getState().load(), store.getState().load()]);
    expect(store.getState().commands.length).toBe(commands.length);
    expect(calls).toBe(1);
  });
});
