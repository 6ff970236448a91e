import type { LogEntry, SceneModel } from '../../../store/sim-store.ts';
import type { KeyspaceView, SceneInfo, SimUpdate } from '../../../worker/api.ts';

/**
 * What the jwt-rtr stage draws. The auth server part notes every pipeline it sends
 * (`jwt:cmds`) and every outcome (`jwt:login`, `jwt:rotated`, `jwt:reuse`, `jwt:revoked`,
 * `jwt:unknown`, `jwt:stolen`, `jwt:failover`); the model folds those into counts, the
 * families revoked for reuse, and the last round trip's commands. The keys themselves and
 * their TTLs come from the scene's summary (the nodes' keyspaces as the data-types explorer
 * describes them), read by the scene component.
 */

export const PART = 'auth';
export const MASTER = 'redis';
export const REPLICA = 'replica';

export type Who = 'user' | 'attacker';

export interface RoundTrip {
  readonly at: number;
  readonly who: Who;
  readonly user: number;
  readonly commands: readonly string[];
}

export interface JwtCounts {
  logins: number;
  rotations: number;
  reuse: number;
  revoked: number;
  logouts: number;
  refused: number;
  attackerRotations: number;
}

export interface JwtView {
  readonly now: number;
  readonly counts: JwtCounts;
  /** Families revoked because a used token came back. */
  readonly revokedFamilies: ReadonlySet<string>;
  readonly lastTrip: RoundTrip | null;
  readonly failedOver: boolean;
}

export const familyOf = (token: string): string => token.slice(0, token.indexOf('.'));

/** A token as the stage prints it: the last 4 characters of each half. */
export const shortToken = (token: string): string =>
  token === ''
    ? ''
    : `${familyOf(token).slice(-4)}.${token.slice(token.indexOf('.') + 1, token.indexOf('.') + 5)}`;

interface Parsed {
  readonly kind: string;
  readonly words: readonly string[];
  readonly rest: string;
}

/** `jwt:<kind> w1 w2 ...`; `rest` is what follows the first three words (a pipeline). */
export function parseNote(text: string): Parsed | null {
  if (!text.startsWith('jwt:')) return null;
  const words = text.slice(4).split(' ');
  const kind = words[0] ?? '';
  return { kind, words: words.slice(1), rest: words.slice(3).join(' ') };
}

export function emptyView(now: number): JwtView {
  return {
    now,
    counts: {
      logins: 0,
      rotations: 0,
      reuse: 0,
      revoked: 0,
      logouts: 0,
      refused: 0,
      attackerRotations: 0,
    },
    revokedFamilies: new Set(),
    lastTrip: null,
    failedOver: false,
  };
}

