// Getting text in: rich-text paste and dropped/opened files, reduced to plain text.
//
// HTML is parsed with DOMParser into an inert document: no script in it runs, no image,
// style sheet or frame in it loads (the document has no browsing context), and the text is
// read from its nodes; nothing of it is ever inserted into the page.

const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE",
  "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE",
  "SECTION", "TABLE", "TR", "UL", "CAPTION", "DETAILS", "SUMMARY",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH", "HEAD", "TITLE", "META", "LINK", "CANVAS", "SELECT", "BUTTON"]);

/** The readable text of an HTML string: paragraphs separated by blank lines, inline whitespace collapsed. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(String(html), "text/html");
  const root = doc.querySelector("article") || doc.body || doc.documentElement;
  const out = [];
  let line = "";
  const flush = (blank) => {
    const t = line.replace(/[ \t\f\r\n]+/g, " ").trim();
    if (t) out.push(t);
    if (blank && out.length && out[out.length - 1] !== "") out.push("");
    line = "";
  };
  const walk = (node, pre) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        line += pre ? n.data.replace(/\n/g, "\u0001") : n.data;
      } else if (n.nodeType === 1) {
        const tag = n.tagName.toUpperCase();
        if (SKIP.has(tag) || n.hidden) continue;
        if (tag === "BR") { flush(false); continue; }
        if (tag === "TD" || tag === "TH") { walk(n, pre); line += "\t"; continue; }
        if (tag === "IMG") { const alt = n.getAttribute("alt"); if (alt) line += alt; continue; }
        const block = BLOCKS.has(tag);
        if (block) flush(false);
        walk(n, pre || tag === "PRE");
        if (block) flush(tag === "P" || /^H[1-6]$/.test(tag) || tag === "BLOCKQUOTE" || tag === "PRE");
      }
    }
  };
  if (root) walk(root, false);
  flush(false);
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\n").replace(/\u0001/g, "\n");
}

/** True when a file is HTML (by type or extension, or by its first bytes). */
export function isHTML(name, type, head) {
  if (/html/i.test(type || "")) return true;
  if (/\.x?html?$/i.test(name || "")) return true;
  return /^\s*(<!doctype html|<html[\s>])/i.test(head || "");
}

/** Reads a dropped or opened file as plain text (HTML reduced to its text). */
export async function fileToText(file) {
  const raw = await file.text();
  return isHTML(file.name, file.type, raw.slice(0, 200)) ? htmlToText(raw) : raw.replace(/\r\n?/g, "\n");
}

/** The plain text of a paste: text/plain when there is one, else the text of the HTML. */
export function pastedText(data) {
  const plain = data.getData("text/plain");
  if (plain) return plain.replace(/\r\n?/g, "\n");
  const html = data.getData("text/html");
  return html ? htmlToText(html) : "";
}
