import { createContext, useContext } from 'react';

/**
 * Whether the app is in presentation mode (large type, no side chrome, keyboard only, fitted
 * to a 1280x720 projector). The app provides it; an embed provides none and is never in it.
 */
export const PresentationContext = createContext(false);

export function usePresenting(): boolean {
  return useContext(PresentationContext);
}
