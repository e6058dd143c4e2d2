//! TITLE: roles written before a name ("President", "Prime Minister",
//! "Foreign Minister", "Major-General"), kept apart from the person they
//! precede: "Iraqi Prime Minister Haider Jawad al-Abadi" is NORP "Iraqi",
//! TITLE "Prime Minister", PERSON "Haider Jawad al-Abadi".
//!
//! A capitalised title counts on its own ("the President said"); a lower-case
//! one ("prime minister") only right before a person. Courtesy titles
//! ("Mr.", "Mrs.") are not roles and are not marked.

use super::features::DocCtx;
use super::lexicon::{self, Class};
use crate::doc::{Doc, TokenKind};
use crate::model::Label;

const COURTESY: &[&str] = &[
    "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "sir", "dame", "lord", "lady", "dr.", "dr", "messrs",
];

/// Longest title starting at `i`: its end.
fn title_at(doc: &Doc, ctx: &DocCtx, taken: &[bool], i: usize) -> Option<usize> {
    let lx = lexicon::get();
    let n = doc.tokens.len();
    let mut best = None;
    let mut key = String::new();
    for j in i..(i + 4).min(n) {
        if taken[j] || doc.tokens[j].kind != TokenKind::Word {
            break;
        }
        if j > i {
            key.push(' ');
        }
        key.push_str(ctx.lower(&ctx.toks[j]));
        let bits = if j == i {
            lx.word(&key)
        } else {
            lx.phrase(&key)
        };
        if bits & Class::Title.bit() != 0 {
            best = Some(j + 1);
        }
    }
    best
}

/// Finds titles on tokens not `taken` by names: (first, end, TITLE).
pub fn find(
    doc: &Doc,
    ctx: &DocCtx,
    taken: &[bool],
    person_at: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize, Label)> {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    let mut i = 0;
    let candidate =
        |t: &super::features::TokInfo| t.classes & Class::Title.bit() != 0 || t.starts_title;
    while i < n {
        // the next token that is a title word or begins a title, not taken
        // by a name (one pass over the two tables, no index tests)
        let skip = ctx.toks.get(i..).zip(taken.get(i..)).and_then(|(ts, tk)| {
            ts.iter()
                .zip(tk)
                .position(|(t, &taken)| !taken && candidate(t))
        });
        let Some(skip) = skip else { break };
        i += skip;
        if COURTESY.contains(&ctx.lower(&ctx.toks[i])) {
            i += 1;
            continue;
        }
        let Some(end) = title_at(doc, ctx, taken, i) else {
            i += 1;
            continue;
        };
        let capitalised = (i..end).all(|k| {
            ctx.toks[k].cap
                || !ctx
                    .lower(&ctx.toks[k])
                    .chars()
                    .any(crate::chars::is_alphabetic)
                || matches!(ctx.lower(&ctx.toks[k]), "of" | "the")
        });
        let before_person = end < n && person_at(end);
        // a capitalised title not followed by another capitalised word that
        // isn't a person: "Justice Department" is a name, not a title
        let next_is_name_part =
            end < n && ctx.toks[end].cap && doc.tokens[end].kind == TokenKind::Word && !taken[end];
        let ok = before_person || (capitalised && !next_is_name_part && !ctx.toks[i].caps_line);
        if ok {
            out.push((i, end, Label::Title));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, person: &str) -> Vec<String> {
        let d = Doc::new(s);
        let ctx = DocCtx::new(&d);
        let taken = vec![false; d.tokens.len()];
        let p = s.find(person).unwrap_or(usize::MAX);
        let person_at = |k: usize| d.tokens[k].span.start == p;
        find(&d, &ctx, &taken, &person_at)
            .into_iter()
            .map(|(a, b, _)| s[d.tokens[a].span.start..d.tokens[b - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn titles_before_people() {
        assert_eq!(
            run("Iraqi Prime Minister Haider Jawad al-Abadi met", "Haider"),
            vec!["Prime Minister"]
        );
        assert_eq!(
            run("Iranian Major-General Hossein Salami", "Hossein"),
            vec!["Major-General"]
        );
        assert_eq!(
            run("Iranian Foreign Minister Javad Zarif noted", "Javad"),
            vec!["Foreign Minister"]
        );
        assert_eq!(
            run("the prime minister Haider Jawad al-Abadi", "Haider"),
            vec!["prime minister"]
        );
    }

    #[test]
    fn titles_alone_and_not_titles() {
        assert_eq!(run("the President said on Monday", "-"), vec!["President"]);
        assert!(run("the Justice Department said", "-").is_empty());
        assert!(run("the prime minister's office", "-").is_empty());
        assert!(run("Mr. Smith", "Smith").is_empty());
    }
}
