//! A fast, non-cryptographic hasher for the engine's own string maps (the
//! keys come from the input text, but a map only lives for one call, so
//! there is nothing for a hash-flooding attack to degrade beyond one
//! document; lookups stay linear in practice).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^ (z >> 33)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 = crate::doc::mix_bytes(self.0, bytes);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(K);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(K);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(K);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// A set of fixed words laid out at compile time (by `const` evaluation),
/// so the first call builds nothing: open addressing over `N` slots (a power
/// of two, at least twice the words), `""` for a free slot.
pub struct StaticSet<const N: usize> {
    slots: [&'static str; N],
}

/// One byte into a [`StaticSet`] hash (FNV-1a): a key and a key with a byte
/// appended ([`StaticSet::contains_with`]) hash alike without a copy.
const fn set_hash_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
}

const fn set_hash(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h = set_hash_byte(h, bytes[i]);
        i += 1;
    }
    h
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl<const N: usize> StaticSet<N> {
    /// The set of the words of `lists` (repeats and `""` are dropped).
    /// Fails to compile when the words fill over half the slots.
    pub const fn new(lists: &[&[&'static str]]) -> StaticSet<N> {
        assert!(N.is_power_of_two());
        let mut slots = [""; N];
        let mut count = 0;
        let mut l = 0;
        while l < lists.len() {
            let mut k = 0;
            while k < lists[l].len() {
                let w = lists[l][k];
                k += 1;
                if w.is_empty() {
                    continue;
                }
                let mut slot = (set_hash(w.as_bytes()) as usize) & (N - 1);
                while !slots[slot].is_empty() && !same(slots[slot].as_bytes(), w.as_bytes()) {
                    slot = (slot + 1) & (N - 1);
                }
                if slots[slot].is_empty() {
                    slots[slot] = w;
                    count += 1;
                }
            }
            l += 1;
        }
        assert!(count * 2 <= N, "StaticSet: too many words for N slots");
        StaticSet { slots }
    }

    /// The set of the lines of `text`, trimmed, leaving out blank lines and
    /// `#` comments (as a `data/lexicons` list is written).
    pub const fn lines(text: &'static str) -> StaticSet<N> {
        let mut words = [""; N];
        let mut count = 0;
        let mut rest = text.as_bytes();
        while !rest.is_empty() {
            let mut end = 0;
            while end < rest.len() && rest[end] != b'\n' {
                end += 1;
            }
            let (line, after) = rest.split_at(end);
            rest = if after.is_empty() {
                after
            } else {
                after.split_at(1).1
            };
            let line = line.trim_ascii();
            if line.is_empty() || line[0] == b'#' {
                continue;
            }
            let Ok(w) = core::str::from_utf8(line) else {
                panic!("StaticSet::lines: not UTF-8");
            };
            assert!(count < N, "StaticSet: too many lines for N slots");
            words[count] = w;
            count += 1;
        }
        StaticSet::new(&[&words])
    }

    pub fn contains(&self, w: &str) -> bool {
        self.find(set_hash(w.as_bytes()), |s| s == w)
    }

    /// Does the set hold `w` followed by the byte `b` (`"Calif" + "."`)?
    pub fn contains_with(&self, w: &str, b: u8) -> bool {
        let h = set_hash_byte(set_hash(w.as_bytes()), b);
        self.find(h, |s| {
            s.len() == w.len() + 1
                && s.as_bytes()[w.len()] == b
                && s.as_bytes()[..w.len()] == *w.as_bytes()
        })
    }

    #[inline]
    fn find(&self, h: u64, is: impl Fn(&str) -> bool) -> bool {
        let mut slot = (h as usize) & (N - 1);
        // at least half the slots are free, so the probe ends
        loop {
            let s = self.slots[slot];
            if s.is_empty() {
                return false;
            }
            if is(s) {
                return true;
            }
            slot = (slot + 1) & (N - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_sets_hold_their_words_and_nothing_else() {
        static S: StaticSet<16> =
            StaticSet::new(&[&["one", "two", "", "one"], &["Calif.", "\u{e9}t\u{e9}"]]);
        for w in ["one", "two", "Calif.", "\u{e9}t\u{e9}"] {
            assert!(S.contains(w), "{w}");
        }
        for w in ["", "on", "one ", "Calif", "\u{e9}t"] {
            assert!(!S.contains(w), "{w}");
        }
        assert!(S.contains_with("Calif", b'.'));
        assert!(!S.contains_with("Cali", b'.') && !S.contains_with("one", b'.'));
        static L: StaticSet<8> = StaticSet::lines("# comment\n Ala.\n\nAriz.\r\nD.C.");
        assert!(L.contains("Ala.") && L.contains("Ariz.") && L.contains("D.C."));
        assert!(!L.contains("# comment") && !L.contains(""));
    }

    #[test]
    fn maps_work() {
        let mut m: FastMap<String, u32> = FastMap::default();
        for (i, w) in ["Iran", "Iraq", "", "a longer key than eight bytes"]
            .iter()
            .enumerate()
        {
            m.insert(w.to_string(), i as u32);
        }
        assert_eq!(m.get("Iraq"), Some(&1));
        assert_eq!(m.get("a longer key than eight bytes"), Some(&3));
        assert_eq!(m.get("Iran "), None);
    }
}
