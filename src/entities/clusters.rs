//! Clusters: mentions of the same referent grouped, with one canonical name
//! (the fullest the document uses).
//!
//! - People: a shorter mention made of the last words of a longer one is the
//!   same person ("Rouhani" → "Hassan Rouhani", "Salami" → "Qassem
//!   Salami"). A surname shared by two different full names stays apart.
//! - Countries: the other names of a country go with it ("US", "U.S.",
//!   "America", "United States of America" → "United States"). "Washington"
//!   is a place of its own: whether it stands for the government is a
//!   judgement the engine does not make.
//! - Organisations: an acronym goes with the name whose initials it spells
//!   ("IMF" → "International Monetary Fund").
//! - Anything else: the same text (ignoring case and periods) is the same
//!   referent.
//!
//! Numbers, dates and titles get no cluster.

use super::fast::FastMap;
use super::lexicon;
use super::{ClusterInfo, Mention};
use crate::model::Label;

fn clustered(l: Label) -> bool {
    !matches!(
        l,
        Label::Date
            | Label::Time
            | Label::Money
            | Label::Percent
            | Label::Cardinal
            | Label::Ordinal
            | Label::Quantity
            | Label::Title
    )
}

/// Appends to `out` the words of `s` joined by one space, without periods,
/// lower-cased (`str::to_lowercase` of the whole when not ASCII).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn push_norm(out: &mut String, s: &str) {
    let from = out.len();
    if s.is_ascii() {
        // most names are words one space apart without periods: then the
        // key is the name lower-cased, copied whole
        let mut prev_space = true;
        let simple = s.bytes().all(|c| {
            let space = c == b' ';
            let plain = c != b'.' && c.wrapping_sub(b'\t') >= 5 && !(space && prev_space);
            prev_space = space;
            plain
        }) && !prev_space;
        if simple {
            out.push_str(s);
            out[from..].make_ascii_lowercase();
            return;
        }
        // one pass over the bytes: a space before each word but the first
        // (a word of periods only still counts), `char::is_whitespace` for
        // ASCII being ' ' and '\t'..='\r'
        let (mut in_word, mut words) = (false, 0);
        for b in s.bytes() {
            if b == b' ' || (b'\t'..=b'\r').contains(&b) {
                in_word = false;
                continue;
            }
            if !in_word {
                if words > 0 {
                    out.push(' ');
                }
                words += 1;
                in_word = true;
            }
            if b != b'.' {
                out.push(b.to_ascii_lowercase() as char);
            }
        }
        return;
    }
    for (k, w) in s.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        for part in w.split('.') {
            out.push_str(part);
        }
    }
    if !out[from..].is_ascii() {
        let lower = out[from..].to_lowercase();
        out.truncate(from);
        out.push_str(&lower);
    } else {
        out[from..].make_ascii_lowercase();
    }
}

/// Label family: GPE, LOC and FAC may name the same place.
fn family(l: Label) -> Label {
    match l {
        Label::Gpe | Label::Loc | Label::Fac => Label::Gpe,
        x => x,
    }
}

/// The initials of the capitalised words of `name`, lower-cased, into `out`
/// (cleared first).
fn acronym_into(out: &mut String, name: &str) {
    out.clear();
    out.extend(
        name.split(|c: char| c.is_whitespace() || c == '-')
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase()),
    );
    if out.is_ascii() {
        out.make_ascii_lowercase();
    } else {
        *out = out.to_lowercase();
    }
}

/// Up to two different keys (by their place in the key text) seen for one
/// surname or acronym: two are enough to call it ambiguous.
#[derive(Default)]
struct UpToTwo {
    n: usize,
    keys: [(usize, usize); 2],
}

impl UpToTwo {
    fn add(&mut self, text: &str, key: (usize, usize)) {
        let same = |k: &(usize, usize)| text[k.0..k.1] == text[key.0..key.1];
        if self.n < 2 && !self.keys[..self.n].iter().any(same) {
            self.keys[self.n] = key;
            self.n += 1;
        }
    }

    /// The key, when exactly one was seen.
    fn only(&self) -> Option<(usize, usize)> {
        (self.n == 1).then_some(self.keys[0])
    }
}

/// How many words `t` has (`split_whitespace`): one pass over the bytes,
/// which also tells whether they are all ASCII (else the Unicode count).
fn word_count(t: &str) -> usize {
    let (mut words, mut prev_space, mut high) = (0, true, 0u8);
    for b in t.bytes() {
        // `char::is_whitespace` of ASCII: ' ' and '\t'..='\r'
        let space = b == b' ' || b.wrapping_sub(b'\t') < 5;
        words += (prev_space && !space) as usize;
        prev_space = space;
        high |= b;
    }
    if high < 0x80 {
        words
    } else {
        t.split_whitespace().count()
    }
}

