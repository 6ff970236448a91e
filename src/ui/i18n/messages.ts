import type { SceneId } from '../scenes/registry.ts';

/**
 * Every string the UI shows, per language. Components never hold text of their own.
 * Korean is written for Korean readers, not translated word for word.
 */
export interface Messages {
  appName: string;
  tagline: string;
  intro: string;
  lessonsHeading: string;
  coming: string;
  open: string;
  home: string;
  language: string;
  switchLanguage: string;
  notFound: (id: string) => string;
  loading: string;
  lessons: Record<SceneId, { title: string; blurb: string }>;
  console: {
    label: string;
    inputLabel: string;
    hint: string;
    transcript: string;
    reset: string;
    storageCorrupt: (reason: string) => string;
    storageUnavailable: (reason: string) => string;
  };
  dataTypes: {
    lead: string;
  };
}

const en: Messages = {
  appName: 'redis-sim',
  tagline: 'Run, watch, break and replay Redis in your browser.',
  intro:
    'redis-sim turns the ideas behind Redis into things you can try: why memory is fast and forgets, why one thread runs every command, what the data types are for, how caches, snapshots, replicas, failover and clusters behave, and how refresh tokens rotate safely. Everything runs on this page; nothing leaves it.',
  lessonsHeading: 'Lessons',
  coming: 'coming',
  open: 'Open',
  home: 'Home',
  language: 'Language',
  switchLanguage: '한국어',
  notFound: (id) => `There is no lesson called “${id}”.`,
  loading: 'Loading…',
  lessons: {
    memory: {
      title: 'Memory: fast and forgetful',
      blurb: 'From CPU registers to disk on a human time scale, and what a power cut erases.',
    },
    'single-thread': {
      title: 'One thread, one command at a time',
      blurb: 'A queue in front of one executor: atomic commands, and slow ones that block all.',
    },
    'data-types': {
      title: 'Data types',
      blurb: 'Strings, bitmaps, lists, sets, sorted sets and hashes, in a live redis-cli.',
    },
    cache: {
      title: 'Cache patterns',
      blurb: 'Look-aside and write-back in front of a slow database; hits, misses and losses.',
    },
    persistence: {
      title: 'Persistence',
      blurb: 'RDB snapshots and AOF: crash at any moment and count the writes lost.',
    },
    replication: {
      title: 'Replication',
      blurb: 'A master and its replicas: offsets, lag, stale reads and resyncs.',
    },
    failover: {
      title: 'Failover',
      blurb: 'Sentinels notice a dead master, agree, and promote a replica.',
    },
    cluster: {
      title: 'Cluster',
      blurb: '16384 slots over many masters: MOVED, ASK, resharding and hash tags.',
    },
    'jwt-rtr': {
      title: 'Refresh-token rotation',
      blurb: 'JWT refresh tokens in Redis: rotate on use, catch reuse, revoke the family.',
    },
  },
  console: {
    label: 'redis-cli console',
    inputLabel: 'Command',
    hint: 'Type a command and press Enter. Up and Down walk through your history.',
    transcript: 'Console output',
    reset: 'Reset console',
    storageCorrupt: (reason) =>
      `Your saved console could not be read (${reason}), so it starts fresh.`,
    storageUnavailable: (reason) =>
      `This browser cannot save your work (${reason}); it will be kept until you leave the page.`,
  },
  dataTypes: {
    lead: 'A real Redis engine runs in this page. Try SET greeting hello, then GET greeting.',
  },
};

const ko: Messages = {
  appName: 'redis-sim',
  tagline: '브라우저에서 Redis를 실행하고, 지켜보고, 망가뜨리고, 다시 재생해 보세요.',
  intro:
    'redis-sim은 Redis를 떠받치는 생각들을 직접 해 볼 수 있게 만듭니다. 메모리는 왜 빠르고 왜 잊어버리는지, 왜 스레드 하나가 모든 명령을 실행하는지, 자료형은 어디에 쓰는지, 캐시·스냅샷·복제·장애 조치·클러스터가 어떻게 움직이는지, 그리고 리프레시 토큰을 어떻게 안전하게 교체하는지까지. 모든 것이 이 페이지 안에서 돌아가며 밖으로 나가는 요청은 없습니다.',
  lessonsHeading: '레슨',
  coming: '준비 중',
  open: '열기',
  home: '처음으로',
  language: '언어',
  switchLanguage: 'English',
  notFound: (id) => `“${id}”라는 레슨은 없습니다.`,
  loading: '불러오는 중…',
  lessons: {
    memory: {
      title: '메모리: 빠르지만 잊어버린다',
      blurb:
        'CPU 레지스터부터 디스크까지 사람의 시간으로 늘려 보고, 전원이 꺼지면 무엇이 사라지는지 봅니다.',
    },
    'single-thread': {
      title: '스레드 하나, 한 번에 명령 하나',
      blurb: '실행기 하나 앞의 대기열: 원자적인 명령, 그리고 모두를 막아서는 느린 명령.',
    },
    'data-types': {
      title: '자료형',
      blurb: '문자열, 비트맵, 리스트, 셋, 정렬된 셋, 해시를 살아 있는 redis-cli로 다뤄 봅니다.',
    },
    cache: {
      title: '캐시 패턴',
      blurb: '느린 데이터베이스 앞의 Look-aside와 Write-back: 적중, 실패, 그리고 유실.',
    },
    persistence: {
      title: '영속성',
      blurb: 'RDB 스냅샷과 AOF: 아무 때나 장애를 내고 잃어버린 쓰기를 세어 봅니다.',
    },
    replication: {
      title: '복제',
      blurb: '마스터와 복제본: 오프셋, 지연, 오래된 읽기, 재동기화.',
    },
    failover: {
      title: '장애 조치',
      blurb: '센티널이 죽은 마스터를 알아채고, 합의하고, 복제본을 승격합니다.',
    },
    cluster: {
      title: '클러스터',
      blurb: '여러 마스터에 나뉜 16384개 슬롯: MOVED, ASK, 리샤딩, 해시 태그.',
    },
    'jwt-rtr': {
      title: '리프레시 토큰 교체(RTR)',
      blurb:
        'Redis에 둔 JWT 리프레시 토큰: 쓸 때마다 교체하고, 재사용을 잡아내고, 토큰 가족 전체를 폐기합니다.',
    },
  },
  console: {
    label: 'redis-cli 콘솔',
    inputLabel: '명령',
    hint: '명령을 입력하고 Enter를 누르세요. 위·아래 화살표로 입력 기록을 오갈 수 있습니다.',
    transcript: '콘솔 출력',
    reset: '콘솔 초기화',
    storageCorrupt: (reason) => `저장된 콘솔을 읽을 수 없어(${reason}) 새로 시작합니다.`,
    storageUnavailable: (reason) =>
      `이 브라우저에는 작업을 저장할 수 없습니다(${reason}). 페이지를 떠나기 전까지만 유지됩니다.`,
  },
  dataTypes: {
    lead: '이 페이지 안에서 진짜 Redis 엔진이 돌아갑니다. SET greeting hello 다음에 GET greeting을 입력해 보세요.',
  },
};

export const catalogues = { en, ko } as const;
export type Language = keyof typeof catalogues;
export const languages = Object.keys(catalogues) as Language[];
