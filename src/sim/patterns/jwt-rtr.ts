import type { Reply } from '../../engine/index.ts';
import { after } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { WorldContext } from '../world/context.ts';
import type { PartConfig, PartKind } from '../world/world.ts';
import { AppPart, arrayTexts, bulkText, param, type AppBaseState } from './app.ts';

/**
 * JWT refresh-token rotation (RTR) on Redis, as an auth server part with its own users and
 * an attacker.
 *
 * Keys: `rt:<token>` → `live|<family>|<user>` with the refresh TTL; `fam:<family>` → a set of
 * the family's token ids, its TTL pushed forward on every rotation. A token id is
 * `<family>.<random>`, so the family travels inside the (opaque to the client) token, as a
 * JWT claim would. Access tokens are stateless and short: issued, never stored.
 *
 * Rotation is one atomic step: `SET rt:<old> used XX GET KEEPTTL`. Redis runs every command
 * whole on one thread, so this read-and-replace cannot interleave with another: of any
 * number of concurrent refreshes with the same token exactly one gets `live|...` back (and
 * may issue the next token), every other one gets `used`. XX creates nothing for unknown
 * tokens; KEEPTTL lets the tombstone live as long as the token would have, which is how long
 * a replay stays detectable. (With GETDEL a separate used-marker would be needed, and with
 * MULTI/EXEC + WATCH a retry loop; this needs neither.) Getting `used` back means reuse: the
 * token was already rotated, so someone holds a copy; the whole family is revoked (SMEMBERS
 * then DEL of every token and the set) and its user must log in again. Issuing the new token
 * (SET, SADD, PEXPIRE) is pipelined on the app's one connection, so a revocation the app
 * starts later runs after it. Across several app servers a revocation could slip between the
 * SADD and the SET; MULTI/EXEC around the three commands closes that once the engine has it.
 *
 * Users: user i logs in at i × stagger, refreshes every access-token lifetime, `refreshes`
 * times, then even users log out and odd users go idle (their keys expire on their own).
 */

export interface JwtParams {
  readonly redis: string;
  readonly users: number;
  readonly staggerMicros: number;
  /** Access-token lifetime = how often a user refreshes, µs. */
  readonly accessTtlMicros: number;
  /** Refresh-token TTL in seconds: idle this long and the session is gone. */
  readonly refreshTtlSeconds: number;
  /** Refreshes per session before the user logs out or goes idle. */
  readonly refreshes: number;
  /** The user whose refresh token the attacker copies; -1: no attack. */
  readonly victim: number;
  /** When the attacker copies the victim's current token, and replays it (µs). */
  readonly stealMicros: number;
  readonly replayMicros: number;
}

export const DEFAULT_JWT: JwtParams = {
  redis: 'redis',
  users: 10,
  staggerMicros: 200_000,
  accessTtlMicros: 2_000_000,
  refreshTtlSeconds: 10,
  refreshes: 5,
  victim: 1,
  stealMicros: 3_000_000,
  replayMicros: 7_000_000,
};

type Who = 'user' | 'attacker';
type Phase = 'out' | 'in' | 'idle' | 'done';

interface User {
  phase: Phase;
  token: string;
  refreshes: number;
  /** Set when the user was thrown out (reuse, expiry) and must log in again. */
  relogin: boolean;
}

type K =
  | { op: 'ignore' }
  | { op: 'login'; user: number; token: string; start: number }
  | { op: 'claim'; who: Who; user: number; token: string; start: number }
  | { op: 'rotated'; who: Who; user: number; token: string; start: number }
  | { op: 'members'; who: Who; user: number; family: string; reason: Why; start: number }
  | { op: 'revoked'; who: Who; user: number; reason: Why; start: number };

type Why = 'reuse' | 'logout';

export interface JwtCounters {
  logins: number;
  relogins: number;
  refreshes: number;
  refreshFailures: number;
  reuseDetected: number;
  familiesRevoked: number;
  logouts: number;
  idle: number;
  accessTokensIssued: number;
  attackerRotations: number;
  attackerRejected: number;
}

interface JwtState {
  readonly base: AppBaseState<K>;
  readonly users: readonly User[];
  readonly counters: JwtCounters;
  readonly stolen: string;
}

interface UserData {
  readonly part: string;
  readonly user: number;
}
interface AttackData {
  readonly part: string;
  readonly phase: 'steal' | 'replay';
}

const USER = 'jwt.user';
const ATTACK = 'jwt.attack';

