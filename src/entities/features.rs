//! Feature extraction for the learned name tagger, shared by inference
//! ([`super::tagger`]) and the training tool (`src/bin/train-ner.rs`), so the
//! two can never disagree.
//!
//! Every feature is hashed into [`BUCKETS`] buckets. Each token's strings
//! (word, lower-cased word, shape, affixes) are hashed at most once per
//! document and distinct text (FNV-1a, 64 bit, the same on wasm32 and
//! native), and only when the tagger first reads them: it scores under half
//! the tokens, and skips the rest of the text's words. A feature then mixes a
//! template id with those hashes, so nothing allocates or rehashes per
//! feature.

use super::fast::FastMap;
use super::lexicon::{self, Class};
use crate::chars;
use crate::doc::{ascii_case_counts, for_each_lane, is_general_punctuation, Doc, TokenKind};
use std::cell::OnceCell;

/// log2 of the number of feature buckets.
pub const BITS: u32 = 20;
pub const BUCKETS: u32 = 1 << BITS;

/// Tags: O, then B/I for PER, ORG, LOC, MISC.
pub const NTAGS: usize = 9;
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

pub fn tag_type(tag: u8) -> Option<usize> {
    if tag == 0 || tag as usize >= NTAGS {
        None
    } else {
        Some((tag as usize - 1) / 2)
    }
}
pub fn is_begin(tag: u8) -> bool {
    tag != 0 && tag % 2 == 1
}
pub fn begin_of(ty: usize) -> u8 {
    1 + 2 * ty as u8
}
pub fn inside_of(ty: usize) -> u8 {
    2 + 2 * ty as u8
}

/// FNV-1a of a string (64 bit).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[inline]
fn fnv_char(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The hash of [`shape`]`(w)`, computed without building the string.
pub fn shape_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut last = '\0';
    let mut len = 0;
    for c in w.chars() {
        let k = shape_char(c);
        if k != last || !matches!(k, 'X' | 'x' | 'd' | 'a') {
            h = fnv_char(h, k);
            len += k.len_utf8();
        }
        last = k;
        if len > 12 {
            break;
        }
    }
    h
}

/// The shape class of a character: `X` upper case, `x` lower case, `d`
/// digit, `a` other letter, else the character itself.
#[inline]
fn shape_char(c: char) -> char {
    if is_general_punctuation(c) {
        c
    } else if chars::is_uppercase(c) {
        'X'
    } else if chars::is_lowercase(c) {
        'x'
    } else if chars::is_numeric(c) {
        'd'
    } else if chars::is_alphabetic(c) {
        'a'
    } else {
        c
    }
}

/// A feature: a template id combined with up to three values.
#[derive(Clone, Copy)]
struct H(u64);
impl H {
    #[inline]
    const fn new(template: u8) -> H {
        H((template as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }
    #[inline]
    const fn v(self, x: u64) -> H {
        H((self.0.rotate_left(27) ^ x).wrapping_mul(0xff51_afd7_ed55_8ccd))
    }
    #[inline]
    const fn n(self, x: u32) -> H {
        self.v(x as u64 ^ 0x5555_0000_0000)
    }
    #[inline]
    const fn done(self) -> u32 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> (64 - BITS)) as u32
    }
}

const BOUNDARY: u64 = 0x0123_4567_89ab_cdef;

/// Word shape: "Xxxx" for "Iran", "XX" for "UN", "X.X." for "U.S.", "dd" for
/// digits; runs of the same class collapsed (short form).
pub fn shape(w: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    for c in w.chars() {
        let k = shape_char(c);
        if k != last || !matches!(k, 'X' | 'x' | 'd' | 'a') {
            out.push(k);
        }
        last = k;
        if out.len() > 12 {
            break;
        }
    }
    out
}

/// Any quotation mark: `"`, `` ` ``, `'`, curly quotes, `«»`.
pub fn is_quote(t: &str) -> bool {
    matches!(
        t,
        "\"" | "`"
            | "``"
            | "'"
            | "''"
            | "\u{201c}"
            | "\u{201d}"
            | "\u{2018}"
            | "\u{2019}"
            | "\u{ab}"
            | "\u{bb}"
    )
}

/// The hashes of a token's lower-cased word and of its shape: its
/// neighbours' features read them too, so nearly every token needs them.
#[derive(Clone, Copy)]
pub struct WordHashes {
    pub lower: u64,
    pub shape: u64,
}

impl WordHashes {
    /// The hashes of `text` lower-cased as `lower`, both at most
    /// [`super::MAX_NAME_WORD`] bytes, with the ASCII letters and lower-case
    /// letters of `text` counted when it is ASCII.
    fn of(text: &str, lower: &str, ascii_letters: Option<(usize, usize)>) -> WordHashes {
        let shape = match ascii_letters {
            Some((letters, lowers)) => ascii_shape_hash(text.as_bytes(), letters, lowers),
            None => shape_hash(text),
        };
        WordHashes {
            lower: hash_str(lower),
            shape,
        }
    }
}

/// The buckets of the features that depend on the token alone (templates
/// 1, 2, 7, 21-24, 31-34 and 42 of [`features`]), computed with the token's
/// hashes once per distinct token text, when the tagger first scores it
/// (it scores under half the tokens: few of the lower-case words).
#[derive(Clone, Copy, Default)]
pub struct Own {
    pub word: u32,
    pub raw: u32,
    pub shape: u32,
    /// bit `k`: the word has a prefix and a suffix of `k + 1` characters
    pub affixes: u8,
    pub prefix: [u32; 4],
    pub suffix: [u32; 4],
    pub len_shape: u32,
    /// May this token continue a name (an I- tag)? Capitalised words,
    /// numbers, name particles ("al", "bin", "de", "of") and joiners.
    pub can_continue: bool,
}

