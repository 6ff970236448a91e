/**
 * `npm test`: every check a change must pass, in the order a failure is cheapest to read:
 * typecheck, lint, format, unit tests, production build, end-to-end tests in Chromium.
 * It ends with one plain line, `N passed, N failed`, summing unit and end-to-end tests plus
 * any check that failed, and exits non-zero on any failure or when no test ran.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureSystemTools } from './system-tools.ts';

const reports = 'reports';
mkdirSync(reports, { recursive: true });
const unitJson = `${reports}/unit.json`;
const e2eJson = `${reports}/e2e.json`;
rmSync(unitJson, { force: true });
rmSync(e2eJson, { force: true });

const failedSteps: string[] = [];

function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(
    `=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (!ok) failedSteps.push(name);
  return ok;
}

const tools = ensureSystemTools();
if (!tools.ok) {
  console.error(tools.message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('lint', 'npm', ['run', '--silent', 'lint']);
step('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
step('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
const built = step('build', 'npm', ['run', '--silent', 'build']);
if (built) {
  step('bundle budget', 'npx', ['tsx', 'tools/bundle-budget.ts']);
  step('end-to-end tests', 'npx', ['playwright', 'test'], {
    E2E_JSON: e2eJson,
    CHROMIUM_PATH: tools.chromium,
  });
} else {
  failedSteps.push('end-to-end tests (not run: the build failed)');
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

const unit = readJson<VitestReport>(unitJson);
const e2e = readJson<PlaywrightReport>(e2eJson);
const unitPassed = unit?.numPassedTests ?? 0;
const unitFailed = unit?.numFailedTests ?? 0;
const e2ePassed = e2e ? e2e.stats.expected + e2e.stats.flaky : 0;
const e2eFailed = e2e?.stats.unexpected ?? 0;
const skipped = (unit ? unit.numPendingTests + unit.numTodoTests : 0) + (e2e?.stats.skipped ?? 0);
// A failed check that is not a test runner (typecheck, lint...) counts as one failure.
const checkFailures = failedSteps.filter(
  (s) => !s.startsWith('unit') && !s.startsWith('end-to-end'),
).length;
const testRunnerCrashed =
  (failedSteps.includes('unit tests') && unitFailed === 0 ? 1 : 0) +
  (failedSteps.some((s) => s.startsWith('end-to-end')) && e2eFailed === 0 ? 1 : 0);

const passed = unitPassed + e2ePassed;
const failed = unitFailed + e2eFailed + checkFailures + testRunnerCrashed;

console.log('\n=== summary');
console.log(`unit: ${unitPassed} passed, ${unitFailed} failed`);
console.log(`end-to-end: ${e2ePassed} passed, ${e2eFailed} failed`);
if (skipped > 0) console.log(`skipped: ${skipped}`);
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
if (passed === 0) console.log('no test ran');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
