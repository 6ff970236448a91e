import type { Reply } from '../../engine/index.ts';
import { after } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { WorldContext } from '../world/context.ts';
import type { PartConfig, PartKind } from '../world/world.ts';
import type { Actionable } from '../world/actionable.ts';
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
 * Rotation is one transaction, sent as one pipeline (one round trip):
 *
 *   MULTI
 *   SET rt:<old> used XX GET KEEPTTL        -- consume the old token, read what it was
 *   SET rt:<new> live|<family>|<user> PX <ttl>
 *   SADD fam:<family> <new>
 *   PEXPIRE fam:<family> <ttl>
 *   EXEC
 *
 * EXEC runs the four commands back to back on Redis's one thread: no other client's command
 * can land between them, so of any number of concurrent refreshes with the same token exactly
 * one sees `live|...` (and hands out its new token); every other one sees `used`. XX creates
 * nothing for unknown tokens; KEEPTTL lets the tombstone live as long as the token would
 * have, which is how long a replay stays detectable. A transaction cannot branch, so the new
 * token is written whatever the old one was; the app decides from the first reply:
 * `live|...`: rotated; `used`: reuse, someone holds a copy, the whole family is revoked
 * (SMEMBERS, then DEL of every token and the set; the token this transaction just added is a
 * member, so it goes too) and its user must log in again; nothing (expired, revoked, never
 * issued): the new token was never handed out, so the app deletes it (DEL, SREM) and the
 * holder must log in. Login writes the first token and the family the same way, in one
 * MULTI/EXEC. (Lua would branch inside Redis and skip the clean-up; the engine has no EVAL.)
 *
 * With a replica (`replica`), the app writes to the master; `failover` kills the master and
 * promotes the replica (REPLICAOF NO ONE) at once, as Sentinel would after its timeouts, and
 * the app writes there from then on. Replication is asynchronous: a rotation the master
 * acknowledged that has not reached the replica is lost, the new token is unknown to the new
 * master, and the old one is live there again.
 *
 * Interactive use (`scripted: false`): nobody acts on a schedule; a learner drives users and
 * the attacker through `act` (login, refresh, steal, replay, logout, failover), and every
 * pipeline and outcome is a trace note (`jwt:cmds`, `jwt:<outcome>`) for the event log.
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
  /** Users and the attacker act on their schedule; false: only through `act`. */
  readonly scripted: boolean;
  /** The replica node `failover` promotes ('' for none). */
  readonly replica: string;
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
  scripted: true,
  replica: '',
};

type Who = 'user' | 'attacker';
type Phase = 'out' | 'in' | 'idle' | 'done';

interface User {
  phase: Phase;
  token: string;
  refreshes: number;
  /** Set when the user was thrown out (reuse, expiry) and must log in again. */
  relogin: boolean;
  /** When the user's current access token expires, µs (0: none issued). */
  accessUntil: number;
}

type K =
  | { op: 'ignore' }
  | { op: 'login'; user: number; token: string; start: number }
  | { op: 'claim'; who: Who; user: number; token: string; next: string; start: number }
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
  readonly stolenFrom: number;
  readonly target: string;
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

export class JwtApp extends AppPart<K> implements Actionable {
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
  /** Whose token the attacker holds (-1: nobody's). */
  stolenFrom = -1;
  /** The node the app writes to: the master, or the replica promoted by `failover`. */
  target: string;

  constructor(ctx: WorldContext, config: PartConfig) {
    super(ctx, config.name);
    this.params = jwtParams(config.params);
    this.target = this.params.redis;
    this.users = Array.from({ length: this.params.users }, () => ({
      phase: 'out',
      token: '',
      refreshes: 0,
      relogin: false,
      accessUntil: 0,
    }));
  }

