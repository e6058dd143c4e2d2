//! CoNLL name types (PER, ORG, LOC, MISC) refined into OntoNotes labels.
//!
//! LOC becomes LOC for regions and bodies of water, FAC for buildings and
//! infrastructure, GPE otherwise (countries, cities, states); MISC becomes
//! NORP for nationalities and groups, EVENT for wars, cups and summits, LAW
//! for acts and treaties, LANGUAGE for a language name; a name of several
//! words after its last word (ORG, LOC, FAC or NORP), else EVENT. A news
//! outlet is ORG whatever the tagger's type.

use super::features::DocCtx;
use super::lexicon::{self, Class};
use crate::doc::Doc;
use crate::model::Label;

const LOC_HEADS: &[&str] = &[
    "sea",
    "ocean",
    "river",
    "gulf",
    "mountains",
    "mountain",
    "valley",
    "lake",
    "desert",
    "peninsula",
    "strait",
    "bay",
    "coast",
    "basin",
    "plain",
    "plateau",
    "region",
    "delta",
    "canal",
    "channel",
    "hills",
    "heights",
];
const FAC_HEADS: &[&str] = &[
    "airport",
    "bridge",
    "street",
    "square",
    "stadium",
    "palace",
    "tower",
    "towers",
    "mosque",
    "church",
    "cathedral",
    "road",
    "avenue",
    "highway",
    "dam",
    "port",
    "station",
    "base",
    "prison",
    "camp",
    "shrine",
    "temple",
    "museum",
    "hall",
    "park",
    "building",
    "center",
    "centre",
    "arena",
];
const EVENT_WORDS: &[&str] = &[
    "war",
    "cup",
    "championship",
    "championships",
    "games",
    "olympics",
    "olympic",
    "open",
    "prix",
    "tour",
    "summit",
    "conference",
    "revolution",
    "crisis",
    "election",
    "elections",
    "festival",
    "series",
    "league",
    "rally",
    "uprising",
    "intifada",
    "massacre",
    "offensive",
    "talks",
    "marathon",
    "classic",
    "trophy",
];
const LAW_HEADS: &[&str] = &[
    "act",
    "law",
    "treaty",
    "accord",
    "accords",
    "constitution",
    "charter",
    "protocol",
    "agreement",
    "bill",
    "code",
];
const LANGUAGES: &[&str] = &[
    "english",
    "arabic",
    "persian",
    "farsi",
    "french",
    "german",
    "spanish",
    "russian",
    "chinese",
    "mandarin",
    "hebrew",
    "turkish",
    "kurdish",
    "urdu",
    "hindi",
    "japanese",
    "korean",
    "portuguese",
    "italian",
    "dutch",
];

/// Seats of government that stand for the government itself (OntoNotes ORG):
/// "the White House said", "the Kremlin denied".
const SEATS: &[&str] = &[
    "White House",
    "Kremlin",
    "Pentagon",
    "Vatican",
    "Elysee",
    "Élysée",
    "Quai d'Orsay",
    "Knesset",
    "Majlis",
    "Holy See",
];

fn nationality_like(w: &str) -> bool {
    let lx = lexicon::get();
    if lx.has(w, Class::Demonym) {
        return true;
    }
    const ENDINGS: &[&str] = &[
        "an", "ans", "ian", "ians", "ese", "ish", "i", "is", "ic", "ist", "ists",
    ];
    // (an ASCII word compared in place: no lower-cased copy)
    if w.is_ascii() {
        return ENDINGS
            .iter()
            .any(|s| w.len() >= s.len() && w[w.len() - s.len()..].eq_ignore_ascii_case(s));
    }
    let lower = w.to_lowercase();
    ENDINGS.iter().any(|s| lower.ends_with(s))
}

/// Is `w`, lower-cased, one of `list` (lower-case words)? An ASCII word is
/// compared in place, without a lower-cased copy.
fn in_lower_list(list: &[&str], w: &str) -> bool {
    if w.is_ascii() {
        list.iter().any(|x| w.eq_ignore_ascii_case(x))
    } else {
        list.contains(&w.to_lowercase().as_str())
    }
}

/// A name read as a person that ends in a place word no surname takes
/// ("Sioux City", "Silicon Valley", "Tiananmen Square", "Wilson Dam") or
/// begins with "Lake" / "Mount" ("Lake Michigan") is the place. Surnames
/// that are also place words ("Hall", "Park", "Street", "Bay", "Church")
/// are not on the lists.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn person_or_place(words: &[&str]) -> Label {
    if words.len() < 2 {
        return Label::Person;
    }
    let last = words[words.len() - 1];
    let is = |list: &[&str], w: &str| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    const LOC: &[&str] = &[
        "Valley",
        "River",
        "Mountains",
        "Sea",
        "Ocean",
        "Desert",
        "Peninsula",
        "Strait",
        "Gulf",
        "Canal",
        "Coast",
    ];
    const FAC: &[&str] = &[
        "Square",
        "Stadium",
        "Airport",
        "Bridge",
        "Avenue",
        "Highway",
        "Dam",
        "Grounds",
        "Boulevard",
    ];
    if is(LOC, last) || is(&["Lake", "Mount", "Mt."], words[0]) {
        Label::Loc
    } else if is(FAC, last) {
        Label::Fac
    } else if last == "City" {
        Label::Gpe
    } else {
        Label::Person
    }
}

