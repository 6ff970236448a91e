import {
  DEFAULT_SETTINGS,
  restoreSettingsRecord,
  SETTINGS_KEY,
  SPEED_RANGE,
  type Motion,
  type SettingsRecord,
} from '../../persist/scene-record.ts';
import { STORES } from '../../persist/schema.ts';
import { isVersioned } from '../../persist/versioned.ts';
import { pagePersistence } from '../../store/keeper-registry.ts';

/**
 * Settings the learner picks once (language, theme, the speed a lesson starts at, reduced
 * motion). IndexedDB holds them (a versioned record, checked when read); a localStorage
 * mirror is read before the first render, so the page never flashes the wrong theme. A value
 * that is missing, unknown or unreadable (storage blocked) falls back to the browser's
 * preference, and a bad record is set aside with a notice.
 */

export type Theme = 'light' | 'dark';
export type { Motion };

const KEY = {
  lang: 'redis-sim.lang',
  theme: 'redis-sim.theme',
  speed: 'redis-sim.speed',
  motion: 'redis-sim.motion',
} as const;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the choice lasts until the page closes, which is the best we can do.
  }
}

function fromMirror(): SettingsRecord {
  const lang = read(KEY.lang);
  const theme = read(KEY.theme);
  const speed = Number(read(KEY.speed) ?? NaN);
  return {
    ...DEFAULT_SETTINGS,
    lang: lang === 'en' || lang === 'ko' ? lang : null,
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    speed: speed >= SPEED_RANGE.min && speed <= SPEED_RANGE.max ? speed : null,
    motion: read(KEY.motion) === 'reduce' ? 'reduce' : 'system',
  };
}

function mirror(s: SettingsRecord): void {
  write(KEY.lang, s.lang);
  write(KEY.theme, s.theme);
  write(KEY.speed, s.speed === null ? null : String(s.speed));
  write(KEY.motion, s.motion === 'system' ? null : s.motion);
}

let current: SettingsRecord = fromMirror();
let rev = 0;
let writing: Promise<void> = Promise.resolve();
const listeners = new Set<(s: SettingsRecord) => void>();

export function currentSettings(): SettingsRecord {
  return current;
}

export function onSettingsChange(listener: (s: SettingsRecord) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function publish(next: SettingsRecord): void {
  current = next;
  mirror(next);
  for (const l of listeners) l(next);
}

/**
 * Reads the stored settings once the page is up; they win over the mirror (another tab or
 * an older visit may have changed them). Returns why a stored record was set aside, if so.
 */
export async function loadSettings(): Promise<string | null> {
  const db = pagePersistence();
  if (db === null) return null;
  try {
    const raw = await db.readRaw(STORES.settings, SETTINGS_KEY);
    if (raw === undefined) return null;
    const checked = isVersioned(raw)
      ? restoreSettingsRecord(raw.data)
      : { ok: false as const, reason: 'the saved settings are not a versioned record' };
    if (!checked.ok) {
      await db.setAside(STORES.settings, SETTINGS_KEY);
      return checked.reason;
    }
    rev = (raw as { rev: number }).rev;
    publish(checked.value);
    return null;
  } catch {
    // No storage: the mirror's settings stand, in memory.
    return null;
  }
}

/** Changes some settings: mirrored at once, written to IndexedDB in order. */
export function updateSettings(change: Partial<Omit<SettingsRecord, 'version'>>): void {
  publish({ ...current, ...change });
  const db = pagePersistence();
  if (db === null) return;
  writing = writing.then(async () => {
    try {
      let result = await db.writeVersioned(STORES.settings, SETTINGS_KEY, current, rev);
      if (!result.ok && result.kind === 'conflict') {
        // Another tab saved other choices: keep theirs, with this change on top.
        const theirs = restoreSettingsRecord(result.theirs.data);
        const merged = { ...(theirs.ok ? theirs.value : current), ...change };
        result = await db.writeVersioned(STORES.settings, SETTINGS_KEY, merged, result.theirs.rev);
        if (result.ok) publish(merged);
      }
      if (result.ok) rev = result.rev;
    } catch {
      // Storage gone: the mirror keeps the choice for this browser.
    }
  });
}

/** "Reset everything" forgets the mirror too. */
export function forgetMirroredSettings(): void {
  for (const key of Object.values(KEY)) write(key, null);
}

export function savedLanguage(): 'en' | 'ko' | null {
  return current.lang;
}

export function saveLanguage(lang: 'en' | 'ko'): void {
  if (current.lang !== lang) updateSettings({ lang });
}

export function initialTheme(prefersDark: boolean): Theme {
  return current.theme ?? (prefersDark ? 'dark' : 'light');
}

export function saveTheme(theme: Theme): void {
  if (current.theme !== theme) updateSettings({ theme });
}