  onStart(): void {
    if (!this.params.scripted) return;
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

  /**
   * A learner's verb: `login <user>`, `refresh <user>`, `logout <user>`, `steal <user>` (the
   * attacker copies the user's current refresh token), `replay` (the attacker refreshes with
   * the copy), `failover`. Returns a line for the log; what Redis answers arrives later as
   * trace notes.
   */
  act(command: string, args: readonly string[]): string {
    const now = this.ctx.clock.now;
    if (command === 'replay') {
      if (this.stolen === '') return 'jwt: nothing stolen yet';
      this.claim('attacker', this.stolenFrom, this.stolen, now);
      return `jwt: replay ${this.stolen}`;
    }
    if (command === 'failover') return this.failover();
    const user = Number(args[0] ?? '0');
    const u = Number.isInteger(user) ? this.users[user] : undefined;
    if (u === undefined) return `jwt: no user ${args[0] ?? ''}`;
    switch (command) {
      case 'login':
        this.login(user, now);
        return `jwt: login ${user}`;
      case 'refresh':
        if (u.token === '') return `jwt: user ${user} is not logged in`;
        this.claim('user', user, u.token, now);
        return `jwt: refresh ${user}`;
      case 'logout':
        if (u.token === '') return `jwt: user ${user} is not logged in`;
        this.revoke('user', user, familyOf(u.token), 'logout', now);
        return `jwt: logout ${user}`;
      case 'steal':
        if (u.token === '') return `jwt: user ${user} has no token to steal`;
        this.stolen = u.token;
        this.stolenFrom = user;
        this.note(`jwt:stolen ${user} ${u.token}`);
        return `jwt: stolen ${u.token}`;
      default:
        return `jwt: unknown action '${command}' (login, refresh, logout, steal, replay, failover)`;
    }
  }

  /** Kills the master and promotes the replica; the app writes to the replica from now on. */
  private failover(): string {
    const replica = this.params.replica;
    if (replica === '' || this.target === replica) return 'jwt: no replica to fail over to';
    const master = this.node(this.target);
    if (master !== undefined && !master.down) {
      this.ctx.trace.append({
        type: 'crash',
        at: this.ctx.clock.now,
        node: master.name,
        kind: 'kill',
      });
      master.crash();
    }
    this.target = replica;
    this.call(replica, ['REPLICAOF', 'NO', 'ONE'], { op: 'ignore' });
    this.note(`jwt:failover ${replica}`);
    return `jwt: failover to ${replica}`;
  }

  private note(text: string): void {
    this.ctx.trace.append({ type: 'note', at: this.ctx.clock.now, text });
  }

  /** The user's next move, by phase. */
  move(user: number): void {
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
      this.stolenFrom = this.params.victim;
      this.ctx.trace.append({ type: 'note', at: this.ctx.clock.now, text: 'jwt:stolen' });
    } else if (this.stolen !== '') {
      this.claim('attacker', this.params.victim, this.stolen, this.ctx.clock.now);
    }
  }

  private login(user: number, start: number): void {
    const family = this.newId();
    const token = `${family}.${this.newId()}`;
    this.transaction('user', user, this.issue(token, user), { op: 'login', user, token, start });
  }

  /** The commands that store a new refresh token under its family. */
  private issue(token: string, user: number): string[][] {
    const family = familyOf(token);
    return [
      ['SET', `rt:${token}`, `live|${family}|${user}`, ...this.ttlArgs],
      ['SADD', `fam:${family}`, token],
      ['PEXPIRE', `fam:${family}`, this.ttlArgs[1]!],
    ];
  }

  /** MULTI, the commands, EXEC, pipelined on the app's connection; `k` gets EXEC's reply. */
  private transaction(who: Who, user: number, commands: readonly string[][], k: K): void {
    this.pipeline(who, user, [['MULTI'], ...commands, ['EXEC']], k);
  }

  /** Sends commands back to back (one round trip); `k` gets the last one's reply. */
  private pipeline(who: Who, user: number, commands: readonly string[][], k: K): void {
    const to = this.target;
    commands.forEach((argv, i) =>
      this.call(to, argv, i === commands.length - 1 ? k : { op: 'ignore' }),
    );
    if (!this.params.scripted) {
      this.note(`jwt:cmds ${who} ${user} ${commands.map((c) => c.join(' ')).join(' ; ')}`);
    }
  }

  private claim(who: Who, user: number, token: string, start: number): void {
    const next = `${familyOf(token)}.${this.newId()}`;
    this.transaction(
      who,
      user,
      [['SET', `rt:${token}`, 'used', 'XX', 'GET', 'KEEPTTL'], ...this.issue(next, user)],
      { op: 'claim', who, user, token, next, start },
    );
  }

