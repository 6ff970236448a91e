import { useStore } from 'zustand';
import { keyId, type KeyspaceStore } from '../../../../store/keyspace-store.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { KeyCard } from './KeyCard.tsx';
import { useNow } from './useNow.ts';

/** Every key of the console's selected database, drawn as its structure. */
export function Explorer({ store }: { store: KeyspaceStore }) {
  const { t, lang } = useI18n();
  const view = useStore(store, (s) => s.view);
  const bitmapKeys = useStore(store, (s) => s.bitmapKeys);
  const flipped = useStore(store, (s) => s.bitsToggled);
  const hasTtl = view?.keys.some((k) => k.expiresAtMs !== null) ?? false;
  const now = useNow(hasTtl);
  return (
    <section className="explorer" aria-label={t.explorer.region}>
      <h3>{t.explorer.heading}</h3>
      {view !== null && <p className="explorer-db">{t.explorer.dbHeading(view.db, view.size)}</p>}
      {view !== null && view.size === 0 && <p className="hint">{t.explorer.empty}</p>}
      <div className="key-cards">
        {view?.keys.map((k) => {
          const id = keyId(view.db, k.key);
          return (
            <KeyCard
              key={id}
              view={k}
              now={now}
              bitmap={bitmapKeys.includes(id)}
              flipped={flipped.includes(id)}
              onToggleBits={() => store.getState().toggleBits(view.db, k.key)}
            />
          );
        })}
      </div>
      {view !== null && view.size > view.keys.length && (
        <p className="more">
          {t.explorer.moreKeys((view.size - view.keys.length).toLocaleString(lang))}
        </p>
      )}
    </section>
  );
}
