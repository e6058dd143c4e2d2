// Exports: the core's JSON, W3C Web Annotation JSON-LD, and the annotated view as a
// standalone HTML file. Nothing here parses the input as HTML: the standalone page is built
// as a DOM (textContent only) and then serialized, which escapes the text.
import { LABELS, KINDS, claimKind, kindWord, sourceName, clustersOf, describeClaim } from "./render.js";

/** The annotations exactly as the core returned them (the schema in the README). */
export function toJSON(ann) {
  return JSON.stringify(ann, null, 2) + "\n";
}

const CONTEXT = 32;

/** `s.slice(a, b)` widened so that it never cuts a surrogate pair in half. */
function safeSlice(s, a, b) {
  a = Math.max(0, a);
  b = Math.min(s.length, b);
  const hi = (i) => { const c = s.charCodeAt(i); return c >= 0xd800 && c <= 0xdbff; };
  const lo = (i) => { const c = s.charCodeAt(i); return c >= 0xdc00 && c <= 0xdfff; };
  if (a > 0 && a < s.length && lo(a) && hi(a - 1)) a--;
  if (b > 0 && b < s.length && lo(b) && hi(b - 1)) b++;
  return s.slice(a, b);
}

/** A stable name for the annotated text (FNV-1a over its UTF-16 units, and its length). */
export function textId(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `urn:article-annotator:text:fnv1a32-${h.toString(16).padStart(8, "0")}-${text.length}`;
}

function target(source, text, start, end) {
  return {
    source,
    selector: [
      {
        type: "TextQuoteSelector",
        exact: text.slice(start, end),
        prefix: safeSlice(text, start - CONTEXT, start),
        suffix: safeSlice(text, end, end + CONTEXT),
      },
      { type: "TextPositionSelector", start, end },
    ],
  };
}

/**
 * W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) as JSON-LD: an
 * AnnotationCollection with one page holding an Annotation per entity mention and per claim.
 * Each target has a TextQuoteSelector (exact, prefix, suffix: up to 32 UTF-16 units each side)
 * and a TextPositionSelector. NOTE: positions are UTF-16 code units, as in the core's JSON and
 * JavaScript's String.prototype.slice, not the model's Unicode code points; the two agree
 * whenever the text has no character outside the Basic Multilingual Plane (e.g. no emoji).
 * The collection says so in `positionUnit`.
 */
export function toWebAnnotation(text, ann, { created = new Date().toISOString() } = {}) {
  const source = textId(text);
  const { clusters, ofEntity } = clustersOf(ann);
  const items = [];
  (ann.entities || []).forEach((e, i) => {
    const c = clusters[ofEntity[i]];
    const body = [
      { type: "TextualBody", purpose: "tagging", value: e.label },
      { type: "TextualBody", purpose: "identifying", value: c.name },
    ];
    items.push({
      id: `${source}#entity-${i}`,
      type: "Annotation",
      motivation: "identifying",
      created,
      body,
      target: target(source, text, e.start, e.end),
    });
  });
  const atts = ann.attributions || [];
  atts.forEach((a, i) => {
    const body = [
      { type: "TextualBody", purpose: "classifying", value: `claim:${claimKind(a)}` },
      { type: "TextualBody", purpose: "describing", value: describeClaim(a, i, atts.length) },
    ];
    if (a.source) body.push({ type: "SpecificResource", purpose: "identifying", ...target(source, text, a.source.start, a.source.end), role: "source" });
    if (a.cue) body.push({ type: "SpecificResource", purpose: "tagging", ...target(source, text, a.cue.start, a.cue.end), role: `cue:${a.cue_stance || "neutral"}` });
    items.push({
      id: `${source}#claim-${i}`,
      type: "Annotation",
      motivation: "describing",
      created,
      body,
      target: target(source, text, a.content.start, a.content.end),
    });
  });
  return {
    "@context": [
      "http://www.w3.org/ns/anno.jsonld",
      { positionUnit: "urn:article-annotator:positionUnit", role: "urn:article-annotator:role" },
    ],
    id: `${source}#annotations`,
    type: "AnnotationCollection",
    label: "Article Annotator: entities and claims",
    positionUnit: "UTF-16 code unit (TextPositionSelector start/end, as JavaScript String.prototype.slice)",
    total: items.length,
    first: { type: "AnnotationPage", startIndex: 0, items },
  };
}

