import { memo } from 'react';
import type { LogEntry } from '../../store/sim-store.ts';
import { formatSeconds } from './time-format.ts';
import { useFrameText } from './useFrameText.ts';

/** Lines shown; the store keeps a few more. */
const SHOWN = 40;

/**
 * The story in text: a polite live region, so a screen reader reads each new line without
 * interrupting. Scenes word their own entries; the frame words playback. Memoised: the
 * frame renders every batch, the log changes far less often.
 */
export const EventLog = memo(function EventLog({
  entries,
  describe,
}: {
  entries: readonly LogEntry[];
  describe?: (entry: LogEntry) => string | null;
}) {
  const t = useFrameText();
  const shown = entries.slice(-SHOWN);
  return (
    <section className="event-log" aria-labelledby="event-log-title">
      <h3 id="event-log-title">{t.eventLog}</h3>
      <ol role="log" aria-live="polite" aria-labelledby="event-log-title">
        {shown.map((e, i) => {
          const text = describe?.(e) ?? t.log[e.key]?.(e.args) ?? e.key;
          return (
            <li key={entries.length - shown.length + i}>
              <time>{formatSeconds(e.at)} s</time> {text}
            </li>
          );
        })}
      </ol>
    </section>
  );
});
