//! The only module that touches wasm-bindgen: the JavaScript entry points.
//!
//! Built by `wasm-pack build` (npm package, TypeScript types below) and by
//! `scripts/build-wasm` (the page). From JavaScript:
//!
//! ```js
//! import { annotate, annotateJson } from "article-annotator";
//! const ann = annotate(text);            // typed as Annotations
//! for (const e of ann.entities) console.log(e.label, text.slice(e.start, e.end));
//! const bytes = annotateJson(text);      // the same, as JSON in UTF-8 (to store or send on)
//! ```
//!
//! How the object is made: the core's answer crosses the boundary as one array of
//! integers (offsets, label numbers, counts) and one string of names, and a small
//! JavaScript function (`build`, below) makes the objects from them, slicing every `text` from
//! the caller's own string. Building it field by field from Rust (serde-wasm-bindgen) took
//! several JavaScript calls per field; a JSON string and `JSON.parse` was no faster
//! (`JSON.parse` of 4.9 MB of annotations takes ~40 ms under Node, the builder ~2 ms).

use crate::model::{Annotations, Attribution, Label, SourceKind, Span, Stance};
use js_sys::{JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

// The TypeScript form of the JSON contract in `src/model.rs`; `annotate` returns `Annotations`.
// tests/node checks these declarations against what `annotate` really returns.
#[wasm_bindgen(typescript_custom_section)]
const ANNOTATIONS_TS: &'static str = r#"
/** A span of the input: UTF-16 code units, end exclusive; `text === input.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A span without its text (sentences). */
export interface Range {
  start: number;
  end: number;
}

/** Entity labels, OntoNotes style, plus `TITLE` for roles ("Prime Minister"). */
export type Label =
  | "PERSON" | "ORG" | "GPE" | "LOC" | "FAC" | "NORP" | "EVENT" | "PRODUCT" | "WORK_OF_ART"
  | "LAW" | "LANGUAGE" | "DATE" | "TIME" | "MONEY" | "PERCENT" | "CARDINAL" | "ORDINAL"
  | "QUANTITY" | "TITLE";

/** What kind of source a claim rests on. */
export type SourceKind =
  | "person" | "organization" | "office" | "media" | "state_media" | "anonymous" | "document"
  | "unattributed";

/** How the cue presents the claim: "said" (neutral), "revealed" (assertive), "alleged" (hedged), "denied" (denial). */
export type Stance = "neutral" | "assertive" | "hedged" | "denial";

/** One entity mention. */
export interface Entity {
  start: number;
  end: number;
  label: Label;
  text: string;
  /** Index into `Annotations.clusters`. */
  cluster: number | null;
}

/** All mentions of one referent. */
export interface Cluster {
  id: number;
  /** The fullest name the document uses ("Angela Merkel"). */
  name: string;
  label: Label;
  mentions: number;
}

/** The outlet or channel that relays a statement made by someone else. */
export interface Relay {
  source: Span;
  source_kind: SourceKind;
  cue: Span | null;
}

/** One reported statement: who says it, how, what, and on what kind of word. */
export interface Attribution {
  source: Span | null;
  source_kind: SourceKind | null;
  /** The canonical name the source resolves to ("Olaf Scholz" for "he"). */
  source_name: string | null;
  /** The entity cluster the source resolves to. */
  source_cluster: number | null;
  cue: Span | null;
  cue_stance: Stance | null;
  content: Span;
  /** The pieces of `content` without its own inner source and cue; never empty. */
  content_parts: Span[];
  /** True when the content is a direct quotation. */
  quote: boolean;
  /** "X noted ... as reported by state media": source X, `via` state media. */
  via: Relay | null;
}

/** Everything the core finds in one text. */
export interface Annotations {
  /** Sorted by start, then longer first. */
  entities: Entity[];
  /** Sorted by content start. */
  attributions: Attribution[];
  clusters: Cluster[];
  /** Sentence spans, sorted and disjoint. */
  sentences: Range[];
}
"#;

// The builder. `n` is a view of the wasm memory (read at once, before anything can grow
// it); `names` holds the cluster names and source names, which need not be slices of the
// text. Object literals keep the field order of the JSON (`src/model.rs`), so
// `JSON.stringify(annotate(text))` is byte for byte the core's JSON. The label, kind and
// stance names come from Rust once (`vocab`), so they are written in one place.
#[wasm_bindgen(inline_js = r#"
let LABELS = [], KINDS = [], STANCES = [];
export function vocab(labels, kinds, stances) {
  LABELS = labels.split(","); KINDS = kinds.split(","); STANCES = stances.split(",");
}
export function build(text, n, names) {
  const ne = n[0], na = n[1], nc = n[2], ns = n[3];
  let i = 4;
  const span = () => {
    const s = n[i], e = n[i + 1];
    i += 2;
    return s < 0 ? null : { start: s, end: e, text: text.slice(s, e) };
  };
  const entities = [], attributions = [], clusters = [], sentences = [];
  for (let k = 0; k < ne; k++, i += 4) {
    const s = n[i], e = n[i + 1], c = n[i + 3];
    entities.push({ start: s, end: e, label: LABELS[n[i + 2]], text: text.slice(s, e), cluster: c < 0 ? null : c });
  }
  for (let k = 0; k < na; k++) {
    const source = span();
    const kind = n[i], nameAt = n[i + 1], nameEnd = n[i + 2], cluster = n[i + 3];
    i += 4;
    const cue = span();
    const stance = n[i++];
    const content = span();
    const parts = [];
    for (let p = n[i++]; p > 0; p--) parts.push(span());
    const quote = n[i++] === 1;
    let via = null;
    if (n[i++] === 1) {
      const vs = span();
      const vk = KINDS[n[i++]];
      via = { source: vs, source_kind: vk, cue: span() };
    }
    attributions.push({
      source, source_kind: kind < 0 ? null : KINDS[kind],
      source_name: nameAt < 0 ? null : names.slice(nameAt, nameEnd),
      source_cluster: cluster < 0 ? null : cluster,
      cue, cue_stance: stance < 0 ? null : STANCES[stance],
      content, content_parts: parts, quote, via,
    });
  }
  for (let k = 0; k < nc; k++, i += 5) {
    clusters.push({ id: n[i], name: names.slice(n[i + 1], n[i + 2]), label: LABELS[n[i + 3]], mentions: n[i + 4] });
  }
  for (let k = 0; k < ns; k++, i += 2) sentences.push({ start: n[i], end: n[i + 1] });
  return { entities, attributions, clusters, sentences };
}
"#)]
extern "C" {
    fn vocab(labels: &str, kinds: &str, stances: &str);
    fn build(text: &JsString, n: &[i32], names: &str) -> JsValue;
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Sends the builder the label, kind and stance names, once. Not from `start`: a program that
/// links this crate as a library (the wasm-bindgen tests) does not run its start function.
fn send_vocab() {
    static SENT: std::sync::Once = std::sync::Once::new();
    SENT.call_once(|| {
        let join =
            |names: &mut dyn Iterator<Item = &'static str>| names.collect::<Vec<_>>().join(",");
        vocab(
            &join(&mut Label::ALL.iter().map(|l| l.as_str())),
            &join(&mut SourceKind::ALL.iter().map(|k| k.as_str())),
            &join(&mut Stance::ALL.iter().map(|s| s.as_str())),
        );
    });
}

/// Annotates `text` and returns the annotations as a plain JavaScript object
/// (the schema in the README; typed as `Annotations`). Offsets are UTF-16 code
/// units, as `String.prototype.slice` takes them.
///
/// A JavaScript string need not be valid UTF-16: a paste can carry a lone
/// surrogate. It reaches Rust as U+FFFD, which is also one UTF-16 unit, so
/// every offset stays right; the `text` fields are sliced from the original
/// string, so that `text === input.slice(start, end)` still holds.
#[wasm_bindgen(js_name = annotate, unchecked_return_type = "Annotations")]
pub fn annotate_js(text: &JsString) -> Result<JsValue, JsValue> {
    let ann = crate::annotate(&String::from(text));
    Ok(to_object(&ann, text))
}

/// [`annotate_js`] for a Rust string: the annotations as a JavaScript object.
pub fn annotate(text: &str) -> Result<JsValue, JsValue> {
    Ok(to_object(&crate::annotate(text), &JsString::from(text)))
}

/// Annotates `text` and returns the annotations as JSON in UTF-8 bytes: exactly
/// `new TextEncoder().encode(JSON.stringify(annotate(text)))`, made without any
/// JavaScript object, for a caller that stores or sends the answer on rather than reads it.
#[wasm_bindgen(js_name = annotateJson)]
pub fn annotate_json_js(text: &JsString) -> Vec<u8> {
    let rust_text = String::from(text);
    json(&crate::annotate(&rust_text), &rust_text, text)
}

/// Both at once, from one run of the core: `{annotations, json}`, the object
/// `annotate` returns and the bytes `annotateJson` returns. For the page's worker, which
/// reads the object (to plan the drawing) and sends the JSON on.
#[wasm_bindgen(
    js_name = annotateWithJson,
    unchecked_return_type = "{ annotations: Annotations; json: Uint8Array }"
)]
pub fn annotate_with_json_js(text: &JsString) -> Result<JsValue, JsValue> {
    let rust_text = String::from(text);
    let ann = crate::annotate(&rust_text);
    let both = Object::new();
    Reflect::set(&both, &"annotations".into(), &to_object(&ann, text))?;
    let bytes = json(&ann, &rust_text, text);
    Reflect::set(&both, &"json".into(), &Uint8Array::from(&bytes[..]))?;
    Ok(both.into())
}

