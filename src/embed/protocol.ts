/**
 * The messages between a host page's `<redis-sim>` element and the lesson inside its iframe.
 * Both sides accept a message only when it parses here: anything else (another script's
 * messages, a tampered payload) is ignored, so a host page cannot make the frame do more than
 * play, pause and seek, and the frame cannot make the host do more than resize and announce.
 */

/** Every message carries this tag and the version, so stray messages are told apart. */
export const EMBED_TAG = 'redis-sim';
export const EMBED_PROTOCOL_VERSION = 1;

/** What the host asks of the lesson. */
export type HostCommand =
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'seek'; readonly step: number };

/** What the lesson tells the host. */
export type FrameEvent =
  | { readonly type: 'ready'; readonly steps: number }
  | { readonly type: 'step'; readonly step: number }
  | { readonly type: 'ended' }
  | { readonly type: 'height'; readonly px: number };

export interface Envelope<T> {
  readonly tag: typeof EMBED_TAG;
  readonly v: typeof EMBED_PROTOCOL_VERSION;
  /** The embed instance: several embeds on one page share one message channel (window). */
  readonly id: string;
  readonly msg: T;
}

/** The largest height a frame may ask for: a runaway layout must not grow the host forever. */
export const MAX_FRAME_HEIGHT_PX = 4000;
const MAX_STEP = 1000;
const MAX_ID_LENGTH = 128;

export function envelope<T>(id: string, msg: T): Envelope<T> {
  return { tag: EMBED_TAG, v: EMBED_PROTOCOL_VERSION, id, msg };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Steps are counted from 1, as a blog post names them ("step 2"); 0 only counts nothing. */
function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_STEP;
}

function isStep(x: unknown): x is number {
  return isCount(x) && x >= 1;
}

function openEnvelope(data: unknown, id: string): Record<string, unknown> | null {
  if (!isRecord(data)) return null;
  if (data.tag !== EMBED_TAG || data.v !== EMBED_PROTOCOL_VERSION) return null;
  if (typeof data.id !== 'string' || data.id.length > MAX_ID_LENGTH || data.id !== id) return null;
  return isRecord(data.msg) ? data.msg : null;
}

/** A host command addressed to embed `id`, or null when `data` is anything else. */
export function parseHostCommand(data: unknown, id: string): HostCommand | null {
  const msg = openEnvelope(data, id);
  if (msg === null) return null;
  switch (msg.type) {
    case 'play':
      return { type: 'play' };
    case 'pause':
      return { type: 'pause' };
    case 'seek':
      return isStep(msg.step) ? { type: 'seek', step: msg.step } : null;
    default:
      return null;
  }
}

/** A frame event from embed `id`, or null when `data` is anything else. */
export function parseFrameEvent(data: unknown, id: string): FrameEvent | null {
  const msg = openEnvelope(data, id);
  if (msg === null) return null;
  switch (msg.type) {
    case 'ready':
      return isCount(msg.steps) ? { type: 'ready', steps: msg.steps } : null;
    case 'step':
      return isStep(msg.step) ? { type: 'step', step: msg.step } : null;
    case 'ended':
      return { type: 'ended' };
    case 'height': {
      const px = msg.px;
      if (typeof px !== 'number' || !Number.isFinite(px) || px < 0) return null;
      return { type: 'height', px: Math.min(Math.ceil(px), MAX_FRAME_HEIGHT_PX) };
    }
    default:
      return null;
  }
}