/// The words of `t` joined by one space, into `out`; returns how many.
fn join_words(out: &mut String, t: &str) -> usize {
    out.clear();
    let mut words = 0;
    for w in t.split_whitespace() {
        if words > 0 {
            out.push(' ');
        }
        out.push_str(w);
        words += 1;
    }
    words
}

/// Assigns `cluster` on every name mention and returns the clusters.
/// A mention's cluster key: its label family and the range of its
/// normalised text in the keys' buffer (`None`: not clustered).
type Key = Option<(Label, (usize, usize))>;

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn assign(src: &str, mentions: &mut [Mention]) -> Vec<ClusterInfo> {
    // In three steps, each its own function on wasm32: one function of them
    // all was the largest in the module (14 KB), and V8's optimizing tier
    // takes its working memory by the function (see src/lib.rs).
    let (key_text, mut keys) = keys_of(src, mentions);
    to_whole_names(src, &key_text, mentions, &mut keys);
    number(src, &key_text, mentions, &keys)
}

/// Each mention's key, the texts one after another in the returned buffer
/// (one buffer, not a string each).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn keys_of(src: &str, mentions: &[Mention]) -> (String, Vec<Key>) {
    let lx = lexicon::get();
    let text = |m: &Mention| m.span.slice(src);
    let mut key_text = String::with_capacity(mentions.iter().map(|m| m.span.len()).sum());
    let mut keys: Vec<Key> = Vec::with_capacity(mentions.len());
    let mut keyed: FastMap<(Label, &str), (usize, usize)> =
        FastMap::with_capacity_and_hasher(mentions.len(), Default::default());
    for m in mentions.iter() {
        if !clustered(m.label) {
            keys.push(None);
            continue;
        }
        let t = text(m);
        // (strip_suffix loops, not trim_end_matches: a string pattern sets
        // up a substring searcher on every call)
        let mut t = t;
        while let Some(r) = t.strip_suffix("'s") {
            t = r;
        }
        while let Some(r) = t.strip_suffix("\u{2019}s") {
            t = r;
        }
        // a text seen before in the family has its key (most mentions
        // repeat a name: no look-up and no copy again)
        let family = family(m.label);
        let r = *keyed.entry((family, t)).or_insert_with(|| {
            // the common name of a country (looked up for places only)
            let canonical = match family {
                Label::Gpe => lx.canonical_country(t),
                _ => None,
            };
            let from = key_text.len();
            push_norm(&mut key_text, canonical.unwrap_or(t));
            (from, key_text.len())
        });
        keys.push(Some((family, r)));
    }
    (key_text, keys)
}

/// A person's key becomes the full name's that ends in it, and an
/// organisation's acronym the name's that it abbreviates, when only one does.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn to_whole_names(src: &str, kt: &str, mentions: &[Mention], keys: &mut [Key]) {
    let text = |m: &Mention| m.span.slice(src);
    let at = |r: (usize, usize)| &kt[r.0..r.1];
    // people: full names by their trailing words, the last one, two or
    // three ("Salami", "Siad Barre"), never the whole name
    let mut full: FastMap<&str, UpToTwo> = FastMap::default();
    // (each key once: keys are written in the order of their first mention,
    // so a later mention of one ends no further than those before)
    let mut written_to = 0;
    for &(label, r) in keys.iter().flatten() {
        if r.1 <= written_to {
            continue;
        }
        written_to = r.1;
        if label != Label::Person {
            continue;
        }
        for (space, _) in at(r).rmatch_indices(' ').take(3) {
            full.entry(&kt[r.0 + space + 1..r.1])
                .or_default()
                .add(kt, r);
        }
    }
    // organisations by acronym
    let mut acr: FastMap<String, UpToTwo> = FastMap::default();
    let mut a = String::new();
    for (k, m) in mentions.iter().enumerate() {
        if m.label == Label::Org {
            let t = text(m);
            if word_count(t) >= 2 {
                acronym_into(&mut a, t);
                if a.len() >= 2 {
                    // (a copy of the acronym only for a new one)
                    if !acr.contains_key(a.as_str()) {
                        acr.insert(a.clone(), UpToTwo::default());
                    }
                    if let (Some(e), Some((_, r))) = (acr.get_mut(a.as_str()), keys[k]) {
                        e.add(kt, r);
                    }
                }
            }
        }
    }
    for (label, r) in keys.iter_mut().flatten() {
        let whole = match *label {
            Label::Person => full.get(at(*r)),
            Label::Org if !at(*r).contains(' ') => acr.get(at(*r)),
            _ => None,
        };
        if let Some(w) = whole.and_then(UpToTwo::only) {
            *r = w;
        }
    }
}