impl Own {
    /// The features of a token with text `text`, lower-cased `lower` (see
    /// [`TokInfo::lower`]), of kind `kind`, whose [`WordHashes`] are `h`.
    fn of(text: &str, lower: &str, kind: TokenKind, h: WordHashes) -> Own {
        // as the hashes (see DocCtx::new): a word's first MAX_NAME_WORD
        // bytes
        let (text_p, lower_p) = (
            prefix(text, super::MAX_NAME_WORD),
            prefix(lower, super::MAX_NAME_WORD),
        );
        // a word without capitals is its own lower-case (the same slice)
        let h_raw = if std::ptr::eq(text_p, lower_p) {
            h.lower
        } else {
            hash_str(text_p)
        };
        let ascii = lower_p.is_ascii();
        let nchars = if ascii {
            lower_p.len()
        } else {
            lower_p.chars().count()
        };
        let (h_pre, h_suf) = affix_hashes(lower_p, nchars, ascii);
        let mut o = Own {
            word: H::new(1).v(h.lower).done(),
            raw: H::new(2).v(h_raw).done(),
            shape: H::new(7).v(h.shape).done(),
            len_shape: H::new(42).n((nchars as u32).min(8)).v(h.shape).done(),
            can_continue: continues(text, kind),
            ..Own::default()
        };
        for k in 0..4 {
            if h_pre[k] != 0 {
                o.affixes |= 1 << k;
                o.prefix[k] = H::new(21 + k as u8).v(h_pre[k]).done();
                o.suffix[k] = H::new(31 + k as u8).v(h_suf[k]).done();
            }
        }
        o
    }
}

/// Per-token facts computed once per document.
#[derive(Clone, Copy)]
///
/// Its text and its lower-cased text are the document's ([`DocCtx::text`],
/// [`DocCtx::lower`]), kept once per distinct text: 32 bytes a token less
/// (a big paste's per-token tables are what leaves the cache).
pub struct TokInfo {
    /// A number for `lower` in this document: equal numbers, equal `lower`;
    /// `0..DocCtx::forms` (mostly [`Doc::form`]).
    pub form: u32,
    pub classes: u32,
    /// The longest multi-word lexicon entry beginning with this (lower-cased)
    /// word, in tokens; 0 when none does.
    pub longest_phrase: u8,
    /// Some multi-word title begins with this (lower-cased) word.
    pub starts_title: bool,
    /// The hashes and the buckets of the features of the token alone: an
    /// index into the document's [`Own`]s ([`DocCtx::own`]; shared by the
    /// tokens of one text, and kept apart so the per-token facts stay small:
    /// 1.7 M tokens in 8 MB of "said said").
    pub own: u32,
    /// Document-level evidence about this word form (filled after the pass).
    pub stats: FormStats,
    /// Position in a multi-word lexicon match: (class, begin?)
    pub phrase: Option<(Class, bool)>,
    pub kind: TokenKind,
    pub cap: bool,
    pub all_caps: bool,
    pub sent_start: bool,
    /// The line this token is on is (nearly) all upper case: a headline.
    pub caps_line: bool,
    /// A word in lower case throughout: it begins with a lower-case letter
    /// and holds no capital ("said", "the", but not "ex-Muslim", nor a word
    /// of a script without case).
    pub lower_case: bool,
}

/// The case facts of one token.
struct Case {
    cap: bool,
    all_caps: bool,
    /// has a lower-case letter
    has_lower: bool,
    /// at least two letters
    letters2: bool,
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character
/// boundary.
fn prefix(s: &str, max: usize) -> &str {
    &s[..crate::text::floor_char_boundary(s, max)]
}

const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// The letters and the lower-case letters of ASCII text (eight bytes a
/// step: most words fit in one).
#[inline]
fn ascii_letters(text: &[u8]) -> (usize, usize) {
    let (mut letters, mut lowers) = (0, 0);
    for_each_lane(text, |w| {
        let (up, low) = ascii_case_counts(w);
        letters += up + low;
        lowers += low;
    });
    (letters, lowers)
}

impl Case {
    /// Any text (see [`Case::ascii`] for the common case).
    fn general(text: &str) -> Case {
        let cap = text.chars().next().map_or(false, chars::is_uppercase);
        let mut letters = 0;
        let mut has_lower = false;
        for c in text.chars().filter(|&c| !is_general_punctuation(c)) {
            letters += chars::is_alphabetic(c) as usize;
            has_lower |= chars::is_lowercase(c);
        }
        Case {
            cap,
            all_caps: letters > 0 && !has_lower,
            has_lower,
            letters2: letters >= 2,
        }
    }

