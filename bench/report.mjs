// Reads the results bench/run left in target/bench/*.json and prints the
// table (Markdown) with the targets of issue 7, flagging misses.
//
//   node bench/report.mjs target/bench "bench/run ..."
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { loadavg, cpus } from "node:os";

const [dir, command = "bench/run"] = process.argv.slice(2);
const load = (name) => {
  const f = join(dir, name + ".json");
  return existsSync(f) ? JSON.parse(readFileSync(f, "utf8")) : null;
};
const version = (pkg) => {
  try {
    return JSON.parse(readFileSync(new URL(`./node_modules/${pkg}/package.json`, import.meta.url), "utf8")).version;
  } catch {
    return "?";
  }
};

const native = load("native");
const wasm = load("wasm");
const wasmJson = load("wasm-json");
const comp = load("compromise");
const wink = load("wink");
const chrome = load("chromium");
const nodeCold = load("cold"); // bench/node/cold.mjs: the median of fresh processes
const sizes = load("sizes") || {};

const int = (x) => Math.round(x).toLocaleString("en-US");
const ms = (x) => (x == null ? "–" : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString());
const mb = (bytes) => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1) + " MB";
const kb = (bytes) => (bytes == null ? "–" : Math.round(bytes / 1024).toLocaleString("en-US") + " KiB");
const ratio = (a, b) => (a && b ? (a / b >= 10 ? Math.round(a / b) : (a / b).toFixed(1)) + "×" : "–");

