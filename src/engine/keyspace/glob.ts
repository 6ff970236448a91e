/**
 * Glob-style matching as Redis's stringmatchlen (util.c) does it, for KEYS, SCAN MATCH and
 * PSUBSCRIBE: `*`, `?`, `[abc]`, `[^a]`, `[a-z]`, and `\` escapes, on byte strings.
 * It keeps Redis's quirks (an unclosed `[` matches to the end of the pattern, a reversed
 * range `[z-a]` is accepted) and its early exit that keeps `a*a*a*...b` from going exponential.
 */
export function globMatch(pattern: string, subject: string, nocase = false): boolean {
  const state = { skipLonger: false };
  return matchFrom(pattern, 0, subject, 0, nocase, state);
}

function lower(code: number, nocase: boolean): number {
  return nocase && code >= 65 && code <= 90 ? code + 32 : code;
}

function matchFrom(
  pattern: string,
  p: number,
  s: string,
  i: number,
  nocase: boolean,
  state: { skipLonger: boolean },
): boolean {
  const pEnd = pattern.length;
  const sEnd = s.length;
  while (p < pEnd && i < sEnd) {
    const pc = pattern.charCodeAt(p);
    if (pc === 42 /* * */) {
      while (p + 1 < pEnd && pattern.charCodeAt(p + 1) === 42) p++;
      if (p + 1 === pEnd) return true;
      while (i < sEnd) {
        if (matchFrom(pattern, p + 1, s, i, nocase, state)) return true;
        if (state.skipLonger) return false;
        i++;
      }
      state.skipLonger = true;
      return false;
    } else if (pc === 63 /* ? */) {
      i++;
    } else if (pc === 91 /* [ */) {
      p++;
      const not = p < pEnd && pattern.charCodeAt(p) === 94; /* ^ */
      if (not) p++;
      let match = false;
      const c = s.charCodeAt(i);
      for (;;) {
        if (p < pEnd && pattern.charCodeAt(p) === 92 /* \ */ && pEnd - p >= 2) {
          p++;
          if (pattern.charCodeAt(p) === c) match = true;
        } else if (p < pEnd && pattern.charCodeAt(p) === 93 /* ] */) {
          break;
        } else if (p >= pEnd) {
          p--;
          break;
        } else if (pEnd - p >= 3 && pattern.charCodeAt(p + 1) === 45 /* - */) {
          let start = pattern.charCodeAt(p);
          let end = pattern.charCodeAt(p + 2);
          if (start > end) [start, end] = [end, start];
          const cc = lower(c, nocase);
          start = lower(start, nocase);
          end = lower(end, nocase);
          p += 2;
          if (cc >= start && cc <= end) match = true;
        } else if (lower(pattern.charCodeAt(p), nocase) === lower(c, nocase)) {
          match = true;
        }
        p++;
      }
      if (not) match = !match;
      if (!match) return false;
      i++;
    } else {
      if (pc === 92 /* \ */ && pEnd - p >= 2) p++;
      if (lower(pattern.charCodeAt(p), nocase) !== lower(s.charCodeAt(i), nocase)) return false;
      i++;
    }
    p++;
    if (i === sEnd) {
      while (p < pEnd && pattern.charCodeAt(p) === 42) p++;
      break;
    }
  }
  return p === pEnd && i === sEnd;
}
