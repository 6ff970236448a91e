import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layer rule (ARCHITECTURE.md) is enforced by tools. These tests put deliberate
 * violations where they are forbidden and require the tools to refuse them, so a config
 * change that silently loosens a rule fails here.
 */
const root = join(import.meta.dirname, '..', '..');
const probes: string[] = [];

afterAll(() => {
  for (const dir of probes) rmSync(dir, { recursive: true, force: true });
});

/** Lints `code` as if it were a file in `folder` (a temporary file, removed afterwards). */
async function lintAs(folder: string, code: string, ext = 'ts'): Promise<string[]> {
  const dir = mkdtempSync(join(root, folder, '__layer_probe_'));
  probes.push(dir);
  const file = join(dir, `probe.${ext}`);
  writeFileSync(file, code);
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('ESLint keeps the layers apart', () => {
  it('refuses a value import of the UI from the engine', async () => {
    const messages = await lintAs(
      'src/engine',
      "import { App } from '../../ui/app/App.tsx';\nexport const x = App;\n",
    );
    expect(messages.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('refuses a value import of the worker from the simulation', async () => {
    const messages = await lintAs(
      'src/sim',
      "import { createWorkerApi } from '../../worker/api.ts';\nexport const x = createWorkerApi;\n",
    );
    expect(messages.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('refuses React in the engine', async () => {
    const messages = await lintAs(
      'src/engine',
      "import { useState } from 'react';\nexport const x = useState;\n",
    );
    expect(messages.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('refuses Date, Math.random and timers in the engine and the simulation', async () => {
    const code =
      'export const a = Date.now();\nexport const b = Math.random();\nsetTimeout(() => a, 1);\n';
    for (const folder of ['src/engine', 'src/sim']) {
      const text = (await lintAs(folder, code)).join('\n');
      expect(text).toMatch(/no-restricted-globals: Unexpected use of 'Date'/);
      expect(text).toMatch(/no-restricted-properties: 'Math.random'/);
      expect(text).toMatch(/no-restricted-globals: Unexpected use of 'setTimeout'/);
    }
  });

  it('refuses a value import of the engine from the UI but allows a type import', async () => {
    const valueImport = await lintAs(
      'src/ui',
      "import { Engine } from '../../engine/index.ts';\nexport const x = Engine;\n",
      'tsx',
    );
    expect(valueImport.join('\n')).toMatch(/no-restricted-imports/);
    const typeImport = await lintAs(
      'src/ui',
      "import type { Reply } from '../../engine/index.ts';\nexport type X = Reply;\n",
      'tsx',
    );
    expect(typeImport).toEqual([]);
  });

  it('lets the simulation import the engine', async () => {
    const messages = await lintAs(
      'src/sim',
      "import { Engine } from '../../engine/index.ts';\nexport const x = Engine;\n",
    );
    expect(messages).toEqual([]);
  });
});

describe('the core tsconfig has no DOM and no Node', () => {
  it('fails to compile engine code that touches document, window or timers', () => {
    const configPath = join(root, 'tsconfig.core.json');
    const config = ts.getParsedCommandLineOfConfigFile(
      configPath,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error('cannot read tsconfig.core.json');
    const probe = join(root, 'src/engine/__probe__.ts');
    const source =
      'export const t = document.title + window.name;\nsetTimeout(() => 0, 1);\nexport const p = process.pid;\n';
    const host = ts.createCompilerHost(config.options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (f) => (f === probe ? source : readFile(f));
    host.fileExists = (f) => f === probe || fileExists(f);
    const program = ts.createProgram([probe], config.options, host);
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Cannot find name 'document'/),
        expect.stringMatching(/Cannot find name 'window'/),
        expect.stringMatching(/Cannot find name 'setTimeout'/),
        expect.stringMatching(/Cannot find name 'process'/),
      ]),
    );
  });
});