    /// ASCII text with `letters` letters, `lowers` of them lower-case (see
    /// [`ascii_letters`]).
    #[inline]
    fn ascii(text: &[u8], (letters, lowers): (usize, usize)) -> Case {
        Case {
            cap: text.first().map_or(false, u8::is_ascii_uppercase),
            all_caps: letters > 0 && lowers == 0,
            has_lower: lowers > 0,
            letters2: letters >= 2,
        }
    }
}

/// FNV-1a of `b`, at compile time.
const fn fnv_const(b: &[u8]) -> u64 {
    let mut h = FNV_BASIS;
    let mut i = 0;
    while i < b.len() {
        h = (h ^ b[i] as u64).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

/// [`shape_hash`] of ASCII text with `letters` letters, `lowers` of them
/// lower-case: most words are letters in one of three shapes ("said",
/// "Iran", "UN"), whose hashes are known without a pass over the word.
#[inline]
fn ascii_shape_hash(text: &[u8], letters: usize, lowers: usize) -> u64 {
    const LOWER: u64 = fnv_const(b"x");
    const UPPER: u64 = fnv_const(b"X");
    const CAPITALISED: u64 = fnv_const(b"Xx");
    let n = text.len();
    if n > 0 && letters == n {
        if lowers == n {
            return LOWER;
        }
        if lowers == 0 {
            return UPPER;
        }
        if lowers + 1 == n && text[0].is_ascii_uppercase() {
            return CAPITALISED;
        }
    }
    let mut h = FNV_BASIS;
    let mut last = 0u8;
    let mut len = 0usize;
    for &b in text {
        let k = if b.is_ascii_uppercase() {
            b'X'
        } else if b.is_ascii_lowercase() {
            b'x'
        } else if b.is_ascii_digit() {
            b'd'
        } else {
            b
        };
        if k != last || !matches!(k, b'X' | b'x' | b'd') {
            h = (h ^ k as u64).wrapping_mul(FNV_PRIME);
            len += 1;
        }
        last = k;
        if len > 12 {
            break;
        }
    }
    h
}

/// The hashes of the 1-4 character prefixes and suffixes of a lower-cased
/// word of `nchars` characters, `ascii` or not (0 where the word is not
/// longer than the affix).
fn affix_hashes(lower: &str, nchars: usize, ascii: bool) -> ([u64; 4], [u64; 4]) {
    let mut h_pre = [0u64; 4];
    let mut h_suf = [0u64; 4];
    if nchars < 2 {
        return (h_pre, h_suf);
    }
    let m = 4.min(nchars - 1);
    if ascii {
        let b = lower.as_bytes();
        let mut h = FNV_BASIS;
        for k in 0..m {
            h = (h ^ b[k] as u64).wrapping_mul(FNV_PRIME);
            h_pre[k] = h;
        }
        let mut h: u64 = 0x84222325_cbf29ce4;
        for k in 0..m {
            h = (h ^ b[b.len() - 1 - k] as u64).wrapping_mul(FNV_PRIME);
            h_suf[k] = h;
        }
        return (h_pre, h_suf);
    }
    let mut h = FNV_BASIS;
    for (k, c) in lower.chars().take(m).enumerate() {
        h = fnv_char(h, c);
        h_pre[k] = h;
    }
    let mut h: u64 = 0x84222325_cbf29ce4;
    for (k, c) in lower.chars().rev().take(m).enumerate() {
        h = fnv_char(h, c);
        h_suf[k] = h;
    }
    (h_pre, h_suf)
}

/// Lower-case words found inside names: "Bank of England", "Daniel arap Moi",
/// "Osama bin Laden", "Ludwig van Beethoven".
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn particle(t: &str) -> bool {
    matches!(
        t,
        "of" | "the"
            | "and"
            | "for"
            | "on"
            | "in"
            | "at"
            | "de"
            | "del"
            | "della"
            | "der"
            | "den"
            | "des"
            | "di"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "du"
            | "la"
            | "le"
            | "les"
            | "van"
            | "von"
            | "ter"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "arap"
            | "y"
            | "e"
            | "zu"
            | "af"
            | "ul"
            | "ben"
            | "bint"
            | "abu"
            | "mac"
            | "st."
            | "'s"
            | "&"
            | "-"
            | "."
            | "'"
            | "/"
            | "upon"
            | "to"
            | "a"
    )
}

fn continues(text: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Number => true,
        TokenKind::Word => {
            let lower_first = match text.as_bytes().first() {
                Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
                _ => text.chars().next().map_or(false, chars::is_lowercase),
            };
            !lower_first
                || particle(text)
                || text.contains('-')
                    && text
                        .split('-')
                        .any(|p| p.chars().next().map_or(false, chars::is_uppercase))
        }
        TokenKind::Punct => particle(text),
    }
}

/// Document-level evidence about each lower-cased word form.
///
/// The counts saturate at 255: they are read as "none or some" (and u8s
/// keep [`TokInfo`] at 24 bytes).
#[derive(Default, Clone, Copy)]
pub struct FormStats {
    /// Seen capitalised away from a sentence start, outside a headline.
    pub cap_mid: u8,
    /// Seen in lower case (outside a headline).
    pub lower: u8,
}

pub struct DocCtx<'a> {
    pub toks: Vec<TokInfo>,
    /// The text and the lower-cased text (any quotation mark reads `"`)
    /// of each distinct token text ([`TokInfo::own`]).
    words: Vec<(&'a str, &'a str)>,
    /// The [`WordHashes`] of each distinct token text ([`TokInfo::own`]).
    hashes: Vec<WordHashes>,
    /// The [`Own`] features of each distinct token text, computed on first
    /// use (see [`DocCtx::own`]).
    owns: Vec<OnceCell<Own>>,
    /// How many distinct word forms ([`TokInfo::form`]) the document has.
    pub forms: usize,
}

/// [`sentence_marks`] bits: the token ends a sentence, closes a quotation or
/// bracket, opens one.
const TERMINAL: u8 = 1;
const CLOSING: u8 = 2;
const OPENING: u8 = 4;

/// What a token says about sentence boundaries, as
/// `segment::sentence_starts` reads it (a test holds the two
/// together): [`TERMINAL`], [`CLOSING`], [`OPENING`] bits.
#[inline]
fn sentence_marks(t: &[u8]) -> u8 {
    // every mark begins with punctuation: a word or a number is none
    if t.first().map_or(true, u8::is_ascii_alphanumeric) {
        return 0;
    }
    const ELLIPSIS: &[u8] = "\u{2026}".as_bytes();
    const RIGHT_DOUBLE: &[u8] = "\u{201d}".as_bytes();
    const RIGHT_SINGLE: &[u8] = "\u{2019}".as_bytes();
    const LEFT_DOUBLE: &[u8] = "\u{201c}".as_bytes();
    const LEFT_SINGLE: &[u8] = "\u{2018}".as_bytes();
    const LEFT_GUILLEMET: &[u8] = "\u{ab}".as_bytes();
    let terminal = matches!(t, b"." | b"!" | b"?" | b"..." | ELLIPSIS) || t.starts_with(b"..");
    let closing = matches!(
        t,
        b"\"" | b"'" | b"''" | RIGHT_DOUBLE | RIGHT_SINGLE | b")" | b"]"
    );
    let opening = matches!(
        t,
        b"\"" | b"`" | b"``" | b"'" | LEFT_DOUBLE | LEFT_SINGLE | b"(" | b"[" | LEFT_GUILLEMET
    );
    terminal as u8 * TERMINAL | closing as u8 * CLOSING | opening as u8 * OPENING
}

/// Does a sentence start at token `i`, given the [`sentence_marks`] of the
/// last tokens (`recent`: token `i`'s in the low byte, token `i - 1`'s in
/// the next, token `i - 2`'s in the third; 0 before the first token),
/// whether a (hard) line break comes before it, and whether one starts at
/// token `i - 1`? As `segment::sentence_starts`: after a line break, and
/// after terminal punctuation (and up to two closing quotes), unless the
/// token itself closes or ends; and on the word after an opening quote or
/// bracket that starts a sentence.
#[inline]
fn starts_sentence(recent: u32, i: usize, line_start: bool, prev_starts: bool) -> bool {
    if i == 0 || line_start {
        return true;
    }
    // the marks of token i - back
    let mark = |back: usize| (recent >> (8 * back)) as u8;
    // after a word (most tokens): no sentence starts (a shortcut of the
    // rule below, where every test then reads mark(1))
    if mark(1) == 0 {
        return false;
    }
    let mut back = 1;
    while back < i && back < 3 && mark(back) & CLOSING != 0 {
        back += 1;
    }
    (mark(back) & TERMINAL != 0 && mark(0) & (CLOSING | TERMINAL) == 0)
        || (prev_starts && mark(1) & OPENING != 0)
}

/// Are `a` and `b` the same bytes? Two tokens of one form nearly always
/// are, and most are short: a few loads rather than a call to `memcmp`.
#[inline]
fn same_text(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let u32_at = |s: &[u8], k: usize| {
        s.get(k..k + 4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
    };
    let u64_at = |s: &[u8], k: usize| {
        s.get(k..k + 8)
            .map(|w| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]))
    };
    match n {
        0 => true,
        // the first, middle and last bytes cover 1-3 bytes
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        // two overlapping words cover 4-8 (or 9-16) bytes
        4..=8 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        9..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, n - 8) == u64_at(b, n - 8),
        _ => a == b,
    }
}

