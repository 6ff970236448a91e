/**
 * Keys and values arrive as byte strings (one char per byte, as the engine keeps them). The
 * explorer shows them as UTF-8 text when they are text, and as bits or escapes when not.
 */

function toBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

const lenient = new TextDecoder('utf-8');
const strict = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text; invalid sequences show as U+FFFD. */
export function asText(bytes: string): string {
  return lenient.decode(toBytes(bytes));
}

/** True when the bytes are UTF-8 text without control characters (tab and newline allowed). */
export function isPrintable(bytes: string): boolean {
  let text: string;
  try {
    text = strict.decode(toBytes(bytes));
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text);
}

/** The bits of each byte, most significant first, as SETBIT numbers them. */
export function bitsOf(bytes: string): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    rows.push([7, 6, 5, 4, 3, 2, 1, 0].map((shift) => (b >> shift) & 1));
  }
  return rows;
}
