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
    fn render_annotated(
        container: &web_sys::Element,
        text: &str,
        ann: &JsValue,
    ) -> web_sys::Element;
    #[wasm_bindgen(js_name = renderLegend)]
    fn render_legend(
        legend: &web_sys::Element,
        view: &web_sys::Element,
        ann: &JsValue,
    ) -> web_sys::Element;
}

#[wasm_bindgen(inline_js = "
export function computed(el, prop) { return getComputedStyle(el).getPropertyValue(prop); }
export function parseJson(s) { return JSON.parse(s); }
export function jsonString(s) { return JSON.stringify(s); }
export function coveredText(root, cls, a, b) {
  let s = '';
  let off = 0;
  const walk = (n) => {
    for (const c of n.childNodes) {
      if (c.nodeType === 3) {
        const from = Math.max(a, off);
        const to = Math.min(b, off + c.data.length);
        if (to > from && c.parentElement.classList.contains(cls)) s += c.data.slice(from - off, to - off);
        off += c.data.length;
      } else walk(c);
    }
  };
  walk(root);
  return s;
}
")]
extern "C" {
    fn computed(el: &web_sys::Element, prop: &str) -> String;
    #[wasm_bindgen(js_name = parseJson)]
    fn parse_json(s: &str) -> JsValue;
    /// A JSON string literal (no serde_json in the wasm tests).
    #[wasm_bindgen(js_name = jsonString)]
    fn serde_json_string(s: &str) -> String;
    /// The characters of [a, b) (UTF-16 offsets in the rendered text) inside elements of class `cls`.
    #[wasm_bindgen(js_name = coveredText)]
    fn covered_text(root: &web_sys::Element, cls: &str, a: u32, b: u32) -> String;
}

/// The page's stylesheet, so that computed styles are the real ones.
const STYLE: &str = include_str!("../www/style.css");

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
    assert_eq!(
        get(&first, "text").as_string().unwrap(),
        "Masoud Pezeshkian"
    );
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
    // A <mark> (role "mark" for screen readers) with its label as a class.
    assert_eq!(first.tag_name(), "MARK");
    assert!(first.class_name().split(' ').any(|c| c.starts_with("ent-")
        && c[4..]
            .chars()
            .all(|ch| ch.is_ascii_uppercase() || ch == '_')));
}

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn new_div() -> web_sys::Element {
    let div = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&div).unwrap();
    div
}

fn ensure_style() {
    if doc().get_element_by_id("page-style").is_none() {
        let st = doc().create_element("style").unwrap();
        st.set_id("page-style");
        st.set_text_content(Some(STYLE));
        doc().body().unwrap().append_child(&st).unwrap();
    }
}

/// The JS slice of `s` in UTF-16 units, for building fixtures.
fn slice16(s: &str, a: usize, b: usize) -> String {
    let u: Vec<u16> = s.encode_utf16().collect();
    String::from_utf16(&u[a..b]).unwrap()
}

