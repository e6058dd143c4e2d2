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

/// The lexicons' entries in key order, the canonical names and the longest
/// phrase, written by `build.rs` (`write_lexicon` there describes the layout).
static ENTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));
include!(concat!(env!("OUT_DIR"), "/lexicon_index.rs"));
/// Buckets of the hash index: about four entries a bucket.
const BUCKET_BITS: u32 = 13;
const BUCKETS: usize = 1 << BUCKET_BITS;

/// The hash index over [`ENTRIES`], built once on first use (about 2 M
/// instructions): each bucket's first record (`first`, one more at the end),
/// and one record an entry grouped by bucket: the top byte of the key's hash
/// over the entry's byte offset (24 bits), so a probe reads an entry only
/// when its fingerprint matches. Built here rather than by `build.rs`
/// because the written-out index does not compress (see `write_lexicon`).
struct Index {
    first: Vec<u32>,
    records: Vec<u32>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        // (bucket, record) of every entry, then a counting sort by bucket
        let mut keyed = Vec::with_capacity(32 * 1024);
        let mut at = 0;
        while let Some(&len) = ENTRIES.get(at) {
            let Some(key) = ENTRIES.get(at + 1..at + 1 + len as usize) else {
                break;
            };
            let h = hash_bytes(key);
            keyed.push((
                (h & (BUCKETS as u64 - 1)) as u32,
                ((h >> 56) as u32) << 24 | at as u32,
            ));
            at += 1 + len as usize + 4;
        }
        let mut first = vec![0u32; BUCKETS + 1];
        for &(b, _) in &keyed {
            first[b as usize + 1] += 1;
        }
        for b in 0..BUCKETS {
            first[b + 1] += first[b];
        }
        let mut fill = first.clone();
        let mut records = vec![0u32; keyed.len()];
        for &(b, r) in &keyed {
            records[fill[b as usize] as usize] = r;
            fill[b as usize] += 1;
        }
        Index { first, records }
    })
}

/// Table bits beyond the classes: some phrase begins with this word; the key
/// has two or more tokens.
const FIRST: u16 = 1 << 13;
const PHRASE: u16 = 1 << 14;
const CLASSES: u16 = FIRST - 1;
/// Some title phrase begins with this word.
const FIRST_TITLE: u16 = 1 << 15;

pub use super::calendar::{MONTHS, WEEKDAYS};

/// The compiled lexicons (statics, and the hash index built on first use).
pub struct Lexicon;

static LEXICON: Lexicon = Lexicon;

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

/// The longest text of ASCII letters and spaces keyed on the stack.
const ASCII_KEY_CAP: usize = 96;

