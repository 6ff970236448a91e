import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderArg, renderCommandSyntax } from '../../tools/command-syntax.ts';

describe('src/worker/command-syntax.ts', () => {
  it('is what the generator makes from the real redis-server and the command table today', async () => {
    const fresh = await renderCommandSyntax();
    // Regenerate with `npx tsx tools/command-syntax.ts` after adding commands.
    expect(readFileSync('src/worker/command-syntax.ts', 'utf8')).toBe(fresh);
  });

  it('prints optional, repeated and alternative arguments as the Redis docs do', () => {
    expect(renderArg({ name: 'element', type: 'string', flags: ['multiple'] })).toBe(
      'element [element ...]',
    );
    expect(
      renderArg({
        name: 'count',
        type: 'integer',
        token: 'COUNT',
        flags: ['optional'],
      }),
    ).toBe('[COUNT count]');
    expect(
      renderArg({
        name: 'where',
        type: 'oneof',
        arguments: [
          { name: 'left', type: 'pure-token', token: 'LEFT' },
          { name: 'right', type: 'pure-token', token: 'RIGHT' },
        ],
      }),
    ).toBe('<LEFT | RIGHT>');
  });
});
