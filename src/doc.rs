//! Tokens, sentences and paragraphs, all as byte spans into the input.
//!
//! The tokenizer follows the Penn Treebank conventions the gold data uses
//! closely enough for scoring ("Iran's" → "Iran" + "'s", "U.S." stays whole,
//! "2,500" and "1996-08-30" stay whole) and makes one pass over the characters.

/// Byte ranges used inside the core. Kept as a plain pair so engines can
/// build and compare them cheaply; conversion happens once at the end
/// (in [`crate::text::Text`]). Defined here so `build.rs` can compile this
/// file, the tokenizer, on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> Self {
        ByteSpan { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn overlaps(&self, other: &ByteSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn slice<'a>(&self, s: &'a str) -> &'a str {
        s.get(self.start..self.end).unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter: "Iran", "al-Abadi", "U.S.", "Mr."
    Word,
    /// Starts with a digit: "2,500", "3.5", "1990s", "14th"
    Number,
    /// Anything else, one character (or "..." / "--" runs)
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: ByteSpan,
    pub kind: TokenKind,
    /// A line break (or the start of the text) comes before this token, and
    /// in a [`Doc`] not a soft wrap (see [`soft_wraps`]).
    pub line_start: bool,
    /// A blank line or a line break comes before this token *and* the previous
    /// line ended a sentence: the token opens a paragraph.
    pub para_start: bool,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        self.span.slice(src)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: ByteSpan,
    /// Token index range `first..last` (exclusive).
    pub first: usize,
    pub last: usize,
    /// Index of the paragraph this sentence belongs to.
    pub paragraph: usize,
}

/// A tokenized, sentence-split document.
pub struct Doc<'a> {
    pub src: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// The lower-cased form of every token (see [`Doc::lower`], [`Doc::form`]).
    forms: Forms,
}

/// A number per distinct lower-cased form of the tokens, and each form's
/// text, built once per document for every engine.
struct Forms {
    /// the distinct lower-cased forms, one after another, each copied once
    /// (a token's own text is never copied: most tokens repeat a form)
    text: String,
    /// form `f` is `text[at[f]..at[f + 1]]`
    at: Vec<u32>,
    /// [`hash_bytes`] of each form's text (the lexicons key words by it)
    hash: Vec<u64>,
    /// the form number of each token
    id: Vec<u32>,
}

const HIGH: u64 = 0x8080_8080_8080_8080;

const fn splat(b: u8) -> u64 {
    b as u64 * 0x0101_0101_0101_0101
}

/// The top bit of each byte lane of `w` in `lo..=hi`; every lane must be
/// ASCII (below 0x80, so the additions carry into no other lane: the top bit
/// of `v + (0x80 - k)` says `v >= k`).
#[inline]
fn lanes_in(w: u64, lo: u8, hi: u8) -> u64 {
    let at_least = |k: u8| w.wrapping_add(splat(0x80 - k)) & HIGH;
    at_least(lo) & !at_least(hi + 1)
}

/// The ASCII letters 'A'..='Z' of the eight byte lanes of `w` lower-cased;
/// every lane must be ASCII (see [`lanes_in`]).
#[inline]
fn ascii_lower_lanes(w: u64) -> u64 {
    w | (lanes_in(w, b'A', b'Z') >> 2)
}

/// How many upper-case and lower-case ASCII letters the eight byte lanes of
/// `w` hold; every lane must be ASCII (see [`lanes_in`]).
#[inline]
pub fn ascii_case_counts(w: u64) -> (usize, usize) {
    // one bit a lane, summed into the top byte by the multiplication
    let count = |m: u64| ((m >> 7).wrapping_mul(splat(1)) >> 56) as usize;
    (
        count(lanes_in(w, b'A', b'Z')),
        count(lanes_in(w, b'a', b'z')),
    )
}

/// Calls `f` with each eight-byte little-endian lane of `bytes`, the last one
/// zero-padded (no lane for no byte).
#[inline]
pub fn for_each_lane(bytes: &[u8], mut f: impl FnMut(u64)) {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        f(u64::from_le_bytes([
            c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
        ]));
    }
    if !chunks.remainder().is_empty() {
        f(tail_lane(bytes, chunks.remainder()));
    }
}

/// [`hash_bytes`] of the ASCII lower-case of `bytes` when they are all
/// ASCII (`None` otherwise), without making the lower-cased copy and in the
/// same pass as the ASCII test: eight bytes are tested and lower-cased at
/// once (a zero lane stays zero, so the tail hashes as in [`hash_bytes`]).
#[inline]
fn hash_ascii_lower(bytes: &[u8]) -> Option<u64> {
    let mut high = 0;
    let h = mix_lanes(0, bytes, |v| {
        high |= v;
        ascii_lower_lanes(v)
    });
    (high & HIGH == 0).then(|| finish_hash(h))
}

/// Is `form` the ASCII lower-case of `word` (all ASCII)? Eight bytes a step
/// (`eq_ignore_ascii_case` takes a byte at a time). A non-ASCII byte of
/// `form` never equals a lower-cased ASCII lane.
#[inline]
fn is_ascii_lower_of(form: &[u8], word: &[u8]) -> bool {
    if form.len() != word.len() {
        return false;
    }
    let lane = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
    let mut f = form.chunks_exact(8);
    let mut w = word.chunks_exact(8);
    for (a, b) in (&mut f).zip(&mut w) {
        if lane(a) != ascii_lower_lanes(lane(b)) {
            return false;
        }
    }
    f.remainder()
        .iter()
        .zip(w.remainder())
        .all(|(&a, &b)| a == b.to_ascii_lowercase())
}

/// Is `w`'s lower-case its ASCII lower-case? True when each of its non-ASCII
/// characters lower-cases to itself (see [`lowers_to_itself`]), as in most
/// of news text's non-ASCII tokens: curly quotes and apostrophes, dashes
/// ("\u{201c}", "\u{2019}s"), accented words with an ASCII capital
/// ("José"), Arabic script. These so need no `to_lowercase`.
#[inline]
fn lowers_as_ascii(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii() || lowers_to_itself(c))
}

