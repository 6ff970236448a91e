import type { Language } from '../../i18n/messages.ts';
import type { NodeState } from './figures.ts';
import { grouped } from '../../i18n/numbers.ts';

type Args = Readonly<Record<string, string | number>>;

/** The cluster scene's words. Controls are named after what they do. */
export interface ClusterMessages {
  key: string;
  keyHint: string;
  keySlot: (slot: number) => string;
  keyOwner: (owner: string) => string;
  keyNoOwner: string;
  keyHashed: (hashed: string, tagged: boolean) => string;
  addNode: string;
  addNodeHint: string;
  killMaster: string;
  killMasterHint: string;
  msetCross: string;
  msetTagged: string;
  msetHint: string;
  lastReply: string;
  noReplyYet: string;
  slotsTitle: string;
  slotsSummary: (owners: string) => string;
  slotsOf: (node: string, n: number) => string;
  slotCount: (n: number) => string;
  migrating: (slot: number, from: string, to: string) => string;
  migratingShort: string;
  importingShort: string;
  reshard: (moved: number, keys: number, target: string, done: boolean) => string;
  keyMark: string;
  nodesTitle: string;
  roles: { master: string; replica: string };
  replicaOf: (master: string) => string;
  states: Record<NodeState, string>;
  flaggedBy: (n: number) => string;
  scaleTitle: string;
  scaleUp: string;
  scaleOut: (n: number) => string;
  ceiling: string;
  memory: string;
  memoryPerNode: string;
  load: string;
  scaleNote: (micros: string) => string;
  opsPerSec: (n: number) => string;
  redirectsTitle: string;
  client: string;
  moved: string;
  ask: string;
  clientNames: Record<string, string>;
  chartLoad: (node: string) => string;
  applySettings: string;
  knobs: Record<string, string>;
  log: Record<string, (a: Args) => string>;
}

const bytes = (n: number): string =>
  n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
const thousands = (n: number): string => grouped(Math.round(n), 'en-US');

export const formatBytes = bytes;
export const formatCount = thousands;

const en: ClusterMessages = {
  key: 'Key',
  keyHint: 'Type a key: its hash slot and owner come from the simulation’s CRC16.',
  keySlot: (s) => `slot ${s}`,
  keyOwner: (o) => `owner ${o}`,
  keyNoOwner: 'no owner (slot unassigned)',
  keyHashed: (h, tagged) =>
    tagged ? `hash tag: only “${h}” is hashed` : `no hash tag: the whole key is hashed`,
  addNode: 'Add node',
  addNodeHint: 'A spare node joins (CLUSTER MEET) and slots move to it, key by key.',
  killMaster: 'Kill master',
  killMasterHint:
    'The master process dies; its peers flag it PFAIL, then FAIL, and its replica takes over.',
  msetCross: 'Send MSET across slots',
  msetTagged: 'Send MSET with hash tag',
  msetHint: 'Multi-key commands work only when every key hashes to one slot.',
  lastReply: 'Last reply',
  noReplyYet: 'none yet',
  slotsTitle: '16384 hash slots, coloured by owner',
  slotsSummary: (owners) => `Slot owners: ${owners}`,
  slotsOf: (node, n) => `${node}: ${thousands(n)} slots`,
  slotCount: (n) => `${thousands(n)} slots`,
  migrating: (slot, from, to) => `slot ${slot}: MIGRATING on ${from} → IMPORTING on ${to}`,
  migratingShort: 'MIGRATING',
  importingShort: 'IMPORTING',
  reshard: (moved, keys, target, done) =>
    done
      ? `Resharding done: ${thousands(moved)} slots, ${thousands(keys)} keys moved to ${target}`
      : `Resharding to ${target}: ${thousands(moved)} slots, ${thousands(keys)} keys moved so far`,
  keyMark: 'your key',
  nodesTitle: 'Nodes',
  roles: { master: 'master', replica: 'replica' },
  replicaOf: (m) => `replica of ${m}`,
  states: {
    ok: 'ok',
    down: 'process down',
    pfail: 'PFAIL',
    fail: 'FAIL',
    spare: 'not in the cluster',
  },
  flaggedBy: (n) => `flagged by ${n}`,
  scaleTitle: 'Scale up or scale out',
  scaleUp: 'One bigger node',
  scaleOut: (n) => `${n} nodes`,
  ceiling: 'Throughput ceiling',
  memory: 'Memory on one node',
  memoryPerNode: 'Memory on the fullest node',
  load: 'Load now',
  scaleNote: (micros) =>
    `A request takes ${micros} µs of a node’s one thread: reading it, running it, writing the reply (measured in this run). More cores do not raise one node’s ceiling; more nodes do, and each holds only its share of the data.`,
  opsPerSec: (n) => `${thousands(n)} ops/s`,
  redirectsTitle: 'Redirects the cluster-aware clients followed',
  client: 'Client',
  moved: 'MOVED',
  ask: 'ASK',
  clientNames: { app: 'app (GET/SET load)', demo: 'demo (your MSETs)' },
  chartLoad: (node) => `${node} ops/s`,
  applySettings: 'Apply settings and restart',
  knobs: {
    masters: 'Masters',
    replicas: 'A replica per master',
    rate: 'Requests per second',
    hotShare: 'Share of requests to one hot slot',
    reshardSlots: 'Slots moved by Add node',
    migrateRate: 'Migration pace (keys/s, 0: as fast as redis-cli)',
    'cluster-node-timeout': 'cluster-node-timeout (ms)',
    clientMap: 'Client slot map at start (learn: from MOVED; fetch: CLUSTER SLOTS)',
  },
  log: {
    crash: (a) => `${a['node']} was killed.`,
    moved: (a) =>
      `${a['client']}: MOVED ${a['slot']} from ${a['from']} to ${a['to']}; the client updates its slot map.`,
    movedMore: (a) =>
      `${a['client']}: MOVED ${a['slot']} from ${a['from']} to ${a['to']}; further MOVED replies are counted, not listed.`,
    ask: (a) =>
      `${a['client']}: ASK ${a['slot']} from ${a['from']} to ${a['to']}; ASKING, then the command, once. The map stays.`,
    pfail: (a) => `${a['by']} flags ${a['node']} PFAIL (no pong within cluster-node-timeout).`,
    fail: (a) =>
      `${a['by']} marks ${a['node']} FAIL: ${a['reports']} of ${a['needed']} masters needed agree.`,
    failoverScheduled: (a) =>
      `${a['node']} (rank ${a['rank']}) will ask for votes in ${a['ms']} ms.`,
    vote: (a) => `${a['by']} votes for ${a['node']} (epoch ${a['epoch']}).`,
    promoted: (a) =>
      `${a['node']} is now a master in place of ${a['old']}: ${a['slots']} slots, epoch ${a['epoch']}.`,
    addNode: (a) =>
      `Add node: ${a['node']} meets the cluster at ${a['address']}; ${a['slots']} slots will move.`,
    joined: (a) => `${a['node']} joined: every master knows it. Slots start to move.`,
    reshardDone: (a) =>
      `Resharding done: ${a['slots']} slots, ${a['keys']} keys moved to ${a['node']}.`,
    killed: (a) => `Kill master: ${a['node']} is down.`,
    replyOk: (a) => `${a['client']}: ${a['command']} → ${a['reply']}`,
    replyError: (a) => `${a['client']}: ${a['command']} → (error) ${a['reply']}`,
    admin: (a) => `Operator: ${a['text']}`,
  },
};

