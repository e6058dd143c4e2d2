//! Quotation spans, paired in one pass over the tokens.
//!
//! * Curly double quotes pair by shape; a straight `"` opens when nothing is
//!   open and closes otherwise.
//! * Single quotes (`‘ ’` and straight `'`) count as quotation marks only at
//!   the top level, when they open before a word and close after one within
//!   a bounded distance; apostrophes inside words are tokens of their own word
//!   and never seen here.
//! * A quote still open at a paragraph break continues when the next
//!   paragraph opens with a quotation mark (the news convention for a quote
//!   running over several paragraphs); otherwise it ends with its paragraph.

use crate::doc::{Doc, TokenKind};
use crate::text::ByteSpan;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, or of the last token when unclosed.
    pub close: usize,
    /// Bytes from the opening mark to the end of the closing mark.
    pub span: ByteSpan,
    pub closed: bool,
    pub single: bool,
    /// Word tokens inside.
    pub words: usize,
}

/// Longest span, in tokens, that a single-quoted stretch may have.
const MAX_SINGLE: usize = 60;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Either,
    None,
}

/// Two apostrophes or backticks in a row stand for a double quote (the
/// ''old typewriter'' and ``LaTeX'' conventions of some archives).
fn doubled(doc: &Doc, i: usize) -> bool {
    // (asked of every punctuation token: its first byte rules out nearly all)
    let first = doc
        .tokens
        .get(i)
        .and_then(|t| doc.src.as_bytes().get(t.span.start));
    if !matches!(first, Some(b'\'' | b'`')) {
        return false;
    }
    let t = doc.tok(i);
    (t == "'" || t == "`")
        && doc.tokens.get(i + 1).map_or(false, |n| {
            n.span.start == doc.tokens[i].span.end && matches!(n.span.slice(doc.src), "'" | "`")
        })
}

/// Does token `i` begin with a byte that begins a quotation mark (or a
/// doubled apostrophe or backtick)? Every mark of [`mark_of`] does.
#[inline]
fn may_be_mark(doc: &Doc, i: usize) -> bool {
    let first = doc
        .tokens
        .get(i)
        .and_then(|t| doc.src.as_bytes().get(t.span.start));
    matches!(first, Some(b'"' | b'\'' | b'`' | 0xC2 | 0xE2))
}

/// (Asked of every punctuation token: inlined, the first-byte test answers
/// most without a call.)
#[inline]
fn mark(doc: &Doc, i: usize, double: bool) -> Mark {
    // most punctuation (commas, stops) is no quotation mark, and its first
    // byte says so: every mark below starts with one of these
    if !may_be_mark(doc, i) {
        return Mark::None;
    }
    mark_of(doc, i, double)
}

/// [`mark`] of a token whose first byte may begin a quotation mark.
#[inline(never)]
fn mark_of(doc: &Doc, i: usize, double: bool) -> Mark {
    let pair = doubled(doc, i);
    let t = if pair { "\"" } else { doc.tok(i) };
    let last = if pair { i + 1 } else { i };
    let before = doc.tokens[i]
        .span
        .start
        .checked_sub(1)
        .and_then(|b| doc.src.as_bytes().get(b))
        .copied();
    let after = doc.src.as_bytes().get(doc.tokens[last].span.end).copied();
    let space_before = before.map_or(true, |b| b.is_ascii_whitespace() || b"([{".contains(&b));
    let space_after = after.map_or(true, |b| {
        b.is_ascii_whitespace() || b".,;:!?)]}".contains(&b)
    });
    match (t, double) {
        // a left curly mark typed where a closing one belongs ("here,\u{201c} said")
        ("\u{201c}", true) if !space_before && space_after => Mark::Close,
        ("\u{201c}", true) | ("\u{ab}", true) => Mark::Open,
        ("\u{201d}", true) | ("\u{bb}", true) => Mark::Close,
        ("\"", true) => {
            if space_before && !space_after {
                Mark::Open
            } else if space_after && !space_before {
                Mark::Close
            } else {
                Mark::Either
            }
        }
        ("\u{2018}", false) => Mark::Open,
        ("\u{2019}", false) | ("'", false) => {
            if space_before && !space_after {
                Mark::Open
            } else if !space_before {
                Mark::Close
            } else {
                Mark::None
            }
        }
        _ => Mark::None,
    }
}

