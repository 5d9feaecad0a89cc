// Renders hand-written predictions in the real Label Studio editor and checks what it shows.
// Cases (c) and (d) are deliberately broken predictions: they prove the harness can see a failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEditorBrowser, renderPredictions } from './harness.mjs';
import { renderProblems } from './checks.mjs';
import { makePng, pngDataUri } from './png.mjs';

const W = 320;
const H = 200;
const OCR_TEXTAREA = '<TextArea name="transcription" toName="image" editable="true" perRegion="true" required="false" ' +
  'maxSubmissions="1" rows="5" placeholder="Recognized text" displayMode="region-list"/>';
const ocrConfig = (tool) =>
  `<View><Image name="image" value="$image"/><${tool} name="label" toName="image"><Label value="Text"/></${tool}>${OCR_TEXTAREA}</View>`;
const CHOICES_CONFIG = '<View><Image name="image" value="$image"/>' +
  '<Choices name="class" toName="image" choice="single"><Choice value="Invoice"/><Choice value="Receipt"/></Choices></View>';

const size = { original_width: W, original_height: H, image_rotation: 0 };
const rect = (id, x, y, w, h, label = 'Text', fromName = 'label') => ({
  id, from_name: fromName, to_name: 'image', type: 'rectanglelabels', ...size, score: 0.9,
  value: { x, y, width: w, height: h, rotation: 0, rectanglelabels: [label] },
});
const poly = (id, points, label = 'Text') => ({
  id, from_name: 'label', to_name: 'image', type: 'polygonlabels', ...size, score: 0.8,
  value: { points, closed: true, polygonlabels: [label] },
});
const text = (id, t) => ({ id, from_name: 'transcription', to_name: 'image', type: 'textarea', ...size, value: { text: [t] } });
const prediction = (result) => ({ model_version: 'test-1', score: 0.85, result });

let browser;
let tmp;
let imagePath;

before(async () => {
  browser = await openEditorBrowser();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prelabel-editor-test-'));
  imagePath = path.join(tmp, 'page.png');
  fs.writeFileSync(imagePath, makePng(W, H));
});

after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// One page per call; the browser is shared by all cases of this file.
async function render(config, predictions, { served = true } = {}) {
  const input = served
    ? { config, data: {}, image: imagePath, predictions }
    : { config, data: { image: pngDataUri(W, H) }, predictions };
  const report = await renderPredictions(browser, input, { timeoutMs: 30_000 });
  assert.equal(report.predictions.length, predictions.length);
  assert.deepEqual(report.console_errors, []);
  return report;
}

test('(a) OCR rectangles with per-region transcriptions render intact', async () => {
  const result = [rect('r1', 10, 20, 30, 15), text('r1', 'INVOICE 42'), rect('r2', 55.5, 60.25, 40, 12.125), text('r2', 'Total: 17,00')];
  const [p] = (await render(ocrConfig('RectangleLabels'), [prediction(result)])).predictions;

  assert.deepEqual(renderProblems(result, p), []);
  assert.deepEqual(p.images.map((i) => [i.loaded, i.natural_width, i.natural_height]), [[true, W, H]]);
  assert.equal(p.regions.length, 2);
  for (const r of p.regions) {
    assert.equal(r.type, 'rectangleregion');
    assert.deepEqual(r.labels, ['Text']);
    assert.equal(r.inside_image, true);
  }
  const r1 = p.regions.find((r) => r.id === 'r1');
  assert.ok(Math.abs(r1.bbox_percent.x - 10) < 1e-6 && Math.abs(r1.bbox_percent.width - 30) < 1e-6);
  assert.deepEqual(p.texts, { r1: ['INVOICE 42'], r2: ['Total: 17,00'] });
  assert.equal(p.serialized.length, 4);
});

