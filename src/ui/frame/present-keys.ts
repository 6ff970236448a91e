/**
 * Presentation mode's keys (pure, tested without a DOM). A presenter has only the keyboard (or
 * a clicker that sends arrows and Page Up/Down), so the arrows move through the lesson's steps
 * as through slides, and a digit jumps straight to that step.
 */

export type PresentAction =
  | { readonly kind: 'toggle-play' }
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'jump'; readonly step: number };

interface KeyTarget {
  tagName: string;
  isContentEditable?: boolean;
}

/** A key typed into a field belongs to the field, never to a shortcut. */
export function isTyping(target: KeyTarget | null): boolean {
  const tag = target?.tagName.toLowerCase() ?? '';
  return (
    target?.isContentEditable === true || tag === 'input' || tag === 'textarea' || tag === 'select'
  );
}

/** P (either case) turns presentation mode on or off, unless the learner is typing. */
export function isPresentToggle(key: string, target: KeyTarget | null): boolean {
  return (key === 'p' || key === 'P') && !isTyping(target);
}

/** What a key does in presentation mode; `step` is counted from 1, as the slides are. */
export function presentActionFor(key: string, target: KeyTarget | null): PresentAction | null {
  if (isTyping(target)) return null;
  if (key === ' ' || key === 'Spacebar') return { kind: 'toggle-play' };
  if (key === 'ArrowRight' || key === 'ArrowDown' || key === 'PageDown') return { kind: 'next' };
  if (key === 'ArrowLeft' || key === 'ArrowUp' || key === 'PageUp') return { kind: 'previous' };
  if (/^[1-9]$/.test(key)) return { kind: 'jump', step: Number(key) };
  return null;
}
