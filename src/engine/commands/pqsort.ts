/**
 * Redis's partial quicksort (pqsort.c: Bentley & McIlroy's qsort, skipping the partitions
 * that lie wholly outside [lrange, rrange]). SORT uses it for BY with a LIMIT window; it is
 * not stable, and which of several equal elements lands in the window is part of SORT's
 * reply, so the partitioning here is Redis's step for step, on array indexes.
 */
type Compare<T> = (a: T, b: T) => number;

export function pqsort<T>(v: T[], cmp: Compare<T>, lrange: number, rrange: number): void {
  sortPart(v, 0, v.length, cmp, lrange, rrange);
}

function swap<T>(v: T[], i: number, j: number): void {
  const t = v[i]!;
  v[i] = v[j]!;
  v[j] = t;
}

function vecswap<T>(v: T[], i: number, j: number, n: number): void {
  for (let k = 0; k < n; k++) swap(v, i + k, j + k);
}

function med3<T>(v: T[], a: number, b: number, c: number, cmp: Compare<T>): number {
  return cmp(v[a]!, v[b]!) < 0
    ? cmp(v[b]!, v[c]!) < 0
      ? b
      : cmp(v[a]!, v[c]!) < 0
        ? c
        : a
    : cmp(v[b]!, v[c]!) > 0
      ? b
      : cmp(v[a]!, v[c]!) < 0
        ? a
        : c;
}

/** True when [first, last] and the window do not overlap (the window on one side of it). */
function outside(first: number, last: number, lrange: number, rrange: number): boolean {
  return (lrange < first && rrange < first) || (lrange > last && rrange > last);
}

function sortPart<T>(
  v: T[],
  a: number,
  n: number,
  cmp: Compare<T>,
  lrange: number,
  rrange: number,
): void {
  for (;;) {
    if (n < 7) {
      for (let pm = a + 1; pm < a + n; pm++) {
        for (let pl = pm; pl > a && cmp(v[pl - 1]!, v[pl]!) > 0; pl--) swap(v, pl, pl - 1);
      }
      return;
    }
    let pm = a + Math.floor(n / 2);
    if (n > 7) {
      let pl = a;
      let pn = a + n - 1;
      if (n > 40) {
        const d = Math.floor(n / 8);
        pl = med3(v, pl, pl + d, pl + 2 * d, cmp);
        pm = med3(v, pm - d, pm, pm + d, cmp);
        pn = med3(v, pn - 2 * d, pn - d, pn, cmp);
      }
      pm = med3(v, pl, pm, pn, cmp);
    }
    swap(v, a, pm);
    let pa = a + 1;
    let pb = a + 1;
    let pc = a + n - 1;
    let pd = a + n - 1;
    for (;;) {
      let c: number;
      while (pb <= pc && (c = cmp(v[pb]!, v[a]!)) <= 0) {
        if (c === 0) swap(v, pa++, pb);
        pb++;
      }
      while (pb <= pc && (c = cmp(v[pc]!, v[a]!)) >= 0) {
        if (c === 0) swap(v, pc, pd--);
        pc--;
      }
      if (pb > pc) break;
      swap(v, pb++, pc--);
    }
    const pn = a + n;
    let r = Math.min(pa - a, pb - pa);
    vecswap(v, a, pb - r, r);
    r = Math.min(pd - pc, pn - pd - 1);
    vecswap(v, pb, pn - r, r);
    r = pb - pa;
    if (r > 1 && !outside(a, a + r - 1, lrange, rrange)) sortPart(v, a, r, cmp, lrange, rrange);
    r = pd - pc;
    if (r <= 1) return;
    a = pn - r;
    n = r;
    if (outside(a, a + r - 1, lrange, rrange)) return;
  }
}