test('(b) OCR polygons with per-region transcriptions render intact (data: URI image)', async () => {
  const result = [
    poly('p1', [[10, 10], [40, 12], [38, 30], [9, 28]]), text('p1', 'first line'),
    poly('p2', [[50, 50], [90, 50], [90, 70.5], [50, 70.5]]), text('p2', 'second line'),
  ];
  const [p] = (await render(ocrConfig('PolygonLabels'), [prediction(result)], { served: false })).predictions;

  assert.deepEqual(renderProblems(result, p), []);
  assert.equal(p.regions.length, 2);
  assert.ok(p.regions.every((r) => r.type === 'polygonregion' && r.inside_image && r.labels[0] === 'Text' && r.closed));
  const p2 = p.regions.find((r) => r.id === 'p2');
  assert.equal(p2.points.length, 4);
  assert.ok(Math.abs(p2.points[2][1] - 70.5) < 1e-6);
  assert.deepEqual(p.texts, { p1: ['first line'], p2: ['second line'] });
});

test('(c) a wrong from_name is visible in the report', async () => {
  const result = [rect('r1', 10, 20, 30, 15, 'Text', 'labels_typo'), text('r1', 'lost?')];
  const [p] = (await render(ocrConfig('RectangleLabels'), [prediction(result)])).predictions;

  // The editor still draws a box, but it carries no label and the result is not returned as sent.
  const problems = renderProblems(result, p);
  assert.ok(problems.some((m) => m.includes('region r1 has no label')), problems.join('\n'));
  assert.ok(problems.some((m) => m.includes('result r1 (labels_typo/rectanglelabels) missing')), problems.join('\n'));
});

test('(d) a label missing from the config leaves an unlabeled region', async () => {
  const result = [rect('r1', 10, 20, 30, 15, 'Handwriting'), rect('r2', 50, 50, 10, 10)];
  const [p] = (await render(ocrConfig('RectangleLabels'), [prediction(result)])).predictions;

  const r1 = p.regions.find((r) => r.id === 'r1');
  assert.deepEqual(r1.labels, []);
  assert.deepEqual(p.regions.find((r) => r.id === 'r2').labels, ['Text']);
  const problems = renderProblems(result, p);
  assert.ok(problems.includes('region r1 has no label'), problems.join('\n'));
  assert.ok(problems.some((m) => m.startsWith('result r1 (label): value.rectanglelabels came back as undefined')), problems.join('\n'));
});

test('(e) a Choices result comes back; one with a wrong from_name is dropped', async () => {
  const good = { id: 'c1', from_name: 'class', to_name: 'image', type: 'choices', score: 0.7, value: { choices: ['Receipt'] } };
  const bad = { ...good, id: 'c2', from_name: 'klass' };
  const report = await render(CHOICES_CONFIG, [prediction([good]), { ...prediction([bad]), id: 77 }]);
  const [ok, dropped] = report.predictions;

  assert.equal(ok.prediction_id, '1');
  assert.deepEqual(renderProblems([good], ok), []);
  assert.equal(ok.regions.length, 0); // a classification is not a drawn region
  assert.equal(dropped.prediction_id, '77');
  assert.deepEqual(dropped.serialized, []);
  assert.deepEqual(renderProblems([bad], dropped), ['result c2 (klass/choices) missing from serializeAnnotation()']);
});

test('pixel coordinates instead of percent are reported outside the image', async () => {
  const result = [rect('px', 32, 40, 96, 30)]; // inside in pixels, but x+width > 100 as percent
  const [p] = (await render(ocrConfig('RectangleLabels'), [prediction(result)])).predictions;
  assert.equal(p.regions[0].inside_image, false);
  assert.ok(renderProblems(result, p).some((m) => m.startsWith('region px is not inside the image')));
});

test('a config that does not parse is reported as an editor error', async () => {
  const broken = '<View><Image name="image" value="$image"></View>';
  const report = await renderPredictions(browser, { config: broken, data: { image: pngDataUri(8, 8) }, predictions: [] });
  assert.deepEqual(report.predictions, []);
  assert.match(report.editor_errors.map((e) => e.value).join('\n'), /Unexpected closing tag/);
});
