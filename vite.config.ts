import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { offlinePlugin } from './tools/vite-offline.ts';

const root = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // Relative asset URLs: the static build works from any sub-path (GitHub Pages, a blog).
  base: './',
  plugins: [react(), offlinePlugin()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rolldownOptions: { input: { main: root('./index.html'), embed: root('./embed.html') } },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'node',
    include: ['test/**/*.test.{ts,tsx}'],
    // The oracle starts real redis-server processes; give them room on a 2-core machine.
    testTimeout: 20_000,
  },
});
