/**
 * Redis strings are binary-safe byte sequences. The engine holds them as "byte strings":
 * JS strings whose every char code is one byte (0–255). That keeps Map keys and comparisons
 * fast and exact (STRLEN of "한" is 3, as in Redis). Text from people is UTF-8 encoded into a
 * byte string at the edge (the console, the RESP server reads latin1) and decoded for display.
 */

/** Encodes text as UTF-8, one char per byte. */
export function utf8ToBytes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      out += text[i];
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate cannot be encoded
    if (cp < 0x800) {
      out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      out += String.fromCharCode(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
    }
  }
  return out;
}

/** Decodes a byte string as UTF-8; invalid sequences become U+FFFD. */
export function bytesToUtf8(bytes: string): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes.charCodeAt(i);
    if (b0 < 0x80) {
      out += bytes[i];
      i++;
      continue;
    }
    const need =
      b0 >= 0xf0 && b0 < 0xf5 ? 3 : b0 >= 0xe0 && b0 < 0xf0 ? 2 : b0 >= 0xc2 && b0 < 0xe0 ? 1 : 0;
    let cp = need === 1 ? b0 & 0x1f : need === 2 ? b0 & 0x0f : b0 & 0x07;
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const b = bytes.charCodeAt(i + k);
      if ((b & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (b & 0x3f);
    }
    if (
      !ok ||
      (need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
      (need === 3 && (cp < 0x10000 || cp > 0x10ffff))
    ) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** True when every char of the string is a single byte. */
export function isByteString(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[^\x00-\xff]/.test(s);
}
