import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const template = fileURLToPath(new URL('../src/offline/sw.js', import.meta.url));
const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

/** Files built after the app (by vite.embed.config.ts) that the cache must hold too. */
const LATER_FILES = ['embed.js'];

/**
 * Emits `sw.js` with the list of every file of this build and a version made from their
 * hashes, so a browser sees a changed service worker exactly when the app changed.
 */
export function offlinePlugin(): Plugin {
  return {
    name: 'redis-sim-offline',
    apply: 'build',
    // After the HTML plugin, so the pages are in the bundle too.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const copied = readdirSync(publicDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => relative(publicDir, join(e.parentPath, e.name)).split(sep).join('/'));
      const files = ['./', ...Object.keys(bundle).sort(), ...copied.sort(), ...LATER_FILES].filter(
        (f) => !f.endsWith('.map'),
      );
      const hash = createHash('sha256');
      for (const name of Object.keys(bundle).sort()) {
        const item = bundle[name]!;
        hash.update(name).update(item.type === 'chunk' ? item.code : item.source);
      }
      const version = hash.digest('hex').slice(0, 16);
      const source = readFileSync(template, 'utf8')
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('__PRECACHE__', JSON.stringify(files.map((f) => (f === './' ? f : `./${f}`))));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
