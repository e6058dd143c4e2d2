//! Last checks on single-word names:
//! - a capitalised sentence opener that running text writes in lower case
//!   ("Instead", "Elsewhere", "Born") and that the document never capitalises
//!   elsewhere is not a name;
//! - a nationality, religion or party word ("Muslim", "Kurds",
//!   "Republicans") is NORP whatever the tagger guessed;
//! - a bare "Government" or "States" is not a name, nor the pronoun "I".

use super::features::DocCtx;
use super::lexicon::{self, Class};
use crate::doc::Doc;
use crate::model::Label;

const GENERIC: &[&str] = &[
    "government",
    "cabinet",
    "states",
    "state",
    "administration",
    "constitution",
    "regime",
];

const NAME_CLASSES: u32 = (1 << Class::Country as u8)
    | (1 << Class::City as u8)
    | (1 << Class::State as u8)
    | (1 << Class::Region as u8)
    | (1 << Class::GivenName as u8)
    | (1 << Class::Outlet as u8)
    | (1 << Class::Demonym as u8);

/// Drops the names written as a markup tag's name: `<ANNOTATION>`,
/// `</ANNOTATION>`, `<B>` (tags left in pasted HTML, SGML wire copy): a tag
/// is no entity.
pub fn drop_markup(doc: &Doc, spans: &mut Vec<(usize, usize, Label)>) {
    let n = doc.tokens.len();
    let touch = |a: usize, b: usize| doc.tokens[a].span.end == doc.tokens[b].span.start;
    let opens = |a: usize| {
        a > 0
            && touch(a - 1, a)
            && (doc.tok(a - 1) == "<"
                || doc.tok(a - 1) == "/" && a > 1 && touch(a - 2, a - 1) && doc.tok(a - 2) == "<")
    };
    spans
        .retain(|&(a, b, _)| !(a < b && b < n && opens(a) && touch(b - 1, b) && doc.tok(b) == ">"));
}

const PLACE_BITS: u32 = (1 << Class::Country as u8)
    | (1 << Class::City as u8)
    | (1 << Class::State as u8)
    | (1 << Class::Region as u8);

/// "Russia's Larissa Lazutina": a place's possessive inside a name ends the
/// place; what follows is a person when it starts with a given name.
pub fn possessive_places(ctx: &DocCtx, spans: &mut Vec<(usize, usize, Label)>) {
    let given = |k: usize| ctx.toks[k].classes & Class::GivenName.bit() != 0;
    let place_word = |k: usize| ctx.toks[k].classes & PLACE_BITS != 0;
    let mut split = Vec::new();
    for s in spans.iter_mut() {
        if !matches!(s.2, Label::Gpe | Label::Loc) {
            continue;
        }
        if let Some(k) = (s.0 + 1..s.1.saturating_sub(1))
            .find(|&k| matches!(ctx.text(&ctx.toks[k]), "'s" | "\u{2019}s"))
        {
            if place_word(k - 1) && given(k + 1) {
                split.push((k + 1, s.1, Label::Person));
                s.1 = k;
            }
        }
    }
    spans.extend(split);
}

