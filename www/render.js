// Renders the core's annotations over the input text as DOM nodes.
//
// The text is cut at every span boundary into disjoint segments; each segment
// becomes one element carrying the layers that cover it (entity label, claim,
// cue, source, relay). Overlapping spans therefore never lose or duplicate a
// character: the rendered textContent equals the input exactly. Text is only
// ever placed with textContent / text nodes, never parsed as HTML.
//
// Decorations that are not part of the text (an entity's label tag, a claim's
// source chip, a hedge/denial tag) are EMPTY elements whose visible text comes
// from CSS (`content: attr(data-...)`), so they never enter textContent, copy
// and paste, or the exported JSON.
//
// This module has no imports (the browser tests load it on its own).

/** Entity labels: display name and the short tag shown after each mark. */
export const LABELS = {
  PERSON: { name: "Person", tag: "PER" },
  TITLE: { name: "Title / role", tag: "TITLE" },
  ORG: { name: "Organization", tag: "ORG" },
  GPE: { name: "Country, city, state", tag: "GPE" },
  LOC: { name: "Location", tag: "LOC" },
  FAC: { name: "Facility", tag: "FAC" },
  NORP: { name: "Nationality, group", tag: "NORP" },
  EVENT: { name: "Event", tag: "EVENT" },
  PRODUCT: { name: "Product", tag: "PROD" },
  WORK_OF_ART: { name: "Work of art", tag: "WORK" },
  LAW: { name: "Law", tag: "LAW" },
  LANGUAGE: { name: "Language", tag: "LANG" },
  DATE: { name: "Date", tag: "DATE" },
  TIME: { name: "Time", tag: "TIME" },
  MONEY: { name: "Money", tag: "MONEY" },
  PERCENT: { name: "Percent", tag: "PCT" },
  CARDINAL: { name: "Number", tag: "NUM" },
  ORDINAL: { name: "Ordinal", tag: "ORD" },
  QUANTITY: { name: "Quantity", tag: "QTY" },
};

/** Source kinds in panel order: key, word used in the summary, group heading. */
export const KINDS = [
  { key: "person", word: "named", heading: "Named people" },
  { key: "office", word: "office", plural: "offices", heading: "Offices" },
  { key: "organization", word: "organization", plural: "organizations", heading: "Organizations" },
  { key: "media", word: "media", heading: "Media" },
  { key: "state_media", word: "state media", heading: "State media" },
  { key: "anonymous", word: "anonymous", heading: "Anonymous" },
  { key: "document", word: "document", plural: "documents", heading: "Documents" },
  { key: "unattributed", word: "unattributed", heading: "Unattributed" },
];

/** The display name of a source kind ("state media"). */
export function kindWord(kind) {
  const k = KINDS.find((x) => x.key === kind);
  return k ? k.word : String(kind || "unknown");
}

/** The kind a claim is filed under ("unattributed" when the core gives none and no source). */
export function claimKind(a) {
  return a.source_kind || (a.source ? "unknown" : "unattributed");
}

/** Who a claim is attributed to, as a reader would name it. */
export function sourceName(a) {
  if (a.source_name) return a.source_name;
  if (a.source && a.source.text) return a.source.text.replace(/\s+/g, " ");
  return claimKind(a) === "unattributed" ? "No source given" : kindWord(claimKind(a));
}

/** The chip shown after a claim: source and kind, the relay, quote or not. */
export function chipText(a) {
  const kind = claimKind(a);
  if (kind === "unattributed") return "unattributed";
  let s = `${sourceName(a)} · ${kindWord(kind)}`;
  if (a.via && a.via.source) s += ` · via ${a.via.source.text.replace(/\s+/g, " ")}`;
  return (a.quote ? "\u201c\u201d " : "") + s;
}

/** One sentence describing a claim, for the popup and screen readers. */
export function describeClaim(a, i, total) {
  const parts = [`Claim ${i + 1} of ${total}`, a.quote ? "direct quote" : "reported"];
  const kind = claimKind(a);
  if (kind === "unattributed") parts.push("no source given");
  else parts.push(`source: ${sourceName(a)} (${kindWord(kind)})`);
  if (a.cue) parts.push(`cue: \u201c${a.cue.text}\u201d${a.cue_stance && a.cue_stance !== "neutral" ? ` (${a.cue_stance})` : ""}`);
  if (a.via && a.via.source) parts.push(`relayed by ${a.via.source.text} (${kindWord(a.via.source_kind)})`);
  return parts.join("; ");
}