/// Calls `f` with the lookup key of `text` and its number of tokens (as
/// [`key_into`]); a short text of ASCII letters and spaces (most names) is
/// keyed in a buffer on the stack, not on the heap.
fn with_key<R>(text: &str, f: impl FnOnce(&[u8], usize) -> R) -> R {
    const CAP: usize = ASCII_KEY_CAP;
    if text.len() <= CAP && text.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') {
        let mut buf = [0u8; CAP];
        let (mut len, mut n) = (0, 0);
        for w in text.split(' ').filter(|w| !w.is_empty()) {
            if n > 0 {
                buf[len] = b' ';
                len += 1;
            }
            buf[len..len + w.len()].copy_from_slice(w.as_bytes());
            len += w.len();
            n += 1;
        }
        let key = &mut buf[..len];
        key.make_ascii_lowercase();
        return f(key, n);
    }
    let mut key = String::with_capacity(text.len() + 8);
    let n = key_into(text, &mut key);
    f(key.as_bytes(), n)
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
    /// The table bits and the second u16 (canonical name index, longest
    /// phrase: see `build.rs`'s `write_lexicon`) of a key. The key's bucket
    /// holds about four records, side by side; an entry is read only when
    /// its record's fingerprint matches, so a miss usually reads none.
    #[inline]
    fn lookup(&self, key: &str) -> (u16, u16) {
        self.lookup_bytes(key.as_bytes())
    }

    /// [`Lexicon::lookup`] of a key's UTF-8 bytes.
    #[inline]
    fn lookup_bytes(&self, key: &[u8]) -> (u16, u16) {
        self.lookup_hashed(key, hash_bytes(key))
    }

    /// [`Lexicon::lookup_bytes`] of a key whose [`hash_bytes`] is `h`.
    #[inline]
    fn lookup_hashed(&self, key: &[u8], h: u64) -> (u16, u16) {
        // entries store their length in a byte
        if key.len() > u8::MAX as usize {
            return (0, 0);
        }
        let b = (h & (BUCKETS as u64 - 1)) as usize;
        let fp = (h >> 56) as u32;
        let idx = index();
        let (Some(&lo), Some(&hi)) = (idx.first.get(b), idx.first.get(b + 1)) else {
            return (0, 0);
        };
        let Some(records) = idx.records.get(lo as usize..hi as usize) else {
            return (0, 0);
        };
        for &r in records {
            if r >> 24 != fp {
                continue;
            }
            let at = (r & 0xff_ffff) as usize;
            let len = key.len();
            if ENTRIES.get(at) == Some(&(len as u8))
                && ENTRIES.get(at + 1..at + 1 + len) == Some(key)
            {
                let Some(v) = ENTRIES.get(at + 1 + len..at + 5 + len) else {
                    return (0, 0);
                };
                return (
                    u16::from_le_bytes([v[0], v[1]]),
                    u16::from_le_bytes([v[2], v[3]]),
                );
            }
        }
        (0, 0)
    }

    /// Does some multi-word entry begin with this (lower-cased) word?
    pub fn starts_phrase(&self, lower: &str) -> bool {
        self.lookup(lower).0 & (FIRST | PHRASE) == FIRST
    }

    /// [`Lexicon::word`], [`Lexicon::longest_phrase`] and
    /// [`Lexicon::starts_title`] in one lookup.
    pub fn word_and_first(&self, lower: &str) -> (u32, u8, bool) {
        self.word_and_first_hashed(lower, hash_bytes(lower.as_bytes()))
    }

    /// [`Lexicon::word_and_first`] of a word whose [`hash_bytes`] is `h`
    /// (as [`crate::doc::Doc::form_hash`] has it).
    pub fn word_and_first_hashed(&self, lower: &str, h: u64) -> (u32, u8, bool) {
        let (bits, more) = self.lookup_hashed(lower.as_bytes(), h);
        (
            word_of(bits),
            longest_of(bits, more),
            bits & (FIRST_TITLE | PHRASE) == FIRST_TITLE,
        )
    }

    /// The longest multi-word entry beginning with this (lower-cased) word,
    /// in tokens; 0 when none does.
    pub fn longest_phrase(&self, lower: &str) -> u8 {
        let (bits, more) = self.lookup(lower);
        longest_of(bits, more)
    }

    /// Does some multi-word title ("Prime Minister") begin with this
    /// (lower-cased) word?
    pub fn starts_title(&self, lower: &str) -> bool {
        self.lookup(lower).0 & (FIRST_TITLE | PHRASE) == FIRST_TITLE
    }

    pub fn word(&self, lower: &str) -> u32 {
        self.word_bytes(lower.as_bytes())
    }

    fn word_bytes(&self, lower: &[u8]) -> u32 {
        word_of(self.lookup_bytes(lower).0)
    }

    pub fn phrase(&self, lower_joined: &str) -> u32 {
        self.phrase_bytes(lower_joined.as_bytes())
    }

    fn phrase_bytes(&self, lower_joined: &[u8]) -> u32 {
        let bits = self.lookup_bytes(lower_joined).0;
        if bits & PHRASE == 0 {
            0
        } else {
            (bits & CLASSES) as u32
        }
    }

    /// Longest multi-word entry, in tokens.
    pub fn max_len(&self) -> usize {
        MAX_LEN
    }

    /// The common name of a country written another way: "U.S." → "United
    /// States", "Islamic Republic of Iran" → "Iran".
    pub fn canonical_country(&self, text: &str) -> Option<&str> {
        let c = with_key(text, |key, _| self.lookup_bytes(key).1 & NAME_MASK) as usize;
        NAMES.get(c.checked_sub(1)?).copied()
    }

    /// The class bits of `text` (any case, any number of words).
    pub fn classes(&self, text: &str) -> u32 {
        // most texts asked about are a name or two of ASCII letters: keyed
        // in one pass over the bytes, on the stack (as `with_key` and
        // `word_classes` would key them)
        if let Some(bits) = self.ascii_words_classes(text.as_bytes()) {
            return bits;
        }
        // one plain word: no need to tokenize
        if text.chars().all(crate::chars::is_alphabetic) {
            return word_classes(text);
        }
        with_key(text, |key, n| match n {
            0 => 0,
            1 => self.word_bytes(key),
            _ => self.phrase_bytes(key),
        })
    }

    /// [`Lexicon::classes`] of a text of at most [`ASCII_KEY_CAP`] bytes,
    /// all ASCII letters and spaces; `None` for any other text.
    #[inline]
    fn ascii_words_classes(&self, text: &[u8]) -> Option<u32> {
        if text.len() > ASCII_KEY_CAP {
            return None;
        }
        let mut buf = [0u8; ASCII_KEY_CAP];
        let (mut len, mut words, mut space) = (0, 0, false);
        for &b in text {
            if b == b' ' {
                space = true;
                continue;
            }
            if !b.is_ascii_alphabetic() {
                return None;
            }
            if space || words == 0 {
                // a word begins: one space before any but the first
                if words > 0 {
                    *buf.get_mut(len)? = b' ';
                    len += 1;
                }
                words += 1;
                space = false;
            }
            *buf.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        }
        let key = buf.get(..len)?;
        Some(match words {
            0 => 0,
            1 => self.word_bytes(key),
            _ => self.phrase_bytes(key),
        })
    }

    /// Does `text` (any case, any number of words) appear with class `c`?
    pub fn has(&self, text: &str, c: Class) -> bool {
        self.classes(text) & c.bit() != 0
    }
}

