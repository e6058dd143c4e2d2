//! Sentence starts and headline lines as the entity engine sees them.
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
    // what each token is as punctuation, read once: the rules below look at
    // every token and its neighbours (a word or a number is none of these)
    const CLOSING: u8 = 1;
    const TERMINAL: u8 = 2;
    const OPENING: u8 = 4;
    let marks: Vec<u8> = (0..n)
        .map(|k| {
            if doc.tokens[k].kind != TokenKind::Punct {
                return 0;
            }
            let t = doc.tok(k);
            is_closing(t) as u8 * CLOSING
                | is_terminal(t) as u8 * TERMINAL
                | is_opening(t) as u8 * OPENING
        })
        .collect();
    out[0] = true;
    for i in 1..n {
        if doc.tokens[i].line_start {
            out[i] = true;
            continue;
        }
        // terminal punctuation, possibly followed by closing quotes
        let mut j = i - 1;
        while j > 0 && j + 3 > i && marks[j] & CLOSING != 0 {
            j -= 1;
        }
        if marks[j] & TERMINAL != 0 && marks[i] & (CLOSING | TERMINAL) == 0 {
            out[i] = true;
        }
    }
    // the first word after opening quotes or brackets also starts the sentence
    for i in 1..n {
        if out[i - 1] && marks[i - 1] & OPENING != 0 {
            out[i] = true;
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
