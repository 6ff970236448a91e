import { commandList, subcommandsOf, type CommandGroup } from '../engine/index.ts';
import { commandDocs } from './command-syntax.ts';

/** What the console shows about a command as you type it: data from the command table. */
export interface CommandHelp {
  /** Upper case, as typed in examples ("LPUSH", "CONFIG GET"). */
  readonly name: string;
  readonly syntax: string;
  readonly summary: string;
  readonly complexity: string;
  readonly since: string;
  readonly group: CommandGroup;
}

/**
 * Every command the engine runs, with its subcommands ("CONFIG GET"), in name order. Summary,
 * complexity and version come from the engine's command table; the syntax (and what a
 * subcommand's row lacks) from Redis's own docs (command-syntax.ts). A command missing there
 * shows its name alone rather than a made-up signature.
 */
export function commandHelp(): CommandHelp[] {
  const rows: CommandHelp[] = [];
  for (const spec of commandList) {
    const row = (
      name: string,
      summary: string,
      own?: { complexity: string; since: string },
    ): CommandHelp => {
      const docs = commandDocs[name];
      const shown = name.replace('|', ' ').toUpperCase();
      return {
        name: shown,
        syntax: docs?.[0] ?? shown,
        summary,
        complexity: own?.complexity ?? docs?.[1] ?? '',
        since: own?.since ?? docs?.[2] ?? '',
        group: spec.group,
      };
    };
    rows.push(row(spec.name, spec.summary, spec));
    for (const sub of spec.subcommands ?? []) rows.push(row(sub.name, sub.summary, sub));
    for (const sub of subcommandsOf(spec.name) ?? []) {
      rows.push(row(`${spec.name}|${sub.name}`, sub.summary));
    }
  }
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
