// Renders the core's annotations over the input text as DOM nodes.
//
// The text is cut at every span boundary into disjoint segments; each covered
// segment becomes one element (<mark> inside an entity, <span> otherwise) whose
// classes carry the layers that cover it (entity label, claim, cue, source,
// relay). Overlapping spans therefore never lose or duplicate a character: the
// rendered textContent equals the input exactly. Text is only ever placed with
// text nodes, never parsed as HTML.
//
// Decorations that are not part of the text (an entity's label tag, a claim's
// source chip, a hedge/denial tag) are EMPTY elements whose visible text comes
// from CSS (`content: "PER" / "person"` per label class, `attr(data-chip)`),
// so they never enter textContent, copy and paste, or the exported JSON.
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

// ---- The renderer
//
// Cheap by construction: the layers are parallel typed arrays, the text is cut once at every
// span boundary into segments, and each marked segment is ONE element with a class list and
// no other attribute (the first segment of a claim adds a tab stop and its description).
// Which entities and claims a segment belongs to is not written into the DOM: `markInfo`
// works it out from the element's place in the text when a mark is hovered, focused or
// clicked. The text is laid out in blocks of about BLOCK characters (cut after a line
// break); `renderVisible` marks up only the first blocks at once and leaves the others as
// one plain text node each (so the view's textContent is the input from the first frame),
// marking them up when they come near the viewport or when `upgradeSome` is given time.
// Rendering a new answer into the same container keeps every block whose text and marks did
// not change (see "Keeping what did not change"): an edit redraws the blocks it touches.
// Everything but the DOM work (the plan: layers, cut points, blocks, their signatures and what
// each mark says) needs no DOM: the page's worker makes it (`prepare`) and sends it as typed
// arrays, so the page's main thread only builds or keeps elements.

/** Blocks of about this many characters (BLOCK / 2 to 4 * BLOCK when the text allows), cut after a line break (cheap layout for long texts). */
const BLOCK = 2000;
/** How many characters before a line break decide whether a block ends there. */
const CUT_CONTEXT = 24;

const ENT = 0;
const CLAIM = 1;
const CUE = 2;
const SOURCE = 3;
const VIASOURCE = 4;
const VIACUE = 5;
const LAYER_NAMES = ["entity", "claim", "cue", "source", "viasource", "viacue"];

/**
 * Class lists are made of a few dozen pieces ("ent ent-GPE", "claim quote k-person", ...), and
 * the same lists come back again and again. Pieces are numbered once; a segment's list is a
 * number made of its pieces and flags, and each list is built once and then reused (one string
 * object, which the DOM takes without converting and parsing it anew).
 */
const pieces = [];
const pieceIds = new Map();
function piece(s) {
  let id = pieceIds.get(s);
  if (id === undefined) {
    id = pieces.length + 1; // 0: none
    pieces.push(s);
    pieceIds.set(s, id);
  }
  return id;
}
const classes = new Map();

/** Per rendered container: the plan (layers, segments, blocks) and the elements made so far. */
const states = new WeakMap();

