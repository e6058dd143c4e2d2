//! Sentence starts and headline lines as the entity engine sees them.
//!
//! `Doc` breaks a sentence at every line break, which is right for text with
//! one paragraph a line. Wire copy and e-mail is often hard-wrapped at ~70
//! columns instead ("... in New\nYork ..."); there a line break inside a
//! sentence says nothing. A document counts as hard-wrapped when many of its
//! line breaks fall before a lower-case word; then only blank lines,
//! indented lines and terminal punctuation start sentences.

use crate::doc::{is_line_break, Doc, TokenKind};

fn gap<'a>(doc: &Doc<'a>, i: usize) -> &'a str {
    if i == 0 {
        return doc.src.get(..doc.tokens[0].span.start).unwrap_or("");
    }
    doc.src
        .get(doc.tokens[i - 1].span.end..doc.tokens[i].span.start)
        .unwrap_or("")
}

/// The line breaks in a gap (CR LF counts once) and what follows the last.
fn breaks_in(g: &str) -> (usize, &str) {
    let mut count = 0;
    let mut after = g;
    let mut prev_cr = false;
    for (k, c) in g.char_indices() {
        if is_line_break(c) {
            if !(prev_cr && c == '\n') {
                count += 1;
            }
            after = &g[k + c.len_utf8()..];
        }
        prev_cr = c == '\r';
    }
    (count, after)
}

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "..." | "\u{2026}") || t.starts_with("..")
}

fn is_closing(t: &str) -> bool {
    matches!(t, "\"" | "'" | "''" | "\u{201d}" | "\u{2019}" | ")" | "]")
}

/// True when the text looks hard-wrapped (see the module comment).
pub fn is_wrapped(doc: &Doc) -> bool {
    let mut breaks = 0usize;
    let mut before_lower = 0usize;
    for i in 1..doc.tokens.len() {
        if doc.tokens[i].line_start && breaks_in(gap(doc, i)).0 == 1 {
            breaks += 1;
            if doc
                .tok(i)
                .chars()
                .next()
                .map_or(false, crate::chars::is_lowercase)
            {
                before_lower += 1;
            }
        }
    }
    breaks >= 3 && before_lower * 4 >= breaks
}

/// One flag per token: does a sentence start at this token?
pub fn sentence_starts(doc: &Doc) -> Vec<bool> {
    let n = doc.tokens.len();
    let mut out = vec![false; n];
    if n == 0 {
        return out;
    }
    let wrapped = is_wrapped(doc);
    out[0] = true;
    for i in 1..n {
        if doc.tokens[i].line_start {
            let (count, indent) = breaks_in(gap(doc, i));
            let hard = !wrapped || count != 1 || !indent.is_empty();
            if hard {
                out[i] = true;
                continue;
            }
        }
        // terminal punctuation, possibly followed by closing quotes
        let mut j = i - 1;
        while j > 0 && j + 3 > i && is_closing(doc.tok(j)) {
            j -= 1;
        }
        if is_terminal(doc.tok(j)) && !is_closing(doc.tok(i)) && !is_terminal(doc.tok(i)) {
            out[i] = true;
        }
    }
    // the first word after opening quotes or brackets also starts the sentence
    for i in 1..n {
        if out[i - 1] && is_opening(doc.tok(i - 1)) {
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
        let s = "\n\t   The mayor of New\nYork said on Friday that the city\nwould go on with the plan and that\nthe council agreed. It was\nlate.\n\t   Then came more.";
        assert_eq!(starts(s), vec!["The", "It", "Then"]);
    }

    #[test]
    fn headline_lines() {
        let d = Doc::new("CRICKET - LEICESTERSHIRE TAKE OVER\nThe Iraqi side won .");
        let f = caps_lines(&d);
        assert!(f[0] && f[2]);
        assert!(!f[6]);
    }
}
