import type { Reply } from '../../engine/index.ts';
import type { JsonValue } from '../core/json.ts';
import type { ScriptRegistry } from '../world/client.ts';

/**
 * Scripts the scenes' scripted clients run (the world's built-ins, get-then-set and incr,
 * come with every world). `repeat`: one command, `rounds` times (KEYS *, DEBUG SLEEP...).
 * `scan-all`: walk the whole keyspace with SCAN cursor COUNT n, `rounds` times: the same
 * work as KEYS * cut into small pieces that other clients' commands slot between.
 */

function field(p: JsonValue, name: string): JsonValue | undefined {
  return typeof p === 'object' && p !== null && !Array.isArray(p)
    ? (p as Readonly<Record<string, JsonValue>>)[name]
    : undefined;
}

const numberField = (p: JsonValue, name: string, d: number): number => {
  const v = field(p, name);
  return typeof v === 'number' ? v : d;
};

function cursorOf(reply: Reply | undefined): string {
  if (reply?.kind !== 'array') return '0';
  const c = reply.items[0];
  return c?.kind === 'bulk' ? c.value : '0';
}

export const sceneScripts: ScriptRegistry = {
  repeat: (p) => {
    const raw = field(p, 'argv');
    const argv = Array.isArray(raw) ? raw.map(String) : ['PING'];
    const rounds = numberField(p, 'rounds', 1);
    return { next: (step) => (step < rounds ? [...argv] : null) };
  },
  'scan-all': (p) => {
    const rounds = numberField(p, 'rounds', 1);
    const count = String(numberField(p, 'count', 100));
    return {
      next: (step, previous, vars) => {
        const cursor = step === 0 ? '0' : cursorOf(previous);
        if (step > 0 && cursor === '0') vars.round = ((vars.round as number | undefined) ?? 0) + 1;
        if (((vars.round as number | undefined) ?? 0) >= rounds) return null;
        return ['SCAN', cursor, 'COUNT', count];
      },
    };
  },
};
