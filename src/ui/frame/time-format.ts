/**
 * Pure helpers the frame's controls share (tested without a DOM).
 */

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
/**
 * Slider positions from 0.1× to 100×: 24 a decade, so 1× and 10× sit on a step and each
 * arrow-key step survives the rounding to two figures (with finer steps a press near 1× rounds
 * back to the same speed and the controlled slider never moves).
 */
export const SPEED_STEPS = 72;

/** Slider position in [0, 1] ↔ speed on a log scale from 0.1× to 100×. */
export function speedFromSlider(p: number): number {
  const lo = Math.log10(MIN_SPEED);
  const hi = Math.log10(MAX_SPEED);
  const raw = 10 ** (lo + Math.min(1, Math.max(0, p)) * (hi - lo));
  // Round to two significant figures so the label reads 0.1×, 1×, 10×, 42×.
  return Number(raw.toPrecision(2));
}

export function sliderFromSpeed(speed: number): number {
  const lo = Math.log10(MIN_SPEED);
  const hi = Math.log10(MAX_SPEED);
  const s = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
  return (Math.log10(s) - lo) / (hi - lo);
}

/** Virtual µs as seconds for people: 1.250. */
export function formatSeconds(micros: number): string {
  return (micros / 1e6).toFixed(3);
}

/** A latency in µs as a readable figure: 180 µs, 2.4 ms, 1.20 s. */
export function formatLatency(micros: number): string {
  if (!Number.isFinite(micros) || micros <= 0) return '0 µs';
  if (micros < 1000) return `${Math.round(micros)} µs`;
  if (micros < 1_000_000) return `${(micros / 1000).toFixed(micros < 10_000 ? 1 : 0)} ms`;
  return `${(micros / 1e6).toFixed(2)} s`;
}

/**
 * The index of the narrative step in effect at `now`: the last step whose moment is at or
 * before it (steps without a moment never become current by time).
 */
export function stepAt(moments: readonly (number | null)[], now: number): number {
  let current = 0;
  moments.forEach((m, i) => {
    if (m !== null && m <= now) current = i;
  });
  return current;
}

/** Where a keyboard shortcut goes, or null to leave the key alone (typing, sliders...). */
export function shortcutFor(
  key: string,
  target: { tagName: string; type?: string; isContentEditable?: boolean } | null,
): 'toggle' | 'step' | 'back' | null {
  const tag = target?.tagName.toLowerCase() ?? '';
  if (target?.isContentEditable === true || tag === 'textarea' || tag === 'select') return null;
  if (tag === 'input') return null;
  if (key === ' ' || key === 'Spacebar') return tag === 'button' ? null : 'toggle';
  if (key === 'ArrowRight') return 'step';
  if (key === 'ArrowLeft') return 'back';
  return null;
}
