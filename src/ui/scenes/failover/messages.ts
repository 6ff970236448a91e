import type { Language } from '../../i18n/messages.ts';
import type { PhaseId, SelectionRule } from './model.ts';
import { grouped } from '../../i18n/numbers.ts';

/** Redis's own error replies, word for word (the same in every language). */
export const NOREPLICAS = 'NOREPLICAS Not enough good replicas to write.';
export const READONLY = "READONLY You can't write against a read only replica.";

type Args = Readonly<Record<string, string | number>>;

/** The failover scene's words. Button names say what the button does. */
export interface FailoverMessages {
  killMaster: string;
  restartOldMaster: string;
  partitionMaster: string;
  healPartition: string;
  faults: string;
  speedUp: string;
  speedUpHint: (downAfterMs: number, failoverTimeoutMs: number) => string;
  minReplicas: string;
  minReplicasHint: string;
  latency: string;
  latencies: Record<'fast' | 'slow', string>;
  stageTitle: string;
  stageSummary: (masters: string, target: string) => string;
  currentMaster: string;
  splitBrain: string;
  noMaster: string;
  master: string;
  replicaOf: (m: string) => string;
  down: string;
  isolated: string;
  sentinelNames: (m: string) => string;
  epoch: (n: number) => string;
  votedFor: (leader: string, epoch: number) => string;
  client: string;
  writesTo: (m: string) => string;
  timeline: string;
  phase: string;
  started: string;
  duration: string;
  waiting: string;
  phaseNames: Record<PhaseId, string>;
  phaseTotal: string;
  timings: (downAfterMs: number, failoverTimeoutMs: number) => string;
  election: string;
  electionNone: string;
  electionEpoch: (epoch: number, leader: string) => string;
  voter: string;
  vote: string;
  noVote: string;
  selection: string;
  selectionNone: string;
  chosen: (node: string) => string;
  rules: Record<SelectionRule, string>;
  replica: string;
  priority: string;
  offset: string;
  runId: string;
  lostWrites: string;
  lostList: string;
  lostNone: string;
  lostMore: (n: number) => string;
  lostPending: string;
  writes: string;
  ackedBy: (node: string, n: number) => string;
  ackedSinceFault: (node: string, n: number) => string;
  refused: string;
  lastRefusal: (node: string) => string;
  chartAcked: string;
  chartRefused: string;
  perSecond: (n: number) => string;
  log: Record<string, (a: Args) => string>;
}

const sec = (ms: number) => `${grouped(ms / 1000, 'en-US')} s`;

