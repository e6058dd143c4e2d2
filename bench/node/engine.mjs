// One engine under Node, in a fresh process, on a folder of .txt articles.
//
//   node bench/node/engine.mjs ENGINE DIR [--quick] [--passes N] [--pkg DIR]
//   ENGINE: wasm | wasm-json | compromise | wink
//   (wasm: annotate(), every annotation as a JS object, the figure the targets use;
//   wasm-json: annotateJson(), the same annotations as JSON in UTF-8 bytes, no objects)
//
// Prints one JSON line: chars/s and articles/s (fastest of N timed passes after
// a warm-up), cold start (load = import / compile + instantiate; first =
// the first annotate call), peak RSS of the process and the part of it above
// the baseline taken after the corpus is loaded but before the engine is.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
const engine = args[0];
const dir = args[1];
const quick = args.includes("--quick");
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const passes = Math.max(1, Number(opt("--passes", quick ? 1 : 3)));
const pkgDir = resolve(opt("--pkg", "target/bench/pkg-node"));

let files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
if (quick) files = files.slice(0, 5);
const texts = files.map((f) => readFileSync(join(dir, f), "utf8"));
if (texts.length === 0) {
  console.error(`engine: no .txt file in ${dir}`);
  process.exit(2);
}
const chars = texts.reduce((n, t) => n + t.length, 0);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0);
const largestBytes = Math.max(...texts.map((t) => Buffer.byteLength(t, "utf8")));

globalThis.gc?.();
const baseRssKb = process.resourceUsage().maxRSS;
const rssNowKb = () => Math.round(process.memoryUsage().rss / 1024);
const baseNowKb = rssNowKb();

// --- load: what a page or a script pays before the first call -------------
const t0 = performance.now();
let wasmMemory = null;
let run; // text -> number of items found (the items are built as JS objects)
if (engine === "wasm" || engine === "wasm-json") {
  const require = createRequire(import.meta.url);
  const m = require(join(pkgDir, "article_annotator.js")); // readFileSync + compile + instantiate
  wasmMemory = m.__wasmMemory?.() ?? null; // added to the glue by bench/run
  run =
    engine === "wasm"
      ? (text) => {
          const a = m.annotate(text);
          return a.entities.length + a.attributions.length + a.sentences.length;
        }
      : (text) => m.annotateJson(text).length; // bytes of JSON: "items" differ from wasm's
} else if (engine === "compromise") {
  const nlp = (await import("compromise")).default;
  // People, places, organizations and quotations, as the issue measures them.
  run = (text) => {
    const doc = nlp(text);
    return (
      doc.people().out("array").length +
      doc.places().out("array").length +
      doc.organizations().out("array").length +
      doc.quotations().out("array").length
    );
  };
} else if (engine === "wink") {
  const winkNLP = (await import("wink-nlp")).default;
  const model = (await import("wink-eng-lite-web-model")).default;
  const nlp = winkNLP(model);
  const its = nlp.its;
  // Its entities (dates, numbers, ...; the lite model has no names) with
  // offsets, and its sentences.
  run = (text) => {
    const doc = nlp.readDoc(text);
    return doc.entities().out(its.detail).length + doc.sentences().out().length;
  };
} else {
  console.error(`engine: unknown engine ${engine} (wasm | wasm-json | compromise | wink)`);
  process.exit(2);
}
const t1 = performance.now();
const firstItems = run(texts[0]);
const t2 = performance.now();

// --- throughput ---------------------------------------------------------------
// Warm-up (JIT, wasm tier-up): a whole pass, or at least 3 s of calls over
// the first articles for a slow engine.
const wStart = performance.now();
for (let i = 0; i < texts.length && (performance.now() - wStart < 3000 || i < 3); i++) run(texts[i]);
// Timed passes: `passes` of them, but no new pass once 30 s have been spent
// (a slow peer gets one whole pass).
let items = -1;
let best = Infinity;
let timedPasses = 0;
const tStart = performance.now();
for (let p = 0; p < passes && (p === 0 || performance.now() - tStart < 30000); p++) {
  const s = performance.now();
  let n = 0;
  for (const t of texts) n += run(t);
  const secs = (performance.now() - s) / 1e3;
  if (secs < best) best = secs;
  if (items >= 0 && n !== items) throw new Error("nondeterministic result count");
  items = n;
  timedPasses++;
}

const peakRssKb = process.resourceUsage().maxRSS;
const wasmMemoryBytes = wasmMemory ? wasmMemory.buffer.byteLength : null;

// Ours only: the whole folder as ONE text, for the memory target (the wasm
// linear memory only grows, so its size afterwards is the call's peak).
let joined = null;
if (engine === "wasm" && !args.includes("--no-joined")) {
  const all = texts.join("\n\n");
  const s = performance.now();
  run(all);
  joined = {
    bytes: Buffer.byteLength(all, "utf8"),
    secs: (performance.now() - s) / 1e3,
    peak_rss_kb: process.resourceUsage().maxRSS,
    wasm_memory_bytes: wasmMemory ? wasmMemory.buffer.byteLength : null,
  };
}
console.log(
  JSON.stringify({
    engine: engine === "wasm" ? "wasm (Node)" : engine === "wasm-json" ? "wasm JSON bytes (Node)" : engine,
    articles: texts.length,
    chars,
    bytes,
    largest_bytes: largestBytes,
    secs: best,
    passes: timedPasses,
    chars_per_s: chars / best,
    articles_per_s: texts.length / best,
    mb_per_s: bytes / best / 1e6,
    load_ms: t1 - t0,
    first_ms: t2 - t1,
    cold_ms: t2 - t0,
    peak_rss_kb: peakRssKb,
    base_rss_kb: Math.max(baseRssKb, baseNowKb),
    wasm_memory_bytes: wasmMemoryBytes,
    joined,
    items,
    first_items: firstItems,
    node: process.version,
  }),
);