/// Filters and relabels token spans in place.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn apply(ctx: &DocCtx, spans: &mut Vec<(usize, usize, Label)>) {
    let lx = lexicon::get();
    // "Kosovo Albanians", "Kosovo Serbs": a place and a group
    let mut split = Vec::new();
    for s in spans.iter_mut() {
        if s.1 >= s.0 + 2 && matches!(s.2, Label::Gpe | Label::Loc | Label::Norp) {
            let last = &ctx.toks[s.1 - 1];
            let head: Vec<&str> = ctx.toks[s.0..s.1 - 1].iter().map(|t| ctx.text(t)).collect();
            let head = head.join(" ");
            let classes = lx.classes(&head);
            let place = classes
                & (Class::Country.bit()
                    | Class::City.bit()
                    | Class::State.bit()
                    | Class::Region.bit())
                != 0;
            if place && last.classes & Class::Demonym.bit() != 0 && ctx.lower(last).ends_with('s') {
                split.push((s.1 - 1, s.1, Label::Norp));
                s.1 -= 1;
                s.2 = if classes & Class::Region.bit() != 0 {
                    Label::Loc
                } else {
                    Label::Gpe
                };
            }
        }
    }
    spans.extend(split);
    spans.retain_mut(|s| {
        if s.1 != s.0 + 1 {
            return true;
        }
        let t = &ctx.toks[s.0];
        let w = ctx.lower(t);
        if GENERIC.contains(&w) && s.2 != Label::Person {
            return false;
        }
        // the pronoun: an interview's "I" is its speaker, not a name
        if ctx.text(t) == "I" {
            return false;
        }
        if t.classes & Class::Demonym.bit() != 0
            && s.2 != Label::Norp
            && !matches!(s.2, Label::Event | Label::Law)
        {
            s.2 = Label::Norp;
            return true;
        }
        if t.sent_start && t.classes & NAME_CLASSES == 0 && lx.word(w) & Class::Common.bit() != 0 {
            let seen_mid = t.stats.cap_mid > 0;
            if !seen_mid {
                return false;
            }
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, spans: &[(&str, Label)]) -> Vec<(String, Label)> {
        let d = Doc::new(s);
        let ctx = DocCtx::new(&d);
        let mut sp = Vec::new();
        for (w, l) in spans {
            let i = (0..d.tokens.len()).find(|&i| d.tok(i) == *w).unwrap();
            sp.push((i, i + 1, *l));
        }
        apply(&ctx, &mut sp);
        sp.into_iter()
            .map(|(a, _, l)| (d.tok(a).to_string(), l))
            .collect()
    }

    #[test]
    fn sentence_openers_groups_and_generic_words() {
        assert!(run("Instead, Clinton left.", &[("Instead", Label::Person)]).is_empty());
        assert_eq!(
            run("The militant Muslim group", &[("Muslim", Label::Loc)]),
            vec![("Muslim".to_string(), Label::Norp)]
        );
        assert!(run("the Government said", &[("Government", Label::Org)]).is_empty());
        assert!(run("Then I left.", &[("I", Label::Person)]).is_empty());
        assert!(run("Then I left.", &[("I", Label::Norp)]).is_empty());
        // a name at a sentence start stays
        assert_eq!(run("Ardern left.", &[("Ardern", Label::Person)]).len(), 1);
    }

    #[test]
    fn markup_tags_are_no_names() {
        let s = "said so. <ANNOTATION> Then </ANNOTATION> and <B>Iran</B> < Iran >";
        let d = Doc::new(s);
        let at = |w: &str, nth: usize| {
            (0..d.tokens.len())
                .filter(|&i| d.tok(i) == w)
                .nth(nth)
                .unwrap()
        };
        let mut sp: Vec<(usize, usize, Label)> = [
            at("ANNOTATION", 0),
            at("ANNOTATION", 1),
            at("B", 0),
            at("Iran", 0),
            at("Iran", 1),
        ]
        .iter()
        .map(|&i| (i, i + 1, Label::Person))
        .collect();
        drop_markup(&d, &mut sp);
        let left: Vec<&str> = sp.iter().map(|s| d.tok(s.0)).collect();
        assert_eq!(left, ["Iran", "Iran"]);
    }

    #[test]
    fn a_place_s_person_splits() {
        let s = "won. Russia's Larissa Lazutina won and Italy's Belmondo";
        let d = Doc::new(s);
        let ctx = DocCtx::new(&d);
        let at = |w: &str| (0..d.tokens.len()).find(|&i| d.tok(i) == w).unwrap();
        let mut sp = vec![
            (at("Russia"), at("Lazutina") + 1, Label::Gpe),
            (at("Italy"), at("Belmondo") + 1, Label::Gpe),
        ];
        possessive_places(&ctx, &mut sp);
        sp.sort();
        let got: Vec<(&str, Label)> = sp
            .iter()
            .map(|&(a, b, l)| (&s[d.tokens[a].span.start..d.tokens[b - 1].span.end], l))
            .collect();
        assert_eq!(
            got,
            [
                ("Russia", Label::Gpe),
                ("Larissa Lazutina", Label::Person),
                ("Italy's Belmondo", Label::Gpe)
            ]
        );
    }

    #[test]
    fn place_plus_group_splits() {
        let s = "the Kosovo Albanians left";
        let d = Doc::new(s);
        let ctx = DocCtx::new(&d);
        let mut sp = vec![(1, 3, Label::Gpe)];
        apply(&ctx, &mut sp);
        sp.sort();
        assert_eq!(sp, vec![(1, 2, Label::Gpe), (2, 3, Label::Norp)]);
    }
}
