import { useEffect, useState } from 'react';

/**
 * The wall clock in ms, ticking every `everyMs` while `active`: TTL countdowns need it, and
 * a keyspace without TTLs costs no timer at all.
 */
export function useNow(active: boolean, everyMs = 100): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [active, everyMs]);
  return now;
}
