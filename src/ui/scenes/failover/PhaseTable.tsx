import { scaleLinear } from 'd3-scale';
import type { FailoverMessages } from './messages.ts';
import { phases, type FailoverView } from './model.ts';

const BAR_W = 240;
const BAR_H = 12;

const seconds = (micros: number) => `${(micros / 1e6).toFixed(2)} s`;

/**
 * The last fault's phases as rows: when each began after the fault, how long it took, and
 * a bar on one shared axis (fault to the last known edge), so the 30 s of detection at the
 * defaults dwarfs the election and promotion that follow.
 */
export function PhaseTable({
  view,
  t,
  downAfter,
  failoverTimeout,
}: {
  view: FailoverView;
  t: FailoverMessages;
  downAfter: number;
  failoverTimeout: number;
}) {
  const fault = view.fault;
  const rows = phases(view);
  const end = Math.max(
    fault?.at ?? 0,
    ...rows.flatMap((r) => [r.from ?? 0, r.to ?? 0]),
    Math.min(view.now, (fault?.at ?? 0) + downAfter * 1000 * 1.2),
  );
  const x = scaleLinear()
    .domain([fault?.at ?? 0, Math.max(end, (fault?.at ?? 0) + 1)])
    .range([0, BAR_W])
    .clamp(true);
  const total = rows.find((r) => r.id === 'reconnect');
  return (
    <section className="fo-phases" aria-label={t.timeline}>
      <h4>{t.timeline}</h4>
      <p className="hint">{t.timings(downAfter, failoverTimeout)}</p>
      <table className="fo-table" data-testid="phases">
        <thead>
          <tr>
            <th scope="col">{t.phase}</th>
            <th scope="col">{t.started}</th>
            <th scope="col">{t.duration}</th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const { from, to } = r;
            const done = from !== null && to !== null;
            return (
              <tr key={r.id} data-testid={`phase-${r.id}`} className={done ? 'fo-done' : ''}>
                <th scope="row">{t.phaseNames[r.id]}</th>
                <td>{fault === null || from === null ? '–' : `+${seconds(from - fault.at)}`}</td>
                <td data-testid={`phase-${r.id}-duration`}>
                  {done ? seconds(to - from) : fault === null ? '–' : t.waiting}
                </td>
                <td aria-hidden="true">
                  {from !== null && (
                    <svg width={BAR_W} height={BAR_H} className="fo-phase-bar">
                      <rect
                        x={x(from)}
                        y={1}
                        width={Math.max(2, x(to ?? view.now) - x(from))}
                        height={BAR_H - 2}
                        className={done ? 'fo-bar' : 'fo-bar fo-running'}
                      />
                    </svg>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {total !== undefined && total.from !== null && total.to !== null && (
        <p>
          {t.phaseTotal}:{' '}
          <output data-testid="phase-total">{seconds(total.to - total.from)}</output>
        </p>
      )}
    </section>
  );
}
