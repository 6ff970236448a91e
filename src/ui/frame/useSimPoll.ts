import { useEffect, useRef } from 'react';

/**
 * A pure read of the simulated world (a summary, a peek), made again whenever `key` changes
 * (the scene puts its virtual-time tick, its epoch and whatever else should trigger a read in
 * it) or one of `deps` is a different value (compared with Object.is: an object such as the
 * scene's view, which no key spells), one read at a time. A change while a read is on its way
 * asks for one more read when it ends, so the last state is always read: at 10x the clock
 * moves every frame and the worker may answer after the next one. `read` and `apply` are
 * taken fresh for each read.
 */
export function useSimPoll<T>(
  enabled: boolean,
  key: string,
  read: () => Promise<T>,
  apply: (value: T) => void,
  deps: readonly unknown[] = [],
): void {
  const latest = useRef({ read, apply });
  useEffect(() => {
    latest.current = { read, apply };
  });
  const reading = useRef(false);
  const again = useRef(false);
  /** What the last render asked with, to tell a change from a re-render. */
  const asked = useRef<{ enabled: boolean; key: string; deps: readonly unknown[] } | null>(null);
  useEffect(() => {
    const before = asked.current;
    asked.current = { enabled, key, deps };
    if (!enabled) return;
    const changed =
      before === null ||
      !before.enabled ||
      before.key !== key ||
      before.deps.length !== deps.length ||
      deps.some((d, i) => !Object.is(d, before.deps[i]));
    if (!changed) return;
    if (reading.current) {
      again.current = true;
      return;
    }
    const run = () => {
      reading.current = true;
      again.current = false;
      const { read: r } = latest.current;
      void r()
        .then((value) => latest.current.apply(value))
        // A read that fails (the worker reloading the scene) is simply made again later.
        .catch(() => undefined)
        .finally(() => {
          reading.current = false;
          if (again.current) run();
        });
    };
    run();
  });
}
