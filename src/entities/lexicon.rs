//! Lexicons compiled into the binary (see `data/lexicons/SOURCES.md`).
//!
//! Single words are looked up case-insensitively and give a bit set of
//! [`Class`]es; multi-word entries ("United States", "Prime Minister") are
//! matched longest-first over the token stream.

use super::features::TokInfo;
use crate::doc::{hash_bytes, tokenize};
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

/// The lexicons, compiled by `build.rs` (the format is described there).
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));

/// Table bits beyond the classes: some phrase begins with this word; the key
/// has two or more tokens.
const FIRST: u16 = 1 << 13;
const PHRASE: u16 = 1 << 14;
const CLASSES: u16 = FIRST - 1;
/// Some title phrase begins with this word.
const FIRST_TITLE: u16 = 1 << 15;

pub use super::calendar::{MONTHS, WEEKDAYS};

pub struct Lexicon {
    /// the table's entries (see `build.rs`)
    entries: &'static [u8],
    /// open addressing: the offset of an entry in `entries`, `EMPTY` if free
    slots: Vec<u32>,
    mask: usize,
    /// longest phrase, in tokens
    max_len: usize,
    /// the canonical country names
    names: Vec<&'static str>,
}

const EMPTY: u32 = u32::MAX;

fn hash(key: &[u8]) -> usize {
    hash_bytes(key) as usize
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Appends the lookup key of `text` to `key`: its tokens, lower-cased,
/// joined by one space (as `build.rs` keys the entries). Returns the number
/// of tokens.
fn push_key(text: &str, key: &mut String) -> usize {
    let toks = tokenize(text);
    for (k, t) in toks.iter().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        push_lower(t.span.slice(text), key);
    }
    toks.len()
}

/// [`push_key`], without tokenizing words of ASCII letters between spaces
/// (there the tokens are the words).
fn key_into(text: &str, key: &mut String) -> usize {
    if !text.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') {
        return push_key(text, key);
    }
    let mut n = 0;
    for w in text.split(' ').filter(|w| !w.is_empty()) {
        if n > 0 {
            key.push(' ');
        }
        key.push_str(w);
        n += 1;
    }
    key.make_ascii_lowercase();
    n
}

/// Appends `w` lower-cased to `out`, without allocating for ASCII.
pub fn push_lower(w: &str, out: &mut String) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.push_str(&w.to_lowercase());
    }
}

impl Lexicon {
    /// Indexes the compiled table: one pass over its entries, nothing
    /// tokenized, parsed or copied. `None` if the table is malformed.
    fn parse(b: &'static [u8]) -> Option<Lexicon> {
        if b.get(0..4)? != b"LEX1" {
            return None;
        }
        let count = read_u32(b, 4)? as usize;
        let max_len = read_u32(b, 8)? as usize;
        let nnames = read_u32(b, 12)? as usize;
        let mut pos = 16;
        let mut names = Vec::with_capacity(nnames);
        for _ in 0..nnames {
            let len = *b.get(pos)? as usize;
            names.push(std::str::from_utf8(b.get(pos + 1..pos + 1 + len)?).ok()?);
            pos += 1 + len;
        }
        let entries = b.get(pos..)?;
        let cap = (count * 2).max(16).next_power_of_two();
        let mut lx = Lexicon {
            entries,
            slots: vec![EMPTY; cap],
            mask: cap - 1,
            max_len,
            names,
        };
        let mut at = 0;
        for _ in 0..count {
            let len = *entries.get(at)? as usize;
            let key = entries.get(at + 1..at + 1 + len + 4)?;
            let mut slot = hash(&key[..len]) & lx.mask;
            while lx.slots[slot] != EMPTY {
                slot = (slot + 1) & lx.mask;
            }
            lx.slots[slot] = u32::try_from(at).ok()?;
            at += 1 + len + 4;
        }
        Some(lx)
    }

    fn empty() -> Lexicon {
        Lexicon {
            entries: &[],
            slots: vec![EMPTY; 16],
            mask: 15,
            max_len: 1,
            names: Vec::new(),
        }
    }

