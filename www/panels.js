// The side panels: the one-line summary, sources grouped by kind, entity clusters.
// Everything is built with createElement + textContent.
import { KINDS, LABELS, claimKind, kindWord, sourceName, clustersOf, labelCounts } from "./render.js";

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

/**
 * What the panels, the legend and the status line show of `ann`, made without a DOM (so a
 * Web Worker can make it and the page need not read the annotations to draw them):
 * {nEntities, nClaims, summary, groups (groupClaims, each with its `relayedBy` sources),
 * labelCounts: [[label, count]...], clusters, ofEntity (clustersOf)}.
 */
export function panelModel(ann) {
  const atts = ann.attributions || [];
  const groups = groupClaims(ann);
  for (const g of groups) g.relayedBy = relayers(atts, g);
  const { clusters, ofEntity } = clustersOf(ann);
  return {
    nEntities: (ann.entities || []).length,
    nClaims: atts.length,
    summary: summaryLine(ann, groups),
    groups,
    labelCounts: [...labelCounts(ann)],
    clusters,
    ofEntity,
  };
}

// ---- Sending a panel model from a worker
//
// Thousands of small objects cost the page's main thread tens of milliseconds to receive
// (a structured clone is made object by object); the same lists as one string and a few typed
// arrays cost next to nothing, and making the objects again here takes a millisecond.

/** [{name, [field]: [numbers]}...] as {names, off, coff, c}: item i is names[off[i]..off[i+1]) and c[coff[i]..coff[i+1]). */
function packItems(items, field) {
  const n = items.length;
  const off = new Int32Array(n + 1);
  const coff = new Int32Array(n + 1);
  let total = 0;
  for (const it of items) total += it[field].length;
  const c = new Int32Array(total);
  const names = new Array(n);
  for (let i = 0, at = 0, ct = 0; i < n; i++) {
    const it = items[i];
    names[i] = it.name;
    off[i + 1] = at += it.name.length;
    c.set(it[field], ct);
    coff[i + 1] = ct += it[field].length;
  }
  return { names: names.join(""), off, coff, c };
}

function unpackItems(p, field, make) {
  const n = p.off.length - 1;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const it = make(i);
    it.name = p.names.slice(p.off[i], p.off[i + 1]);
    it[field] = p.c.subarray(p.coff[i], p.coff[i + 1]);
    out[i] = it;
  }
  return out;
}

/**
 * `panelModel(ann)` packed for `postMessage` (see above): returns {packed, transfer}, the
 * typed arrays' buffers to transfer. `unpackModel(packed)` gives the model back.
 */
export function packModel(m) {
  const labTab = [];
  const labs = new Uint8Array(m.clusters.length);
  const ids = new Int32Array(m.clusters.length);
  m.clusters.forEach((c, i) => {
    let k = labTab.indexOf(c.label);
    if (k < 0) { k = labTab.length; labTab.push(c.label); }
    labs[i] = k;
    ids[i] = c.id === null || c.id === undefined ? -1 : c.id;
  });
  const ofEntity = Int32Array.from(m.ofEntity);
  const clusters = packItems(m.clusters, "entities");
  const groups = m.groups.map((g) => ({
    kind: g.kind,
    claims: Int32Array.from(g.claims),
    relayed: Int32Array.from(g.relayed),
    sources: packItems([...g.sources.values()], "claims"),
    relayedBy: packItems(g.relayedBy, "claims"),
  }));
  const packed = { ...m, groups, clusters, labTab, labs, ids, ofEntity };
  const transfer = [ofEntity.buffer, labs.buffer, ids.buffer];
  for (const p of [clusters, ...groups.flatMap((g) => [g.sources, g.relayedBy])]) transfer.push(p.off.buffer, p.coff.buffer, p.c.buffer);
  for (const g of groups) transfer.push(g.claims.buffer, g.relayed.buffer);
  return { packed, transfer };
}

export function unpackModel(p) {
  const clusters = unpackItems(p.clusters, "entities", (i) => ({ id: p.ids[i] < 0 ? null : p.ids[i], label: p.labTab[p.labs[i]] }));
  for (const c of clusters) c.mentions = c.entities.length;
  const groups = p.groups.map((g) => ({
    kind: g.kind,
    claims: g.claims,
    relayed: g.relayed,
    sources: unpackItems(g.sources, "claims", () => ({})),
    relayedBy: unpackItems(g.relayedBy, "claims", () => ({ relay: true })),
  }));
  return { ...p, clusters, groups, labTab: undefined, labs: undefined, ids: undefined };
}

