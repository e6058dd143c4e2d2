// The cold start of the wasm under Node, split into its parts, as the median of N fresh
// processes (the machine is shared: one process is noise).
//
//   node bench/node/cold.mjs DIR [--runs N] [--pkg DIR] [-- NODE_FLAGS...]
//
// Parts: load (the glue's require, as bench/node/engine.mjs times it: read the .wasm, compile,
// instantiate), of which read + compile (new WebAssembly.Module: decoding and validation; V8
// compiles each function lazily, on its first call) are timed in a second fresh process;
// tables (a first annotate() on one short sentence: the core builds its tables, and every
// function it reaches is compiled by Liftoff), first article (the rest of the first call, on
// the corpus's first article) and again (that article once more). Cold start = load + tables
// + first article. Prints one JSON line. Diagnosis: `-- --liftoff-only` leaves out the
// optimizing tier, whose background jobs compete with the first call for the cores.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const args = dash >= 0 ? argv.slice(0, dash) : argv;
const nodeFlags = dash >= 0 ? argv.slice(dash + 1) : [];
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const dir = args.find((a, i) => !a.startsWith("--") && !["--runs", "--pkg"].includes(args[i - 1]));
const runs = Number(opt("--runs", 9));
const pkg = resolve(opt("--pkg", "target/bench/pkg-node"));

if (process.env.COLD_CHILD === "compile") {
  const { readFileSync } = await import("node:fs");
  const t0 = performance.now();
  const bytes = readFileSync(join(pkg, "article_annotator_bg.wasm"));
  const t1 = performance.now();
  new WebAssembly.Module(bytes);
  console.log(JSON.stringify({ read: t1 - t0, compile: performance.now() - t1 }));
} else if (process.env.COLD_CHILD) {
  const { readFileSync } = await import("node:fs");
  const { createRequire } = await import("node:module");
  const file = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()[0];
  const article = readFileSync(join(dir, file), "utf8");
  const t = [performance.now()];
  const m = createRequire(import.meta.url)(join(pkg, "article_annotator.js"));
  t.push(performance.now());
  m.annotate("\u201cWe will not stop,\u201d said Nikos Dimitriou, Greece's foreign minister, on Monday.");
  t.push(performance.now());
  m.annotate(article);
  t.push(performance.now());
  m.annotate(article);
  t.push(performance.now());
  const names = ["load", "tables", "first_article", "again"];
  console.log(JSON.stringify(Object.fromEntries(names.map((n, i) => [n, t[i + 1] - t[i]]))));
} else {
  if (!dir) {
    console.error("usage: node bench/node/cold.mjs DIR [--runs N] [--pkg DIR] [-- NODE_FLAGS...]");
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  const child = (mode) =>
    JSON.parse(execFileSync(process.execPath, [...nodeFlags, self, dir, "--pkg", pkg], { env: { ...process.env, COLD_CHILD: mode } }));
  for (let i = 0; i < runs; i++) rows.push({ ...child("compile"), ...child("call") });
  const median = (k) => {
    const s = rows.map((r) => r[k]).sort((a, b) => a - b);
    return +s[s.length >> 1].toFixed(1);
  };
  const parts = Object.fromEntries(Object.keys(rows[0]).map((k) => [k, median(k)]));
  const cold = rows.map((r) => r.load + r.tables + r.first_article).sort((a, b) => a - b);
  console.log(JSON.stringify({ runs, node_flags: nodeFlags, median_ms: parts, cold_median_ms: +cold[cold.length >> 1].toFixed(1), cold_min_ms: +cold[0].toFixed(1) }));
}