/**
 * Entity clusters: the core's (`ann.clusters`, `entity.cluster`) where present; entities
 * without one are grouped by label and text. Returns {clusters, ofEntity} where
 * clusters[i] = {id, name, label, mentions, entities: [entity index...]} and
 * ofEntity[entityIndex] = index into clusters.
 */
export function clustersOf(ann) {
  const ents = ann.entities || [];
  const core = new Map((ann.clusters || []).map((c, i) => [c.id ?? i, c]));
  const clusters = [];
  const byCoreId = new Map();
  const byKey = new Map();
  const ofEntity = new Array(ents.length);
  for (let i = 0; i < ents.length; i++) {
    const e = ents[i];
    let ci;
    if (e.cluster !== null && e.cluster !== undefined) {
      ci = byCoreId.get(e.cluster);
      if (ci === undefined) {
        const c = core.get(e.cluster);
        ci = clusters.length;
        clusters.push({ id: e.cluster, name: c ? c.name : e.text, label: c ? c.label : e.label, mentions: 0, entities: [] });
        byCoreId.set(e.cluster, ci);
      }
    } else {
      const key = e.label + "\u0000" + e.text.toLowerCase();
      ci = byKey.get(key);
      if (ci === undefined) {
        ci = clusters.length;
        clusters.push({ id: null, name: e.text, label: e.label, mentions: 0, entities: [] });
        byKey.set(key, ci);
      }
    }
    clusters[ci].entities.push(i);
    clusters[ci].mentions++;
    ofEntity[i] = ci;
  }
  return { clusters, ofEntity };
}

/** Collects the layers of an annotations object as flat {start, end, layer, index} records. */
export function layersOf(ann) {
  const out = [];
  (ann.entities || []).forEach((e, i) => out.push({ start: e.start, end: e.end, layer: "entity", index: i }));
  (ann.attributions || []).forEach((a, i) => {
    out.push({ start: a.content.start, end: a.content.end, layer: "claim", index: i });
    if (a.cue) out.push({ start: a.cue.start, end: a.cue.end, layer: "cue", index: i });
    if (a.source) out.push({ start: a.source.start, end: a.source.end, layer: "source", index: i });
    if (a.via && a.via.source) out.push({ start: a.via.source.start, end: a.via.source.end, layer: "viasource", index: i });
    if (a.via && a.via.cue) out.push({ start: a.via.cue.start, end: a.via.cue.end, layer: "viacue", index: i });
  });
  return out.filter((l) => l.end > l.start);
}

const rendered = new WeakMap();

/** What the last render of `container` produced: element lists per entity and claim. */
export function renderedIndex(container) {
  return rendered.get(container) || null;
}

/** Blocks of at least this many characters, cut after a line break (cheap layout for long texts). */
const BLOCK = 2000;

/**
 * The renderer as a generator: builds the view off-document, yielding the fraction done
 * every `opts.slice` segments (default 2000), and swaps it into `container` at the end.
 * A caller can run it in time slices (and abandon it) to keep the page responsive.
 */
