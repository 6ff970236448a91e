import type { HashView, ListView, SetView, StringView } from '../../../../worker/api.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { asText, bitsOf } from './bytes.ts';

/** Bits drawn at most; the rest of a long bitmap is counted. */
const MAX_BIT_BYTES = 32;

/** "… 9,990 more" after a bounded view, in the reader's number format. */
export function More({ count }: { count: number }) {
  const { t, lang } = useI18n();
  if (count <= 0) return null;
  return <span className="more">{t.explorer.more(count.toLocaleString(lang))}</span>;
}

export function StringValueBox({ view }: { view: StringView }) {
  const { t } = useI18n();
  return (
    <div className="value-box-row">
      <span className={view.numeric ? 'value-box numeric' : 'value-box'}>
        {view.numeric ? asText(view.bytes) : `"${asText(view.bytes)}"`}
      </span>
      {view.numeric && <span className="tag">{t.explorer.number}</span>}
      <More count={view.length - view.bytes.length} />
    </div>
  );
}

export function BitGrid({ view }: { view: StringView }) {
  const { t, lang } = useI18n();
  const shown = view.bytes.slice(0, MAX_BIT_BYTES);
  const rows = bitsOf(shown);
  const summary = rows.map((r) => r.join('')).join(' ');
  return (
    <div className="bit-grid-row">
      <div
        className="bit-grid"
        role="img"
        aria-label={`${t.explorer.bitsLabel(shown.length.toLocaleString(lang))}: ${summary}`}
      >
        {rows.map((bits, byte) => (
          <span key={byte} className="bit-byte" aria-hidden="true">
            {bits.map((bit, i) => (
              <span key={i} className={bit === 1 ? 'bit on' : 'bit'} title={String(byte * 8 + i)} />
            ))}
          </span>
        ))}
      </div>
      <More count={view.length - shown.length} />
    </div>
  );
}

export function ListRow({ view }: { view: ListView }) {
  const { t } = useI18n();
  const hidden = view.length - view.head.length - view.tail.length;
  const box = (value: string, i: number, index: number, last: boolean) => (
    <li key={i} className="list-box">
      {index === 0 && <span className="end-label">{t.explorer.head}</span>}
      {last && <span className="end-label tail">{t.explorer.tail}</span>}
      {asText(value)}
    </li>
  );
  return (
    <div className="list-row">
      <ol className="list-boxes">
        {view.head.map((v, i) => box(v, i, i, view.tail.length === 0 && i === view.length - 1))}
      </ol>
      <More count={hidden} />
      {view.tail.length > 0 && (
        <ol className="list-boxes" start={view.length - view.tail.length + 1}>
          {view.tail.map((v, i) => box(v, i, -1, i === view.tail.length - 1))}
        </ol>
      )}
    </div>
  );
}

export function SetChips({ view }: { view: SetView }) {
  return (
    <div className="set-row">
      <ul className={view.encoding === 'intset' ? 'chips intset' : 'chips'}>
        {view.members.map((m) => (
          <li key={m} className="chip">
            {asText(m)}
          </li>
        ))}
      </ul>
      <More count={view.length - view.members.length} />
    </div>
  );
}

export function HashTable({ view }: { view: HashView }) {
  const { t } = useI18n();
  return (
    <div>
      <table className="hash-table">
        <thead>
          <tr>
            <th scope="col">{t.explorer.field}</th>
            <th scope="col">{t.explorer.value}</th>
          </tr>
        </thead>
        <tbody>
          {view.fields.map(([field, value]) => (
            <tr key={field}>
              <th scope="row">{asText(field)}</th>
              <td>{asText(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More count={view.length - view.fields.length} />
    </div>
  );
}