/** The layers, cut points, blocks and decorations of one text; no DOM work. */
function plan(text, ann) {
  const n = text.length;
  const ents = ann.entities || [];
  const atts = ann.attributions || [];
  const cap = ents.length + atts.length * 5;
  const ls = new Int32Array(cap);
  const le = new Int32Array(cap);
  const lk = new Uint8Array(cap);
  const li = new Int32Array(cap);
  let L = 0;
  const add = (span, kind, i) => {
    if (!span) return;
    const s = Math.max(0, Math.min(n, span.start | 0));
    const e = Math.max(0, Math.min(n, span.end | 0));
    if (e <= s) return;
    ls[L] = s;
    le[L] = e;
    lk[L] = kind;
    li[L] = i;
    L++;
  };
  for (let i = 0; i < ents.length; i++) add(ents[i], ENT, i);
  for (let i = 0; i < atts.length; i++) {
    const a = atts[i];
    add(a.content, CLAIM, i);
    add(a.cue, CUE, i);
    add(a.source, SOURCE, i);
    if (a.via) {
      add(a.via.source, VIASOURCE, i);
      add(a.via.cue, VIACUE, i);
    }
  }
  // Layers by start, the longer first (the core's lists come nearly in order: the sort is
  // close to linear).
  const order = new Uint32Array(L);
  for (let i = 0; i < L; i++) order[i] = i;
  order.sort((x, y) => ls[x] - ls[y] || le[y] - le[x]);

  // Block starts: 0, then after line breaks chosen by the text just before them (one in four,
  // by a hash of its last CUT_CONTEXT characters) at least BLOCK / 2 characters apart, and
  // after the first line break once a block reaches 4 * BLOCK. A cut depends on the text
  // around it, hardly on where the block before it started (the minimum rarely bites, as
  // chosen breaks are far apart anyway): an edit moves no cut but those next to it, so the
  // blocks after it keep their text (and their elements, see `mount`). A larger minimum
  // would tie each cut to the one before and let an edit move every cut after it.
  const bl = [0];
  for (let last = 0, i = text.indexOf("\n", BLOCK / 2 - 1); i >= 0 && i + 1 < n; i = text.indexOf("\n", i + 1)) {
    const len = i + 1 - last;
    if (len < BLOCK / 2) {
      i = text.indexOf("\n", last + BLOCK / 2 - 1) - 1; // skip to the first break far enough
      if (i < 0) break;
      continue;
    }
    let h = 0x9e3779b9;
    for (let j = Math.max(0, i - CUT_CONTEXT); j < i; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
    if (len >= 4 * BLOCK || ((h ^ (h >>> 15)) & 3) === 0) {
      bl.push(i + 1);
      last = i + 1;
    }
  }
  const nb = bl.length;
  const bPos = new Int32Array(nb + 1);
  for (let b = 0; b < nb; b++) bPos[b] = bl[b];
  bPos[nb] = n;

  // Cut points: every span boundary and block start, sorted, without repeats.
  const raw = new Int32Array(2 * L + nb + 1);
  raw.set(ls.subarray(0, L), 0);
  raw.set(le.subarray(0, L), L);
  raw.set(bPos, 2 * L);
  raw.sort();
  let np = 0;
  for (let i = 0; i < raw.length; i++) if (np === 0 || raw[i] !== raw[np - 1]) raw[np++] = raw[i];
  const pts = raw.subarray(0, np);

  // Each block's first segment, the layers active at its start and the next layer to open.
  const bSeg = new Int32Array(nb + 1);
  const bActive = new Array(nb);
  const bNext = new Int32Array(nb);
  let active = [];
  let next = 0;
  for (let b = 0, k = 0; b < nb; b++) {
    const p = bPos[b];
    while (pts[k] < p) k++;
    bSeg[b] = k;
    while (next < L && ls[order[next]] < p) active.push(order[next++]);
    let m = 0;
    for (let j = 0; j < active.length; j++) if (le[active[j]] > p) active[m++] = active[j];
    active.length = m;
    bActive[b] = active.slice();
    bNext[b] = next;
  }
  bSeg[nb] = Math.max(0, np - 1);

  // Decorations after a position: entity tags, then stance tags, then claim chips (the
  // shorter span first within each), in text order.
  const deco = [];
  for (let j = 0; j < L; j++) {
    const k = lk[j];
    if (k === ENT || k === CLAIM) deco.push(j);
    else if (k === CUE) {
      const st = atts[li[j]].cue_stance;
      if (st === "hedged" || st === "denial") deco.push(j);
    }
  }
  const rank = (j) => (lk[j] === ENT ? 0 : lk[j] === CUE ? 1 : 2);
  deco.sort((x, y) => le[x] - le[y] || rank(x) - rank(y) || (lk[x] === CUE ? 0 : le[x] - ls[x] - (le[y] - ls[y])));
  const dEnd = new Int32Array(deco.length);
  for (let i = 0; i < deco.length; i++) dEnd[i] = le[deco[i]];

  // Each layer's part of a class list, as a small number (see `piece`).
  // (Looked up by label or kind: no string is built per layer.)
  const lc = new Int32Array(L);
  const memo = [new Map(), new Map(), new Map(), new Map(), new Map(), new Map(), new Map()];
  const once = (m, key, make) => {
    let id = memo[m].get(key);
    if (id === undefined) memo[m].set(key, (id = piece(make())));
    return id;
  };
  for (let j = 0; j < L; j++) {
    const a = lk[j] === ENT ? null : atts[li[j]];
    switch (lk[j]) {
      case ENT: { const lab = ents[li[j]].label; lc[j] = once(0, lab, () => "ent ent-" + lab); break; }
      case CLAIM: { const k = claimKind(a); lc[j] = a.quote ? once(1, k, () => "claim quote k-" + k) : once(2, k, () => "claim reported k-" + k); break; }
      case CUE: { const st = a.cue_stance || ""; lc[j] = once(3, st, () => (st ? "cue stance-" + st : "cue")); break; }
      case SOURCE: { const k = claimKind(a); lc[j] = once(4, k, () => "source k-" + k); break; }
      case VIASOURCE: { const k = a.via.source_kind || "media"; lc[j] = once(5, k, () => "source via k-" + k); break; }
      default: lc[j] = once(6, "", () => "cue via");
    }
  }

  // What the blocks' DOM says of each entity and claim besides its place (so that drawing
  // needs no annotation object: the plan can be made in the worker and sent as arrays).
  const nE = ents.length;
  const nC = atts.length;
  const labs = [];
  const labIds = new Map();
  const entLab = new Uint16Array(nE);
  const entPos = new Int32Array(2 * nE);
  for (let i = 0; i < nE; i++) {
    const e = ents[i];
    let id = labIds.get(e.label);
    if (id === undefined) { labIds.set(e.label, (id = labs.length)); labs.push(e.label); }
    entLab[i] = id;
    entPos[2 * i] = e.start;
    entPos[2 * i + 1] = e.end;
  }
  // Per claim: its kind and stance as numbers into small tables, its chip and description in
  // one string (chip i: cStr[cOff[2i] .. cOff[2i+1]), description: up to cOff[2i+2]); one
  // string and a few typed arrays cost next to nothing to send from a worker, thousands of
  // strings do not.
  const kindTab = [];
  const stanceTab = [];
  const code = (tab, s) => { let c = tab.indexOf(s); if (c < 0) { c = tab.length; tab.push(s); } return c; };
  const cKind = new Uint8Array(nC);
  const cStance = new Uint8Array(nC);
  const cOff = new Int32Array(2 * nC + 1);
  const strs = new Array(2 * nC);
  const cText = new Int32Array(nC); // a hash of what the chip and description say besides the claim's number
  const claimPos = new Int32Array(2 * nC);
  for (let i = 0, at = 0; i < nC; i++) {
    const a = atts[i];
    cKind[i] = code(kindTab, claimKind(a));
    cStance[i] = code(stanceTab, a.cue_stance || null);
    const chip = (strs[2 * i] = chipText(a));
    const desc = (strs[2 * i + 1] = describeClaim(a, i, nC));
    cOff[2 * i + 1] = at += chip.length;
    cOff[2 * i + 2] = at += desc.length;
    cText[i] = claimTextId(a);
    claimPos[2 * i] = a.content.start;
    claimPos[2 * i + 1] = a.content.end;
  }
  const cStr = strs.join("");
  const dl = new Int32Array(deco.length);
  for (let i = 0; i < deco.length; i++) dl[i] = deco[i];
  // bActive as one list: block b's layers are bAct[bActOff[b] .. bActOff[b + 1]).
  const bActOff = new Int32Array(nb + 1);
  for (let b = 0; b < nb; b++) bActOff[b + 1] = bActOff[b] + bActive[b].length;
  const bAct = new Int32Array(bActOff[nb]);
  for (let b = 0; b < nb; b++) bAct.set(bActive[b], bActOff[b]);

  return {
    n, L, ls, le, lk, li, lc, order, pts, nb, bPos, bSeg, bAct, bActOff, bNext, deco: dl, dEnd,
    nE, nC, labs, entLab, entPos, kindTab, stanceTab, cKind, cStance, cOff, cStr, cText, claimPos,
    pieces: pieces.slice(),
  };
}

/** The typed arrays of a plan (what a worker transfers rather than copies). */
const PLAN_ARRAYS = ["ls", "le", "lk", "li", "lc", "order", "pts", "bPos", "bSeg", "bAct", "bActOff", "bNext", "deco", "dEnd", "entLab", "entPos", "cKind", "cStance", "cOff", "cText", "claimPos", "bFlat", "bClaimsOff", "bHeadsOff"];

/** Claim i's chip text, description, kind and stance in plan `p`. */
const chipOf = (p, i) => p.cStr.slice(p.cOff[2 * i], p.cOff[2 * i + 1]);
const descOf = (p, i) => p.cStr.slice(p.cOff[2 * i + 1], p.cOff[2 * i + 2]);
const kindOf = (p, i) => p.kindTab[p.cKind[i]];
const stanceOf = (p, i) => p.stanceTab[p.cStance[i]];

/**
 * Everything drawing `text` with `ann` takes, made without a DOM (so a Web Worker can make it):
 * layers, cut points, blocks, their signatures and what the marks say. Returns
 * {plan, transfer}: `plan` is structured-clone friendly (typed arrays, strings, small arrays),
 * `transfer` its buffers. Give it to `renderVisible(container, text, ann, {plan})`.
 */
export function prepare(text, ann) {
  const p = plan(text, ann);
  sign(p);
  // Per block lists as one typed array (bClaims, then bHeads): `adopt` makes the views again.
  const nb = p.nb;
  p.bClaimsOff = new Int32Array(nb + 1);
  p.bHeadsOff = new Int32Array(nb + 1);
  let total = 0;
  for (let b = 0; b < nb; b++) total += p.bClaims[b].length + p.bHeads[b].length;
  p.bFlat = new Int32Array(total);
  let at = 0;
  for (let b = 0; b < nb; b++) {
    p.bClaimsOff[b] = at;
    p.bFlat.set(p.bClaims[b], at);
    at += p.bClaims[b].length;
  }
  p.bClaimsOff[nb] = at;
  for (let b = 0; b < nb; b++) {
    p.bHeadsOff[b] = at;
    p.bFlat.set(p.bHeads[b], at);
    at += p.bHeads[b].length;
  }
  p.bHeadsOff[nb] = at;
  p.bClaims = p.bHeads = null;
  const transfer = [];
  for (const k of PLAN_ARRAYS) if (!transfer.includes(p[k].buffer)) transfer.push(p[k].buffer);
  return { plan: p, transfer };
}

/**
 * Class-list pieces are numbered per JavaScript realm (`piece`): a plan made elsewhere (in a
 * worker) gets its numbers translated to this realm's.
 */
function adopt(p) {
  const map = p.pieces.map((s) => piece(s));
  let same = true;
  for (let i = 0; i < map.length && same; i++) same = map[i] === i + 1;
  if (!same) {
    const lc = p.lc;
    for (let j = 0; j < p.L; j++) lc[j] = map[lc[j] - 1];
  }
  p.pieces = null;
  if (!p.bClaims) {
    p.bClaims = new Array(p.nb);
    p.bHeads = new Array(p.nb);
    for (let b = 0; b < p.nb; b++) {
      p.bClaims[b] = p.bFlat.subarray(p.bClaimsOff[b], p.bClaimsOff[b + 1]);
      p.bHeads[b] = p.bFlat.subarray(p.bHeadsOff[b], p.bHeadsOff[b + 1]);
    }
  }
  return p;
}

/** The first index i with a[i] >= x (a sorted). */
function lowerBound(a, x, lo = 0, hi = a.length) {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const UNKNOWN = { tag: null, name: null };

/** Builds the marked-up content of block `b` into `el` (its children are replaced). */
function fillBlock(st, b, el) {
  const { text, L, ls, le, lk, li, order, pts, bSeg, bPos, deco, dEnd, segEls, gapEls, chipEls, doc } = st;
  const frag = doc.createDocumentFragment();
  const act = st.act;
  const a0 = st.bActOff[b];
  let m = st.bActOff[b + 1] - a0;
  for (let j = 0; j < m; j++) act[j] = st.bAct[a0 + j];
  let next = st.bNext[b];
  let dp = lowerBound(dEnd, bPos[b] + 1);
  const kEnd = bSeg[b + 1];
  const lc = st.lc;
  for (let k = bSeg[b]; k < kEnd; k++) {
    const a = pts[k];
    const z = pts[k + 1];
    while (next < L && ls[order[next]] <= a) act[m++] = order[next++];
    let w = 0;
    for (let j = 0; j < m; j++) if (le[act[j]] > a) act[w++] = act[j];
    m = w;
    if (m === 0) {
      frag.append(text.slice(a, z)); // a text node without a JavaScript wrapper
    } else {
      let ent = -1;
      let claim = -1;
      let head = -1;
      let extra = 0; // the other layers' pieces, 7 bits each
      let extras = 0;
      for (let j = 0; j < m; j++) {
        const x = act[j];
        const kind = lk[x];
        if (kind === ENT) {
          if (ent < 0 || le[x] - ls[x] < le[ent] - ls[ent]) ent = x;
        } else if (kind === CLAIM) {
          if (claim < 0 || le[x] - ls[x] < le[claim] - ls[claim]) claim = x;
          if (ls[x] === a && (head < 0 || li[x] < li[head])) head = x;
        } else if (extras++ < 3) extra = extra * 128 + lc[x];
      }
      // Entity pieces and the first piece of each claim are <mark>s (role "mark"); a claim's
      // first piece is a Tab stop described for screen readers (its text stays its name).
      const key = extras > 3 || pieces.length > 126 ? -1
        : ((((ent < 0 ? 0 : lc[ent] * 4 + (ls[ent] === a ? 2 : 0) + (le[ent] === z ? 1 : 0)) * 128 + (claim < 0 ? 0 : lc[claim])) * 2 + (head < 0 ? 0 : 1)) * 2097152 + extra);
      let c = key < 0 ? undefined : classes.get(key);
      if (c === undefined) {
        const parts = [];
        if (ent >= 0) parts.push(pieces[lc[ent] - 1] + (ls[ent] === a ? " ent-head" : "") + (le[ent] === z ? " ent-last" : ""));
        for (let j = 0; j < m; j++) if (lk[act[j]] !== ENT && lk[act[j]] !== CLAIM) parts.push(pieces[lc[act[j]] - 1]);
        if (claim >= 0) parts.push(pieces[lc[claim] - 1]);
        if (head >= 0) parts.push("claim-head");
        c = parts.join(" ");
        if (key >= 0) classes.set(key, c);
      }
      // Spaces right after a tag or chip get an element of their own with no underline: at
      // the end of a line (pre-wrap keeps them, hanging past the tag) an underlined space
      // would show as a stray "_".
      let a1 = a;
      if (ent < 0 && head < 0 && k > bSeg[b] && dp > 0 && dEnd[dp - 1] === a) {
        while (a1 < z && text.charCodeAt(a1) === 32) a1++;
        if (a1 > a) {
          const g = doc.createElement("span");
          g.className = c + " sp";
          g.textContent = text.slice(a, a1);
          frag.appendChild(g);
          if (a1 < z) gapEls[k] = g;
          else segEls[k] = g;
        }
      }
      if (a1 < z) {
        const node = doc.createElement(ent >= 0 || head >= 0 ? "mark" : "span");
        node.className = c;
        if (head >= 0) {
          const i = li[head];
          node.setAttribute("tabindex", "0");
          node.setAttribute("aria-description", descOf(st, i));
        }
        node.textContent = text.slice(a1, z);
        frag.appendChild(node);
        segEls[k] = node;
      }
    }
    // Decorations after this segment.
    for (; dp < deco.length && dEnd[dp] === z; dp++) {
      const x = deco[dp];
      const d = doc.createElement("span");
      if (lk[x] === ENT) {
        const label = st.labs[st.entLab[li[x]]];
        let c = classes.get(label);
        if (c === undefined) classes.set(label, (c = "tag tag-" + label));
        d.className = c;
        if ((LABELS[label] || UNKNOWN).tag === null) d.dataset.tag = label;
      } else if (lk[x] === CUE) {
        d.className = "stance-tag stance-" + stanceOf(st, li[x]);
        d.setAttribute("data-claim", String(li[x]));
      } else {
        const i = li[x];
        d.className = "chip k-" + kindOf(st, i);
        d.setAttribute("data-chip", chipOf(st, i));
        d.setAttribute("data-claim", String(li[x]));
        chipEls[li[x]] = d;
      }
      frag.appendChild(d);
    }
  }
  el.replaceChildren(frag);
  if (st.patch) st.patch.delete(b);
  st.domClaims[b] = st.bClaims[b];
  st.done[b] = 1;
  st.pending--;
}

/** A block still holding plain text: one text node (the exact input), marked up later. */
function plainBlock(st, b, el) {
  el.appendChild(st.doc.createTextNode(st.text.slice(st.bPos[b], st.bPos[b + 1])));
}

// ---- Keeping what did not change
//
// An edit changes one block or two; re-rendering a long text must not rebuild the others.
// Each block gets a signature: a 64-bit hash of everything its DOM is made from (the layers
// over it, at positions relative to the block's start, their class pieces, and each claim's
// chip and description), which together with the block's text decides whether the element
// of the last render can stay as it is. Only claim numbers (the `data-claim` of chips and
// stance tags, "Claim i of n" in descriptions) may differ in a kept block; they are patched.

/** A 32-bit FNV-1a hash of a string (the same in every realm: a worker's plan compares with the page's). */
function hashString(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** What a claim's chip and description say besides its number, as a hash (part of a block's signature). */
function claimTextId(a) {
  // The fields chipText and describeClaim read (cheaper than building those texts).
  const c = a.cue;
  const v = a.via;
  const s = `${a.source_kind}\u0000${a.source_name}\u0000${a.source ? a.source.text : "\u0001"}\u0000${a.quote}\u0000${c ? c.text : "\u0001"}\u0000${a.cue_stance}` +
    (v ? `\u0000${v.source_kind}\u0000${v.source ? v.source.text : "\u0001"}` : "");
  return hashString(s);
}

/** Per class-list piece, a hash of its text (piece numbers differ between realms). */
const pieceHashes = [];
function pieceHash(id) {
  let h = pieceHashes[id];
  if (h === undefined) h = pieceHashes[id] = hashString(pieces[id - 1]);
  return h;
}

/**
 * Per block: `bSig` (signature string), `bClaims` (the claim index of every claim layer over
 * it, in layer order) and `bHeads` (the claim index of each claim head in it, in text order).
 */
function sign(p) {
  const { nb, bPos, bAct, bActOff, bNext, L, ls, le, lk, li, lc, order, cText } = p;
  p.bSig = new Array(nb);
  p.bClaims = new Array(nb);
  p.bHeads = new Array(nb);
  const vals = new Int32Array(4);
  for (let b = 0; b < nb; b++) {
    const bs = bPos[b];
    const be = bPos[b + 1];
    let h1 = 0x811c9dc5 ^ (be - bs);
    let h2 = 0x27d4eb2f;
    const cl = [];
    const heads = [];
    let headAt = -1;
    const a0 = bActOff[b];
    const na = bActOff[b + 1] - a0;
    // The layers over the block: those open at its start, then those starting in it.
    for (let j = 0, q = bNext[b]; ; j++) {
      let x;
      if (j < na) x = bAct[a0 + j];
      else if (q < L && ls[order[q]] < be) x = order[q++];
      else break;
      const k = lk[x];
      let v3 = 0;
      if (k !== ENT) {
        const i = li[x];
        cl.push(i);
        if (k === CLAIM) {
          v3 = cText[i];
          if (ls[x] >= bs) {
            if (ls[x] !== headAt) {
              heads.push(i);
              headAt = ls[x];
            } else if (i < heads[heads.length - 1]) heads[heads.length - 1] = i;
          }
        }
      }
      vals[0] = ls[x] - bs;
      vals[1] = le[x] - bs;
      vals[2] = pieceHash(lc[x]) ^ k;
      vals[3] = v3;
      for (let t = 0; t < 4; t++) {
        h1 = Math.imul(h1 ^ vals[t], 0x01000193);
        h1 = (h1 << 13) | (h1 >>> 19);
        h2 = Math.imul(h2 ^ vals[t], 0x85ebca6b);
        h2 = (h2 << 17) | (h2 >>> 15);
      }
    }
    p.bSig[b] = `${h1 >>> 0}.${h2 >>> 0}.${cl.length}`;
    p.bClaims[b] = cl;
    p.bHeads[b] = heads;
  }
}

/** Whether `container` still holds exactly the blocks of its last render. */
function intact(old, container) {
  return !!old && old.nb > 0 && container.childNodes.length === old.nb &&
    container.firstChild === old.blocks[0] && container.lastChild === old.blocks[old.nb - 1];
}

/**
 * For each new block, the old block whose element can stay (same text and signature), or -1.
 * Matches keep text order (an edit shifts the blocks after it, it does not reorder them).
 */
function matchBlocks(old, st) {
  const byKey = new Map();
  for (let ob = 0; ob < old.nb; ob++) {
    const key = old.bSig[ob];
    const list = byKey.get(key);
    if (list) list.push(ob);
    else byKey.set(key, [ob]);
  }
  const from = new Int32Array(st.nb).fill(-1);
  let last = -1;
  for (let b = 0; b < st.nb; b++) {
    const list = byKey.get(st.bSig[b]);
    if (!list) continue;
    const len = st.bPos[b + 1] - st.bPos[b];
    for (const ob of list) {
      if (ob <= last) continue;
      if (old.bPos[ob + 1] - old.bPos[ob] !== len) continue;
      if (old.text.slice(old.bPos[ob], old.bPos[ob + 1]) !== st.text.slice(st.bPos[b], st.bPos[b + 1])) continue;
      from[b] = ob;
      last = ob;
      break;
    }
  }
  return from;
}

/**
 * Takes over old block `ob`'s element as new block `b`. When claim numbers moved (or the
 * number of claims changed) the element still says the old ones: it stays pending, and
 * `finish` patches it (before it comes into view, like a plain block is marked up). A block
 * the last render kept but had not patched yet says the numbers of an older render still
 * (`domClaims`: the claim numbers its elements carry, in layer order).
 */
function keepBlock(old, st, ob, b) {
  const el = old.blocks[ob];
  st.blocks[b] = el;
  const stale = !!old.patch && old.patch.has(ob);
  if (!old.done[ob] && !stale) return; // plain text: marked up later, as any new block
  const k0 = st.bSeg[b];
  const n = st.bSeg[b + 1] - k0;
  const ok0 = old.bSeg[ob];
  if (old.bSeg[ob + 1] - ok0 !== n) { // cannot happen with equal signatures; rebuild to be safe
    el.replaceChildren(st.doc.createTextNode(st.text.slice(st.bPos[b], st.bPos[b + 1])));
    return;
  }
  for (let t = 0; t < n; t++) {
    st.segEls[k0 + t] = old.segEls[ok0 + t];
    const g = old.gapEls[ok0 + t];
    if (g) st.gapEls[k0 + t] = g;
  }
  const oc = old.bClaims[ob];
  const dc = old.domClaims[ob];
  const nc = st.bClaims[b];
  let moved = null;
  for (let j = 0; j < nc.length; j++) {
    if (dc[j] !== nc[j]) (moved ||= new Map()).set(dc[j], nc[j]);
    const chip = old.chipEls[oc[j]];
    if (chip && chip.parentNode === el) st.chipEls[nc[j]] = chip;
  }
  st.domClaims[b] = dc;
  if (moved || stale || (st.bHeads[b].length && old.nC !== st.nC)) {
    (st.patch ||= new Map()).set(b, moved);
    return;
  }
  st.done[b] = 1;
  st.pending--;
}

/** Writes the new claim numbers into kept block `b` (see keepBlock). */
function patchBlock(st, b, moved) {
  const el = st.blocks[b];
  if (moved) {
    for (const d of el.querySelectorAll("[data-claim]")) {
      const i = moved.get(+d.getAttribute("data-claim"));
      if (i !== undefined) d.setAttribute("data-claim", String(i));
    }
  }
  const heads = st.bHeads[b];
  if (heads.length) {
    const hs = el.querySelectorAll(".claim-head");
    for (let j = 0; j < hs.length && j < heads.length; j++) {
      const i = heads[j];
      hs[j].setAttribute("aria-description", descOf(st, i));
    }
  }
  st.patch.delete(b);
  st.domClaims[b] = st.bClaims[b];
  st.done[b] = 1;
  st.pending--;
}

/** Makes block `b` final: patches a kept block's claim numbers, or marks a plain one up. */
function finish(st, b) {
  if (st.done[b]) return;
  if (st.patch && st.patch.has(b)) patchBlock(st, b, st.patch.get(b));
  else fillBlock(st, b, st.blocks[b]);
}

function mount(container, text, ann, from, eagerChars, observe, prepared = null, groups = null) {
  const old = states.get(container);
  if (old && old.io) old.io.disconnect();
  const doc = container.ownerDocument;
  let p = prepared;
  if (p && p.n === text.length) {
    if (p.pieces) adopt(p);
  } else {
    p = plan(text, typeof ann === "function" ? ann() : ann);
    sign(p);
  }
  const st = {
    ...p,
    text,
    annOf: typeof ann === "function" ? ann : () => ann, // the annotations (a function: parsed when first asked for)
    doc,
    container,
    groups, // clustersOf(ann), when first asked for unless given
    segEls: new Array(p.pts.length),
    gapEls: new Array(p.pts.length), // a segment's leading spaces after a tag, when they have an element of their own
    chipEls: new Array(p.nC).fill(null),
    blocks: new Array(p.nb),
    act: new Int32Array(p.L + 1), // the layers covering the current segment
    done: new Uint8Array(p.nb),
    pending: p.nb,
    io: null,
    patch: null, // kept blocks whose claim numbers are still to be written (see keepBlock)
    domClaims: new Array(p.nb), // per marked-up block, the claim numbers its elements carry
    made: 0, // block elements made anew by this render (the others were kept)
  };
  const eager = (b) => (p.bPos[b + 1] > from && p.bPos[b] < from + eagerChars) || p.nb === 1;
  const keep = intact(old, container) && old.doc === doc ? matchBlocks(old, st) : null;
  if (keep) {
    // Highlights belong to the last result.
    if (container.classList.contains("has-lit")) {
      for (const el of container.querySelectorAll(".lit")) el.classList.remove("lit");
      container.classList.remove("has-lit");
    }
    const kept = new Uint8Array(old.nb);
    for (let b = 0; b < p.nb; b++) if (keep[b] >= 0) kept[keep[b]] = 1;
    for (let ob = 0; ob < old.nb; ob++) if (!kept[ob]) old.blocks[ob].remove();
    // The kept elements are in text order: insert the new ones between them.
    let cur = container.firstChild;
    for (let b = 0; b < p.nb; b++) {
      if (keep[b] >= 0) {
        keepBlock(old, st, keep[b], b);
        if (eager(b)) finish(st, b);
        cur = st.blocks[b].nextSibling;
        continue;
      }
      const el = doc.createElement("div");
      el.className = "blk";
      st.blocks[b] = el;
      st.made++;
      if (eager(b)) fillBlock(st, b, el);
      else plainBlock(st, b, el);
      container.insertBefore(el, cur);
    }
  } else {
    const frag = doc.createDocumentFragment();
    for (let b = 0; b < p.nb; b++) {
      const el = doc.createElement("div");
      el.className = "blk";
      st.blocks[b] = el;
      if (eager(b)) fillBlock(st, b, el);
      else plainBlock(st, b, el);
      frag.appendChild(el);
    }
    st.made = p.nb;
    container.replaceChildren(frag);
  }
  container.classList.add("annotated");
  states.set(container, st);
  if (st.pending && observe && typeof IntersectionObserver === "function") {
    // Blocks coming near the viewport are marked up before they show.
    st.io = new IntersectionObserver((entries) => {
      for (const en of entries) {
        if (!en.isIntersecting) continue;
        const b = st.blocks.indexOf(en.target);
        st.io.unobserve(en.target);
        if (b >= 0) finish(st, b);
      }
      if (!st.pending) st.io.disconnect();
    }, { rootMargin: "100% 0px" });
    for (let b = 0; b < p.nb; b++) if (!st.done[b]) st.io.observe(st.blocks[b]);
  }
  return st;
}

/** How many block elements the last render of `container` made anew, and how many it has. */
export function renderStats(container) {
  const st = states.get(container);
  return st ? { blocks: st.nb, made: st.made, kept: st.nb - st.made } : null;
}

/**
 * Renders `text` with `ann` into `container` (its children are replaced), all at once.
 * Returns the container. `container.textContent === text` afterwards.
 */
export function renderAnnotated(container, text, ann) {
  mount(container, text, ann, 0, Infinity, false);
  return container;
}

/**
 * Renders the blocks holding the `eager` characters (default 2500) from offset `from`
 * (default 0: what a reader sees first) with their marks at once, and the rest as plain
 * text, marked up when it comes near the viewport (an IntersectionObserver) or when
 * `upgradeSome` / `upgradeAll` run. The text is complete (textContent equals `text`) from
 * the start. Returns the number of blocks left to mark up.
 *
 * `plan`: what `prepare(text, ann)` made (e.g. in a worker), so that no annotation object is
 * read here; `ann` may then be a function that returns it when first needed (`renderedIndex`),
 * and `groups` the `clustersOf(ann)` made with the plan.
 */
export function renderVisible(container, text, ann, { from = 0, eager = 2500, plan = null, groups = null } = {}) {
  return mount(container, text, ann, from, eager, true, plan, groups).pending;
}

/**
 * The text offset where the rendered view of `container` is first visible in the viewport
 * (the start of the first block on screen; 0 when none is or nothing was rendered), for
 * the next `renderVisible` to start there.
 */
export function visibleOffset(container) {
  const st = states.get(container);
  if (!st) return 0;
  const h = container.ownerDocument.documentElement.clientHeight;
  // Blocks are in document order: the first whose bottom is below the viewport's top.
  let lo = 0;
  let hi = st.nb;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (st.blocks[mid].getBoundingClientRect().bottom <= 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= st.nb || st.blocks[lo].getBoundingClientRect().top >= h) return 0;
  return st.bPos[lo];
}

/** Marks up blocks in text order until `budgetMs` have passed; returns the number left. */
export function upgradeSome(container, budgetMs = 8) {
  const st = states.get(container);
  if (!st) return 0;
  const t0 = performance.now();
  for (let b = 0; b < st.nb && st.pending; b++) {
    if (st.done[b]) continue;
    if (st.io) st.io.unobserve(st.blocks[b]);
    finish(st, b);
    if (performance.now() - t0 > budgetMs) break;
  }
  if (!st.pending && st.io) st.io.disconnect();
  return st.pending;
}

/** Marks up every block still holding plain text. */
export function upgradeAll(container) {
  upgradeSome(container, Infinity);
}

/** Marks up the blocks next to the one holding `el` (one before, two after). */
export function upgradeAround(container, el) {
  const st = states.get(container);
  if (!st || !st.pending) return;
  let blk = el;
  while (blk && blk.parentNode !== container) blk = blk.parentNode;
  const b = blk ? st.blocks.indexOf(blk) : -1;
  if (b < 0) return;
  ensure(st, st.bPos[Math.max(0, b - 1)], st.bPos[Math.min(st.nb, b + 3)]);
}

/** The fraction of the text marked up so far (1 when done). */
export function progressOf(container) {
  const st = states.get(container);
  return st ? 1 - st.pending / Math.max(1, st.nb) : 1;
}

/** Marks up the blocks holding [start, end). */
function ensure(st, start, end) {
  for (let b = Math.max(0, lowerBound(st.bPos, start + 1) - 1); b < st.nb && st.bPos[b] < end; b++) {
    if (!st.done[b]) {
      if (st.io) st.io.unobserve(st.blocks[b]);
      finish(st, b);
    }
  }
}

/** The elements of the segments inside [start, end), marking their blocks up first. */
function segmentsIn(st, start, end, out) {
  ensure(st, start, end);
  const k1 = lowerBound(st.pts, end);
  for (let k = lowerBound(st.pts, start); k < k1; k++) {
    if (st.gapEls[k]) out.push(st.gapEls[k]);
    if (st.segEls[k]) out.push(st.segEls[k]);
  }
  return out;
}

/**
 * What the last render of `container` produced: clusters, and the elements of each entity
 * mention, claim and claim chip (`entityEls(i)`, `claimEls(i)`, `chipEl(i)`), made on demand.
 */
export function renderedIndex(container) {
  const st = states.get(container);
  if (!st) return null;
  if (!st.groups) st.groups = clustersOf(st.annOf());
  return {
    text: st.text,
    get ann() { return st.annOf(); },
    clusters: st.groups.clusters,
    ofEntity: st.groups.ofEntity,
    entityEls: (i) => (i >= 0 && i < st.nE ? segmentsIn(st, st.entPos[2 * i], st.entPos[2 * i + 1], []) : []),
    claimEls: (i) => (i >= 0 && i < st.nC ? segmentsIn(st, st.claimPos[2 * i], st.claimPos[2 * i + 1], []) : []),
    chipEl: (i) => {
      if (i >= 0 && i < st.nC) ensure(st, st.claimPos[2 * i + 1] - 1, st.claimPos[2 * i + 1]);
      return st.chipEls[i] || null;
    },
  };
}

/** Where a mark element's text starts in the rendered text (-1 if it is not in a block). */
function offsetOf(st, el) {
  const blk = el.parentNode;
  const b = st.blocks.indexOf(blk);
  if (b < 0) return -1;
  let off = st.bPos[b];
  for (let s = el.previousSibling; s; s = s.previousSibling) off += s.textContent.length;
  return off;
}

/**
 * What a mark of a rendered view stands for, worked out from its place in the text:
 * {entity, entities, claim, claims, head, cue, source, viasource, viacue} as indexes into
 * the annotations (entity/claim: the innermost; head: the claim starting here), or null.
 * Decorations (tags, chips, stance tags) answer for the span they follow.
 */
export function markInfo(container, el) {
  const st = states.get(container);
  if (!st || !el) return null;
  if (el.dataset && el.dataset.claim !== undefined) {
    const i = +el.dataset.claim;
    return { entities: [], claims: [i], claim: i, head: undefined, decoration: true };
  }
  const off = offsetOf(st, el);
  if (off < 0) return null;
  const deco = el.classList.contains("tag");
  const at = deco ? off - 1 : off;
  const info = { entities: [], claims: [], entity: undefined, claim: undefined, head: undefined, decoration: deco };
  let ent = -1;
  let claim = -1;
  const { ls, le, lk, li } = st;
  for (let x = 0; x < st.L; x++) {
    if (ls[x] > at || le[x] <= at) continue;
    const k = lk[x];
    if (deco && (k !== ENT || le[x] !== off)) continue;
    if (k === ENT) {
      info.entities.push(li[x]);
      if (ent < 0 || le[x] - ls[x] < le[ent] - ls[ent]) ent = x;
    } else if (k === CLAIM) {
      info.claims.push(li[x]);
      if (claim < 0 || le[x] - ls[x] < le[claim] - ls[claim]) claim = x;
      if (ls[x] === off && (info.head === undefined || li[x] < info.head)) info.head = li[x];
    } else info[LAYER_NAMES[k]] = li[x];
  }
  if (ent >= 0) info.entity = li[ent];
  if (claim >= 0) info.claim = li[claim];
  info.entities.sort((x, y) => x - y);
  info.claims.sort((x, y) => x - y);
  return info;
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

/** Per legend element: what its buttons show, the view they toggle, and the last `onChange`. */
const legendKeys = new WeakMap();
const legendViews = new WeakMap();
const legendChange = new WeakMap();

/**
 * Entity label -> number of mentions, in order of first mention: from `ann`, or from a summary
 * made with it ({labelCounts: [[label, count]...]}, see panels.js `panelModel`).
 */
export function labelCounts(ann) {
  if (ann.labelCounts) return new Map(ann.labelCounts);
  const counts = new Map();
  for (const e of ann.entities || []) counts.set(e.label, (counts.get(e.label) || 0) + 1);
  return counts;
}

/**
 * The legend: one toggle button per entity label present (with its count), plus toggles
 * for claims and the label tags. Buttons carry aria-pressed; clicking one hides or shows
 * that layer in `view`. `onChange(layer, on)` is called after each toggle.
 */
export function renderLegend(legend, view, ann, onChange) {
  const doc = legend.ownerDocument;
  const counts = labelCounts(ann);
  const nClaims = ann.attributions ? ann.attributions.length : ann.nClaims || 0;
  // The same counts for the same view: the buttons there say it already (typing in a long
  // text would rebuild them on every answer).
  const key = `${[...counts].join(";")}|${nClaims}|${view.id}`;
  if (legendKeys.get(legend) === key && legend.childNodes.length && legendViews.get(legend) === view) {
    legendChange.set(legend, onChange);
    return legend;
  }
  legendKeys.set(legend, key);
  legendViews.set(legend, view);
  legendChange.set(legend, onChange);
  const frag = doc.createDocumentFragment();
  const button = (layer, cls, swatch, name, count, title) => {
    const b = doc.createElement("button");
    b.type = "button";
    b.className = "toggle " + cls;
    b.dataset.layer = layer;
    const on = layerShown(view, layer);
    b.setAttribute("aria-pressed", String(on));
    b.title = title;
    // Read as "Person, 10 marks" (the swatch's tag is visual; the pressed state says shown or hidden).
    b.setAttribute("aria-label", count === null ? name : `${name}, ${count} ${layer === "claims" ? "claims" : count === 1 ? "mark" : "marks"}`);
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
      const changed = legendChange.get(legend);
      if (changed) changed(layer, now);
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
  button("claims", "lg-claims", "abc", "Claims", nClaims, "Show or hide claim underlines, cues and source chips");
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
  for (const i of entities) els.push(...idx.entityEls(i));
  for (const i of claims) {
    els.push(...idx.claimEls(i));
    const chip = idx.chipEl(i);
    if (chip) els.push(chip);
  }
  for (const el of els) el.classList.add("lit");
  if (els.length) view.classList.add("has-lit");
  // Document order (a claim's chip after its text, entities and claims interleaved).
  els.sort((x, y) => (x === y ? 0 : x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return els;
}
