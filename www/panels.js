// The side panels: the one-line summary, sources grouped by kind, entity clusters.
// Everything is built with createElement + textContent.
import { KINDS, LABELS, claimKind, kindWord, sourceName, clustersOf } from "./render.js";

function el(doc, tag, props = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "role") e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** Claims per source kind, and the claims relayed by each kind ("as reported by state media"). */
export function groupClaims(ann) {
  const atts = ann.attributions || [];
  const groups = new Map();
  const group = (kind) => {
    let g = groups.get(kind);
    if (!g) groups.set(kind, (g = { kind, claims: [], relayed: [], sources: new Map() }));
    return g;
  };
  atts.forEach((a, i) => {
    const kind = claimKind(a);
    const g = group(kind);
    g.claims.push(i);
    const name = sourceName(a);
    const key = name.toLowerCase();
    let s = g.sources.get(key);
    if (!s) g.sources.set(key, (s = { name, claims: [] }));
    s.claims.push(i);
    if (a.via && a.via.source) group(a.via.source_kind || "media").relayed.push(i);
  });
  const order = KINDS.map((k) => k.key);
  return [...groups.values()]
    .filter((g) => g.claims.length || g.relayed.length)
    .sort((x, y) => (order.indexOf(x.kind) + 1 || 99) - (order.indexOf(y.kind) + 1 || 99));
}

