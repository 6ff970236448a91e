/**
 * What a master sends its replicas for a write, as Redis 7.0 rewrites it (t_string.c,
 * expire.c): a relative or second-based expiry would mean another instant on a replica that
 * applies it later, so the stream carries absolute milliseconds. Checked against a real
 * replica's MONITOR:
 * - SET k v EX|PX|EXAT s → SET k v PXAT ms (the GET flag dropped); SETEX, PSETEX likewise;
 * - EXPIRE, PEXPIRE, EXPIREAT → PEXPIREAT k ms (NX/XX/GT/LT kept), or DEL k when the time has
 *   already passed (the key was deleted);
 * - GETEX k EX|PX|EXAT|PXAT → PEXPIREAT k ms; GETEX k PERSIST → PERSIST k.
 * Everything else goes as executed. `conditional` keeps SET's NX/XX: inside a transaction the
 * master cannot tell us whether each command wrote, so the replica must decide again.
 */
export function rewriteForReplicas(
  argv: readonly string[],
  nowMs: number,
  conditional = false,
): readonly string[] {
  const name = (argv[0] ?? '').toLowerCase();
  switch (name) {
    case 'set':
      return rewriteSet(argv, nowMs, conditional);
    case 'setex':
    case 'psetex': {
      if (argv.length !== 4) return argv;
      const n = Number(argv[2]);
      if (!Number.isSafeInteger(n)) return argv;
      const at = nowMs + (name === 'setex' ? n * 1000 : n);
      return ['SET', argv[1]!, argv[3]!, 'PXAT', String(at)];
    }
    case 'expire':
    case 'pexpire':
    case 'expireat':
    case 'pexpireat': {
      if (argv.length < 3) return argv;
      const at = absoluteMs(name, argv[2]!, nowMs);
      if (at === null) return argv;
      if (at <= nowMs) return ['DEL', argv[1]!];
      return ['PEXPIREAT', argv[1]!, String(at), ...argv.slice(3)];
    }
    case 'getex': {
      if (argv.length < 3) return argv;
      const opt = argv[2]!.toLowerCase();
      if (opt === 'persist') return ['PERSIST', argv[1]!];
      const unit = EXPIRY_OPTIONS[opt];
      if (unit === undefined || argv.length < 4) return argv;
      const at = absoluteMs(unit, argv[3]!, nowMs);
      if (at === null) return argv;
      return at <= nowMs ? ['DEL', argv[1]!] : ['PEXPIREAT', argv[1]!, String(at)];
    }
    default:
      return argv;
  }
}

/** SET's expiry options, as the EXPIRE-family command with the same unit and base. */
const EXPIRY_OPTIONS: Readonly<Record<string, string>> = {
  ex: 'expire',
  px: 'pexpire',
  exat: 'expireat',
  pxat: 'pexpireat',
};

function absoluteMs(kind: string, text: string, nowMs: number): number | null {
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n)) return null;
  switch (kind) {
    case 'expire':
      return nowMs + n * 1000;
    case 'pexpire':
      return nowMs + n;
    case 'expireat':
      return n * 1000;
    default:
      return n;
  }
}

function rewriteSet(
  argv: readonly string[],
  nowMs: number,
  conditional: boolean,
): readonly string[] {
  if (argv.length < 5) return argv;
  let at: number | null = null;
  const kept: string[] = [];
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i]!.toLowerCase();
    const unit = EXPIRY_OPTIONS[opt];
    if (unit === 'pexpireat') return argv; // already absolute ms: sent as it is
    if (unit !== undefined && i + 1 < argv.length) {
      at = absoluteMs(unit, argv[++i]!, nowMs);
      if (at === null) return argv;
    } else if (conditional && (opt === 'nx' || opt === 'xx')) {
      kept.push(argv[i]!);
    }
  }
  if (at === null) return argv;
  return ['SET', argv[1]!, argv[2]!, 'PXAT', String(at), ...kept];
}
