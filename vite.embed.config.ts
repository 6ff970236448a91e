import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * `dist/embed.js`: the script a blog pastes to get `<redis-sim>`. A classic script in one
 * file (IIFE, no imports), built after the app into the same `dist/` without emptying it.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: fileURLToPath(new URL('./src/embed/embed-script.ts', import.meta.url)),
      formats: ['iife'],
      name: 'RedisSimEmbed',
      fileName: () => 'embed.js',
    },
  },
});
