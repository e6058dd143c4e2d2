//! `annotate` on arbitrary input, checked against the invariants of
//! `article_annotator::check`. Bytes that are not UTF-8 become U+FFFD, as a
//! browser's decoder would make them. A panic, an invariant violation or a
//! slow input (libFuzzer's -timeout) is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ann = article_annotator::annotate(&text);
    if let Err(v) = article_annotator::check::check(&text, &ann) {
        panic!("input {text:?}\n{v}");
    }
});