/// The words of the current line so far, for [`TokInfo::caps_line`] (as
/// `segment::caps_lines_with` counts them).
#[derive(Default)]
struct LineCount {
    /// its first token
    start: usize,
    /// words of two letters or more
    words: usize,
    /// those without a lower-case letter
    caps: usize,
}

/// Per form ([`TokInfo::form`]), the words counted into [`FormStats`] so
/// far: capitalised away from a sentence start, and in lower case. Counted
/// as each token comes and taken back for the (rare) headline lines, whose
/// words do not count, so that a line's tokens are read again only for a
/// headline; u32, so nothing saturates before the counts are final.
#[derive(Default)]
struct FormCounts {
    counts: Vec<[u32; 2]>,
}

impl FormCounts {
    /// Adds `by` (1, or -1 to take it back) to the count of token `t`'s
    /// form that `t` is counted in, if any (see [`LineCount::close`]).
    #[inline]
    fn add(&mut self, t: &TokInfo, by: u32) {
        if t.kind != TokenKind::Word || t.cap && t.sent_start {
            return;
        }
        let f = t.form as usize;
        if self.counts.len() <= f {
            self.counts.resize(f + 1, [0; 2]);
        }
        if let Some(c) = self.counts.get_mut(f) {
            let k = (!t.cap) as usize;
            c[k] = c[k].wrapping_add(by);
        }
    }

    /// The [`FormStats`] of form `f`.
    #[inline]
    fn stats(&self, f: u32) -> FormStats {
        let c = self.counts.get(f as usize).copied().unwrap_or_default();
        let sat = |x: u32| u8::try_from(x).unwrap_or(u8::MAX);
        FormStats {
            cap_mid: sat(c[0]),
            lower: sat(c[1]),
        }
    }
}

impl LineCount {
    fn add(&mut self, (word, no_lower): (bool, bool)) {
        if word {
            self.words += 1;
            self.caps += no_lower as usize;
        }
    }

    /// Marks the line's tokens `start..end` as a headline when at least 80%
    /// of its words are in capitals, taking its words back out of `counts`
    /// then (the words of a line count only outside a headline), and begins
    /// the next line at `end`.
    #[inline]
    fn close(&mut self, toks: &mut [TokInfo], end: usize, counts: &mut FormCounts) {
        if self.words > 0 && self.caps * 10 >= self.words * 8 {
            for t in toks.get_mut(self.start..end).unwrap_or(&mut []) {
                t.caps_line = true;
                counts.add(t, u32::MAX);
            }
        }
        *self = LineCount {
            start: end,
            ..LineCount::default()
        };
    }
}

