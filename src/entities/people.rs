//! Names with particles come out whole: "Nouri al-Maliki", "Daniel
//! arap Moi", "Osama bin Laden", "Ursula von der Leyen". The tagger learned
//! from Reuters copy, which seldom has them; a person's name is extended over
//! a particle and the capitalised name after it.

use crate::doc::{Doc, TokenKind};
use crate::model::Label;

const PARTICLES: &[&str] = &[
    "al", "el", "ad", "as", "ash", "at", "an", "ar", "az", "bin", "ibn", "bint", "abu", "abd",
    "arap", "van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "do", "du",
    "le", "la", "ter", "ten", "ben", "y",
];

fn cap(doc: &Doc, k: usize) -> bool {
    k < doc.tokens.len()
        && doc.tokens[k].kind == TokenKind::Word
        && doc.tok(k).chars().next().map_or(false, char::is_uppercase)
}

/// "al-Maliki", "el-Sisi", "bin-Salman": a particle joined by a hyphen to a
/// capitalised name.
pub fn hyphen_particle(w: &str) -> bool {
    match w.split_once('-') {
        Some((p, rest)) => {
            PARTICLES.contains(&p) && rest.chars().next().map_or(false, char::is_uppercase)
        }
        None => false,
    }
}

/// Joins a person's name cut in two ("Mohamed" + "Siad Barre") and drops a
/// capitalised common word the tagger put in front of a name at a sentence
/// start ("Hairdresser Milanka Milentijevic").
pub fn join(doc: &Doc, ctx: &super::features::DocCtx, spans: &mut Vec<(usize, usize, Label)>) {
    crate::sort::stable_sort_by_key(spans, |s| crate::sort::key2(s.0, crate::sort::desc(s.1)));
    let mut out: Vec<(usize, usize, Label)> = Vec::with_capacity(spans.len());
    for &s in spans.iter() {
        if let Some(last) = out.last_mut() {
            if last.2 == Label::Person
                && s.2 == Label::Person
                && last.1 == s.0
                && !doc.tokens[s.0].line_start
            {
                last.1 = s.1;
                continue;
            }
        }
        out.push(s);
    }
    for s in out.iter_mut() {
        let first = &ctx.toks[s.0];
        let common = first.classes & super::lexicon::Class::Common.bit() != 0
            && first.classes & super::lexicon::Class::GivenName.bit() == 0;
        if s.2 == Label::Person
            && s.1 >= s.0 + 3
            && first.sent_start
            && common
            && first.stats.cap_mid == 0
        {
            s.0 += 1;
        }
    }
    *spans = out;
}

/// Extends person spans (token spans) over particles in place.
pub fn apply(doc: &Doc, spans: &mut [(usize, usize, Label)]) {
    let n = doc.tokens.len();
    // (the fast hasher: a SipHash per span and per look-up is most of this pass)
    let starts: super::fast::FastSet<usize> = spans.iter().map(|s| s.0).collect();
    for s in spans.iter_mut() {
        if s.2 != Label::Person {
            continue;
        }
        loop {
            let e = s.1;
            if e >= n
                || doc.tokens[e].line_start
                || starts.contains(&e)
                    && doc.tok(e).chars().next().map_or(false, char::is_lowercase)
            {
                break;
            }
            let w = doc.tok(e);
            if hyphen_particle(w) {
                s.1 = e + 1;
            } else if !PARTICLES.contains(&w) {
                // (looked up once for both particle rules below)
                break;
            } else if cap(doc, e + 1) && !starts.contains(&(e + 1)) {
                s.1 = e + 2;
            } else if e + 1 < n
                && PARTICLES.contains(&doc.tok(e + 1))
                && cap(doc, e + 2)
                && !starts.contains(&(e + 2))
            {
                s.1 = e + 3; // "von der Leyen"
            } else {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, first: &str, len: usize) -> String {
        let d = Doc::new(s);
        let a = (0..d.tokens.len()).find(|&i| d.tok(i) == first).unwrap();
        let mut sp = vec![(a, a + len, Label::Person)];
        apply(&d, &mut sp);
        s[d.tokens[sp[0].0].span.start..d.tokens[sp[0].1 - 1].span.end].to_string()
    }

    #[test]
    fn split_names_join_and_openers_drop() {
        let s = "the late dictator Mohamed Siad Barre ruled. Teacher Milanka Milentijevic says no.";
        let d = Doc::new(s);
        let ctx = crate::entities::features::DocCtx::new(&d);
        let at = |w: &str| (0..d.tokens.len()).find(|&i| d.tok(i) == w).unwrap();
        let mut sp = vec![
            (at("Mohamed"), at("Mohamed") + 1, Label::Person),
            (at("Siad"), at("Barre") + 1, Label::Person),
            (at("Teacher"), at("Milentijevic") + 1, Label::Person),
        ];
        join(&d, &ctx, &mut sp);
        let got: Vec<&str> = sp
            .iter()
            .map(|&(a, b, _)| &s[d.tokens[a].span.start..d.tokens[b - 1].span.end])
            .collect();
        assert_eq!(got, vec!["Mohamed Siad Barre", "Milanka Milentijevic"]);
    }

    #[test]
    fn particles_join_the_name() {
        assert_eq!(
            run("Egyptian President Abdel Fattah el-Sisi said", "Abdel", 2),
            "Abdel Fattah el-Sisi"
        );
        assert_eq!(
            run("President Daniel arap Moi, Kenya's ruler", "Daniel", 1),
            "Daniel arap Moi"
        );
        assert_eq!(run("Osama bin Laden was", "Osama", 1), "Osama bin Laden");
        assert_eq!(
            run("Ursula von der Leyen said", "Ursula", 1),
            "Ursula von der Leyen"
        );
        assert_eq!(run("Smith and de facto rulers", "Smith", 1), "Smith");
    }
}
