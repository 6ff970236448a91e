/**
 * Splits a command line into arguments the way redis-cli does (sds.c sdssplitargs):
 * blanks separate arguments; "double quotes" take \n \r \t \b \a \xHH and \<any> escapes;
 * 'single quotes' take only \'; a closing quote must be followed by a blank or the end.
 * Returns null for an unbalanced or badly closed quote, where redis-cli prints
 * "Invalid argument(s)". Works on byte strings and returns byte strings.
 */
export function splitArgs(line: string): string[] | null {
  const args: string[] = [];
  let p = 0;
  const n = line.length;
  for (;;) {
    while (p < n && isSpace(line.charCodeAt(p))) p++;
    if (p >= n) return args;
    let inDouble = false;
    let inSingle = false;
    let done = false;
    let current = '';
    while (!done) {
      const c = p < n ? line[p]! : '';
      if (inDouble) {
        if (c === '\\' && line[p + 1] === 'x' && isHex(line[p + 2]) && isHex(line[p + 3])) {
          current += String.fromCharCode(parseInt(line.slice(p + 2, p + 4), 16));
          p += 3;
        } else if (c === '\\' && p + 1 < n) {
          p++;
          current += ESCAPES[line[p]!] ?? line[p]!;
        } else if (c === '"') {
          if (p + 1 < n && !isSpace(line.charCodeAt(p + 1))) return null;
          done = true;
        } else if (c === '') {
          return null;
        } else {
          current += c;
        }
      } else if (inSingle) {
        if (c === '\\' && line[p + 1] === "'") {
          p++;
          current += "'";
        } else if (c === "'") {
          if (p + 1 < n && !isSpace(line.charCodeAt(p + 1))) return null;
          done = true;
        } else if (c === '') {
          return null;
        } else {
          current += c;
        }
      } else if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '') {
        done = true;
      } else if (c === '"') {
        inDouble = true;
      } else if (c === "'") {
        inSingle = true;
      } else {
        current += c;
      }
      if (p < n) p++;
    }
    args.push(current);
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  a: '\x07',
};

/** C's isspace: space, \t \n \v \f \r. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}