export function* renderSteps(container, text, ann, opts = {}) {
  const doc = container.ownerDocument;
  const n = text.length;
  const ents = ann.entities || [];
  const atts = ann.attributions || [];
  const slice = opts.slice || 2000;
  const { clusters, ofEntity } = clustersOf(ann);
  yield 0;
  const clamp = (x) => Math.max(0, Math.min(n, x | 0));
  const layers = layersOf(ann).map((l) => ({ ...l, start: clamp(l.start), end: clamp(l.end) })).filter((l) => l.end > l.start);

  // Cut points: every boundary, plus block boundaries after a line break.
  const cutList = [0, n];
  for (const l of layers) cutList.push(l.start, l.end);
  const blockEnds = new Set();
  for (let from = BLOCK; from < n; ) {
    const i = text.indexOf("\n", from);
    if (i < 0 || i + 1 >= n) break;
    blockEnds.add(i + 1);
    cutList.push(i + 1);
    from = i + 1 + BLOCK;
  }
  const points = Float64Array.from(cutList).sort();
  yield 0;

  // Decorations that follow a position: entity tags, stance tags, claim chips.
  const after = new Map();
  const addAfter = (pos, item) => {
    const list = after.get(pos);
    if (list) list.push(item);
    else after.set(pos, [item]);
  };
  for (const l of layers) {
    if (l.layer === "entity") addAfter(l.end, { order: 0, len: l.end - l.start, l });
    else if (l.layer === "cue") {
      const st = atts[l.index].cue_stance;
      if (st === "hedged" || st === "denial") addAfter(l.end, { order: 1, len: 0, l });
    } else if (l.layer === "claim") addAfter(l.end, { order: 2, len: l.end - l.start, l });
  }

  const byStart = layers.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  yield 0;
  const entEls = ents.map(() => []);
  const claimEls = atts.map(() => []);
  const chipEls = atts.map(() => null);
  let next = 0;
  let active = [];
  const frag = doc.createDocumentFragment();
  let block = doc.createElement("div");
  block.className = "blk";
  frag.appendChild(block);
  let done = 0;

  const decorate = (pos) => {
    const list = after.get(pos);
    if (!list) return;
    list.sort((x, y) => x.order - y.order || x.len - y.len);
    for (const { l } of list) {
      const m = doc.createElement("span");
      if (l.layer === "entity") {
        const e = ents[l.index];
        const info = LABELS[e.label] || { tag: e.label };
        m.className = `tag tag-${e.label}`;
        m.dataset.tag = info.tag;
        m.dataset.entity = String(l.index);
        m.setAttribute("aria-hidden", "true");
      } else if (l.layer === "cue") {
        const st = atts[l.index].cue_stance;
        m.className = `stance-tag stance-${st}`;
        m.dataset.tag = st === "hedged" ? "hedged" : "denial";
        m.dataset.claim = String(l.index);
      } else {
        const a = atts[l.index];
        m.className = `chip k-${claimKind(a)}`;
        m.dataset.chip = chipText(a);
        m.dataset.claim = String(l.index);
        chipEls[l.index] = m;
      }
      block.appendChild(m);
    }
  };

  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p];
    const b = points[p + 1];
    if (b <= a) continue;
    while (next < byStart.length && byStart[next].start <= a) active.push(byStart[next++]);
    if (active.length) active = active.filter((l) => l.end > a);
    const piece = text.slice(a, b);
    if (active.length === 0) {
      block.appendChild(doc.createTextNode(piece));
    } else {
      const el = doc.createElement("span");
      el.textContent = piece;
      const cls = ["seg"];
      let ent = null;
      let claim = null;
      const entsHere = [];
      const claimsHere = [];
      for (const l of active) {
        const len = l.end - l.start;
        switch (l.layer) {
          case "entity":
            entsHere.push(l.index);
            if (!ent || len < ent.end - ent.start) ent = l;
            break;
          case "claim":
            claimsHere.push(l.index);
            if (!claim || len < claim.end - claim.start) claim = l;
            break;
          case "cue": {
            cls.push("cue");
            const st = atts[l.index].cue_stance;
            if (st) cls.push("stance-" + st);
            el.dataset.cue = String(l.index);
            break;
          }
          case "source":
            cls.push("source", "k-" + claimKind(atts[l.index]));
            el.dataset.source = String(l.index);
            break;
          case "viasource":
            cls.push("source", "via", "k-" + (atts[l.index].via.source_kind || "media"));
            el.dataset.viasource = String(l.index);
            break;
          case "viacue":
            cls.push("cue", "via");
            el.dataset.viacue = String(l.index);
            break;
        }
      }
      if (ent) {
        const e = ents[ent.index];
        cls.push("ent", "ent-" + e.label);
        el.dataset.entity = String(ent.index);
        el.dataset.label = e.label;
        el.dataset.cluster = String(ofEntity[ent.index]);
        if (entsHere.length > 1) el.dataset.entities = entsHere.join(" ");
        if (e.start === a) {
          cls.push("ent-first", "ent-head");
          el.tabIndex = -1;
        }
        if (e.end === b) cls.push("ent-last");
        for (const i of entsHere) entEls[i].push(el);
      }
      if (claim) {
        const at = atts[claim.index];
        cls.push("claim", at.quote ? "quote" : "reported", "k-" + claimKind(at));
        el.dataset.claim = String(claim.index);
        if (claimsHere.length > 1) el.dataset.claims = claimsHere.join(" ");
        // A Tab stop where a claim starts (innermost or not), described for screen readers.
        const head = claimsHere.find((i) => atts[i].content.start === a);
        if (head !== undefined) {
          const h = atts[head];
          cls.push("claim-head");
          el.tabIndex = 0;
          el.dataset.head = String(head);
          el.setAttribute("aria-label", describeClaim(h, head, atts.length) + ": " + h.content.text);
        }
        for (const i of claimsHere) claimEls[i].push(el);
      }
      el.className = cls.join(" ");
      block.appendChild(el);
    }
    decorate(b);
    if (blockEnds.has(b)) {
      block = doc.createElement("div");
      block.className = "blk";
      frag.appendChild(block);
    }
    if (++done % slice === 0) yield b / Math.max(1, n);
  }
  if (n === 0) decorate(0);
  container.replaceChildren(frag);
  container.classList.add("annotated");
  rendered.set(container, { text, ann, clusters, ofEntity, entities: entEls, claims: claimEls, chips: chipEls });
  return container;
}

