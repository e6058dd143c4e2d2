//! Titles in quotation marks: ``The Man in the Iron Mask'', "Breathing
//! Lessons", "Russia's War: Blood Upon the Snow". A quoted run in title case
//! is one WORK_OF_ART, not a string of people and places.

use super::features::{is_quote, DocCtx};
use crate::doc::{Doc, TokenKind};
use crate::model::Label;

const FUNCTION_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "in",
    "a",
    "an",
    "to",
    "for",
    "on",
    "with",
    "at",
    "from",
    "by",
    "or",
    "'s",
    "\u{2019}s",
    "as",
    "is",
    "de",
    "la",
    "le",
    "du",
    "von",
    "van",
];

/// Finds quoted titles: (first token, end token, WORK_OF_ART). `puncts`:
/// the punctuation tokens, in order (a quote is one).
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn find(doc: &Doc, ctx: &DocCtx, puncts: &[usize]) -> Vec<(usize, usize, Label)> {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    let mut i = 0;
    let mut punct = super::PunctCursor::new(puncts);
    while let Some(q) = punct.at_or_after(i) {
        i = q;
        if i >= n || !is_quote(doc.tok(i)) {
            i += 1;
            continue;
        }
        let mut s = i;
        while s < n && is_quote(doc.tok(s)) && s < i + 2 {
            s += 1;
        }
        if s >= n || !ctx.toks[s].cap || doc.tokens[s].kind != TokenKind::Word {
            i = s.max(i + 1);
            continue;
        }
        // the closing quote, in the same sentence, within 14 tokens
        let mut e = s;
        while e < n
            && e < s + 14
            && !is_quote(doc.tok(e))
            && (e == s || !(doc.tokens[e].line_start || ctx.toks[e].sent_start))
        {
            e += 1;
        }
        if e >= n || !is_quote(doc.tok(e)) {
            i = s;
            continue;
        }
        // trim trailing punctuation inside the quotes: ``Reagan,''
        let mut end = e;
        while end > s && matches!(doc.tok(end - 1), "," | "." | "!" | "?" | ":" | ";") {
            end -= 1;
        }
        let mut caps = 0;
        let mut ok = end > s;
        for k in s..end {
            let t = &ctx.toks[k];
            match doc.tokens[k].kind {
                TokenKind::Word => {
                    if t.cap {
                        caps += 1;
                    } else if !FUNCTION_WORDS.contains(&ctx.lower(t)) {
                        ok = false;
                    }
                }
                TokenKind::Number => {}
                TokenKind::Punct => {
                    if !matches!(doc.tok(k), ":" | "," | "-" | "!" | "?" | "&" | "'") {
                        ok = false;
                    }
                }
            }
        }
        // a single capitalised word in quotes is a title only if it is not the
        // whole quoted sentence start: ``Reagan,'' a documentary
        if ok && caps >= 1 {
            out.push((s, end, Label::WorkOfArt));
        }
        i = e + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<String> {
        let d = Doc::new(s);
        let ctx = DocCtx::new(&d);
        find(&d, &ctx, &super::super::punct_tokens(&d))
            .into_iter()
            .map(|(a, b, _)| s[d.tokens[a].span.start..d.tokens[b - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn quoted_titles() {
        assert_eq!(
            run("a remake, ``The Man in the Iron Mask,'' made by"),
            vec!["The Man in the Iron Mask"]
        );
        assert_eq!(
            run("history (``Russia's War: Blood Upon the Snow'' by"),
            vec!["Russia's War: Blood Upon the Snow"]
        );
        assert_eq!(
            run("the film \u{201c}Breathing Lessons\u{201d} won"),
            vec!["Breathing Lessons"]
        );
    }

    #[test]
    fn quoted_speech_is_not_a_title() {
        assert!(run("chanted ``Moi must go,'' showing").is_empty());
        assert!(
            run("\"The enhancement of bilateral relations will be deliberated,\" he said")
                .is_empty()
        );
    }
}
