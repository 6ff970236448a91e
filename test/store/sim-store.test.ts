import { describe, expect, it } from 'vitest';
import {
  LOG_LIMIT,
  createSimStore,
  type SceneModel,
  type SimBackend,
} from '../../src/store/sim-store.ts';
import type { PlaybackState, SceneInfo, SimBatch, SimUpdate } from '../../src/worker/api.ts';

const INFO = { id: 'single-thread', seed: 7, steps: [], knobs: [] } as unknown as SceneInfo;

/** A backend whose stream the test drives: batches are pushed by hand. */
function fakeBackend() {
  const calls: string[] = [];
  let listener: ((b: SimBatch) => void) | null = null;
  let n = 0;
  let stories: readonly number[] | undefined;
  const backend: SimBackend = {
    loadScene: (id, seed) => (calls.push(`load ${id} ${seed}`), Promise.resolve(INFO)),
    play: () => (calls.push('play'), Promise.resolve()),
    pause: () => (calls.push('pause'), Promise.resolve()),
    step: () => (calls.push('step'), Promise.resolve(true)),
    stepBack: (fallback) => (calls.push(`back ${fallback}`), Promise.resolve(0)),
    seek: (at, from) => ((stories = from), calls.push(`seek ${at}`), Promise.resolve()),
    setSpeed: (s) => (calls.push(`speed ${s}`), Promise.resolve()),
    series: () => Promise.resolve([{ name: 'node:redis:queue', t: [100], values: [3] }]),
    subscribe: (l) => ((listener = l), Promise.resolve(1)),
    unsubscribe: () => Promise.resolve(),
    sendFromClient: (c, argv) => (calls.push(`send ${c} ${argv.join(' ')}`), Promise.resolve()),
    runConsoleCommand: () => Promise.resolve({ text: 'OK', kind: 'reply', wrote: true, db: 0 }),
    peekString: () => Promise.resolve(null),
    keyLength: () => Promise.resolve(null),
    clientStats: () => Promise.resolve({ sent: 0, completed: 0, done: false }),
    crashNode: (node, kind = 'kill') => (calls.push(`crash ${node} ${kind}`), Promise.resolve()),
    restartNode: (node) => (calls.push(`restart ${node}`), Promise.resolve()),
    cutLink: (a, b) => (calls.push(`cut ${a} ${b}`), Promise.resolve()),
    healLink: (a, b) => (calls.push(`heal ${a} ${b}`), Promise.resolve()),
    partAction: (part, command, args) => (
      calls.push(`part ${part} ${command} ${args.join(' ')}`),
      Promise.resolve(`${command} done`)
    ),
    snapshot: () => (calls.push('snapshot'), Promise.resolve({ scene: 'x' } as never)),
    restore: () => (
      calls.push('restore'),
      Promise.resolve({ ...INFO, seed: 9, values: { rate: 5 } } as SceneInfo)
    ),
  };
  const push = (now: number, updates: SimUpdate[]) =>
    listener!({ version: 1, batch: ++n, now, updates });
  return { backend, calls, push, stories: () => stories };
}

const state = (now: number, playing: boolean): PlaybackState => ({
  scene: 'single-thread',
  seed: 7,
  playing,
  speed: 1,
  now,
  traceHash: 'h',
  hasEvents: true,
});

const cmd = (at: number): SimUpdate => ({
  kind: 'trace',
  record: { type: 'note', at: at as never, text: `n${at}` },
});

/** Counts records since the last reset, and logs every note. */
const counting: SceneModel<{ records: number; since: number }> = {
  reset: (_info, now) => ({ records: 0, since: now }),
  apply: (v, updates) => ({ ...v, records: v.records + updates.length }),
  describe: (u) =>
    u.kind === 'trace' && u.record.type === 'note'
      ? { at: u.record.at, key: 'note', args: { text: u.record.text } }
      : null,
};

async function started() {
  const fake = fakeBackend();
  const store = createSimStore({
    scene: 'single-thread',
    seed: 7,
    knobs: { walk: 'manual' },
    model: counting,
    backend: fake.backend,
  });
  await store.getState().start();
  return { ...fake, store };
}