/// Does `c` lower-case to itself? Yes when it is neither upper case nor
/// one of the title-case letters, the digraphs "\u{1c5}", "\u{1c8}",
/// "\u{1cb}", "\u{1f2}" and the Greek capitals with prosgegrammeni (whose
/// lower-case differs too: see the test); one table look-up below U+2080.
/// (An upper-case letter is answered no, left to `to_lowercase`.)
#[inline]
fn lowers_to_itself(c: char) -> bool {
    if is_general_punctuation(c) {
        return true;
    }
    !crate::chars::is_uppercase(c)
        && !matches!(c as u32,
            0x1C5 | 0x1C8 | 0x1CB | 0x1F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF
            | 0x1FBC | 0x1FCC | 0x1FFC)
}

impl Forms {
    /// One pass: number each token's lower-cased form (open addressing over
    /// the forms), copying a form's text only the first time it is seen. An
    /// ASCII token of at most eight bytes (nine in ten tokens of news text) is
    /// one eight-byte lane: loaded, tested, lower-cased, hashed and compared
    /// with a form whole. A longer ASCII token is hashed and compared
    /// lower-cased on the fly, eight bytes a step; any other is lower-cased
    /// first.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn new(src: &str, tokens: &[Token]) -> Forms {
        let n = tokens.len();
        let cap = (n * 2).max(16).next_power_of_two();
        let mask = cap - 1;
        // per slot: the form number
        let mut slots = vec![FREE_SLOT; cap];
        // bytes until the end (where one validation makes them a `String`):
        // lower-casing ASCII while copying is then one vectorised pass
        let mut text: Vec<u8> = Vec::with_capacity(src.len() / 2 + 16);
        let mut at: Vec<u32> = Vec::with_capacity(n / 2 + 2);
        at.push(0);
        let mut form_hash: Vec<u64> = Vec::with_capacity(n / 2 + 2);
        // per form of at most eight bytes, its text as a zero-padded lane
        // (with its length, the whole text); 0 for a longer form
        let mut form_lane: Vec<u64> = Vec::with_capacity(n / 2 + 2);
        let mut id = Vec::with_capacity(n);
        // a non-ASCII token's lower-case
        let mut scratch = String::new();
        let bytes = src.as_bytes();
        for t in tokens {
            let len = t.span.end.wrapping_sub(t.span.start);
            if (1..=8).contains(&len) {
                let v = short_lane(bytes, t.span.start, len);
                if v & HIGH == 0 {
                    let lower = ascii_lower_lanes(v);
                    let hash = hash_short_lane(lower, len);
                    let next = (at.len() - 1) as u32;
                    // a token is never empty and holds no NUL (a blank to
                    // the tokenizer), so its zero-padded lane also says its
                    // length (and a longer form's lane is 0)
                    let found = probe(&mut slots, mask, hash, next, |k| form_lane[k] == lower);
                    id.push(found.unwrap_or(next));
                    if found.is_none() {
                        text.extend_from_slice(&lower.to_le_bytes()[..len]);
                        at.push(text.len() as u32);
                        form_hash.push(hash);
                        form_lane.push(lower);
                    }
                    continue;
                }
            }
            let w = t.span.slice(src);
            let ascii_hash = hash_ascii_lower(w.as_bytes());
            let ascii = ascii_hash.is_some();
            let key = if ascii {
                w
            } else {
                if lowers_as_ascii(w) {
                    scratch.clear();
                    scratch.push_str(w);
                    scratch.make_ascii_lowercase();
                } else {
                    scratch = w.to_lowercase();
                }
                scratch.as_str()
            };
            let hash = ascii_hash.unwrap_or_else(|| hash_bytes(key.as_bytes()));
            let next = (at.len() - 1) as u32;
            let found = probe(&mut slots, mask, hash, next, |k| {
                let form = text.get(at[k] as usize..at[k + 1] as usize).unwrap_or(&[]);
                // a form is lower-case: an ASCII token is its form exactly
                // when it is the form but for ASCII case
                if ascii {
                    is_ascii_lower_of(form, key.as_bytes())
                } else {
                    form == key.as_bytes()
                }
            });
            id.push(found.unwrap_or(next));
            if found.is_none() {
                let from = text.len();
                text.extend_from_slice(key.as_bytes());
                if ascii {
                    text[from..].make_ascii_lowercase();
                }
                at.push(text.len() as u32);
                form_hash.push(hash);
                let form = &text[from..];
                form_lane.push(if form.len() <= 8 { pad_lane(form) } else { 0 });
            }
        }
        Forms {
            // only whole UTF-8 strings were appended
            text: String::from_utf8(text).unwrap_or_default(),
            at,
            hash: form_hash,
            id,
        }
    }
}

/// An empty slot of [`Forms::new`]'s open-addressing table.
const FREE_SLOT: u32 = u32::MAX;

/// Looks a form up in [`Forms::new`]'s open-addressing table: the form `f`
/// in the probe sequence of `hash` for which `same(f)` holds, else `None`
/// after claiming the free slot reached for the new form `next`.
#[inline(always)]
fn probe(
    slots: &mut [u32],
    mask: usize,
    hash: u64,
    next: u32,
    same: impl Fn(usize) -> bool,
) -> Option<u32> {
    let mut slot = hash as usize & mask;
    loop {
        let f = slots[slot];
        if f == FREE_SLOT {
            slots[slot] = next;
            return None;
        }
        if same(f as usize) {
            return Some(f);
        }
        slot = (slot + 1) & mask;
    }
}

/// The `len` bytes at `start` in `bytes` (at most eight; 0 for none or more)
/// as a little-endian lane, zero-padded: one load and a mask when eight bytes
/// from `start` are in `bytes`.
#[inline]
fn short_lane(bytes: &[u8], start: usize, len: usize) -> u64 {
    if len == 0 || len > 8 {
        return 0;
    }
    // (the one bounds test: `start + len` is within the eight bytes)
    match bytes.get(start..start.wrapping_add(8)) {
        Some(b) => {
            u64::from_le_bytes(b.try_into().unwrap_or([0; 8])) & (u64::MAX >> (8 * (8 - len)))
        }
        None => pad_lane(bytes.get(start..start.wrapping_add(len)).unwrap_or(&[])),
    }
}