/// The annotations as a JavaScript object, the span texts sliced from `original`.
fn to_object(ann: &Annotations, original: &JsString) -> JsValue {
    send_vocab();
    let mut names = String::new();
    let n = encode(ann, &mut names);
    build(original, &n, &names)
}

/// The annotations as JSON in UTF-8. When `original` held lone surrogates (they reached
/// `converted` as U+FFFD), its texts must be the original's slices, which UTF-8 cannot carry:
/// the object (sliced from the original) is serialized by `JSON.stringify` instead, which
/// writes a lone surrogate as a `\ud800` escape.
fn json(ann: &Annotations, converted: &str, original: &JsString) -> Vec<u8> {
    if has_lone_surrogate(converted, original) {
        if let Ok(s) = js_sys::JSON::stringify(&to_object(ann, original)) {
            return String::from(s).into_bytes();
        }
    }
    // Serializing these plain structs (strings, numbers, options) cannot fail.
    serde_json::to_vec(ann).unwrap_or_default()
}

/// Whether `original` held a lone surrogate, which reached Rust as U+FFFD in `converted`.
/// `JsString::is_valid_utf16` reads the string with one JavaScript call per UTF-16 unit, so
/// it runs only when there is a U+FFFD at all (a lone surrogate always becomes one).
fn has_lone_surrogate(converted: &str, original: &JsString) -> bool {
    converted.contains('\u{FFFD}') && !original.is_valid_utf16()
}

