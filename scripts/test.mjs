#!/usr/bin/env node
/**
 * `npm test`: type check, lint, unit/integration tests (vitest), browser journeys (Playwright).
 * Every step runs even if an earlier one failed, so one run shows every failure. The last line is
 * always exactly `N passed, N failed`, counted over the tests of both runners; a failed tsc or
 * biome counts as 1 failed, and so does a runner that ended without writing its report.
 * The environment passes through (TEST_POSTGRES_URL also runs the database tests on PostgreSQL).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
const vitestReport = join(results, 'vitest.json');
const playwrightReport = join(results, 'e2e.json');

/** Runs a command with the terminal's output streams; resolves with its exit code. */
function run(command, args) {
  process.stdout.write(`\n▶ ${command} ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: process.env,
    });
    child.on('error', (error) => {
      process.stderr.write(`${command}: ${error.message}\n`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Counts from vitest's JSON report; a failed run with no failed test (a file that did not load,
 *  an unhandled error) counts as 1 failed. */
function vitestCounts(exitCode) {
  const report = readJson(vitestReport);
  if (!report) return { passed: 0, failed: 1, note: 'no report: vitest crashed or did not start' };
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

/** Counts from Playwright's JSON report: flaky tests passed on retry; skipped ones are not counted. */
function playwrightCounts(exitCode) {
  const report = readJson(playwrightReport);
  if (!report?.stats) return { passed: 0, failed: 1, note: 'no report: Playwright crashed or did not start' };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
  let failed = unexpected;
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed: expected + flaky, failed };
}

mkdirSync(results, { recursive: true });
rmSync(vitestReport, { force: true });
rmSync(playwrightReport, { force: true });

const steps = [];
const tsc = await run('npx', ['tsc', '--noEmit']);
steps.push({ name: 'tsc', passed: 0, failed: tsc === 0 ? 0 : 1 });

const biome = await run('npx', ['biome', 'check', '.']);
steps.push({ name: 'biome', passed: 0, failed: biome === 0 ? 0 : 1 });

const vitest = await run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join('test-results', 'vitest.json')}`,
]);
steps.push({ name: 'vitest', ...vitestCounts(vitest) });

const playwright = await run('npx', ['playwright', 'test']);
steps.push({ name: 'playwright', ...playwrightCounts(playwright) });

const passed = steps.reduce((sum, step) => sum + step.passed, 0);
const failed = steps.reduce((sum, step) => sum + step.failed, 0);
const exitCodes = [tsc, biome, vitest, playwright];

process.stdout.write('\nSummary:\n');
for (const step of steps) {
  const counts =
    step.name === 'tsc' || step.name === 'biome'
      ? step.failed === 0
        ? 'ok'
        : 'FAILED (counts as 1 failed)'
      : `${step.passed} passed, ${step.failed} failed${step.note ? ` (${step.note})` : ''}`;
  process.stdout.write(`  ${step.name.padEnd(10)} ${counts}\n`);
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 || exitCodes.some((code) => code !== 0) ? 1 : 0;
