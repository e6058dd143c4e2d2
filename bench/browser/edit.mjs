// Re-render cost of an edit in a long article, on the real page in headless Chromium.
//
//   node bench/browser/edit.mjs [DIST] [--mb 1] [--edits 5] [--profile]
//   (run from the repo root; DIST defaults to target/e2e-dist, which tests/e2e/run builds)
//
// Loads the page from DIST, puts a text of about --mb megabytes (Wikinews articles joined,
// from ../shared/corpora/wikinews or $ARTICLE_ANNOTATOR_SHARED) in the text area, waits until
// every block is marked, then makes --edits small edits (a sentence typed at the end, a word
// inserted in the middle, alternately). For each edit it records, from the moment the
// worker's answer reaches the page until the page is idle and every block is marked again:
// the long tasks (> 50 ms) on the main thread, the time to draw the first screen (the page's
// own `drawMs`), and how many of the view's block elements were made anew. Prints one JSON
// line. --profile also prints the functions with the most self time over those windows.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { serve } from "../../tests/e2e/server.mjs";

const { chromium } = await import("playwright-core").catch(() => import("../../tests/e2e/node_modules/playwright-core/index.mjs"));

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const dist = resolve(args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--mb") && !args[i - 1]?.startsWith("--edits")) || "target/e2e-dist");
const mb = +opt("--mb", 1);
const edits = +opt("--edits", 5);
const profile = args.includes("--profile");
const shared = resolve(process.env.ARTICLE_ANNOTATOR_SHARED || "../shared");
const dir = join(shared, "corpora/wikinews");
const corpus = existsSync(dir)
  ? readdirSync(dir).filter((f) => f.endsWith(".txt")).sort().map((f) => readFileSync(join(dir, f), "utf8")).join("\n\n")
  : readFileSync("data/examples/seed-article.txt", "utf8");
const size = Math.round(mb * 1e6);
const text = (corpus + "\n\n").repeat(Math.ceil(size / corpus.length)).slice(0, size);

const { server, url } = await serve(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_BIN || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
});
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  const runs = () => page.evaluate(() => +(document.body.dataset.runs || 0));
  const settled = async (after) => {
    await page.waitForFunction((n) => +(document.body.dataset.runs || 0) > n && document.body.dataset.state === "idle", after, { timeout: 180_000 });
    // Every block marked (the page sets data-marked when its idle-time marking ends; a short
    // text needs none).
    await page.waitForFunction(() => !document.querySelector("#view > .blk") || [...document.querySelectorAll("#view > .blk")].every((b) => !(b.childNodes.length === 1 && b.firstChild.nodeType === 3 && b.firstChild.data.length > 200)), null, { timeout: 180_000 });
  };
  await settled(-1);
  let before = await runs();
  await page.evaluate((t) => {
    const a = document.getElementById("article");
    a.value = t;
    a.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await settled(before);
  // Watch: long tasks, and when the page starts drawing an answer (state "rendering").
  await page.evaluate(() => {
    window.__long = [];
    window.__rendering = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: "longtask" });
    new MutationObserver(() => { if (document.body.dataset.state === "rendering") window.__rendering.push(performance.now()); })
      .observe(document.body, { attributes: true, attributeFilter: ["data-state"] });
  });
  let cdp = null;
  if (profile) {
    cdp = await ctx.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  }
  const out = [];
  for (let i = 0; i < edits; i++) {
    before = await runs();
    const blocksBefore = await page.evaluate(() => { window.__old = new Set(document.querySelectorAll("#view > .blk")); return window.__old.size; });
    await page.evaluate((i) => {
      const a = document.getElementById("article");
      const at = i % 2 ? a.value.indexOf("\n", a.value.length >> 1) : a.value.length;
      a.setRangeText(i % 2 ? " Tehran" : " Tehran said the talks would go on.", at, at, "end");
      a.dispatchEvent(new Event("input", { bubbles: true }));
      window.__since = null;
    }, i);
    if (cdp) await cdp.send("Profiler.start");
    await settled(before);
    await page.waitForTimeout(200); // let the long-task entries arrive
    if (cdp) {
      const { profile: p } = await cdp.send("Profiler.stop");
      (out.profiles ||= []).push(p);
    }
    const r = await page.evaluate(() => {
      const since = window.__rendering[window.__rendering.length - 1] || 0;
      const long = window.__long.filter(([s, d]) => s + d >= since - 5).map(([, d]) => Math.round(d));
      window.__long = [];
      const blocks = [...document.querySelectorAll("#view > .blk")];
      return { long, drawMs: JSON.parse(document.body.dataset.drawMs || "{}"), blocks: blocks.length, made: blocks.filter((b) => !window.__old.has(b)).length, same: document.getElementById("view").textContent === document.getElementById("article").value };
    });
    out.push({ edit: i % 2 ? "middle" : "end", ...r, blocksBefore });
  }
  const all = out.flatMap((r) => r.long);
  const result = {
    chars: text.length,
    edits: out.map((r) => ({ edit: r.edit, long_tasks: r.long, first_screen_ms: +(r.drawMs.first || 0).toFixed(1), blocks: r.blocks, blocks_made: r.made, text_equal: r.same })),
    long_tasks: all.length,
    max_long_ms: Math.max(0, ...all),
  };
  console.log(JSON.stringify(result));
  if (out.profiles) {
    const self = new Map();
    let total = 0;
    for (const prof of out.profiles) {
      const byId = new Map(prof.nodes.map((n) => [n.id, n]));
      const dt = (prof.endTime - prof.startTime) / Math.max(1, prof.samples.length) / 1000;
      for (const id of prof.samples) {
        const f = byId.get(id).callFrame;
        if (f.functionName === "(idle)" || f.functionName === "(program)") continue;
        const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/\/[^/]+/, "")}:${f.lineNumber + 1}`;
        self.set(key, (self.get(key) || 0) + dt);
        total += dt;
      }
    }
    console.error(`main-thread self time over ${out.profiles.length} edits (${total.toFixed(0)} ms sampled):`);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.error(`${v.toFixed(1).padStart(9)} ms  ${k}`);
  }
} finally {
  await browser.close();
  server.close();
}
