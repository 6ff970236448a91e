import { useEffect, useRef, useState } from 'react';
import type { CompareBase, ModeResult } from '../../../sim/scenes/persistence-modes.ts';
import type { PersistenceMessages } from './messages.ts';
import { modeLabel } from './messages.ts';

/**
 * The modes side by side. Every figure is measured: each row is the persistence scene run
 * headless in the worker under that mode, crashed both ways, and once more with one
 * synchronous writer for the throughput. Rows are asked for one at a time, so playback
 * keeps going between them and the table fills in as they come.
 */
export function Comparison({
  t,
  modes,
  current,
  base,
  measure,
}: {
  t: PersistenceMessages;
  /** The modes compared, in this order (the scene's presets). */
  modes: readonly string[];
  current: string | null;
  base: Required<CompareBase>;
  measure: (mode: string, base: CompareBase) => Promise<ModeResult | null>;
}) {
  const [rows, setRows] = useState<Partial<Record<string, ModeResult>>>({});
  const [running, setRunning] = useState(false);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const run = async () => {
    setRunning(true);
    setRows({});
    for (const mode of modes) {
      const row = await measure(mode, base);
      if (!alive.current) return;
      if (row !== null) setRows((r) => ({ ...r, [mode]: row }));
    }
    setRunning(false);
  };
  const measured = modes.filter((x) => rows[x] !== undefined);
  return (
    <section className="ps-compare" aria-labelledby="ps-compare-title">
      <h4 id="ps-compare-title">{t.compare}</h4>
      <p>
        <button type="button" disabled={running} onClick={() => void run()}>
          {t.compareRun}
        </button>{' '}
        <span role="status">{running ? t.compareRunning : ''}</span>
      </p>
      {measured.length > 0 && (
        <table data-testid="compare-table">
          <caption>{t.compareCaption(base.crashAt, base.rate, base.save)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.compareMode}</th>
              <th scope="col">
                {t.compareKill}
                <br />
                <small>{t.compareEntry}</small>
              </th>
              <th scope="col">
                {t.comparePower}
                <br />
                <small>{t.compareEntry}</small>
              </th>
              <th scope="col">{t.compareThroughput}</th>
            </tr>
          </thead>
          <tbody>
            {measured.map((x) => {
              const r = rows[x]!;
              return (
                <tr
                  key={x}
                  data-mode={x}
                  aria-current={x === current ? 'true' : undefined}
                  className={x === current ? 'current' : undefined}
                >
                  <th scope="row">{modeLabel(t, x)}</th>
                  <td className={r.kill.lost > 0 ? 'lossy' : undefined}>
                    {t.lostCell(r.kill.lost, r.kill.windowMs)}
                  </td>
                  <td className={r.power.lost > 0 ? 'lossy' : undefined}>
                    {t.lostCell(r.power.lost, r.power.windowMs)}
                  </td>
                  <td>{t.writesPerSecond(Math.round(r.writesPerSec))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {measured.length > 0 && <p className="hint">{t.compareNote}</p>}
    </section>
  );
}