/// The bytes `w` (at most eight) as a little-endian lane, zero-padded.
#[inline]
fn pad_lane(w: &[u8]) -> u64 {
    match w.try_into() {
        Ok(eight) => u64::from_le_bytes(eight),
        Err(_) => tail_lane(w, w),
    }
}

/// [`hash_bytes`] of the `len` (at most eight) bytes held zero-padded in
/// `lane`: [`mix_lanes`] unrolled for one lane.
#[inline]
fn hash_short_lane(lane: u64, len: usize) -> u64 {
    let len_bits = (len as u64) << 56;
    let h = if len == 8 {
        // one whole lane, then the empty tail
        (lane.wrapping_mul(MIX_K).rotate_left(5) ^ len_bits).wrapping_mul(MIX_K)
    } else {
        (lane ^ len_bits).wrapping_mul(MIX_K)
    };
    finish_hash(h)
}

/// The multiplier of [`mix_lanes`].
const MIX_K: u64 = 0x517c_c1b7_2722_0a95;

/// Folds `bytes` into the hash state `h`, eight bytes at a time (the core of
/// `entities::fast::FastHasher`).
#[inline]
pub fn mix_bytes(h: u64, bytes: &[u8]) -> u64 {
    mix_lanes(h, bytes, |v| v)
}

/// [`mix_bytes`] with each eight-byte lane (the last one zero-padded)
/// passed through `lane` first.
#[inline]
fn mix_lanes(mut h: u64, bytes: &[u8], mut lane: impl FnMut(u64) -> u64) -> u64 {
    const K: u64 = MIX_K;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ lane(v)).wrapping_mul(K);
    }
    let tail = tail_lane(bytes, chunks.remainder());
    (h.rotate_left(5) ^ lane(tail) ^ (bytes.len() as u64) << 56).wrapping_mul(K)
}

/// The bytes of `rest` (fewer than eight, the end of `whole`) as a
/// little-endian u64, zero-padded: a few overlapping loads rather than a
/// loop a byte (most keys are short words, so this is most of a hash).
#[inline]
fn tail_lane(whole: &[u8], rest: &[u8]) -> u64 {
    let r = rest.len();
    if r == 0 || r >= 8 {
        return 0;
    }
    let u64_at = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
    let u32_at = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap_or([0; 4])) as u64;
    if let Some(last) = whole.len().checked_sub(8).and_then(|k| whole.get(k..)) {
        // the last eight bytes of `whole`, `rest` shifted down to come first
        return u64_at(last) >> (8 * (8 - r));
    }
    if r >= 4 {
        // two four-byte loads overlapping on equal bytes
        return u32_at(&rest[..4]) | u32_at(&rest[r - 4..]) << (8 * (r - 4));
    }
    rest[0] as u64 | (rest[r / 2] as u64) << (8 * (r / 2)) | (rest[r - 1] as u64) << (8 * (r - 1))
}

#[inline]
fn finish_hash(h: u64) -> u64 {
    let h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// A fast hash of a short byte string (not for adversarial keys: a table
/// built with it lives for one document or holds the fixed lexicons).
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    finish_hash(mix_bytes(0, bytes))
}

/// Is `w` a word whose trailing period is part of the word, not a sentence
/// end? (A `match`, not a list scanned word by word: asked of every word
/// before a period.)
#[rustfmt::skip]
fn is_abbreviation(w: &str) -> bool {
    matches!(w,
        "Mr" | "Mrs" | "Ms" | "Dr" | "Prof" | "Sr" | "Jr" | "St" | "Mt" | "Gen" | "Lt" | "Col" |
        "Maj" | "Capt" | "Sgt" | "Cpl" | "Adm" | "Cmdr" | "Gov" | "Sen" | "Rep" | "Rev" | "Hon" |
        "Pres" | "Supt" | "Insp" | "Corp" | "Inc" | "Ltd" | "Co" | "Bros" | "Dept" | "Univ" |
        "Assn" | "No" | "Nos" | "vs" | "etc" | "approx" | "Jan" | "Feb" | "Mar" | "Apr" | "Jun" |
        "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov" | "Dec" | "Mon" | "Tue" | "Tues" | "Wed" |
        "Thu" | "Thurs" | "Fri" | "Sat" | "Sun" | "Ave" | "Blvd" | "Rd" | "Ft" | "Calif" | "Mass" |
        "Penn" | "Fla" | "Ill" | "Wash" | "Mich" | "Ariz" | "Colo" | "Conn" | "Ga" | "Ky" | "La" |
        "Md" | "Minn" | "Miss" | "Mo" | "Nev" | "Okla" | "Ore" | "Tenn" | "Tex" | "Va" | "Wis" |
        "Wyo" | "Ala" | "Ark" | "Del" | "Kan" | "Neb" | "Vt" | "al" | "e.g" | "i.e" | "cf" | "ca" |
        "Messrs" | "Mme" | "Mlle" | "Fr"
    )
}

#[inline(always)]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_general_punctuation(c) {
        return c == '\u{200C}' || c == '\u{200D}'; // the joiners are marks
    }
    crate::chars::is_alphanumeric(c) || is_mark(c)
}

/// U+2000..U+206F (spaces, dashes, curly quotes, ellipsis...) holds no letter
/// and no digit: news text is full of these, and the Unicode table lookup
/// behind `char::is_alphabetic` costs hundreds of instructions a character.
#[inline]
pub fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// `char::is_alphabetic` with a fast answer for general punctuation.
#[inline]
fn is_alpha(c: char) -> bool {
    crate::chars::is_alphabetic(c)
}

/// `char::is_alphanumeric` with a fast answer for general punctuation.
#[inline]
fn is_alnum(c: char) -> bool {
    crate::chars::is_alphanumeric(c)
}

/// Combining marks (so "Mu\u{308}ller" stays one word) and joiners used in
/// Persian and Arabic script.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// Characters that end a line: LF, CR, VT, FF, NEL, and the Unicode line and
/// paragraph separators (the mandatory breaks of UAX #14). A token after one
/// starts a line (and so a sentence), whatever other control characters or
/// spaces come with it.
#[inline]
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

