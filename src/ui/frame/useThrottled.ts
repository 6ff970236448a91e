import { useEffect, useRef, useState } from 'react';

/**
 * What `make` returns, made again when `key` changes but at most once per `ms` of wall time;
 * a change inside that time shows when it ends (made then, from the latest props), so the
 * last change always shows. At 10x a scene's data changes every frame, faster than anyone
 * reads a number or follows a chart, and redrawing each time was most of a frame's work.
 */
export function useThrottled<T>(key: string, make: () => T, ms: number): T {
  const [shown, setShown] = useState(() => ({ key, value: make(), at: -Infinity }));
  const latest = useRef({ key, make });
  useEffect(() => {
    latest.current = { key, make };
  });
  useEffect(() => {
    if (key === shown.key) return;
    const wait = Math.max(0, shown.at + ms - performance.now());
    const timer = setTimeout(() => {
      const { key: k, make: m } = latest.current;
      setShown({ key: k, value: m(), at: performance.now() });
    }, wait);
    return () => clearTimeout(timer);
  }, [key, shown, ms]);
  return shown.value;
}
