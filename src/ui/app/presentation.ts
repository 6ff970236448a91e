import { useSyncExternalStore } from 'react';

/**
 * Presentation mode lives in the page's query (`?present=1`, before the `#/lesson` route), so a
 * presenter can open it directly and a reload keeps it; the P key toggles it in place.
 */
export const PRESENT_PARAM = 'present';

export function presentFromSearch(search: string): boolean {
  const v = new URLSearchParams(search).get(PRESENT_PARAM);
  return v === '1' || v === 'true' || v === '';
}

/** The query with presentation mode set or cleared; other parameters are kept as they are. */
export function searchWithPresent(search: string, on: boolean): string {
  const q = new URLSearchParams(search);
  if (on) q.set(PRESENT_PARAM, '1');
  else q.delete(PRESENT_PARAM);
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('popstate', onChange);
  };
}

export function usePresentMode(): boolean {
  return useSyncExternalStore(subscribe, () => presentFromSearch(window.location.search));
}

export function setPresentMode(on: boolean): void {
  const { pathname, search, hash } = window.location;
  history.replaceState(history.state, '', `${pathname}${searchWithPresent(search, on)}${hash}`);
  listeners.forEach((l) => l());
}
