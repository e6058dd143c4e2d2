// Runs inside headless Chromium (driven by bench/browser/run.mjs): the time to
// annotate (wasm call + building the JS object) and to render each article, and
// one long article made by joining articles up to ~10,000 words.
//
// Render is measured the way the page draws (www/app.js): `renderVisible` marks up
// the first screenful and leaves the rest as plain text, then a forced style +
// layout; that is "render" (what must fit in the frame). "render_full" is every
// mark of the text at once (`renderAnnotated` + layout), what the page finishes
// in the background. "edit_render" (long article): the same as "render" after a small edit,
// drawn over the view of the text before it. "plan" / "render_main": "render" split the way
// the page splits it, the plan made in the worker and the DOM built from it on the main thread. The wasm-bindgen package comes from ?pkg= (default
// /target/bench/pkg-web/), the renderer from ?render= (default /www/render.js).
const params = new URL(location.href).searchParams;
const PKG = params.get("pkg") || "/target/bench/pkg-web/";
const RENDER = params.get("render") || "/www/render.js";
const glue = await import(`${PKG}article_annotator.js`);
const render = await import(RENDER);
const { annotate } = glue;
// An older renderer (for before/after figures) has no renderVisible: all at once then.
const drawFirst = render.renderVisible || render.renderAnnotated;

const now = () => performance.now();

function stats(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

function once(view, text, full) {
  view.replaceChildren(); // a fresh render (a render over the same text would keep every block)
  void view.offsetHeight;
  const t0 = now();
  const ann = annotate(text);
  const t1 = now();
  drawFirst(view, text, ann);
  const t2 = now();
  void view.offsetHeight; // style + layout now, inside the measurement
  const t3 = now();
  const r = { annotate: t1 - t0, dom: t2 - t1, render: t3 - t1, total: t3 - t0, items: ann.entities.length + ann.attributions.length };
  if (render.prepare) {
    // The page's way since 2026-11-29: the plan is made in the worker (render.js `prepare`),
    // the main thread only builds the DOM from it: "plan" and "render_main" (+ layout).
    view.replaceChildren();
    void view.offsetHeight;
    const t5 = now();
    const { plan } = render.prepare(text, ann);
    const t6 = now();
    drawFirst(view, text, ann, { plan });
    void view.offsetHeight;
    r.plan = t6 - t5;
    r.render_main = now() - t6;
  }
  if (full) {
    view.replaceChildren();
    void view.offsetHeight;
    const t4 = now();
    render.renderAnnotated(view, text, ann);
    void view.offsetHeight;
    r.render_full = now() - t4;
  }
  return r;
}

// Cold start in the page: fetch + compile (streaming), instantiate, then the first call.
async function coldStart(text) {
  const c0 = now();
  const module = await WebAssembly.compileStreaming(fetch(`${PKG}article_annotator_bg.wasm`));
  const c1 = now();
  await glue.default({ module_or_path: module });
  const c2 = now();
  annotate(text);
  const c3 = now();
  return { c0, c1, c2, c3 };
}

// The cold start alone, for a fresh browser (run.mjs takes the median of several: one
// sample on a shared 2-core machine is noise).
window.runCold = async ({ text }) => {
  const { c0, c1, c2, c3 } = await coldStart(text);
  return { compile: c1 - c0, instantiate: c2 - c1, first: c3 - c2, load: c2 - c0, total: c3 - c0 };
};

window.runLatency = async ({ texts, longText, longWords, reps }) => {
  const view = document.getElementById("view");
  const { c0, c1, c2, c3 } = await coldStart(texts[0]);
  const t0 = now();
  render.renderAnnotated(view, texts[0], annotate(texts[0]));
  void view.offsetHeight;
  const c4 = now();

  // Warm-up: every article once (or 3 s), so the timings are of tiered-up code.
  const w0 = now();
  for (let i = 0; i < texts.length && (i < 3 || now() - w0 < 3000); i++) once(view, texts[i], true);

  const keys = ["annotate", "render", "render_full", "dom", "total", ...(render.prepare ? ["plan", "render_main"] : [])];
  const per = Object.fromEntries(keys.map((k) => [k, []]));
  for (const t of texts) {
    const r = once(view, t, true);
    for (const k of keys) per[k].push(r[k]);
  }
  const long = Object.fromEntries(keys.map((k) => [k, []]));
  let longItems = 0;
  for (let i = 0; i < reps; i++) {
    const r = once(view, longText, true);
    longItems = r.items;
    for (const k of keys) long[k].push(r[k]);
  }
  // An edit in the long article: a sentence typed at its end, or in its middle; the page
  // draws the new answer over the old view (kept blocks are not rebuilt). "edit_render":
  // renderVisible + layout, as "render" above.
  const edit = [];
  const sentence = " Tehran said the talks would go on.";
  const mid = longText.indexOf("\n", longText.length >> 1);
  for (let i = 0; i < reps; i++) {
    render.renderAnnotated(view, longText, annotate(longText));
    void view.offsetHeight;
    const t = i % 2 ? longText.slice(0, mid) + sentence + longText.slice(mid) : longText + sentence;
    const ann = annotate(t);
    const t0 = now();
    drawFirst(view, t, ann);
    void view.offsetHeight;
    edit.push(now() - t0);
  }
  view.replaceChildren();
  long.edit_render = edit;
  const out = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, stats(v)]));
  return {
    cold_ms: { compile: c1 - c0, instantiate: c2 - c1, first_annotate: c3 - c2, first_render: c4 - t0, load: c2 - c0, first: c3 - c2, total: c3 - c0 },
    articles: out(per),
    long: { words: longWords, chars: longText.length, items: longItems, ...out(long) },
    timer_resolution_isolated: crossOriginIsolated,
    userAgent: navigator.userAgent,
  };
};
document.getElementById("status").textContent = "ready";
window.latencyReady = true;
