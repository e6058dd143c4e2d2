//! Headless-browser tests of strings that are not valid UTF-16: a paste can
//! carry lone surrogates, which wasm-bindgen turns into U+FFFD on the way in.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// A JS string from raw UTF-16 units (which may be lone surrogates).
fn js_units(units: &[u16]) -> JsString {
    JsString::from_char_code(units)
}

fn units(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

#[wasm_bindgen_test]
fn lone_surrogates_do_not_shift_offsets_and_text_stays_the_js_slice() {
    // "\uD800 Masoud Pezeshkian met \uDC00Abbas Araqchi in Baghdad \uD83D." with lone halves.
    let mut u = vec![0xD800u16];
    u.extend(units(" Masoud Pezeshkian met Abbas Araqchi in Baghdad on Wednesday. \u{201c}We agree,\u{201d} he said "));
    u.push(0xDC00);
    u.extend(units(" in Tehran."));
    let input = js_units(&u);
    assert!(!input.is_valid_utf16());
    let ann = article_annotator::wasm::annotate_js(&input).unwrap();
    let ents = Array::from(&get(&ann, "entities"));
    assert!(ents.length() >= 3, "names found around lone surrogates");
    let mut seen = Vec::new();
    for e in ents.iter() {
        let (s, t) = (
            get(&e, "start").as_f64().unwrap() as u32,
            get(&e, "end").as_f64().unwrap() as u32,
        );
        let text: JsString = get(&e, "text").into();
        assert_eq!(text, input.slice(s, t), "entity text equals the JS slice");
        seen.push(String::from(text));
    }
    assert!(seen.iter().any(|t| t == "Masoud Pezeshkian"), "{seen:?}");
    assert!(seen.iter().any(|t| t == "Tehran"), "{seen:?}");
    for a in Array::from(&get(&ann, "attributions")).iter() {
        let c = get(&a, "content");
        let (s, t) = (
            get(&c, "start").as_f64().unwrap() as u32,
            get(&c, "end").as_f64().unwrap() as u32,
        );
        assert_eq!(JsString::from(get(&c, "text")), input.slice(s, t));
    }
}

#[wasm_bindgen_test]
fn a_span_containing_a_lone_surrogate_keeps_it_in_its_text() {
    // A quote whose content holds a lone high surrogate.
    let mut u = units("\u{201c}Talks ");
    u.push(0xD83D);
    u.extend(units(" will go on,\u{201d} said Abbas Araqchi."));
    let input = js_units(&u);
    let ann = article_annotator::wasm::annotate_js(&input).unwrap();
    let quotes: Vec<JsValue> = Array::from(&get(&ann, "attributions"))
        .iter()
        .filter(|a| get(a, "quote").as_bool() == Some(true))
        .collect();
    assert!(!quotes.is_empty(), "the quote is found");
    let c = get(&quotes[0], "content");
    let text = JsString::from(get(&c, "text"));
    let (s, t) = (
        get(&c, "start").as_f64().unwrap() as u32,
        get(&c, "end").as_f64().unwrap() as u32,
    );
    assert_eq!(text, input.slice(s, t));
    assert!(
        !text.is_valid_utf16(),
        "the lone surrogate is kept, not replaced"
    );
}