#[wasm_bindgen_test]
fn overlapping_entity_and_claim_spans_render_without_loss() {
    // Spans that cross each other every way: an entity across a claim's start, a claim's end
    // inside an entity, nested entities, two overlapping claims, a source inside another claim,
    // a relay, an emoji (two UTF-16 units) inside a span, zero-length and out-of-range spans.
    let text = "Iranian President Masoud Pezeshkian said \u{201c}Tehran 😀 and Baghdad agree\u{201d}, state media reported, alleging more.";
    let n = text.encode_utf16().count();
    let span = |a: usize, b: usize| {
        format!(
            r#"{{"start":{a},"end":{b},"text":{}}}"#,
            serde_json_string(&slice16(text, a, b))
        )
    };
    let ent = |a: usize, b: usize, l: &str| {
        format!(
            r#"{{"start":{a},"end":{b},"label":"{l}","text":{},"cluster":null}}"#,
            serde_json_string(&slice16(text, a, b))
        )
    };
    let json = format!(
        r#"{{"entities":[{},{},{},{},{},{}],
             "attributions":[
               {{"source":{},"source_kind":"person","source_name":"Masoud Pezeshkian","cue":{},"cue_stance":"neutral","content":{},"quote":true,
                 "via":{{"source":{},"source_kind":"state_media","cue":{}}}}},
               {{"source":{},"source_kind":"organization","source_name":null,"cue":{},"cue_stance":"hedged","content":{},"quote":false,"via":null}},
               {{"source":null,"source_kind":"unattributed","source_name":null,"cue":null,"cue_stance":null,"content":{},"quote":false,"via":null}}
             ],
             "clusters":[],"sentences":[]}}"#,
        ent(0, 7, "NORP"),
        ent(0, 35, "PERSON"),
        ent(8, 17, "TITLE"),
        ent(39, 48, "ORG"), // crosses the first claim's start (the opening quote is at 41)
        ent(56, 63, "GPE"),
        ent(62, 72, "GPE"), // overlaps the previous entity and crosses the first claim's end (70)
        span(0, 35),
        span(36, 40),
        span(41, 70),
        span(72, 83),
        span(84, 92),
        span(72, 83), // the second claim's source sits inside the third claim
        span(94, 102),
        span(103, 107),
        span(60, 100), // overlaps the first claim and holds the second's source
    );
    let ann = parse_json(&json);
    let div = new_div();
    render_annotated(&div, text, &ann);
    assert_eq!(div.text_content().unwrap(), text, "rendered text differs");
    // Each layer's span is marked over its whole length, every character of it exactly once.
    for (i, (a, b)) in [(0, 7), (0, 35), (8, 17), (39, 48), (56, 63), (62, 72)]
        .iter()
        .enumerate()
    {
        assert_eq!(
            covered_text(&div, "ent", *a as u32, *b as u32),
            slice16(text, *a, *b),
            "entity {i}"
        );
    }
    for (i, (a, b)) in [(41, 70), (103, 107), (60, 100)].iter().enumerate() {
        assert_eq!(
            covered_text(&div, "claim", *a as u32, *b as u32),
            slice16(text, *a, *b),
            "claim {i}"
        );
    }
    // Nothing outside the spans is marked.
    assert_eq!(
        covered_text(&div, "ent", 72, n as u32),
        "",
        "entity marks after the last entity"
    );
    assert_eq!(
        covered_text(&div, "claim", 0, 41),
        "",
        "claim marks before the first claim"
    );
    // One chip per claim, one tag per entity, one stance tag for the hedged cue, no text added.
    assert_eq!(div.query_selector_all(".chip").unwrap().length(), 3);
    assert_eq!(div.query_selector_all(".tag").unwrap().length(), 6);
    assert_eq!(div.query_selector_all(".stance-tag").unwrap().length(), 1);
    assert_eq!(div.query_selector_all(".claim-head").unwrap().length(), 3);
    assert!(
        div.query_selector(".source.via.k-state_media")
            .unwrap()
            .is_some(),
        "the relay is marked"
    );
    assert_eq!(n, 108);
    assert_eq!(
        slice16(text, 41, 70),
        "\u{201c}Tehran 😀 and Baghdad agree\u{201d}"
    );
}

