import type { ConsoleStore } from '../../../store/console-store.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { snippets } from './snippets.ts';

/** One button an example: a click types its lines into the console, in order. */
export function Snippets({ store }: { store: ConsoleStore }) {
  const { t } = useI18n();
  const run = (lines: readonly string[]) => {
    // The store runs submissions one after another, in the order given.
    for (const line of lines) void store.getState().submit(line);
  };
  return (
    <section className="snippets" aria-labelledby="snippets-heading">
      <h3 id="snippets-heading">{t.explorer.snippetsHeading}</h3>
      <p className="hint">{t.explorer.snippetsIntro}</p>
      <ul className="snippet-list">
        {snippets.map((s) => {
          const text = t.explorer.snippets[s.id];
          return (
            <li key={s.id} className="snippet">
              <button
                type="button"
                aria-label={t.explorer.runSnippet(text.title)}
                onClick={() => run(s.lines)}
              >
                {text.title}
              </button>
              <span className="snippet-about">{text.about}</span>
              <pre className="snippet-code">{s.lines.join('\n')}</pre>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
