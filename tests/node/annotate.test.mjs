// The npm package as node sees it: `wasm-pack build --target nodejs` output (built by
// tests/node/run into target/node-pkg, or PKG=...), its TypeScript declarations and README.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, resolve, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const PKG = resolve(process.env.PKG || join(ROOT, "target/node-pkg"));
const SEED = readFileSync(join(ROOT, "data/examples/seed-article.txt"), "utf8");
const require = createRequire(import.meta.url);
const lib = require(join(PKG, "article_annotator.js"));
const dts = readFileSync(join(PKG, "article_annotator.d.ts"), "utf8");

/** Field names of each `export interface X { ... }` in the declarations. */
function interfaces(src) {
  const out = {};
  for (const m of src.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    out[m[1]] = [...m[2].matchAll(/^\s*(\w+)\??:/gm)].map((f) => f[1]).sort();
  }
  return out;
}

/** The string literals of `export type X = "a" | "b"`. */
function unionOf(src, name) {
  const m = src.match(new RegExp(`export type ${name} =([^;]*);`));
  return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
}

test("annotates the seed article", () => {
  const ann = lib.annotate(SEED);
  assert.ok(ann.entities.length >= 20, `${ann.entities.length} entities`);
  assert.ok(ann.entities.some((e) => e.text === "Masoud Pezeshkian" && e.label === "PERSON"));
  assert.ok(ann.entities.some((e) => e.text === "Tehran" && e.label === "GPE"));
  assert.ok(ann.attributions.length >= 5, `${ann.attributions.length} attributions`);
  assert.ok(ann.attributions.some((a) => a.quote && a.content.text.includes("enhancement of bilateral relations")));
  assert.ok(ann.sentences.length >= 10);
});

test("every offset is a UTF-16 index: text === input.slice(start, end)", () => {
  for (const input of [SEED, "👩‍👩‍👧 “Here,” said Abbas Araqchi in Tehran. Café née Zoë—\r\nمسعود پزشکیان said it."]) {
    const ann = lib.annotate(input);
    const spans = [
      ...ann.entities,
      ...ann.attributions.flatMap((a) => [a.source, a.cue, a.content, a.via?.source, a.via?.cue]).filter(Boolean),
    ];
    assert.ok(spans.length > 0);
    for (const s of spans) assert.equal(input.slice(s.start, s.end), s.text);
  }
});

test("a lone surrogate keeps offsets, and every text is the slice of the original string", () => {
  // "\uD800" and "\uDC00" alone: the core sees U+FFFD (one unit too); texts come from the input.
  const input = "\uD800 Masoud Pezeshkian met Abbas Araqchi in Tehran. \u201cTalks \uD83D will go on,\u201d said Abbas Araqchi \uDC00.";
  const ann = lib.annotate(input);
  const spans = [...ann.entities, ...ann.attributions.flatMap((a) => [a.source, a.cue, a.content, ...a.content_parts]).filter(Boolean)];
  assert.ok(ann.entities.some((e) => e.text === "Masoud Pezeshkian"));
  for (const s of spans) assert.equal(input.slice(s.start, s.end), s.text);
  assert.ok(ann.attributions.some((a) => a.content.text.includes("\uD83D")), "the lone surrogate is kept in the quote");
  // The JSON exports carry it too (as JSON.stringify writes it: an escape).
  const json = new TextDecoder().decode(lib.annotateJson(input));
  assert.equal(json, JSON.stringify(ann));
  assert.equal(new TextDecoder().decode(lib.annotateWithJson(input).json), json);
});

test("annotateJson and annotateWithJson give the JSON of annotate(), byte for byte", () => {
  for (const input of [SEED, "", "👩‍👩‍👧 “Here,” said Abbas Araqchi in Tehran. Café née Zoë—\r\nمسعود پزشکیان said it."]) {
    const ann = lib.annotate(input);
    const bytes = lib.annotateJson(input);
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(bytes), JSON.stringify(ann));
    const both = lib.annotateWithJson(input);
    assert.deepEqual(both.annotations, ann);
    assert.deepEqual(both.json, bytes);
  }
});

