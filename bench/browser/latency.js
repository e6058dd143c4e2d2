// Runs inside headless Chromium (driven by bench/browser/run.mjs): the time to
// annotate (wasm call + building the JS object) and to render (www/render.js's
// renderAnnotated, then a forced style + layout of the result) each article,
// and one long article made by joining articles up to ~10,000 words.
import init, { annotate } from "/target/bench/pkg-web/article_annotator.js";
import { renderAnnotated } from "/www/render.js";

const now = () => performance.now();

function stats(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

function once(view, text) {
  const t0 = now();
  const ann = annotate(text);
  const t1 = now();
  renderAnnotated(view, text, ann);
  const t2 = now();
  void view.offsetHeight; // style + layout now, inside the measurement
  const t3 = now();
  return { annotate: t1 - t0, dom: t2 - t1, render: t3 - t1, total: t3 - t0, items: ann.entities.length + ann.attributions.length };
}

window.runLatency = async ({ texts, longText, longWords, reps }) => {
  const view = document.getElementById("view");
  // Cold start in the page: fetch + compile + instantiate, then the first call.
  const c0 = now();
  await init({ module_or_path: "/target/bench/pkg-web/article_annotator_bg.wasm" });
  const c1 = now();
  annotate(texts[0]);
  const c2 = now();

  // Warm-up: every article once (or 3 s), so the timings are of tiered-up code.
  const w0 = now();
  for (let i = 0; i < texts.length && (i < 3 || now() - w0 < 3000); i++) once(view, texts[i]);

  const per = { annotate: [], render: [], dom: [], total: [] };
  for (const t of texts) {
    const r = once(view, t);
    for (const k of Object.keys(per)) per[k].push(r[k]);
  }
  const long = { annotate: [], render: [], dom: [], total: [] };
  let longItems = 0;
  for (let i = 0; i < reps; i++) {
    const r = once(view, longText);
    longItems = r.items;
    for (const k of Object.keys(long)) long[k].push(r[k]);
  }
  view.replaceChildren();
  const out = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, stats(v)]));
  return {
    cold_ms: { load: c1 - c0, first: c2 - c1, total: c2 - c0 },
    articles: out(per),
    long: { words: longWords, chars: longText.length, items: longItems, ...out(long) },
    timer_resolution_isolated: crossOriginIsolated,
    userAgent: navigator.userAgent,
  };
};
document.getElementById("status").textContent = "ready";
window.latencyReady = true;
