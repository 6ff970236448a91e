import { useState } from 'react';
import { pagePersistence } from '../../store/keeper-registry.ts';
import { suspendAllSaves } from '../../store/scene-keeper.ts';
import { ConfirmReset } from '../frame/ConfirmReset.tsx';
import { keepCatalogues } from '../frame/keep-messages.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { forgetMirroredSettings } from './settings.ts';

const RESET_FLAG = 'redis-sim.reset-done';

/** True once, on the page load that follows "Reset everything". */
export function takeResetDone(): boolean {
  try {
    const done = sessionStorage.getItem(RESET_FLAG) === '1';
    sessionStorage.removeItem(RESET_FLAG);
    return done;
  } catch {
    return false;
  }
}

/**
 * "Reset everything", after a confirmation: every saved lesson, console and setting of this
 * browser is deleted (other tabs are told), and the page starts over.
 */
export function ResetEverything() {
  const t = keepCatalogues[useI18n().lang];
  const [confirming, setConfirming] = useState(false);
  const reset = async () => {
    // No lesson may write its state back while the page goes.
    suspendAllSaves();
    try {
      await pagePersistence()?.clearEverything();
    } catch {
      // Storage was never available: there is nothing saved to delete.
    }
    forgetMirroredSettings();
    try {
      sessionStorage.setItem(RESET_FLAG, '1');
    } catch {
      // Without sessionStorage the page just starts over without saying so.
    }
    location.hash = '#/';
    location.reload();
  };
  return (
    <section className="reset-everything">
      <button type="button" aria-expanded={confirming} onClick={() => setConfirming(true)}>
        {t.resetEverything}
      </button>
      {confirming && (
        <ConfirmReset
          label={t.resetEverything}
          question={t.resetEverythingConfirm}
          onConfirm={() => void reset()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
