//! Lexicons compiled into the binary (see `data/lexicons/SOURCES.md`).
//!
//! Single words are looked up case-insensitively and give a bit set of
//! [`Class`]es; multi-word entries ("United States", "Prime Minister") are
//! matched longest-first over the token stream.

use super::fast::{FastMap, FastSet};
use super::features::TokInfo;
use crate::doc::tokenize;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Class {
    Country = 0,
    Demonym = 1,
    City = 2,
    State = 3,
    Region = 4,
    GivenName = 5,
    Title = 6,
    OrgSuffix = 7,
    OrgHead = 8,
    Outlet = 9,
    Month = 10,
    Weekday = 11,
    /// A word running text writes in lower case.
    Common = 12,
}

impl Class {
    pub fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

const COUNTRIES: &str = include_str!("../../data/lexicons/countries.txt");
const COUNTRIES_EXTRA: &str = include_str!("../../data/lexicons/countries_extra.txt");
const COUNTRY_ALIASES: &str = include_str!("../../data/lexicons/country_aliases.txt");
const DEMONYMS: &str = include_str!("../../data/lexicons/demonyms.txt");
const GROUPS: &str = include_str!("../../data/lexicons/groups.txt");
const COMMON: &str = include_str!("../../data/lexicons/common_lower.txt");
const CITIES: &str = include_str!("../../data/lexicons/cities.txt");
const STATES: &str = include_str!("../../data/lexicons/us_states.txt");
const REGIONS: &str = include_str!("../../data/lexicons/regions.txt");
const GIVEN: &str = include_str!("../../data/lexicons/given_names.txt");
const TITLES: &str = include_str!("../../data/lexicons/titles.txt");
const ORG_WORDS: &str = include_str!("../../data/lexicons/org_words.txt");
const OUTLETS: &str = include_str!("../../data/lexicons/outlets.txt");

pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub struct Lexicon {
    /// lower-cased single word → class bits
    words: FastMap<String, u32>,
    /// lower-cased words joined by one space → class bits (2+ words)
    phrases: FastMap<String, u32>,
    /// longest phrase, in tokens
    max_len: usize,
    /// lower-cased first words of the phrases
    firsts: FastSet<String>,
    /// lookup key of a country's other name → its common name
    canonical: FastMap<String, String>,
}

fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Entries of a front-coded list (written by `tools/lexicons/build.py`):
/// each line is one character, the number of characters shared with the
/// previous entry (0-9, a-z = 10-35), then the rest.
fn front_coded(src: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev = String::new();
    for l in src.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut chars = l.chars();
        let k = chars.next().and_then(|c| c.to_digit(36)).unwrap_or(0) as usize;
        let mut e: String = prev.chars().take(k).collect();
        e.push_str(chars.as_str());
        out.push(e.clone());
        prev = e;
    }
    out
}

fn key_of(entry: &str) -> (String, usize) {
    let toks = tokenize(entry);
    let parts: Vec<String> = toks
        .iter()
        .map(|t| t.span.slice(entry).to_lowercase())
        .collect();
    (parts.join(" "), parts.len())
}

impl Lexicon {
    fn add(&mut self, entry: &str, class: Class) {
        let (key, n) = key_of(entry);
        if n == 0 {
            return;
        }
        if n == 1 {
            *self.words.entry(key).or_insert(0) |= class.bit();
        } else {
            self.max_len = self.max_len.max(n);
            if let Some(f) = key.split(' ').next() {
                self.firsts.insert(f.to_string());
            }
            *self.phrases.entry(key).or_insert(0) |= class.bit();
        }
    }

    fn build() -> Lexicon {
        let mut lx = Lexicon {
            words: FastMap::default(),
            phrases: FastMap::default(),
            max_len: 1,
            firsts: FastSet::default(),
            canonical: FastMap::default(),
        };
        for l in lines(COUNTRIES) {
            lx.add(l, Class::Country);
        }
        for l in lines(COUNTRIES_EXTRA) {
            let mut it = l.split('\t');
            let name = it.next().unwrap_or("");
            lx.add(name, Class::Country);
            if let Some(c) = it.next() {
                lx.canonical.insert(key_of(name).0, c.trim().to_string());
            }
        }
        for l in lines(COUNTRY_ALIASES) {
            if let Some((c, alias)) = l.split_once('\t') {
                lx.canonical.insert(key_of(alias).0, c.trim().to_string());
            }
        }
        for l in lines(DEMONYMS) {
            lx.add(l, Class::Demonym);
            // plural nationals: "Iranians", "Iraqis"
            if l.ends_with('n') || l.ends_with('i') {
                lx.add(&format!("{l}s"), Class::Demonym);
            }
        }
        for l in lines(GROUPS) {
            lx.add(l, Class::Demonym);
        }
        for l in front_coded(COMMON) {
            lx.add(&l, Class::Common);
        }
        for l in front_coded(CITIES) {
            lx.add(&l, Class::City);
        }
        for l in lines(STATES) {
            lx.add(l, Class::State);
        }
        for l in lines(REGIONS) {
            lx.add(l, Class::Region);
        }
        for l in front_coded(GIVEN) {
            lx.add(&l, Class::GivenName);
        }
        for l in lines(TITLES) {
            lx.add(l, Class::Title);
        }
        for l in lines(ORG_WORDS) {
            let mut it = l.split('\t');
            let (Some(w), Some(kind)) = (it.next(), it.next()) else {
                continue;
            };
            lx.add(
                w,
                if kind.trim() == "head" {
                    Class::OrgHead
                } else {
                    Class::OrgSuffix
                },
            );
        }
        for l in lines(OUTLETS) {
            lx.add(l, Class::Outlet);
        }
        for m in MONTHS {
            lx.add(m, Class::Month);
        }
        for d in WEEKDAYS {
            lx.add(d, Class::Weekday);
        }
        lx
    }