/// The class bits of an entry's table bits when the entry is one word.
#[inline]
fn word_of(bits: u16) -> u32 {
    if bits & PHRASE != 0 {
        0
    } else {
        (bits & CLASSES) as u32
    }
}

/// The longest phrase beginning with a one-word entry, from its table bits
/// and second u16 (see `build.rs`'s `write_lexicon`); 0 for none.
#[inline]
fn longest_of(bits: u16, more: u16) -> u8 {
    if bits & (FIRST | PHRASE) == FIRST {
        (more >> NAME_BITS) as u8
    } else {
        0
    }
}

/// The canonical name index bits of an entry's second u16.
const NAME_MASK: u16 = (1 << NAME_BITS) - 1;

pub fn get() -> &'static Lexicon {
    &LEXICON
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
        lx.word_bytes(b)
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

/// Marks multi-word lexicon matches, longest first, left to right, given
/// the tokens that may begin one in ascending order (`starts`: those
/// capitalised whose [`TokInfo::longest_phrase`] is not 0, gathered as the
/// tokens are made, so the rest are not read again).
pub fn mark_phrases(toks: &mut [TokInfo], words: &[(&str, &str)], starts: &[u32]) {
    let lower = |t: &TokInfo| words.get(t.own as usize).map_or("", |w| w.1);
    let lx = get();
    let n = toks.len();
    // the first token not inside a match
    let mut free = 0;
    let mut key = String::new();
    for &i in starts {
        let i = i as usize;
        if i < free || i >= n {
            continue;
        }
        let mut best: Option<(usize, u32)> = None;
        if toks[i].cap && toks[i].longest_phrase != 0 {
            key.clear();
            key.push_str(lower(&toks[i]));
            // no entry beginning with this word is longer
            let maxj = (i + toks[i].longest_phrase as usize).min(n);
            for j in i + 1..maxj {
                key.push(' ');
                key.push_str(lower(&toks[j]));
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
            free = end;
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
        // "united states minor outlying islands"; "said" heads no phrase
        assert_eq!(lx.longest_phrase("united"), 5);
        assert_eq!(lx.word_and_first("prime").1, lx.longest_phrase("prime"));
        assert!(lx.longest_phrase("prime") >= 2);
        assert_eq!(lx.longest_phrase("said"), 0);
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

    /// Every entry of the compiled table, in table order: (key, bits,
    /// canonical name index).
    fn all_entries() -> Vec<(&'static str, u16, u16)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < ENTRIES.len() {
            let len = ENTRIES[at] as usize;
            let key = std::str::from_utf8(&ENTRIES[at + 1..at + 1 + len]).unwrap();
            let v = &ENTRIES[at + 1 + len..at + 5 + len];
            out.push((
                key,
                u16::from_le_bytes([v[0], v[1]]),
                u16::from_le_bytes([v[2], v[3]]),
            ));
            at += 1 + len + 4;
        }
        out
    }

    #[test]
    fn the_index_finds_every_entry_and_nothing_else() {
        let lx = get();
        let entries = all_entries();
        assert_eq!(entries.len(), index().records.len());
        assert_eq!(index().first.len(), BUCKETS + 1);
        // key order: the table compresses (see build.rs's write_lexicon)
        assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        for &(key, bits, canon) in &entries {
            assert_eq!(lx.lookup(key), (bits, canon), "{key:?}");
        }
        let keys: std::collections::HashSet<&str> = entries.iter().map(|e| e.0).collect();
        // non-ASCII keys, and misses that differ from a key by a letter, a
        // case, an accent or a trailing byte
        for key in [
            "gdańsk",
            "ceylanpınar",
            "agía paraskeví",
            "united states",
            "iran",
        ] {
            assert!(keys.contains(key), "{key:?}");
            assert_ne!(lx.lookup(key).0, 0, "{key:?}");
        }
        for key in [
            "gdansk",
            "Gdańsk",
            "iran ",
            "irann",
            "",
            "united  states",
            "zzzz\u{e9}",
        ] {
            assert!(!keys.contains(key));
            assert_eq!(lx.lookup(key), (0, 0), "{key:?}");
        }
        assert!(lx.has("Gdańsk", Class::City));
        // the ASCII path keys as the general ones do
        for text in [
            "Peru",
            "PERU",
            "peru",
            "New Mexico",
            " New  Mexico ",
            "new mexico",
            "United States of America",
            "Prime Minister",
            "said",
            "",
            " ",
            "Peru Chile",
            "Lisbon",
            "Middle East",
            "x y z",
        ] {
            let general = if text.chars().all(crate::chars::is_alphabetic) {
                word_classes(text)
            } else {
                with_key(text, |key, n| match n {
                    0 => 0,
                    1 => lx.word_bytes(key),
                    _ => lx.phrase_bytes(key),
                })
            };
            assert_eq!(
                lx.ascii_words_classes(text.as_bytes()),
                Some(general),
                "{text:?}"
            );
        }
        for text in ["U.S.", "Gdańsk", "al-Masri", "Peru,"] {
            assert_eq!(lx.ascii_words_classes(text.as_bytes()), None, "{text:?}");
        }
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]));
    }
}