/** The CSS rules of the page's own stylesheets, for the standalone file. */
function pageCSS(doc) {
  let css = "";
  for (const sheet of doc.styleSheets) {
    try {
      for (const r of sheet.cssRules) css += r.cssText + "\n";
    } catch (_) { /* not readable: skip */ }
  }
  return css;
}

/**
 * The annotated view as a standalone HTML document (a string): the page's styles, the
 * summary, the legend of labels and the annotated text. Built as a DOM, then serialized;
 * the file carries a CSP that forbids all scripts and network access.
 */
export function toHTML(doc, view, text, ann, summary) {
  const out = doc.implementation.createHTMLDocument("Annotated article");
  const meta = out.createElement("meta");
  meta.setAttribute("charset", "utf-8");
  const csp = out.createElement("meta");
  csp.setAttribute("http-equiv", "Content-Security-Policy");
  csp.setAttribute("content", "default-src 'none'; style-src 'unsafe-inline'");
  const vp = out.createElement("meta");
  vp.setAttribute("name", "viewport");
  vp.setAttribute("content", "width=device-width, initial-scale=1");
  const style = out.createElement("style");
  style.textContent = pageCSS(doc);
  out.head.prepend(meta, csp, vp);
  out.head.append(style);
  out.body.className = "standalone";
  const main = out.createElement("main");
  const h1 = out.createElement("h1");
  h1.textContent = "Annotated article";
  const p = out.createElement("p");
  p.className = "summary";
  p.textContent = summary;
  const legend = out.createElement("ul");
  legend.className = "legend static";
  const counts = new Map();
  for (const e of ann.entities || []) counts.set(e.label, (counts.get(e.label) || 0) + 1);
  for (const [label, c] of counts) {
    const li = out.createElement("li");
    const sw = out.createElement("span");
    sw.className = `tagchip ent-${label}`;
    sw.textContent = (LABELS[label] || { tag: label }).tag;
    li.append(sw, ` ${(LABELS[label] || { name: label }).name} (${c})`);
    legend.append(li);
  }
  const kinds = out.createElement("ul");
  kinds.className = "legend static";
  for (const k of KINDS) {
    const n = (ann.attributions || []).filter((a) => claimKind(a) === k.key).length;
    if (!n) continue;
    const li = out.createElement("li");
    const sw = out.createElement("span");
    sw.className = `kind-mark k-${k.key}`;
    li.append(sw, ` claims from ${kindWord(k.key)} (${n})`);
    kinds.append(li);
  }
  const article = out.createElement("article");
  article.className = view.className;
  article.id = "view";
  if (view.dataset.hide) article.dataset.hide = view.dataset.hide;
  for (const child of view.childNodes) article.append(out.importNode(child, true));
  for (const e of article.querySelectorAll("[tabindex]")) e.removeAttribute("tabindex");
  for (const e of article.querySelectorAll(".lit")) e.classList.remove("lit");
  const foot = out.createElement("p");
  foot.className = "muted";
  foot.textContent = `Made with Article Annotator. Sources: ${(ann.attributions || []).map(sourceName).filter((v, i, a) => a.indexOf(v) === i).join("; ")}`;
  main.append(h1, p, legend, kinds, article, foot);
  out.body.append(main);
  return "<!doctype html>\n" + out.documentElement.outerHTML + "\n";
}

/** Offers `data` as a file download. */
export function download(doc, name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = doc.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Copies text to the clipboard; falls back to a selected text area where the API is missing. */
export async function copy(doc, text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (_) {
    const ta = doc.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.className = "offscreen";
    doc.body.append(ta);
    ta.select();
    let ok = false;
    try { ok = doc.execCommand("copy"); } catch (_) { ok = false; }
    ta.remove();
    return ok;
  }
}
