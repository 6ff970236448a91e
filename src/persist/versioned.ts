/**
 * Versioned writes, so two tabs of the same origin never overwrite each other's work blindly.
 * Every saved record carries a revision; a tab writes "revision N+1 over N" and, when another
 * tab got there first, is told so (with the other tab's record) instead of clobbering it. A
 * BroadcastChannel tells the other tabs as soon as a record changes, so they can offer to
 * reload it before the learner's next save collides.
 */

export interface Versioned<T> {
  readonly rev: number;
  /** The tab that wrote it: a tab ignores its own broadcasts. */
  readonly tab: string;
  readonly data: T;
}

export type WriteResult<T> =
  | { readonly ok: true; readonly rev: number }
  | { readonly ok: false; readonly kind: 'conflict'; readonly theirs: Versioned<T> }
  | { readonly ok: false; readonly kind: 'quota' | 'unavailable'; readonly reason: string };

export interface ChangeNotice {
  readonly store: string;
  readonly key: string;
  readonly rev: number;
  readonly tab: string;
}

export function isVersioned(v: unknown): v is Versioned<unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return Number.isInteger(r.rev) && (r.rev as number) >= 1 && typeof r.tab === 'string';
}

export function isChangeNotice(v: unknown): v is ChangeNotice {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.store === 'string' &&
    typeof r.key === 'string' &&
    Number.isInteger(r.rev) &&
    typeof r.tab === 'string'
  );
}

/** The error a full disk or a private window's quota throws, told apart from the rest. */
export function isQuotaError(e: unknown): boolean {
  return (
    e instanceof DOMException &&
    (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED')
  );
}

let tabCounter = 0;

/** An id for this tab, unique enough among a person's open tabs. */
export function newTabId(): string {
  tabCounter += 1;
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${random[0]!.toString(36)}${random[1]!.toString(36)}-${tabCounter}`;
}
