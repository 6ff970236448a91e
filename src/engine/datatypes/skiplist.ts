import type { Rng } from '../clock.ts';

/**
 * Redis's zskiplist (t_zset.c), the ordered half of a skiplist-encoded Sorted Set.
 *
 * Nodes are kept in (score, member) order, members compared as byte strings (memcmp order,
 * which is what `<` on our one-char-a-byte strings gives). Each node has a height of 1 to 32
 * levels drawn with probability 1/4 per extra level. Every forward link stores its span (how
 * many level-0 steps it jumps), so the rank of a node is the sum of the spans crossed on the
 * way down: rank queries and rank lookups are O(log N). Level-0 nodes also point backward,
 * for reverse iteration. The header is a sentinel of full height that holds no element.
 *
 * The levels come from an injected Rng so the simulation replays the same shape, and the
 * shape is readable (header, nodes(), levels) because the data-types lesson draws it.
 */

export const SKIPLIST_MAX_LEVEL = 32;
export const SKIPLIST_P = 0.25;

/** A node as the outside world may see it: read-only. */
export interface SkiplistNode {
  readonly member: string;
  readonly score: number;
  /** The previous node on level 0, null for the first node. */
  readonly backward: SkiplistNode | null;
  /** forward[i]: the next node on level i (null at the end); its length is the node's height. */
  readonly forward: readonly (SkiplistNode | null)[];
  /**
   * span[i]: how many level-0 steps forward[i] jumps; for a null link, the number of nodes
   * after this one (Redis keeps it so).
   */
  readonly span: readonly number[];
}

class Node implements SkiplistNode {
  backward: Node | null = null;
  readonly forward: (Node | null)[];
  readonly span: number[];
  constructor(
    public member: string,
    public score: number,
    level: number,
  ) {
    // Grown by push so the arrays stay packed (new Array(n) makes holey, slower ones).
    this.forward = [];
    this.span = [];
    for (let i = 0; i < level; i++) {
      this.forward.push(null);
      this.span.push(0);
    }
  }
}

/** A score interval; exclusive ends are the "(" form of ZRANGEBYSCORE. */
export interface ScoreRange {
  readonly min: number;
  readonly max: number;
  readonly minExclusive: boolean;
  readonly maxExclusive: boolean;
}

/**
 * One end of a lex interval: '-' (below everything), '+' (above everything), or a member
 * with "[" (inclusive) or "(" (exclusive).
 */
export type LexBound =
  | { readonly kind: 'min' }
  | { readonly kind: 'max' }
  | { readonly kind: 'value'; readonly value: string; readonly exclusive: boolean };

export interface LexRange {
  readonly min: LexBound;
  readonly max: LexBound;
}

export function scoreGteMin(score: number, range: ScoreRange): boolean {
  return range.minExclusive ? score > range.min : score >= range.min;
}

export function scoreLteMax(score: number, range: ScoreRange): boolean {
  return range.maxExclusive ? score < range.max : score <= range.max;
}

/** Redis's sdscmplex: compares members and bounds, '-' and '+' acting as -inf and +inf. */
function compareLex(a: string | LexBound, b: string | LexBound): number {
  const ka = typeof a === 'string' ? 'value' : a.kind;
  const kb = typeof b === 'string' ? 'value' : b.kind;
  if (ka !== 'value' && ka === kb) return 0;
  if (ka === 'min' || kb === 'max') return -1;
  if (ka === 'max' || kb === 'min') return 1;
  const x = typeof a === 'string' ? a : (a as { value: string }).value;
  const y = typeof b === 'string' ? b : (b as { value: string }).value;
  return x < y ? -1 : x > y ? 1 : 0;
}

function boundExclusive(b: LexBound): boolean {
  // '-' and '+' count as exclusive, as zslParseLexRangeItem sets them.
  return b.kind === 'value' ? b.exclusive : true;
}

export function lexGteMin(member: string, range: LexRange): boolean {
  const c = compareLex(member, range.min);
  return boundExclusive(range.min) ? c > 0 : c >= 0;
}

export function lexLteMax(member: string, range: LexRange): boolean {
  const c = compareLex(member, range.max);
  return boundExclusive(range.max) ? c < 0 : c <= 0;
}