impl<'a> DocCtx<'a> {
    // once per document, and kept out of line so that profiles show it apart
    #[inline(never)]
    pub fn new(doc: &'a Doc<'_>) -> DocCtx<'a> {
        let lx = lexicon::get();
        let n = doc.tokens.len();
        let mut toks: Vec<TokInfo> = Vec::with_capacity(n);
        let mut extra: FastMap<&'a str, u32> = FastMap::default();
        // per own: one a distinct text, so a few more than the forms ("Iran",
        // "IRAN"): room for a quarter more spares most documents a copy
        let texts = doc.form_count() + doc.form_count() / 4 + 8;
        let mut owns: Vec<OnceCell<Own>> = Vec::with_capacity(texts);
        let mut hashes: Vec<WordHashes> = Vec::with_capacity(texts);
        let mut words: Vec<(&'a str, &'a str)> = Vec::with_capacity(texts);
        // (a word of two letters or more, with no lower-case letter), what a
        // headline line counts
        let mut line_facts: Vec<(bool, bool)> = Vec::with_capacity(texts);
        let mut line = LineCount::default();
        let mut counts = FormCounts {
            counts: vec![[0; 2]; doc.form_count()],
        };
        // the sentence marks of the last three tokens (see starts_sentence)
        let mut recent = 0u32;
        let mut prev_starts = false;
        // per form: 1 + the last token of that form whose facts were
        // computed (they serve every later token with the same text and
        // kind); 0 for none
        let mut first: Vec<u32> = vec![0; doc.form_count()];
        // the tokens that may begin a multi-word lexicon entry (see
        // lexicon::mark_phrases)
        let mut phrase_starts: Vec<u32> = Vec::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            let text: &'a str = t.span.slice(doc.src);
            let bytes = text.as_bytes();
            recent = recent << 8 | sentence_marks(bytes) as u32;
            let sent_start = starts_sentence(recent, i, t.line_start, prev_starts);
            prev_starts = sent_start;
            if i > 0 && t.line_start {
                line.close(&mut toks, i, &mut counts);
            }
            let f0 = doc.form(i) as usize;
            let seen = first
                .get(f0)
                .and_then(|&j| toks.get((j as usize).wrapping_sub(1)));
            if let Some(prev) = seen {
                let prev_text = words.get(prev.own as usize).map_or("", |w| w.0);
                if same_text(prev_text.as_bytes(), bytes) && prev.kind == t.kind {
                    line.add(
                        line_facts
                            .get(prev.own as usize)
                            .copied()
                            .unwrap_or_default(),
                    );
                    // a copy of the whole (a few moves, not field by field
                    // nor a call to `memcpy`), then what differs
                    let copy = *prev;
                    toks.push(copy);
                    if let Some(last) = toks.last_mut() {
                        last.sent_start = sent_start;
                        // (its line is not known to be a headline yet)
                        last.caps_line = false;
                        counts.add(last, 1);
                        if last.cap && last.longest_phrase != 0 {
                            phrase_starts.push(i as u32);
                        }
                    }
                    continue;
                }
            }
            if let Some(slot) = first.get_mut(f0) {
                *slot = i as u32 + 1;
            }
            let quote = !bytes.first().map_or(true, u8::is_ascii_alphanumeric) && is_quote(text);
            let ascii = text.is_ascii();
            // A word longer than MAX_NAME_WORD is never part of a name: its
            // facts and lookups read only its first bytes, so each of these
            // passes costs a constant rather than one more read of the word.
            let text_p = prefix(text, super::MAX_NAME_WORD);
            let letters = ascii.then(|| ascii_letters(text_p.as_bytes()));
            let upper = match letters {
                Some((letters, lowers)) if text_p.len() == text.len() => letters > lowers,
                _ if ascii => text.bytes().any(|b| b.is_ascii_uppercase()),
                _ => text.chars().any(chars::is_uppercase),
            };
            let lower = if quote {
                "\""
            } else if upper {
                doc.lower(i)
            } else {
                text
            };
            // the form of `lower`: the document's, unless `lower` is not the
            // document's lower-cased text (a quotation mark; a word with a
            // title-case letter, which `to_lowercase` changes but that has
            // no capital)
            let form = if quote || (!ascii && !upper && doc.lower(i) != text) {
                let next = (doc.form_count() + extra.len()) as u32;
                *extra.entry(lower).or_insert(next)
            } else {
                doc.form(i)
            };
            let lower_p = prefix(lower, super::MAX_NAME_WORD);
            let case = match letters {
                Some(l) => Case::ascii(text_p.as_bytes(), l),
                None => Case::general(text_p),
            };
            // the document has hashed `lower` as the lexicons do, unless it
            // is not the form's text (a quotation mark, a title-case
            // letter) or only the beginning of it
            let first = if form as usize == f0 && lower_p.len() == lower.len() {
                lx.word_and_first_hashed(lower_p, doc.form_hash(form))
            } else {
                lx.word_and_first(lower_p)
            };
            let (_, longest_phrase, starts_title) = first;
            let classes = if ascii && !quote {
                // the lexicons key words lower-cased when they hold an ASCII
                // capital: here that is `lower`
                first.0
            } else {
                lexicon::word_classes(text_p)
            };
            hashes.push(WordHashes::of(text_p, lower_p, letters));
            let facts = (t.kind == TokenKind::Word && case.letters2, !case.has_lower);
            line.add(facts);
            line_facts.push(facts);
            let own = owns.len() as u32;
            owns.push(OnceCell::new());
            words.push((text, lower));
            let tok = TokInfo {
                form,
                classes,
                longest_phrase,
                starts_title,
                own,
                stats: FormStats::default(),
                phrase: None,
                kind: t.kind,
                cap: case.cap,
                all_caps: case.all_caps,
                sent_start,
                caps_line: false,
                lower_case: t.kind == TokenKind::Word
                    && !upper
                    && text.chars().next().map_or(false, chars::is_lowercase),
            };
            counts.add(&tok, 1);
            if tok.cap && tok.longest_phrase != 0 {
                phrase_starts.push(i as u32);
            }
            toks.push(tok);
        }
        line.close(&mut toks, n, &mut counts);
        lexicon::mark_phrases(&mut toks, &words, &phrase_starts);
        let forms = doc.form_count() + extra.len();
        for t in &mut toks {
            if t.cap {
                t.stats = counts.stats(t.form);
            }
        }
        DocCtx {
            toks,
            words,
            hashes,
            owns,
            forms,
        }
    }

    /// The text of token `t` of this document.
    #[inline]
    pub fn text(&self, t: &TokInfo) -> &'a str {
        self.words.get(t.own as usize).map_or("", |w| w.0)
    }

    /// Token `t` lower-cased (any quotation mark reads `"`).
    #[inline]
    pub fn lower(&self, t: &TokInfo) -> &'a str {
        self.words.get(t.own as usize).map_or("", |w| w.1)
    }

    /// The [`WordHashes`] of token `t` of this document.
    #[inline]
    pub fn hashes(&self, t: &TokInfo) -> Option<WordHashes> {
        self.hashes.get(t.own as usize).copied()
    }

    /// The [`Own`] features of token `t` of this document (computed the
    /// first time the tagger asks for them).
    #[inline]
    pub fn own(&self, t: &TokInfo) -> Option<&Own> {
        let cell = self.owns.get(t.own as usize)?;
        // (read before anything the first use needs: asked twice a token)
        match cell.get() {
            Some(own) => Some(own),
            None => self.first_own(t, cell),
        }
    }

    /// [`DocCtx::own`] the first time: computes the features.
    #[cold]
    #[inline(never)]
    fn first_own<'c>(&self, t: &TokInfo, cell: &'c OnceCell<Own>) -> Option<&'c Own> {
        let h = self.hashes(t)?;
        Some(cell.get_or_init(|| Own::of(self.text(t), self.lower(t), t.kind, h)))
    }
}

/// The tags assigned so far to each word form in this document (the
/// "prediction history" of Ratinov & Roth 2009).
pub struct History {
    /// per form ([`TokInfo::form`]): how often tagged PER, ORG, LOC, MISC, O
    seen: Vec<[u16; 5]>,
}

impl History {
    pub fn new(ctx: &DocCtx) -> History {
        History {
            seen: vec![[0; 5]; ctx.forms],
        }
    }

    /// Records `tag` for the word form `form` (see [`TokInfo::form`]).
    pub fn add(&mut self, form: u32, tag: u8) {
        let slot = match tag_type(tag) {
            Some(t) => t,
            None => 4,
        };
        if let Some(e) = self.seen.get_mut(form as usize) {
            e[slot] = e[slot].saturating_add(1);
        }
    }

