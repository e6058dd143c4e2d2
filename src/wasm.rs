//! The only module that touches wasm-bindgen: the JavaScript entry points.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Annotates `text` and returns the annotations as a plain JavaScript object
/// (the schema in the README). Offsets are UTF-16 code units, as `slice` takes.
#[wasm_bindgen]
pub fn annotate(text: &str) -> Result<JsValue, JsValue> {
    let ann = crate::annotate(text);
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&ann, &ser).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The crate version, for the page's footer and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