/** True when no member at all can fall in the range (min above max, or equal and open). */
export function lexRangeIsEmpty(range: LexRange): boolean {
  const c = compareLex(range.min, range.max);
  return c > 0 || (c === 0 && (boundExclusive(range.min) || boundExclusive(range.max)));
}

export function scoreRangeIsEmpty(range: ScoreRange): boolean {
  return (
    range.min > range.max || (range.min === range.max && (range.minExclusive || range.maxExclusive))
  );
}

/** A level drawn as zslRandomLevel does: 1, plus one more with probability 1/4 each time. */
export function randomLevel(rng: Rng): number {
  let level = 1;
  while (level < SKIPLIST_MAX_LEVEL && rng.next() < SKIPLIST_P) level++;
  return level;
}

/** Strictly before in skiplist order: lower score, or same score and smaller member. */
function before(node: Node, score: number, member: string): boolean {
  return node.score < score || (node.score === score && node.member < member);
}

/**
 * Entries of a small list kept flat: parallel arrays in skiplist order, with the height
 * each node was given. A skiplist's links follow from the order and the heights alone, so
 * the linked form built from them later is the one incremental inserts would have made.
 */
interface FlatEntries {
  readonly members: string[];
  readonly scores: number[];
  readonly levels: number[];
}

/**
 * Inserts or removes one entry of the flat arrays in place: splice would allocate an array
 * of removed entries on every call, and ZADD moves entries all the time.
 */
function flatInsert(
  flat: FlatEntries,
  at: number,
  score: number,
  member: string,
  level: number,
): void {
  const { members, scores, levels } = flat;
  for (let i = members.length; i > at; i--) {
    members[i] = members[i - 1]!;
    scores[i] = scores[i - 1]!;
    levels[i] = levels[i - 1]!;
  }
  members[at] = member;
  scores[at] = score;
  levels[at] = level;
}

function flatRemove(flat: FlatEntries, at: number): void {
  const { members, scores, levels } = flat;
  const last = members.length - 1;
  for (let i = at; i < last; i++) {
    members[i] = members[i + 1]!;
    scores[i] = scores[i + 1]!;
    levels[i] = levels[i + 1]!;
  }
  members.pop();
  scores.pop();
  levels.pop();
}

/** Up to this many entries a list stays flat (Redis keeps sets this small in a listpack too). */
export const SKIPLIST_FLAT_MAX = 128;

export class Skiplist {
  private readonly head = new Node('', 0, SKIPLIST_MAX_LEVEL);
  private last: Node | null = null;
  private len = 0;
  /**
   * While small and only written (ZADD, ZREM, ZSCORE's dict aside), the entries live flat and
   * the links are not built: ZADD on a small set then costs a binary search, not a node. The
   * first read that walks nodes builds the links once (same heights, same shape, same rng
   * draws), and the list stays linked from then on.
   */
  private flat: FlatEntries | null;

  constructor(options: { readonly flatMax?: number } = {}) {
    this.flatMax = options.flatMax ?? SKIPLIST_FLAT_MAX;
    this.flat = this.flatMax > 0 ? { members: [], scores: [], levels: [] } : null;
  }

  private readonly flatMax: number;
  /** Height of the tallest node (at least 1), as zsl->level. */
  private height = 1;
  /** Scratch arrays reused by every update, as the C code's stack arrays. */
  private readonly update: Node[] = new Array<Node>(SKIPLIST_MAX_LEVEL);
  private readonly rank: number[] = new Array<number>(SKIPLIST_MAX_LEVEL).fill(0);

  get length(): number {
    return this.len;
  }

  /** The number of levels in use (the height of the tallest node). */
  get level(): number {
    if (this.flat === null) return this.height;
    let height = 1;
    for (const l of this.flat.levels) if (l > height) height = l;
    return height;
  }

  /** The sentinel before the first node; its forward/span arrays are the top of the drawing. */
  get header(): SkiplistNode {
    return this.linked().head;
  }

  get first(): SkiplistNode | null {
    return this.linked().head.forward[0] ?? null;
  }

  get tail(): SkiplistNode | null {
    return this.linked().last;
  }