impl<'a> Doc<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut tokens = tokenize(src);
        // a soft wrap is no line start: the line runs on (see `soft_wraps`)
        let soft = soft_wraps(src, &tokens);
        for (t, _) in tokens.iter_mut().zip(soft).filter(|x| x.1) {
            t.line_start = false;
            t.para_start = false;
        }
        let sentences = split_sentences(src, &tokens);
        let forms = Forms::new(src, &tokens);
        Doc {
            src,
            tokens,
            sentences,
            forms,
        }
    }

    /// Token `i` lower-cased (`str::to_lowercase`), from a table built once
    /// per document: no allocation, O(1).
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        self.form_text(self.form(i))
    }

    /// The text of form number `f` (see [`Doc::form`]): the lower-cased text
    /// of the tokens with that number.
    #[inline]
    pub fn form_text(&self, f: u32) -> &str {
        let at = &self.forms.at;
        let f = f as usize;
        match (at.get(f), at.get(f + 1)) {
            (Some(&s), Some(&e)) => self.forms.text.get(s as usize..e as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// The number of token `i`'s lower-cased form: two tokens have the same
    /// number exactly when their [`Doc::lower`] are equal. Numbers are dense,
    /// `0..Doc::form_count()`, in order of first appearance.
    #[inline]
    pub fn form(&self, i: usize) -> u32 {
        self.forms.id[i]
    }

    /// [`hash_bytes`] of [`Doc::form_text`]`(f)` (0 for no form).
    #[inline]
    pub fn form_hash(&self, f: u32) -> u64 {
        self.forms.hash.get(f as usize).copied().unwrap_or(0)
    }

    /// How many distinct lower-cased forms the document has.
    pub fn form_count(&self) -> usize {
        self.forms.at.len().saturating_sub(1)
    }

    /// The distinct lower-cased forms, one after another: token `i`'s
    /// [`Doc::lower`] is `lower_text()[lower_range(i)]`.
    pub fn lower_text(&self) -> &str {
        &self.forms.text
    }

    /// Where token `i`'s [`Doc::lower`] stands in [`Doc::lower_text`]
    /// (empty past the last token).
    #[inline]
    pub fn lower_range(&self, i: usize) -> std::ops::Range<usize> {
        let at = &self.forms.at;
        let f = self.forms.id.get(i).map_or(usize::MAX, |&f| f as usize);
        match (at.get(f), at.get(f.wrapping_add(1))) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        }
    }

    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].span.slice(self.src)
    }

    /// Index of the sentence containing token `i` (binary search).
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences
            .partition_point(|s| s.last <= i)
            .min(self.sentences.len().saturating_sub(1))
    }
}

/// The character at byte `p` (a character boundary), `'\0'` at or past the end.
#[inline]
fn char_at(src: &str, p: usize) -> char {
    if p < src.len() {
        let b = src.as_bytes()[p];
        if b < 0x80 {
            return b as char;
        }
        src[p..].chars().next().unwrap_or('\0')
    } else {
        '\0'
    }
}

/// The byte after the character at `p` (`p` itself at or past the end).
#[inline]
fn next_at(src: &str, p: usize) -> usize {
    if p < src.len() {
        p + char_at(src, p).len_utf8()
    } else {
        p
    }
}

/// The end of the run of ASCII letters and digits that starts at `i`, eight
/// bytes a step (the bulk of tokenizing: a byte-at-a-time loop cost ten
/// instructions a byte). Each byte lane is tested with carry-free additions:
/// for a lane `v < 0x80`, the top bit of `v + (0x80 - k)` says `v >= k`.
fn ascii_alnum_end(bytes: &[u8], mut i: usize) -> usize {
    let at_least = |v: u64, k: u8| v.wrapping_add(splat(0x80 - k)) & HIGH;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let folded = w | splat(0x20); // 'A'..='Z' onto 'a'..='z'
        let digit = at_least(w, b'0') & !at_least(w, b'9' + 1);
        let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
        // a non-ASCII lane is a stop itself; the carries its addition may
        // spill only reach later lanes, so the first stop is still exact
        let stops = (!(digit | letter) | w) & HIGH;
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// The tokens of `s` lower-cased as the attribution tables key them
/// ("\u{2019}" read as "'": "Merkel\u{2019}s" -> "merkel", "'s"): how
/// build.rs writes those tables, and how their test reads the data files.
pub fn lookup_tokens(s: &str) -> Vec<String> {
    tokenize(s)
        .iter()
        .map(|t| {
            let w = t.span.slice(s);
            if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                w.to_lowercase().replace('\u{2019}', "'")
            }
        })
        .collect()
}

