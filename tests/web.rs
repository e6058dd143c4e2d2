//! Headless-browser tests (`wasm-pack test --headless --chrome`): the exported
//! `annotate` as JavaScript sees it, and the real renderer on the real DOM.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/www/render.js")]
extern "C" {
    #[wasm_bindgen(js_name = renderAnnotated)]
    fn render_annotated(container: &web_sys::Element, text: &str, ann: &JsValue) -> web_sys::Element;
}

const SEED: &str = include_str!("../data/examples/seed-article.txt");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn num(v: &JsValue, key: &str) -> u32 {
    get(v, key).as_f64().unwrap() as u32
}

/// Every span's `text` equals JavaScript's slice of the input at its offsets.
fn assert_spans_match_js_slices(input: &str, ann: &JsValue) -> usize {
    let js = JsString::from(input);
    let mut checked = 0;
    let check = |span: &JsValue| {
        let (s, e) = (num(span, "start"), num(span, "end"));
        let text = get(span, "text").as_string().unwrap();
        assert_eq!(String::from(js.slice(s, e)), text, "span {s}..{e}");
    };
    for e in Array::from(&get(ann, "entities")).iter() {
        check(&e);
        checked += 1;
    }
    for a in Array::from(&get(ann, "attributions")).iter() {
        for part in ["content", "source", "cue"] {
            let p = get(&a, part);
            if !p.is_null() && !p.is_undefined() {
                check(&p);
                checked += 1;
            }
        }
    }
    checked
}

#[wasm_bindgen_test]
fn offsets_are_js_slices_with_emoji_and_curly_quotes() {
    let input = "😀🇮🇷 Masoud Pezeshkian met Mohammed al-Sudani.\n\u{201c}We will act,\u{201d} said Abbas Araqchi on Wednesday.";
    let ann = article_annotator::wasm::annotate(input).unwrap();
    let n = assert_spans_match_js_slices(input, &ann);
    assert!(n >= 3, "expected entities and a quote, checked {n}");
    // The first name starts after two emoji (2 + 4 UTF-16 units) and a space.
    let first = Array::from(&get(&ann, "entities")).get(0);
    assert_eq!(get(&first, "text").as_string().unwrap(), "Masoud Pezeshkian");
    assert_eq!(num(&first, "start"), 7);
}

#[wasm_bindgen_test]
fn seed_article_offsets_match_js() {
    let ann = article_annotator::wasm::annotate(SEED).unwrap();
    assert!(assert_spans_match_js_slices(SEED, &ann) > 20);
}

fn render(input: &str) -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    let ann = article_annotator::wasm::annotate(input).unwrap();
    render_annotated(&div, input, &ann)
}

#[wasm_bindgen_test]
fn rendered_text_equals_input_exactly() {
    for input in [
        SEED,
        "",
        "plain text with nothing in it",
        "Crlf\r\nline \u{0} NUL and \u{202e}RTL override\u{202c} and <script>window.pwned=1</script> <b>bold</b>",
        "مسعود پزشکیان said \u{201c}سلام\u{201d} to Müller 👩‍👩‍👧",
    ] {
        let el = render(input);
        assert_eq!(el.text_content().unwrap(), input);
    }
}

#[wasm_bindgen_test]
fn markup_in_the_input_is_shown_as_text_not_parsed() {
    let el = render("Iran said <img src=x onerror=\"window.pwned=1\"> and <b>Tehran</b>");
    assert_eq!(el.query_selector_all("img, b, script").unwrap().length(), 0);
    let pwned = Reflect::get(&js_sys::global(), &JsValue::from_str("pwned")).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
fn entities_become_marked_elements() {
    let el = render(SEED);
    let marks = el.query_selector_all(".ent").unwrap();
    assert!(marks.length() > 10);
    let first: web_sys::Element = marks.get(0).unwrap().dyn_into().unwrap();
    assert!(first.get_attribute("data-label").is_some());
}
