import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCompatibility } from '../../tools/compatibility.ts';

describe('COMPATIBILITY.md', () => {
  it('is what the generator makes from the real redis-server and the command table today', async () => {
    const fresh = await renderCompatibility();
    const onDisk = readFileSync('COMPATIBILITY.md', 'utf8');
    // Regenerate with `npm run compatibility` after adding or changing commands.
    expect(onDisk).toBe(fresh);
  });
});
