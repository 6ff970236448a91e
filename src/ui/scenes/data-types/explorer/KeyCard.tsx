import type { KeyView } from '../../../../worker/api.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { asText, isPrintable } from './bytes.ts';
import { BitGrid, HashTable, ListRow, SetChips, StringValueBox } from './TypeViews.tsx';
import { ZsetLadder } from './ZsetLadder.tsx';

interface KeyCardProps {
  view: KeyView;
  /** The wall clock now, ms, for the TTL countdown. */
  now: number;
  /** The key was used with bitmap commands. */
  bitmap: boolean;
  /** The learner flipped the string's default view (bits <-> text). */
  flipped: boolean;
  onToggleBits: () => void;
}

/** The note under a structure that says what its encoding means. */
function encodingNote(
  view: KeyView,
): 'listpackNote' | 'skiplistNote' | 'intsetNote' | 'hashtableNote' | 'listNote' | null {
  if (view.type === 'zset') return view.encoding === 'skiplist' ? 'skiplistNote' : 'listpackNote';
  if (view.type === 'set') return view.encoding === 'intset' ? 'intsetNote' : 'hashtableNote';
  if (view.type === 'list') return 'listNote';
  return null;
}

/** One key: its name, type, encoding, memory, TTL, and its structure drawn. */
export function KeyCard({ view, now, bitmap, flipped, onToggleBits }: KeyCardProps) {
  const { t, lang } = useI18n();
  const fmt = (n: number) => n.toLocaleString(lang);
  const asBits = view.type === 'string' && (bitmap || !isPrintable(view.bytes)) !== flipped;
  const typeName = t.explorer.types[asBits ? 'bitmap' : view.type];
  const name = asText(view.key);
  const remaining = view.expiresAtMs === null ? null : Math.max(0, view.expiresAtMs - now);
  const note = encodingNote(view);
  return (
    <article
      className={`key-card type-${view.type}`}
      aria-label={t.explorer.keyLabel(name, typeName)}
    >
      <header className="key-card-header">
        <code className="key-name">{name}</code>
        <span className="tag type">{typeName}</span>
        <span className="tag" title={t.explorer.encoding}>
          {view.encoding}
        </span>
        <span className="tag">{t.explorer.memory(fmt(view.memory))}</span>
        <span className="tag">{t.explorer.length[view.type](fmt(view.length))}</span>
        <span
          className={remaining === null ? 'tag' : 'tag ttl'}
          role="timer"
          aria-label={t.explorer.ttlLabel}
        >
          {remaining === null ? t.explorer.noTtl : t.explorer.ttl((remaining / 1000).toFixed(1))}
        </span>
      </header>
      <div className="key-card-body">
        {view.type === 'string' && (
          <>
            {asBits ? <BitGrid view={view} /> : <StringValueBox view={view} />}
            <button type="button" className="small" onClick={onToggleBits} aria-pressed={asBits}>
              {asBits ? t.explorer.showText : t.explorer.showBits}
            </button>
          </>
        )}
        {view.type === 'list' && <ListRow view={view} />}
        {view.type === 'set' && <SetChips view={view} />}
        {view.type === 'hash' && <HashTable view={view} />}
        {view.type === 'zset' && (
          <div className="zset-scroll">
            <ZsetLadder view={view} />
            {view.length > view.entries.length && (
              <span className="more">
                {t.explorer.more(fmt(view.length - view.entries.length))}
              </span>
            )}
          </div>
        )}
        {note !== null && <p className="encoding-note">{t.explorer[note]}</p>}
      </div>
    </article>
  );
}
