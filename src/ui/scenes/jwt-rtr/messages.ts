import type { Language } from '../../i18n/messages.ts';
import type { SessionState, TokenState } from './model.ts';

type Args = Readonly<Record<string, string | number>>;

/** The jwt-rtr scene's words. Controls are named after what they do. */
export interface JwtMessages {
  user: (n: number) => string;
  chooseUser: string;
  login: string;
  refresh: string;
  steal: string;
  replay: string;
  logout: string;
  failover: string;
  failoverHint: string;
  withReplica: string;
  withReplicaHint: string;
  users: string;
  attacker: string;
  authServer: string;
  master: string;
  replica: string;
  oldMaster: string;
  down: string;
  lag: (s: string) => string;
  session: Record<SessionState, string>;
  token: Record<TokenState, string>;
  family: (id: string, size: number) => string;
  refreshToken: (token: string) => string;
  accessToken: (seconds: string) => string;
  accessExpired: string;
  stolenToken: (token: string, state: string) => string;
  nothingStolen: string;
  lastTrip: string;
  lastTripNone: string;
  lastTripBy: (who: string) => string;
  keysOn: (node: string) => string;
  noKeys: string;
  nodeDown: string;
  stageSummary: (live: number, used: number, failedOver: boolean) => string;
  figures: {
    logins: string;
    rotations: string;
    reuse: string;
    revoked: string;
    logouts: string;
    refused: string;
    attackerRotations: string;
  };
  chartKeys: string;
  keys: (n: number) => string;
  log: Record<string, (a: Args) => string>;
}

const en: JwtMessages = {
  user: (n) => `User ${n}`,
  chooseUser: 'User',
  login: 'Log in',
  refresh: 'Refresh',
  steal: 'Steal refresh token',
  replay: 'Replay stolen token',
  logout: 'Log out',
  failover: 'Fail over now',
  failoverHint:
    'The master dies and the replica is promoted at once; writes it had not received yet are gone.',
  withReplica: 'With a replica (failover)',
  withReplicaHint: 'Restarts the scene with or without a replica behind a slow link.',
  users: 'Users',
  attacker: 'Attacker',
  authServer: 'Auth server',
  master: 'Redis master',
  replica: 'Replica',
  oldMaster: 'Old master',
  down: 'down',
  lag: (s) => `replication, ${s} s behind`,
  session: {
    out: 'logged out',
    live: 'signed in',
    revoked: 'family revoked: next refresh fails',
    expired: 'idle too long: session expired',
    lost: 'token lost in the failover',
    loggedOut: 'logged out (keys deleted)',
    mustLogIn: 'must log in again',
  },
  token: { live: 'live', used: 'used', gone: 'gone' },
  family: (id, n) => `family ${id}: ${n} token${n === 1 ? '' : 's'}`,
  refreshToken: (tk) => `refresh token ${tk}`,
  accessToken: (s) => `access token: ${s} s left`,
  accessExpired: 'access token expired',
  stolenToken: (tk, state) => `holds ${tk} (${state} on the master)`,
  nothingStolen: 'holds nothing yet',
  lastTrip: 'Last round trip to Redis',
  lastTripNone: 'Nothing sent yet. Choose a user and press Log in.',
  lastTripBy: (who) => `sent for ${who}, in one go:`,
  keysOn: (node) => `Keys on ${node}`,
  noKeys: 'No keys.',
  nodeDown: 'The process is down: its memory is gone.',
  stageSummary: (live, used, f) =>
    `${live} live refresh tokens and ${used} used ones on the master${f ? ', after a failover' : ''}.`,
  figures: {
    logins: 'Logins',
    rotations: 'Rotations',
    reuse: 'Reuse detected',
    revoked: 'Families revoked',
    logouts: 'Logouts',
    refused: 'Refreshes refused',
    attackerRotations: 'Attacker refreshes that worked',
  },
  chartKeys: 'Refresh-token keys on the master',
  keys: (n) => `${n} keys`,
  log: {
    cmds: (a) => `User ${a['user']}: ${a['cmds']}`,
    cmdsAttacker: (a) => `Attacker: ${a['cmds']}`,
    login: (a) => `User ${a['user']} logged in: refresh token ${a['token']} stored with its TTL.`,
    rotated: (a) => `User ${a['user']} refreshed: ${a['old']} is now used, ${a['token']} is live.`,
    attackerRotated: (a) =>
      `The attacker's replay worked: ${a['old']} was live, so it got a fresh token ${a['token']}.`,
    reuse: (a) =>
      `Reuse detected: ${a['token']} had already been used. Revoking user ${a['user']}'s whole family.`,
    revoked: (a) => `User ${a['user']}'s token family is deleted; they must log in again.`,
    logout: (a) => `User ${a['user']} logged out: the token and its family are deleted.`,
    unknown: (a) =>
      `User ${a['user']}'s refresh with ${a['token']} was refused (expired, revoked or lost): log in again.`,
    unknownAttacker: (a) =>
      `The attacker's replay of ${a['token']} was refused: the token is gone.`,
    stolen: (a) => `The attacker copied user ${a['user']}'s refresh token ${a['token']}.`,
    failover: (a) => `Failover: the master is dead, ${a['node']} is the master now.`,
  },
};

