import { isSceneId, type SceneId } from '../ui/scenes/scene-ids.ts';

/**
 * The options of one embedded lesson, from `embed.html?...` or the `<redis-sim>` element's
 * attributes (same names on both). A blogger types these by hand and a reader may tamper
 * with a URL, so every value is checked: a bad one falls back to its default and is reported
 * as a notice the frame shows as text, never a broken embed.
 */

export type EmbedControls = 'full' | 'compact' | 'none';
export type EmbedLang = 'en' | 'ko';
export type EmbedTheme = 'light' | 'dark';

export interface EmbedOptions {
  readonly scene: SceneId | null;
  /** Unset: the browser's language decides, as in the app. */
  readonly lang: EmbedLang | null;
  readonly theme: EmbedTheme | null;
  /** The step to open at, counted from 1. */
  readonly step: number;
  readonly speed: number;
  readonly autoplay: boolean;
  readonly pauseAtSteps: boolean;
  readonly controls: EmbedControls;
  /** The storage namespace: two embeds with different ids never share saved state. */
  readonly id: string | null;
}

export interface EmbedNotice {
  readonly option: string;
  readonly value: string;
}

export const EMBED_OPTION_NAMES = [
  'scene',
  'lang',
  'theme',
  'step',
  'speed',
  'autoplay',
  'pause-at-steps',
  'controls',
  'id',
] as const;

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
const MAX_STEP = 1000;
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
/** A notice echoes the bad value as text; a long one is cut so it cannot flood the frame. */
const NOTICE_VALUE_MAX = 40;

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = {
  scene: null,
  lang: null,
  theme: null,
  step: 1,
  speed: 1,
  autoplay: false,
  pauseAtSteps: false,
  controls: 'full',
  id: null,
};

type Lookup = (name: string) => string | null;

function oneOf<T extends string>(choices: readonly T[], value: string): T | undefined {
  return (choices as readonly string[]).includes(value) ? (value as T) : undefined;
}

function flag(value: string): boolean | undefined {
  if (value === '1' || value === 'true' || value === '') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

/** Reads the options through `get` (URLSearchParams.get or Element.getAttribute). */
export function parseEmbedOptions(get: Lookup): {
  options: EmbedOptions;
  notices: EmbedNotice[];
} {
  const notices: EmbedNotice[] = [];
  const read = <T>(name: string, parse: (raw: string) => T | undefined, fallback: T): T => {
    const raw = get(name);
    if (raw === null) return fallback;
    const parsed = parse(raw.trim());
    if (parsed === undefined) {
      notices.push({ option: name, value: raw.slice(0, NOTICE_VALUE_MAX) });
      return fallback;
    }
    return parsed;
  };
  const d = DEFAULT_EMBED_OPTIONS;
  const options: EmbedOptions = {
    scene: read<SceneId | null>('scene', (v) => (isSceneId(v) ? v : undefined), d.scene),
    lang: read<EmbedLang | null>('lang', (v) => oneOf<EmbedLang>(['en', 'ko'], v), d.lang),
    theme: read<EmbedTheme | null>(
      'theme',
      (v) => oneOf<EmbedTheme>(['light', 'dark'], v),
      d.theme,
    ),
    step: read(
      'step',
      (v) => {
        const n = Number(v);
        return /^\d+$/.test(v) && n >= 1 && n <= MAX_STEP ? n : undefined;
      },
      d.step,
    ),
    speed: read(
      'speed',
      (v) => {
        const n = Number(v);
        return v !== '' && Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED ? n : undefined;
      },
      d.speed,
    ),
    autoplay: read('autoplay', flag, d.autoplay),
    pauseAtSteps: read('pause-at-steps', flag, d.pauseAtSteps),
    controls: read<EmbedControls>(
      'controls',
      (v) => oneOf<EmbedControls>(['full', 'compact', 'none'], v),
      d.controls,
    ),
    id: read<string | null>('id', (v) => (ID_PATTERN.test(v) ? v : undefined), d.id),
  };
  if (get('scene') === null) notices.push({ option: 'scene', value: '' });
  return { options, notices };
}

/** The query string of `embed.html` for these options: the inverse of parseEmbedOptions. */
export function embedQuery(o: EmbedOptions): string {
  const q = new URLSearchParams();
  if (o.scene !== null) q.set('scene', o.scene);
  if (o.lang !== null) q.set('lang', o.lang);
  if (o.theme !== null) q.set('theme', o.theme);
  if (o.step !== DEFAULT_EMBED_OPTIONS.step) q.set('step', String(o.step));
  if (o.speed !== DEFAULT_EMBED_OPTIONS.speed) q.set('speed', String(o.speed));
  if (o.autoplay) q.set('autoplay', '1');
  if (o.pauseAtSteps) q.set('pause-at-steps', '1');
  if (o.controls !== DEFAULT_EMBED_OPTIONS.controls) q.set('controls', o.controls);
  if (o.id !== null) q.set('id', o.id);
  return q.toString();
}

/**
 * The IndexedDB name of an embed. The `<redis-sim>` element always passes an id (its own, or
 * one made from the host page, the scene and its position), so only a raw iframe without one
 * falls back to the scene: embeds of different lessons never share saved state.
 */
export function storageNamespace(o: EmbedOptions): string {
  return o.id !== null ? `redis-sim:embed:${o.id}` : `redis-sim:embed:scene:${o.scene ?? 'none'}`;
}
