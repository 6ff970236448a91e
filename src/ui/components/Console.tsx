import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import {
  applyCompletion,
  completions,
  createCommandHelpStore,
  helpFor,
  type CommandHelpStore,
} from '../../store/command-help-store.ts';
import type { ConsoleStore } from '../../store/console-store.ts';
import type { CommandHelp } from '../../worker/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CommandHelpPanel } from './CommandHelpPanel.tsx';

/** Stands in for the help when a console has none, so the hooks run the same either way. */
const noHelp = createCommandHelpStore({ commandHelp: () => [] });

/** The prompt redis-cli shows: the database number appears once you SELECT another. */
function prompt(db: number): string {
  return db === 0 ? '127.0.0.1:6379>' : `127.0.0.1:6379[${db}]>`;
}

/**
 * A redis-cli in the page: the transcript (a log a screen reader follows), and an input
 * with history on Up/Down. `clear` clears the screen, as in redis-cli.
 *
 * Given the command help, the input also completes command names (an ARIA 1.1 combobox:
 * the input stays a textbox, the suggestions are a listbox; Tab or Enter takes the chosen
 * one, arrows choose, Escape closes) and shows the typed command's syntax and complexity.
 * Up and Down walk the history unless the suggestions are open.
 */
export function Console({ store, help }: { store: ConsoleStore; help?: CommandHelpStore }) {
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
  const commands = useStore(help ?? noHelp, (s) => s.commands);
  // Suggestions open when the learner types, not when history fills the line.
  const [suggesting, setSuggesting] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = useMemo(
    () => (suggesting ? completions(commands, line) : []),
    [suggesting, commands, line],
  );
  const open = suggestions.length > 0;
  const shownHelp = useMemo(
    () => helpFor(commands, line) ?? (open ? suggestions[Math.max(0, active)] : undefined),
    [commands, line, open, suggestions, active],
  );

  useEffect(() => {
    if (help !== undefined) void help.getState().load();
  }, [help]);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'nearest' });
  }, [transcript.length]);

  const choose = (choice: CommandHelp) => {
    setLine(applyCompletion(line, choice));
    setActive(-1);
    setSuggesting(false);
  };

  const submit = () => {
    const text = line;
    setLine('');
    setCursor(null);
    setSuggesting(false);
    setActive(-1);
    if (text.trim().toLowerCase() === 'clear') {
      store.getState().clearScreen();
      return;
    }
    void store.getState().submit(text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = suggestions.length;
        setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
        return;
      }
      if (e.key === 'Tab' || (e.key === 'Enter' && active >= 0)) {
        e.preventDefault();
        choose(suggestions[Math.max(0, active)]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setSuggesting(false);
        setActive(-1);
        return;
      }
    }
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
      setSuggesting(false);
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
      <div
        className="console-input-row"
        role={help ? 'combobox' : undefined}
        aria-expanded={help ? open : undefined}
        aria-owns={help ? 'console-suggestions' : undefined}
        aria-haspopup={help ? 'listbox' : undefined}
      >
        <label className="prompt" htmlFor="console-input">
          {prompt(db)}
        </label>
        <input
          id="console-input"
          className="console-input"
          aria-label={t.console.inputLabel}
          aria-describedby="console-hint"
          aria-autocomplete={help ? 'list' : undefined}
          aria-controls={help ? 'console-suggestions' : undefined}
          aria-activedescendant={open && active >= 0 ? `console-suggestion-${active}` : undefined}
          value={line}
          disabled={status === 'loading'}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          onChange={(e) => {
            setLine(e.target.value);
            setSuggesting(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setSuggesting(false)}
        />
      </div>
      {help && (
        <ul
          id="console-suggestions"
          className="console-suggestions"
          role="listbox"
          aria-label={t.explorer.suggestions}
          hidden={!open}
        >
          {suggestions.map((c, i) => (
            <li
              key={c.name}
              id={`console-suggestion-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Keep focus in the input: a click chooses without blurring it first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              <span className="suggestion-name">{c.name}</span>{' '}
              <span className="suggestion-summary">{c.summary}</span>
            </li>
          ))}
        </ul>
      )}
      {help && <CommandHelpPanel help={shownHelp} />}
      <p id="console-hint" className="hint">
        {t.console.hint}
      </p>
    </section>
  );
}
