//! Datelines: "NAIROBI, Kenya (AP) _", "LOS ANGELES (AP) _", "HOLLYWOOD _ Ask
//! ...", "LONDON 1996-08-30". A run of capitalised words opening a line and
//! followed by the dateline's punctuation is a place, whatever the tagger
//! thought of the capitals.

use super::features::DocCtx;
use crate::doc::{Doc, TokenKind};
use crate::model::Label;

fn line_has_lower(doc: &Doc, from: usize) -> bool {
    let mut k = from;
    while k < doc.tokens.len() && (k == from || !doc.tokens[k].line_start) {
        if doc.tokens[k].kind == TokenKind::Word && doc.tok(k).chars().any(char::is_lowercase) {
            return true;
        }
        k += 1;
    }
    false
}

fn line_ends_at(doc: &Doc, k: usize) -> bool {
    k >= doc.tokens.len() || doc.tokens[k].line_start
}

/// Finds dateline places: (first token, end token, GPE).
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn find(doc: &Doc, ctx: &DocCtx) -> Vec<(usize, usize, Label)> {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    // (only line starts open a dateline)
    let line_starts = doc.tokens.iter().enumerate().filter(|(_, t)| t.line_start);
    for (i, _) in line_starts {
        let mut j = i;
        while j < n
            && j < i + 4
            && (j == i || !doc.tokens[j].line_start)
            && doc.tokens[j].kind == TokenKind::Word
            && ctx.toks[j].all_caps
            && doc
                .tok(j)
                .chars()
                .filter(|&c| crate::chars::is_alphabetic(c))
                .count()
                >= 2
        {
            j += 1;
        }
        if j == i || j >= n || doc.tokens[j].line_start {
            continue;
        }
        let next = doc.tok(j);
        let after = j + 1;
        let is_dateline = match next {
            "," => {
                after < n
                    && !doc.tokens[after].line_start
                    && doc
                        .tok(after)
                        .chars()
                        .next()
                        .map_or(false, char::is_uppercase)
                    && line_has_lower(doc, after)
            }
            "(" => {
                after < n
                    && (line_has_lower(doc, after)
                        || doc.tok(after).chars().all(|c| c.is_uppercase()))
            }
            "_" | "-" | "--" | "\u{2014}" | "\u{2013}" => {
                after < n && line_has_lower(doc, after) && !ctx.toks[after].all_caps
            }
            _ => doc.tokens[j].kind == TokenKind::Number && line_ends_at(doc, j + 1),
        };
        if is_dateline {
            out.push((i, j, Label::Gpe));
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
        find(&d, &ctx)
            .into_iter()
            .map(|(a, b, _)| s[d.tokens[a].span.start..d.tokens[b - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn datelines() {
        assert_eq!(
            run("\n\t   NAIROBI, Kenya (AP) _ Thousands of laborers"),
            vec!["NAIROBI"]
        );
        assert_eq!(
            run("LOS ANGELES (AP) _ Ranging in price"),
            vec!["LOS ANGELES"]
        );
        assert_eq!(
            run("HOLLYWOOD _ Ask the top talent agents"),
            vec!["HOLLYWOOD"]
        );
        assert_eq!(
            run("LONDON 1996-08-30\nWest Indian all-rounder"),
            vec!["LONDON"]
        );
        assert_eq!(run("SHAH ALAM, Thurs. - The Selangor"), vec!["SHAH ALAM"]);
    }

    #[test]
    fn headlines_and_shouted_openings_are_not_datelines() {
        assert!(run("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP").is_empty());
        assert!(run("BETWEEN 1996 and last year, only").is_empty());
        assert!(run("THE country's demand for water").is_empty());
    }
}
