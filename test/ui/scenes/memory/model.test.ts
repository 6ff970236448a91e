import { describe, expect, it } from 'vitest';
import { runScene } from '../../../../src/sim/scenes/index.ts';
import { readFigures } from '../../../../src/ui/scenes/memory/figures.ts';
import { footnoteNumbers, memoryCatalogues } from '../../../../src/ui/scenes/memory/messages.ts';
import { memoryModel } from '../../../../src/ui/scenes/memory/model.ts';
import { raceTimes } from '../../../../src/ui/scenes/memory/Race.tsx';
import type { SceneInfo, SimUpdate } from '../../../../src/worker/api.ts';

const info = { topology: { nodes: ['redis'] } } as unknown as SceneInfo;

describe('memory scene view', () => {
  it('logs a power cut with the keys Redis lost, and nothing else', () => {
    const cut: SimUpdate = {
      kind: 'trace',
      record: { type: 'note', at: 1_000_000, text: 'crash:redis keys=1000' },
    } as SimUpdate;
    const other: SimUpdate = {
      kind: 'trace',
      record: { type: 'note', at: 0, text: 'step:race' },
    } as SimUpdate;
    expect(memoryModel.describe!(cut)).toEqual({
      at: 1_000_000,
      key: 'powerCut',
      args: { keys: 1000 },
    });
    expect(memoryModel.describe!(other)).toBeNull();
    const v = memoryModel.apply(memoryModel.reset(info, 0), [other, cut], 1_200_000);
    expect(v.powerCut).toEqual({ at: 1_000_000, keys: 1000 });
    expect(memoryCatalogues.en.log['powerCut']!({ keys: 1000 })).toContain('1000 keys');
  });
});

describe('memory figures from the scene summary', () => {
  it('every tier names a source the summary lists, and has words in both languages', () => {
    const f = readFigures(runScene('memory', 1, 1, {}))!;
    expect(f).not.toBeNull();
    const known = new Set(f.sources.map((s) => s.id));
    for (const tier of f.tiers) {
      expect(tier.sources.length).toBeGreaterThan(0);
      for (const s of tier.sources) expect(known.has(s)).toBe(true);
      for (const lang of ['en', 'ko'] as const) {
        expect(memoryCatalogues[lang].tiers[tier.id]).toBeTruthy();
        expect(memoryCatalogues[lang].tierAssumption[tier.id]).toBeTruthy();
      }
    }
    const numbers = footnoteNumbers(f.tiers.map((t) => t.sources));
    expect([...numbers.values()]).toEqual([...Array(numbers.size).keys()].map((i) => i + 1));
  });

  it('the race: the database row is about a thousand times the GET; past RAM the gap shrinks', () => {
    const fits = readFigures(runScene('memory', 1, 1, { datasetGB: '4' }))!;
    const past = readFigures(runScene('memory', 1, 1, { datasetGB: '32' }))!;
    const a = raceTimes(fits, 10_000_000);
    expect(a.database / a.redis).toBeGreaterThan(500);
    expect(a.elapsed).toBe(a.slower);
    expect(raceTimes(fits, 0).elapsed).toBe(0);
    const b = raceTimes(past, 10_000_000);
    expect(b.redis).toBeGreaterThan(100 * a.redis);
    expect(past.curve.length).toBeGreaterThan(5);
  });
});
