// Renders the core's annotations over the input text as DOM nodes.
//
// The text is cut at every span boundary into disjoint segments; each segment
// becomes one element carrying the layers that cover it (entity label, claim,
// cue, source). Overlapping spans therefore never lose or duplicate a
// character: the rendered textContent equals the input exactly. Text is only
// ever placed with textContent / text nodes, never parsed as HTML.

/** Collects the layers of an annotations object as flat {start, end, layer, index} records. */
export function layersOf(ann) {
  const out = [];
  (ann.entities || []).forEach((e, i) => out.push({ start: e.start, end: e.end, layer: "entity", index: i }));
  (ann.attributions || []).forEach((a, i) => {
    out.push({ start: a.content.start, end: a.content.end, layer: "claim", index: i });
    if (a.cue) out.push({ start: a.cue.start, end: a.cue.end, layer: "cue", index: i });
    if (a.source) out.push({ start: a.source.start, end: a.source.end, layer: "source", index: i });
  });
  return out.filter((l) => l.end > l.start);
}

/**
 * Renders `text` with `ann` into `container` (its children are replaced).
 * Returns the container.
 */
export function renderAnnotated(container, text, ann) {
  const doc = container.ownerDocument;
  const layers = layersOf(ann);
  // Boundaries: every start and end, clamped into the text.
  const cuts = new Set([0, text.length]);
  for (const l of layers) {
    cuts.add(Math.max(0, Math.min(text.length, l.start)));
    cuts.add(Math.max(0, Math.min(text.length, l.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Sweep: open layers by start, drop them when passed.
  const byStart = layers.slice().sort((a, b) => a.start - b.start);
  let next = 0;
  let active = [];
  const frag = doc.createDocumentFragment();
  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p];
    const b = points[p + 1];
    if (b <= a) continue;
    while (next < byStart.length && byStart[next].start <= a) active.push(byStart[next++]);
    active = active.filter((l) => l.end > a);
    const piece = text.slice(a, b);
    const covering = active.filter((l) => l.start <= a && l.end >= b);
    if (covering.length === 0) {
      frag.appendChild(doc.createTextNode(piece));
      continue;
    }
    const el = doc.createElement("span");
    el.textContent = piece;
    el.className = "seg";
    for (const l of covering) {
      if (l.layer === "entity") {
        const e = ann.entities[l.index];
        el.classList.add("ent", "ent-" + e.label);
        el.dataset.entity = String(l.index);
        el.dataset.label = e.label;
        if (e.start === a) el.classList.add("ent-first");
        if (e.end === b) el.classList.add("ent-last");
      } else {
        el.classList.add(l.layer);
        el.dataset[l.layer] = String(l.index);
        const at = ann.attributions[l.index];
        if (l.layer === "claim") {
          el.classList.add(at.quote ? "quote" : "reported");
          if (at.source_kind) el.classList.add("kind-" + at.source_kind);
        }
        if (l.layer === "cue" && at.cue_stance) el.classList.add("stance-" + at.cue_stance);
      }
    }
    frag.appendChild(el);
  }
  container.replaceChildren(frag);
  return container;
}
