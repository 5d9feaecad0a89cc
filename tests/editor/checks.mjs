// Caller-side checks on a harness report (the harness itself only reports).
// The editor accepts bad predictions silently (wrong from_name, unknown label, pixel coordinates):
// region counts are not enough, so these checks compare what came back with what was sent.

const EPS = 1e-6;

/** Deep equality where numbers may differ by EPS (the editor round-trips through pixels). */
export function nearlyEqual(a, b, eps = EPS) {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= eps;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => nearlyEqual(x, b[i], eps));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => nearlyEqual(a[k], b[k], eps));
  }
  return a === b;
}

/**
 * Problems with how the editor took `sentResults` (one prediction's `result` array), judged on
 * `rendered` (the matching entry of report.predictions). Empty array = rendered faithfully.
 */
export function renderProblems(sentResults, rendered) {
  const problems = [];
  for (const img of rendered.images) {
    if (!img.loaded) problems.push(`image "${img.name}" did not load`);
  }
  for (const e of rendered.editor_errors) problems.push(`editor error ${e.error} (${e.field}): ${e.value}`);

  // Every sent result must come back with the same id, names, type and value. Only the keys that
  // were sent are compared: the editor adds geometry to textarea values and fields like `origin`.
  const back = [...rendered.serialized];
  for (const sent of sentResults) {
    const i = back.findIndex((r) => r.id === sent.id && r.type === sent.type && r.from_name === sent.from_name);
    if (i < 0) {
      problems.push(`result ${sent.id} (${sent.from_name}/${sent.type}) missing from serializeAnnotation()`);
      continue;
    }
    const [got] = back.splice(i, 1);
    if (got.to_name !== sent.to_name) problems.push(`result ${sent.id}: to_name ${got.to_name} != ${sent.to_name}`);
    for (const [k, v] of Object.entries(sent.value ?? {})) {
      if (k === 'closed') continue; // 1.7.1 never serializes it; checked on the region below

      if (!nearlyEqual(got.value?.[k], v)) {
        problems.push(`result ${sent.id} (${sent.from_name}): value.${k} came back as ${JSON.stringify(got.value?.[k])}, sent ${JSON.stringify(v)}`);
      }
    }
  }
  for (const extra of back) problems.push(`unexpected result ${extra.id} (${extra.from_name}/${extra.type}) in serializeAnnotation()`);

  for (const sent of sentResults) {
    const region = rendered.regions.find((r) => r.id === sent.id);
    if (region && typeof sent.value?.closed === 'boolean' && region.closed !== sent.value.closed) {
      problems.push(`region ${sent.id}: closed is ${region.closed}, sent ${sent.value.closed}`);
    }
  }
  for (const r of rendered.regions) {
    if (r.labels.length === 0) problems.push(`region ${r.id} has no label`);
    if (!r.inside_image) problems.push(`region ${r.id} is not inside the image: ${JSON.stringify(r.bbox_percent)}`);
  }
  return problems;
}
