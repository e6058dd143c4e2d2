// The page's glue: text in (typing, paste, drop, files), annotation in a worker, rendering in
// time slices, panels, popups, keyboard, exports, and the draft kept in localStorage.
import { Engine } from "./engine.js";
import {
  renderVisible, visibleOffset, upgradeSome, upgradeAll, upgradeAround, markInfo, renderLegend, renderedIndex, light, clearLit,
  LABELS, describeClaim, kindWord, claimKind,
} from "./render.js";
import { renderSources, renderEntities, summaryLine, panelModel, unpackModel } from "./panels.js";
import { toJSON, toWebAnnotation, toHTML, download, copy } from "./export.js";
import { fileToText, pastedText } from "./input.js";

/** The page annotates texts up to this size (UTF-8 bytes); larger ones are refused with a message. */
export const LIMIT_BYTES = 5 * 1024 * 1024;
const LIMIT_TEXT = "5 MB";
/** HTML files larger than this are not even opened (their text may be much smaller). */
const OPEN_LIMIT_BYTES = 20 * 1024 * 1024;
const DRAFT_KEY = "article-annotator.draft.v1";
const PREFS_KEY = "article-annotator.prefs.v1";

/** When this module started running (ms after navigation start). */
const appStart = performance.now();
const $ = (id) => document.getElementById(id);
const area = $("article");
const view = $("view");
const status = $("status");
const timing = $("timing");
const progress = $("progress");
const progressBar = $("progress-bar");
const alertBox = $("alert");
const draftNote = $("draft-note");
const popup = $("popup");
const legend = $("legend");

let engine = null;
let shown = null; // {text, ann, ms, memory, mode}
let runs = 0;
let renderToken = 0;
let debounce = 0;
let saveTimer = 0;
let msPerUnit = 0.003; // learnt from each run, for the "about N s" estimate

function setState(s) {
  document.body.dataset.state = s;
  view.setAttribute("aria-busy", String(s !== "idle" && s !== "refused"));
}

