//! "Town, State" and "Town, Country": "Indian Wells, Calif.", "Sioux City,
//! Iowa", "Santa Fe, N.M.", "Tyler, Texas". Both halves are places, and so is
//! the state in a congressional label: "Rep. Christopher Cox, R-Calif."

use super::fast::StaticSet;
use super::features::DocCtx;
use super::lexicon::{self, Class};
use crate::doc::{Doc, TokenKind};
use crate::model::Label;
use crate::text::ByteSpan;

const ABBR: &str = include_str!("../../data/lexicons/us_state_abbr.txt");

/// AP-style state abbreviations ("Calif.", "D.C.").
static ABBREVIATIONS: StaticSet<128> = StaticSet::lines(ABBR);

/// Is token `k` (possibly with the "." token after it) a state abbreviation?
/// Returns the end token.
fn state_abbr(doc: &Doc, k: usize) -> Option<usize> {
    let w = doc.tok(k);
    if ABBREVIATIONS.contains(w) {
        return Some(k + 1);
    }
    if k + 1 < doc.tokens.len()
        && doc.tok(k + 1) == "."
        && doc.tokens[k + 1].span.start == doc.tokens[k].span.end
    {
        if ABBREVIATIONS.contains_with(w, b'.') {
            return Some(k + 2);
        }
    }
    None
}

fn region_at(doc: &Doc, ctx: &DocCtx, k: usize) -> Option<usize> {
    let n = doc.tokens.len();
    if k >= n || doc.tokens[k].kind != TokenKind::Word {
        return None;
    }
    if let Some(e) = state_abbr(doc, k) {
        return Some(e);
    }
    let lx = lexicon::get();
    let regions = Class::State.bit() | Class::Country.bit();
    // a word of ASCII letters (no longer than the tagger reads) is its own
    // lexicon key lower-cased: the document context already holds its
    // lexicon classes, and whether some phrase begins with it
    let plain = {
        let w = doc.tok(k);
        w.len() <= super::MAX_NAME_WORD && w.bytes().all(|b| b.is_ascii_alphabetic())
    };
    // one or two words: "Iowa", "New Mexico", "Kenya"
    for len in [2usize, 1] {
        if k + len > n {
            continue;
        }
        if plain {
            if len == 1 {
                return (ctx.toks[k].classes & regions != 0).then_some(k + 1);
            }
            if ctx.toks[k].longest_phrase == 0 {
                continue;
            }
        }
        // the words joined by one space: the text itself when it is one
        // word, or two words one space apart (no copy)
        let (a, b) = (doc.tokens[k].span, doc.tokens[k + len - 1].span);
        let one_space =
            len == 1 || (b.start == a.end + 1 && doc.src.as_bytes().get(a.end) == Some(&b' '));
        let joined;
        let t = if one_space {
            doc.src.get(a.start..b.end).unwrap_or("")
        } else {
            joined = format!("{} {}", doc.tok(k), doc.tok(k + 1));
            joined.as_str()
        };
        if lx.classes(t) & regions != 0 {
            return Some(k + len);
        }
    }
    None
}

/// Token spans of "Town, Region" places: the town and the region, as GPE.
/// `puncts`: the punctuation tokens, in order (a comma is one).
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn find(
    doc: &Doc,
    ctx: &DocCtx,
    puncts: &[usize],
    persons: &dyn Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, Label)> {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    let mut i = 0;
    let mut punct = super::PunctCursor::new(puncts);
    while let Some(q) = punct.at_or_after(i) {
        i = q;
        if i == 0 || i >= n || doc.tok(i) != "," {
            i += 1;
            continue;
        }
        let Some(re) = region_at(doc, ctx, i + 1) else {
            i += 1;
            continue;
        };
        // the region must end the phrase: followed by punctuation or a lower-case word
        if re < n
            && ctx.toks[re].cap
            && doc.tokens[re].kind == TokenKind::Word
            && !doc.tokens[re].line_start
            && !ctx.toks[re].sent_start
            && !doc.tok(re - 1).ends_with('.')
        {
            i += 1;
            continue;
        }
        // the town: up to three capitalised words before the comma
        let mut a = i;
        while a > 0
            && i - a < 3
            && ctx.toks[a - 1].cap
            && doc.tokens[a - 1].kind == TokenKind::Word
            && !ctx.toks[a - 1].sent_start
        {
            a -= 1;
        }
        if a == i && i > 0 && ctx.toks[i - 1].cap && ctx.toks[i - 1].sent_start {
            a = i - 1;
        }
        if a < i && !persons(a, i) && !ctx.toks[a].caps_line {
            out.push((a, i, Label::Gpe));
            out.push((i + 1, re, Label::Gpe));
        }
        i = re;
    }
    out
}

/// "R-Calif.", "D-N.Y.": the state of a member of Congress, as a byte span,
/// among the tokens `hyphenated` (those holding a hyphen, in order).
pub fn party_states(doc: &Doc, hyphenated: &[usize]) -> Vec<(usize, ByteSpan)> {
    let mut out = Vec::new();
    for &k in hyphenated {
        let t = &doc.tokens[k];
        let w = doc.tok(k);
        let Some(rest) = w
            .strip_prefix("R-")
            .or_else(|| w.strip_prefix("D-"))
            .or_else(|| w.strip_prefix("I-"))
        else {
            continue;
        };
        let with_dot = k + 1 < doc.tokens.len()
            && doc.tok(k + 1) == "."
            && doc.tokens[k + 1].span.start == t.span.end;
        let abbr = if with_dot {
            ABBREVIATIONS.contains_with(rest, b'.')
        } else {
            ABBREVIATIONS.contains(rest)
        };
        if abbr || lexicon::get().has(rest, Class::State) {
            let end = if with_dot && abbr {
                doc.tokens[k + 1].span.end
            } else {
                t.span.end
            };
            out.push((k, ByteSpan::new(t.span.start + 2, end)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<String> {
        let d = Doc::new(s);
        let ctx = DocCtx::new(&d);
        let none = |_: usize, _: usize| false;
        find(&d, &ctx, &super::super::punct_tokens(&d), &none)
            .into_iter()
            .map(|(a, b, _)| s[d.tokens[a].span.start..d.tokens[b - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn towns_and_states() {
        assert_eq!(
            run("died at his home in Indian Wells, Calif. McCarthy"),
            vec!["Indian Wells", "Calif."]
        );
        assert_eq!(
            run("She grew up in Sioux City, Iowa, but"),
            vec!["Sioux City", "Iowa"]
        );
        assert_eq!(run("papers in Tyler, Texas."), vec!["Tyler", "Texas"]);
        assert!(run("Smith, the president").is_empty());
    }

    #[test]
    fn party_labels() {
        let s = "Rep. Christopher Cox, R-Calif., who";
        let d = Doc::new(s);
        let got: Vec<&str> = party_states(
            &d,
            &super::super::tokens_holding(&d, '-').collect::<Vec<_>>(),
        )
        .into_iter()
        .map(|(_, sp)| sp.slice(s))
        .collect();
        assert_eq!(got, vec!["Calif."]);
    }
}
