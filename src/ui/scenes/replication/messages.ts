import type { Language } from '../../i18n/messages.ts';
import { grouped } from '../../i18n/numbers.ts';

type Args = Readonly<Record<string, string | number>>;

/** The replication scene's words. Button names say what the button does. */
export interface ReplicationMessages {
  replicaCount: string;
  backlogSize: string;
  links: string;
  cutLink: (replica: string) => string;
  healLink: (replica: string) => string;
  sendWait: string;
  waitReplicas: string;
  waitTimeout: string;
  writeToReplica: string;
  writeToReplicaHint: string;
  waitHint: string;
  master: string;
  replica: string;
  writes: string;
  reads: string;
  offset: string;
  version: (v: string) => string;
  keys: (n: number) => string;
  lagBytes: string;
  linkStates: Record<'connect' | 'connecting' | 'sync' | 'connected', string>;
  cut: string;
  staleMarker: (got: string, master: string) => string;
  partialResync: string;
  fullResync: (seconds: string, keys: number) => string;
  fullResyncRunning: (seconds: string) => string;
  stream: string;
  backlogWindow: string;
  outsideBacklog: string;
  stageSummary: (master: number, lags: string) => string;
  masterReplOffset: string;
  fullSyncs: string;
  partialSyncs: string;
  staleReads: string;
  lastWait: string;
  noWaitYet: string;
  waitResult: (a: Args) => string;
  replicaError: string;
  chartLag: (replica: string) => string;
  bytes: (n: number) => string;
  knobs: Record<string, string>;
  applySettings: string;
  log: Record<string, (a: Args) => string>;
}

const ms = (micros: string | number | undefined) => `${(Number(micros) / 1000).toFixed(1)} ms`;