    fn best(&self, form: u32) -> Option<usize> {
        let e = self.seen.get(form as usize)?;
        let mut best = 0;
        for k in 1..5 {
            if e[k] > e[best] {
                best = k;
            }
        }
        if e[best] == 0 {
            None
        } else {
            Some(best)
        }
    }
}

const TAGH: [u64; NTAGS + 1] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

/// The number of values a previous tag takes: a tag, or 9 (none).
const PREV: usize = TAGH.len();

/// A table of `$n` entries, entry `$i` being `$e`, built at compile time.
macro_rules! table {
    ($n:expr, $zero:expr, |$i:ident| $e:expr) => {{
        let mut t = [$zero; $n];
        let mut $i = 0;
        while $i < $n {
            t[$i] = $e;
            $i += 1;
        }
        t
    }};
}

/// The buckets of the features whose values come from small sets (case
/// flags, previous tags, lexicon classes, history), and the hash states of
/// those that mix such a value with a word, computed at compile time: the
/// tagger reads about ten a token from these instead of hashing them
/// (the buckets are the same: [`each_feature`]'s comments give each one's
/// formula, and a test holds the tables to it).
mod fixed {
    use super::{H, PREV, TAGH};
    /// 40: case flags (see [`super::each_feature`]: 4 bits)
    pub const CASE: [u32; 16] = table!(16, 0, |i| H::new(40).n(i as u32).done());
    /// 41: case flags, then the word
    pub const CASE_WORD: [H; 16] = table!(16, H(0), |i| H::new(41).n(i as u32));
    /// 50: the previous tag
    pub const P1: [u32; PREV] = table!(PREV, 0, |i| H::new(50).v(TAGH[i]).done());
    /// 51: the two previous tags, `p2 * PREV + p1`
    pub const P2_P1: [u32; PREV * PREV] = table!(PREV * PREV, 0, |i| H::new(51)
        .v(TAGH[i / PREV])
        .v(TAGH[i % PREV])
        .done());
    /// 52: the previous tag, then the word
    pub const P1_WORD: [H; PREV] = table!(PREV, H(0), |i| H::new(52).v(TAGH[i]));
    /// 53: the previous tag, then the word's shape
    pub const P1_SHAPE: [H; PREV] = table!(PREV, H(0), |i| H::new(53).v(TAGH[i]));
    /// 54: the previous tag and the case flags, `p1 * 16 + flags`
    pub const P1_CASE: [u32; PREV * 16] = table!(PREV * 16, 0, |i| H::new(54)
        .v(TAGH[i / 16])
        .n((i % 16) as u32)
        .done());
    /// The bucket of template `id` over two values packed in one index as
    /// `i = a * m + b`.
    const fn split(id: u8, i: usize, m: usize) -> u32 {
        H::new(id).n((i / m) as u32).n((i % m) as u32).done()
    }

    /// 60: a lexicon class bit of the word
    pub const CLASS: [u32; 32] = table!(32, 0, |i| H::new(60).n(i as u32).done());
    /// 61: a class bit and the word's capital, `bit * 2 + cap`
    pub const CLASS_CAP: [u32; 64] = table!(64, 0, |i| split(61, i, 2));
    /// 62: the word's phrase class and begin, `class * 2 + begin`
    pub const PHRASE: [u32; 32] = table!(32, 0, |i| split(62, i, 2));
    /// 63: a class bit of the word before (`[0]`, offset -1) or after
    /// (`[1]`, offset 1)
    pub const NEAR_CLASS: [[u32; 32]; 2] = [
        table!(32, 0, |i| H::new(63).n(-1i32 as u32).n(i as u32).done()),
        table!(32, 0, |i| H::new(63).n(1).n(i as u32).done()),
    ];
    /// 64: the phrase class and begin of the word before or after, as 63
    /// and 62
    pub const NEAR_PHRASE: [[u32; 32]; 2] = [
        table!(32, 0, |i| H::new(64)
            .n(-1i32 as u32)
            .n((i / 2) as u32)
            .n((i % 2) as u32)
            .done()),
        table!(32, 0, |i| H::new(64)
            .n(1)
            .n((i / 2) as u32)
            .n((i % 2) as u32)
            .done()),
    ];
    /// 70: the form's document evidence and the word's position, `f * 4 +
    /// position`
    pub const EVIDENCE: [u32; 16] = table!(16, 0, |i| split(70, i, 4));
    /// 71: the form's most frequent tag type so far
    pub const HISTORY: [u32; 8] = table!(8, 0, |i| H::new(71).n(i as u32).done());
    /// 72: that and the word's position, `type * 4 + position`
    pub const HISTORY_POS: [u32; 32] = table!(32, 0, |i| split(72, i, 4));
    /// 73: the next word's most frequent tag type so far
    pub const NEXT_HISTORY: [u32; 8] = table!(8, 0, |i| H::new(73).n(i as u32).done());
}

/// Pushes the feature buckets of token `i` given the two previous tags (9 =
/// none) into `out` (see [`each_feature`]).
pub fn features(ctx: &DocCtx, i: usize, p1: u8, p2: u8, hist: &History, out: &mut Vec<u32>) {
    out.clear();
    each_feature(ctx, i, p1, p2, hist, |f| out.push(f));
}

