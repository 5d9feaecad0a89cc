// The CLI contract: one JSON report on stdout and exit 0, or a JSON error on stderr and non-zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pngDataUri } from './png.mjs';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'render-prediction.mjs');
const run = (args, stdin) => spawnSync(process.execPath, [CLI, ...args], { input: stdin, encoding: 'utf8', timeout: 90_000 });

test('reads stdin and prints one JSON report', () => {
  const input = {
    config: '<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels></View>',
    data: { image: pngDataUri(64, 48) },
    predictions: [{ model_version: 'cli', score: 0.5, result: [{ id: 'a', from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x: 5, y: 5, width: 50, height: 50, rotation: 0, rectanglelabels: ['Text'] } }] }],
  };
  const res = run(['-'], JSON.stringify(input));
  assert.equal(res.status, 0, res.stderr);
  const lines = res.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const report = JSON.parse(lines[0]);
  assert.deepEqual(report.predictions[0].regions.map((r) => [r.id, r.labels, r.inside_image]), [['a', ['Text'], true]]);
  assert.deepEqual(report.predictions[0].images[0].natural_width, 64);
});

test('bad input exits non-zero with a JSON error on stderr', () => {
  const res = run(['-'], JSON.stringify({ config: '<View/>', predictions: 'nope' }));
  assert.equal(res.status, 2);
  assert.equal(res.stdout, '');
  assert.match(JSON.parse(res.stderr).error, /predictions/);
});
