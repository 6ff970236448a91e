import { memo } from 'react';
import { WINDOW, type Bar, type StView } from './model.ts';
import type { SingleThreadMessages } from './messages.ts';

const W = 720;
const H = 320;
const QUEUE_X = 250;
const QUEUE_W = 230;
const EXEC_X = 520;
const GANTT_Y = 262;
const GANTT_H = 34;
const SHOWN_IN_QUEUE = 24;

/** A client's colour: its index into the Okabe–Ito palette (CSS variables --c1..--c8). */
export function colourOf(clients: readonly string[], client: string): string {
  const i = clients.indexOf(client);
  return `var(--c${(i < 0 ? 7 : i % 8) + 1})`;
}

/**
 * The executor's last second as one path per client, in whole pixels: neighbouring
 * commands of one client merge into one run, so thousands of 1 µs commands cost a few
 * dozen path segments, and a command shorter than a pixel still leaves a 1 px mark.
 */
export function ganttPaths(bars: readonly Bar[], now: number, x0: number, width: number) {
  // The scale by hand: a d3 scale call per bar was most of the strip's cost at 10x.
  const from = now - WINDOW;
  const x = (t: number) => x0 + (width * Math.min(WINDOW, Math.max(0, t - from))) / WINDOW;
  const runs = new Map<string, [number, number][]>();
  for (const b of bars) {
    const a = Math.floor(x(b.started));
    const e = Math.max(a + 1, Math.ceil(x(Math.min(b.finished, now))));
    let r = runs.get(b.client);
    if (r === undefined) runs.set(b.client, (r = []));
    const last = r[r.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], e);
    else r.push([a, e]);
  }
  return [...runs].map(
    ([client, r]) =>
      [
        client,
        r.map(([a, e]) => `M${a} ${GANTT_Y}h${e - a}v${GANTT_H}h${a - e}Z`).join(''),
      ] as const,
  );
}

/** The drawing: clients → one queue → one executor, and the Gantt strip below. */
export const Stage = memo(function Stage({
  view,
  t,
  ioThreads,
}: {
  view: StView;
  t: SingleThreadMessages;
  ioThreads: number;
}) {
  const clients = view.clients;
  const rowH = Math.min(30, 220 / Math.max(1, clients.length));
  const y = (i: number) => 30 + i * rowH + rowH / 2;
  const queued = view.queued;
  const running = view.running;
  const runningLabel = running === null ? t.idle : `${running.client}: ${running.cmd}`;
  const gantt = ganttPaths(view.bars, view.now, 20, W - 40);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="st-stage"
      role="img"
      aria-label={t.stageSummary(queued.length, runningLabel)}
    >
      <text x={20} y={18} className="stage-label">
        {t.clients}
      </text>
      {clients.map((c, i) => (
        <g key={c}>
          <circle cx={40} cy={y(i)} r={Math.min(10, rowH / 2 - 2)} fill={colourOf(clients, c)} />
          <text x={58} y={y(i) + 4} className="stage-text">
            {c}
          </text>
          <line x1={110} x2={QUEUE_X - 6} y1={y(i)} y2={150} className="wire" />
        </g>
      ))}
      <text x={QUEUE_X} y={18} className="stage-label">
        {t.queue} · {t.queueCount(queued.length)}
      </text>
      <rect x={QUEUE_X} y={130} width={QUEUE_W} height={40} className="box" />
      {queued.slice(0, SHOWN_IN_QUEUE).map((c, i) => (
        <rect
          key={i}
          x={QUEUE_X + QUEUE_W - 12 - i * 9}
          y={138}
          width={7}
          height={24}
          fill={colourOf(clients, c)}
        />
      ))}
      {queued.length > SHOWN_IN_QUEUE && (
        <text x={QUEUE_X + 4} y={190} className="stage-text">
          +{queued.length - SHOWN_IN_QUEUE}
        </text>
      )}
      <text x={EXEC_X} y={18} className="stage-label">
        {t.executor}
      </text>
      <rect
        x={EXEC_X}
        y={120}
        width={180}
        height={60}
        className={running === null ? 'box' : 'box busy'}
        stroke={running === null ? undefined : colourOf(clients, running.client)}
      />
      <text x={EXEC_X + 90} y={155} textAnchor="middle" className="stage-text">
        {runningLabel}
      </text>
      {ioThreads > 0 && (
        <text x={EXEC_X} y={205} className="stage-text muted">
          {t.ioThreads}: {ioThreads}
        </text>
      )}
      <text x={20} y={GANTT_Y - 8} className="stage-label">
        {t.gantt}
      </text>
      <rect x={20} y={GANTT_Y} width={W - 40} height={GANTT_H} className="box" />
      {gantt.map(([client, d]) => (
        <path key={client} d={d} fill={colourOf(clients, client)} />
      ))}
    </svg>
  );
});