/// One pass over the characters, with no per-character table: positions are
/// byte offsets and look-ahead decodes at most two characters.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn tokenize(src: &str) -> Vec<Token> {
    let n = src.len();
    let bytes = src.as_bytes();
    let at = |p: usize| char_at(src, p);
    let next = |p: usize| next_at(src, p);
    // a token every 4 bytes: news text has one every ~5, so the vector
    // rarely grows (a doubling copies it and leaves a third of it unused)
    let mut out = Vec::with_capacity(src.len() / 4 + 1);
    let mut i = 0;
    let mut newlines = 2; // the start of the text counts as a paragraph start
    while i < n {
        let b = bytes[i];
        if b == b' ' {
            i += 1;
            continue;
        }
        // Most tokens are ASCII letters and digits ending at a character
        // that joins nothing, or one ASCII punctuation mark: made here
        // without decoding a character (the rules below give the same
        // token). Any other goes on to the rules, from its start again.
        if b.is_ascii_alphanumeric() {
            let end = ascii_alnum_end(bytes, i + 1);
            let joins = match bytes.get(end) {
                None => false,
                Some(&d) if b.is_ascii_alphabetic() => {
                    d >= 0x80 || matches!(d, b'-' | b'&' | b'\'' | b'.')
                }
                Some(&d) => d >= 0x80 || matches!(d, b',' | b'.' | b':' | b'/' | b'-'),
            };
            if !joins {
                let kind = if b.is_ascii_alphabetic() {
                    TokenKind::Word
                } else {
                    TokenKind::Number
                };
                out.push(Token {
                    span: ByteSpan::new(i, end),
                    kind,
                    line_start: newlines > 0,
                    para_start: newlines > 0,
                });
                newlines = 0;
                i = end;
                continue;
            }
        } else if b > b' ' && b < 0x7f && b != b'\'' {
            let mut end = i + 1;
            if b == b'.' || b == b'-' {
                while bytes.get(end) == Some(&b) {
                    end += 1;
                }
            }
            out.push(Token {
                span: ByteSpan::new(i, end),
                kind: TokenKind::Punct,
                line_start: newlines > 0,
                para_start: newlines > 0,
            });
            newlines = 0;
            i = end;
            continue;
        }
        let c = at(i);
        // (an ASCII character is white space or a control exactly when it is
        // at most a space or DEL)
        let blank = if b < 0x80 {
            b <= b' ' || b == 0x7f
        } else {
            c.is_whitespace() || c.is_control()
        };
        if blank {
            if is_line_break(c) {
                newlines += 1;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind;
        if is_alpha(c) {
            kind = TokenKind::Word;
            i += c.len_utf8();
            loop {
                // ASCII letters and digits, the bulk of a word: one byte test each
                i = ascii_alnum_end(bytes, i);
                // most words end at an ASCII character that joins nothing (a
                // space, a comma): only a hyphen, an ampersand, an apostrophe,
                // a period or a non-ASCII character needs the rules below
                match bytes.get(i) {
                    None => break,
                    Some(&d) if d < 0x80 && !matches!(d, b'-' | b'&' | b'\'' | b'.') => break,
                    _ => {}
                }
                let d = at(i);
                // `next(i)` without decoding `d` again
                let i1 = if i < n { i + d.len_utf8() } else { i };
                if is_word_char(d) {
                    i = i1;
                } else if (is_hyphen(d) || d == '&') && is_word_char(at(i1)) {
                    i = next(i1);
                } else if is_apostrophe(d) && is_alpha(at(i1)) {
                    // "O'Brien", "don't" stay whole, but the possessive "'s" is split.
                    let s_clitic = matches!(at(i1), 's' | 'S') && !is_word_char(at(next(i1)));
                    if s_clitic {
                        break;
                    }
                    i = next(i1);
                } else if d == '.' && is_alpha(at(i1)) && at(next(i1)) == '.' && i == next(start) {
                    // "U.S.", "U.N.", "e.g." : single letters joined by periods
                    i = next(i1);
                } else {
                    break;
                }
            }
            if bytes.get(i) == Some(&b'.') {
                let word = &src[start..i];
                let dotted = word.contains('.');
                let single_cap = next(start) == i && crate::chars::is_uppercase(c);
                if dotted || single_cap || is_abbreviation(word) {
                    i += 1;
                }
            }
        } else if crate::chars::is_numeric(c) {
            kind = TokenKind::Number;
            i += c.len_utf8();
            loop {
                i = ascii_alnum_end(bytes, i);
                // (as for words: most numbers end at a space or a letter-less
                // ASCII character that joins no digits)
                match bytes.get(i) {
                    None => break,
                    Some(&d) if d < 0x80 && !matches!(d, b',' | b'.' | b':' | b'/' | b'-') => break,
                    _ => {}
                }
                let d = at(i);
                if is_alnum(d) {
                    i = next(i);
                } else if matches!(d, ',' | '.' | ':' | '/' | '-') && at(i + 1).is_ascii_digit() {
                    i += 2;
                } else {
                    break;
                }
            }
        } else if is_apostrophe(c)
            && matches!(at(next(i)), 's' | 'S')
            && !is_word_char(at(next(next(i))))
            && src[..i].chars().next_back().map_or(false, is_word_char)
        {
            kind = TokenKind::Word;
            i = next(next(i));
        } else {
            kind = TokenKind::Punct;
            i += c.len_utf8();
            if b == b'.' || b == b'-' {
                while bytes.get(i) == Some(&b) {
                    i += 1;
                }
            }
        }
        out.push(Token {
            span: ByteSpan::new(start, i.min(n)),
            kind,
            line_start: newlines > 0,
            para_start: newlines > 0,
        });
        newlines = 0;
    }
    // The capacity is a guess (a token every 4 bytes; news text has one every ~5): give back
    // what is unused (in place) before the per-token tables are allocated after it.
    out.shrink_to_fit();
    out
}

fn is_closing(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "\u{201d}" | "\u{2019}" | ")" | "]" | "\u{bb}"
    )
}

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "..." | "\u{2026}") || t.starts_with("..")
}

