// Latency benchmark in real headless Chromium: serves the repo's page files on
// 127.0.0.1 (cross-origin isolated, so performance.now() has fine resolution),
// opens bench/browser/latency.html and prints one JSON line of results.
//
//   node bench/browser/run.mjs DIR [--quick] [--profile] [--pkg /dist/pkg/] [--render /www/render.js]
//   (run from the repo root)
//
// --cold-runs N: the cold start is the median of N fresh browser contexts, 1 s after their page
// loaded and as it loads (default 9 each; --quick 1).
// --pkg: the wasm-bindgen package to load (a path under the repo; default
// /target/bench/pkg-web/, which bench/run makes; /dist/pkg/ after `trunk build`).
// --render: the renderer module (default /www/render.js), e.g. an older one for
// before/after figures.
// CHROME_JS_FLAGS (environment): V8 flags for Chromium, for a diagnosis (e.g. --liftoff-only).
// --profile: also records a V8 CPU profile (sampling, 100 µs) of 10 more
// annotate + render runs of the long article, writes it to
// target/bench/long.cpuprofile (open in Chromium's DevTools) and prints the
// functions with the most self time to stderr.
import { createServer } from "node:http";
import { readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { join, resolve, extname, normalize } from "node:path";
// playwright-core from bench/node_modules (bench/run installs it), else the end-to-end tests' copy.
const { chromium } = await import("playwright-core").catch(() => import("../../tests/e2e/node_modules/playwright-core/index.mjs"));

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith("--") && !["--pkg", "--render", "--cold-runs"].includes(args[i - 1]));
const quick = args.includes("--quick");
const profile = args.includes("--profile");
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const pkg = opt("--pkg", "/target/bench/pkg-web/");
const renderer = opt("--render", "/www/render.js");
const root = resolve(".");
const chromiumPath = process.env.CHROME_BIN || "/usr/bin/chromium";

let files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
if (quick) files = files.slice(0, 5);
const texts = files.map((f) => readFileSync(join(dir, f), "utf8"));
// One ~10,000-word article: whole articles joined (in order, repeating if the
// folder is small) until 10,000 words are reached.
const words = (t) => t.split(/\s+/).filter(Boolean).length;
const parts = [];
let longWords = 0;
for (let i = 0; longWords < 10000 && texts.length; i++) {
  const t = texts[i % texts.length];
  parts.push(t.trim());
  longWords += words(t);
}
const longText = parts.join("\n\n");

const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".txt": "text/plain" };
const allowed = ["/www/", "/bench/browser/", "/target/bench/", "/dist/pkg/"];
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  const file = join(root, path);
  const headers = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cache-Control": "no-store" };
  if (!allowed.some((p) => path.startsWith(p)) || !existsSync(file)) {
    res.writeHead(404, headers).end("not found");
    return;
  }
  res.writeHead(200, { ...headers, "Content-Type": types[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const port = server.address().port;

const launch = () =>
  chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      // V8 flags for a diagnosis, e.g. CHROME_JS_FLAGS=--liftoff-only (what the cold start is without tier-up).
      ...(process.env.CHROME_JS_FLAGS ? [`--js-flags=${process.env.CHROME_JS_FLAGS}`] : [])],
  });
// The cold start of the page, as the median of `coldRuns` samples, each in a fresh browser
// context of the running browser: its own renderer process, so no module compiled by an
// earlier sample (V8 shares compiled modules within a process; "no-store" keeps the disk
// cache out), in a browser that has finished starting up, as a reader's is. A browser
// launched for each sample measured its own start-up too (its first second, on the same two
// cores: the first call 86 ms median there, 48 ms in the same fresh browser 1.5 s later).
const coldRuns = Number(opt("--cold-runs", quick ? 1 : 9));
// `idleMs`: how long the page waits after loading before it starts. 0 is the page's own load
// (a new renderer process still setting itself up on the same two cores: what a page that
// starts the core as it loads pays); 1 s later the renderer is idle and the figure is the
// module's own cold start (compile, instantiate, first call), as the Node figure is.
async function coldSample(browser, idleMs) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench/browser/latency.html?pkg=${encodeURIComponent(pkg)}&render=${encodeURIComponent(renderer)}`);
    await page.waitForFunction(() => window.latencyReady === true, null, { timeout: 30000 });
    if (idleMs) await page.waitForTimeout(idleMs);
    return await page.evaluate((o) => window.runCold(o), { text: texts[0] });
  } finally {
    await context.close();
  }
}
const median = (xs) => xs.slice().sort((x, y) => x - y)[xs.length >> 1];
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`http://127.0.0.1:${port}/bench/browser/latency.html?pkg=${encodeURIComponent(pkg)}&render=${encodeURIComponent(renderer)}`);
  await page.waitForFunction(() => window.latencyReady === true, null, { timeout: 30000 }).catch(() => {
    throw new Error("latency page did not load: " + errors.join("; "));
  });
  const r = await page.evaluate((o) => window.runLatency(o), { texts, longText, longWords, reps: quick ? 5 : 21 });
  // r.cold_ms (the first page of the just-launched browser) is kept as it is, apart. The
  // samples start once the latency run's own work is over (its page's optimizing compiles
  // and garbage collection run on for a while on the same two cores).
  await new Promise((res) => setTimeout(res, quick ? 0 : 2000));
  const samples = [];
  const atLoad = [];
  for (let i = 0; i < coldRuns; i++) {
    samples.push(await coldSample(browser, 1000));
    atLoad.push(await coldSample(browser, 0));
  }
  const parts = ["compile", "instantiate", "load", "first", "total"];
  const medians = (xs) => ({ runs: xs.length, ...Object.fromEntries(parts.map((k) => [k, median(xs.map((x) => x[k]))])) });
  r.cold_median_ms = medians(samples);
  r.cold_at_load_median_ms = medians(atLoad);
  console.log(JSON.stringify({ engine: "chromium", articles: texts.length, ...r }));
  if (profile) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
    await page.evaluate((o) => window.runLatency(o), { texts: texts.slice(0, 1), longText, longWords, reps: 10 });
    const { profile: prof } = await cdp.send("Profiler.stop");
    writeFileSync("target/bench/long.cpuprofile", JSON.stringify(prof));
    // Self time per function: samples x interval.
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const self = new Map();
    const dt = (prof.endTime - prof.startTime) / Math.max(1, prof.samples.length) / 1000;
    for (const id of prof.samples) {
      const f = byId.get(id).callFrame;
      const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/\/[^/]+/, "")}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) || 0) + dt);
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.error(`CPU profile of 10 annotate + render runs of the long article (${total.toFixed(0)} ms sampled), self time:`);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
      console.error(`${v.toFixed(1).padStart(9)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