export const familyOf = (token: string): string => token.slice(0, token.indexOf('.'));

export class JwtApp extends AppPart<K> {
  readonly params: JwtParams;
  users: User[];
  counters: JwtCounters = {
    logins: 0,
    relogins: 0,
    refreshes: 0,
    refreshFailures: 0,
    reuseDetected: 0,
    familiesRevoked: 0,
    logouts: 0,
    idle: 0,
    accessTokensIssued: 0,
    attackerRotations: 0,
    attackerRejected: 0,
  };
  /** The attacker's copy of a refresh token ('' until stolen). */
  stolen = '';

  constructor(ctx: WorldContext, config: PartConfig) {
    super(ctx, config.name);
    this.params = jwtParams(config.params);
    this.users = Array.from({ length: this.params.users }, () => ({
      phase: 'out',
      token: '',
      refreshes: 0,
      relogin: false,
    }));
  }

  onStart(): void {
    const { staggerMicros, victim, stealMicros, replayMicros } = this.params;
    this.users.forEach((_, user) =>
      this.ctx.schedule<UserData>(after(this.ctx.clock.now, 100_000 + user * staggerMicros), USER, {
        part: this.name,
        user,
      }),
    );
    if (victim >= 0 && victim < this.users.length) {
      const part = this.name;
      this.ctx.schedule<AttackData>(after(this.ctx.clock.now, stealMicros), ATTACK, {
        part,
        phase: 'steal',
      });
      this.ctx.schedule<AttackData>(after(this.ctx.clock.now, replayMicros), ATTACK, {
        part,
        phase: 'replay',
      });
    }
  }

  /** A token id from the world's RNG: the same seed issues the same tokens. */
  private newId(): string {
    const rng = this.ctx.rng(`jwt:${this.name}`);
    return rng.nextUint32().toString(16).padStart(8, '0');
  }

  private get ttlArgs(): string[] {
    return ['PX', String(Math.round(this.params.refreshTtlSeconds * 1000))];
  }

  /** The user's next move, by phase. */
  act(user: number): void {
    const u = this.users[user]!;
    const start = this.ctx.clock.now;
    if (u.phase === 'out') {
      this.login(user, start);
    } else if (u.phase === 'in') {
      if (u.refreshes < this.params.refreshes) {
        this.claim('user', user, u.token, start);
      } else if (user % 2 === 0) {
        this.revoke('user', user, familyOf(u.token), 'logout', start);
      } else {
        u.phase = 'idle';
        this.counters.idle++;
      }
    }
  }

  attack(phase: 'steal' | 'replay'): void {
    const victim = this.users[this.params.victim]!;
    if (phase === 'steal') {
      this.stolen = victim.token;
      this.ctx.trace.append({ type: 'note', at: this.ctx.clock.now, text: 'jwt:stolen' });
    } else if (this.stolen !== '') {
      this.claim('attacker', this.params.victim, this.stolen, this.ctx.clock.now);
    }
  }

  private login(user: number, start: number): void {
    const family = this.newId();
    this.issue({ op: 'login', user, token: `${family}.${this.newId()}`, start }, user);
  }

  /** Stores a new refresh token under its family; `k` runs when the last command replies. */
  private issue(k: K & { token: string }, user: number): void {
    const family = familyOf(k.token);
    const redis = this.params.redis;
    this.call(redis, ['SET', `rt:${k.token}`, `live|${family}|${user}`, ...this.ttlArgs], {
      op: 'ignore',
    });
    this.call(redis, ['SADD', `fam:${family}`, k.token], { op: 'ignore' });
    this.call(redis, ['PEXPIRE', `fam:${family}`, this.ttlArgs[1]!], k);
  }

  private claim(who: Who, user: number, token: string, start: number): void {
    this.call(this.params.redis, ['SET', `rt:${token}`, 'used', 'XX', 'GET', 'KEEPTTL'], {
      op: 'claim',
      who,
      user,
      token,
      start,
    });
  }

  private revoke(who: Who, user: number, family: string, reason: Why, start: number): void {
    this.call(this.params.redis, ['SMEMBERS', `fam:${family}`], {
      op: 'members',
      who,
      user,
      family,
      reason,
      start,
    });
  }