function mb(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function showAlert(msg) {
  alertBox.textContent = msg || "";
  alertBox.hidden = !msg;
}

// ---- Draft and preferences

function saveDraft() {
  clearTimeout(saveTimer);
  saveTimer = 0;
  try {
    localStorage.setItem(DRAFT_KEY, area.value);
    document.body.dataset.saved = "true";
    if (!draftNote.hidden) draftNote.hidden = true;
    return true;
  } catch (e) {
    document.body.dataset.saved = "false";
    draftNote.textContent = `This draft (${mb(new Blob([area.value]).size)}) is too large for the browser's storage: it will not survive a reload.`;
    draftNote.hidden = false;
    return false;
  }
}

// The input handler must stay cheap with a megabyte in the text area: it never reads
// `area.value` (a copy of the whole text), it only rearms timers.
let knownLength = 0;

function saveSoon() {
  clearTimeout(saveTimer);
  if (document.body.dataset.saved !== "pending") document.body.dataset.saved = "pending";
  // A long draft is written when the page is idle (storing a megabyte takes a while).
  const save = knownLength > 200_000 && window.requestIdleCallback ? () => requestIdleCallback(saveDraft, { timeout: 5000 }) : saveDraft;
  saveTimer = setTimeout(save, knownLength > 200_000 ? 1500 : 400);
}

function loadPrefs() {
  try {
    const p = JSON.parse(localStorage.getItem(PREFS_KEY) || "{}");
    if (typeof p.hide === "string") view.dataset.hide = p.hide;
  } catch (_) { /* defaults */ }
}

function savePrefs() {
  try { localStorage.setItem(PREFS_KEY, JSON.stringify({ hide: view.dataset.hide || "" })); } catch (_) { /* fine */ }
}

// ---- Annotating

function schedule(delay) {
  clearTimeout(debounce);
  if (!view.classList.contains("stale")) view.classList.add("stale");
  debounce = setTimeout(run, delay ?? 250 + Math.min(1500, knownLength / 1000));
}

async function run() {
  clearTimeout(debounce);
  const text = area.value;
  knownLength = text.length;
  if (text.length * 3 > LIMIT_BYTES) {
    const bytes = new Blob([text]).size;
    if (bytes > LIMIT_BYTES) {
      refuse(text, bytes);
      return;
    }
  }
  showAlert("");
  setState("annotating");
  const token = ++renderToken;
  const t0 = performance.now();
  const expected = text.length * msPerUnit;
  let ticker = 0;
  if (expected > 400) {
    progress.hidden = false;
    progressBar.removeAttribute("value");
    const tick = () => {
      const s = (performance.now() - t0) / 1000;
      status.textContent = `Annotating ${mb(text.length)}… ${s.toFixed(0)} s of about ${Math.max(1, Math.round(expected / 1000))} s`;
    };
    tick();
    ticker = setInterval(tick, 500);
  }
  const res = await engine.annotate(text);
  clearInterval(ticker);
  if (res.stale || token !== renderToken) return;
  if (res.error) {
    progress.hidden = true;
    setState("idle");
    showAlert(`The annotator failed on this text: ${res.error}`);
    return;
  }
  if (text.length > 1000) msPerUnit = 0.5 * msPerUnit + 0.5 * (res.ms / text.length);
  await show(res, token);
}

function refuse(text, bytes) {
  renderToken++;
  engine.cancel();
  setState("refused");
  progress.hidden = true;
  const msg = `This text is ${mb(bytes)}, over the page's limit of ${LIMIT_TEXT}: it was not annotated. ` +
    `Split it into parts of up to ${LIMIT_TEXT}, or use the command-line tool (annotate FILE), which takes up to 64 MB.`;
  showAlert(msg);
  status.textContent = `Not annotated: over the ${LIMIT_TEXT} limit.`;
  timing.textContent = "";
  const p = document.createElement("p");
  p.className = "refused";
  p.textContent = msg;
  view.replaceChildren(p);
  view.classList.remove("stale");
  shown = null;
  document.body.dataset.runs = String(++runs);
}

/**
 * Shows a result: the first screenful with its marks at once (one frame); the rest of the
 * text is there as plain text at once and gets its marks before it scrolls into view (an
 * IntersectionObserver in render.js), when the keyboard or a panel reaches it, and in the
 * browser's idle time, abandoned if a newer result starts.
 */
async function show(res, token) {
  const { text } = res;
  // From the worker: the plan of the drawing and what the panels show, made there (the
  // annotations themselves are parsed only when something reads `res.ann`). On the main
  // thread (no worker), both are made here.
  const model = res.model ? unpackModel(res.model) : panelModel(res.ann);
  const annOf = () => res.ann;
  setState("rendering");
  // A long text's answer was just received in this task: draw in the next one.
  if (text.length > 200_000) {
    await new Promise((r) => setTimeout(r, 0));
    if (token !== renderToken) return;
  }
  const t0 = performance.now();
  // Where the reader is (while editing a long text, the part on screen is drawn first).
  const from = shown ? visibleOffset(view) : 0;
  const left = renderVisible(view, text, annOf, { from, plan: res.plan || null, groups: model });
  const firstMs = performance.now() - t0;
  shown = res;
  hidePopup();
  renderLegend(legend, view, model, () => savePrefs());
  const pause = () => new Promise((r) => setTimeout(r, 0));
  // The panels in their own tasks, so that the article paints first.
  if (left) await pause();
  if (token !== renderToken) return;
  // (The panels keep the sections that did not change: nothing stays pressed.)
  pickedButton = null;
  renderSources($("sources"), $("summary"), annOf, { onPick: pick, onClaim: focusClaim, model });
  if (left) await pause();
  if (token !== renderToken) return;
  renderEntities($("clusters"), null, { onPick: pick, clusters: model.clusters });
  $("clear-lit").hidden = true;
  progress.hidden = true;
  const ents = model.nEntities;
  const claims = model.nClaims;
  status.textContent = `${ents} entit${ents === 1 ? "y" : "ies"}, ${claims} claim${claims === 1 ? "" : "s"}`;
  const mem = res.memory ? ` · wasm memory ${mb(res.memory)}` : "";
  timing.textContent = `${res.ms.toFixed(res.ms < 10 ? 1 : 0)} ms${res.mode === "main" ? " (on the page)" : ""} + ${firstMs.toFixed(firstMs < 10 ? 1 : 0)} ms to draw${mem}`;
  const title = `annotation ${res.ms.toFixed(1)} ms in ${res.mode === "worker" ? "a Web Worker" : "the page's main thread"}; ` +
    (res.prepMs !== undefined ? `planning the drawing there ${res.prepMs.toFixed(1)} ms; ` : "") +
    `drawing the first screen ${firstMs.toFixed(1)} ms`;
  timing.title = title;
  const drawn = { parse: res.parseMs ?? null, prep: res.prepMs ?? null, first: firstMs, shown: performance.now() - t0 };
  document.body.dataset.drawMs = JSON.stringify(drawn);
  if (runs === 0) coldStart(res, performance.now());
  view.classList.toggle("stale", text !== area.value);
  document.body.dataset.runs = String(++runs);
  setState("idle");
  if (left) markRest(token, title, drawn, performance.now());
}

/**
 * Where the first result's time went, from the page's navigation start (ms), into
 * `document.body.dataset.cold` (read by the tests and the benchmark).
 */
function coldStart(res, shownAt) {
  const c = engine.cold;
  const rel = (t) => (t ? t - performance.timeOrigin : null);
  document.body.dataset.cold = JSON.stringify({
    bootStart: globalThis.__articleAnnotatorBoot ? globalThis.__articleAnnotatorBoot.at : null,
    appStart,
    workerCreated: c ? rel(c.origin) : null,
    workerStart: c ? rel(c.start) : null,
    moduleArrived: c && c.module ? rel(c.module) : null,
    compileInWorker: c ? c.compile : null,
    instantiate: c ? c.instantiate : null,
    warmCall: c ? c.warm : null,
    workerReady: c ? rel(c.ready) : null,
    annotate: res.ms,
    parse: res.parseMs ?? null,
    shown: shownAt,
  });
}

/** Marks up the rest of a long text in the browser's idle time (slices of up to ~16 ms: with the style work they cause, well under 50 ms). */
function markRest(token, title, drawn, t0) {
  let work = 0;
  const idle = window.requestIdleCallback ? (f) => requestIdleCallback(f, { timeout: 500 }) : (f) => setTimeout(() => f({ timeRemaining: () => 12 }), 0);
  const step = (deadline) => {
    if (token !== renderToken) return;
    const s0 = performance.now();
    const left = upgradeSome(view, Math.max(4, Math.min(16, deadline.timeRemaining() - 2)));
    work += performance.now() - s0;
    if (left) {
      idle(step);
      return;
    }
    const all = performance.now() - t0;
    timing.title = `${title}, the rest of the marks ${work.toFixed(0)} ms of work in idle time over ${all.toFixed(0)} ms`;
    document.body.dataset.drawMs = JSON.stringify({ ...drawn, work, all: drawn.shown + all });
    document.body.dataset.marked = String(token);
  };
  idle(step);
}

const index = () => renderedIndex(view);

// ---- Lighting up and popups

let pickedButton = null;

function pick({ entities = [], claims = [], label, button }) {
  if (pickedButton && pickedButton !== button) pickedButton.setAttribute("aria-pressed", "false");
  const again = button && button.getAttribute("aria-pressed") === "true" && !button.hasAttribute("aria-expanded");
  if (again) {
    unlight();
    return;
  }
  if (button) button.setAttribute("aria-pressed", "true");
  pickedButton = button || null;
  const els = lightIn({ entities, claims });
  $("clear-lit").hidden = false;
  const n = claims.length ? `${claims.length} claim${claims.length === 1 ? "" : "s"}` : `${entities.length} mention${entities.length === 1 ? "" : "s"}`;
  status.textContent = `${label}: ${n} highlighted`;
  if (els.length) els[0].scrollIntoView({ block: "center", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
}

const lightIn = (which) => light(view, which);

function unlight() {
  clearLit(view);
  if (pickedButton) pickedButton.setAttribute("aria-pressed", "false");
  pickedButton = null;
  $("clear-lit").hidden = true;
}

function focusClaim(i) {
  const idx = index();
  const els = lightIn({ claims: [i] });
  $("clear-lit").hidden = false;
  const all = idx ? idx.claimEls(i) : [];
  const head = all.find((e) => e.classList.contains("claim-head")) || all[0] || null;
  if (head) {
    head.scrollIntoView({ block: "center" });
    head.focus({ preventScroll: true });
  } else if (els[0]) els[0].scrollIntoView({ block: "center" });
}

function popupLines(el) {
  if (!shown) return [];
  const { ann } = shown;
  const idx = index();
  const info = markInfo(view, el);
  if (!info || !idx) return [];
  const lines = [];
  if (info.entity !== undefined) {
    const e = ann.entities[info.entity];
    const c = idx.clusters[idx.ofEntity[info.entity]];
    const lab = LABELS[e.label] || { name: e.label, tag: e.label };
    lines.push({ cls: `tagchip ent-${e.label}`, text: lab.tag, rest: ` ${lab.name}` });
    if (c) lines.push({ text: `${c.name} \u00b7 ${c.mentions} mention${c.mentions === 1 ? "" : "s"} in this article` });
  }
  const claimIdx = info.head ?? info.claim;
  if (claimIdx !== undefined) {
    const a = ann.attributions[claimIdx];
    lines.push({ cls: `kind-mark k-${claimKind(a)}`, text: "", rest: ` ${describeClaim(a, claimIdx, ann.attributions.length)}` });
  }
  for (const key of ["source", "viasource"]) {
    if (info[key] !== undefined && claimIdx === undefined) {
      const a = ann.attributions[info[key]];
      const kind = key === "source" ? claimKind(a) : a.via.source_kind;
      lines.push({ text: `Source (${kindWord(kind)}) of claim ${info[key] + 1}` });
    }
  }
  if (info.cue !== undefined && claimIdx === undefined) {
    const a = ann.attributions[info.cue];
    lines.push({ text: `Cue \u201c${a.cue.text}\u201d: ${a.cue_stance || "neutral"}` });
  }
  return lines;
}

let popupFor = null;
function showPopup(el) {
  const lines = popupLines(el);
  if (!lines.length) return hidePopup();
  popupFor = el;
  popup.replaceChildren(...lines.map((l) => {
    const p = document.createElement("p");
    if (l.cls) {
      const s = document.createElement("span");
      s.className = l.cls;
      s.textContent = l.text;
      p.append(s, l.rest || "");
    } else p.textContent = l.text;
    return p;
  }));
  popup.hidden = false;
  el.setAttribute("aria-describedby", "popup");
  const r = el.getBoundingClientRect();
  const w = popup.offsetWidth;
  const h = popup.offsetHeight;
  let left = Math.min(Math.max(8, r.left), document.documentElement.clientWidth - w - 8);
  let top = r.bottom + 6;
  if (top + h > window.innerHeight - 8 && r.top - h - 6 > 8) top = r.top - h - 6;
  popup.style.left = `${left + window.scrollX}px`;
  popup.style.top = `${top + window.scrollY}px`;
}

function hidePopup() {
  if (popupFor) popupFor.removeAttribute("aria-describedby");
  popupFor = null;
  popup.hidden = true;
}

const MARK = ".ent, .claim, .chip, .source, .cue, .stance-tag";

function marks() {
  return [...view.querySelectorAll(".claim-head, .ent-head")];
}

function wireView() {
  view.addEventListener("mouseover", (ev) => {
    const el = ev.target.closest && ev.target.closest(MARK);
    if (el && el !== popupFor) showPopup(el);
  });
  view.addEventListener("mouseleave", () => { if (!view.contains(document.activeElement)) hidePopup(); });
  view.addEventListener("focusin", (ev) => {
    const el = ev.target.closest && ev.target.closest(MARK);
    if (el) {
      showPopup(el);
      const info = markInfo(view, el);
      const i = info ? info.head ?? info.claim : undefined;
      if (i !== undefined && index()) for (const s of index().claimEls(i)) s.classList.add("focus");
    }
  });
  view.addEventListener("focusout", (ev) => {
    for (const s of view.querySelectorAll(".focus")) s.classList.remove("focus");
    if (!view.contains(ev.relatedTarget)) hidePopup();
  });
  view.addEventListener("click", (ev) => {
    const el = ev.target.closest && ev.target.closest(MARK);
    if (!el || !shown) return;
    const idx = index();
    const info = markInfo(view, el);
    if (!info) return;
    if (info.claim !== undefined) {
      const i = info.claim;
      pick({ claims: [i], label: `Claim ${i + 1}` });
    } else if (info.entity !== undefined && idx) {
      const c = idx.clusters[idx.ofEntity[info.entity]];
      if (c) pick({ entities: c.entities, label: c.name });
    }
    showPopup(el);
  });
  view.addEventListener("keydown", (ev) => {
    const el = ev.target;
    // The next (or previous) claims may still be plain text: mark the blocks around first,
    // so that Tab and the arrow keys find them.
    if (ev.key === "Tab" || ev.key.startsWith("Arrow")) upgradeAround(view, el);
    if (!el.classList || !(el.classList.contains("claim-head") || el.classList.contains("ent-head"))) return;
    const dir = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity }[ev.key];
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      el.click();
      return;
    }
    if (dir === undefined) return;
    ev.preventDefault();
    const all = marks();
    const at = all.indexOf(el);
    const to = dir === -Infinity ? 0 : dir === Infinity ? all.length - 1 : Math.max(0, Math.min(all.length - 1, at + dir));
    // Entity marks get their (programmatic) tab stop only when the arrow keys reach them.
    if (all[to]) {
      if (!all[to].hasAttribute("tabindex")) all[to].tabIndex = -1;
      all[to].focus();
    }
  });
}

// ---- Text in

function setText(text) {
  area.value = text;
  area.scrollTop = 0;
  saveDraft();
  schedule(0);
}

/** Refuses a paste or a file over the limit before it reaches the text area. */
function refuseInput(what, bytes) {
  const msg = `${what} is ${mb(bytes)}, over the page's limit of ${LIMIT_TEXT}: it was not loaded or annotated. ` +
    `Split it into parts of up to ${LIMIT_TEXT}, or use the command-line tool (annotate FILE), which takes up to 64 MB.`;
  showAlert(msg);
  status.textContent = `Not loaded: over the ${LIMIT_TEXT} limit.`;
  setState("refused");
  document.body.dataset.runs = String(++runs);
}

async function openFile(file) {
  if (!file) return;
  // HTML shrinks to its text, so an HTML file may be larger than the limit, within reason.
  const isHtml = /html/i.test(file.type) || /\.x?html?$/i.test(file.name);
  if (file.size > (isHtml ? Math.min(OPEN_LIMIT_BYTES, 4 * LIMIT_BYTES) : LIMIT_BYTES)) {
    refuseInput(file.name, file.size);
    return;
  }
  status.textContent = `Reading ${file.name}…`;
  try {
    const text = await fileToText(file);
    if (text.length * 3 > LIMIT_BYTES && new Blob([text]).size > LIMIT_BYTES) {
      refuseInput(`The text of ${file.name}`, new Blob([text]).size);
      return;
    }
    setText(text);
    status.textContent = `Opened ${file.name}`;
  } catch (e) {
    showAlert(`Could not read ${file.name}: ${e && e.message ? e.message : e}`);
  }
}

function wireInput() {
  area.addEventListener("input", () => {
    saveSoon();
    schedule();
  });
  area.addEventListener("paste", (ev) => {
    const data = ev.clipboardData;
    if (!data) return;
    // A paste over the limit never reaches the text area: laying out 10 MB in a text area
    // alone holds a browser tab for seconds, and the page could not annotate it anyway.
    const big = data.getData("text/plain");
    if (big.length * 3 > LIMIT_BYTES && new Blob([big]).size > LIMIT_BYTES) {
      ev.preventDefault();
      refuseInput("The pasted text", new Blob([big]).size);
      return;
    }
    const hasPlain = data.types.includes("text/plain");
    if (hasPlain && !data.types.includes("text/html")) return; // the browser's own plain paste
    const text = pastedText(data);
    if (!text && !hasPlain) return;
    ev.preventDefault();
    area.focus();
    const ok = document.execCommand && document.execCommand("insertText", false, text);
    if (!ok) {
      area.setRangeText(text, area.selectionStart, area.selectionEnd, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  const drop = $("drop");
  let depth = 0;
  const hasFiles = (ev) => ev.dataTransfer && [...ev.dataTransfer.types].includes("Files");
  document.addEventListener("dragenter", (ev) => { if (hasFiles(ev)) { depth++; drop.hidden = false; } });
  document.addEventListener("dragleave", () => { if (--depth <= 0) { depth = 0; drop.hidden = true; } });
  document.addEventListener("dragover", (ev) => { if (hasFiles(ev)) ev.preventDefault(); });
  document.addEventListener("drop", (ev) => {
    depth = 0;
    drop.hidden = true;
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    openFile(ev.dataTransfer.files[0]);
  });
  $("open-file").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", () => { openFile($("file").files[0]); $("file").value = ""; });
  $("example").addEventListener("click", async () => setText(await loadExample()));
  $("clear").addEventListener("click", () => {
    area.value = "";
    saveDraft();
    unlight();
    schedule(0);
    area.focus();
  });
  $("annotate").addEventListener("click", () => run());
  $("stop").addEventListener("click", () => {
    engine.cancel();
    renderToken++;
    progress.hidden = true;
    setState("idle");
    status.textContent = "Stopped.";
  });
}

async function loadExample() {
  try {
    return await (await fetch("seed-article.txt")).text();
  } catch (_) {
    return "";
  }
}

// ---- Exports

function needResult() {
  if (shown) return true;
  status.textContent = "Nothing annotated to export yet.";
  return false;
}

function wireExports() {
  $("copy-json").addEventListener("click", async () => {
    if (!needResult()) return;
    const ok = await copy(document, toJSON(shown.ann));
    status.textContent = ok ? "JSON copied to the clipboard." : "Could not copy: use Download JSON.";
  });
  $("dl-json").addEventListener("click", () => {
    if (needResult()) download(document, "annotations.json", "application/json", toJSON(shown.ann));
  });
  $("dl-jsonld").addEventListener("click", () => {
    if (needResult()) {
      const doc = toWebAnnotation(shown.text, shown.ann);
      download(document, "annotations.jsonld", "application/ld+json", JSON.stringify(doc, null, 2) + "\n");
    }
  });
  $("dl-html").addEventListener("click", () => {
    if (!needResult()) return;
    upgradeAll(view); // every block with its marks
    download(document, "annotated-article.html", "text/html", toHTML(document, view, shown.text, shown.ann, summaryLine(shown.ann)));
  });
  $("print").addEventListener("click", () => window.print());
  window.addEventListener("beforeprint", () => upgradeAll(view));
  $("clear-lit").addEventListener("click", unlight);
}

// ---- Start

document.addEventListener("keydown", (ev) => {
  if (ev.key !== "Escape") return;
  if (!popup.hidden) hidePopup();
  else if (view.classList.contains("has-lit")) unlight();
});

async function main() {
  // The worker first: it fetches and compiles the core while the page sets itself up.
  engine = new Engine({
    onMode: (mode, why) => {
      document.body.dataset.engine = mode;
      if (mode === "main") timing.title = `Annotating on the page's main thread (${why})`;
    },
  });
  loadPrefs();
  wireView();
  wireInput();
  wireExports();
  let draft = null;
  try { draft = localStorage.getItem(DRAFT_KEY); } catch (_) { /* storage off */ }
  area.value = draft !== null ? draft : await loadExample();
  setState("idle");
  schedule(0);
}
main();
