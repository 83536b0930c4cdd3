/**
 * `npm test`: every check the project has, in one run, closing with the one line CI reads:
 * `N passed, N failed, N skipped`. Exits non-zero when anything failed or nothing ran.
 * Type check and builds count as one check each; unit and browser tests count per test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBrowser } from './browserSetup.ts';
import { ensurePackTools } from './packToolsSetup.ts';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return result.status === 0;
}

function step(label: string, command: string, args: string[]): void {
  if (run(label, command, args)) tally.passed++;
  else {
    tally.failed++;
    failures.push(label);
  }
}

/** Counts per test from a runner's JSON report; a missing report means the runner broke. */
function count(label: string, file: string, read: (report: never) => { passed: number; failed: number; skipped: number }): void {
  if (!existsSync(file)) {
    tally.failed++;
    failures.push(`${label} (geen rapport)`);
    return;
  }
  const counts = read(JSON.parse(readFileSync(file, 'utf8')) as never);
  tally.passed += counts.passed;
  tally.failed += counts.failed;
  tally.skipped += counts.skipped;
  if (counts.failed > 0) failures.push(`${label}: ${counts.failed} mislukt`);
}

// The browser, then LibreOffice and poppler for the pack tests.
const browserProblem = ensureBrowser() ?? ensurePackTools();
if (browserProblem) {
  // One clear line instead of a launch error per browser test; the summary still closes the run.
  console.log(`\n${browserProblem}`);
  writeFileSync(path.join(reports, 'summary.txt'), '0 passed, 1 failed, 0 skipped\n');
  console.log('\n0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('build (electron-vite)', bin('electron-vite'), ['build']);
step('build (harness renderer)', 'npm', ['run', '--silent', 'build:harness']);

const vitestOk = run('unit tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(reports, 'vitest.json')}`]);
count('unit tests', path.join(reports, 'vitest.json'), (r: { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests,
}));
if (!vitestOk && !failures.some((f) => f.startsWith('unit tests'))) {
  tally.failed++;
  failures.push('unit tests (runner)');
}

const e2eOk = run('browser tests (playwright, Debian chromium)', bin('playwright'), ['test']);
count('browser tests', path.join(reports, 'e2e.json'), (r: { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }) => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected,
  skipped: r.stats.skipped,
}));
if (!e2eOk && !failures.some((f) => f.startsWith('browser tests'))) {
  tally.failed++;
  failures.push('browser tests (runner)');
}

if (failures.length > 0) console.log(`\nMislukt: ${failures.join('; ')}`);
const summary = `${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`;
// .ci/run repeats this file's line last, after anything npm prints on a failing script.
writeFileSync(path.join(reports, 'summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exitCode = tally.failed > 0 || tally.passed === 0 ? 1 : 0;
