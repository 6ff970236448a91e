import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { Persistence } from '../../src/persist/database.ts';
import type { ChangeNotice } from '../../src/persist/versioned.ts';

let n = 0;
const opened: Persistence[] = [];
/** Two Persistence objects on one database name are two tabs of the same origin. */
function tabs(): [Persistence, Persistence] {
  n += 1;
  const a = new Persistence(`versioned-test-${n}`);
  const b = new Persistence(`versioned-test-${n}`);
  opened.push(a, b);
  return [a, b];
}

afterEach(() => {
  for (const p of opened.splice(0)) p.close();
});

describe('two tabs never overwrite each other blindly', () => {
  it('the second writer over the same revision gets a conflict with the first one', async () => {
    const [a, b] = tabs();
    expect(await a.writeVersioned('scenes', 'cache', { seed: 1 }, 0)).toEqual({ ok: true, rev: 1 });
    const seenByB = await b.readVersioned('scenes', 'cache');
    expect(seenByB?.data).toEqual({ seed: 1 });

    expect(await a.writeVersioned('scenes', 'cache', { seed: 2 }, 1)).toEqual({ ok: true, rev: 2 });
    const late = await b.writeVersioned('scenes', 'cache', { seed: 3 }, seenByB!.rev);
    expect(late.ok).toBe(false);
    if (!late.ok && late.kind === 'conflict') {
      expect(late.theirs.data).toEqual({ seed: 2 });
      expect(late.theirs.tab).toBe(a.tab);
    } else {
      throw new Error(`expected a conflict, got ${JSON.stringify(late)}`);
    }
    // Nothing of B's was written: A's record stands.
    expect((await a.readVersioned('scenes', 'cache'))?.data).toEqual({ seed: 2 });
  });

  it('a first save from two tabs at once: one wins, the other is told', async () => {
    const [a, b] = tabs();
    const [ra, rb] = await Promise.all([
      a.writeVersioned('settings', 'app', { lang: 'en' }, 0),
      b.writeVersioned('settings', 'app', { lang: 'ko' }, 0),
    ]);
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1);
  });

  it('tells the other tab, not the writer, that a record changed', async () => {
    const [a, b] = tabs();
    const toA: ChangeNotice[] = [];
    const toB: ChangeNotice[] = [];
    const offA = a.onChange((c) => toA.push(c));
    const offB = b.onChange((c) => toB.push(c));
    await a.writeVersioned('scenes', 'memory', { step: 2 }, 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(toB).toEqual([{ store: 'scenes', key: 'memory', rev: 1, tab: a.tab }]);
    expect(toA).toEqual([]);
    offA();
    offB();
  });

  it('"Reset everything" empties every store', async () => {
    const [a] = tabs();
    await a.writeVersioned('scenes', 'cache', { seed: 1 }, 0);
    await a.writeVersioned('settings', 'app', { theme: 'dark' }, 0);
    await a.clearEverything();
    expect(await a.readVersioned('scenes', 'cache')).toBeNull();
    expect(await a.readVersioned('settings', 'app')).toBeNull();
  });
});

describe('upgrading the database keeps what was saved', () => {
  it('a version-1 database keeps its consoles and gains the new stores', async () => {
    const name = 'versioned-upgrade';
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('consoles');
      },
    });
    await v1.put('consoles', { version: 1, kept: true }, 'data-types');
    v1.close();

    const p = new Persistence(name);
    opened.push(p);
    expect(await p.writeVersioned('scenes', 'cache', { seed: 9 }, 0)).toEqual({ ok: true, rev: 1 });
    const db = await openDB(name);
    expect(await db.get('consoles', 'data-types')).toEqual({ version: 1, kept: true });
    db.close();
  });
});

describe('without IndexedDB the app keeps working in memory', () => {
  it('a write where storage cannot open reports it instead of throwing', async () => {
    const original = indexedDB.open.bind(indexedDB);
    indexedDB.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    try {
      const p = new Persistence('versioned-private-window');
      const result = await p.writeVersioned('scenes', 'cache', { seed: 1 }, 0);
      expect(result).toMatchObject({ ok: false, kind: 'unavailable' });
    } finally {
      indexedDB.open = original;
    }
  });
});