/**
 * Renders `text` with `ann` into `container` (its children are replaced), all at once.
 * Returns the container. `container.textContent === text` afterwards.
 */
export function renderAnnotated(container, text, ann, opts) {
  const it = renderSteps(container, text, ann, opts);
  while (!it.next().done);
  return container;
}

// ---- Layers on and off (the legend's toggles)

/** Hides (`on` false) or shows a layer of a rendered view: an entity label, "claims" or "tags". */
export function setLayer(view, layer, on) {
  const hidden = new Set((view.dataset.hide || "").split(" ").filter(Boolean));
  if (on) hidden.delete(layer);
  else hidden.add(layer);
  view.dataset.hide = [...hidden].join(" ");
}

export function layerShown(view, layer) {
  return !(view.dataset.hide || "").split(" ").includes(layer);
}

/**
 * The legend: one toggle button per entity label present (with its count), plus toggles
 * for claims and the label tags. Buttons carry aria-pressed; clicking one hides or shows
 * that layer in `view`. `onChange(layer, on)` is called after each toggle.
 */
export function renderLegend(legend, view, ann, onChange) {
  const doc = legend.ownerDocument;
  const counts = new Map();
  for (const e of ann.entities || []) counts.set(e.label, (counts.get(e.label) || 0) + 1);
  const frag = doc.createDocumentFragment();
  const button = (layer, cls, swatch, name, count, title) => {
    const b = doc.createElement("button");
    b.type = "button";
    b.className = "toggle " + cls;
    b.dataset.layer = layer;
    const on = layerShown(view, layer);
    b.setAttribute("aria-pressed", String(on));
    b.title = title;
    const sw = doc.createElement("span");
    sw.className = "swatch";
    sw.textContent = swatch;
    sw.setAttribute("aria-hidden", "true");
    const nm = doc.createElement("span");
    nm.className = "name";
    nm.textContent = name;
    b.append(sw, nm);
    if (count !== null) {
      const c = doc.createElement("span");
      c.className = "count";
      c.textContent = String(count);
      b.append(c);
    }
    b.addEventListener("click", () => {
      const now = b.getAttribute("aria-pressed") !== "true";
      b.setAttribute("aria-pressed", String(now));
      setLayer(view, layer, now);
      if (onChange) onChange(layer, now);
    });
    frag.append(b);
  };
  for (const [label, info] of Object.entries(LABELS)) {
    const c = counts.get(label);
    if (c) button(label, "lg-ent ent-" + label, info.tag, info.name, c, `Show or hide ${info.name} marks`);
  }
  for (const [label, c] of counts) {
    if (!LABELS[label]) button(label, "lg-ent ent-" + label, label, label, c, `Show or hide ${label} marks`);
  }
  const nClaims = (ann.attributions || []).length;
  button("claims", "lg-claims", "\u2014", "Claims", nClaims, "Show or hide claim underlines, cues and source chips");
  button("tags", "lg-tags", "Aa", "Label tags", null, "Show or hide the small label tag after each entity");
  legend.replaceChildren(frag);
  return legend;
}

// ---- Lighting up mentions and claims

/** Removes every highlight set by `light`. */
export function clearLit(view) {
  for (const el of view.querySelectorAll(".lit")) el.classList.remove("lit");
  view.classList.remove("has-lit");
}

/**
 * Lights up the given entities and/or claims of a rendered view (replacing earlier
 * highlights) and returns the lit elements in document order.
 */
export function light(view, { entities = [], claims = [] } = {}) {
  const idx = renderedIndex(view);
  clearLit(view);
  if (!idx) return [];
  const els = [];
  for (const i of entities) for (const el of idx.entities[i] || []) els.push(el);
  for (const i of claims) {
    for (const el of idx.claims[i] || []) els.push(el);
    if (idx.chips[i]) els.push(idx.chips[i]);
  }
  for (const el of els) el.classList.add("lit");
  if (els.length) view.classList.add("has-lit");
  // Document order (a claim's chip after its text, entities and claims interleaved).
  els.sort((x, y) => (x === y ? 0 : x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return els;
}