#[wasm_bindgen_test]
fn legend_toggles_hide_and_show() {
    ensure_style();
    let ann = article_annotator::wasm::annotate(SEED).unwrap();
    let view = new_div();
    view.set_class_name("view");
    render_annotated(&view, SEED, &ann);
    let legend = new_div();
    render_legend(&legend, &view, &ann);
    let mark = view
        .query_selector(".ent-GPE")
        .unwrap()
        .expect("a GPE mark in the seed article");
    let tag = view.query_selector(".tag-GPE").unwrap().unwrap();
    let chip = view.query_selector(".chip").unwrap().unwrap();
    let shown_bg = computed(&mark, "background-color");
    assert_ne!(shown_bg, "rgba(0, 0, 0, 0)");
    let button: web_sys::HtmlElement = legend
        .query_selector("[data-layer=GPE]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(button.get_attribute("aria-pressed").unwrap(), "true");

    button.click();
    assert_eq!(
        computed(&mark, "background-color"),
        "rgba(0, 0, 0, 0)",
        "GPE marks still coloured"
    );
    assert_eq!(computed(&tag, "display"), "none", "GPE tags still shown");
    assert_eq!(button.get_attribute("aria-pressed").unwrap(), "false");
    let other = view.query_selector(".ent-PERSON").unwrap().unwrap();
    assert_ne!(
        computed(&other, "background-color"),
        "rgba(0, 0, 0, 0)",
        "other labels must stay"
    );

    button.click();
    assert_eq!(
        computed(&mark, "background-color"),
        shown_bg,
        "GPE marks not back"
    );
    assert_ne!(computed(&tag, "display"), "none");

    let claims: web_sys::HtmlElement = legend
        .query_selector("[data-layer=claims]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    claims.click();
    assert_eq!(computed(&chip, "display"), "none", "chips still shown");
    claims.click();
    assert_ne!(computed(&chip, "display"), "none", "chips not back");
    let tags: web_sys::HtmlElement = legend
        .query_selector("[data-layer=tags]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    tags.click();
    assert_eq!(computed(&tag, "display"), "none", "tags still shown");
    tags.click();
    assert_eq!(
        view.text_content().unwrap(),
        SEED,
        "toggles changed the text"
    );
}

#[wasm_bindgen_test]
fn decorations_are_not_text() {
    // Label tags and source chips come from CSS, so textContent (and copy) is the input.
    let el = render(SEED);
    assert!(el.query_selector_all(".chip").unwrap().length() > 0);
    for sel in [".chip", ".tag", ".stance-tag"] {
        let list = el.query_selector_all(sel).unwrap();
        for i in 0..list.length() {
            assert_eq!(
                list.get(i).unwrap().text_content().unwrap_or_default(),
                "",
                "{sel} has text"
            );
        }
    }
    assert_eq!(el.text_content().unwrap(), SEED);
}

#[wasm_bindgen_test]
fn lone_surrogates_keep_offsets_and_render_exactly() {
    // A JS string with lone surrogates (a paste can carry them) reaches the core as U+FFFD, one
    // UTF-16 unit like the surrogate it replaces, so every offset still points into the original
    // string; the exported `annotate` re-slices the span texts from the original, and the page
    // renders the original exactly.
    let units: Vec<u16> = [
        "A".encode_utf16().collect::<Vec<_>>(),
        vec![0xD800],
        " and ".encode_utf16().collect(),
        vec![0xDC00],
        " then Masoud Pezeshkian met Abbas Araqchi in Baghdad. \u{201c}We will act,\u{201d} said Abbas Araqchi.".encode_utf16().collect(),
    ]
    .concat();
    let js = JsString::from_char_code(&units);
    assert!(!js.is_valid_utf16());
    let ann = article_annotator::wasm::annotate_js(&js).unwrap();
    let mut spans = 0;
    let check = |span: &JsValue| {
        let (s, e) = (num(span, "start"), num(span, "end"));
        let text: JsString = get(span, "text").unchecked_into();
        assert!(
            JsValue::from(text) == JsValue::from(js.slice(s, e)),
            "span {s}..{e} is not the input's slice"
        );
    };
    for e in Array::from(&get(&ann, "entities")).iter() {
        check(&e);
        spans += 1;
    }
    for a in Array::from(&get(&ann, "attributions")).iter() {
        for part in ["content", "source", "cue"] {
            let p = get(&a, part);
            if !p.is_null() && !p.is_undefined() {
                check(&p);
                spans += 1;
            }
        }
    }
    assert!(spans >= 2, "{spans} spans");
    let div = new_div();
    render_annotated_js(&div, &js, &ann);
    assert!(
        text_content_is(&div, &js),
        "rendered text differs from the input"
    );
}

#[wasm_bindgen(module = "/www/render.js")]
extern "C" {
    #[wasm_bindgen(js_name = renderAnnotated)]
    fn render_annotated_js(
        container: &web_sys::Element,
        text: &JsString,
        ann: &JsValue,
    ) -> web_sys::Element;
}

#[wasm_bindgen(inline_js = "export function textContentIs(el, s) { return el.textContent === s; }")]
extern "C" {
    #[wasm_bindgen(js_name = textContentIs)]
    fn text_content_is(el: &web_sys::Element, s: &JsString) -> bool;
}
