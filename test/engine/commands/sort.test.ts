import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine.ts';

describe('SORT in cluster mode', () => {
  it('refuses BY and GET patterns that reach other keys, but not a constant BY', () => {
    const { engine, cli } = testEngine();
    engine.config['cluster-enabled'] = 'yes';
    cli('RPUSH', 'l', '3', '1', '2');
    expect(cli('SORT', 'l', 'BY', 'w_*')).toBe(
      '(error) ERR BY option of SORT denied in Cluster mode.',
    );
    expect(cli('SORT', 'l', 'GET', '#')).toBe(
      '(error) ERR GET option of SORT denied in Cluster mode.',
    );
    expect(cli('SORT_RO', 'l', 'BY', 'nosort', 'DESC')).toBe('1) "2"\n2) "1"\n3) "3"');
    expect(cli('SORT', 'l')).toBe('1) "1"\n2) "2"\n3) "3"');
  });
});