/** Bytes as people read them: 900 B, 64 KB, 1.5 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

const en: ReplicationMessages = {
  replicaCount: 'Replicas',
  backlogSize: 'Backlog size (repl-backlog-size)',
  links: 'Links to the replicas',
  cutLink: (r) => `Cut link to ${r}`,
  healLink: (r) => `Heal link to ${r}`,
  sendWait: 'Send WAIT',
  waitReplicas: 'numreplicas',
  waitTimeout: 'timeout (ms)',
  writeToReplica: 'Write to replica',
  writeToReplicaHint: 'The app sends SET ver to redis-2 instead of the master.',
  waitHint: 'The app writes a version, then WAIT numreplicas timeout on the same connection.',
  master: 'master',
  replica: 'replica',
  writes: 'writes',
  reads: 'reads',
  offset: 'offset',
  version: (v) => `ver = ${v}`,
  keys: (n) => `${grouped(n, 'en-US')} keys`,
  lagBytes: 'behind',
  linkStates: {
    connect: 'disconnected',
    connecting: 'reconnecting (PSYNC)',
    sync: 'full resync: loading snapshot',
    connected: 'streaming',
  },
  cut: 'link cut',
  staleMarker: (got, master) => `stale read: got ${got}, master has ${master}`,
  partialResync: 'partial resync',
  fullResync: (s, keys) => `full resync: ${s} s (${grouped(keys, 'en-US')} keys)`,
  fullResyncRunning: (s) => `full resync: ${s} s so far`,
  stream: 'Replication stream (offsets in bytes)',
  backlogWindow: 'backlog',
  outsideBacklog: 'behind the backlog',
  stageSummary: (m, lags) => `The master is at offset ${m}. ${lags}`,
  masterReplOffset: 'master_repl_offset',
  fullSyncs: 'Full resyncs (sync_full)',
  partialSyncs: 'Partial resyncs (sync_partial_ok)',
  staleReads: 'Stale reads',
  lastWait: 'Last WAIT',
  noWaitYet: 'not sent yet',
  waitResult: (a) =>
    `WAIT ${a['replicas']} ${a['timeout']} → ${a['acked']} after ${ms(a['micros'])} (the write alone: ${ms(a['write'])})`,
  replicaError: 'Reply to the write on the replica',
  chartLag: (r) => `${r} lag`,
  bytes: (n) => formatBytes(n),
  knobs: {
    rate: 'Writes per second',
    keys: 'Keys the writer spreads over',
    valueSize: 'Value size (bytes)',
    latencyMicros: 'Network latency (µs)',
  },
  applySettings: 'Apply settings and restart',
  log: {
    linkCut: (a) => `Link redis-1 ↔ ${a['replica']} cut: the stream stops reaching it.`,
    linkHealed: (a) => `Link redis-1 ↔ ${a['replica']} healed.`,
    streamGap: (a) =>
      `${a['replica']} saw a gap in the stream (it missed bytes): it reconnects with PSYNC.`,
    linkDown: (a) => `${a['replica']} lost its master link; it reconnects with PSYNC.`,
    partialResync: (a) =>
      `partial resync: the backlog still covers ${a['replica']} from offset ${a['offset']}; only what it missed is sent.`,
    fullResync: (a) =>
      `full resync: ${a['replica']} gets the whole dataset (the backlog does not cover it, or it is new).`,
    snapshotLoaded: (a) =>
      `${a['replica']} loaded the snapshot and streams from offset ${a['offset']}.`,
    staleRead: (a) => `stale read on ${a['replica']}: got ${a['got']}, master has ${a['master']}.`,
    waitDone: (a) =>
      `WAIT ${a['replicas']} ${a['timeout']} answered ${a['acked']} after ${ms(a['micros'])} (the write alone took ${ms(a['write'])}).`,
    writeRefused: (a) => `Write to ${a['replica']} refused: ${a['error']}`,
  },
};

const ko: ReplicationMessages = {
  replicaCount: '복제본 수',
  backlogSize: '백로그 크기 (repl-backlog-size)',
  links: '복제본으로 가는 링크',
  cutLink: (r) => `${r} 링크 끊기`,
  healLink: (r) => `${r} 링크 복구`,
  sendWait: 'WAIT 보내기',
  waitReplicas: 'numreplicas',
  waitTimeout: 'timeout (ms)',
  writeToReplica: '복제본에 쓰기',
  writeToReplicaHint: '앱이 마스터 대신 redis-2에 SET ver를 보냅니다.',
  waitHint: '앱이 버전을 하나 쓰고, 같은 연결로 WAIT numreplicas timeout을 보냅니다.',
  master: '마스터',
  replica: '복제본',
  writes: '쓰기',
  reads: '읽기',
  offset: '오프셋',
  version: (v) => `ver = ${v}`,
  keys: (n) => `키 ${grouped(n, 'ko-KR')}개`,
  lagBytes: '뒤처짐',
  linkStates: {
    connect: '연결 끊김',
    connecting: '다시 연결하는 중 (PSYNC)',
    sync: '전체 동기화: 스냅숏 받는 중',
    connected: '스트림 받는 중',
  },
  cut: '링크 끊김',
  staleMarker: (got, master) => `오래된 값 읽음: ${got}을(를) 받았지만 마스터는 ${master}`,
  partialResync: '부분 재동기화',
  fullResync: (s, keys) => `전체 재동기화: ${s}초 (키 ${grouped(keys, 'ko-KR')}개)`,
  fullResyncRunning: (s) => `전체 재동기화: ${s}초째 진행 중`,
  stream: '복제 스트림 (오프셋, 바이트 단위)',
  backlogWindow: '백로그',
  outsideBacklog: '백로그 밖으로 밀려남',
  stageSummary: (m, lags) => `마스터 오프셋은 ${m}입니다. ${lags}`,
  masterReplOffset: 'master_repl_offset',
  fullSyncs: '전체 재동기화 (sync_full)',
  partialSyncs: '부분 재동기화 (sync_partial_ok)',
  staleReads: '오래된 값 읽기',
  lastWait: '마지막 WAIT',
  noWaitYet: '아직 보내지 않음',
  waitResult: (a) =>
    `WAIT ${a['replicas']} ${a['timeout']} → ${a['acked']}, ${ms(a['micros'])} 걸림 (쓰기만 하면 ${ms(a['write'])})`,
  replicaError: '복제본에 보낸 쓰기의 응답',
  chartLag: (r) => `${r} 지연`,
  bytes: (n) => formatBytes(n),
  knobs: {
    rate: '초당 쓰기 수',
    keys: '쓰기가 퍼지는 키 수',
    valueSize: '값 크기 (바이트)',
    latencyMicros: '네트워크 지연 (µs)',
  },
  applySettings: '설정 적용 후 다시 시작',
  log: {
    linkCut: (a) => `redis-1 ↔ ${a['replica']} 링크가 끊겼습니다. 스트림이 더는 닿지 않습니다.`,
    linkHealed: (a) => `redis-1 ↔ ${a['replica']} 링크가 복구되었습니다.`,
    streamGap: (a) =>
      `${a['replica']}가 스트림 중간이 비었다는 걸 알아챘습니다. PSYNC로 다시 연결합니다.`,
    linkDown: (a) => `${a['replica']}의 마스터 연결이 끊겼습니다. PSYNC로 다시 연결합니다.`,
    partialResync: (a) =>
      `부분 재동기화: 백로그에 ${a['replica']}의 오프셋 ${a['offset']} 이후가 아직 남아 있어, 놓친 부분만 보냅니다.`,
    fullResync: (a) =>
      `전체 재동기화: ${a['replica']}가 데이터 전체를 다시 받습니다 (백로그로는 메울 수 없거나 처음 붙은 복제본).`,
    snapshotLoaded: (a) =>
      `${a['replica']}가 스냅숏을 다 읽었고, 오프셋 ${a['offset']}부터 스트림을 이어 받습니다.`,
    staleRead: (a) =>
      `${a['replica']}에서 오래된 값 읽음: ${a['got']}을(를) 받았지만 마스터는 ${a['master']}입니다.`,
    waitDone: (a) =>
      `WAIT ${a['replicas']} ${a['timeout']}의 응답은 ${a['acked']}, ${ms(a['micros'])} 걸렸습니다 (쓰기만 하면 ${ms(a['write'])}).`,
    writeRefused: (a) => `${a['replica']}에 쓰기 거부됨: ${a['error']}`,
  },
};

export const replicationCatalogues: Record<Language, ReplicationMessages> = { en, ko };