    /// Does some multi-word entry begin with this (lower-cased) word?
    pub fn starts_phrase(&self, lower: &str) -> bool {
        self.firsts.contains(lower)
    }

    pub fn word(&self, lower: &str) -> u32 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    pub fn phrase(&self, lower_joined: &str) -> u32 {
        self.phrases.get(lower_joined).copied().unwrap_or(0)
    }

    /// The common name of a country written another way: "U.S." → "United
    /// States", "Islamic Republic of Iran" → "Iran".
    pub fn canonical_country(&self, text: &str) -> Option<&str> {
        self.canonical.get(&key_of(text).0).map(String::as_str)
    }

    /// Does `text` (any case, any number of words) appear with class `c`?
    pub fn has(&self, text: &str, c: Class) -> bool {
        // one plain word: no need to tokenize
        if text.chars().all(char::is_alphabetic) {
            return word_classes(text) & c.bit() != 0;
        }
        let (key, n) = key_of(text);
        let bits = if n == 1 {
            self.word(&key)
        } else {
            self.phrase(&key)
        };
        bits & c.bit() != 0
    }
}

pub fn get() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::build)
}

/// Class bits of one word.
pub fn word_classes(text: &str) -> u32 {
    let lx = get();
    if text.bytes().all(|b| !b.is_ascii_uppercase()) {
        lx.word(text)
    } else {
        lx.word(&text.to_lowercase())
    }
}

/// The most specific class of a set of bits, for phrase features.
fn main_class(bits: u32) -> Class {
    use Class::*;
    for c in [
        Title, Outlet, Country, State, Region, City, Demonym, OrgHead, OrgSuffix, GivenName, Month,
        Weekday, Common,
    ] {
        if bits & c.bit() != 0 {
            return c;
        }
    }
    Country
}

/// Marks multi-word lexicon matches, longest first, left to right.
pub fn mark_phrases(toks: &mut [TokInfo]) {
    let lx = get();
    let n = toks.len();
    let mut i = 0;
    let mut key = String::new();
    while i < n {
        let mut best: Option<(usize, u32)> = None;
        if toks[i].cap && lx.starts_phrase(&toks[i].lower) {
            key.clear();
            key.push_str(&toks[i].lower);
            let maxj = (i + lx.max_len).min(n);
            for j in i + 1..maxj {
                key.push(' ');
                key.push_str(&toks[j].lower);
                let b = lx.phrase(&key);
                if b != 0 {
                    best = Some((j + 1, b));
                }
            }
        }
        if let Some((end, bits)) = best {
            let c = main_class(bits);
            for (k, t) in toks[i..end].iter_mut().enumerate() {
                t.phrase = Some((c, k == 0));
            }
            i = end;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_coding_round_trips() {
        assert_eq!(
            front_coded("# x\n0Baghdad\n3ram\n0Müller\n2nster\n"),
            vec!["Baghdad", "Bagram", "Müller", "Münster"]
        );
    }

    #[test]
    fn countries_demonyms_cities_names() {
        let lx = get();
        assert!(lx.has("Iran", Class::Country));
        assert!(lx.has("United States", Class::Country));
        assert!(lx.has("Iraqi", Class::Demonym));
        assert!(lx.has("Iranians", Class::Demonym));
        assert!(lx.has("Baghdad", Class::City));
        assert!(lx.has("Tehran", Class::City));
        assert!(lx.has("Mohammed", Class::GivenName) || lx.has("Michael", Class::GivenName));
        assert!(lx.has("Prime Minister", Class::Title));
        assert!(lx.has("Major-General", Class::Title));
        assert!(lx.has("Middle East", Class::Region));
        assert!(lx.has("Reuters", Class::Outlet));
        assert!(lx.has("Ministry", Class::OrgHead));
        assert!(lx.has("Wednesday", Class::Weekday));
        assert!(!lx.has("said", Class::City));
        assert!(lx.has("Muslim", Class::Demonym));
        assert!(lx.has("instead", Class::Common));
        assert!(!lx.has("Iran", Class::Common));
        assert_eq!(lx.canonical_country("US"), Some("United States"));
        assert_eq!(
            lx.canonical_country("United States of America"),
            Some("United States")
        );
        assert_eq!(lx.canonical_country("Iran"), None);
    }
}