/** "9 claims: 3 named, 3 state media, 1 anonymous, 2 unattributed". */
export function summaryLine(ann, groups = groupClaims(ann)) {
  const atts = ann.attributions || [];
  if (!atts.length) return "No claims found.";
  const parts = groups
    .filter((g) => g.claims.length)
    .map((g) => {
      const k = KINDS.find((x) => x.key === g.kind);
      const word = k ? (g.claims.length > 1 && k.plural ? k.plural : k.word) : g.kind;
      return `${g.claims.length} ${word}`;
    });
  return `${atts.length} claim${atts.length === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/** "1 claim", "3 claims". */
const claimsWord = (n) => `${n} claim${n === 1 ? "" : "s"}`;

function snippet(s, max = 90) {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? t.slice(0, max - 1) + "\u2026" : t;
}

/** Sources listed at once per kind (the others behind "Show N more sources"). */
const PER_KIND = 40;

/**
 * The sources panel. `onPick({claims, label, button})` is called when a kind or a source
 * is chosen; `onClaim(i)` when one claim in a source's list is.
 */
export function renderSources(root, summary, ann, { onPick, onClaim }) {
  const doc = root.ownerDocument;
  const atts = ann.attributions || [];
  const groups = groupClaims(ann);
  summary.textContent = summaryLine(ann, groups);
  const frag = doc.createDocumentFragment();
  for (const g of groups) {
    const k = KINDS.find((x) => x.key === g.kind);
    const heading = k ? k.heading : g.kind;
    const all = [...g.claims, ...g.relayed].sort((a, b) => a - b);
    const sec = el(doc, "section", { class: `kind k-${g.kind}`, "data-kind": g.kind });
    const kindBtn = el(doc, "button", {
      type: "button",
      class: "kind-btn",
      "data-kind": g.kind,
      "aria-pressed": "false",
      title: `Light up the ${all.length} claim${all.length === 1 ? "" : "s"} resting on ${kindWord(g.kind)}`,
    },
      el(doc, "span", { class: "kind-mark", "aria-hidden": "true" }),
      el(doc, "span", { class: "name", text: heading }),
      el(doc, "span", { class: "count", text: String(g.claims.length), "aria-label": claimsWord(g.claims.length) }),
    );
    if (g.relayed.length) kindBtn.append(el(doc, "span", { class: "relayed", text: `+${g.relayed.length} relayed` }));
    kindBtn.addEventListener("click", () => onPick({ claims: all, label: heading, button: kindBtn }));
    sec.append(el(doc, "h3", {}, kindBtn));
    const list = el(doc, "ul", { class: "srcs" });
    const sources = [...g.sources.values()].sort((a, b) => b.claims.length - a.claims.length || a.claims[0] - b.claims[0]);
    const relayedBy = new Map();
    for (const i of g.relayed) {
      const name = atts[i].via.source.text.replace(/\s+/g, " ");
      const key = name.toLowerCase();
      if (!relayedBy.has(key)) relayedBy.set(key, { name, claims: [], relay: true });
      relayedBy.get(key).claims.push(i);
    }
    const addSource = (s) => {
      const li = el(doc, "li", { class: s.relay ? "relay" : "" });
      const claimsId = `src-${g.kind}-${Math.random().toString(36).slice(2, 8)}`;
      const label = s.relay ? `${s.name} (relaying)` : s.name;
      const btn = el(doc, "button", { type: "button", class: "src-btn", "aria-expanded": "false", "aria-controls": claimsId, "aria-pressed": "false" },
        el(doc, "span", { class: "name", text: label }),
        el(doc, "span", { class: "count", text: String(s.claims.length), "aria-label": claimsWord(s.claims.length) }),
      );
      const ol = el(doc, "ol", { class: "src-claims", id: claimsId, hidden: true });
      // The claims are listed when first shown (a long article has thousands).
      const fill = () => {
        if (ol.firstChild) return;
        for (const i of s.claims) {
          const a = atts[i];
          const cb = el(doc, "button", { type: "button", class: "claim-btn", "data-claim": String(i) },
            el(doc, "span", { class: "cue-word", text: a.cue ? a.cue.text + ": " : "" }),
            el(doc, "span", { text: snippet(a.content.text) }),
          );
          cb.addEventListener("click", () => onClaim(i));
          ol.append(el(doc, "li", {}, cb));
        }
      };
      btn.addEventListener("click", () => {
        fill();
        const open = btn.getAttribute("aria-expanded") !== "true";
        btn.setAttribute("aria-expanded", String(open));
        ol.hidden = !open;
        onPick({ claims: s.claims, label, button: btn });
      });
      li.append(btn, ol);
      list.append(li);
    };
    // A long article has thousands of sources: the first ones at once, the rest on demand.
    const rest = [...sources, ...relayedBy.values()];
    rest.slice(0, PER_KIND).forEach(addSource);
    sec.append(list);
    if (rest.length > PER_KIND) sec.append(moreButton(doc, rest.length - PER_KIND, "sources", () => rest.slice(PER_KIND).forEach(addSource)));
    frag.append(sec);
  }
  if (!atts.length) frag.append(el(doc, "p", { class: "empty", text: "No quotes or reported statements yet." }));
  root.replaceChildren(frag);
}

const PER_LABEL = 40;

/** "Show 12 more": adds the rest of a list when pressed, then goes. */
function moreButton(doc, n, what, add) {
  const more = el(doc, "button", { type: "button", class: "more", text: `Show ${n} more${what ? " " + what : ""}` });
  more.addEventListener("click", () => {
    add();
    more.remove();
  });
  return more;
}

/** The entity panel: clusters grouped by label, most mentioned first. `onPick({entities, label, button})`. */
export function renderEntities(root, ann, { onPick, clusters = clustersOf(ann).clusters }) {
  const doc = root.ownerDocument;
  const byLabel = new Map();
  clusters.forEach((c, ci) => {
    if (!byLabel.has(c.label)) byLabel.set(c.label, []);
    byLabel.get(c.label).push({ ...c, ci });
  });
  const order = Object.keys(LABELS);
  const labels = [...byLabel.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  const frag = doc.createDocumentFragment();
  for (const label of labels) {
    const list = byLabel.get(label).sort((a, b) => b.mentions - a.mentions || a.entities[0] - b.entities[0]);
    const info = LABELS[label] || { name: label, tag: label };
    const sec = el(doc, "section", { class: `ent-group` });
    sec.append(el(doc, "h3", {}, el(doc, "span", { class: `tagchip ent-${label}`, text: info.tag, "aria-hidden": "true" }), ` ${info.name} `, el(doc, "span", { class: "count", text: String(list.length) })));
    const ul = el(doc, "ul", { class: "clusters" });
    const add = (c) => {
      const btn = el(doc, "button", { type: "button", class: `cluster-btn ent-${label}`, "aria-pressed": "false", "data-cluster": String(c.ci) },
        el(doc, "span", { class: "name", text: c.name }),
        el(doc, "span", { class: "count", text: `\u00d7${c.mentions}`, "aria-label": `${c.mentions} mention${c.mentions === 1 ? "" : "s"}` }),
      );
      btn.addEventListener("click", () => onPick({ entities: c.entities, label: c.name, button: btn }));
      ul.append(el(doc, "li", {}, btn));
    };
    list.slice(0, PER_LABEL).forEach(add);
    sec.append(ul);
    if (list.length > PER_LABEL) sec.append(moreButton(doc, list.length - PER_LABEL, "", () => list.slice(PER_LABEL).forEach(add)));
    frag.append(sec);
  }
  if (!clusters.length) frag.append(el(doc, "p", { class: "empty", text: "No entities yet." }));
  root.replaceChildren(frag);
}