fn opens_sentence(t: &str) -> bool {
    t.chars().next().map_or(false, |c| {
        crate::chars::is_uppercase(c)
            || crate::chars::is_numeric(c)
            || matches!(
                c,
                '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '[' | '\u{ab}'
            )
    })
}

/// Sentences end at terminal punctuation followed by a capitalised word (or a
/// quote, digit), and at every line break: news text puts one paragraph a line.
/// Is the period at token `i` inside an initialism the tokenizer split, as
/// in "(D-N.Y.)": "D-N" or "N" before it, a letter and a period ("Y.") after,
/// and no sentence opening after that?
fn inside_initialism(src: &str, tokens: &[Token], i: usize) -> bool {
    let (Some(prev), Some(next)) = (i.checked_sub(1).map(|p| tokens[p]), tokens.get(i + 1)) else {
        return false;
    };
    if prev.span.end != tokens[i].span.start || tokens[i].span.end != next.span.start {
        return false;
    }
    let p = prev.span.slice(src).as_bytes();
    let n = next.span.slice(src).as_bytes();
    let letter_end = match p {
        [c] => c.is_ascii_uppercase(),
        [.., b'-', c] => c.is_ascii_uppercase(),
        _ => false,
    };
    letter_end
        && n.len() == 2
        && n[0].is_ascii_uppercase()
        && n[1] == b'.'
        && tokens.get(i + 2).map_or(false, |t| {
            !t.line_start && !opens_sentence(t.span.slice(src))
        })
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn split_sentences(src: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    if tokens.is_empty() {
        return out;
    }
    let mut first = 0;
    let mut paragraph = 0;
    let mut i = 0;
    let n = tokens.len();
    while i < n {
        // (most tokens end no sentence: no punctuation mark, and no line
        // starting after them)
        while i + 1 < n && tokens[i].kind != TokenKind::Punct && !tokens[i + 1].line_start {
            i += 1;
        }
        let mut end_here = false;
        // (a terminal mark is a punctuation token: the kind settles most
        // tokens before their text is sliced)
        if tokens[i].kind == TokenKind::Punct && is_terminal(tokens[i].span.slice(src)) {
            let mut j = i + 1;
            while j < tokens.len() && !tokens[j].line_start && is_closing(tokens[j].span.slice(src))
            {
                j += 1;
            }
            if j >= tokens.len()
                || tokens[j].line_start
                || opens_sentence(tokens[j].span.slice(src))
                    && !(j == i + 1 && inside_initialism(src, tokens, i))
            {
                i = j - 1;
                end_here = true;
            }
        }
        if !end_here && (i + 1 == tokens.len() || tokens[i + 1].line_start) {
            end_here = true;
        }
        if end_here {
            let last = i + 1;
            out.push(Sentence {
                span: ByteSpan::new(tokens[first].span.start, tokens[i].span.end),
                first,
                last,
                paragraph,
            });
            if last < tokens.len() && tokens[last].line_start {
                paragraph += 1;
            }
            first = last;
        }
        i += 1;
    }
    out
}

/// One flag per token: is the line break before it a soft wrap, inside a
/// sentence ([`Doc::new`] clears `line_start` there)? Hard-wrapped text
/// (plain-text newswire, e-mail, press releases) breaks its lines at a fixed
/// width, so there a line break says nothing: "the mayor of New\nYork said". The rule, decided per block of lines
/// between blank lines (so a block decides alike whatever it is joined to):
/// - only one LF, CR or CR LF directly followed by the next line's first
///   token can be soft; a blank line, an indented line (space or control
///   character after the break), VT, FF, NEL, U+2028 and U+2029 are hard;
/// - the block must look wrapped: its typical line (the 80th percentile of
///   its line lengths, in bytes) is at least [`WRAP_MIN_WIDTH`] long, and at
///   least a quarter of its candidate breaks fall before a lower-case word;
/// - then a candidate is soft when the line before it is at least half the
///   typical length (a short line is a headline, a dateline, a byline or a
///   paragraph's end) or the next line starts in lower case.
///
/// Linear in the tokens.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn soft_wraps(src: &str, tokens: &[Token]) -> Vec<bool> {
    let n = tokens.len();
    let mut soft = vec![false; n];
    // the block's lines: (first token, length in bytes, the break before
    // it is a candidate)
    let mut lines: Vec<(usize, usize, bool)> = Vec::new();
    let mut lens: Vec<usize> = Vec::new();
    let mut first = 0;
    let mut candidate = false;
    // (each line start, then the end)
    let ends = tokens
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, t)| t.line_start);
    for i in ends.map(|(i, _)| i).chain(std::iter::once(n)) {
        if n == 0 {
            break;
        }
        let len = tokens[i - 1]
            .span
            .end
            .saturating_sub(tokens[first].span.start);
        lines.push((first, len, candidate));
        // (line breaks, LF / CR only, nothing after the last one)
        let (mut breaks, mut plain, mut bare, mut prev_cr) = (0, true, true, false);
        if i < n {
            let gap = src
                .get(tokens[i - 1].span.end..tokens[i].span.start)
                .unwrap_or("");
            for c in gap.chars() {
                if is_line_break(c) {
                    breaks += usize::from(!(prev_cr && c == '\n'));
                    plain &= c == '\n' || c == '\r';
                    bare = true;
                } else {
                    bare = false;
                }
                prev_cr = c == '\r';
            }
        }
        if i == n || breaks > 1 || !plain {
            let lower = |k: usize| {
                src.get(tokens[k].span.start..)
                    .and_then(|s| s.chars().next())
                    .map_or(false, char::is_lowercase)
            };
            let cands = lines.iter().skip(1).filter(|l| l.2).count();
            let lowers = lines.iter().skip(1).filter(|l| l.2 && lower(l.0)).count();
            if lowers > 0 && lowers * 4 >= cands {
                lens.clear();
                lens.extend(lines.iter().map(|l| l.1));
                let k = (lens.len() * 4 / 5).min(lens.len() - 1);
                let width = *lens.select_nth_unstable(k).1;
                if width >= WRAP_MIN_WIDTH {
                    for w in lines.windows(2) {
                        if w[1].2 && (w[0].1 * 2 >= width || lower(w[1].0)) {
                            soft[w[1].0] = true;
                        }
                    }
                }
            }
            lines.clear();
        }
        candidate = breaks == 1 && bare;
        first = i;
    }
    soft
}

