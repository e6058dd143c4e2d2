//! Regression tests for findings of the fuzzer and the property tests
//! (`fuzz/`, `tests/properties.rs`). Each test names the finding; tests of
//! findings inside the engines (src/entities, src/attribution) that are not
//! fixed yet are `#[ignore]`d with the reason, and reported to the lead.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::annotate;
use article_annotator::check::check;

#[track_caller]
fn assert_valid(text: &str) {
    let ann = annotate(text);
    if let Err(v) = check(text, &ann) {
        panic!("input {text:?}\n{v}");
    }
}

/// Property tests, first run: the first attribution engine pairs the closing
/// straight quote of one quotation with the opening quote of the next, so the
/// space between them becomes a quotation. Content that is only whitespace is
/// nothing to attribute (and invisible when highlighted).
#[test]
#[ignore = "attribution engine: whitespace between two straight-quoted quotations becomes a quote (reported, src/attribution)"]
fn no_quotation_is_only_whitespace() {
    for text in ["\" \"", "Iran\" \"No.\" ", "incredible.\" \"", "\u{201c}   \u{201d} he said."] {
        assert_valid(text);
        for a in annotate(text).attributions {
            assert!(!a.content.text.trim().is_empty(), "{text:?}: whitespace quotation {:?}", a.content);
        }
    }
}

/// 100 MB CLI run: the entity engine counted how often a word form appears in
/// a `u16` (`FormStats` in src/entities/features.rs), so a form seen more than
/// 65,535 times ("the" in a long input) overflowed: a panic in debug builds, a
/// silent wrap (and a flipped feature) in release. Fix: `saturating_add`, or
/// `u32` counters.
#[test]
#[ignore = "entity engine: FormStats u16 counters overflow (src/entities/features.rs DocCtx::new; reported)"]
fn a_word_seen_more_than_65535_times_does_not_overflow() {
    let text = "the the the the the the the the the the the the the the the the the the the end.\n".repeat(70_000 / 19 + 1);
    assert_valid(&text);
}
