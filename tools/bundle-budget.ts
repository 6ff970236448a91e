/**
 * The bundle budget (product brief): what a visitor downloads before anything is shown, gzipped.
 * The app shell is index.html's scripts (its entry and the chunks it preloads); the embed is
 * embed.html's and, separately, embed.js on the host page. Scenes and the worker load on
 * demand and are not counted. Exits non-zero when a budget is exceeded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const KB = 1024;
const BUDGETS = { app: 250 * KB, embedPage: 120 * KB, embedScript: 120 * KB } as const;

const gz = (file: string): number => gzipSync(readFileSync(join(dist, file))).length;

/** The JavaScript a page loads up front: its module scripts and preloaded modules. */
function initialScripts(page: string): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  const found = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\.?\/?([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.?\/?([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set(found)];
}

const rows = [
  { name: 'app shell (index.html)', files: initialScripts('index.html'), budget: BUDGETS.app },
  {
    name: 'embed page (embed.html)',
    files: initialScripts('embed.html'),
    budget: BUDGETS.embedPage,
  },
  { name: 'embed script (embed.js)', files: ['embed.js'], budget: BUDGETS.embedScript },
];

let over = false;
for (const row of rows) {
  const bytes = row.files.reduce((sum, f) => sum + gz(f), 0);
  const ok = bytes <= row.budget && row.files.length > 0;
  over ||= !ok;
  console.log(
    `${row.name}: ${(bytes / KB).toFixed(1)} KB gzipped in ${row.files.length} file(s), budget ${row.budget / KB} KB: ${ok ? 'ok' : 'OVER'}`,
  );
}
process.exit(over ? 1 : 0);