export const jwtModel: SceneModel<JwtView> = {
  // The auth server's notes are all the stage folds and logs.
  wants: [{ type: 'note' }],

  reset(_info: SceneInfo, now: number): JwtView {
    return emptyView(now);
  },

  apply(v: JwtView, updates: readonly SimUpdate[], now: number): JwtView {
    let counts = v.counts;
    let revoked = v.revokedFamilies;
    let lastTrip = v.lastTrip;
    let failedOver = v.failedOver;
    for (const u of updates) {
      if (u.kind !== 'trace' || u.record.type !== 'note') continue;
      const p = parseNote(u.record.text);
      if (p === null) continue;
      const c = counts === v.counts ? (counts = { ...v.counts }) : counts;
      const [a = '', b = '', d = ''] = p.words;
      switch (p.kind) {
        case 'cmds':
          lastTrip = {
            at: u.record.at,
            who: a === 'attacker' ? 'attacker' : 'user',
            user: Number(b),
            commands: p.rest.split(' ; '),
          };
          break;
        case 'login':
          c.logins++;
          break;
        case 'rotated':
          if (a === 'attacker') c.attackerRotations++;
          else c.rotations++;
          break;
        case 'reuse':
          c.reuse++;
          if (d !== '') {
            if (revoked === v.revokedFamilies) revoked = new Set(revoked);
            (revoked as Set<string>).add(familyOf(d));
          }
          break;
        case 'revoked':
          if (a === 'logout') c.logouts++;
          else c.revoked++;
          break;
        case 'unknown':
          c.refused++;
          break;
        case 'failover':
          failedOver = true;
          break;
        default:
          break;
      }
    }
    return { now, counts, revokedFamilies: revoked, lastTrip, failedOver };
  },

  describe(u: SimUpdate): LogEntry | null {
    if (u.kind !== 'trace' || u.record.type !== 'note') return null;
    const p = parseNote(u.record.text);
    if (p === null) return null;
    const at = u.record.at;
    const [a = '', b = '', c = '', d = ''] = p.words;
    const user = Number(b) + 1;
    switch (p.kind) {
      case 'cmds':
        return {
          at,
          key: a === 'attacker' ? 'cmdsAttacker' : 'cmds',
          args: { user, cmds: p.rest },
        };
      case 'login':
        return { at, key: 'login', args: { user: Number(a) + 1, token: shortToken(b) } };
      case 'rotated':
        return {
          at,
          key: a === 'attacker' ? 'attackerRotated' : 'rotated',
          args: { user, old: shortToken(c), token: shortToken(d) },
        };
      case 'reuse':
        return { at, key: 'reuse', args: { user, token: shortToken(c) } };
      case 'revoked':
        return { at, key: a === 'logout' ? 'logout' : 'revoked', args: { user: Number(c) + 1 } };
      case 'unknown':
        return {
          at,
          key: a === 'attacker' ? 'unknownAttacker' : 'unknown',
          args: { user, token: shortToken(c) },
        };
      case 'stolen':
        return { at, key: 'stolen', args: { user: Number(a) + 1, token: shortToken(b) } };
      case 'failover':
        return { at, key: 'failover', args: { node: a } };
      default:
        return null;
    }
  },
};

/** The scene's summary fields the stage reads (see sim/scenes/jwt-rtr.ts `interactive`). */
export interface JwtUser {
  readonly phase: 'out' | 'in' | 'idle' | 'done';
  readonly token: string;
  readonly accessUntil: number;
  readonly relogin: boolean;
}

export interface NodeKeys extends KeyspaceView {
  readonly down: boolean;
}

export interface JwtFigures {
  /** Virtual µs the summary was taken at. */
  readonly at: number;
  readonly master: string;
  readonly users: readonly JwtUser[];
  readonly stolen: string;
  readonly stolenFrom: number;
  readonly keyspaces: Readonly<Record<string, NodeKeys>>;
}

export function readFigures(summary: Readonly<Record<string, unknown>> | null): JwtFigures | null {
  if (summary === null) return null;
  const users = summary['users'];
  const keyspaces = summary['keyspaces'];
  if (!Array.isArray(users) || typeof keyspaces !== 'object' || keyspaces === null) return null;
  return summary as unknown as JwtFigures;
}

/** A token's state on a node: live, used (a rotated-out tombstone), or gone. */
export type TokenState = 'live' | 'used' | 'gone';

export function tokenState(keys: NodeKeys | undefined, token: string): TokenState {
  if (keys === undefined || token === '') return 'gone';
  const k = keys.keys.find((x) => x.key === `rt:${token}`);
  if (k === undefined || k.type !== 'string') return 'gone';
  return k.bytes.startsWith('live|') ? 'live' : 'used';
}

/** What a person should read about a user's session now. */
export type SessionState =
  'out' | 'live' | 'revoked' | 'expired' | 'lost' | 'loggedOut' | 'mustLogIn';

export function sessionOf(
  u: JwtUser,
  keys: NodeKeys | undefined,
  view: Pick<JwtView, 'revokedFamilies' | 'failedOver'>,
): SessionState {
  if (u.phase === 'done') return 'loggedOut';
  if (u.phase === 'out') return u.relogin ? 'mustLogIn' : 'out';
  if (tokenState(keys, u.token) === 'live') return 'live';
  if (view.revokedFamilies.has(familyOf(u.token))) return 'revoked';
  return view.failedOver ? 'lost' : 'expired';
}

/** The engine clock (ms) at virtual time `now`, from a summary taken at `at`. */
export const engineMs = (keys: NodeKeys, at: number, now: number): number =>
  keys.nowMs + Math.max(0, now - at) / 1000;
