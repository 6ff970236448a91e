import type { SimBackend } from '../../src/store/sim-store.ts';
import { ManualFrameScheduler } from '../../src/worker/frame-scheduler.ts';
import { SimController } from '../../src/worker/sim-controller.ts';

/**
 * A real simulation behind the store, in this process: the worker's controller on a
 * hand-driven scheduler (`frame()` delivers the batches a browser frame would).
 */
export function localBackend() {
  const scheduler = new ManualFrameScheduler();
  const sim = new SimController({ scheduler });
  const call = <T>(f: () => T): Promise<T> => {
    try {
      return Promise.resolve(f());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const backend: SimBackend = {
    loadScene: (id, seed, knobs) => call(() => sim.loadScene(id, seed, knobs)),
    play: () => call(() => sim.play()),
    pause: () => call(() => sim.pause()),
    step: () => call(() => sim.step()),
    seek: (at) => call(() => sim.seek(at)),
    setSpeed: (speed) => call(() => sim.setSpeed(speed)),
    series: () => call(() => sim.series()),
    summary: () => call(() => sim.summary()),
    subscribe: (listener) => call(() => sim.subscribe(listener)),
    unsubscribe: (id) => call(() => sim.unsubscribe(id)),
    sendFromClient: (client, argv) => call(() => sim.sendFromClient(client, argv)),
    runConsoleCommand: (node, line) => call(() => sim.runConsoleCommand(node, line)),
    peekString: (node, key) => call(() => sim.peekString(node, key)),
    keyLength: (node, key) => call(() => sim.keyLength(node, key)),
    clientStats: (name) => call(() => sim.clientStats(name)),
    crashNode: (node, kind) => call(() => sim.crashNode(node, kind)),
    restartNode: (node) => call(() => sim.restartNode(node)),
    cutLink: (a, b) => call(() => sim.cutLink(a, b)),
    healLink: (a, b) => call(() => sim.healLink(a, b)),
    partAction: (part, command, args) => call(() => sim.partAction(part, command, args)),
    snapshot: () => call(() => sim.snapshot()),
    restore: (snapshot) => call(() => sim.restore(snapshot)),
  };
  return { backend, scheduler, sim };
}