  /** Nodes in order, for drawing and iteration; do not modify the list while walking it. */
  *nodes(): IterableIterator<SkiplistNode> {
    const head = this.linked().head;
    for (let x = head.forward[0] ?? null; x !== null; x = x.forward[0] ?? null) yield x;
  }

  /**
   * Visits the entries in order with each one's height, without building links (memory
   * estimates, snapshots and copies read every entry of small sets). Return false to stop.
   */
  forEach(visit: (member: string, score: number, level: number) => boolean | void): void {
    const flat = this.flat;
    if (flat !== null) {
      for (let i = 0; i < flat.members.length; i++) {
        if (visit(flat.members[i]!, flat.scores[i]!, flat.levels[i]!) === false) return;
      }
      return;
    }
    for (let x = this.head.forward[0] ?? null; x !== null; x = x.forward[0] ?? null) {
      if (visit(x.member, x.score, x.forward.length) === false) return;
    }
  }

  /** Builds the links from the flat entries, once; every node-walking method calls it. */
  private linked(): this {
    const flat = this.flat;
    if (flat === null) return this;
    this.flat = null;
    this.len = 0;
    for (let i = 0; i < flat.members.length; i++) {
      this.appendLinked(flat.scores[i]!, flat.members[i]!, flat.levels[i]!);
    }
    return this;
  }

  /** Appends a node after the last one (entries arrive in order): O(level), no search. */
  private appendLinked(score: number, member: string, level: number): void {
    // update[i]: the last node on level i so far; rank[i]: its level-0 position.
    const update = this.update;
    const rank = this.rank;
    if (this.len === 0) {
      update.fill(this.head);
      rank.fill(0);
    }
    if (level > this.height) {
      for (let i = this.height; i < level; i++) this.head.span[i] = this.len;
      this.height = level;
    }
    const position = this.len + 1;
    const node = new Node(member, score, level);
    for (let i = 0; i < level; i++) {
      const prev = update[i]!;
      prev.forward[i] = node;
      prev.span[i] = position - rank[i]!;
      update[i] = node;
      rank[i] = position;
    }
    // Links above the new node stay null; a null link's span counts the nodes after it.
    for (let i = level; i < this.height; i++) update[i]!.span[i]!++;
    node.backward = this.last;
    this.last = node;
    this.len = position;
  }

