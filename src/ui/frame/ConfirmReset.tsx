import { useI18n } from '../i18n/i18n.tsx';
import { keepCatalogues } from './keep-messages.ts';

/** The question before a reset, named after it, with "Reset" and "Cancel". */
export function ConfirmReset({
  label,
  question,
  onConfirm,
  onCancel,
}: {
  label: string;
  question: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = keepCatalogues[useI18n().lang];
  return (
    <div className="confirm" role="alertdialog" aria-label={label}>
      <p>{question}</p>
      <button type="button" className="danger" onClick={onConfirm}>
        {t.confirmReset}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t.cancel}
      </button>
    </div>
  );
}
