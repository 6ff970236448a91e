/**
 * A lesson's state in its URL: `#/cache?step=2&seed=42&knob.ttl=10&cmd=GET%20key:1`. Opening
 * the link reproduces the run (same scene, seed, knobs, step, console commands). Links travel
 * through chat apps and get cut or edited, so decoding trusts nothing: every value is bounded,
 * and whatever is too long, malformed or unknown becomes a notice the page shows, while the
 * rest of the link still works. Knob values stay text here; the worker checks them against
 * the scene's knob specs (one parser for URL, UI and command line).
 */

export interface ShareState {
  readonly step: number | null;
  readonly seed: number | null;
  readonly knobs: Readonly<Record<string, string>>;
  readonly commands: readonly string[];
}

export interface ShareNotice {
  readonly param: string;
  readonly problem: 'too-long' | 'malformed' | 'unknown' | 'too-many';
}

export interface DecodedLink {
  /** The route before the query: '' for home, else the lesson id (or an unknown path). */
  readonly route: string;
  readonly share: ShareState;
  readonly notices: readonly ShareNotice[];
}

export const SHARE_LIMITS = {
  /** Longer links are cut by some browsers and chat apps; ours never get there. */
  linkChars: 8000,
  commands: 50,
  commandChars: 500,
  knobs: 30,
  knobValueChars: 100,
  maxStep: 1000,
} as const;

const KNOB_NAME = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;
const EMPTY: ShareState = { step: null, seed: null, knobs: {}, commands: [] };

/** The hash for a lesson with this state (without the leading '#'). */
export function encodeShareLink(scene: string, state: ShareState): string {
  const q = new URLSearchParams();
  if (state.step !== null) q.set('step', String(state.step));
  if (state.seed !== null) q.set('seed', String(state.seed));
  for (const [name, value] of Object.entries(state.knobs)) q.set(`knob.${name}`, value);
  for (const c of state.commands.slice(-SHARE_LIMITS.commands)) q.append('cmd', c);
  const query = q.toString().replace(/\+/g, '%20');
  return `/${scene}${query === '' ? '' : `?${query}`}`;
}

function isUint32(text: string): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) <= 0xffffffff;
}

export function decodeShareLink(hash: string): DecodedLink {
  const notices: ShareNotice[] = [];
  let text = hash.replace(/^#?\/?/, '');
  if (text.length > SHARE_LIMITS.linkChars) {
    notices.push({ param: 'link', problem: 'too-long' });
    text = text.slice(0, SHARE_LIMITS.linkChars);
  }
  const at = text.indexOf('?');
  const route = at < 0 ? text : text.slice(0, at);
  if (at < 0) return { route, share: EMPTY, notices };

  let step: number | null = null;
  let seed: number | null = null;
  const knobs: Record<string, string> = {};
  const commands: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text.slice(at + 1));
  } catch {
    return { route, share: EMPTY, notices: [...notices, { param: 'link', problem: 'malformed' }] };
  }
  for (const [param, value] of params) {
    if (param === 'step') {
      const n = Number(value);
      if (/^\d{1,4}$/.test(value) && n >= 1 && n <= SHARE_LIMITS.maxStep) step = n;
      else notices.push({ param, problem: 'malformed' });
    } else if (param === 'seed') {
      if (isUint32(value)) seed = Number(value);
      else notices.push({ param, problem: 'malformed' });
    } else if (param === 'cmd') {
      if (commands.length >= SHARE_LIMITS.commands) {
        if (!notices.some((n) => n.param === 'cmd' && n.problem === 'too-many')) {
          notices.push({ param, problem: 'too-many' });
        }
      } else if (value.length > SHARE_LIMITS.commandChars) {
        notices.push({ param, problem: 'too-long' });
      } else if (value.trim() !== '') {
        commands.push(value);
      }
    } else if (param.startsWith('knob.')) {
      const name = param.slice('knob.'.length);
      if (!KNOB_NAME.test(name)) notices.push({ param: 'knob', problem: 'malformed' });
      else if (value.length > SHARE_LIMITS.knobValueChars)
        notices.push({ param, problem: 'too-long' });
      else if (Object.keys(knobs).length >= SHARE_LIMITS.knobs && !(name in knobs)) {
        notices.push({ param, problem: 'too-many' });
      } else knobs[name] = value;
    } else {
      // Shown as the parameter's name only, cut short: a link cannot put text on the page.
      notices.push({ param: param.slice(0, 40), problem: 'unknown' });
    }
  }
  return { route, share: { step, seed, knobs, commands }, notices };
}