const ko: JwtMessages = {
  user: (n) => `사용자 ${n}`,
  chooseUser: '사용자',
  login: '로그인',
  refresh: '토큰 갱신',
  steal: '리프레시 토큰 훔치기',
  replay: '훔친 토큰 재사용',
  logout: '로그아웃',
  failover: '지금 페일오버',
  failoverHint:
    '마스터가 죽고 레플리카가 곧바로 승격됩니다. 아직 레플리카에 닿지 않은 쓰기는 사라집니다.',
  withReplica: '레플리카 두기 (페일오버)',
  withReplicaHint: '느린 링크 뒤에 레플리카를 두거나 빼고 장면을 다시 시작합니다.',
  users: '사용자',
  attacker: '공격자',
  authServer: '인증 서버',
  master: 'Redis 마스터',
  replica: '레플리카',
  oldMaster: '옛 마스터',
  down: '다운',
  lag: (s) => `복제, ${s}초 늦음`,
  session: {
    out: '로그아웃 상태',
    live: '로그인됨',
    revoked: '패밀리 폐기됨: 다음 갱신은 실패',
    expired: '오래 쉬어서 세션 만료',
    lost: '페일오버로 토큰 유실',
    loggedOut: '로그아웃 (키 삭제됨)',
    mustLogIn: '다시 로그인해야 함',
  },
  token: { live: '유효', used: '사용됨', gone: '없음' },
  family: (id, n) => `패밀리 ${id}: 토큰 ${n}개`,
  refreshToken: (tk) => `리프레시 토큰 ${tk}`,
  accessToken: (s) => `액세스 토큰: ${s}초 남음`,
  accessExpired: '액세스 토큰 만료',
  stolenToken: (tk, state) => `${tk} 보유 (마스터에서 ${state})`,
  nothingStolen: '아직 가진 토큰 없음',
  lastTrip: 'Redis로 보낸 마지막 왕복',
  lastTripNone: '아직 보낸 것이 없습니다. 사용자를 고르고 로그인을 누르세요.',
  lastTripBy: (who) => `${who} 요청, 한 번에 보냄:`,
  keysOn: (node) => `${node}의 키`,
  noKeys: '키가 없습니다.',
  nodeDown: '프로세스가 죽었습니다. 메모리에 있던 것은 모두 사라졌습니다.',
  stageSummary: (live, used, f) =>
    `${f ? '페일오버 뒤 ' : ''}마스터에 유효한 리프레시 토큰 ${live}개, 사용된 토큰 ${used}개가 있습니다.`,
  figures: {
    logins: '로그인',
    rotations: '토큰 교체',
    reuse: '재사용 탐지',
    revoked: '폐기한 패밀리',
    logouts: '로그아웃',
    refused: '거절된 갱신',
    attackerRotations: '성공한 공격자 갱신',
  },
  chartKeys: '마스터의 리프레시 토큰 키',
  keys: (n) => `키 ${n}개`,
  log: {
    cmds: (a) => `사용자 ${a['user']}: ${a['cmds']}`,
    cmdsAttacker: (a) => `공격자: ${a['cmds']}`,
    login: (a) =>
      `사용자 ${a['user']} 로그인: 리프레시 토큰 ${a['token']}을(를) TTL과 함께 저장했습니다.`,
    rotated: (a) =>
      `사용자 ${a['user']} 토큰 갱신: ${a['old']}은(는) 사용됨, 이제 ${a['token']}이(가) 유효합니다.`,
    attackerRotated: (a) =>
      `공격자의 재사용이 통했습니다. ${a['old']}이(가) 유효했기 때문에 새 토큰 ${a['token']}을(를) 받았습니다.`,
    reuse: (a) =>
      `재사용 탐지: ${a['token']}은(는) 이미 쓰인 토큰입니다. 사용자 ${a['user']}의 패밀리 전체를 폐기합니다.`,
    revoked: (a) => `사용자 ${a['user']}의 토큰 패밀리를 지웠습니다. 다시 로그인해야 합니다.`,
    logout: (a) => `사용자 ${a['user']} 로그아웃: 토큰과 패밀리를 지웠습니다.`,
    unknown: (a) =>
      `사용자 ${a['user']}의 ${a['token']} 갱신이 거절됐습니다 (만료, 폐기 또는 유실). 다시 로그인해야 합니다.`,
    unknownAttacker: (a) => `공격자의 ${a['token']} 재사용이 거절됐습니다. 토큰이 이미 없습니다.`,
    stolen: (a) => `공격자가 사용자 ${a['user']}의 리프레시 토큰 ${a['token']}을(를) 복사했습니다.`,
    failover: (a) => `페일오버: 마스터가 죽고 이제 ${a['node']}이(가) 마스터입니다.`,
  },
};

export const jwtCatalogues: Record<Language, JwtMessages> = { en, ko };
