//! The offset model: the one place where byte offsets (what Rust's `str` and
//! the regex crate use) become UTF-16 code units (what JavaScript's
//! `String.prototype.slice` takes).
//!
//! Every engine works on byte offsets into the original `&str`. The JSON
//! contract speaks UTF-16, end exclusive. [`Text`] builds a small conversion
//! index once, in one linear pass (none at all for ASCII text), so converting
//! an offset is O(1) and the whole pipeline stays linear in the input.

use serde::Serialize;

/// A span of the input as the outside world sees it: UTF-16 code units, end
/// exclusive, and `text` equal to the JavaScript slice `input.slice(start, end)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
    /// Exactly the input's UTF-16 slice `start..end`.
    pub text: String,
}

/// The input text with a byte → UTF-16 offset index.
///
/// ASCII text (most news text) needs no index at all: byte offsets are UTF-16
/// offsets. Otherwise the index holds one `u32` per 64 bytes (the
/// UTF-16 offset of the first character starting at or after the block's
/// start), built in one pass; converting an offset scans at most one block,
/// so a conversion is O(1) and the whole pipeline stays linear, with an index
/// of 1/16 of the input's size instead of 4 bytes per byte. A block of ASCII
/// only (nine in ten in news text that has some curly quotes or accents) is
/// marked and needs no scan. A byte offset
/// that is not on a character boundary snaps *back* to the character it
/// falls in; [`Text::span`] additionally widens the end to the next boundary
/// so a span never cuts a character (or a surrogate pair) in half.
pub struct Text<'a> {
    src: &'a str,
    /// Empty for ASCII text; else the UTF-16 offset at each block start.
    blocks: Vec<u32>,
    /// Per block: all its bytes are ASCII (an offset in it is the block's
    /// offset plus the bytes before it).
    ascii_block: Vec<bool>,
    len16: u32,
}

/// Bytes per index entry.
const BLOCK: usize = 64;

/// UTF-16 units of the characters that *start* in `bytes` (a character's
/// lead byte counts; continuation bytes do not). Eight bytes a step: a span's
/// conversion scans up to a block of 64 bytes, and this is most of its cost.
#[inline]
fn units_in(bytes: &[u8]) -> u32 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // the lanes flagged in bit 7 of `x`, counted (at most 8: no carry out)
    let count = |x: u64| ((x >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32;
    let mut words = bytes.chunks_exact(8);
    let mut n = 0u32;
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        // continuation bytes 10xxxxxx: bit 7 set, bit 6 clear
        let continuation = x & !(x << 1) & HIGH;
        // lead bytes of four-byte characters 11110xxx: bits 7..4 set
        let four = x & (x << 1) & (x << 2) & (x << 3) & HIGH;
        n += 8 - count(continuation) + count(four);
    }
    for &b in words.remainder() {
        // lead bytes: 0xxxxxxx (1 unit), 110xxxxx / 1110xxxx (1), 11110xxx (2 units)
        n += (b & 0xC0 != 0x80) as u32 + (b >= 0xF0) as u32;
    }
    n
}

impl<'a> Text<'a> {
    /// Builds the offset index in one pass over the bytes.
    pub fn new(src: &'a str) -> Self {
        if src.is_ascii() {
            return Text {
                src,
                blocks: Vec::new(),
                ascii_block: Vec::new(),
                len16: u32::try_from(src.len()).unwrap_or(u32::MAX),
            };
        }
        let mut blocks = Vec::with_capacity(src.len() / BLOCK + 1);
        let mut ascii_block = Vec::with_capacity(src.len() / BLOCK + 1);
        let mut units: u32 = 0;
        for chunk in src.as_bytes().chunks(BLOCK) {
            let ascii = chunk.is_ascii();
            blocks.push(units);
            ascii_block.push(ascii);
            let here = if ascii {
                chunk.len() as u32
            } else {
                units_in(chunk)
            };
            units = units.saturating_add(here);
        }
        Text {
            src,
            blocks,
            ascii_block,
            len16: units,
        }
    }

    /// The original string.
    pub fn as_str(&self) -> &'a str {
        self.src
    }

    /// Length of the input in UTF-16 code units (JavaScript's `length`).
    pub fn utf16_len(&self) -> u32 {
        self.len16
    }

    /// The UTF-16 offset of a byte offset (clamped into the text, snapped back
    /// to the start of the character it falls in).
    pub fn utf16(&self, byte: usize) -> u32 {
        self.utf16_of_boundary(self.floor_boundary(byte))
    }

    /// [`Text::utf16`] of a character boundary `b` within the text.
    fn utf16_of_boundary(&self, b: usize) -> u32 {
        if self.blocks.is_empty() {
            return b as u32;
        }
        if b == self.src.len() {
            return self.len16;
        }
        let k = b / BLOCK;
        let within = if self.ascii_block[k] {
            (b - k * BLOCK) as u32
        } else {
            units_in(&self.src.as_bytes()[k * BLOCK..b])
        };
        self.blocks[k].saturating_add(within)
    }

    /// Largest character boundary `<= byte`.
    pub fn floor_boundary(&self, byte: usize) -> usize {
        floor_char_boundary(self.src, byte)
    }

    /// Smallest character boundary `>= byte`.
    pub fn ceil_boundary(&self, byte: usize) -> usize {
        let mut b = byte.min(self.src.len());
        while !self.src.is_char_boundary(b) {
            b += 1;
        }
        b
    }

    /// The span for byte range `start..end`, widened outward to character
    /// boundaries and clamped into the text (an inverted range becomes empty).
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.floor_boundary(start);
        let e = self.ceil_boundary(end.max(s));
        // both ends through the index: a scan of at most a block each, not
        // of the whole span (a quotation can run to hundreds of bytes)
        let start = self.utf16_of_boundary(s);
        let end = self.utf16_of_boundary(e);
        Span {
            start,
            end,
            text: self.src[s..e].to_string(),
        }
    }
}

