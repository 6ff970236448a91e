import type { CommandHelp } from '../../worker/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The help for the command being typed: syntax, summary, complexity and version. */
export function CommandHelpPanel({ help }: { help: CommandHelp | undefined }) {
  const { t } = useI18n();
  return (
    <div className="command-help" role="region" aria-label={t.explorer.helpRegion}>
      {help === undefined ? (
        <p className="hint">{t.explorer.completeHint}</p>
      ) : (
        <>
          <code className="command-syntax">{help.syntax}</code>
          <p className="command-summary">{help.summary}</p>
          <p className="command-meta">
            <span>
              {t.explorer.complexity}: {help.complexity}
            </span>{' '}
            <span>{t.explorer.since(help.since)}</span>
          </p>
        </>
      )}
    </div>
  );
}