/// Label of one name span given its CoNLL type index (0 PER, 1 ORG, 2 LOC, 3 MISC).
pub fn label_for(words: &[&str], ty: usize) -> Label {
    label_with_classes(words, ty, None)
}

/// [`label_for`], given the lexicon classes of the words joined when they
/// are known (see [`known_classes`]).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn label_with_classes(words: &[&str], ty: usize, known: Option<u32>) -> Label {
    let lx = lexicon::get();
    // the words joined only when the classes are not known (not for most
    // names: see `known_classes`)
    let classes = match known {
        Some(c) => c,
        None => lx.classes(&words.join(" ")),
    };
    let is = |c: Class| classes & c.bit() != 0;
    // a news outlet is an organisation, whatever the tagger took it for
    // ("Agence France-Presse" read as a person or MISC)
    if is(Class::Outlet) {
        return Label::Org;
    }
    if ty == 0 {
        return person_or_place(words);
    }
    if SEATS.iter().any(|s| joined_is(words, s)) {
        return Label::Org;
    }
    let last = words.last().copied().unwrap_or("");
    match ty {
        // a country or region read as an organisation: a national side, or
        // "Iraqi Kurdistan"
        1 if is(Class::Country) => Label::Gpe,
        1 if is(Class::Region) => Label::Loc,
        1 => Label::Org,
        2 => {
            if is(Class::Country) || is(Class::City) || is(Class::State) {
                Label::Gpe
            } else if is(Class::Region) || in_lower_list(LOC_HEADS, last) {
                Label::Loc
            } else if words.len() > 1 && in_lower_list(FAC_HEADS, last) {
                Label::Fac
            } else {
                Label::Gpe
            }
        }
        _ => {
            if is(Class::Country) || is(Class::City) || is(Class::State) {
                Label::Gpe
            } else if is(Class::Region) {
                Label::Loc
            } else if words.len() == 1
                && in_lower_list(LANGUAGES, last)
                && !lx.has(words[0], Class::Demonym)
            {
                Label::Language
            } else if words.iter().any(|w| in_lower_list(EVENT_WORDS, w)) {
                Label::Event
            } else if words.len() > 1 && in_lower_list(LAW_HEADS, last) {
                Label::Law
            } else if words.iter().all(|w| nationality_like(w) || w.contains('-')) {
                Label::Norp
            } else if words.len() == 1 {
                Label::Norp
            } else {
                misc_by_head(words, lx)
            }
        }
    }
}

/// Is `s` the words joined by one space? (No joined copy.)
fn joined_is(words: &[&str], s: &str) -> bool {
    let mut rest = s;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            match rest.strip_prefix(' ') {
                Some(r) => rest = r,
                None => return false,
            }
        }
        match rest.strip_prefix(w) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// The lexicon classes of tokens `a..b` joined by spaces, when the document
/// context already tells them: words of ASCII letters (no longer than the
/// tagger reads) are their own lexicon keys lower-cased, so one such word
/// has the classes of its token, and several have none when no lexicon
/// phrase that long begins with the first.
fn known_classes(doc: &Doc, ctx: &DocCtx, a: usize, b: usize) -> Option<u32> {
    let plain = |i: usize| {
        let w = doc.tok(i);
        w.len() <= super::MAX_NAME_WORD && w.bytes().all(|c| c.is_ascii_alphabetic())
    };
    if !(a..b).all(plain) {
        return None;
    }
    match b - a {
        1 => Some(ctx.toks[a].classes),
        words if (ctx.toks[a].longest_phrase as usize) < words => Some(0),
        _ => None,
    }
}

/// A name of several words the tagger read as MISC that is no war, cup, law
/// or nationality: its last word says what it is, as in the other types' names.
/// "World Health Organization", "Democratic Party" (an organisation's
/// suffix), "Java Sea", "English Channel" (a body of water or land form),
/// "International Airport" (a facility), "South Korean", "Puerto Rican" (a
/// nationality); else an event ("Democratic National Convention").
fn misc_by_head(words: &[&str], lx: &lexicon::Lexicon) -> Label {
    let last = words[words.len() - 1];
    if lx.has(last, Class::OrgSuffix) {
        Label::Org
    } else if in_lower_list(LOC_HEADS, last) {
        Label::Loc
    } else if in_lower_list(FAC_HEADS, last) {
        Label::Fac
    } else if last.starts_with(|c: char| c.is_uppercase()) && nationality_like(last) {
        Label::Norp
    } else {
        Label::Event
    }
}