pub use crate::doc::ByteSpan;

/// Largest character boundary of `s` that is `<= byte` (clamped to its length).
pub fn floor_char_boundary(s: &str, byte: usize) -> usize {
    let mut b = byte.min(s.len());
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What JavaScript's `s.slice(a, b)` returns, computed on UTF-16 units.
    fn js_slice(s: &str, a: u32, b: u32) -> String {
        let units: Vec<u16> = s.encode_utf16().collect();
        String::from_utf16(&units[a as usize..b as usize]).expect("slice on boundaries")
    }

    fn check_all_boundaries(s: &str) {
        let t = Text::new(s);
        assert_eq!(t.utf16_len() as usize, s.encode_utf16().count());
        let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        for (i, &a) in bounds.iter().enumerate() {
            for &b in &bounds[i..] {
                let sp = t.span(a, b);
                assert_eq!(sp.text, &s[a..b]);
                assert_eq!(js_slice(s, sp.start, sp.end), sp.text, "{s:?} {a}..{b}");
            }
        }
    }

    #[test]
    fn ascii_offsets_equal_bytes() {
        let t = Text::new("Iran said");
        let sp = t.span(5, 9);
        assert_eq!((sp.start, sp.end, sp.text.as_str()), (5, 9, "said"));
    }

    #[test]
    fn emoji_counts_two_units() {
        let s = "😀 Hassan Rouhani";
        let t = Text::new(s);
        let b = s.find("Hassan").unwrap();
        let sp = t.span(b, s.len());
        assert_eq!(sp.start, 3); // surrogate pair (2) + space
        assert_eq!(sp.text, "Hassan Rouhani");
        check_all_boundaries(s);
    }

    #[test]
    fn curly_quotes_combining_marks_rtl_crlf_nul() {
        for s in [
            "\u{201c}We will,\u{201d} he said.",
            "Mu\u{0308}ller and Müller",
            "مسعود پزشکیان said",
            "line one\r\nline two\r\n",
            "a\0b\u{0}c",
            "👩‍👩‍👧 family 🇮🇷 flag",
            "",
        ] {
            check_all_boundaries(s);
        }
    }

    #[test]
    fn span_inside_a_character_widens_to_whole_character() {
        let s = "a😀b";
        let t = Text::new(s);
        // byte 2 is inside the 4-byte emoji: the span covers the whole emoji
        let sp = t.span(2, 3);
        assert_eq!(sp.text, "😀");
        assert_eq!((sp.start, sp.end), (1, 3));
    }

    #[test]
    fn offsets_across_index_blocks_match_javascript() {
        // Mixed 1-, 2-, 3- and 4-byte characters over several 64-byte blocks,
        // with multi-byte characters straddling block starts.
        let mut s = String::new();
        for i in 0..40 {
            s.push_str(["a", "é", "\u{201c}", "😀", " Iran ", "\u{0308}"][i % 6]);
        }
        check_all_boundaries(&s);
        let t = Text::new(&s);
        let mut units = 0u32;
        for (b, ch) in s.char_indices() {
            assert_eq!(t.utf16(b), units, "byte {b}");
            for inner in b + 1..b + ch.len_utf8() {
                assert_eq!(t.utf16(inner), units, "inside the character at {b}");
            }
            units += ch.len_utf16() as u32;
        }
        assert_eq!(t.utf16(s.len()), units);
        assert_eq!(t.utf16(s.len() + 10), units);
    }

    #[test]
    fn ascii_blocks_in_non_ascii_text_match_javascript() {
        // long ASCII runs (blocks taken without a scan) between non-ASCII
        // characters, one of them straddling a block start
        let s = format!(
            "{}\u{201c}{}é{}😀{}",
            "a".repeat(63),
            "b".repeat(130),
            "c".repeat(64),
            "d".repeat(70)
        );
        let t = Text::new(&s);
        let mut units = 0u32;
        for (b, ch) in s.char_indices() {
            assert_eq!(t.utf16(b), units, "byte {b}");
            units += ch.len_utf16() as u32;
        }
        assert_eq!(t.utf16(s.len()), units);
        let b = s.find('é').unwrap();
        let sp = t.span(3, b + 2);
        assert_eq!(js_slice(&s, sp.start, sp.end), sp.text);
    }

    #[test]
    fn out_of_range_and_inverted_spans_are_clamped() {
        let t = Text::new("abc");
        assert_eq!(t.span(2, 100).text, "c");
        assert_eq!(t.span(3, 1).text, "");
    }
}
