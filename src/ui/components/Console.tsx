import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { ConsoleStore } from '../../store/console-store.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The prompt redis-cli shows: the database number appears once you SELECT another. */
function prompt(db: number): string {
  return db === 0 ? '127.0.0.1:6379>' : `127.0.0.1:6379[${db}]>`;
}

/**
 * A redis-cli in the page: the transcript (a log a screen reader follows), and an input
 * with history on Up/Down. `clear` clears the screen, as in redis-cli.
 */
export function Console({ store }: { store: ConsoleStore }) {
  const { t } = useI18n();
  const transcript = useStore(store, (s) => s.transcript);
  const history = useStore(store, (s) => s.history);
  const db = useStore(store, (s) => s.db);
  const status = useStore(store, (s) => s.status);
  const notice = useStore(store, (s) => s.notice);
  const [line, setLine] = useState('');
  // Position while walking the history: history.length means "the line being typed".
  const [cursor, setCursor] = useState<number | null>(null);
  const draft = useRef('');
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'nearest' });
  }, [transcript.length]);

  const submit = () => {
    const text = line;
    setLine('');
    setCursor(null);
    if (text.trim().toLowerCase() === 'clear') {
      store.getState().clearScreen();
      return;
    }
    void store.getState().submit(text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      if (history.length === 0) return;
      e.preventDefault();
      const current = cursor ?? history.length;
      if (cursor === null) draft.current = line;
      const next =
        e.key === 'ArrowUp' ? Math.max(0, current - 1) : Math.min(history.length, current + 1);
      setCursor(next);
      setLine(next === history.length ? draft.current : (history[next] ?? ''));
    }
  };

  return (
    <section className="console" aria-label={t.console.label}>
      {notice && (
        <p className="notice" role="status">
          {t.console[notice.key](notice.reason)}
        </p>
      )}
      <div className="console-transcript" role="log" aria-label={t.console.transcript}>
        {transcript.map((entry, i) => (
          <div key={i} className="console-entry">
            <div className="console-input-echo">
              <span className="prompt">{prompt(entry.db)}</span> {entry.input}
            </div>
            {entry.output !== '' && (
              <pre className={entry.kind === 'error' ? 'console-output error' : 'console-output'}>
                {entry.output}
              </pre>
            )}
          </div>
        ))}
        <div ref={endRef} />
      </div>
      <div className="console-input-row">
        <label className="prompt" htmlFor="console-input">
          {prompt(db)}
        </label>
        <input
          id="console-input"
          className="console-input"
          aria-label={t.console.inputLabel}
          aria-describedby="console-hint"
          value={line}
          disabled={status === 'loading'}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id="console-hint" className="hint">
        {t.console.hint}
      </p>
    </section>
  );
}
