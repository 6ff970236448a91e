import { describe, expect, it } from 'vitest';
import { micros, type Micros } from '../../../src/sim/core/clock.ts';
import { Trace, type TraceRecord } from '../../../src/sim/core/trace.ts';

const note = (at: number, text: string): TraceRecord => ({ type: 'note', at: micros(at), text });

describe('Trace', () => {
  it('hashes equal record streams alike and any difference apart', () => {
    const a = new Trace();
    const b = new Trace();
    const c = new Trace();
    for (const t of [a, b]) [note(1, 'x'), note(2, 'y')].forEach((r) => t.append(r));
    [note(1, 'x'), note(2, 'z')].forEach((r) => c.append(r));
    expect(a.hash()).toBe(b.hash());
    expect(a.hash()).not.toBe(c.hash());
    expect(a.hash()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells numbers apart across the one-word range and beyond, and non-integers', () => {
    const hashOf = (at: number): string => {
      const t = new Trace();
      t.append({ type: 'note', at: at as Micros, text: 'x' });
      return t.hash();
    };
    const values = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, -1, 0.5, 1.5, 2 ** 40 + 3];
    expect(new Set(values.map(hashOf)).size).toBe(values.length);
  });

  it('frames fields, so moving text between fields changes the hash', () => {
    const a = new Trace();
    const b = new Trace();
    a.append({ type: 'link', at: micros(0), a: 'ab', b: 'c', state: 'cut' });
    b.append({ type: 'link', at: micros(0), a: 'a', b: 'bc', state: 'cut' });
    expect(a.hash()).not.toBe(b.hash());
  });

  it('resumes hashing from a saved state, tells listeners, keeps a bounded ring', () => {
    const a = new Trace(2);
    const seen: string[] = [];
    a.subscribe((r) => seen.push(r.type));
    a.append(note(1, 'x'));
    const b = new Trace();
    b.setState(a.getState());
    for (const t of [a, b]) t.append(note(2, 'y'));
    a.append(note(3, 'z'));
    b.append(note(3, 'z'));
    expect(b.hash()).toBe(a.hash());
    expect(seen).toEqual(['note', 'note', 'note']);
    expect(a.recent().map((r) => r.at)).toEqual([2, 3]);
  });
});

describe('the per-request fast paths', () => {
  it('hash exactly as append() does, with or without a listener', () => {
    const fast = new Trace();
    const slow = new Trace();
    const watched = new Trace();
    const seen: TraceRecord[] = [];
    watched.subscribe((r) => seen.push(r));
    const at = 1234 as Micros;
    for (const t of [fast, watched]) {
      t.msg(at, 7, 'c1', 'redis', 'request', 9, (at + 100) as Micros);
      t.cmd(
        at,
        'redis',
        9,
        'c1',
        'SET',
        'k',
        at,
        at,
        (at + 1) as Micros,
        (at + 5) as Micros,
        'status',
      );
      t.response(at, 'c1', 9, 4_294_967_301, 'bulk');
      t.dbStart(at, 'db', 9, 'SELECT', 12);
      t.dbDone((at + 1000) as Micros, 'db', 9, 'SELECT');
    }
    slow.append({
      type: 'msg',
      at,
      id: 7,
      from: 'c1',
      to: 'redis',
      kind: 'request',
      req: 9,
      arrives: (at + 100) as Micros,
    });
    slow.append({
      type: 'cmd',
      at,
      node: 'redis',
      req: 9,
      client: 'c1',
      cmd: 'SET',
      key: 'k',
      arrived: at,
      started: at,
      finished: (at + 1) as Micros,
      replied: (at + 5) as Micros,
      reply: 'status',
    });
    slow.append({
      type: 'response',
      at,
      client: 'c1',
      req: 9,
      latency: 4_294_967_301,
      reply: 'bulk',
    });
    slow.append({ type: 'db-start', at, db: 'db', req: 9, op: 'SELECT', waited: 12 });
    slow.append({ type: 'db-done', at: (at + 1000) as Micros, db: 'db', req: 9, op: 'SELECT' });
    expect(fast.hash()).toBe(slow.hash());
    expect(watched.hash()).toBe(slow.hash());
    expect(fast.count).toBe(5);
    expect(seen.map((r) => r.type)).toEqual(['msg', 'cmd', 'response', 'db-start', 'db-done']);
  });
});
