import { Err } from '../errors.ts';
import { EMPTY_ARRAY, OK, error, type Reply } from '../reply.ts';
import { isOption } from './args.ts';
import { NO_KEYS, type CommandContext, type CommandSpec } from './types.ts';

/**
 * Redis Functions, for an engine that loads no libraries (redis-sim runs no Lua): FUNCTION
 * FLUSH and FUNCTION LIST answer exactly as Redis 7.0 does when no library is loaded, which
 * is what clients and Redis's own test harness ask for (it flushes before every test file).
 * The other subcommands are absent and COMPATIBILITY.md says so.
 */
function flush(ctx: CommandContext): Reply {
  // addReplySubcommandSyntaxError: the subcommand as typed, the container upper-cased.
  if (ctx.argv.length > 3) {
    return error(
      `ERR unknown subcommand or wrong number of arguments for '${ctx.argv[1]!}'. Try FUNCTION HELP.`,
    );
  }
  const mode = ctx.argv[2];
  if (mode !== undefined && !isOption(mode, 'sync') && !isOption(mode, 'async')) {
    return error(Err.functionFlushMode);
  }
  return OK;
}

function list(ctx: CommandContext): Reply {
  const { argv } = ctx;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (isOption(arg, 'withcode')) continue;
    if (isOption(arg, 'libraryname')) {
      if (i + 1 >= argv.length) return error(Err.functionLibraryNameMissing);
      i++;
      continue;
    }
    return error(`ERR Unknown argument ${arg}`);
  }
  return EMPTY_ARRAY;
}

const scripting = { group: 'scripting', keys: NO_KEYS } as const;

export const functionCommands: readonly CommandSpec[] = [
  {
    ...scripting,
    name: 'function',
    arity: -2,
    flags: [],
    complexity: 'Depends on subcommand.',
    summary: 'A container for function commands',
    since: '7.0.0',
    handler: () => error(Err.syntax),
    subcommands: [
      {
        ...scripting,
        name: 'function|flush',
        arity: -2,
        flags: ['write', 'noscript'],
        complexity: 'O(N) where N is the number of functions deleted',
        summary: 'Deleting all functions',
        since: '7.0.0',
        handler: flush,
      },
      {
        ...scripting,
        name: 'function|list',
        arity: -2,
        flags: ['noscript'],
        complexity: 'O(N) where N is the number of functions',
        summary: 'List information about all the functions',
        since: '7.0.0',
        handler: list,
      },
    ],
  },
];