const ko: ClusterMessages = {
  key: '키',
  keyHint: '키를 입력하세요. 해시 슬롯과 주인은 시뮬레이션의 CRC16으로 계산합니다.',
  keySlot: (s) => `슬롯 ${s}`,
  keyOwner: (o) => `주인 ${o}`,
  keyNoOwner: '주인 없음 (배정되지 않은 슬롯)',
  keyHashed: (h, tagged) =>
    tagged ? `해시 태그: “${h}”만 해시합니다` : '해시 태그 없음: 키 전체를 해시합니다',
  addNode: '노드 추가',
  addNodeHint: '예비 노드가 클러스터에 들어오고(CLUSTER MEET) 슬롯이 키 단위로 옮겨 갑니다.',
  killMaster: '마스터 죽이기',
  killMasterHint:
    '마스터 프로세스가 죽습니다. 다른 노드들이 PFAIL, 이어서 FAIL로 표시하고 레플리카가 자리를 넘겨받습니다.',
  msetCross: '여러 슬롯에 걸친 MSET 보내기',
  msetTagged: '해시 태그로 MSET 보내기',
  msetHint: '여러 키를 다루는 명령은 모든 키가 한 슬롯에 있을 때만 됩니다.',
  lastReply: '마지막 응답',
  noReplyYet: '아직 없음',
  slotsTitle: '해시 슬롯 16384개, 주인별 색',
  slotsSummary: (owners) => `슬롯 주인: ${owners}`,
  slotsOf: (node, n) => `${node}: 슬롯 ${thousands(n)}개`,
  slotCount: (n) => `슬롯 ${thousands(n)}개`,
  migrating: (slot, from, to) => `슬롯 ${slot}: ${from}에서 MIGRATING → ${to}에서 IMPORTING`,
  migratingShort: 'MIGRATING',
  importingShort: 'IMPORTING',
  reshard: (moved, keys, target, done) =>
    done
      ? `리샤딩 끝: 슬롯 ${thousands(moved)}개, 키 ${thousands(keys)}개가 ${target}(으)로 옮겨졌습니다`
      : `${target}(으)로 리샤딩 중: 지금까지 슬롯 ${thousands(moved)}개, 키 ${thousands(keys)}개`,
  keyMark: '입력한 키',
  nodesTitle: '노드',
  roles: { master: '마스터', replica: '레플리카' },
  replicaOf: (m) => `${m}의 레플리카`,
  states: { ok: '정상', down: '프로세스 죽음', pfail: 'PFAIL', fail: 'FAIL', spare: '클러스터 밖' },
  flaggedBy: (n) => `${n}개 노드가 표시`,
  scaleTitle: '스케일 업이냐 스케일 아웃이냐',
  scaleUp: '더 큰 노드 하나',
  scaleOut: (n) => `노드 ${n}개`,
  ceiling: '처리량 한계',
  memory: '노드 하나의 메모리',
  memoryPerNode: '가장 많이 든 노드의 메모리',
  load: '지금 부하',
  scaleNote: (micros) =>
    `요청 하나가 노드의 유일한 스레드를 ${micros} µs 씁니다. 요청을 읽고, 실행하고, 응답을 쓰는 시간입니다(이번 실행에서 잰 값). 코어를 늘려도 노드 하나의 한계는 그대로이고, 노드를 늘리면 한계가 늘면서 각 노드는 데이터의 제 몫만 가집니다.`,
  opsPerSec: (n) => `초당 ${thousands(n)}건`,
  redirectsTitle: '클러스터를 아는 클라이언트가 따라간 리다이렉트',
  client: '클라이언트',
  moved: 'MOVED',
  ask: 'ASK',
  clientNames: { app: 'app (GET/SET 부하)', demo: 'demo (직접 보낸 MSET)' },
  chartLoad: (node) => `${node} 초당 명령 수`,
  applySettings: '설정 적용하고 다시 시작',
  knobs: {
    masters: '마스터 수',
    replicas: '마스터마다 레플리카 하나',
    rate: '초당 요청 수',
    hotShare: '뜨거운 슬롯 하나로 가는 요청 비율',
    reshardSlots: '노드 추가 때 옮길 슬롯 수',
    migrateRate: '옮기는 속도 (초당 키, 0: redis-cli만큼 빠르게)',
    'cluster-node-timeout': 'cluster-node-timeout (ms)',
    clientMap: '시작할 때 클라이언트의 슬롯 지도 (learn: MOVED로 배움, fetch: CLUSTER SLOTS)',
  },
  log: {
    crash: (a) => `${a['node']} 프로세스가 죽었습니다.`,
    moved: (a) =>
      `${a['client']}: MOVED ${a['slot']}, ${a['from']}에서 ${a['to']}(으)로. 클라이언트가 슬롯 지도를 고칩니다.`,
    movedMore: (a) =>
      `${a['client']}: MOVED ${a['slot']}, ${a['from']}에서 ${a['to']}(으)로. 이후 MOVED는 세기만 하고 적지 않습니다.`,
    ask: (a) =>
      `${a['client']}: ASK ${a['slot']}, ${a['from']}에서 ${a['to']}(으)로. ASKING 뒤에 명령을 한 번만 보내고, 지도는 그대로 둡니다.`,
    pfail: (a) =>
      `${a['by']}가 ${a['node']}를 PFAIL로 표시합니다 (cluster-node-timeout 안에 pong이 없음).`,
    fail: (a) =>
      `${a['by']}가 ${a['node']}를 FAIL로 확정합니다: 필요한 마스터 ${a['needed']}개 중 ${a['reports']}개가 동의했습니다.`,
    failoverScheduled: (a) =>
      `${a['node']}(순위 ${a['rank']})가 ${a['ms']} ms 뒤에 투표를 요청합니다.`,
    vote: (a) => `${a['by']}가 ${a['node']}에게 투표합니다 (epoch ${a['epoch']}).`,
    promoted: (a) =>
      `${a['node']}가 ${a['old']} 대신 마스터가 되었습니다: 슬롯 ${a['slots']}개, epoch ${a['epoch']}.`,
    addNode: (a) =>
      `노드 추가: ${a['node']}가 ${a['address']}에서 클러스터를 만납니다. 슬롯 ${a['slots']}개가 옮겨 갑니다.`,
    joined: (a) => `${a['node']} 합류: 모든 마스터가 알게 되었습니다. 슬롯 이동을 시작합니다.`,
    reshardDone: (a) =>
      `리샤딩 끝: 슬롯 ${a['slots']}개, 키 ${a['keys']}개가 ${a['node']}(으)로 옮겨졌습니다.`,
    killed: (a) => `마스터 죽이기: ${a['node']}가 내려갔습니다.`,
    replyOk: (a) => `${a['client']}: ${a['command']} → ${a['reply']}`,
    replyError: (a) => `${a['client']}: ${a['command']} → (error) ${a['reply']}`,
    admin: (a) => `운영자: ${a['text']}`,
  },
};

export const clusterCatalogues: Record<Language, ClusterMessages> = { en, ko };
