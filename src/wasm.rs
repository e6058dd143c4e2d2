//! The only module that touches wasm-bindgen: the JavaScript entry points.
//!
//! Built by `wasm-pack build` (npm package, TypeScript types below) and by
//! `scripts/build-wasm` (the page). From JavaScript:
//!
//! ```js
//! import { annotate } from "article-annotator";
//! const ann = annotate(text);            // typed as Annotations
//! for (const e of ann.entities) console.log(e.label, text.slice(e.start, e.end));
//! ```

use js_sys::{Array, JsString, Reflect};
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

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Annotates `text` and returns the annotations as a plain JavaScript object
/// (the schema in the README; typed as `Annotations`). Offsets are UTF-16 code
/// units, as `String.prototype.slice` takes them.
///
/// A JavaScript string need not be valid UTF-16: a paste can carry a lone
/// surrogate. It reaches Rust as U+FFFD, which is also one UTF-16 unit, so
/// every offset stays right; the `text` fields are then sliced again from the
/// original string, so that `text === input.slice(start, end)` still holds.
#[wasm_bindgen(js_name = annotate, unchecked_return_type = "Annotations")]
pub fn annotate_js(text: &JsString) -> Result<JsValue, JsValue> {
    let rust_text: String = text.into();
    let value = annotate(&rust_text)?;
    if !text.is_valid_utf16() {
        reslice_texts(&value, text)?;
    }
    Ok(value)
}

/// [`annotate_js`] for a Rust string: the annotations as a JavaScript object.
pub fn annotate(text: &str) -> Result<JsValue, JsValue> {
    let ann = crate::annotate(text);
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&ann, &ser).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Sets every span's `text` to `original.slice(start, end)`.
fn reslice_texts(ann: &JsValue, original: &JsString) -> Result<(), JsValue> {
    let key = |k: &str| JsValue::from_str(k);
    let fix = |span: &JsValue| -> Result<(), JsValue> {
        if span.is_object() {
            let start = Reflect::get(span, &key("start"))?.as_f64().unwrap_or(0.0) as u32;
            let end = Reflect::get(span, &key("end"))?.as_f64().unwrap_or(0.0) as u32;
            Reflect::set(span, &key("text"), &original.slice(start, end))?;
        }
        Ok(())
    };
    for e in Array::from(&Reflect::get(ann, &key("entities"))?).iter() {
        fix(&e)?;
    }
    for a in Array::from(&Reflect::get(ann, &key("attributions"))?).iter() {
        for part in ["source", "cue", "content"] {
            fix(&Reflect::get(&a, &key(part))?)?;
        }
        for p in Array::from(&Reflect::get(&a, &key("content_parts"))?).iter() {
            fix(&p)?;
        }
        let via = Reflect::get(&a, &key("via"))?;
        if via.is_object() {
            fix(&Reflect::get(&via, &key("source"))?)?;
            fix(&Reflect::get(&via, &key("cue"))?)?;
        }
    }
    Ok(())
}

/// The crate version, for the page's footer and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