  protected onReply(k: K, reply: Reply): void {
    switch (k.op) {
      case 'ignore':
        return;
      case 'login': {
        const u = this.users[k.user]!;
        u.phase = 'in';
        u.token = k.token;
        u.refreshes = 0;
        this.counters.logins++;
        if (u.relogin) this.counters.relogins++;
        u.relogin = false;
        this.counters.accessTokensIssued++;
        this.done(k.start, k.user, this.params.accessTtlMicros);
        return;
      }
      case 'claim': {
        const was = bulkText(reply);
        if (was?.startsWith('live|') === true) {
          const token = `${familyOf(k.token)}.${this.newId()}`;
          this.issue({ op: 'rotated', who: k.who, user: k.user, token, start: k.start }, k.user);
        } else if (was === 'used') {
          this.counters.reuseDetected++;
          this.ctx.trace.append({
            type: 'note',
            at: this.ctx.clock.now,
            text: `jwt:reuse ${k.who}`,
          });
          this.revoke(k.who, k.user, familyOf(k.token), 'reuse', k.start);
        } else {
          // Expired, revoked or never issued: the holder must log in.
          this.reject(k.who, k.user, k.start);
        }
        return;
      }
      case 'rotated':
        this.counters.accessTokensIssued++;
        if (k.who === 'attacker') {
          this.counters.attackerRotations++;
          this.stolen = k.token;
          return;
        }
        this.counters.refreshes++;
        this.users[k.user]!.token = k.token;
        this.users[k.user]!.refreshes++;
        this.done(k.start, k.user, this.params.accessTtlMicros);
        return;
      case 'members': {
        const tokens = arrayTexts(reply).filter((t): t is string => t !== undefined);
        const keys = [...tokens.map((t) => `rt:${t}`), `fam:${k.family}`];
        this.call(this.params.redis, ['DEL', ...keys], {
          op: 'revoked',
          who: k.who,
          user: k.user,
          reason: k.reason,
          start: k.start,
        });
        return;
      }
      case 'revoked':
        if (k.reason === 'logout') {
          this.counters.logouts++;
          this.users[k.user]!.phase = 'done';
          this.latency.record(this.ctx.clock.now - k.start);
          return;
        }
        this.counters.familiesRevoked++;
        this.reject(k.who, k.user, k.start);
        return;
    }
  }

  /** A refresh refused: the attacker gets nothing; the user logs in again right away. */
  private reject(who: Who, user: number, start: number): void {
    if (who === 'attacker') {
      this.counters.attackerRejected++;
      return;
    }
    this.counters.refreshFailures++;
    const u = this.users[user]!;
    u.phase = 'out';
    u.token = '';
    u.relogin = true;
    this.done(start, user, 0);
  }

  private done(start: number, user: number, nextIn: number): void {
    this.latency.record(this.ctx.clock.now - start);
    this.ctx.schedule<UserData>(after(this.ctx.clock.now, nextIn), USER, { part: this.name, user });
  }

  snapshot(): JwtState {
    return {
      base: this.baseSnapshot(),
      users: this.users.map((u) => ({ ...u })),
      counters: { ...this.counters },
      stolen: this.stolen,
    };
  }

  restore(raw: unknown): void {
    const s = raw as JwtState;
    this.baseRestore(s.base);
    this.users = s.users.map((u) => ({ ...u }));
    this.counters = { ...s.counters };
    this.stolen = s.stolen;
  }
}

function jwtParams(p: JsonValue | undefined): JwtParams {
  const d = DEFAULT_JWT;
  return {
    redis: param(p, 'redis', d.redis),
    users: param(p, 'users', d.users),
    staggerMicros: param(p, 'staggerMicros', d.staggerMicros),
    accessTtlMicros: param(p, 'accessTtlMicros', d.accessTtlMicros),
    refreshTtlSeconds: param(p, 'refreshTtlSeconds', d.refreshTtlSeconds),
    refreshes: param(p, 'refreshes', d.refreshes),
    victim: param(p, 'victim', d.victim),
    stealMicros: param(p, 'stealMicros', d.stealMicros),
    replayMicros: param(p, 'replayMicros', d.replayMicros),
  };
}

export const jwtAppKind: PartKind = {
  install(ctx, lookup) {
    const app = (name: string): JwtApp | undefined => {
      const p = lookup(name);
      return p instanceof JwtApp ? p : undefined;
    };
    ctx.handle<UserData>(USER, (d) => app(d.part)?.act(d.user));
    ctx.handle<AttackData>(ATTACK, (d) => app(d.part)?.attack(d.phase));
  },
  create: (ctx, config) => new JwtApp(ctx, config),
};