test("the declarations type annotate() as Annotations, not any", () => {
  assert.match(dts, /export function annotate\(text: string\): Annotations;/);
  assert.match(dts, /export function version\(\): string;/);
  assert.match(dts, /export function annotateJson\(text: string\): Uint8Array;/);
  assert.match(dts, /export function annotateWithJson\(text: string\): \{ annotations: Annotations; json: Uint8Array \};/);
  assert.doesNotMatch(dts, /: any\b/);
});

test("the declared interfaces have exactly the fields annotate() returns", () => {
  const decl = interfaces(dts);
  for (const name of ["Annotations", "Entity", "Attribution", "Span", "Cluster", "Range", "Relay"]) {
    assert.ok(decl[name], `interface ${name} declared`);
  }
  const ann = lib.annotate(SEED);
  const keys = (o) => Object.keys(o).sort();
  assert.deepEqual(keys(ann), decl.Annotations);
  for (const e of ann.entities) assert.deepEqual(keys(e), decl.Entity);
  for (const a of ann.attributions) {
    assert.deepEqual(keys(a), decl.Attribution);
    assert.deepEqual(keys(a.content), decl.Span);
    if (a.via) assert.deepEqual(keys(a.via), decl.Relay);
  }
  for (const c of ann.clusters) assert.deepEqual(keys(c), decl.Cluster);
  for (const s of ann.sentences) assert.deepEqual(keys(s), decl.Range);
  assert.ok(ann.attributions.some((a) => a.via), "the seed article has a relayed statement");

  const labels = unionOf(dts, "Label");
  const kinds = unionOf(dts, "SourceKind");
  const stances = unionOf(dts, "Stance");
  assert.equal(labels.length, 19);
  for (const e of ann.entities) assert.ok(labels.includes(e.label), e.label);
  for (const a of ann.attributions) {
    if (a.source_kind) assert.ok(kinds.includes(a.source_kind), a.source_kind);
    if (a.cue_stance) assert.ok(stances.includes(a.cue_stance), a.cue_stance);
  }
});

test("TypeScript accepts correct use and rejects wrong use (tsc --strict)", (t) => {
  const tsc = join(HERE, "node_modules/typescript/bin/tsc");
  if (!existsSync(tsc)) return t.skip("typescript not installed (tests/node/run installs it)");
  const dir = mkdtempSync(join(tmpdir(), "aa-ts-"));
  const file = join(dir, "use.ts");
  writeFileSync(
    file,
    `import { annotate, type Annotations, type Entity, type Label } from ${JSON.stringify(join(PKG, "article_annotator.js"))};
const ann: Annotations = annotate("Masoud Pezeshkian said so.");
const first: Entity | undefined = ann.entities[0];
const label: Label | undefined = first?.label;
const who: string | undefined = ann.attributions[0]?.source?.text;
const n: number = ann.sentences.length + (first?.cluster ?? 0);
// @ts-expect-error: labels are a closed set
const bad: Label = "SPECIES";
// @ts-expect-error: start is a number
const s: string = ann.entities[0].start;
// @ts-expect-error: source may be null
const t: string = ann.attributions[0].source.text;
export { label, who, n, bad, s, t };
`,
  );
  execFileSync(process.execPath, [tsc, "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck", "false", file], { stdio: "pipe" });
});

test("the package is npm-ready: package.json, types, README with usage", () => {
  const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  assert.equal(pkg.name, "article-annotator");
  assert.ok(pkg.types && existsSync(join(PKG, pkg.types)), "types");
  assert.ok(pkg.files.includes("article_annotator_bg.wasm"));
  const readme = readFileSync(join(PKG, "README.md"), "utf8");
  assert.match(readme, /import \{ annotate \} from "article-annotator";/);
});
