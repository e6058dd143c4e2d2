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

/// The words of `s` joined by one space, without periods, lower-cased.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (k, w) in s.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        for part in w.split('.') {
            out.push_str(part);
        }
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

/// Label family: GPE, LOC and FAC may name the same place.
fn family(l: Label) -> Label {
    match l {
        Label::Gpe | Label::Loc | Label::Fac => Label::Gpe,
        x => x,
    }
}

fn acronym(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().map_or(false, char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Assigns `cluster` on every name mention and returns the clusters.
pub fn assign(src: &str, mentions: &mut [Mention]) -> Vec<ClusterInfo> {
    let lx = lexicon::get();
    let text = |m: &Mention| m.span.slice(src);
    // canonical key of each mention
    let mut keys: Vec<Option<(Label, String)>> = vec![None; mentions.len()];
    for (k, m) in mentions.iter().enumerate() {
        if !clustered(m.label) {
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
        // the common name of a country (looked up for places only)
        let canonical = match family(m.label) {
            Label::Gpe => lx.canonical_country(t),
            _ => None,
        };
        let key = norm(canonical.unwrap_or(t));
        keys[k] = Some((family(m.label), key));
    }
    // people: full names by their trailing words
    let mut full: FastMap<(Label, String), Vec<String>> = FastMap::default();
    for k in keys.iter().flatten() {
        if k.0 != Label::Person {
            continue;
        }
        let words: Vec<&str> = k.1.split(' ').collect();
        // the last one, two or three words: "Salami", "Siad Barre"
        for s in words.len().saturating_sub(3).max(1)..words.len() {
            let tail = words[s..].join(" ");
            let e = full.entry((Label::Person, tail)).or_default();
            // two different full names are enough to call a surname ambiguous
            if e.len() < 2 && !e.contains(&k.1) {
                e.push(k.1.clone());
            }
        }
    }
    // organisations by acronym
    let mut acr: FastMap<String, Vec<String>> = FastMap::default();
    for (k, m) in mentions.iter().enumerate() {
        if m.label == Label::Org {
            let t = text(m);
            if t.split_whitespace().count() >= 2 {
                let a = acronym(t).to_lowercase();
                if a.len() >= 2 {
                    let e = acr.entry(a).or_default();
                    if let Some((_, key)) = &keys[k] {
                        if e.len() < 2 && !e.contains(key) {
                            e.push(key.clone());
                        }
                    }
                }
            }
        }
    }
    for k in keys.iter_mut().flatten() {
        if k.0 == Label::Person {
            if let Some(v) = full.get(k) {
                if v.len() == 1 {
                    k.1 = v[0].clone();
                }
            }
        } else if k.0 == Label::Org && !k.1.contains(' ') {
            if let Some(v) = acr.get(&k.1) {
                if v.len() == 1 {
                    k.1 = v[0].clone();
                }
            }
        }
    }
    // number the clusters in order of first mention
    let mut ids: FastMap<(Label, String), u32> = FastMap::default();
    let mut out: Vec<ClusterInfo> = Vec::new();
    for (k, m) in mentions.iter_mut().enumerate() {
        let Some(key) = keys[k].take() else { continue };
        let t = m.span.slice(src);
        let id = *ids.entry(key).or_insert_with(|| {
            out.push(ClusterInfo {
                name: String::new(),
                label: m.label,
                mentions: 0,
            });
            (out.len() - 1) as u32
        });
        let c = &mut out[id as usize];
        c.mentions += 1;
        // the fullest name: most words, then longest
        let better = c.name.is_empty()
            || t.split_whitespace().count() > c.name.split_whitespace().count()
            || (t.split_whitespace().count() == c.name.split_whitespace().count()
                && t.len() > c.name.len());
        if better {
            c.name = t.split_whitespace().collect::<Vec<_>>().join(" ");
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
