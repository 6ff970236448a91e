import { describe, expect, it } from 'vitest';
import { Engine, ManualClock, SeededRng, serviceTimeMicros } from '../../src/engine/index.ts';

function withList(n: number) {
  const engine = new Engine({ clock: new ManualClock(0), rng: new SeededRng(1) });
  const session = engine.createSession();
  for (let done = 0; done < n; done += 1000) {
    engine.execute(session, [
      'RPUSH',
      'l',
      ...new Array<string>(Math.min(1000, n - done)).fill('x'),
    ]);
  }
  return (argv: string[]) => serviceTimeMicros(engine, session, argv);
}

describe('LRANGE service time', () => {
  it('grows with the elements the range covers, not the list length', () => {
    const cost = withList(100_000);
    const whole = cost(['LRANGE', 'l', '0', '-1']);
    const ten = cost(['LRANGE', 'l', '0', '9']);
    expect(whole).toBeGreaterThan(1000 * ten);
    expect(whole).toBeGreaterThan(5000);
    expect(cost(['LRANGE', 'l', '-10', '-1'])).toBeCloseTo(ten);
    expect(cost(['LRANGE', 'l', '5', '2'])).toBeLessThan(2);
    expect(cost(['LRANGE', 'missing', '0', '-1'])).toBeLessThan(2);
  });
});