const lines = [];
const p = (s = "") => lines.push(s);
const corpus = native || wasm || comp || wink;
const date = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
p(`### Benchmark: ${date}, \`${command}\``);
p();
if (corpus) {
  p(
    `${corpus.articles} articles, ${int(corpus.chars)} characters (${mb(corpus.bytes)}), largest ${mb(corpus.largest_bytes)}; ` +
      `Node ${wasm?.node ?? process.version}; ${cpus().length} cores, shared (load average ${loadavg()[0].toFixed(1)} at the end). ` +
      `Throughput: the fastest of up to 3 timed passes after a warm-up, each engine in its own process.`,
  );
}
if (command.includes("--quick")) p("**Quick mode**: 5 articles, one pass, the native bench a debug build: a smoke test, not a measurement.");
p();
p("| engine | chars/s | articles/s | MB/s | peak RSS (above baseline) | cold start: load + first call | wasm ÷ it | native ÷ it |");
p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
const rss = (r) => `${mb(r.peak_rss_kb * 1024)} (${mb(Math.max(0, r.peak_rss_kb - r.base_rss_kb) * 1024)})`;
const row = (name, r, cold) => {
  if (!r) return;
  p(
    `| ${name} | ${int(r.chars_per_s)} | ${r.articles_per_s.toFixed(1)} | ${r.mb_per_s.toFixed(2)} | ${rss(r)} | ${cold} | ` +
      `${r === wasm ? "1×" : ratio(wasm?.chars_per_s, r.chars_per_s)} | ${r === native ? "1×" : ratio(native?.chars_per_s, r.chars_per_s)} |`,
  );
};
const cold = (r) => `${ms(r.cold_ms)} ms (${ms(r.load_ms)} + ${ms(r.first_ms)})`;
row("our core, native (Rust release)", native, native && `${ms(native.cold_ms)} ms (first call)`);
if (native?.jobs > 1) {
  // The same passes, a text per thread (`annotate --jobs N`, an archive's way): not a per-core figure.
  const j = { ...native, chars_per_s: native.jobs_chars_per_s, articles_per_s: native.jobs_chars_per_s / native.chars * native.articles, mb_per_s: native.jobs_mb_per_s };
  p(
    `| ↳ the same on ${native.jobs} threads (\`annotate --jobs ${native.jobs}\`, a text per thread) | ${int(j.chars_per_s)} | ${j.articles_per_s.toFixed(1)} | ${j.mb_per_s.toFixed(2)} | – | – | ` +
      `${ratio(wasm?.chars_per_s, j.chars_per_s)} | ${ratio(native.chars_per_s, j.chars_per_s)} |`,
  );
}
row("our core, wasm under Node", wasm, wasm && cold(wasm));
row("↳ the same, JSON bytes (`annotateJson`, no JS objects)", wasmJson, wasmJson && cold(wasmJson));
row(`compromise ${version("compromise")}`, comp, comp && cold(comp));
row(`wink-nlp ${version("wink-nlp")} + wink-eng-lite-web-model ${version("wink-eng-lite-web-model")}`, wink, wink && cold(wink));
p();
p(
  "What each returns: ours, every entity, attribution, cluster and sentence as JS objects with UTF-16 offsets " +
    "(natively: the `Annotations` struct; " +
    (native ? `with serde_json output ${native.json_mb_per_s.toFixed(2)} MB/s` : "") +
    "); compromise, `people()`, `places()`, `organizations()`, `quotations()` as arrays of strings; " +
    "wink-nlp, its entities (`its.detail`) and sentences. Peak RSS is the process's high-water mark; the part " +
    "above baseline is above a Node (or native) process that has already read the corpus.",
);
if (wasm?.wasm_memory_bytes) {
  p(
    `The wasm linear memory ended at ${mb(wasm.wasm_memory_bytes)} after the articles` +
      (wasm.joined
        ? `, and at ${mb(wasm.joined.wasm_memory_bytes)} after the whole folder as one ${mb(wasm.joined.bytes)} text ` +
          `(annotated in ${ms(wasm.joined.secs * 1e3)} ms; process peak RSS then ${mb(wasm.joined.peak_rss_kb * 1024)}).`
        : "."),
  );
}
p();
p(
  `Sizes: wasm from rustc ${kb(sizes.raw)}, after wasm-opt -Oz ${kb(sizes.opt)}, as shipped (after wasm-bindgen, ` +
    `which drops its custom sections) **${kb(sizes.ship)}**, gzipped -9 **${kb(sizes.ship_gz)}**; ` +
    (sizes.page ? `\`dist/article-annotator.html\` ${kb(sizes.page)} (gzipped ${kb(sizes.page_gz)}).` : "`dist/article-annotator.html` not built."),
);
p();
if (chrome) {
  const st = (s) => `${ms(s.median)} / ${ms(s.p95)}`;
  const a = chrome.articles;
  const l = chrome.long;
  p(`Latency in headless Chromium (${(chrome.userAgent.match(/HeadlessChrome\/[\d.]+/) || ["?"])[0]}), ms, median / p95; render = what the page draws at once ` +
    "(`renderVisible`: the first screenful with its marks, the rest as plain text marked up before it scrolls into view) + forced style and layout; " +
    "all marks = `renderAnnotated` of the whole text + layout (what the page finishes in idle time):");
  p();
  p("| input | annotate | render | annotate + render | all marks |");
  p("| --- | ---: | ---: | ---: | ---: |");
  const full = (x) => (x.render_full ? st(x.render_full) : "–");
  p(`| each article (n = ${a.total.n}) | ${st(a.annotate)} | ${st(a.render)} | ${st(a.total)} | ${full(a)} |`);
  p(`| one ${int(l.words)}-word article (${int(l.chars)} chars, ${int(l.items)} spans; n = ${l.total.n}) | ${st(l.annotate)} | ${st(l.render)} | ${st(l.total)} | ${full(l)} |`);
  p();
  // The median of fresh browser contexts when run.mjs took several samples, else its one sample.
  const c = chrome.cold_median_ms || chrome.cold_ms;
  const runs = chrome.cold_median_ms?.runs > 1 ? `, median of ${chrome.cold_median_ms.runs} fresh browser contexts (each its own renderer process, nothing compiled before)` : "";
  const atLoad = chrome.cold_at_load_median_ms;
  p(`Cold start in the page${runs}, started 1 s after the page loaded: ${ms(c.total)} ms (fetch + compile + instantiate ${ms(c.load)}` +
    (c.compile !== undefined ? ` = streaming fetch + compile ${ms(c.compile)} + instantiate ${ms(c.instantiate)}` : "") +
    `, first call ${ms(c.first)}${chrome.cold_ms.first_render !== undefined ? `; then the first render ${ms(chrome.cold_ms.first_render)}` : ""}). ` +
    (atLoad ? `Started as the page loads (its new renderer process still setting up on the same cores): ${ms(atLoad.total)} ms (load ${ms(atLoad.load)}, first call ${ms(atLoad.first)}). ` : "") +
    (chrome.cold_median_ms ? `In the first page of a browser just launched: ${ms(chrome.cold_ms.total)} ms (first call ${ms(chrome.cold_ms.first)}).` : ""));
  p();
}