/// All quotations of the document, in order, not overlapping.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn find(doc: &Doc) -> Vec<Quote> {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    let mut open: Option<usize> = None; // double
    let mut single: Option<usize> = None;
    let mut words = 0usize;
    let push =
        |out: &mut Vec<Quote>, o: usize, c: usize, closed: bool, single: bool, words: usize| {
            if c > o || (!closed && c >= o) {
                out.push(Quote {
                    open: o,
                    close: c,
                    span: ByteSpan::new(doc.tokens[o].span.start, doc.tokens[c].span.end),
                    closed,
                    single,
                    words,
                });
            }
        };
    let mut i = 0;
    while i < n {
        let tok = &doc.tokens[i];
        if tok.line_start && i > 0 {
            single = None;
            if let Some(o) = open {
                // a paragraph break inside an open quote
                if mark(doc, i, true) == Mark::Open || (mark(doc, i, true) == Mark::Either) {
                    // continues: the opening mark of the new paragraph is absorbed
                    i += if doubled(doc, i) { 2 } else { 1 };
                    continue;
                }
                push(&mut out, o, i - 1, false, false, words);
                open = None;
            }
        }
        if tok.kind == TokenKind::Punct {
            // most punctuation (commas, stops) is no mark of any kind, nor
            // the first of a doubled pair, and its first byte says so: it
            // only ends a single quotation open too long
            if !may_be_mark(doc, i) {
                if let (None, Some(s)) = (open, single) {
                    if i - s > MAX_SINGLE {
                        single = None;
                    }
                }
                i += 1;
                continue;
            }
            let pair = doubled(doc, i);
            match open {
                Some(o) => match mark(doc, i, true) {
                    Mark::Close | Mark::Either => {
                        let c = if pair { i + 1 } else { i };
                        push(&mut out, o, c, true, false, words);
                        open = None;
                        i = c + 1;
                        continue;
                    }
                    Mark::Open if doc.tok(i) == "\u{201c}" => {
                        // a new curly opening: the old one was never closed
                        push(&mut out, o, i - 1, false, false, words);
                        open = Some(i);
                        words = 0;
                    }
                    _ => {}
                },
                None => {
                    let m = mark(doc, i, true);
                    if m == Mark::Open || m == Mark::Either {
                        open = Some(i);
                        single = None;
                        words = 0;
                        if pair {
                            i += 2;
                            continue;
                        }
                    } else {
                        match (single, mark(doc, i, false)) {
                            (None, Mark::Open) => {
                                single = Some(i);
                                words = 0;
                            }
                            (Some(s), Mark::Close) => {
                                if i - s <= MAX_SINGLE && words > 0 {
                                    push(&mut out, s, i, true, true, words);
                                }
                                single = None;
                            }
                            (Some(s), _) if i - s > MAX_SINGLE => single = None,
                            _ => {}
                        }
                    }
                }
            }
        } else {
            words += 1;
        }
        i += 1;
    }
    if let Some(o) = open {
        if n > 0 {
            push(&mut out, o, n - 1, false, false, words);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(s: &str) -> Vec<String> {
        let d = Doc::new(s);
        find(&d)
            .iter()
            .map(|q| q.span.slice(s).to_string())
            .collect()
    }

    #[test]
    fn straight_and_curly_doubles() {
        assert_eq!(
            quotes("He said \"we will win\" and \u{201c}they lost.\u{201d}"),
            vec!["\"we will win\"", "\u{201c}they lost.\u{201d}"]
        );
    }

    #[test]
    fn split_quote_gives_two_spans() {
        assert_eq!(
            quotes("\"We are ready,\" she said, \"and we will go.\""),
            vec!["\"We are ready,\"", "\"and we will go.\""]
        );
    }

    #[test]
    fn single_quotes_as_quotes_but_not_apostrophes() {
        assert_eq!(
            quotes("Officials called it \u{2018}a disaster\u{2019} and don\u{2019}t care."),
            vec!["\u{2018}a disaster\u{2019}"]
        );
        assert_eq!(
            quotes("The voters' choice is 'very clear' now."),
            vec!["'very clear'"]
        );
        assert!(quotes("The parents' meeting and the teachers' union.").is_empty());
    }

    #[test]
    fn doubled_apostrophes_are_double_quotes() {
        assert_eq!(
            quotes("Mr. Roe said, ''We will win,'' and left."),
            vec!["''We will win,''"]
        );
        assert_eq!(quotes("``Yes,'' she said."), vec!["``Yes,''"]);
    }

    #[test]
    fn quote_runs_over_paragraph_break() {
        let s = "\"First part of it.\n\"Second part.\" He left.";
        assert_eq!(quotes(s), vec![s[..s.find(" He").unwrap()].to_string()]);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let s = "\"Never closed here.\nNext paragraph \"fine\" now.";
        assert_eq!(quotes(s), vec!["\"Never closed here.", "\"fine\""]);
    }

    #[test]
    fn empty_and_lone_marks_do_not_panic() {
        assert!(quotes("").is_empty());
        assert_eq!(quotes("\"").len(), 1);
        assert!(quotes("\u{201d}").is_empty());
        quotes("' ' \" \u{2018}\n\u{2019}");
    }
}
