import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EMBED_OPTIONS,
  embedQuery,
  parseEmbedOptions,
  storageNamespace,
} from '../../src/embed/options.ts';

const parse = (query: string) => {
  const q = new URLSearchParams(query);
  return parseEmbedOptions((name) => q.get(name));
};

describe('embed options from a URL or attributes', () => {
  it('reads every documented option', () => {
    const { options, notices } = parse(
      'scene=cache&lang=ko&theme=dark&step=3&speed=2&autoplay=1&pause-at-steps=1&controls=compact&id=post-1',
    );
    expect(notices).toEqual([]);
    expect(options).toEqual({
      scene: 'cache',
      lang: 'ko',
      theme: 'dark',
      step: 3,
      speed: 2,
      autoplay: true,
      pauseAtSteps: true,
      controls: 'compact',
      id: 'post-1',
    });
  });

  it('falls back to defaults for tampered values and names each one', () => {
    const { options, notices } = parse(
      'scene=cache&lang=fr&theme=<b>&step=-2&speed=1000&autoplay=maybe&controls=all&id=../../x',
    );
    expect(options).toEqual({ ...DEFAULT_EMBED_OPTIONS, scene: 'cache' });
    expect(notices.map((n) => n.option)).toEqual([
      'lang',
      'theme',
      'step',
      'speed',
      'autoplay',
      'controls',
      'id',
    ]);
    expect(notices.find((n) => n.option === 'theme')?.value).toBe('<b>');
  });

  it('reports an unknown or missing lesson instead of guessing one', () => {
    expect(parse('scene=nope').options.scene).toBeNull();
    expect(parse('scene=nope').notices).toEqual([{ option: 'scene', value: 'nope' }]);
    expect(parse('').notices).toEqual([{ option: 'scene', value: '' }]);
  });

  it('cuts an over-long value in the notice', () => {
    const { notices } = parse(`scene=${'x'.repeat(5000)}`);
    expect(notices[0]!.value.length).toBe(40);
  });

  it('writes a query that reads back to the same options', () => {
    const { options } = parse('scene=failover&lang=en&step=2&speed=0.5&autoplay=1&id=a');
    expect(parse(embedQuery(options)).options).toEqual(options);
    expect(embedQuery({ ...DEFAULT_EMBED_OPTIONS, scene: 'memory' })).toBe('scene=memory');
  });

  it('gives two embeds different storage unless they share an id', () => {
    const a = parse('scene=cache&id=one').options;
    const b = parse('scene=cache&id=two').options;
    const raw = parse('scene=cache').options;
    const other = parse('scene=memory').options;
    expect(storageNamespace(a)).not.toBe(storageNamespace(b));
    expect(storageNamespace(raw)).not.toBe(storageNamespace(other));
    expect(storageNamespace(a)).toBe(storageNamespace(parse('scene=memory&id=one').options));
  });
});
