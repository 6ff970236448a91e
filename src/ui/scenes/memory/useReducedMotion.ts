import { useEffect, useState } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

/** The system asks for less motion, or the learner ticked "Reduce motion" (App sets data-motion). */
function wanted(): boolean {
  return (
    window.matchMedia(QUERY).matches || document.documentElement.dataset['motion'] === 'reduce'
  );
}

/** True while the person asks for less motion: the stage then moves in discrete steps. */
export function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(wanted);
  useEffect(() => {
    const m = window.matchMedia(QUERY);
    const update = () => setReduced(wanted());
    m.addEventListener('change', update);
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-motion'],
    });
    return () => {
      m.removeEventListener('change', update);
      observer.disconnect();
    };
  }, []);
  return reduced;
}
