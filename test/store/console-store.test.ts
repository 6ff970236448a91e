import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Persistence } from '../../src/persist/database.ts';
import { createConsoleStore } from '../../src/store/console-store.ts';
import { createWorkerApi } from '../../src/worker/api.ts';

let dbCounter = 0;
const freshPersistence = () => new Persistence(`console-store-test-${++dbCounter}`);

describe('the console store', () => {
  it('prints replies as redis-cli does and keeps the history', async () => {
    const store = createConsoleStore('data-types', createWorkerApi(1), null);
    await store.getState().init();
    await store.getState().submit('SET greeting hello');
    await store.getState().submit('GET greeting');
    await store.getState().submit('GET');
    await store.getState().submit('SET k "unbalanced');
    const { transcript, history } = store.getState();
    expect(transcript.map((e) => e.output)).toEqual([
      'OK',
      '"hello"',
      "(error) ERR wrong number of arguments for 'get' command",
      'Invalid argument(s)',
    ]);
    expect(history).toHaveLength(4);
  });

  it('brings back history, transcript and keyspace after a reload', async () => {
    const persistence = freshPersistence();
    const before = createConsoleStore('data-types', createWorkerApi(1), persistence);
    await before.getState().init();
    await before.getState().submit('SET greeting hello');
    await before.getState().submit('SELECT 1');

    // A reload: a new worker with an empty engine, and the same IndexedDB.
    const after = createConsoleStore('data-types', createWorkerApi(2), persistence);
    await after.getState().init();
    expect(after.getState().history).toEqual(['SET greeting hello', 'SELECT 1']);
    await after.getState().submit('GET greeting');
    expect(after.getState().transcript.at(-1)?.output).toBe('"hello"');
  });

  it('resets with a notice when the saved record is corrupt, and keeps working', async () => {
    const persistence = freshPersistence();
    const first = createConsoleStore('data-types', createWorkerApi(1), persistence);
    await first.getState().init();
    await first.getState().submit('SET a 1');
    // Something (an old build, a hand edit) writes garbage where the record was.
    await persistence.saveConsole('data-types', { version: 1 } as never);

    const second = createConsoleStore('data-types', createWorkerApi(2), persistence);
    await second.getState().init();
    expect(second.getState().notice?.key).toBe('storageCorrupt');
    expect(second.getState().history).toEqual([]);
    await second.getState().submit('GET a');
    expect(second.getState().transcript.at(-1)?.output).toBe('(nil)');
    expect(await persistence.loadConsole('data-types')).toMatchObject({ ok: true });
  });

  it('keeps working in memory when storage fails', async () => {
    const broken = {
      loadConsole: () => Promise.reject(new Error('QuotaExceededError')),
    } as unknown as Persistence;
    const store = createConsoleStore('data-types', createWorkerApi(1), broken);
    await store.getState().init();
    expect(store.getState().notice?.key).toBe('storageUnavailable');
    await store.getState().submit('SET a 1');
    await store.getState().submit('GET a');
    expect(store.getState().transcript.at(-1)?.output).toBe('"1"');
  });
});

describe('the console store with commands that answer later', () => {
  it('prints a blocking command once its timeout passes, keeping later lines in order', async () => {
    const store = createConsoleStore('data-types', createWorkerApi(1), null);
    await store.getState().init();
    const first = store.getState().submit('BLPOP q 0.02');
    const second = store.getState().submit('RPUSH q a');
    await new Promise((r) => setTimeout(r, 5));
    expect(store.getState().busy).toBe(true);
    expect(store.getState().transcript).toEqual([]);
    await Promise.all([first, second]);
    expect(store.getState().transcript.map((e) => e.output)).toEqual(['(nil)', '(integer) 1']);
    expect(store.getState().busy).toBe(false);
  });

  it('refuses BLPOP with timeout 0 on one line instead of waiting forever', async () => {
    const store = createConsoleStore('data-types', createWorkerApi(1), null);
    await store.getState().init();
    await store.getState().submit('BLPOP q 0');
    const [entry] = store.getState().transcript;
    expect(entry?.kind).toBe('error');
    expect(entry?.output).toMatch(/^Not run: BLPOP with timeout 0 would wait forever/);
    expect(entry?.output).not.toContain('\n');
  });
});
