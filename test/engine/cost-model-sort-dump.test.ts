import { describe, expect, it } from 'vitest';
import { Engine, ManualClock, SeededRng, serviceTimeMicros } from '../../src/engine/index.ts';

function withList(n: number) {
  const engine = new Engine({ clock: new ManualClock(0), rng: new SeededRng(1) });
  const session = engine.createSession();
  for (let done = 0; done < n; done += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - done) }, (_, i) => String(done + i));
    engine.execute(session, ['RPUSH', 'l', ...chunk]);
  }
  return (argv: string[]) => serviceTimeMicros(engine, session, argv);
}

describe('SORT, DUMP and RESTORE service times', () => {
  it('SORT of 100k elements takes tens of ms, as on redis-server, and ALPHA longer', () => {
    const cost = withList(100_000);
    const sort = cost(['SORT', 'l', 'LIMIT', '0', '1']);
    expect(sort).toBeGreaterThan(15_000);
    expect(sort).toBeLessThan(60_000);
    expect(cost(['sort_ro', 'l', 'ALPHA'])).toBeGreaterThan(2 * sort);
    expect(cost(['SORT', 'missing'])).toBeLessThan(2);
  });

  it('DUMP grows with the elements, RESTORE with the payload', () => {
    const cost = withList(100_000);
    expect(cost(['DUMP', 'l'])).toBeGreaterThan(1000);
    expect(cost(['RESTORE', 'k', '0', 'x'.repeat(600_000)])).toBeGreaterThan(500);
    expect(cost(['RESTORE', 'k', '0', 'x'])).toBeLessThan(2);
  });
});