    /// The table bits and canonical name index of a key.
    #[inline]
    fn lookup(&self, key: &str) -> (u16, u16) {
        let key = key.as_bytes();
        let e = self.entries;
        let mut slot = hash(key) & self.mask;
        loop {
            let at = self.slots[slot];
            if at == EMPTY {
                return (0, 0);
            }
            let at = at as usize;
            let len = e[at] as usize;
            if len == key.len() && &e[at + 1..at + 1 + len] == key {
                let v = &e[at + 1 + len..at + 5 + len];
                return (
                    u16::from_le_bytes([v[0], v[1]]),
                    u16::from_le_bytes([v[2], v[3]]),
                );
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Does some multi-word entry begin with this (lower-cased) word?
    pub fn starts_phrase(&self, lower: &str) -> bool {
        self.lookup(lower).0 & (FIRST | PHRASE) == FIRST
    }

    /// [`Lexicon::word`], [`Lexicon::starts_phrase`] and
    /// [`Lexicon::starts_title`] in one lookup.
    pub fn word_and_first(&self, lower: &str) -> (u32, bool, bool) {
        let bits = self.lookup(lower).0;
        if bits & PHRASE != 0 {
            (0, false, false)
        } else {
            (
                (bits & CLASSES) as u32,
                bits & FIRST != 0,
                bits & FIRST_TITLE != 0,
            )
        }
    }

    /// Does some multi-word title ("Prime Minister") begin with this
    /// (lower-cased) word?
    pub fn starts_title(&self, lower: &str) -> bool {
        self.lookup(lower).0 & (FIRST_TITLE | PHRASE) == FIRST_TITLE
    }

    pub fn word(&self, lower: &str) -> u32 {
        let bits = self.lookup(lower).0;
        if bits & PHRASE != 0 {
            0
        } else {
            (bits & CLASSES) as u32
        }
    }

    pub fn phrase(&self, lower_joined: &str) -> u32 {
        let bits = self.lookup(lower_joined).0;
        if bits & PHRASE == 0 {
            0
        } else {
            (bits & CLASSES) as u32
        }
    }

    /// Longest multi-word entry, in tokens.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The common name of a country written another way: "U.S." → "United
    /// States", "Islamic Republic of Iran" → "Iran".
    pub fn canonical_country(&self, text: &str) -> Option<&str> {
        let mut key = String::with_capacity(text.len() + 8);
        key_into(text, &mut key);
        let c = self.lookup(&key).1 as usize;
        self.names.get(c.checked_sub(1)?).copied()
    }

    /// The class bits of `text` (any case, any number of words).
    pub fn classes(&self, text: &str) -> u32 {
        // one plain word: no need to tokenize
        if text.chars().all(crate::chars::is_alphabetic) {
            return word_classes(text);
        }
        let mut key = String::with_capacity(text.len() + 8);
        match key_into(text, &mut key) {
            0 => 0,
            1 => self.word(&key),
            _ => self.phrase(&key),
        }
    }

    /// Does `text` (any case, any number of words) appear with class `c`?
    pub fn has(&self, text: &str, c: Class) -> bool {
        self.classes(text) & c.bit() != 0
    }
}

pub fn get() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::parse(TABLE).unwrap_or_else(Lexicon::empty))
}

/// Class bits of one word.
pub fn word_classes(text: &str) -> u32 {
    let lx = get();
    if text.bytes().all(|b| !b.is_ascii_uppercase()) {
        lx.word(text)
    } else if text.len() <= 64 && text.is_ascii() {
        let mut buf = [0u8; 64];
        let b = &mut buf[..text.len()];
        b.copy_from_slice(text.as_bytes());
        b.make_ascii_lowercase();
        lx.word(std::str::from_utf8(b).unwrap_or(""))
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
        if toks[i].cap && toks[i].starts_phrase {
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
        assert!(lx.starts_title("prime") && lx.starts_phrase("prime"));
        assert!(!lx.starts_title("united") && lx.starts_phrase("united"));
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