const en: FailoverMessages = {
  killMaster: 'Kill master',
  restartOldMaster: 'Restart old master',
  partitionMaster: 'Partition master',
  healPartition: 'Heal partition',
  faults: 'Break things',
  speedUp: 'Speed up timeouts',
  speedUpHint: (d, f) =>
    `down-after-milliseconds ${d}, failover-timeout ${f} (Redis's defaults are 30000 and 180000). Changing it starts the scene again.`,
  minReplicas: 'min-replicas-to-write',
  minReplicasHint:
    'A master refuses writes unless this many replicas acknowledged within min-replicas-max-lag (10 s). Changing it starts the scene again.',
  latency: 'Network latency',
  latencies: { fast: '0.05 ms (one rack)', slow: '20 ms (another region)' },
  stageTitle: 'Three sentinels watch one master and two replicas; the app writes through them',
  stageSummary: (m, target) => `Master now: ${m}. The app writes to ${target}.`,
  currentMaster: 'Master',
  splitBrain: 'split brain: two masters take writes',
  noMaster: 'none',
  master: 'master',
  replicaOf: (m) => `replica of ${m}`,
  down: 'down (killed)',
  isolated: 'cut off',
  sentinelNames: (m) => `names ${m}`,
  epoch: (n) => `epoch ${n}`,
  votedFor: (leader, epoch) => `voted ${leader} (epoch ${epoch})`,
  client: 'app (Sentinel-aware client)',
  writesTo: (m) => `writes to ${m}`,
  timeline: 'Failover phases (virtual time)',
  phase: 'Phase',
  started: 'Started',
  duration: 'Took',
  waiting: 'waiting',
  phaseNames: {
    detect: 'No reply for down-after-milliseconds: SDOWN',
    agree: 'Quorum agrees: ODOWN',
    elect: 'Leader election',
    promote: 'Best replica chosen and promoted',
    reconfigure: 'Other replica re-pointed',
    switch: 'Every sentinel names the new master',
    reconnect: 'Writes reach the new master (from the fault)',
  },
  phaseTotal: 'Fault to writes on the new master',
  timings: (d, f) => `down-after-milliseconds ${d} (${sec(d)}), failover-timeout ${f} (${sec(f)})`,
  election: 'Election',
  electionNone: 'No election yet.',
  electionEpoch: (e, leader) => `Epoch ${e}: ${leader} won.`,
  voter: 'Sentinel',
  vote: 'Voted for (epoch)',
  noVote: 'no vote',
  selection: 'Which replica, and why',
  selectionNone: 'No replica chosen yet.',
  chosen: (n) => `${n} was promoted.`,
  rules: {
    only: 'It was the only replica fit to be promoted.',
    priority: 'It had the lower replica-priority (checked first).',
    offset:
      'Same replica-priority; it had the larger replication offset: it had received more of the data.',
    runid: 'Same priority and the same offset; its run id sorts first (the last tie-break).',
  },
  replica: 'Replica',
  priority: 'Priority',
  offset: 'Offset',
  runId: 'Run id',
  lostWrites: 'Lost writes',
  lostList: 'Acknowledged writes the new master does not have',
  lostNone: 'None: every acknowledged write is on the master.',
  lostMore: (n) => `and ${grouped(n, 'en-US')} more`,
  lostPending: 'counted once a new master is named',
  writes: 'The app’s writes',
  ackedBy: (node, n) => `${node} acknowledged ${grouped(n, 'en-US')}`,
  ackedSinceFault: (node, n) => `${node}: ${grouped(n, 'en-US')} since the fault`,
  refused: 'Refused',
  lastRefusal: (node) => `Last refusal, from ${node}:`,
  chartAcked: 'Writes acknowledged per second',
  chartRefused: 'Writes refused per second',
  perSecond: (n) => `${grouped(n, 'en-US')}/s`,
  log: {
    killed: (a) => `${a['node']} was killed (SIGKILL). Its writes in flight die with it.`,
    restarted: (a) => `${a['node']} started again, with the role its config file names.`,
    linkCut: (a) => `The network between ${a['a']} and ${a['b']} is cut.`,
    linkHealed: (a) => `The network between ${a['a']} and ${a['b']} works again.`,
    sdown: (a) => `${a['s']}: ${a['node']} is subjectively down (+sdown).`,
    sdownCleared: (a) => `${a['s']}: ${a['node']} answers again (-sdown).`,
    odown: (a) => `${a['s']}: ${a['node']} is objectively down, quorum ${a['quorum']} (+odown).`,
    tryFailover: (a) => `${a['s']} starts a failover of ${a['node']} under a new epoch.`,
    vote: (a) => `${a['s']} votes for ${a['leader']} in epoch ${a['epoch']}.`,
    elected: (a) => `${a['s']} won the election and leads the failover.`,
    selected: (a) => `${a['s']} chose ${a['node']} (decided by ${a['rule']}).`,
    promoted: (a) => `${a['node']} is a master now (REPLICAOF NO ONE).`,
    reconfSent: (a) => `${a['s']} re-points ${a['node']} to the new master.`,
    reconfDone: (a) => `${a['node']} replicates the new master.`,
    failoverEnd: (a) => `${a['s']}: failover finished.`,
    switchMaster: (a) => `${a['s']} now names ${a['to']} instead of ${a['from']}.`,
    convertToSlave: (a) => `${a['s']} turns ${a['node']} into a replica of the new master.`,
    clientMoved: (a) => `The app asked a sentinel and now writes to ${a['to']} (was ${a['from']}).`,
    replicaOf: (a) => `${a['node']} is now a replica of ${a['master']}.`,
    abort: (a) => `${a['s']} gave up this attempt (${a['why']}).`,
  },
};

