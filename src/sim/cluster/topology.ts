import type { JsonValue } from '../core/json.ts';
import { SLOT_COUNT } from './key-slot.ts';

/**
 * A cluster as scene data: its members (every Redis node the scene has, with the address a
 * redirect names), who starts as a master with which slot ranges, who replicates whom, and
 * who waits outside until CLUSTER MEET (a spare to add). Timings are Redis's names.
 */

export interface ClusterMember {
  /** The world's node name (and its bus part is `<name>@bus`). */
  readonly name: string;
  readonly ip: string;
  readonly port: number;
  readonly role: 'master' | 'replica' | 'spare';
  /** Inclusive slot ranges a master starts with. */
  readonly slots?: readonly (readonly [number, number])[];
  /** The master a replica follows. */
  readonly of?: string;
}

export interface ClusterSpec {
  readonly members: readonly ClusterMember[];
  /** cluster-node-timeout, ms (Redis's default 15000). */
  readonly nodeTimeoutMs: number;
}

export const DEFAULT_NODE_TIMEOUT_MS = 15_000;

export const busName = (node: string): string => `${node}@bus`;

export const address = (m: ClusterMember): string => `${m.ip}:${m.port}`;

/** Node ids are 40 hex digits, as Redis's; derived from the name so every run agrees. */
export function nodeId(name: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 40; round++) {
    for (let i = 0; i < name.length; i++) {
      h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

/** Slots split evenly over n masters, as `redis-cli --cluster create` splits them. */
export function evenSlotRanges(n: number): [number, number][] {
  const per = SLOT_COUNT / n;
  const ranges: [number, number][] = [];
  let first = 0;
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    let last = Math.round(cursor + per - 1);
    if (last > SLOT_COUNT - 1 || i === n - 1) last = SLOT_COUNT - 1;
    ranges.push([first, last]);
    first = last + 1;
    cursor += per;
  }
  return ranges;
}

/** Consecutive slots of one owner as inclusive ranges. */
export function toRanges(slots: Iterable<number>): [number, number][] {
  const sorted = [...slots].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === s - 1) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}

export function specJson(spec: ClusterSpec): JsonValue {
  return spec as unknown as JsonValue;
}
