import { useEffect, useRef, useState } from 'react';
import type { CachePattern } from '../../../sim/patterns/cache.ts';
import { formatSeconds } from '../../frame/time-format.ts';
import { lineOf, PATTERN_CODE } from './code.ts';
import type { CacheMessages } from './messages.ts';
import { OP_TARGET, type CacheView, type Flow, type Op } from './model.ts';

const W = 720;
const H = 300;
/** Wall-clock ms per hop of the sampled request: slow enough to follow with the eye. */
export const HOP_MS = 420;
const SHOWN_DIRTY = 12;

type Place = 'users' | 'app' | 'redis' | 'db';

const AT: Readonly<Record<Place, readonly [number, number]>> = {
  users: [60, 160],
  app: [240, 160],
  redis: [540, 70],
  db: [540, 240],
};

export interface Frame {
  readonly at: Place;
  readonly op: Op | null;
}

/**
 * The stops of one request's trip, as the stage animates it: from the user to the app, then
 * out to Redis or the database and back for each call, and back to the user with the answer.
 */
export function framesOf(flow: Flow): Frame[] {
  const frames: Frame[] = [
    { at: 'users', op: null },
    { at: 'app', op: null },
  ];
  for (const op of flow.ops) {
    const target = OP_TARGET[op];
    if (target === 'user') frames.push({ at: 'users', op });
    else frames.push({ at: target, op }, { at: 'app', op });
  }
  return frames;
}

/** The kind of a finished request, as the sample caption names it. */
export function sampleKind(flow: Flow): 'hit' | 'miss' | 'write' {
  return flow.kind === 'write' ? 'write' : flow.hit === true ? 'hit' : 'miss';
}

/**
 * Samples one finished request at a time and walks it through its frames on the wall
 * clock: virtual time runs far faster than an eye can follow a 100 µs hop, so the stage
 * shows a recent request's trip rather than every request.
 */
function useSampledTrip(recent: readonly Flow[]) {
  const latest = useRef(recent);
  useEffect(() => {
    latest.current = recent;
  }, [recent]);
  const [trip, setTrip] = useState<{ flow: Flow; frames: Frame[]; i: number } | null>(null);
  useEffect(() => {
    const timer = window.setInterval(() => {
      setTrip((cur) => {
        if (cur !== null && cur.i < cur.frames.length - 1) return { ...cur, i: cur.i + 1 };
        const next = latest.current[latest.current.length - 1];
        if (next === undefined || next === cur?.flow) return cur;
        return { flow: next, frames: framesOf(next), i: 0 };
      });
    }, HOP_MS);
    return () => window.clearInterval(timer);
  }, []);
  return trip;
}

const pathClass = (op: Op | null, target: 'redis' | 'db') =>
  op !== null && OP_TARGET[op] === target ? 'cache-wire stage-wire lit' : 'cache-wire stage-wire';

/** App, Redis and the database; the sampled request's trip; the pattern's code beside it. */
export function Stage({
  view,
  pattern,
  t,
}: {
  view: CacheView;
  pattern: CachePattern;
  t: CacheMessages;
}) {
  const trip = useSampledTrip(view.recent);
  const frame = trip === null ? null : trip.frames[trip.i]!;
  const op = frame?.op ?? null;
  const kind = trip === null ? null : sampleKind(trip.flow);
  const lit = lineOf(pattern, op, kind === null ? undefined : kind === 'write' ? 'write' : 'read');
  const [x, y] = AT[frame?.at ?? 'users'];
  const dirty = view.dirty;
  const code = PATTERN_CODE[pattern];
  return (
    <div className="cache-stage stage-row">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="st-stage"
        role="img"
        aria-label={t.stageSummary(t.patterns[pattern], dirty.length, view.lostCount)}
      >
        <line x1={AT.users[0]} y1={160} x2={AT.app[0]} y2={160} className="cache-wire stage-wire" />
        <line
          x1={AT.app[0]}
          y1={160}
          x2={AT.redis[0]}
          y2={AT.redis[1]}
          className={pathClass(op, 'redis')}
        />
        <line x1={AT.app[0]} y1={160} x2={AT.db[0]} y2={AT.db[1]} className={pathClass(op, 'db')} />
        <text x={380} y={100} className="stage-label" textAnchor="middle">
          {t.hitPath}
        </text>
        <text x={380} y={222} className="stage-label" textAnchor="middle">
          {t.missPath}
        </text>

        <circle cx={AT.users[0]} cy={160} r={22} className="box" />
        <text x={AT.users[0]} y={200} textAnchor="middle" className="stage-text">
          {t.users}
        </text>

        <rect x={AT.app[0] - 60} y={130} width={120} height={60} rx={6} className="box" />
        <text x={AT.app[0]} y={165} textAnchor="middle" className="stage-text">
          {t.app}
        </text>

        <rect x={AT.redis[0] - 70} y={20} width={170} height={100} rx={6} className="box" />
        <text x={AT.redis[0] - 60} y={38} className="stage-text">
          {t.redis}
        </text>
        {pattern === 'write-back' && (
          <>
            <text x={AT.redis[0] - 60} y={56} className="stage-text muted" data-testid="dirty">
              {t.dirty(dirty.length)}
            </text>
            {dirty.slice(-SHOWN_DIRTY).map((d, i) => (
              <rect
                key={d.req}
                x={AT.redis[0] - 60 + (i % 6) * 26}
                y={66 + Math.floor(i / 6) * 20}
                width={22}
                height={14}
                className="cache-dirty"
              >
                <title>{d.key}</title>
              </rect>
            ))}
          </>
        )}

        <rect x={AT.db[0] - 70} y={200} width={170} height={80} rx={6} className="box db" />
        <text x={AT.db[0] - 60} y={222} className="stage-text">
          {t.database}
        </text>
        {pattern === 'write-back' && (
          <text x={AT.db[0] - 60} y={242} className="stage-text muted">
            {view.lastFlush === null ? t.noFlushYet : t.lastFlush(formatSeconds(view.lastFlush))}
          </text>
        )}

        {trip !== null && (
          <circle
            r={9}
            cx={0}
            cy={0}
            className={`cache-dot ${kind ?? ''}`}
            style={{ transform: `translate(${x}px, ${y}px)` }}
            data-testid="sample-dot"
          />
        )}
      </svg>
      <figure className="cache-code">
        <figcaption>{t.code(t.patterns[pattern])}</figcaption>
        <pre className="scene-card scene-code">
          <code>
            {code.map((l, i) => (
              <span
                key={i}
                className={i === lit ? 'code-line lit' : 'code-line'}
                aria-current={i === lit ? 'step' : undefined}
              >
                {l.text + '\n'}
              </span>
            ))}
          </code>
        </pre>
        <p className="hint" data-testid="sample">
          {trip === null || kind === null
            ? t.codeIdle
            : t.sample(
                t.sampleKinds[kind],
                trip.flow.key,
                (trip.flow.end ?? trip.flow.start) - trip.flow.start,
              )}
        </p>
      </figure>
    </div>
  );
}
