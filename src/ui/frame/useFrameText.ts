import { useI18n } from '../i18n/i18n.tsx';
import { frameCatalogues, type FrameMessages } from './frame-messages.ts';

/** The frame's messages in the current language. */
export function useFrameText(): FrameMessages {
  return frameCatalogues[useI18n().lang];
}
