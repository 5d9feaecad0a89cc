// Loads a labeling config, a task and its predictions into the real Label Studio editor
// (npm label-studio-frontend@1.7.1) in headless Chromium and reports what the editor holds.
// The harness only reports; callers (tests, CI scripts) decide what is right or wrong.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core'; // resolved by walking up node_modules from this file
import { startServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROBE = path.join(HERE, 'page-probe.js'); // the browser-side half, reads the editor's store
export const DEFAULT_TIMEOUT_MS = 60_000;
const CHROMIUM = process.env.PRELABEL_CHROMIUM ?? '/usr/bin/chromium';
// Flags that keep Chromium off the network and quiet in this sandbox (loopback only).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Enough UI for predictions to be selectable and for per-region textareas to mount.
const INTERFACES = ['panel', 'update', 'submit', 'controls', 'side-column',
  'annotations:menu', 'annotations:add-new', 'predictions:menu', 'predictions:tabs'];

/** Raised when the editor could not be loaded at all (the CLI maps it to a non-zero exit). */
export class HarnessError extends Error {}
/** Raised when the input JSON is malformed (nothing was loaded). */
export class InputError extends HarnessError {}

/** Finds label-studio-frontend's dist/ folder in the nearest node_modules above this script. */
export function findEditorDist(start = HERE) {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const dist = path.join(dir, 'node_modules', 'label-studio-frontend', 'dist');
    if (fs.existsSync(path.join(dist, 'lsf', 'js', 'main.js'))) return dist;
    if (path.dirname(dir) === dir) throw new HarnessError(`label-studio-frontend not found above ${start}`);
  }
}

/**
 * Starts Chromium with a throw-away profile plus the loopback server.
 * playwright-core refuses a --user-data-dir argument, so the profile goes through launchPersistentContext.
 */
export async function openEditorBrowser() {
  const server = await startServer(findEditorDist());
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'prelabel-editor-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000,
    });
  } catch (err) {
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
    throw new HarnessError(`could not launch ${CHROMIUM}: ${err.message}`);
  }
  return {
    context,
    server,
    async close() {
      await context.close().catch(() => {});
      await server.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Checks the input shape early so a typo reads as a clear error rather than a blank editor. */
export function validateInput(input) {
  if (!input || typeof input !== 'object') throw new InputError('input must be a JSON object');
  if (typeof input.config !== 'string' || !input.config.includes('<View')) throw new InputError('"config" must be a <View> labeling config string');
  if (input.data != null && typeof input.data !== 'object') throw new InputError('"data" must be an object');
  if (!Array.isArray(input.predictions)) throw new InputError('"predictions" must be an array');
  if (input.image != null && (typeof input.image !== 'string' || !fs.existsSync(input.image))) {
    throw new InputError(`"image" must be the path of an existing file: ${input.image}`);
  }
  input.predictions.forEach((p, i) => {
    if (!p || !Array.isArray(p.result)) throw new InputError(`predictions[${i}].result must be an array`);
  });
}

/**
 * Renders every prediction of `input` in a fresh page of `browser` (from openEditorBrowser)
 * and returns { predictions: [...], editor_errors, console_errors, failed_requests } (see README.md).
 * Throws HarnessError when the editor cannot be loaded or a prediction never gets displayed.
 */
export async function renderPredictions(browser, input, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  validateInput(input);
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());

  const data = { ...(input.data ?? {}) };
  if (input.image) {
    data[input.image_key ?? 'image'] = browser.server.addFile(input.image);
  }
  // The store orders predictions newest-first; a known id (kept as `pk`) maps them back to input order.
  const predictions = input.predictions.map((p, i) => ({ ...p, id: p.id ?? i + 1 }));

  const page = await browser.context.newPage();
  const consoleErrors = [];
  const failedRequests = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => failedRequests.push(`${r.url().slice(0, 200)}: ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) failedRequests.push(`${r.url().slice(0, 200)}: HTTP ${r.status()}`); });
  let imageState;

  try {
    await page.addInitScript({ path: PROBE });
    await page.goto(browser.server.origin + '/', { timeout: remaining() });
    await waitFor(page, () => typeof window.LabelStudio === 'function', null, remaining(), 'the editor bundle did not load');
    await page.evaluate((args) => window.__prelabel.start(args), { config: input.config, data, predictions, interfaces: INTERFACES });
    await waitFor(page, () => window.__prelabel.loaded(), null, remaining(), 'the editor did not call onLabelStudioLoad');
    const startError = await page.evaluate(() => window.__prelabel.startError());
    if (startError) throw new HarnessError(`the editor failed to start: ${startError}`);

    const rendered = [];
    for (const p of predictions) {
      const pk = String(p.id);
      if (!(await page.evaluate((id) => window.__prelabel.select(id), pk))) {
        throw new HarnessError(`prediction ${pk} is not in the editor's prediction list`);
      }
      try {
        await waitFor(page, () => window.__prelabel.isDisplayed(), null, remaining(), `prediction ${pk} was not displayed (selection or image load)`);
      } catch (err) {
        imageState = await page.evaluate(() => window.__prelabel.imageState()).catch(() => undefined);
        throw err;
      }
      rendered.push(await page.evaluate(() => window.__prelabel.describe()));
    }
    // Store-wide, so also seen when there are no predictions (e.g. a config that does not parse).
    const editorErrors = await page.evaluate(() => window.__prelabel.editorErrors());
    return { predictions: rendered, editor_errors: editorErrors, console_errors: consoleErrors, failed_requests: failedRequests };
  } catch (err) {
    if (err instanceof HarnessError) err.details = { image_state: imageState, console_errors: consoleErrors, failed_requests: failedRequests };
    throw err;
  } finally {
    await page.close().catch(() => {});
  }
}

/** page.waitForFunction with the timeout turned into a HarnessError that says what was awaited. */
async function waitFor(page, fn, arg, timeout, what) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 'raf' });
  } catch (err) {
    if (/Timeout/i.test(err.message)) throw new HarnessError(`${what} within the time limit`);
    throw err;
  }
}
