//! Sentence starts and headline lines as the entity engine sees them: the
//! reference rules, compiled for tests only. The tagger's context
//! ([`super::features::DocCtx::new`]) computes both in its one pass over the
//! tokens, and a test there holds it to these.
//!
//! A line break ends a sentence, which is right for text with one paragraph
//! a line. Wire copy and e-mail is often hard-wrapped at ~70
//! columns instead ("... in New\nYork ..."); there a line break inside a
//! sentence says nothing. [`crate::doc::soft_wraps`] tells such soft wraps
//! from hard breaks (blank lines, indented or short lines), and a `Doc`'s
//! tokens start a line only after a hard break; so here, as in the
//! document's sentences, only hard breaks and terminal punctuation start
//! sentences.

use crate::doc::{Doc, TokenKind};

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "..." | "\u{2026}") || t.starts_with("..")
}

fn is_closing(t: &str) -> bool {
    matches!(t, "\"" | "'" | "''" | "\u{201d}" | "\u{2019}" | ")" | "]")
}

/// One flag per token: does a sentence start at this token?
pub fn sentence_starts(doc: &Doc) -> Vec<bool> {
    let n = doc.tokens.len();
    let mut out = vec![false; n];
    if n == 0 {
        return out;
    }
    // Only punctuation can end a sentence or open one, so one pass over the
    // tokens marks the line starts and lists the punctuation marks that
    // matter; the rules then walk that short list (a word or a number is
    // none of these).
    const CLOSING: u8 = 1;
    const TERMINAL: u8 = 2;
    const OPENING: u8 = 4;
    let mut marks: Vec<(usize, u8)> = Vec::new();
    for (k, t) in doc.tokens.iter().enumerate() {
        out[k] |= t.line_start;
        if t.kind == TokenKind::Punct {
            let w = doc.tok(k);
            let m = is_closing(w) as u8 * CLOSING
                | is_terminal(w) as u8 * TERMINAL
                | is_opening(w) as u8 * OPENING;
            if m != 0 {
                marks.push((k, m));
            }
        }
    }
    out[0] = true;
    let mark_at = |p: usize, k: usize| match marks.get(p) {
        Some(&(at, m)) if at == k => m,
        _ => 0,
    };
    // after terminal punctuation and up to two closing quotes, the next
    // token (itself neither) starts a sentence
    for (p, &(j, m)) in marks.iter().enumerate() {
        if m & TERMINAL == 0 {
            continue;
        }
        for c in 0..3 {
            let i = j + 1 + c;
            if i >= n {
                break;
            }
            let here = mark_at(p + 1 + c, i);
            if here & (CLOSING | TERMINAL) == 0 {
                out[i] = true;
                break;
            }
            if here & CLOSING == 0 {
                break;
            }
        }
    }
    // the first word after opening quotes or brackets also starts the
    // sentence (left to right: "(\u{201c}" passes it on)
    for &(k, m) in &marks {
        if m & OPENING != 0 && out[k] && k + 1 < n {
            out[k + 1] = true;
        }
    }
    out
}

fn is_opening(t: &str) -> bool {
    matches!(
        t,
        "\"" | "`" | "``" | "'" | "\u{201c}" | "\u{2018}" | "(" | "[" | "\u{ab}"
    )
}

/// One flag per token: is the physical line it sits on written in capitals
/// (a headline, a dateline)?
pub fn caps_lines(doc: &Doc) -> Vec<bool> {
    caps_lines_with(doc, |k| {
        let w = doc.tok(k);
        (
            doc.tokens[k].kind == TokenKind::Word
                && w.chars()
                    .filter(|&c| crate::chars::is_alphabetic(c))
                    .count()
                    >= 2,
            !w.chars().any(crate::chars::is_lowercase),
        )
    })
}

/// [`caps_lines`] given, per token, (is a word of two letters or more, has
/// no lower-case letter).
pub fn caps_lines_with(doc: &Doc, facts: impl Fn(usize) -> (bool, bool)) -> Vec<bool> {
    let n = doc.tokens.len();
    let mut out = vec![false; n];
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && !doc.tokens[end].line_start {
            end += 1;
        }
        let mut words = 0;
        let mut caps = 0;
        for k in start..end {
            let (word, no_lower) = facts(k);
            if word {
                words += 1;
                if no_lower {
                    caps += 1;
                }
            }
        }
        let flag = words > 0 && caps * 10 >= words * 8;
        for f in &mut out[start..end] {
            *f = flag;
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules token by token, as first written.
    fn sentence_starts_plain(doc: &Doc) -> Vec<bool> {
        let n = doc.tokens.len();
        let mut out = vec![false; n];
        if n == 0 {
            return out;
        }
        let p = |k: usize| {
            if doc.tokens[k].kind == TokenKind::Punct {
                doc.tok(k)
            } else {
                ""
            }
        };
        out[0] = true;
        for i in 1..n {
            if doc.tokens[i].line_start {
                out[i] = true;
                continue;
            }
            let mut j = i - 1;
            while j > 0 && j + 3 > i && is_closing(p(j)) {
                j -= 1;
            }
            if is_terminal(p(j)) && !is_closing(p(i)) && !is_terminal(p(i)) {
                out[i] = true;
            }
        }
        for i in 1..n {
            if out[i - 1] && is_opening(p(i - 1)) {
                out[i] = true;
            }
        }
        out
    }

    #[test]
    fn sentence_starts_match_the_plain_rules() {
        let pieces = [
            "Iran ", "said ", ". ", "!", "?", "...", "\u{2026}", "\"", "'", "\u{201c}", "\u{201d}",
            "\u{2019}", ")", "(", "[", "]", "\n", "\n\n", "2,500 ", "``",
        ];
        let mut seed: u64 = 7;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(seed % 14) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let d = Doc::new(&s);
            assert_eq!(sentence_starts(&d), sentence_starts_plain(&d), "{s:?}");
        }
    }

    fn starts(s: &str) -> Vec<String> {
        let d = Doc::new(s);
        let f = sentence_starts(&d);
        (0..d.tokens.len())
            .filter(|&i| f[i])
            .map(|i| d.tok(i).to_string())
            .collect()
    }

    #[test]
    fn one_sentence_a_line() {
        assert_eq!(
            starts("LONDON 1996-08-30\nWest Indian Phil Simmons took four .\nHe left"),
            vec!["LONDON", "West", "He"]
        );
        assert_eq!(
            starts("He left. ``This is it,'' he said."),
            vec!["He", "`", "`", "This"]
        );
    }

    #[test]
    fn hard_wrapped_text_joins_lines() {
        let s = "\n\t   The mayor of the city of New\nYork said on Friday that the city\nwould go on with the plan and that\nthe council agreed. It was a\nlong day.\n\t   Then came more.";
        assert_eq!(starts(s), vec!["The", "It", "Then"]);
        // a short line (a headline) ends its sentence
        let s = "Mayor backs plan\nThe mayor of New York said on Friday that the\ncity would go on with the plan and that the\ncouncil agreed.";
        assert_eq!(starts(s), vec!["Mayor", "The"]);
    }

    #[test]
    fn headline_lines() {
        let d = Doc::new("CRICKET - LEICESTERSHIRE TAKE OVER\nThe Iraqi side won .");
        let f = caps_lines(&d);
        assert!(f[0] && f[2]);
        assert!(!f[6]);
    }
}