  /** Index of the first entry not before (score, member) in the flat arrays. */
  private flatIndex(flat: FlatEntries, score: number, member: string): number {
    const { scores, members } = flat;
    let lo = 0;
    let hi = scores.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = scores[mid]!;
      if (s < score || (s === score && members[mid]! < member)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Inserts a member that is not in the list yet (the caller's dict guarantees it), with a
   * height drawn from rng or given (a restore keeps the saved shape).
   */
  insert(score: number, member: string, levelOrRng: Rng | number): void {
    const flat = this.flat;
    if (flat !== null) {
      const level = typeof levelOrRng === 'number' ? levelOrRng : randomLevel(levelOrRng);
      if (flat.members.length < this.flatMax) {
        flatInsert(flat, this.flatIndex(flat, score, member), score, member, level);
        this.len++;
        return;
      }
      this.linked().insertLinked(score, member, level);
      return;
    }
    this.insertLinked(score, member, levelOrRng);
  }

  private insertLinked(score: number, member: string, levelOrRng: Rng | number): void {
    const update = this.update;
    const rank = this.rank;
    let x = this.head;
    for (let i = this.height - 1; i >= 0; i--) {
      rank[i] = i === this.height - 1 ? 0 : rank[i + 1]!;
      let next = x.forward[i]!;
      while (next !== null && before(next, score, member)) {
        rank[i]! += x.span[i]!;
        x = next;
        next = x.forward[i]!;
      }
      update[i] = x;
    }
    const level = typeof levelOrRng === 'number' ? levelOrRng : randomLevel(levelOrRng);
    if (level > this.height) {
      for (let i = this.height; i < level; i++) {
        rank[i] = 0;
        update[i] = this.head;
        this.head.span[i] = this.len;
      }
      this.height = level;
    }
    const node = new Node(member, score, level);
    for (let i = 0; i < level; i++) {
      const prev = update[i]!;
      node.forward[i] = prev.forward[i]!;
      prev.forward[i] = node;
      node.span[i] = prev.span[i]! - (rank[0]! - rank[i]!);
      prev.span[i] = rank[0]! - rank[i]! + 1;
    }
    for (let i = level; i < this.height; i++) update[i]!.span[i]!++;
    node.backward = update[0] === this.head ? null : update[0]!;
    const after = node.forward[0]!;
    if (after !== null) after.backward = node;
    else this.last = node;
    this.len++;
  }

  /** Removes the node with exactly this score and member; false when it is not there. */
  delete(score: number, member: string): boolean {
    const flat = this.flat;
    if (flat !== null) {
      const at = this.flatIndex(flat, score, member);
      if (flat.scores[at] !== score || flat.members[at] !== member) return false;
      flatRemove(flat, at);
      this.len--;
      return true;
    }
    const x = this.seek(score, member);
    if (x === null) return false;
    this.unlinkWithUpdate(x);
    return true;
  }

  /**
   * Changes a member's score (its current score must be right). The node stays in place when
   * its neighbours still bracket the new score; otherwise it is removed and reinserted with a
   * new height, as zslUpdateScore does.
   */
  updateScore(curScore: number, member: string, newScore: number, rng: Rng): void {
    const flat = this.flat;
    if (flat !== null) {
      const at = this.flatIndex(flat, curScore, member);
      if (flat.scores[at] !== curScore || flat.members[at] !== member) {
        throw new Error('skiplist: updateScore of a missing member');
      }
      const last = flat.scores.length - 1;
      if (
        (at === 0 || flat.scores[at - 1]! < newScore) &&
        (at === last || flat.scores[at + 1]! > newScore)
      ) {
        flat.scores[at] = newScore;
        return;
      }
      this.delete(curScore, member);
      this.insert(newScore, member, rng);
      return;
    }
    const x = this.seek(curScore, member);
    if (x === null) throw new Error('skiplist: updateScore of a missing member');
    const after = x.forward[0]!;
    if (
      (x.backward === null || x.backward.score < newScore) &&
      (after === null || after.score > newScore)
    ) {
      x.score = newScore;
      return;
    }
    this.unlinkWithUpdate(x);
    this.insertLinked(newScore, member, rng);
  }

  /**
   * Sets a node's score without moving it; only for a change that keeps the order (a -0 that
   * becomes 0 when the set turns into a listpack).
   */
  rescoreInPlace(node: SkiplistNode, score: number): void {
    (node as Node).score = score;
  }

  /** 1-based rank of the member with this score, 0 when it is not there (zslGetRank). */
  getRank(score: number, member: string): number {
    const flat = this.flat;
    if (flat !== null) {
      const at = this.flatIndex(flat, score, member);
      return flat.scores[at] === score && flat.members[at] === member ? at + 1 : 0;
    }
    let x = this.head;
    let traversed = 0;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (
        next !== null &&
        (next.score < score || (next.score === score && next.member <= member))
      ) {
        traversed += x.span[i]!;
        x = next;
        next = x.forward[i]!;
      }
      if (x !== this.head && x.score === score && x.member === member) return traversed;
    }
    return 0;
  }

  /** The node at a 1-based rank, or null (zslGetElementByRank). */
  getByRank(rank: number): SkiplistNode | null {
    this.linked();
    let x = this.head;
    let traversed = 0;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (next !== null && traversed + x.span[i]! <= rank) {
        traversed += x.span[i]!;
        x = next;
        next = x.forward[i]!;
      }
      if (traversed === rank) return x === this.head ? null : x;
    }
    return null;
  }

  firstInRange(range: ScoreRange): SkiplistNode | null {
    this.linked();
    if (!this.overlapsScores(range)) return null;
    let x = this.head;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (next !== null && !scoreGteMin(next.score, range)) {
        x = next;
        next = x.forward[i]!;
      }
    }
    const found = x.forward[0]!;
    return found !== null && scoreLteMax(found.score, range) ? found : null;
  }

