#!/usr/bin/env node
// CLI: node tests/editor/render-prediction.mjs [input.json | -] [--timeout-ms N]
// Prints one JSON report on stdout (exit 0) once the editor rendered, or a JSON error on stderr
// (exit 1: the editor could not load; exit 2: bad usage/input; exit 3: hard time limit hit).
import fs from 'node:fs';
import { openEditorBrowser, renderPredictions, validateInput, HarnessError, InputError, DEFAULT_TIMEOUT_MS } from './harness.mjs';

function fail(code, error, extra = {}) {
  process.stderr.write(JSON.stringify({ error, ...extra }) + '\n');
  process.exitCode = code;
}

async function main(argv) {
  let file = '-';
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--timeout-ms') timeoutMs = Number(argv[++i]);
    else file = argv[i];
  }
  if (!(timeoutMs > 0)) return fail(2, '--timeout-ms must be a positive number');

  let input;
  try {
    input = JSON.parse(fs.readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (err) {
    return fail(2, `cannot read input JSON: ${err.message}`);
  }
  try {
    validateInput(input); // before launching a browser for nothing
  } catch (err) {
    return fail(2, err.message);
  }

  // Last resort if something below ignores its own timeout: never hang the caller.
  const guard = setTimeout(() => { fail(3, `hard time limit of ${timeoutMs + 15000} ms reached`); process.exit(3); }, timeoutMs + 15000);
  guard.unref();

  let browser;
  try {
    browser = await openEditorBrowser();
    const report = await renderPredictions(browser, input, { timeoutMs });
    process.stdout.write(JSON.stringify(report) + '\n');
  } catch (err) {
    if (err instanceof HarnessError) fail(err instanceof InputError ? 2 : 1, err.message, err.details ?? {});
    else fail(1, `unexpected failure: ${err.stack ?? err}`);
  } finally {
    await browser?.close();
    clearTimeout(guard);
  }
}

await main(process.argv.slice(2));
