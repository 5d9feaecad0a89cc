// Browser-side half of the harness, injected into the editor page (addInitScript) as window.__prelabel.
// It only reads the editor's store (label-studio-frontend 1.7.1) and reports; it never judges.
(() => {
  const state = { store: null, error: null, expected: null };

  const annotationStore = () => state.store.annotationStore;
  const imageTags = () => [...annotationStore().names.values()].filter((t) => t.type === 'image');

  function start({ config, data, predictions, interfaces }) {
    try {
      new window.LabelStudio('root', {
        config,
        task: { id: 1, data, predictions, annotations: [] },
        // `id` (not `pk`): a user with only `pk` breaks the store with a mobx-state-tree error.
        user: { id: 1, firstName: 't', lastName: 't', username: 't' },
        interfaces,
        // 1.7.1 passes the app store here (the LabelStudio instance is not assigned yet).
        onLabelStudioLoad(ls) { state.store = ls.annotationStore ? ls : ls.store; },
      });
    } catch (err) {
      state.error = String((err && err.stack) || err);
    }
  }

  const loaded = () => !!(state.store || state.error);

  // The store lists predictions newest first; `pk` keeps the id the task gave them.
  function select(pk) {
    const prediction = annotationStore().predictions.find((p) => String(p.pk) === pk);
    if (!prediction) return false;
    annotationStore().selectPrediction(prediction.id);
    state.expected = prediction.id;
    return true;
  }

  // Displayed = the prediction is the selected one and every Image tag has loaded with a sized
  // stage, or the editor gave up and shows an error. Without feature flags the <img> onLoad sets
  // `currentImageEntity.imageLoaded`; the `imageIsLoaded` view also wants `downloaded`, which only
  // the flagged preloading path sets, so it stays false in this build.
  function isDisplayed() {
    const as = annotationStore();
    if (!as.selected || as.selected.id !== state.expected) return false;
    if (as.validation && as.validation.length) return true;
    return imageTags().every((img) => {
      const entity = img.currentImageEntity;
      if (!entity) return false;
      return entity.error || (entity.imageLoaded && img.stageWidth > 1 && img.stageHeight > 1);
    });
  }

  // Reported when an image never loads, to tell a broken URL from a layout problem.
  function imageState() {
    return imageTags().map((img) => {
      const e = img.currentImageEntity || {};
      return { name: img.name, src: String(e.src || '').slice(0, 200), imageLoaded: e.imageLoaded, error: e.error,
        stageWidth: img.stageWidth, stageHeight: img.stageHeight };
    });
  }

  // Errors the editor shows in its UI (image load failures, bad config), often without a console error.
  function editorErrors() {
    return (annotationStore().validation || []).map((v) => ({
      error: v.error, field: v.field, value: String(v.value).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim(),
    }));
  }

  function describeRegion(r) {
    const img = r.object;
    const sw = img && img.stageWidth;
    const sh = img && img.stageHeight;
    const pct = (v, size) => (v / size) * 100;
    const first = r.results[0];
    const out = {
      id: r.cleanId || r.id,
      type: r.type,
      // With a wrong from_name the editor re-homes the result on a control of the same type,
      // so `from_name` here is what the editor holds, not necessarily what was sent.
      from_name: r.labeling ? r.labeling.from_name.name : (first && first.from_name && first.from_name.name) || null,
      to_name: img ? img.name : null,
      labels: r.labeling ? r.labeling.selectedLabels.map((l) => l.value) : [],
      results: r.results.map((res) => ({ type: res.type, from_name: res.from_name && res.from_name.name })),
    };
    // Geometry is held in stage pixels; dividing by the stage size gives percent of the image.
    let box = null;
    try { box = r.bboxCoords; } catch { /* e.g. brush regions before their layer is drawn */ }
    if (box && sw && sh) {
      out.bbox_percent = {
        x: pct(box.left, sw), y: pct(box.top, sh),
        width: pct(box.right - box.left, sw), height: pct(box.bottom - box.top, sh),
      };
    }
    if (r.points && sw && sh) out.points = r.points.map((p) => [pct(p.x, sw), pct(p.y, sh)]);
    if (typeof r.closed === 'boolean') out.closed = r.closed; // serializeAnnotation() omits it
    const b = out.bbox_percent;
    const EPS = 1e-6;
    out.inside_image = !!b && b.width > 0 && b.height > 0 && b.x >= -EPS && b.y >= -EPS &&
      b.x + b.width <= 100 + EPS && b.y + b.height <= 100 + EPS;
    return out;
  }

  async function describe() {
    // Two animation frames so the canvas has drawn the regions after the image size settled.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const annotation = annotationStore().selected;
    // regionStore.regions = drawn regions; annotation.regions would also count classifications.
    const regions = annotation.regionStore.regions;
    const texts = {};
    for (const r of regions) {
      const t = r.results.filter((res) => res.type === 'textarea').flatMap((res) => res.mainValue || []);
      if (t.length) texts[r.cleanId || r.id] = t;
    }
    return {
      prediction_id: annotation.pk, // the input prediction's id (or its 1-based index when it had none)
      images: imageTags().map((img) => {
        const entity = img.currentImageEntity;
        const ok = !!(entity && entity.imageLoaded);
        // Before a load the natural size comes from the results' original_width/height, so hide it.
        return { name: img.name, loaded: ok, error: !!(entity && entity.error),
          natural_width: ok ? img.naturalWidth : null, natural_height: ok ? img.naturalHeight : null };
      }),
      editor_errors: editorErrors(),
      regions: regions.map(describeRegion),
      serialized: JSON.parse(JSON.stringify(annotation.serializeAnnotation())),
      texts,
    };
  }

  window.__prelabel = { start, loaded, startError: () => state.error, select, isDisplayed, imageState, editorErrors, describe };
})();
