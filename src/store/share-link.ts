/**
 * A lesson's state in its URL: `#/cache?step=2&seed=42&t=3000000&knob.ttl=10&cmd=1500000@GET%20k`.
 * Opening the link reproduces the run: same scene, seed and knobs, the console commands (and
 * the learner's other acts) replayed at the virtual moment (µs) they happened, then the same
 * instant `t` and lesson step. A `cmd` without a moment runs at t = 0. Links travel
 * through chat apps and get cut or edited, so decoding trusts nothing: every value is bounded,
 * and whatever is too long, malformed or unknown becomes a notice the page shows, while the
 * rest of the link still works. Knob values stay text here; the worker checks them against
 * the scene's knob specs (one parser for URL, UI and command line).
 */

/**
 * One thing the learner did, at its virtual moment (µs): a console line on the lesson's
 * console node, or any other act (a client's command, a crash, a cut...) as the worker's
 * journal entry without its time, checked by the worker when it is replayed.
 */
export type ShareAction =
  | { readonly at: number; readonly line: string }
  | { readonly at: number; readonly act: Readonly<Record<string, unknown>> };

export interface ShareState {
  readonly step: number | null;
  readonly seed: number | null;
  /** The virtual instant (µs) the run was shared at. */
  readonly time: number | null;
  readonly knobs: Readonly<Record<string, string>>;
  /** Oldest first. */
  readonly actions: readonly ShareAction[];
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
  /** A day of virtual time: more than any lesson runs. */
  maxTime: 86_400_000_000,
} as const;

const KNOB_NAME = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;
const EMPTY: ShareState = { step: null, seed: null, time: null, knobs: {}, actions: [] };
const MOMENT = /^(\d+)@/;

/** The hash for a lesson with this state (without the leading '#'). */
export function encodeShareLink(scene: string, state: ShareState): string {
  const q = new URLSearchParams();
  if (state.step !== null) q.set('step', String(state.step));
  if (state.seed !== null) q.set('seed', String(state.seed));
  if (state.time !== null) q.set('t', String(state.time));
  for (const [name, value] of Object.entries(state.knobs)) q.set(`knob.${name}`, value);
  for (const a of state.actions.slice(0, SHARE_LIMITS.commands)) {
    if ('line' in a) q.append('cmd', `${a.at}@${a.line}`);
    else q.append('act', `${a.at}@${JSON.stringify(a.act)}`);
  }
  // '@' and spaces stay readable; both are fine in a fragment.
  const query = q.toString().replace(/\+/g, '%20').replace(/%40/g, '@');
  return `/${scene}${query === '' ? '' : `?${query}`}`;
}

/** `<µs>@rest` → the moment and the rest; no moment → t = 0. Null when the moment is bad. */
function splitMoment(value: string): { at: number; rest: string } | null {
  const m = MOMENT.exec(value);
  if (m === null) return { at: 0, rest: value };
  const at = Number(m[1]);
  return m[1]!.length <= 11 && at <= SHARE_LIMITS.maxTime
    ? { at, rest: value.slice(m[0].length) }
    : null;
}

function parseAct(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    const kind = (v as Record<string, unknown>)['kind'];
    return typeof kind === 'string' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
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
  let time: number | null = null;
  const knobs: Record<string, string> = {};
  const actions: ShareAction[] = [];
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
    } else if (param === 't') {
      const n = Number(value);
      if (/^\d{1,11}$/.test(value) && n <= SHARE_LIMITS.maxTime) time = n;
      else notices.push({ param, problem: 'malformed' });
    } else if (param === 'cmd' || param === 'act') {
      const timed = splitMoment(value);
      if (actions.length >= SHARE_LIMITS.commands) {
        if (
          !notices.some((n) => n.problem === 'too-many' && (n.param === 'cmd' || n.param === 'act'))
        ) {
          notices.push({ param, problem: 'too-many' });
        }
      } else if (value.length > SHARE_LIMITS.commandChars) {
        notices.push({ param, problem: 'too-long' });
      } else if (timed === null) {
        notices.push({ param, problem: 'malformed' });
      } else if (param === 'cmd') {
        if (timed.rest.trim() !== '') actions.push({ at: timed.at, line: timed.rest });
      } else {
        const act = parseAct(timed.rest);
        if (act === null) notices.push({ param, problem: 'malformed' });
        else actions.push({ at: timed.at, act });
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
  // Replayed in time order whatever order the link lists them in (a stable sort).
  actions.sort((a, b) => a.at - b.at);
  return { route, share: { step, seed, time, knobs, actions }, notices };
}