/** The sources relaying a group's relayed claims, by name. */
function relayers(atts, g) {
  const relayedBy = new Map();
  for (const i of g.relayed) {
    const name = atts[i].via.source.text.replace(/\s+/g, " ");
    const key = name.toLowerCase();
    if (!relayedBy.has(key)) relayedBy.set(key, { name, claims: [], relay: true });
    relayedBy.get(key).claims.push(i);
  }
  return [...relayedBy.values()];
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

// ---- Keeping what did not change
//
// While typing in a long article the panels hardly change, but they hold hundreds of
// buttons: rebuilding them on every answer costs more style and layout work than the edit.
// Each section (a source kind, an entity label) has a key made of everything it shows; a
// section whose key did not change keeps its elements, and only the data its buttons act
// on (claim and entity numbers, which an edit shifts) is replaced: the handlers read it from
// the section's `holder` when they run.

/** Per panel root: section id -> {key, sec, holder}. */
const kept = new WeakMap();

/** Puts `secs` (in order) into `root`, moving or removing only what differs. */
function reconcile(root, secs, tail) {
  const want = tail ? [...secs, tail] : secs;
  const have = root.childNodes;
  if (have.length === want.length && want.every((n, i) => have[i] === n)) return;
  for (let i = 0; i < want.length; i++) if (have[i] !== want[i]) root.insertBefore(want[i], have[i] || null);
  while (have.length > want.length) root.lastChild.remove();
}

/**
 * The sources panel. `onPick({claims, label, button})` is called when a kind or a source
 * is chosen; `onClaim(i)` when one claim in a source's list is. `ann` may be a function
 * returning the annotations when first needed (a source's claims are listed when it is
 * opened), given `model` (panelModel(ann)).
 */
export function renderSources(root, summary, ann, { onPick, onClaim, model = null }) {
  const doc = root.ownerDocument;
  const annOf = typeof ann === "function" ? ann : () => ann;
  if (!model) {
    const a = annOf();
    const groups = groupClaims(a);
    for (const g of groups) g.relayedBy = relayers(a.attributions || [], g);
    model = { groups, summary: summaryLine(a, groups), nClaims: (a.attributions || []).length };
  }
  if (summary.textContent !== model.summary) summary.textContent = model.summary;
  const before = kept.get(root) || new Map();
  const now = new Map();
  const secs = [];
  for (const g of model.groups) {
    const k = KINDS.find((x) => x.key === g.kind);
    const heading = k ? k.heading : g.kind;
    const all = [...g.claims, ...g.relayed].sort((a, b) => a - b);
    const sources = (g.sources instanceof Map ? [...g.sources.values()] : g.sources.slice()).sort((a, b) => b.claims.length - a.claims.length || a.claims[0] - b.claims[0]);
    const rest = [...sources, ...g.relayedBy];
    const old = before.get(g.kind);
    const shownN = old && old.holder.expanded ? rest.length : Math.min(PER_KIND, rest.length);
    let key = `${heading}\u0000${g.claims.length}\u0000${g.relayed.length}\u0000${all.length}\u0000${rest.length}`;
    for (let j = 0; j < shownN; j++) key += `\u0000${rest[j].name}\u0001${rest[j].claims.length}\u0001${rest[j].relay ? 1 : 0}`;
    if (old && old.key === key && root.contains(old.sec)) {
      Object.assign(old.holder, { all, rest, annOf });
      old.holder.reset();
      now.set(g.kind, old);
      secs.push(old.sec);
      continue;
    }
    const holder = { all, rest, annOf, expanded: false, filled: [], reset() {
      // Opened claim lists name the last answer's claims: closed and emptied.
      for (const [btn, ol] of this.filled.splice(0)) {
        ol.replaceChildren();
        ol.hidden = true;
        btn.setAttribute("aria-expanded", "false");
        btn.setAttribute("aria-pressed", "false");
      }
      for (const b of this.sec.querySelectorAll('[aria-pressed="true"]')) b.setAttribute("aria-pressed", "false");
    } };
    const sec = el(doc, "section", { class: `kind k-${g.kind}`, "data-kind": g.kind });
    holder.sec = sec;
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
    kindBtn.addEventListener("click", () => onPick({ claims: holder.all, label: heading, button: kindBtn }));
    sec.append(el(doc, "h3", {}, kindBtn));
    const list = el(doc, "ul", { class: "srcs" });
    const addSource = (j) => {
      const s0 = holder.rest[j];
      const li = el(doc, "li", { class: s0.relay ? "relay" : "" });
      const claimsId = `src-${g.kind}-${Math.random().toString(36).slice(2, 8)}`;
      const label = s0.relay ? `${s0.name} (relaying)` : s0.name;
      const btn = el(doc, "button", { type: "button", class: "src-btn", "aria-expanded": "false", "aria-controls": claimsId, "aria-pressed": "false" },
        el(doc, "span", { class: "name", text: label }),
        el(doc, "span", { class: "count", text: String(s0.claims.length), "aria-label": claimsWord(s0.claims.length) }),
      );
      const ol = el(doc, "ol", { class: "src-claims", id: claimsId, hidden: true });
      // The claims are listed when first shown (a long article has thousands).
      const fill = () => {
        if (ol.firstChild) return;
        holder.filled.push([btn, ol]);
        const atts = holder.annOf().attributions;
        for (const i of holder.rest[j].claims) {
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
        onPick({ claims: holder.rest[j].claims, label, button: btn });
      });
      li.append(btn, ol);
      list.append(li);
    };
    // A long article has thousands of sources: the first ones at once, the rest on demand.
    for (let j = 0; j < Math.min(PER_KIND, rest.length); j++) addSource(j);
    sec.append(list);
    if (rest.length > PER_KIND) {
      sec.append(moreButton(doc, rest.length - PER_KIND, "sources", () => {
        holder.expanded = true;
        for (let j = PER_KIND; j < holder.rest.length; j++) addSource(j);
      }));
    }
    now.set(g.kind, { key, sec, holder });
    secs.push(sec);
  }
  kept.set(root, now);
  let empty = null;
  if (!model.nClaims) empty = el(doc, "p", { class: "empty", text: "No quotes or reported statements yet." });
  reconcile(root, secs, empty);
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
  const before = kept.get(root) || new Map();
  const now = new Map();
  const secs = [];
  for (const label of labels) {
    const list = byLabel.get(label).sort((a, b) => b.mentions - a.mentions || a.entities[0] - b.entities[0]);
    const old = before.get(label);
    const shownN = old && old.holder.expanded ? list.length : Math.min(PER_LABEL, list.length);
    let key = String(list.length);
    for (let j = 0; j < shownN; j++) key += `\u0000${list[j].name}\u0001${list[j].mentions}`;
    if (old && old.key === key && root.contains(old.sec)) {
      old.holder.list = list;
      const btns = old.sec.getElementsByClassName("cluster-btn");
      for (let j = 0; j < btns.length; j++) {
        const b = btns[j];
        if (b.getAttribute("aria-pressed") === "true") b.setAttribute("aria-pressed", "false");
        const ci = String(list[j].ci);
        if (b.getAttribute("data-cluster") !== ci) b.setAttribute("data-cluster", ci);
      }
      now.set(label, old);
      secs.push(old.sec);
      continue;
    }
    const holder = { list, expanded: false };
    const info = LABELS[label] || { name: label, tag: label };
    const sec = el(doc, "section", { class: `ent-group` });
    sec.append(el(doc, "h3", {}, el(doc, "span", { class: `tagchip ent-${label}`, text: info.tag, "aria-hidden": "true" }), ` ${info.name} `, el(doc, "span", { class: "count", text: String(list.length) })));
    const ul = el(doc, "ul", { class: "clusters" });
    const add = (j) => {
      const c = holder.list[j];
      const btn = el(doc, "button", { type: "button", class: `cluster-btn ent-${label}`, "aria-pressed": "false", "data-cluster": String(c.ci) },
        el(doc, "span", { class: "name", text: c.name }),
        el(doc, "span", { class: "count", text: `\u00d7${c.mentions}`, "aria-label": `${c.mentions} mention${c.mentions === 1 ? "" : "s"}` }),
      );
      btn.addEventListener("click", () => onPick({ entities: holder.list[j].entities, label: holder.list[j].name, button: btn }));
      ul.append(el(doc, "li", {}, btn));
    };
    for (let j = 0; j < Math.min(PER_LABEL, list.length); j++) add(j);
    sec.append(ul);
    if (list.length > PER_LABEL) {
      sec.append(moreButton(doc, list.length - PER_LABEL, "", () => {
        holder.expanded = true;
        for (let j = PER_LABEL; j < holder.list.length; j++) add(j);
      }));
    }
    now.set(label, { key, sec, holder });
    secs.push(sec);
  }
  kept.set(root, now);
  let empty = null;
  if (!clusters.length) empty = el(doc, "p", { class: "empty", text: "No entities yet." });
  reconcile(root, secs, empty);
}
