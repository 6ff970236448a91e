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
  /** A new version of the app is cached and waits for the learner's word. */
  updateReady: string;
  updateReload: string;
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
  /** The data-types explorer, the console's command help and the lesson's snippets. */
  explorer: {
    heading: string;
    region: string;
    empty: string;
    dbHeading: (db: number, keys: number) => string;
    moreKeys: (n: string) => string;
    more: (n: string) => string;
    keyLabel: (key: string, type: string) => string;
    types: Record<'string' | 'bitmap' | 'list' | 'set' | 'zset' | 'hash', string>;
    encoding: string;
    memory: (bytes: string) => string;
    length: Record<'string' | 'list' | 'set' | 'zset' | 'hash', (n: string) => string>;
    noTtl: string;
    ttl: (seconds: string) => string;
    ttlLabel: string;
    number: string;
    showBits: string;
    showText: string;
    bitsLabel: (bytes: string) => string;
    head: string;
    tail: string;
    field: string;
    value: string;
    score: string;
    levels: (n: number) => string;
    listpackNote: string;
    skiplistNote: string;
    intsetNote: string;
    hashtableNote: string;
    listNote: string;
    memberLabel: (member: string, score: string, levels: number) => string;
    entryLabel: (member: string, score: string) => string;
    helpRegion: string;
    suggestions: string;
    complexity: string;
    since: (version: string) => string;
    completeHint: string;
    snippetsHeading: string;
    snippetsIntro: string;
    runSnippet: (title: string) => string;
    snippets: Record<
      'string' | 'counter' | 'bitmap' | 'list' | 'set' | 'zset' | 'skiplist' | 'hash' | 'ttl',
      { title: string; about: string }
    >;
    hashMapHeading: string;
    hashMap: readonly string[];
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
  updateReady: 'A new version of redis-sim is ready.',
  updateReload: 'Reload to update',
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
  explorer: {
    heading: 'What is in the keyspace',
    region: 'Keyspace explorer',
    empty: 'No keys yet. Type a command, or run one of the examples below.',
    dbHeading: (db, keys) => `Database ${db}: ${keys} ${keys === 1 ? 'key' : 'keys'}`,
    moreKeys: (n) => `… ${n} more keys not drawn`,
    more: (n) => `… ${n} more`,
    keyLabel: (key, type) => `${key} (${type})`,
    types: {
      string: 'string',
      bitmap: 'bitmap',
      list: 'list',
      set: 'set',
      zset: 'sorted set',
      hash: 'hash',
    },
    encoding: 'encoding',
    memory: (bytes) => `${bytes} bytes`,
    length: {
      string: (n) => `${n} ${n === '1' ? 'byte' : 'bytes'} long`,
      list: (n) => `${n} ${n === '1' ? 'element' : 'elements'}`,
      set: (n) => `${n} ${n === '1' ? 'member' : 'members'}`,
      zset: (n) => `${n} ${n === '1' ? 'member' : 'members'}`,
      hash: (n) => `${n} ${n === '1' ? 'field' : 'fields'}`,
    },
    noTtl: 'no TTL',
    ttl: (seconds) => `expires in ${seconds} s`,
    ttlLabel: 'Time to live',
    number: 'number',
    showBits: 'Show bits',
    showText: 'Show text',
    bitsLabel: (bytes) => `Bits of the first ${bytes} bytes, most significant bit first`,
    head: 'head',
    tail: 'tail',
    field: 'Field',
    value: 'Value',
    score: 'score',
    levels: (n) => `skiplist: ${n} ${n === 1 ? 'level' : 'levels'}`,
    listpackNote:
      'listpack: one flat array in score order, no levels. Past 128 members, or a member over 64 bytes, it becomes a skiplist.',
    skiplistNote:
      'skiplist: each member stands on a tower of levels; a search runs along the top and drops down, O(log N).',
    intsetNote:
      'intset: a sorted array of integers. A word, or more than 512 members, makes it a hashtable.',
    hashtableNote: 'hashtable: members spread over buckets, found in O(1).',
    listNote:
      'quicklist: a linked list of small packed arrays; pushing and popping at either end is O(1).',
    memberLabel: (member, score, levels) =>
      `${member}, score ${score}, ${levels} ${levels === 1 ? 'level' : 'levels'}`,
    entryLabel: (member, score) => `${member}, score ${score}`,
    helpRegion: 'Command help',
    suggestions: 'Commands',
    complexity: 'complexity',
    since: (version) => `since Redis ${version}`,
    completeHint: 'Tab completes the command name; arrows choose.',
    snippetsHeading: 'Try an example',
    snippetsIntro: 'A click runs the lines in the console, one after another.',
    runSnippet: (title) => `Run the ${title} example`,
    snippets: {
      string: { title: 'string', about: 'A value under a key, read back whole.' },
      counter: {
        title: 'counter',
        about: 'A string that looks like a number is stored as one, and INCR is atomic.',
      },
      bitmap: { title: 'bitmap', about: 'A string seen as bits: one bit a day a user visited.' },
      list: { title: 'list', about: 'A queue: push at one end, pop at the other.' },
      set: { title: 'set', about: 'Unique members; numbers alone stay a compact intset.' },
      zset: { title: 'sorted set', about: 'A leaderboard kept in score order.' },
      skiplist: {
        title: 'skiplist',
        about: 'Lower the listpack limit to 4 and the same set becomes a skiplist with levels.',
      },
      hash: { title: 'hash', about: 'An object’s fields under one key.' },
      ttl: { title: 'TTL', about: 'A session that expires by itself after 10 seconds.' },
    },
    hashMapHeading: 'Is Redis just a HashMap?',
    hashMap: [
      'A Java HashMap is one structure inside one program’s heap: only that process can reach it, and it is gone when the process stops.',
      'Redis is a server. Its keys hold many structures (strings, lists, sets, sorted sets, hashes), each with commands that work on it in place, and every application server reaches the same data over the network.',
      'It adds what a map in a heap cannot: a time to live per key, memory limits with eviction, and persistence to disk and replicas, so the data can outlive a restart.',
    ],
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
  updateReady: 'redis-sim 새 버전이 준비되었습니다.',
  updateReload: '새로고침해서 업데이트',
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
  explorer: {
    heading: '키 공간에 들어 있는 것',
    region: '키 공간 탐색기',
    empty: '아직 키가 없습니다. 명령을 입력하거나 아래 예제를 실행해 보세요.',
    dbHeading: (db, keys) => `데이터베이스 ${db}: 키 ${keys}개`,
    moreKeys: (n) => `… 그리지 않은 키 ${n}개 더`,
    more: (n) => `… ${n}개 더`,
    keyLabel: (key, type) => `${key} (${type})`,
    types: {
      string: '문자열',
      bitmap: '비트맵',
      list: '리스트',
      set: '셋',
      zset: '정렬된 셋',
      hash: '해시',
    },
    encoding: '인코딩',
    memory: (bytes) => `${bytes}바이트`,
    length: {
      string: (n) => `길이 ${n}바이트`,
      list: (n) => `원소 ${n}개`,
      set: (n) => `멤버 ${n}개`,
      zset: (n) => `멤버 ${n}개`,
      hash: (n) => `필드 ${n}개`,
    },
    noTtl: 'TTL 없음',
    ttl: (seconds) => `${seconds}초 뒤 만료`,
    ttlLabel: '남은 수명(TTL)',
    number: '숫자',
    showBits: '비트로 보기',
    showText: '글자로 보기',
    bitsLabel: (bytes) => `앞쪽 ${bytes}바이트의 비트, 최상위 비트부터`,
    head: '머리',
    tail: '꼬리',
    field: '필드',
    value: '값',
    score: '점수',
    levels: (n) => `스킵 리스트: ${n}층`,
    listpackNote:
      'listpack: 점수 순서로 늘어선 납작한 배열 하나, 층이 없습니다. 멤버가 128개를 넘거나 64바이트보다 긴 멤버가 들어오면 스킵 리스트가 됩니다.',
    skiplistNote:
      '스킵 리스트: 멤버마다 여러 층의 탑이 서 있고, 검색은 맨 위층을 따라가다 한 층씩 내려옵니다. O(log N).',
    intsetNote:
      'intset: 정수만 담은 정렬된 배열. 글자가 하나라도 들어오거나 512개를 넘으면 해시 테이블이 됩니다.',
    hashtableNote: '해시 테이블: 멤버가 버킷에 흩어져 있고 O(1)에 찾습니다.',
    listNote: 'quicklist: 작은 압축 배열들을 이은 연결 리스트. 양 끝에서 넣고 빼기가 O(1)입니다.',
    memberLabel: (member, score, levels) => `${member}, 점수 ${score}, ${levels}층`,
    entryLabel: (member, score) => `${member}, 점수 ${score}`,
    helpRegion: '명령 도움말',
    suggestions: '명령',
    complexity: '복잡도',
    since: (version) => `Redis ${version}부터`,
    completeHint: 'Tab으로 명령 이름을 완성하고, 화살표로 고릅니다.',
    snippetsHeading: '예제 실행해 보기',
    snippetsIntro: '누르면 콘솔에서 한 줄씩 차례로 실행됩니다.',
    runSnippet: (title) => `${title} 예제 실행`,
    snippets: {
      string: { title: '문자열', about: '키 하나에 값 하나, 통째로 읽어 옵니다.' },
      counter: {
        title: '카운터',
        about: '숫자처럼 생긴 문자열은 숫자로 저장되고, INCR은 원자적으로 더합니다.',
      },
      bitmap: { title: '비트맵', about: '문자열을 비트로 보기: 사용자가 방문한 날마다 비트 하나.' },
      list: { title: '리스트', about: '큐: 한쪽 끝에 넣고 다른 쪽 끝에서 꺼냅니다.' },
      set: { title: '셋', about: '중복 없는 멤버. 숫자만 있으면 작은 intset으로 남습니다.' },
      zset: { title: '정렬된 셋', about: '점수 순서를 유지하는 리더보드.' },
      skiplist: {
        title: '스킵 리스트',
        about: 'listpack 한도를 4로 낮추면 같은 셋이 층을 가진 스킵 리스트가 됩니다.',
      },
      hash: { title: '해시', about: '객체 하나의 필드들을 키 하나 아래에.' },
      ttl: { title: 'TTL', about: '10초 뒤 저절로 사라지는 세션.' },
    },
    hashMapHeading: 'Redis는 그냥 HashMap일까?',
    hashMap: [
      '자바의 HashMap은 한 프로그램의 힙 안에 있는 자료구조 하나입니다. 그 프로세스만 쓸 수 있고, 프로세스가 끝나면 함께 사라집니다.',
      'Redis는 서버입니다. 키마다 문자열, 리스트, 셋, 정렬된 셋, 해시 같은 여러 자료구조를 담고, 각 자료구조를 제자리에서 다루는 명령이 있으며, 여러 애플리케이션 서버가 네트워크로 같은 데이터를 함께 씁니다.',
      '힙 안의 맵에는 없는 것도 더합니다. 키마다 수명(TTL), 메모리 한도와 축출, 그리고 디스크와 복제본으로의 영속화가 있어 재시작 뒤에도 데이터가 남을 수 있습니다.',
    ],
  },
};

export const catalogues = { en, ko } as const;
export type Language = keyof typeof catalogues;
export const languages = Object.keys(catalogues) as Language[];
