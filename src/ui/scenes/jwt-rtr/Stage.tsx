import type { JwtMessages } from './messages.ts';
import {
  familyOf,
  MASTER,
  REPLICA,
  sessionOf,
  shortToken,
  tokenState,
  type JwtFigures,
  type JwtView,
  type NodeKeys,
} from './model.ts';

const W = 760;
const H = 300;
const USER_H = 70;
const USER_W = 250;
const AUTH = { x: 300, y: 115, w: 130, h: 60 } as const;
const NODE_BOX = { x: 500, w: 240, h: 100 } as const;
const NODE_Y: Readonly<Record<string, number>> = { [MASTER]: 20, [REPLICA]: 185 };

/** Members of a family set on a node (0 when the set is gone). */
function familySize(keys: NodeKeys | undefined, family: string): number {
  const k = keys?.keys.find((x) => x.key === `fam:${family}`);
  return k === undefined ? 0 : k.length;
}

/**
 * The users with their session and token family, the attacker with its copy, the auth
 * server, and the nodes it writes to (the master, and the replica behind its lag). The
 * stage draws what the last summary said and counts the access tokens down in virtual time.
 */
export function Stage({
  view,
  figures,
  now,
  selected,
  replica,
  lagSeconds,
  t,
}: {
  view: JwtView;
  figures: JwtFigures | null;
  now: number;
  selected: number;
  replica: boolean;
  lagSeconds: number;
  t: JwtMessages;
}) {
  const master = figures?.master ?? MASTER;
  const masterKeys = figures?.keyspaces[master];
  const users = figures?.users ?? [];
  let live = 0;
  let used = 0;
  for (const k of masterKeys?.keys ?? []) {
    if (k.type !== 'string' || !k.key.startsWith('rt:')) continue;
    if (k.bytes.startsWith('live|')) live++;
    else used++;
  }
  const nodes = replica ? [MASTER, REPLICA] : [MASTER];
  const stolen = figures?.stolen ?? '';
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="st-stage jwt-stage"
      role="img"
      aria-label={t.stageSummary(live, used, view.failedOver)}
    >
      {users.map((u, i) => {
        const y = 8 + i * (USER_H + 6);
        const session = sessionOf(u, masterKeys, view);
        const state = tokenState(masterKeys, u.token);
        const access = u.accessUntil - now;
        return (
          <g
            key={i}
            className={i === selected ? 'jwt-user selected' : 'jwt-user'}
            data-testid={`user-${i + 1}`}
          >
            <line
              x1={USER_W + 10}
              y1={y + USER_H / 2}
              x2={AUTH.x}
              y2={AUTH.y + AUTH.h / 2}
              className="jwt-wire stage-wire"
            />
            <rect
              x={10}
              y={y}
              width={USER_W}
              height={USER_H}
              rx={6}
              className={`box session-${session}`}
            />
            <text x={20} y={y + 17} className="stage-text">
              <tspan fontWeight={700}>{t.user(i + 1)}</tspan>
              <tspan dx={8} data-testid={`session-${i + 1}`}>
                {t.session[session]}
              </tspan>
            </text>
            {u.token !== '' && (
              <>
                <text x={20} y={y + 34} className="stage-text small" data-testid={`token-${i + 1}`}>
                  {t.refreshToken(shortToken(u.token))} · {t.token[state]}
                </text>
                <text x={20} y={y + 49} className="stage-text small muted">
                  {t.family(familyOf(u.token).slice(-4), familySize(masterKeys, familyOf(u.token)))}
                </text>
                <text x={20} y={y + 64} className="stage-text small muted">
                  {access > 0 ? t.accessToken((access / 1e6).toFixed(1)) : t.accessExpired}
                </text>
              </>
            )}
          </g>
        );
      })}

      <g className="jwt-attacker">
        <line
          x1={USER_W + 10}
          y1={262}
          x2={AUTH.x}
          y2={AUTH.y + AUTH.h / 2}
          className="jwt-wire stage-wire attack"
        />
        <rect x={10} y={240} width={USER_W} height={48} rx={6} className="box attacker" />
        <text x={20} y={258} className="stage-text" fontWeight={700}>
          {t.attacker}
        </text>
        <text x={20} y={277} className="stage-text small" data-testid="stolen">
          {stolen === ''
            ? t.nothingStolen
            : t.stolenToken(shortToken(stolen), t.token[tokenState(masterKeys, stolen)])}
        </text>
      </g>

      <rect x={AUTH.x} y={AUTH.y} width={AUTH.w} height={AUTH.h} rx={6} className="box" />
      <text x={AUTH.x + AUTH.w / 2} y={AUTH.y + 35} textAnchor="middle" className="stage-text">
        {t.authServer}
      </text>

      {nodes.map((name) => {
        const y = NODE_Y[name]!;
        const keys = figures?.keyspaces[name];
        const isMaster = name === master;
        const down = keys?.down === true;
        return (
          <g key={name} data-testid={`node-${name}`}>
            <line
              x1={AUTH.x + AUTH.w}
              y1={AUTH.y + AUTH.h / 2}
              x2={NODE_BOX.x}
              y2={y + NODE_BOX.h / 2}
              className={isMaster && !down ? 'jwt-wire stage-wire lit' : 'jwt-wire stage-wire idle'}
            />
            <rect
              x={NODE_BOX.x}
              y={y}
              width={NODE_BOX.w}
              height={NODE_BOX.h}
              rx={6}
              className={down ? 'box down' : 'box'}
            />
            <text x={NODE_BOX.x + 10} y={y + 20} className="stage-text" fontWeight={700}>
              {isMaster ? t.master : name === MASTER ? t.oldMaster : t.replica} ({name})
            </text>
            <text x={NODE_BOX.x + 10} y={y + 42} className="stage-text small">
              {down ? t.down : t.keys(keys?.size ?? 0)}
            </text>
            {down && (
              <path
                d={`M${NODE_BOX.x} ${y} L${NODE_BOX.x + NODE_BOX.w} ${y + NODE_BOX.h} M${NODE_BOX.x + NODE_BOX.w} ${y} L${NODE_BOX.x} ${y + NODE_BOX.h}`}
                className="jwt-cross"
              />
            )}
          </g>
        );
      })}
      {replica && (
        <>
          <line
            x1={NODE_BOX.x + NODE_BOX.w / 2}
            y1={NODE_Y[MASTER]! + NODE_BOX.h}
            x2={NODE_BOX.x + NODE_BOX.w / 2}
            y2={NODE_Y[REPLICA]}
            className="jwt-wire stage-wire repl"
          />
          <text
            // Left of the wire: the nodes sit at the drawing's right edge.
            x={NODE_BOX.x + NODE_BOX.w / 2 - 6}
            y={(NODE_Y[MASTER]! + NODE_BOX.h + NODE_Y[REPLICA]!) / 2 + 4}
            textAnchor="end"
            className="stage-text small muted"
          >
            {t.lag(String(lagSeconds))}
          </text>
        </>
      )}
    </svg>
  );
}
