import { createContext, useContext } from 'react';

/**
 * What an embedded lesson (embed.html) asks of the frame: how much chrome to show, where to
 * start, and a channel to the host page (play/pause/seek in, ready/step/ended out). The app
 * provides none, and the frame behaves as in the app.
 */
export interface EmbedHost {
  readonly controls: 'full' | 'compact' | 'none';
  readonly autoplay: boolean;
  /** Counted from 1, as the host page names steps. */
  readonly startStep: number;
  readonly speed: number;
  readonly pauseAtSteps: boolean;
  /** Registers the frame's handler for the host's commands; returns the unsubscribe. */
  listen(handler: (command: EmbedCommand) => void): () => void;
  ready(steps: number): void;
  step(step: number): void;
  ended(): void;
}

export type EmbedCommand =
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'seek'; readonly step: number };

export const EmbedHostContext = createContext<EmbedHost | null>(null);

export function useEmbedHost(): EmbedHost | null {
  return useContext(EmbedHostContext);
}
