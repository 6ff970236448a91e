import { useEffect } from 'react';
import type { SimStore } from '../../store/sim-store.ts';
import { currentSettings, updateSettings } from '../app/settings.ts';

/**
 * The speed a lesson starts at is a setting: a lesson opened fresh (nothing saved, no link)
 * starts at the speed last chosen, and choosing one remembers it. An embed takes its speed
 * from the host page instead.
 */
export function usePreferredSpeed<V>(
  store: SimStore<V>,
  opened: { booted: boolean; restored: boolean; embedded: boolean },
): void {
  const { booted, restored, embedded } = opened;
  useEffect(() => {
    if (!booted || embedded) return;
    const preferred = currentSettings().speed;
    if (!restored && preferred !== null && preferred !== store.getState().speed) {
      void store.getState().setSpeed(preferred);
    }
    return store.subscribe((s, before) => {
      if (s.speed !== before.speed && s.speed !== currentSettings().speed) {
        updateSettings({ speed: s.speed });
      }
    });
  }, [store, booted, restored, embedded]);
}