// --- targets -------------------------------------------------------------------
const targets = [];
const t = (name, measured, ok) => targets.push({ name, measured, ok });
if (wasm && comp) t("wasm under Node ≥ 100× compromise's chars/s", ratio(wasm.chars_per_s, comp.chars_per_s), wasm.chars_per_s >= 100 * comp.chars_per_s);
// Judged on one thread; the figure on every core is shown beside it, not counted.
if (native) t("native ≥ 20 MB/s (one thread)", `${native.mb_per_s.toFixed(2)} MB/s` + (native.jobs > 1 ? ` (${native.jobs_mb_per_s.toFixed(2)} on ${native.jobs} threads)` : ""), native.mb_per_s >= 20);
if (sizes.ship) t("wasm after wasm-opt (as shipped) ≤ 1.5 MB", kb(sizes.ship), sizes.ship <= 1.5e6);
if (sizes.ship_gz) t("wasm gzipped ≤ 600 KB", kb(sizes.ship_gz), sizes.ship_gz <= 600e3);
if (nodeCold) {
  // One process's cold start is noise on a shared machine: the target takes the median.
  t(`cold start ≤ 50 ms (wasm under Node: load + a first sentence + the first article${nodeCold.runs > 1 ? `, median of ${nodeCold.runs} fresh processes` : ""})`,
    `${ms(nodeCold.cold_median_ms)} ms`, nodeCold.cold_median_ms <= 50);
} else if (wasm) t("cold start ≤ 50 ms (wasm under Node: compile + instantiate + first call)", `${ms(wasm.cold_ms)} ms`, wasm.cold_ms <= 50);
const pageCold = chrome && (chrome.cold_median_ms || chrome.cold_ms).total;
if (chrome) t(`cold start ≤ 50 ms (in the page: fetch + compile + instantiate + first call${chrome.cold_median_ms?.runs > 1 ? `, median of ${chrome.cold_median_ms.runs} fresh browser contexts, 1 s after the page loaded` : ""})`,
  `${ms(pageCold)} ms` + (chrome.cold_at_load_median_ms ? ` (${ms(chrome.cold_at_load_median_ms.total)} as the page loads)` : ""), pageCold <= 50);
if (chrome) t("annotate + render of a 10,000-word article ≤ 16 ms median (Chromium)", `${ms(chrome.long.total.median)} ms`, chrome.long.total.median <= 16);
if (wasm) {
  const limit = 10 * wasm.bytes + 20e6;
  const used = Math.max(0, wasm.peak_rss_kb - wasm.base_rss_kb) * 1024;
  t(`peak memory under Node ≤ 10× input + 20 MB (${mb(limit)}; RSS above baseline)`, mb(used), used <= limit);
  if (wasm.wasm_memory_bytes) t(`↳ the core's own part of it: wasm linear memory ≤ ${mb(limit)}`, mb(wasm.wasm_memory_bytes), wasm.wasm_memory_bytes <= limit);
  const j = wasm.joined;
  if (j?.wasm_memory_bytes) {
    const lim = 10 * j.bytes + 20e6;
    t(`↳ the whole folder as one text: wasm linear memory ≤ 10× ${mb(j.bytes)} + 20 MB = ${mb(lim)}`, mb(j.wasm_memory_bytes), j.wasm_memory_bytes <= lim);
  }
}
p("| target | measured | |");
p("| --- | ---: | --- |");
for (const x of targets) p(`| ${x.name} | ${x.measured} | ${x.ok ? "met" : "**MISSED**"} |`);
const missed = targets.filter((x) => !x.ok).length;
p();
p(missed ? `${missed} of ${targets.length} targets missed.` : `All ${targets.length} targets met.`);
console.log(lines.join("\n"));
