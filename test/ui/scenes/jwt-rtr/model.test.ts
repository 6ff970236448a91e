import { describe, expect, it } from 'vitest';
import { fromSeconds } from '../../../../src/sim/core/clock.ts';
import type { TraceRecord } from '../../../../src/sim/index.ts';
import type { JwtApp } from '../../../../src/sim/patterns/jwt-rtr.ts';
import { createScene, summarizeScene } from '../../../../src/sim/scenes/index.ts';
import {
  engineMs,
  jwtModel,
  readFigures,
  sessionOf,
  tokenState,
  type JwtView,
} from '../../../../src/ui/scenes/jwt-rtr/model.ts';
import { jwtCatalogues } from '../../../../src/ui/scenes/jwt-rtr/messages.ts';
import type { SceneInfo, SimUpdate } from '../../../../src/worker/api.ts';

const INFO = {} as SceneInfo;
/** The knobs the scene component loads (see JwtRtrScene.tsx). */
const UI = {
  scripted: 'false',
  users: '3',
  accessTtl: '5',
  refreshTtl: '15',
  replica: 'true',
  replicaLag: '1',
};

/** The scene as the page runs it: verbs from the controls, the trace folded by the model. */
function page(set: Record<string, string> = {}) {
  const run = createScene('jwt-rtr', 1, { ...UI, ...set });
  const app = run.world.part('auth') as JwtApp;
  let batch: SimUpdate[] = [];
  const log: string[] = [];
  run.world.subscribe((record: TraceRecord) => batch.push({ kind: 'trace', record }));
  let view: JwtView = jwtModel.reset(INFO, 0);
  let t = 0;
  const flush = () => {
    for (const u of batch) {
      const e = jwtModel.describe?.(u);
      if (e) log.push(jwtCatalogues.en.log[e.key]!(e.args));
    }
    view = jwtModel.apply(view, batch, run.world.now);
    batch = [];
  };
  const wait = (seconds: number) => {
    t += seconds;
    run.world.runUntil(fromSeconds(t));
    flush();
  };
  const press = (verb: string, args: string[] = [], seconds = 0.1) => {
    app.act(verb, args);
    wait(seconds);
  };
  const figures = () => readFigures(summarizeScene({ ...run, world: run.world }))!;
  return { app, press, wait, figures, view: () => view, log };
}

describe('jwt-rtr scene model', () => {
  it('shows the login as one MULTI/EXEC round trip and the keys with the 15 s TTL', () => {
    const p = page();
    p.wait(3);
    p.press('login', ['0']);
    expect(p.view().lastTrip?.commands[0]).toBe('MULTI');
    expect(p.view().lastTrip?.commands.at(-1)).toBe('EXEC');
    expect(p.view().lastTrip?.commands[1]).toMatch(/^SET rt:\S+ live\|\S+\|0 PX 15000$/);
    expect(p.view().counts.logins).toBe(1);
    const f = p.figures();
    const master = f.keyspaces['redis']!;
    const u = f.users[0]!;
    expect(sessionOf(u, master, p.view())).toBe('live');
    const key = master.keys.find((k) => k.key === `rt:${u.token}`)!;
    // The TTL counts down in virtual time: 15 s at the login, less a second later.
    const left = (now: number) => key.expiresAtMs! - engineMs(master, f.at, now);
    expect(left(f.at)).toBeGreaterThan(14_800);
    expect(left(f.at)).toBeLessThanOrEqual(15_000);
    expect(left(f.at + 1_000_000)).toBeCloseTo(left(f.at) - 1000, 5);
    expect(u.accessUntil - f.at).toBeGreaterThan(4_800_000);
    expect(p.log.some((l) => l.startsWith('User 1 logged in'))).toBe(true);
  });

  it('a refresh leaves the old token used and the new one live', () => {
    const p = page();
    p.press('login', ['1'], 1);
    const old = p.figures().users[1]!.token;
    p.press('refresh', ['1']);
    const f = p.figures();
    expect(tokenState(f.keyspaces['redis'], old)).toBe('used');
    expect(tokenState(f.keyspaces['redis'], f.users[1]!.token)).toBe('live');
    expect(p.view().lastTrip?.commands[1]).toBe(`SET rt:${old} used XX GET KEEPTTL`);
    expect(p.view().counts.rotations).toBe(1);
  });

  it('reuse: the family is revoked and the victim is told so before the next refresh', () => {
    const p = page();
    p.press('login', ['0']);
    p.press('steal', ['0']);
    p.press('refresh', ['0']);
    p.press('replay');
    const f = p.figures();
    expect(p.view().counts.reuse).toBe(1);
    expect(p.view().counts.revoked).toBe(1);
    expect(sessionOf(f.users[0]!, f.keyspaces['redis'], p.view())).toBe('revoked');
    expect(f.keyspaces['redis']!.keys).toEqual([]);
    expect(p.log.some((l) => l.startsWith('Reuse detected'))).toBe(true);
    p.press('refresh', ['0']);
    const g = p.figures();
    expect(sessionOf(g.users[0]!, g.keyspaces['redis'], p.view())).toBe('mustLogIn');
  });

  it('logout and idle expiry read differently', () => {
    const p = page();
    p.press('login', ['0']);
    p.press('login', ['1']);
    p.press('logout', ['0'], 16);
    const f = p.figures();
    expect(sessionOf(f.users[0]!, f.keyspaces['redis'], p.view())).toBe('loggedOut');
    expect(sessionOf(f.users[1]!, f.keyspaces['redis'], p.view())).toBe('expired');
    expect(f.keyspaces['redis']!.keys).toEqual([]);
    expect(p.view().counts.logouts).toBe(1);
  });

  it('failover just after a rotation: the new master has the old token live, not the new one', () => {
    const p = page();
    p.wait(3);
    p.press('login', ['2'], 2);
    p.press('steal', ['2'], 0);
    p.press('refresh', ['2'], 0.2);
    const before = p.figures();
    const fresh = before.users[2]!.token;
    expect(tokenState(before.keyspaces['replica'], before.stolen)).toBe('live');
    expect(tokenState(before.keyspaces['replica'], fresh)).toBe('gone');
    p.press('failover', [], 2);
    const f = p.figures();
    expect(f.master).toBe('replica');
    expect(f.keyspaces['redis']!.down).toBe(true);
    expect(p.view().failedOver).toBe(true);
    expect(sessionOf(f.users[2]!, f.keyspaces['replica'], p.view())).toBe('lost');
    p.press('replay');
    expect(p.view().counts.attackerRotations).toBe(1);
    expect(p.log.some((l) => l.startsWith("The attacker's replay worked"))).toBe(true);
  });
});