/// Numbers the clusters in order of first mention, sets each mention's, and
/// names each cluster by its fullest mention.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn number(src: &str, kt: &str, mentions: &mut [Mention], keys: &[Key]) -> Vec<ClusterInfo> {
    let at = |r: (usize, usize)| &kt[r.0..r.1];
    let mut ids: FastMap<(Label, &str), u32> =
        FastMap::with_capacity_and_hasher(mentions.len(), Default::default());
    let mut out: Vec<ClusterInfo> = Vec::new();
    // the words of each cluster's name
    let mut name_words: Vec<usize> = Vec::new();
    let mut joined = String::new();
    for (k, m) in mentions.iter_mut().enumerate() {
        let Some((label, r)) = keys[k] else { continue };
        let t = m.span.slice(src);
        let id = *ids.entry((label, at(r))).or_insert_with(|| {
            out.push(ClusterInfo {
                name: String::new(),
                label: m.label,
                mentions: 0,
            });
            name_words.push(0);
            (out.len() - 1) as u32
        });
        let c = &mut out[id as usize];
        c.mentions += 1;
        // the fullest name: most words, then longest (the name's own text,
        // most repeated mentions, is neither: no count of its words)
        if !c.name.is_empty() && c.name == t {
            m.cluster = Some(id);
            continue;
        }
        let words = word_count(t);
        let had = name_words[id as usize];
        let better = c.name.is_empty() || words > had || (words == had && t.len() > c.name.len());
        if better {
            name_words[id as usize] = join_words(&mut joined, t);
            c.name.clone_from(&joined);
            c.label = m.label;
        }
        m.cluster = Some(id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ByteSpan;

    fn mk(src: &str, items: &[(&str, usize, Label)]) -> Vec<Mention> {
        items
            .iter()
            .map(|&(t, nth, label)| {
                let start = src.match_indices(t).nth(nth).unwrap().0;
                Mention {
                    span: ByteSpan::new(start, start + t.len()),
                    label,
                    cluster: None,
                }
            })
            .collect()
    }

    #[test]
    fn people_countries_acronyms() {
        let src = "Hassan Rouhani met US officials. Rouhani said the United States and the International Monetary Fund (IMF) agreed. The IMF left. Hossein Salami; Salami's death. 2,500 troops.";
        let mut ms = mk(
            src,
            &[
                ("Hassan Rouhani", 0, Label::Person),
                ("US", 0, Label::Gpe),
                ("Rouhani", 1, Label::Person),
                ("United States", 0, Label::Gpe),
                ("International Monetary Fund", 0, Label::Org),
                ("IMF", 0, Label::Org),
                ("IMF", 1, Label::Org),
                ("Hossein Salami", 0, Label::Person),
                ("Salami", 1, Label::Person),
                ("2,500", 0, Label::Cardinal),
            ],
        );
        let cl = assign(src, &mut ms);
        assert_eq!(ms[0].cluster, ms[2].cluster);
        assert_eq!(ms[1].cluster, ms[3].cluster);
        assert_eq!(ms[4].cluster, ms[5].cluster);
        assert_eq!(ms[5].cluster, ms[6].cluster);
        assert_eq!(ms[7].cluster, ms[8].cluster);
        assert_ne!(ms[0].cluster, ms[7].cluster);
        assert_eq!(ms[9].cluster, None);
        let p = &cl[ms[0].cluster.unwrap() as usize];
        assert_eq!(
            (p.name.as_str(), p.label, p.mentions),
            ("Hassan Rouhani", Label::Person, 2)
        );
        assert_eq!(cl[ms[1].cluster.unwrap() as usize].name, "United States");
        assert_eq!(cl[ms[7].cluster.unwrap() as usize].name, "Hossein Salami");
    }

    #[test]
    fn norm_joins_words_drops_periods_and_lowers() {
        // the plain definition, word by word
        fn reference(s: &str) -> String {
            let words: Vec<String> = s.split_whitespace().map(|w| w.replace('.', "")).collect();
            words.join(" ").to_lowercase()
        }
        for s in [
            "U.S.",
            "Hassan Rouhani",
            " Iran",
            "Iran ",
            "x",
            "United  States\tof\r\nAmerica ",
            ". B",
            "A . B",
            "  ",
            "",
            "\u{b}x\u{c}Y",
            "Ünited  Státes",
            "ΣΟΦΟΣ Σ.",
            "Iran\u{a0}Air",
        ] {
            let mut out = String::from("kept");
            push_norm(&mut out, s);
            assert_eq!(out, format!("kept{}", reference(s)), "{s:?}");
        }
    }

    #[test]
    fn shared_surnames_stay_apart() {
        let src = "Bill Clinton and Hillary Clinton met. Clinton left.";
        let mut ms = mk(
            src,
            &[
                ("Bill Clinton", 0, Label::Person),
                ("Hillary Clinton", 0, Label::Person),
                ("Clinton", 2, Label::Person),
            ],
        );
        assign(src, &mut ms);
        assert_ne!(ms[0].cluster, ms[1].cluster);
        assert_ne!(ms[2].cluster, ms[0].cluster);
    }
}