/// Passes the feature buckets of token `i` given the two previous tags (9 =
/// none) to `emit`, in a fixed order (the tagger sums their weights as they
/// come, with no list in between; the order fixes the rounding).
#[inline]
pub fn each_feature(
    ctx: &DocCtx,
    i: usize,
    p1: u8,
    p2: u8,
    hist: &History,
    mut emit: impl FnMut(u32),
) {
    let toks = &ctx.toks;
    let n = toks.len();
    let t = &toks[i];
    let get = |k: isize| -> Option<&TokInfo> {
        let j = i as isize + k;
        if j < 0 || j as usize >= n {
            None
        } else {
            Some(&toks[j as usize])
        }
    };
    let near = |k: isize| get(k).and_then(|x| ctx.hashes(x));
    let lw = |h: Option<WordHashes>| h.map_or(BOUNDARY, |h| h.lower);
    let sh = |h: Option<WordHashes>| h.map_or(BOUNDARY, |h| h.shape);
    let (Some(own), Some(hashes)) = (ctx.own(t), ctx.hashes(t)) else {
        return;
    };
    let w = hashes.lower;
    // the neighbours' hashes, each read once
    let (prev, next) = (near(-1), near(1));
    let (lw_prev, lw_next, sh_prev, sh_next) = (lw(prev), lw(next), sh(prev), sh(next));

    // (one call each rather than a loop over a list: no list to write and
    // read back)
    emit(H::new(0).done());
    emit(own.word);
    emit(own.raw);
    emit(H::new(3).v(lw_prev).done());
    emit(H::new(4).v(lw_next).done());
    emit(H::new(5).v(lw(near(-2))).done());
    emit(H::new(6).v(lw(near(2))).done());
    emit(own.shape);
    emit(H::new(8).v(sh_prev).done());
    emit(H::new(9).v(sh_next).done());
    emit(H::new(10).v(sh_prev).v(hashes.shape).v(sh_next).done());
    emit(H::new(11).v(lw_prev).v(w).done());
    emit(H::new(12).v(w).v(lw_next).done());
    for k in 0..4 {
        if own.affixes & (1 << k) != 0 {
            emit(own.prefix[k]);
            emit(own.suffix[k]);
        }
    }
    // case and position
    let flags = (t.sent_start as usize)
        | (t.cap as usize) << 1
        | (t.all_caps as usize) << 2
        | (t.caps_line as usize) << 3;
    // (a previous tag is below PREV; past it, where TAGH would panic, the
    // features read 0)
    let (p1, p2) = (p1 as usize, p2 as usize);
    let (p1_word, p1_shape) = match (fixed::P1_WORD.get(p1), fixed::P1_SHAPE.get(p1)) {
        (Some(pw), Some(ps)) => (pw.v(w).done(), ps.v(hashes.shape).done()),
        _ => (0, 0),
    };
    let at = |table: &[u32], k: usize| table.get(k).copied().unwrap_or(0);
    // H::new(40).n(flags)
    emit(fixed::CASE[flags]);
    // H::new(41).n(flags).v(w)
    emit(fixed::CASE_WORD[flags].v(w).done());
    emit(own.len_shape);
    // previous tags: H::new(50).v(p1h), H::new(51).v(p2h).v(p1h),
    // H::new(52).v(p1h).v(w), H::new(53).v(p1h).v(shape),
    // H::new(54).v(p1h).n(flags)
    emit(at(&fixed::P1, p1));
    emit(at(&fixed::P2_P1, p2 * PREV + p1));
    emit(p1_word);
    emit(p1_shape);
    emit(at(&fixed::P1_CASE, p1 * 16 + flags));
    // lexicons: H::new(60).n(bit), H::new(61).n(bit).n(cap)
    let mut c = t.classes;
    while c != 0 {
        let b = c.trailing_zeros() as usize & 31;
        c &= c - 1;
        emit(fixed::CLASS[b]);
        emit(fixed::CLASS_CAP[b * 2 + t.cap as usize]);
    }
    // H::new(62).n(class).n(begin)
    if let Some((cl, begin)) = t.phrase {
        emit(fixed::PHRASE[(cl as usize & 15) * 2 + begin as usize]);
    }
    // H::new(63).n(k).n(bit), H::new(64).n(k).n(class).n(begin)
    for (side, x) in [(0, get(-1)), (1, get(1))] {
        if let Some(x) = x {
            let mut c = x.classes;
            while c != 0 {
                let b = c.trailing_zeros() as usize & 31;
                c &= c - 1;
                emit(fixed::NEAR_CLASS[side][b]);
            }
            if let Some((cl, begin)) = x.phrase {
                emit(fixed::NEAR_PHRASE[side][(cl as usize & 15) * 2 + begin as usize]);
            }
        }
    }
    // document-level evidence
    let position = t.sent_start as usize | (t.caps_line as usize) << 1;
    if t.kind == TokenKind::Word && t.cap {
        let st = t.stats;
        let f = (st.cap_mid > 0) as usize | ((st.lower > 0) as usize) << 1;
        // H::new(70).n(f).n(position)
        emit(fixed::EVIDENCE[f * 4 + position]);
        if let Some(b) = hist.best(t.form) {
            // H::new(71).n(b), H::new(72).n(b).n(position)
            emit(fixed::HISTORY[b & 7]);
            emit(fixed::HISTORY_POS[(b & 7) * 4 + position]);
        }
    }
    if let Some(x) = get(1) {
        if x.kind == TokenKind::Word && x.cap {
            if let Some(b) = hist.best(x.form) {
                // H::new(73).n(b)
                emit(fixed::NEXT_HISTORY[b & 7]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_facts_agree_with_the_general_ones() {
        let words = [
            "Iran",
            "IRNA",
            "U.S.",
            "al-Abadi",
            "x",
            "X",
            "xY",
            "Ab",
            "",
            "2,500",
            "1990s",
            "\"",
            "''",
            "'s",
            "McDonald",
            "AbCdEfGhIjKlMnOpQ",
            "A1B2C3D4E5F6G7H8",
            "----",
            "...",
            "a.b.c.d.e.f.g",
        ];
        for w in words {
            let letters = ascii_letters(w.as_bytes());
            let count = |f: fn(&u8) -> bool| w.bytes().filter(f).count();
            assert_eq!(
                letters,
                (
                    count(u8::is_ascii_alphabetic),
                    count(u8::is_ascii_lowercase)
                ),
                "{w:?}"
            );
            let (a, g) = (Case::ascii(w.as_bytes(), letters), Case::general(w));
            assert_eq!(
                (a.cap, a.all_caps, a.has_lower, a.letters2),
                (g.cap, g.all_caps, g.has_lower, g.letters2),
                "{w:?}"
            );
            assert_eq!(
                ascii_shape_hash(w.as_bytes(), letters.0, letters.1),
                shape_hash(w),
                "{w:?}"
            );
            assert_eq!(shape_hash(w), hash_str(&shape(w)), "{w:?}");
        }
    }

    #[test]
    fn fixed_tables_hold_the_formulas() {
        let w = hash_str("iran");
        for f in 0..16usize {
            assert_eq!(fixed::CASE[f], H::new(40).n(f as u32).done());
            let word = H::new(41).n(f as u32).v(w).done();
            assert_eq!(fixed::CASE_WORD[f].v(w).done(), word);
        }
        for (p1, &p1h) in TAGH.iter().enumerate() {
            assert_eq!(fixed::P1[p1], H::new(50).v(p1h).done());
            for (p2, &p2h) in TAGH.iter().enumerate() {
                assert_eq!(
                    fixed::P2_P1[p2 * PREV + p1],
                    H::new(51).v(p2h).v(p1h).done()
                );
            }
            assert_eq!(
                fixed::P1_WORD[p1].v(w).done(),
                H::new(52).v(p1h).v(w).done()
            );
            assert_eq!(
                fixed::P1_SHAPE[p1].v(w).done(),
                H::new(53).v(p1h).v(w).done()
            );
            for f in 0..16 {
                assert_eq!(
                    fixed::P1_CASE[p1 * 16 + f],
                    H::new(54).v(p1h).n(f as u32).done()
                );
            }
        }
        for b in 0..32u32 {
            let i = b as usize;
            assert_eq!(fixed::CLASS[i], H::new(60).n(b).done());
            for (side, k) in [(0, -1isize), (1, 1)] {
                assert_eq!(
                    fixed::NEAR_CLASS[side][i],
                    H::new(63).n(k as u32).n(b).done()
                );
            }
            for x in 0..2u32 {
                let j = i * 2 + x as usize;
                assert_eq!(fixed::CLASS_CAP[j], H::new(61).n(b).n(x).done());
                if b < 16 {
                    assert_eq!(fixed::PHRASE[j], H::new(62).n(b).n(x).done());
                    for (side, k) in [(0, -1isize), (1, 1)] {
                        let near = H::new(64).n(k as u32).n(b).n(x).done();
                        assert_eq!(fixed::NEAR_PHRASE[side][j], near);
                    }
                }
            }
        }
        for b in 0..5u32 {
            assert_eq!(fixed::HISTORY[b as usize], H::new(71).n(b).done());
            assert_eq!(fixed::NEXT_HISTORY[b as usize], H::new(73).n(b).done());
            for pos in 0..4u32 {
                let i = (b * 4 + pos) as usize;
                assert_eq!(fixed::HISTORY_POS[i], H::new(72).n(b).n(pos).done());
                if b < 4 {
                    assert_eq!(fixed::EVIDENCE[i], H::new(70).n(b).n(pos).done());
                }
            }
        }
    }

    #[test]
    fn same_text_compares_every_byte() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnop",
        ];
        for w in words.iter().chain(&["abcdefghijklmnopq", "\u{e9}t\u{e9}"]) {
            let b = w.as_bytes();
            assert!(same_text(b, b));
            for k in 0..b.len() {
                let mut c = b.to_vec();
                c[k] ^= 0x20;
                assert!(!same_text(b, &c), "{w:?} {k}");
            }
            assert!(!same_text(b, &[b, b"x"].concat()));
        }
    }

    #[test]
    fn general_punctuation_has_no_letter_and_no_digit() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(
                !(c.is_uppercase() || c.is_lowercase() || c.is_numeric() || c.is_alphabetic()),
                "{c:?}"
            );
            assert_eq!(shape_char(c), c);
        }
    }

    #[test]
    fn forms_follow_the_lower_cased_text() {
        // a title-case letter is no capital: the word keeps its text, which
        // differs from the one lower-cased in full
        let d = Doc::new("\u{1c5}emal \u{1c6}emal \u{1c5}emal \" \u{201c} Iran IRAN");
        let ctx = DocCtx::new(&d);
        let f: Vec<u32> = ctx.toks.iter().map(|t| t.form).collect();
        assert_eq!(ctx.lower(&ctx.toks[0]), "\u{1c5}emal");
        assert_ne!(f[0], f[1]);
        assert_eq!(f[0], f[2]);
        assert_eq!(f[3], f[4]);
        assert_eq!(f[5], f[6]);
        assert!(f.iter().all(|&x| (x as usize) < ctx.forms));
    }

    #[test]
    fn sentence_starts_and_headlines_agree_with_segment() {
        let mut texts: Vec<String> = [
            "He left. ``This is it,'' he said. (\"Yes.\") [Maybe] No!? Well... \u{2026} ok",
            "\u{201c}Go.\u{201d} \u{2018}No.\u{2019}) \u{ab}Oui.\u{bb} '' . . ' \" ( x",
            "CRICKET - LEICESTERSHIRE TAKE OVER\nThe Iraqi side won .\nA B\nUN SAYS SO",
            "\"\"\"A.\"\"\" b .. c ... \"(d",
            ".",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/wikinews");
        if let Ok(rd) = std::fs::read_dir(corpus) {
            texts.extend(rd.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()));
        }
        for s in &texts {
            let d = Doc::new(s);
            let ctx = DocCtx::new(&d);
            let starts: Vec<bool> = ctx.toks.iter().map(|t| t.sent_start).collect();
            let caps: Vec<bool> = ctx.toks.iter().map(|t| t.caps_line).collect();
            assert_eq!(starts, super::super::segment::sentence_starts(&d), "{s:?}");
            assert_eq!(caps, super::super::segment::caps_lines(&d), "{s:?}");
        }
    }

    #[test]
    fn affixes_hash_whole_characters() {
        let (p, s) = affix_hashes("iran", 4, true);
        assert_eq!(p[0], hash_str("i"));
        assert_eq!(p[2], hash_str("ira"));
        assert_eq!(p[3], 0);
        assert_ne!(s[0], 0);
        assert_eq!(s[3], 0);
        assert_eq!(affix_hashes("é", 1, false), ([0; 4], [0; 4]));
        // the byte path (ASCII) and the character path agree
        let (accented, plain) = (
            affix_hashes("iran\u{e9}", 5, false),
            affix_hashes("iranx", 5, true),
        );
        assert_eq!(accented.0, plain.0);
        let (accented, plain) = (
            affix_hashes("\u{e9}nari", 5, false),
            affix_hashes("xnari", 5, true),
        );
        assert_eq!(accented.1, plain.1);
    }
}