/// The annotations as the builder reads them: integers, -1 for none, names as UTF-16
/// offsets into `names`. The order is the one `build` reads: a header of counts, then the entities,
/// attributions, clusters and sentences.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn encode(ann: &Annotations, names: &mut String) -> Vec<i32> {
    let mut n: Vec<i32> = Vec::with_capacity(
        4 + 4 * ann.entities.len()
            + 24 * ann.attributions.len()
            + 5 * ann.clusters.len()
            + 2 * ann.sentences.len(),
    );
    let mut units = 0i32; // `names`'s length in UTF-16 units
    let mut name = |n: &mut Vec<i32>, s: Option<&str>| match s {
        Some(s) => {
            names.push_str(s);
            let at = units;
            units += s.encode_utf16().count() as i32;
            n.extend([at, units]);
        }
        None => n.extend([-1, -1]),
    };
    let opt = |x: Option<u32>| x.map_or(-1, |x| x as i32);
    let span = |n: &mut Vec<i32>, s: Option<&Span>| match s {
        Some(s) => n.extend([s.start as i32, s.end as i32]),
        None => n.extend([-1, -1]),
    };
    // label, kind and stance numbers are the enums' own (their `ALL` order, which
    // `send_vocab` sends to the builder)
    let kind = |k: SourceKind| k as i32;
    let label = |l: Label| l as i32;
    n.extend(
        [
            ann.entities.len(),
            ann.attributions.len(),
            ann.clusters.len(),
            ann.sentences.len(),
        ]
        .map(|x| x as i32),
    );
    for e in &ann.entities {
        n.extend([e.start as i32, e.end as i32, label(e.label), opt(e.cluster)]);
    }
    for a in &ann.attributions {
        let Attribution {
            source,
            source_kind,
            source_name,
            source_cluster,
            cue,
            cue_stance,
            content,
            content_parts,
            quote,
            via,
        } = a;
        span(&mut n, source.as_ref());
        n.push(source_kind.map_or(-1, kind));
        name(&mut n, source_name.as_deref());
        n.push(opt(*source_cluster));
        span(&mut n, cue.as_ref());
        n.push(cue_stance.map_or(-1, |s| s as i32));
        span(&mut n, Some(content));
        n.push(content_parts.len() as i32);
        for p in content_parts {
            span(&mut n, Some(p));
        }
        n.push(*quote as i32);
        match via {
            Some(v) => {
                n.push(1);
                span(&mut n, Some(&v.source));
                n.push(kind(v.source_kind));
                span(&mut n, v.cue.as_ref());
            }
            None => n.push(0),
        }
    }
    for c in &ann.clusters {
        n.push(c.id as i32);
        name(&mut n, Some(&c.name));
        n.extend([label(c.label), c.mentions as i32]);
    }
    for s in &ann.sentences {
        n.extend([s.start as i32, s.end as i32]);
    }
    n
}

/// The crate version, for the page's footer and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
