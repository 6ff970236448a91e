import { proxy } from 'comlink';
import type { SimBackend } from './sim-store.ts';
import { simApi, type RemoteWorkerApi } from './worker-bridge.ts';

/** The simulation half of a worker as a SimBackend: comlink calls, listener by proxy. */
export function remoteSimBackend(api: RemoteWorkerApi): SimBackend {
  const sim = simApi(api);
  return {
    loadScene: (id, seed, knobs) => sim.loadScene(id, seed, knobs),
    play: () => sim.play(),
    pause: () => sim.pause(),
    step: () => sim.step(),
    stepBack: (fallback, stories) => sim.stepBack(fallback, stories && [...stories]),
    seek: (at, stories) => sim.seek(at, stories && [...stories]),
    setSpeed: (speed) => sim.setSpeed(speed),
    series: () => sim.series(),
    summary: () => sim.summary(),
    comparePersistenceMode: (mode, seed, base) => sim.comparePersistenceMode(mode, seed, base),
    subscribe: (listener, wants) => sim.subscribe(proxy(listener), wants),
    unsubscribe: (id) => sim.unsubscribe(id),
    sendFromClient: (client, argv) => sim.sendFromClient(client, [...argv]),
    runConsoleCommand: (node, line) => sim.runConsoleCommand(node, line),
    peekString: (node, key) => sim.peekString(node, key),
    keyLength: (node, key) => sim.keyLength(node, key),
    clientStats: (name) => sim.clientStats(name),
    keySlot: (key) => sim.keySlot(key),
    crashNode: (node, kind) => sim.crashNode(node, kind),
    restartNode: (node) => sim.restartNode(node),
    cutLink: (a, b) => sim.cutLink(a, b),
    healLink: (a, b) => sim.healLink(a, b),
    partAction: (part, command, args) => sim.partAction(part, command, [...args]),
    snapshot: () => sim.snapshot(),
    restore: (snapshot) => sim.restore(snapshot),
  };
}
