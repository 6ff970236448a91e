/**
 * Small settings the learner picks once (language, theme), remembered in localStorage:
 * read before the first render so the page never flashes the wrong theme. A value that is
 * missing, unknown or unreadable (storage blocked) falls back to the browser's preference.
 */

export type Theme = 'light' | 'dark';

const KEY = { lang: 'redis-sim.lang', theme: 'redis-sim.theme' } as const;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the choice lasts until the page closes, which is the best we can do.
  }
}

export function savedLanguage(): 'en' | 'ko' | null {
  const v = read(KEY.lang);
  return v === 'en' || v === 'ko' ? v : null;
}

export function saveLanguage(lang: 'en' | 'ko'): void {
  write(KEY.lang, lang);
}

export function initialTheme(prefersDark: boolean): Theme {
  const v = read(KEY.theme);
  return v === 'light' || v === 'dark' ? v : prefersDark ? 'dark' : 'light';
}

export function saveTheme(theme: Theme): void {
  write(KEY.theme, theme);
}
