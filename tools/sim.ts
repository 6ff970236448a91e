/**
 * `npm run sim -- --scene ID --seed N --until SECONDS [--set name=value ...] [--json]`:
 * runs a scene headless on virtual time and prints one summary on stdout (one JSON line with
 * --json, indented JSON otherwise). Bad input (an unknown scene, flag or knob, a bad value)
 * exits with code 2 and one line on stderr naming it and what is valid.
 */
import { getScene, runScene, sceneIds } from '../src/sim/scenes/index.ts';

interface Args {
  scene: string;
  seed: number;
  until: number | undefined;
  set: Record<string, string>;
  json: boolean;
}

class UsageError extends Error {}

function parse(argv: readonly string[]): Args {
  const args: Args = { scene: '', seed: 1, until: undefined, set: {}, json: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    switch (flag) {
      case '--scene':
        args.scene = value(++i, flag);
        break;
      case '--seed': {
        const text = value(++i, flag);
        const n = Number(text);
        if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) {
          throw new UsageError(`bad --seed '${text}': expected an integer in [0, 4294967295]`);
        }
        args.seed = n;
        break;
      }
      case '--until': {
        const text = value(++i, flag);
        const n = Number(text);
        if (!Number.isFinite(n) || n <= 0 || n > 86_400) {
          throw new UsageError(`bad --until '${text}': expected seconds in (0, 86400]`);
        }
        args.until = n;
        break;
      }
      case '--set': {
        const text = value(++i, flag);
        const eq = text.indexOf('=');
        if (eq <= 0) throw new UsageError(`bad --set '${text}': expected name=value`);
        args.set[text.slice(0, eq)] = text.slice(eq + 1);
        break;
      }
      case '--json':
        args.json = true;
        break;
      default:
        throw new UsageError(
          `unknown argument '${flag}' (expected --scene, --seed, --until, --set, --json)`,
        );
    }
  }
  if (args.scene === '')
    throw new UsageError(`--scene is required (scenes: ${sceneIds().join(', ')})`);
  return args;
}

try {
  const args = parse(process.argv.slice(2));
  getScene(args.scene);
  const summary = runScene(args.scene, args.seed, args.until, args.set);
  process.stdout.write(JSON.stringify(summary, null, args.json ? undefined : 2) + '\n');
} catch (e) {
  process.stderr.write(`sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