/// The narrowest typical line of hard-wrapped text, in bytes (see
/// [`soft_wraps`]): narrower lines are a list, a poem, a table.
pub const WRAP_MIN_WIDTH: usize = 30;

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_agree_with_a_byte_loop() {
        fn reference(mut h: u64, bytes: &[u8]) -> u64 {
            const K: u64 = 0x517c_c1b7_2722_0a95;
            let mut chunks = bytes.chunks_exact(8);
            for c in &mut chunks {
                let v = u64::from_le_bytes(c.try_into().unwrap());
                h = (h.rotate_left(5) ^ v).wrapping_mul(K);
            }
            let mut tail = 0u64;
            for (i, &b) in chunks.remainder().iter().enumerate() {
                tail |= (b as u64) << (8 * i);
            }
            (h.rotate_left(5) ^ tail ^ (bytes.len() as u64) << 56).wrapping_mul(K)
        }
        let bytes: Vec<u8> = (0..40u32).map(|i| (i * 37 + 11) as u8 | 0x40).collect();
        for a in 0..bytes.len() {
            for b in a..=bytes.len() {
                let w = &bytes[a..b];
                assert_eq!(mix_bytes(7, w), reference(7, w), "{w:?}");
                let lower = w.to_ascii_lowercase();
                let ascii = w.iter().all(u8::is_ascii);
                assert_eq!(
                    hash_ascii_lower(w),
                    ascii.then(|| finish_hash(reference(0, &lower))),
                    "{w:?}"
                );
            }
        }
    }

    #[test]
    fn ascii_alnum_end_agrees_with_a_byte_loop() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let alphabet = b"aZz09AM_-@[`{/: \x7f\x80\xc3\xa9\xff";
        for len in 0..40 {
            for _ in 0..200 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        if seed % 3 == 0 {
                            alphabet[(seed >> 8) as usize % alphabet.len()]
                        } else {
                            b"abcXYZ019"[(seed >> 8) as usize % 9]
                        }
                    })
                    .collect();
                for start in 0..=len {
                    let mut naive = start;
                    while naive < len && bytes[naive].is_ascii_alphanumeric() {
                        naive += 1;
                    }
                    assert_eq!(
                        ascii_alnum_end(&bytes, start),
                        naive,
                        "{bytes:?} from {start}"
                    );
                }
            }
        }
    }

    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.span.slice(s)).collect()
    }

    /// The first tokenizer (a table of every character), kept as the
    /// reference the byte-offset tokenizer must agree with.
    fn reference_tokenize(src: &str) -> Vec<Token> {
        let chars: Vec<(usize, char)> = src.char_indices().collect();
        let n = chars.len();
        let at = |i: usize| -> char {
            if i < n {
                chars[i].1
            } else {
                '\0'
            }
        };
        let byte = |i: usize| -> usize {
            if i < n {
                chars[i].0
            } else {
                src.len()
            }
        };
        let mut out = Vec::with_capacity(src.len() / 5 + 1);
        let mut i = 0;
        let mut newlines = 2; // the start of the text counts as a paragraph start
        while i < n {
            let c = chars[i].1;
            if c.is_whitespace() || c == '\0' || c.is_control() {
                if is_line_break(c) {
                    newlines += 1;
                }
                i += 1;
                continue;
            }
            let start = i;
            let kind;
            if c.is_alphabetic() {
                kind = TokenKind::Word;
                i += 1;
                loop {
                    let d = at(i);
                    if is_word_char(d) {
                        i += 1;
                    } else if (is_hyphen(d) || d == '&') && is_word_char(at(i + 1)) {
                        i += 2;
                    } else if is_apostrophe(d) && at(i + 1).is_alphabetic() {
                        // "O'Brien", "don't" stay whole, but the possessive "'s" is split.
                        let s_clitic = matches!(at(i + 1), 's' | 'S') && !is_word_char(at(i + 2));
                        if s_clitic {
                            break;
                        }
                        i += 2;
                    } else if d == '.'
                        && at(i + 1).is_alphabetic()
                        && at(i + 2) == '.'
                        && i - start == 1
                    {
                        // "U.S.", "U.N.", "e.g." : single letters joined by periods
                        i += 2;
                    } else {
                        break;
                    }
                }
                if at(i) == '.' {
                    let word = &src[byte(start)..byte(i)];
                    let dotted = word.contains('.');
                    let single_cap =
                        word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
                    if dotted || single_cap || is_abbreviation(word) {
                        i += 1;
                    }
                }
            } else if c.is_ascii_digit() || c.is_numeric() {
                kind = TokenKind::Number;
                i += 1;
                loop {
                    let d = at(i);
                    if d.is_alphanumeric() {
                        i += 1;
                    } else if matches!(d, ',' | '.' | ':' | '/' | '-') && at(i + 1).is_ascii_digit()
                    {
                        i += 2;
                    } else {
                        break;
                    }
                }
            } else if is_apostrophe(c)
                && matches!(at(i + 1), 's' | 'S')
                && !is_word_char(at(i + 2))
                && i > 0
                && is_word_char(chars[i - 1].1)
            {
                kind = TokenKind::Word;
                i += 2;
            } else {
                kind = TokenKind::Punct;
                i += 1;
                if c == '.' || c == '-' {
                    while at(i) == c {
                        i += 1;
                    }
                }
            }
            out.push(Token {
                span: ByteSpan::new(byte(start), byte(i)),
                kind,
                line_start: newlines > 0,
                para_start: newlines > 0,
            });
            newlines = 0;
        }
        out
    }

    #[test]
    fn general_punctuation_fast_path_agrees_with_unicode() {
        for c in ('\0'..='\u{7F}').chain('\u{2000}'..='\u{206F}') {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || is_mark(c), "{c:?}");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn agrees_with_the_reference_tokenizer() {
        let mut cases: Vec<String> = [
            "Rouhani's office met al-Abadi in the U.S. on 1996-08-30 with 2,500 troops.",
            "\u{201c}Iran\u{2019}s role,\u{201d} he said. O'Brien didn't. Mr. Smith and Dr. J. Doe",
            "Müller met مسعود پزشکیان; Mu\u{308}ller ... -- ---- a.b.c. e.g. i.e. U.N.-led 3.5% 1990s 14th",
            "'s 's x's X'S \u{2019}s \u{2019}S a&b AT&T a- -b 7/11 10:30 3,  4.x 5.",
            "😀 emoji 👩‍👩‍👧 🇮🇷 \r\n\u{2029}\0 tab\there ½ ² ٣ 三 x\u{2019}",
            "",
            "a",
            ".",
            "A.",
            "U.S",
            "co-op's",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // every suffix of a mixed string, so each construct meets the end of the text
        let mixed =
            "He said: \u{201c}O'Neil's U.S.-born co-founder, 2,500.5 Mr. X\u{2019}s!\u{201d}";
        cases.extend(mixed.char_indices().map(|(b, _)| mixed[b..].to_string()));
        cases.extend(mixed.char_indices().map(|(b, _)| mixed[..b].to_string()));
        // and the Wikinews corpus, where the shared data is there
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/wikinews");
        if let Ok(rd) = std::fs::read_dir(corpus) {
            cases.extend(rd.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()));
        }
        for s in &cases {
            assert_eq!(tokenize(s), reference_tokenize(s), "{s:?}");
        }
    }

    #[test]
    fn splits_possessive_keeps_names_and_numbers_whole() {
        assert_eq!(
            toks("Rouhani's office met al-Abadi in the U.S. on 1996-08-30 with 2,500 troops."),
            vec![
                "Rouhani",
                "'s",
                "office",
                "met",
                "al-Abadi",
                "in",
                "the",
                "U.S.",
                "on",
                "1996-08-30",
                "with",
                "2,500",
                "troops",
                "."
            ]
        );
    }

    #[test]
    fn curly_quotes_and_apostrophes() {
        assert_eq!(
            toks("\u{201c}Iran\u{2019}s role,\u{201d} he said."),
            vec![
                "\u{201c}",
                "Iran",
                "\u{2019}s",
                "role",
                ",",
                "\u{201d}",
                "he",
                "said",
                "."
            ]
        );
        assert_eq!(toks("O'Brien didn't"), vec!["O'Brien", "didn't"]);
    }

    #[test]
    fn a_split_initialism_ends_no_sentence() {
        let s = "Rep. Jane Doe (D-N.Y.) said the plan was fair. Then she left.";
        let d = Doc::new(s);
        assert_eq!(d.sentences.len(), 2, "{:?}", d.sentences);
        let s = "He met Sen. John Roe, R-S.C. He left.";
        assert_eq!(Doc::new(s).sentences.len(), 2);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            toks("Mr. Smith and Dr. J. Doe"),
            vec!["Mr.", "Smith", "and", "Dr.", "J.", "Doe"]
        );
    }

    #[test]
    fn diacritics_and_scripts_stay_whole() {
        assert_eq!(
            toks("Müller met مسعود پزشکیان"),
            vec!["Müller", "met", "مسعود", "پزشکیان"]
        );
        assert_eq!(toks("Mu\u{308}ller"), vec!["Mu\u{308}ller"]);
    }

    #[test]
    fn sentences_split_on_terminals_and_lines() {
        let s = "Mr. Smith went to Washington. He said \"yes.\" Then he left\nA new line";
        let d = Doc::new(s);
        let sents: Vec<&str> = d.sentences.iter().map(|x| x.span.slice(s)).collect();
        assert_eq!(
            sents,
            vec![
                "Mr. Smith went to Washington.",
                "He said \"yes.\"",
                "Then he left",
                "A new line"
            ]
        );
        assert_eq!(d.sentences[3].paragraph, 1);
    }

    #[test]
    fn lower_cased_forms_and_their_numbers() {
        let d = Doc::new("Iran said IRAN and iran; \u{3a3}\u{39f}\u{3a3} met M\u{fc}LLER.");
        let lower: Vec<&str> = (0..d.tokens.len()).map(|i| d.lower(i)).collect();
        assert_eq!(
            lower,
            vec![
                "iran",
                "said",
                "iran",
                "and",
                "iran",
                ";",
                "\u{3c3}\u{3bf}\u{3c2}",
                "met",
                "m\u{fc}ller",
                "."
            ]
        );
        for i in 0..d.tokens.len() {
            assert_eq!(d.form_hash(d.form(i)), hash_bytes(d.lower(i).as_bytes()));
        }
        assert_eq!(d.form(0), 0);
        assert_eq!(d.form(2), 0);
        assert_eq!(d.form(4), 0);
        assert_eq!(d.form(1), 1);
        assert_eq!(d.form_count(), 8);
        assert_eq!(Doc::new("").form_count(), 0);
    }

    #[test]
    fn lowers_to_itself_is_to_lowercase() {
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let same = c.to_lowercase().eq(std::iter::once(c));
            // exact for the characters that are not upper case; an upper-case
            // one is left to `to_lowercase` (even "\u{3d2}", its own lower case)
            if c.is_uppercase() {
                assert!(!lowers_to_itself(c), "{u:#x}");
            } else {
                assert_eq!(lowers_to_itself(c), same, "{u:#x}");
            }
        }
    }

    #[test]
    fn one_lane_hash_is_hash_bytes() {
        let word = b"AbcdefghI";
        for len in 0..=8 {
            let w = &word[..len];
            let lower = w.to_ascii_lowercase();
            let lane = ascii_lower_lanes(short_lane(word, 0, len));
            assert_eq!(lane, pad_lane(&lower), "{len}");
            assert_eq!(hash_short_lane(lane, len), hash_bytes(&lower), "{len}");
            // at the end of the text: no eight bytes to load
            assert_eq!(short_lane(w, 0, len), pad_lane(w), "{len}");
        }
    }

    #[test]
    fn form_table_fast_paths_agree_with_to_lowercase() {
        // ASCII words of every length around the eight-byte steps, curly
        // apostrophes and quotes (lower-cased as ASCII), letters whose
        // lower-case changes length or is ASCII (the Kelvin sign), final sigma
        let mut s = String::new();
        for w in [
            "a",
            "A",
            "ab",
            "AbCdEfG",
            "ABCDEFGH",
            "abcdefgh",
            "AbCdEfGhI",
            "abcdefghi",
            "ABCDEFGHIJKLMNOPQ",
            "abcdefghijklmnopq",
            "Iran\u{2019}s",
            "IRAN\u{2019}S",
            "iran\u{2019}s",
            "\u{201c}",
            "\u{2014}",
            "\u{212a}ELVIN",
            "kelvin",
            "\u{212a}",
            "K",
            "k",
            "\u{130}stanbul",
            "i\u{307}stanbul",
            "\u{3a3}\u{39f}\u{3a3}",
            "\u{3c3}\u{3bf}\u{3c2}",
            "M\u{dc}LLER",
            "m\u{fc}ller",
            "x@[`{",
            "X@[`{",
            "\u{1f600}",
            "a\u{2019}b",
            "A\u{2019}B",
        ] {
            s.push_str(w);
            s.push(' ');
        }
        let s2 = s.repeat(2);
        for text in [s.as_str(), s2.as_str(), "Z", "zZ"] {
            let d = Doc::new(text);
            let n = d.tokens.len();
            for i in 0..n {
                assert_eq!(d.lower(i), d.tok(i).to_lowercase(), "{:?}", d.tok(i));
                for j in 0..n {
                    assert_eq!(
                        d.form(i) == d.form(j),
                        d.lower(i) == d.lower(j),
                        "{:?} {:?}",
                        d.tok(i),
                        d.tok(j)
                    );
                }
            }
        }
    }

    #[test]
    fn crlf_nul_and_empty_do_not_break() {
        assert!(tokenize("").is_empty());
        assert_eq!(toks("a\r\nb\0c"), vec!["a", "b", "c"]);
        let d = Doc::new("\r\n\r\n");
        assert!(d.sentences.is_empty());
    }
}