/// Refines tagger spans `(first, last exclusive, CoNLL type)` into labelled
/// spans. "the Gaza war", "the Israel-Hamas war": a name between "the" and
/// a lower-case "war" is the war, an EVENT.
pub fn refine(
    doc: &Doc,
    ctx: &DocCtx,
    spans: &[(usize, usize, usize)],
) -> Vec<(usize, usize, Label)> {
    let n = doc.tokens.len();
    let mut out = Vec::with_capacity(spans.len());
    // the words of one span (one buffer for all)
    let mut words: Vec<&str> = Vec::new();
    for &(a, b, ty) in spans.iter().filter(|&&(a, b, _)| a < b && b <= n) {
        if a > 0
            && b < n
            && matches!(doc.tok(a - 1), "the" | "The")
            && doc.tok(b) == "war"
            && ty != 0
        {
            out.push((a, b + 1, Label::Event));
            continue;
        }
        words.clear();
        words.extend((a..b).map(|i| doc.tok(i)));
        let known = known_classes(doc, ctx, a, b);
        out.push((a, b, label_with_classes(&words, ty, known)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_compared_lower_cased_are_lower_case() {
        for list in [EVENT_WORDS, LOC_HEADS, FAC_HEADS, LAW_HEADS, LANGUAGES] {
            for w in list {
                assert_eq!(*w, w.to_lowercase(), "{w}");
            }
        }
    }

    #[test]
    fn known_classes_are_the_lexicon_classes() {
        let text = "In New York City, New Mexico and Sioux City, Iowa, officials of the \
                    United States of America, Saudi Arabia, Kenya and IRAN met the Iranian \
                    foreign minister and the World Health Organization at Camp David.";
        let doc = Doc::new(text);
        let ctx = DocCtx::new(&doc);
        let lx = lexicon::get();
        let n = doc.tokens.len();
        let mut known = 0;
        for a in 0..n {
            for b in a + 1..(a + 6).min(n) {
                if let Some(c) = known_classes(&doc, &ctx, a, b) {
                    let words: Vec<&str> = (a..b).map(|i| doc.tok(i)).collect();
                    assert_eq!(c, lx.classes(&words.join(" ")), "{words:?}");
                    known += 1;
                }
            }
        }
        assert!(known > 50);
    }

    #[test]
    fn loc_splits_into_gpe_loc_fac() {
        assert_eq!(label_for(&["Iraq"], 2), Label::Gpe);
        assert_eq!(label_for(&["Baghdad"], 2), Label::Gpe);
        assert_eq!(label_for(&["Middle", "East"], 2), Label::Loc);
        assert_eq!(label_for(&["Red", "Sea"], 2), Label::Loc);
        assert_eq!(label_for(&["Baghdad", "Airport"], 2), Label::Fac);
        assert_eq!(label_for(&["White", "House"], 2), Label::Org);
        assert_eq!(label_for(&["Kremlin"], 2), Label::Org);
        assert_eq!(label_for(&["Kurdistan"], 1), Label::Loc);
    }

    #[test]
    fn a_person_ending_in_a_place_word_is_the_place() {
        assert_eq!(label_for(&["Sioux", "City"], 0), Label::Gpe);
        assert_eq!(label_for(&["Silicon", "Valley"], 0), Label::Loc);
        assert_eq!(label_for(&["Lake", "Michigan"], 0), Label::Loc);
        assert_eq!(label_for(&["Tiananmen", "Square"], 0), Label::Fac);
        // surnames that are place words stay people
        assert_eq!(label_for(&["Arsenio", "Hall"], 0), Label::Person);
        assert_eq!(label_for(&["Michael", "Bay"], 0), Label::Person);
        assert_eq!(label_for(&["Valley"], 0), Label::Person);
    }

    #[test]
    fn misc_splits_into_norp_event_law_language() {
        assert_eq!(label_for(&["Iranian"], 3), Label::Norp);
        assert_eq!(label_for(&["Shia"], 3), Label::Norp);
        assert_eq!(label_for(&["Gaza", "war"], 3), Label::Event);
        assert_eq!(label_for(&["World", "Cup"], 3), Label::Event);
        assert_eq!(label_for(&["Patriot", "Act"], 3), Label::Law);
    }

    #[test]
    fn misc_of_several_words_takes_its_last_words_type() {
        assert_eq!(
            label_for(&["World", "Health", "Organization"], 3),
            Label::Org
        );
        assert_eq!(label_for(&["Natural", "Law", "Party"], 3), Label::Org);
        assert_eq!(label_for(&["Java", "Sea"], 3), Label::Loc);
        assert_eq!(label_for(&["English", "Channel"], 3), Label::Loc);
        assert_eq!(label_for(&["International", "Airport"], 3), Label::Fac);
        assert_eq!(label_for(&["Puerto", "Rican"], 3), Label::Norp);
        assert_eq!(
            label_for(&["Democratic", "National", "Convention"], 3),
            Label::Event
        );
    }

    #[test]
    fn a_news_outlet_is_an_organisation_whatever_the_tagger_read() {
        assert_eq!(label_for(&["Agence", "France-Presse"], 0), Label::Org);
        assert_eq!(label_for(&["Agence", "France-Presse"], 3), Label::Org);
        assert_eq!(label_for(&["Reuters"], 0), Label::Org);
    }
}
