/**
 * Keys for checking key slots against real Redis: Redis's own edge cases for hash tags
 * (keyHashSlot in cluster.c), then seeded random keys: printable ones, ones with braces in
 * random places (tags empty, unclosed, nested, several), and raw bytes 0-255. Byte strings:
 * send them as latin1.
 */
import { SimRng } from '../../src/sim/index.ts';

export const EDGE_KEYS: readonly string[] = [
  '',
  'foo',
  'bar',
  'hello',
  '123456789',
  'user:1000',
  '{user1000}.following',
  '{user1000}.followers',
  '{}',
  '{',
  '}',
  '}{',
  '{}{}',
  'foo{}{bar}',
  'foo{{bar}}zap',
  'foo{bar}{zap}',
  '{a}',
  'a{b',
  'a}b{c}',
  '{{}}',
  '{user1}',
  '{user1}:profile',
];

const BRACE_PARTS = ['{', '}', '{}', 'user', 'a', 'b', '1', ':', 'x{', '}y', '{z}', '.'];

export function sampleKeys(count: number, seed = 1): string[] {
  const rng = new SimRng(seed);
  const keys = [...EDGE_KEYS];
  while (keys.length < count) {
    const kind = rng.int(4);
    let key = '';
    if (kind === 0) {
      const n = rng.int(24);
      for (let i = 0; i < n; i++) key += String.fromCharCode(33 + rng.int(94));
    } else if (kind === 1) {
      const n = 1 + rng.int(6);
      for (let i = 0; i < n; i++) key += BRACE_PARTS[rng.int(BRACE_PARTS.length)]!;
    } else if (kind === 2) {
      key = `{user${rng.int(100_000)}}.${['following', 'followers', 'cart', 'session'][rng.int(4)]}`;
    } else {
      const n = rng.int(16);
      for (let i = 0; i < n; i++) key += String.fromCharCode(rng.int(256));
    }
    keys.push(key);
  }
  return keys;
}
