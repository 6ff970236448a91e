import { lookupCommand, type CommandSpec } from '../../engine/index.ts';

/**
 * The keys a command names, as Redis's getKeysFromCommand finds them for cluster routing:
 * the command table's first/last/step, the subcommand's for a container (OBJECT ENCODING
 * key), and the numkeys argument of the commands whose keys move (ZUNIONSTORE, LMPOP...).
 * Unknown commands and calls with too few arguments name no key: the engine answers them.
 */

/** Where numkeys sits for commands with movable keys, and whether a destination precedes it. */
const NUMKEYS: Readonly<Record<string, { readonly at: number; readonly dest: boolean }>> = {
  lmpop: { at: 1, dest: false },
  zmpop: { at: 1, dest: false },
  sintercard: { at: 1, dest: false },
  zintercard: { at: 1, dest: false },
  zunion: { at: 1, dest: false },
  zinter: { at: 1, dest: false },
  zdiff: { at: 1, dest: false },
  blmpop: { at: 2, dest: false },
  bzmpop: { at: 2, dest: false },
  zunionstore: { at: 2, dest: true },
  zinterstore: { at: 2, dest: true },
  zdiffstore: { at: 2, dest: true },
};

function specOf(argv: readonly string[]): CommandSpec | undefined {
  const spec = lookupCommand(argv[0] ?? '');
  if (spec?.subcommands === undefined || argv.length < 2) return spec;
  const name = `${spec.name}|${argv[1]!.toLowerCase()}`;
  return spec.subcommands.find((s) => s.name === name);
}

export function commandKeys(argv: readonly string[]): string[] {
  const spec = specOf(argv);
  if (spec === undefined) return [];
  const n = argv.length;
  if ((spec.arity > 0 && spec.arity !== n) || n < -spec.arity) return [];
  const movable = NUMKEYS[spec.name];
  if (movable !== undefined) {
    const count = Number(argv[movable.at]);
    if (!Number.isInteger(count) || count <= 0) return [];
    const keys = movable.dest ? [argv[1]!] : [];
    for (let i = 0; i < count && movable.at + 1 + i < n; i++) keys.push(argv[movable.at + 1 + i]!);
    return keys;
  }
  const { first, last, step } = spec.keys;
  if (first === 0) return [];
  const end = last < 0 ? n + last : Math.min(last, n - 1);
  const keys: string[] = [];
  for (let i = first; i <= end; i += step) keys.push(argv[i]!);
  return keys;
}

/** True for commands that write (the table's `write` flag), as cluster routing reads it. */
export function isWriteCommand(argv: readonly string[]): boolean {
  return specOf(argv)?.flags.includes('write') ?? false;
}