  lastInRange(range: ScoreRange): SkiplistNode | null {
    this.linked();
    if (!this.overlapsScores(range)) return null;
    let x = this.head;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (next !== null && scoreLteMax(next.score, range)) {
        x = next;
        next = x.forward[i]!;
      }
    }
    return x !== this.head && scoreGteMin(x.score, range) ? x : null;
  }

  firstInLexRange(range: LexRange): SkiplistNode | null {
    this.linked();
    if (!this.overlapsLex(range)) return null;
    let x = this.head;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (next !== null && !lexGteMin(next.member, range)) {
        x = next;
        next = x.forward[i]!;
      }
    }
    const found = x.forward[0]!;
    return found !== null && lexLteMax(found.member, range) ? found : null;
  }

  lastInLexRange(range: LexRange): SkiplistNode | null {
    this.linked();
    if (!this.overlapsLex(range)) return null;
    let x = this.head;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (next !== null && lexLteMax(next.member, range)) {
        x = next;
        next = x.forward[i]!;
      }
    }
    return x !== this.head && lexGteMin(x.member, range) ? x : null;
  }

  /** Removes every node in the score range; onRemove sees each removed member. */
  deleteRangeByScore(range: ScoreRange, onRemove: (member: string) => void): number {
    this.linked();
    let x = this.head;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (next !== null && !scoreGteMin(next.score, range)) {
        x = next;
        next = x.forward[i]!;
      }
      this.update[i] = x;
    }
    return this.deleteFrom(x.forward[0]!, (n) => scoreLteMax(n.score, range), onRemove);
  }

  deleteRangeByLex(range: LexRange, onRemove: (member: string) => void): number {
    this.linked();
    let x = this.head;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (next !== null && !lexGteMin(next.member, range)) {
        x = next;
        next = x.forward[i]!;
      }
      this.update[i] = x;
    }
    return this.deleteFrom(x.forward[0]!, (n) => lexLteMax(n.member, range), onRemove);
  }

  /** Removes the nodes with 1-based ranks start..end inclusive. */
  deleteRangeByRank(start: number, end: number, onRemove: (member: string) => void): number {
    this.linked();
    let x = this.head;
    let traversed = 0;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (next !== null && traversed + x.span[i]! < start) {
        traversed += x.span[i]!;
        x = next;
        next = x.forward[i]!;
      }
      this.update[i] = x;
    }
    let rank = traversed + 1;
    return this.deleteFrom(x.forward[0]!, () => rank++ <= end, onRemove);
  }

  private deleteFrom(
    start: Node | null,
    inRange: (n: Node) => boolean,
    onRemove: (member: string) => void,
  ): number {
    let removed = 0;
    let x = start;
    while (x !== null && inRange(x)) {
      const next = x.forward[0]!;
      this.unlinkWithUpdate(x);
      onRemove(x.member);
      removed++;
      x = next;
    }
    return removed;
  }

  private overlapsScores(range: ScoreRange): boolean {
    if (scoreRangeIsEmpty(range)) return false;
    const last = this.last;
    if (last === null || !scoreGteMin(last.score, range)) return false;
    const first = this.head.forward[0]!;
    return first !== null && scoreLteMax(first.score, range);
  }

  private overlapsLex(range: LexRange): boolean {
    if (lexRangeIsEmpty(range)) return false;
    const last = this.last;
    if (last === null || !lexGteMin(last.member, range)) return false;
    const first = this.head.forward[0]!;
    return first !== null && lexLteMax(first.member, range);
  }

  /** Finds the node and fills this.update with its predecessors on every level. */
  private seek(score: number, member: string): Node | null {
    let x = this.head;
    for (let i = this.height - 1; i >= 0; i--) {
      let next = x.forward[i]!;
      while (next !== null && before(next, score, member)) {
        x = next;
        next = x.forward[i]!;
      }
      this.update[i] = x;
    }
    const found = x.forward[0]!;
    return found !== null && found.score === score && found.member === member ? found : null;
  }

  /** zslDeleteNode: this.update must hold x's predecessors. */
  private unlinkWithUpdate(x: Node): void {
    const update = this.update;
    for (let i = 0; i < this.height; i++) {
      const prev = update[i]!;
      if (prev.forward[i] === x) {
        prev.span[i]! += x.span[i]! - 1;
        prev.forward[i] = x.forward[i]!;
      } else {
        prev.span[i]!--;
      }
    }
    const after = x.forward[0]!;
    if (after !== null) after.backward = x.backward;
    else this.last = x.backward;
    while (this.height > 1 && this.head.forward[this.height - 1] === null) this.height--;
    this.len--;
  }
}
