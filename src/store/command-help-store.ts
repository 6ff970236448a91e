import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CommandHelp } from '../worker/api.ts';

export interface CommandHelpBackend {
  commandHelp(): Promise<CommandHelp[]> | CommandHelp[];
}

export interface CommandHelpState {
  /** Every command, in name order; empty until loaded. */
  commands: readonly CommandHelp[];
  load(): Promise<void>;
}

export type CommandHelpStore = StoreApi<CommandHelpState>;

/** The command table as help data, asked of the worker once. */
export function createCommandHelpStore(backend: CommandHelpBackend): CommandHelpStore {
  let loading: Promise<void> | null = null;
  return createStore<CommandHelpState>()((set) => ({
    commands: [],
    load: () =>
      (loading ??= (async () => {
        set({ commands: await backend.commandHelp() });
      })()),
  }));
}

/** The words typed so far and whether the last one is finished (followed by a space). */
function words(line: string): { words: string[]; open: boolean } {
  const trimmed = line.trimStart();
  const parts = trimmed.split(/\s+/).filter((w) => w !== '');
  return { words: parts, open: trimmed !== '' && !/\s$/.test(trimmed) };
}

/**
 * The commands the line is naming: while the first word is being typed, every command it
 * begins (LPU -> LPUSH, LPUSHX); once a container's name is typed (CONFIG G), its
 * subcommands. Nothing once the command's name is complete and arguments follow.
 */
export function completions(
  commands: readonly CommandHelp[],
  line: string,
  max = 8,
): CommandHelp[] {
  const { words: typed, open } = words(line);
  if (typed.length === 0 || (typed.length === 1 && !open)) {
    if (typed.length === 0) return [];
    // "CONFIG " invites a subcommand.
    const prefix = `${typed[0]!.toUpperCase()} `;
    return commands.filter((c) => c.name.startsWith(prefix)).slice(0, max);
  }
  if (typed.length === 1) {
    const prefix = typed[0]!.toUpperCase();
    return commands.filter((c) => !c.name.includes(' ') && c.name.startsWith(prefix)).slice(0, max);
  }
  if (typed.length === 2 && open) {
    const prefix = `${typed[0]!.toUpperCase()} ${typed[1]!.toUpperCase()}`;
    return commands.filter((c) => c.name.includes(' ') && c.name.startsWith(prefix)).slice(0, max);
  }
  return [];
}

/** The help for the command the line names (the subcommand if one is typed), if any. */
export function helpFor(commands: readonly CommandHelp[], line: string): CommandHelp | undefined {
  const { words: typed } = words(line);
  if (typed.length === 0) return undefined;
  const first = typed[0]!.toUpperCase();
  if (typed.length >= 2) {
    const sub = commands.find((c) => c.name === `${first} ${typed[1]!.toUpperCase()}`);
    if (sub !== undefined) return sub;
  }
  return commands.find((c) => c.name === first);
}

/** The line with its command name replaced by a chosen completion, ready for arguments. */
export function applyCompletion(line: string, choice: CommandHelp): string {
  const { words: typed } = words(line);
  const nameWords = choice.name.split(' ').length;
  const rest = typed.slice(nameWords).join(' ');
  return rest === '' ? `${choice.name} ` : `${choice.name} ${rest}`;
}