describe('sim store', () => {
  it('loads the scene and folds each batch into one state change', async () => {
    const { store, push, calls } = await started();
    expect(calls).toEqual(['load single-thread 7']);
    expect(store.getState().status).toBe('ready');
    let changes = 0;
    store.subscribe(() => changes++);
    push(1000, [
      { kind: 'playback', cause: 'play', state: state(0, true) },
      cmd(10),
      cmd(20),
      { kind: 'metrics', at: 1000, values: { 'node:redis:queue': 2 } },
    ]);
    expect(changes).toBe(1);
    const s = store.getState();
    expect(s.now).toBe(1000);
    expect(s.playing).toBe(true);
    expect(s.view.records).toBe(2);
    expect(s.series['node:redis:queue']).toEqual({ t: [1000], values: [2] });
    expect(s.log.map((l) => l.key)).toEqual(['loaded', 'played', 'note', 'note']);
  });

  it('starts a fresh log when a knob change reloads the scene, and shows the knob at once', async () => {
    const { store, push } = await started();
    push(500, [cmd(1), cmd(2)]);
    expect(store.getState().log).toHaveLength(3);
    const reloading = store.getState().reload({ knobs: { walk: 'auto' } });
    expect(store.getState().knobs['walk']).toBe('auto');
    await reloading;
    expect(store.getState().log.map((l) => l.key)).toEqual(['loaded']);
  });

  it('starts the view over after a seek and refills the charts', async () => {
    const { store, push } = await started();
    push(500, [cmd(1), cmd(2)]);
    const epoch = store.getState().epoch;
    await store.getState().seek(100);
    push(100, [{ kind: 'playback', cause: 'seek', state: state(100, false) }, cmd(100)]);
    const s = store.getState();
    expect(s.view).toEqual({ records: 1, since: 100 });
    expect(s.epoch).toBe(epoch + 1);
    expect(s.series['node:redis:queue']!.values).toEqual([3]);
  });

  it('retells the story on a seek: the view kept before the target plus what followed it', async () => {
    const { store, push, stories } = await started();
    push(400_000, [cmd(100_000), cmd(300_000)]);
    push(1_200_000, [cmd(1_100_000)]);
    push(2_500_000, [cmd(2_400_000), cmd(2_450_000)]);
    expect(store.getState().view.records).toBe(5);
    const log = store.getState().log.length;
    await store.getState().seek(1_500_000);
    // Views were kept at the load and about once a virtual second.
    expect(stories()).toEqual([0, 1_200_000, 2_500_000]);
    push(1_500_000, [
      { kind: 'story', from: 1_200_000 },
      cmd(1_300_000),
      { kind: 'playback', cause: 'seek', state: state(1_500_000, false) },
    ]);
    const s = store.getState();
    // Three records up to 1.2 s, one retold after it: the past is there, not an empty view.
    expect(s.view.records).toBe(4);
    // Retold records are not news: the log only says that time moved.
    expect(s.log.slice(log).map((l) => l.key)).toEqual(['seeked']);
    // Views past the target stay: without an action the same future replays.
    await store.getState().seek(0);
    expect(stories()).toEqual([0, 1_200_000, 2_500_000]);
  });

  it('forgets the views kept after an action in the past, and starts over without a story', async () => {
    const { store, push, stories } = await started();
    push(1_200_000, [cmd(1_100_000)]);
    push(2_500_000, [cmd(2_400_000)]);
    push(1_000_000, [{ kind: 'playback', cause: 'seek', state: state(1_000_000, false) }]);
    // No story in the batch (a backend that cannot retell): the view starts over.
    expect(store.getState().view.records).toBe(0);
    await store.getState().send('app', ['SET', 'k', 'v']);
    await store.getState().seek(3_000_000);
    // A new future from 1 s: the views of the old one are gone, the one at the action kept.
    expect(stories()).toEqual([0, 1_000_000]);
  });

  it('pauses as playback passes a narrative moment, when asked to', async () => {
    const { store, push, calls } = await started();
    store.getState().setMarkers([2000, 500]);
    push(400, [{ kind: 'playback', cause: 'play', state: state(0, true) }]);
    push(900, []);
    await Promise.resolve();
    expect(calls).not.toContain('pause');
    store.getState().setPauseAtMarkers(true);
    push(1500, []);
    push(2100, []);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.filter((c) => c === 'pause')).toHaveLength(1);
    expect(store.getState().log.at(-1)).toMatchObject({ key: 'pausedAtStep', at: 2000 });
  });

  it('sends actions in the order made, and reloads with a new seed', async () => {
    const { store, calls } = await started();
    void store.getState().send('admin', ['KEYS', '*']);
    void store.getState().step();
    await store.getState().reload({ seed: 9 });
    expect(calls.slice(1)).toEqual([
      'send admin KEYS *',
      'step',
      'load single-thread 9',
      'speed 1',
    ]);
    expect(store.getState().seed).toBe(9);
  });

  it('← asks the worker to undo the last step, falling back a quarter second of wall time', async () => {
    const { store, calls } = await started();
    await store.getState().stepBack();
    await store.getState().setSpeed(10);
    store.setState({ speed: 10 });
    await store.getState().stepBack();
    expect(calls.filter((c) => c.startsWith('back'))).toEqual(['back 250000', 'back 2500000']);
  });

  it('crashes a node and starts it again, in that order, after earlier actions', async () => {
    const { store, calls } = await started();
    void store.getState().send('admin', ['PING']);
    await store.getState().crashAndRestart('redis');
    expect(calls.slice(1)).toEqual(['send admin PING', 'crash redis kill', 'restart redis']);
  });

  it('passes faults, part verbs and snapshots to the worker in the order they were made', async () => {
    const { store, calls } = await started();
    const s = store.getState();
    const done = Promise.all([
      s.crash('m', 'power'),
      s.cut('m', 'r1'),
      s.heal('m', 'r1'),
      s.restart('m'),
      s.partAction('admin', 'add-node', ['m4', '1024']),
      s.snapshot(),
    ]);
    const [, , , , line] = await done;
    expect(line).toBe('add-node done');
    expect(calls.slice(1)).toEqual([
      'crash m power',
      'cut m r1',
      'heal m r1',
      'restart m',
      'part admin add-node m4 1024',
      'snapshot',
    ]);
  });

  it('takes the seed and knobs of a restored snapshot', async () => {
    const { store } = await started();
    await store.getState().restore({});
    expect(store.getState().seed).toBe(9);
    expect(store.getState().knobs).toEqual({ rate: 5 });
  });

  it('keeps the log bounded', async () => {
    const { store, push } = await started();
    push(
      10,
      Array.from({ length: LOG_LIMIT + 50 }, (_, i) => cmd(i)),
    );
    expect(store.getState().log).toHaveLength(LOG_LIMIT);
    expect(store.getState().log.at(-1)!.args['text']).toBe(`n${LOG_LIMIT + 49}`);
  });
});