  private revoke(who: Who, user: number, family: string, reason: Why, start: number): void {
    if (!this.params.scripted) this.note(`jwt:cmds ${who} ${user} SMEMBERS fam:${family}`);
    this.call(this.target, ['SMEMBERS', `fam:${family}`], {
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
        if (reply.kind !== 'array') {
          this.reject('user', k.user, k.start);
          return;
        }
        const u = this.users[k.user]!;
        u.phase = 'in';
        u.token = k.token;
        u.refreshes = 0;
        this.counters.logins++;
        if (u.relogin) this.counters.relogins++;
        u.relogin = false;
        this.counters.accessTokensIssued++;
        u.accessUntil = this.ctx.clock.now + this.params.accessTtlMicros;
        if (!this.params.scripted) this.note(`jwt:login ${k.user} ${k.token}`);
        this.done(k.start, k.user, this.params.accessTtlMicros);
        return;
      }
      case 'claim': {
        const was = reply.kind === 'array' && reply.items[0] ? bulkText(reply.items[0]) : undefined;
        if (was?.startsWith('live|') === true) {
          this.rotated(k.who, k.user, k.token, k.next, k.start);
        } else if (was === 'used') {
          this.counters.reuseDetected++;
          this.note(
            this.params.scripted ? `jwt:reuse ${k.who}` : `jwt:reuse ${k.who} ${k.user} ${k.token}`,
          );
          this.revoke(k.who, k.user, familyOf(k.token), 'reuse', k.start);
        } else {
          // Expired, revoked or never issued: the new token was never handed out; the holder
          // must log in.
          const family = familyOf(k.next);
          this.pipeline(
            k.who,
            k.user,
            [
              ['DEL', `rt:${k.next}`],
              ['SREM', `fam:${family}`, k.next],
            ],
            { op: 'ignore' },
          );
          if (!this.params.scripted) this.note(`jwt:unknown ${k.who} ${k.user} ${k.token}`);
          this.reject(k.who, k.user, k.start);
        }
        return;
      }
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
        if (!this.params.scripted) this.note(`jwt:revoked ${k.reason} ${k.who} ${k.user}`);
        if (k.reason === 'logout') {
          this.counters.logouts++;
          const u = this.users[k.user]!;
          u.phase = 'done';
          u.token = '';
          u.accessUntil = 0;
          this.latency.record(this.ctx.clock.now - k.start);
          return;
        }
        this.counters.familiesRevoked++;
        this.reject(k.who, k.user, k.start);
        return;
    }
  }

  private rotated(who: Who, user: number, old: string, token: string, start: number): void {
    this.counters.accessTokensIssued++;
    if (!this.params.scripted) this.note(`jwt:rotated ${who} ${user} ${old} ${token}`);
    if (who === 'attacker') {
      this.counters.attackerRotations++;
      this.stolen = token;
      return;
    }
    const u = this.users[user]!;
    this.counters.refreshes++;
    u.token = token;
    u.refreshes++;
    u.accessUntil = this.ctx.clock.now + this.params.accessTtlMicros;
    this.done(start, user, this.params.accessTtlMicros);
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
    u.accessUntil = 0;
    this.done(start, user, 0);
  }

  private done(start: number, user: number, nextIn: number): void {
    this.latency.record(this.ctx.clock.now - start);
    if (!this.params.scripted) return;
    this.ctx.schedule<UserData>(after(this.ctx.clock.now, nextIn), USER, { part: this.name, user });
  }

  snapshot(): JwtState {
    return {
      base: this.baseSnapshot(),
      users: this.users.map((u) => ({ ...u })),
      counters: { ...this.counters },
      stolen: this.stolen,
      stolenFrom: this.stolenFrom,
      target: this.target,
    };
  }

  restore(raw: unknown): void {
    const s = raw as JwtState;
    this.baseRestore(s.base);
    this.users = s.users.map((u) => ({ ...u }));
    this.counters = { ...s.counters };
    this.stolen = s.stolen;
    this.stolenFrom = s.stolenFrom;
    this.target = s.target;
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
    scripted: param(p, 'scripted', d.scripted),
    replica: param(p, 'replica', d.replica),
  };
}

export const jwtAppKind: PartKind = {
  install(ctx, lookup) {
    const app = (name: string): JwtApp | undefined => {
      const p = lookup(name);
      return p instanceof JwtApp ? p : undefined;
    };
    ctx.handle<UserData>(USER, (d) => app(d.part)?.move(d.user));
    ctx.handle<AttackData>(ATTACK, (d) => app(d.part)?.attack(d.phase));
  },
  create: (ctx, config) => new JwtApp(ctx, config),
};
