// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layer rule (ARCHITECTURE.md), enforced here:
 *   engine <- sim <- worker <- store/ui/persist/embed
 * engine imports nothing of ours; sim only engine; the browser layers only *types* from
 * engine, sim and worker (they reach the engine through the worker's API).
 */
const layer = (name) => [`**/${name}`, `**/${name}/**`];
const browserLibs = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'idb', 'comlink'];

const coreOnly = (allowedLayers, message) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: browserLibs.map((name) => ({ name, message })),
      patterns: [
        {
          group: ['worker', 'store', 'ui', 'persist', 'embed', 'sim', 'engine', 'tools']
            .filter((l) => !allowedLayers.includes(l))
            .flatMap(layer),
          message,
        },
        { group: ['d3', 'd3-*', 'node:*'], message },
      ],
    },
  ],
  // Time and randomness are injected (Clock, Rng): the simulation must replay exactly.
  'no-restricted-globals': [
    'error',
    ...[
      'Date',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'clearTimeout',
      'clearInterval',
      'requestAnimationFrame',
      'performance',
      'window',
      'document',
      'self',
      'navigator',
      'localStorage',
      'indexedDB',
      'fetch',
      'process',
    ].map((name) => ({
      name,
      message: `${name} is not allowed in engine/sim: time, randomness and I/O are injected.`,
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the injected Rng.' },
    { object: 'globalThis', message: 'engine/sim must not reach for globals.' },
  ],
  'no-console': 'error',
});

const typesOnlyFromCore = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: [...layer('engine'), ...layer('sim'), ...layer('worker')],
          allowTypeImports: true,
          message:
            'The UI side imports only types from engine/sim/worker; call the worker through store/worker-bridge.ts.',
        },
      ],
    },
  ],
};

export default defineConfig(
  globalIgnores(['dist', 'test-results', 'playwright-report', 'reports', 'node_modules']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'A focused test hides the rest of the suite.',
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: coreOnly([], 'src/engine imports nothing of ours and no browser or Node library.'),
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: coreOnly(['engine'], 'src/sim imports only src/engine.'),
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer('ui'), ...layer('store'), ...layer('persist'), ...layer('embed')],
              message: 'The worker sits below the UI: it imports only engine and sim.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/{ui,store,persist,embed}/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: typesOnlyFromCore,
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['*.config.{js,ts}', 'e2e/**/*.ts', 'tools/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  {
    // A template the build fills in: `__PRECACHE__` becomes the file list.
    files: ['src/offline/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker, __PRECACHE__: 'readonly' } },
  },
);