const ko: FailoverMessages = {
  killMaster: '마스터 죽이기',
  restartOldMaster: '옛 마스터 다시 켜기',
  partitionMaster: '마스터 네트워크 끊기',
  healPartition: '네트워크 복구',
  faults: '장애 일으키기',
  speedUp: '타임아웃 줄이기',
  speedUpHint: (d, f) =>
    `down-after-milliseconds ${d}, failover-timeout ${f} (Redis 기본값은 30000과 180000). 바꾸면 장면이 처음부터 다시 시작합니다.`,
  minReplicas: 'min-replicas-to-write',
  minReplicasHint:
    'min-replicas-max-lag(10초) 안에 응답한 복제본이 이 수보다 적으면 마스터가 쓰기를 거부합니다. 바꾸면 장면이 처음부터 다시 시작합니다.',
  latency: '네트워크 지연',
  latencies: { fast: '0.05 ms (같은 랙)', slow: '20 ms (다른 리전)' },
  stageTitle:
    '센티널 세 대가 마스터 하나와 복제본 둘을 지켜보고, 앱은 센티널에게 물어 쓰기를 보냅니다',
  stageSummary: (m, target) => `지금 마스터: ${m}. 앱은 ${target}에 씁니다.`,
  currentMaster: '마스터',
  splitBrain: '스플릿 브레인: 마스터 둘이 동시에 쓰기를 받습니다',
  noMaster: '없음',
  master: '마스터',
  replicaOf: (m) => `${m}의 복제본`,
  down: '다운 (강제 종료됨)',
  isolated: '고립됨',
  sentinelNames: (m) => `마스터로 ${m} 지목`,
  epoch: (n) => `에포크 ${n}`,
  votedFor: (leader, epoch) => `${leader}에 투표 (에포크 ${epoch})`,
  client: '앱 (센티널을 아는 클라이언트)',
  writesTo: (m) => `${m}에 쓰는 중`,
  timeline: '페일오버 단계 (가상 시간)',
  phase: '단계',
  started: '시작',
  duration: '걸린 시간',
  waiting: '대기 중',
  phaseNames: {
    detect: 'down-after-milliseconds 동안 응답 없음: SDOWN',
    agree: '쿼럼이 동의: ODOWN',
    elect: '리더 선출',
    promote: '가장 알맞은 복제본을 골라 승격',
    reconfigure: '다른 복제본이 새 마스터를 따라감',
    switch: '모든 센티널이 새 마스터를 지목',
    reconnect: '쓰기가 새 마스터에 도달 (장애부터)',
  },
  phaseTotal: '장애부터 새 마스터에 쓰기까지',
  timings: (d, f) =>
    `down-after-milliseconds ${d} (${d / 1000}초), failover-timeout ${f} (${f / 1000}초)`,
  election: '선출',
  electionNone: '아직 선출이 없습니다.',
  electionEpoch: (e, leader) => `에포크 ${e}: ${leader}가 이겼습니다.`,
  voter: '센티널',
  vote: '투표 대상 (에포크)',
  noVote: '투표 안 함',
  selection: '어떤 복제본을, 왜 골랐나',
  selectionNone: '아직 고른 복제본이 없습니다.',
  chosen: (n) => `${n}가 승격되었습니다.`,
  rules: {
    only: '승격할 수 있는 복제본이 이것 하나뿐이었습니다.',
    priority: 'replica-priority가 더 낮았습니다 (가장 먼저 비교합니다).',
    offset:
      'replica-priority는 같고, 복제 오프셋이 더 컸습니다. 데이터를 더 많이 받아 둔 복제본입니다.',
    runid: '우선순위도 오프셋도 같아서, run id가 사전순으로 앞선 쪽을 골랐습니다 (마지막 기준).',
  },
  replica: '복제본',
  priority: '우선순위',
  offset: '오프셋',
  runId: 'run id',
  lostWrites: '잃어버린 쓰기',
  lostList: '응답(OK)을 받았지만 새 마스터에는 없는 쓰기',
  lostNone: '없습니다. 응답받은 쓰기가 모두 마스터에 있습니다.',
  lostMore: (n) => `외 ${grouped(n, 'ko-KR')}개`,
  lostPending: '새 마스터가 정해지면 셉니다',
  writes: '앱의 쓰기',
  ackedBy: (node, n) => `${node}가 ${grouped(n, 'ko-KR')}개 응답`,
  ackedSinceFault: (node, n) => `${node}: 장애 이후 ${grouped(n, 'ko-KR')}개`,
  refused: '거부됨',
  lastRefusal: (node) => `마지막 거부 (${node}):`,
  chartAcked: '초당 응답받은 쓰기',
  chartRefused: '초당 거부된 쓰기',
  perSecond: (n) => `초당 ${grouped(n, 'ko-KR')}`,
  log: {
    killed: (a) =>
      `${a['node']}가 강제 종료되었습니다 (SIGKILL). 아직 보내지 못한 쓰기도 함께 사라집니다.`,
    restarted: (a) => `${a['node']}가 다시 켜졌습니다. 설정 파일에 적힌 역할로 시작합니다.`,
    linkCut: (a) => `${a['a']}와 ${a['b']} 사이의 네트워크가 끊겼습니다.`,
    linkHealed: (a) => `${a['a']}와 ${a['b']} 사이의 네트워크가 다시 이어졌습니다.`,
    sdown: (a) => `${a['s']}: ${a['node']}가 주관적 다운입니다 (+sdown).`,
    sdownCleared: (a) => `${a['s']}: ${a['node']}가 다시 응답합니다 (-sdown).`,
    odown: (a) => `${a['s']}: ${a['node']}가 객관적 다운입니다. 쿼럼 ${a['quorum']} (+odown).`,
    tryFailover: (a) => `${a['s']}가 새 에포크로 ${a['node']}의 페일오버를 시작합니다.`,
    vote: (a) => `${a['s']}가 에포크 ${a['epoch']}에서 ${a['leader']}에 투표합니다.`,
    elected: (a) => `${a['s']}가 선출되어 페일오버를 이끕니다.`,
    selected: (a) => `${a['s']}가 ${a['node']}를 골랐습니다 (결정 기준: ${a['rule']}).`,
    promoted: (a) => `${a['node']}가 이제 마스터입니다 (REPLICAOF NO ONE).`,
    reconfSent: (a) => `${a['s']}가 ${a['node']}에게 새 마스터를 따르라고 합니다.`,
    reconfDone: (a) => `${a['node']}가 새 마스터를 복제합니다.`,
    failoverEnd: (a) => `${a['s']}: 페일오버가 끝났습니다.`,
    switchMaster: (a) => `${a['s']}가 이제 ${a['from']} 대신 ${a['to']}를 마스터로 지목합니다.`,
    convertToSlave: (a) => `${a['s']}가 ${a['node']}를 새 마스터의 복제본으로 바꿉니다.`,
    clientMoved: (a) => `앱이 센티널에게 물어보고 이제 ${a['to']}에 씁니다 (이전: ${a['from']}).`,
    replicaOf: (a) => `${a['node']}가 이제 ${a['master']}의 복제본입니다.`,
    abort: (a) => `${a['s']}가 이번 시도를 포기했습니다 (${a['why']}).`,
  },
};

export const failoverCatalogues: Record<Language, FailoverMessages> = { en, ko };
