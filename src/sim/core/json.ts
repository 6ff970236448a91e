/**
 * Checkpoints are plain JSON-safe data. The only non-JSON value the world holds is a
 * bigint (an integer reply beyond 2^53), which is tagged as { $bigint: "digits" }.
 */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A deep copy with bigints tagged: the result survives JSON.stringify and structuredClone. */
export function toJsonSafe(value: unknown): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not JSON-safe: ${value}`);
    return value;
  }
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonSafe(v);
    return out;
  }
  throw new Error(`not JSON-safe: ${typeof value}`);
}

/** The inverse of toJsonSafe. The caller knows the shape it expects. */
export function fromJsonSafe(value: JsonValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: JsonValue) => fromJsonSafe(v));
  const obj = value as { readonly [key: string]: JsonValue };
  const tag = obj.$bigint;
  if (typeof tag === 'string' && Object.keys(obj).length === 1) return BigInt(tag);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = fromJsonSafe(v);
  return out;
}
