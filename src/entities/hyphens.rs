//! Names inside hyphenated words: "Iran-aligned", "US-led", "Beijing-based",
//! "Iran-backed". The tokenizer keeps these whole; the place or group in
//! front of the hyphen is a mention of its own.

use super::lexicon::{self, Class};
use crate::doc::{Doc, TokenKind};
use crate::model::Label;
use crate::text::ByteSpan;

const SUFFIXES: &[&str] = &[
    "based",
    "led",
    "backed",
    "aligned",
    "born",
    "run",
    "controlled",
    "owned",
    "funded",
    "sponsored",
    "allied",
    "bound",
    "made",
    "style",
    "era",
    "linked",
    "affiliated",
    "friendly",
    "dominated",
    "brokered",
    "occupied",
    "held",
    "ruled",
    "oriented",
    "centered",
    "centred",
    "focused",
    "supported",
    "armed",
    "trained",
    "built",
    "inspired",
    "educated",
    "registered",
    "listed",
    "headquartered",
    "flagged",
    "administered",
    "mediated",
];

/// Label of a bare name by the lexicons, or by how the document labels the
/// same string elsewhere.
fn label_of(name: &str, known: &mut impl FnMut(&str) -> Option<Label>) -> Option<Label> {
    let lx = lexicon::get();
    let classes = lx.classes(name);
    if classes & (Class::Country.bit() | Class::City.bit() | Class::State.bit()) != 0 {
        return Some(Label::Gpe);
    }
    if classes & Class::Region.bit() != 0 {
        return Some(Label::Loc);
    }
    if classes & Class::Demonym.bit() != 0 {
        return Some(Label::Norp);
    }
    known(name)
}

/// Mentions in front of hyphens, with the index of their token, among the
/// tokens `hyphenated` (those holding a hyphen, in order). `known`
/// gives the label of a name found elsewhere in the document (asked only for
/// the rare hyphenated word, so the caller can build its table lazily).
pub fn find(
    doc: &Doc,
    hyphenated: &[usize],
    mut known: impl FnMut(&str) -> Option<Label>,
) -> Vec<(usize, ByteSpan, Label)> {
    let mut out = Vec::new();
    for &i in hyphenated {
        let t = &doc.tokens[i];
        if t.kind != TokenKind::Word {
            continue;
        }
        let w = doc.tok(i);
        let Some(pos) = w.rfind('-') else { continue };
        let (head, tail) = (&w[..pos], &w[pos + 1..]);
        if !head.chars().next().map_or(false, char::is_uppercase) || !SUFFIXES.contains(&tail) {
            continue;
        }
        // "New York-based": the name may begin on the word before
        if i > 0
            && doc
                .tok(i - 1)
                .chars()
                .next()
                .map_or(false, char::is_uppercase)
            && !doc.tokens[i].line_start
        {
            let two = format!("{} {}", doc.tok(i - 1), head);
            if let Some(l) = label_of(&two, &mut known) {
                out.push((
                    i,
                    ByteSpan::new(doc.tokens[i - 1].span.start, t.span.start + head.len()),
                    l,
                ));
                continue;
            }
        }
        if let Some(l) = label_of(head, &mut known) {
            out.push((i, ByteSpan::new(t.span.start, t.span.start + head.len()), l));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fast::FastMap;
    use super::*;

    fn hyphenated(d: &Doc) -> Vec<usize> {
        super::super::tokens_holding(d, '-').collect()
    }

    #[test]
    fn places_before_hyphens() {
        let s = "Iran-aligned groups and the US-led invasion; a Beijing-based member; MTV-style; well-known; a New York-based man";
        let d = Doc::new(s);
        let mut known = FastMap::default();
        known.insert("MTV", Label::Org);
        let got: Vec<(&str, Label)> = find(&d, &hyphenated(&d), |w| known.get(w).copied())
            .into_iter()
            .map(|(_, sp, l)| (sp.slice(s), l))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Iran", Label::Gpe),
                ("US", Label::Gpe),
                ("Beijing", Label::Gpe),
                ("MTV", Label::Org),
                ("New York", Label::Gpe)
            ]
        );
    }
}
