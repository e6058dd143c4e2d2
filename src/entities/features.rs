//! Feature extraction for the learned name tagger, shared by inference
//! ([`super::tagger`]) and the training tool (`src/bin/train-ner.rs`), so the
//! two can never disagree.
//!
//! Every feature is a string hashed (FNV-1a, 64 bit, the same on wasm32 and
//! native) into [`BUCKETS`] buckets; nothing allocates per feature.

use super::lexicon::{self, Class};
use super::segment;
use crate::doc::{Doc, TokenKind};
use std::collections::HashMap;

/// log2 of the number of feature buckets.
pub const BITS: u32 = 21;
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

/// Incremental FNV-1a over a template id and byte strings.
#[derive(Clone, Copy)]
struct H(u64);
impl H {
    #[inline]
    fn new(template: u8) -> H {
        let mut h = H(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
    #[inline]
    fn s(mut self, s: &str) -> H {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }
    #[inline]
    fn n(mut self, v: u32) -> H {
        for b in v.to_le_bytes() {
            self.byte(b);
        }
        self
    }
    #[inline]
    fn done(self) -> u32 {
        // final avalanche (splitmix64) so the low bits are well mixed
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> (64 - BITS)) as u32
    }
}

/// Word shape: "Xxxx" for "Iran", "XX" for "UN", "X.X." for "U.S.", "dd" for
/// digits; runs of the same class collapsed (short form).
pub fn shape(w: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
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
    matches!(t, "\"" | "`" | "``" | "'" | "''" | "\u{201c}" | "\u{201d}" | "\u{2018}" | "\u{2019}" | "\u{ab}" | "\u{bb}")
}

/// Per-token facts computed once per document.
pub struct TokInfo<'a> {
    pub text: &'a str,
    pub lower: String,
    pub shape: String,
    pub cap: bool,
    pub all_caps: bool,
    pub sent_start: bool,
    /// The line this token is on is (nearly) all upper case: a headline.
    pub caps_line: bool,
    pub classes: u32,
    /// Position in a multi-word lexicon match: (class, begin?)
    pub phrase: Option<(Class, bool)>,
    pub kind: TokenKind,
    /// May this token continue a name (an I- tag)? Capitalised words,
    /// numbers, name particles ("al", "bin", "de", "of") and joiners.
    pub can_continue: bool,
}

/// Lower-case words found inside names: "Bank of England", "Daniel arap Moi",
/// "Osama bin Laden", "Ludwig van Beethoven".
const PARTICLES: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "at", "de", "del", "della", "der", "den", "des", "di", "da", "do", "dos",
    "das", "du", "la", "le", "les", "van", "von", "ter", "bin", "ibn", "al", "el", "arap", "y", "e", "zu", "af", "ul",
    "ben", "bint", "abu", "mac", "st.", "'s", "&", "-", ".", "'", "/", "upon", "to", "a",
];

fn continues(text: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Number => true,
        TokenKind::Word => {
            let first = text.chars().next().unwrap_or(' ');
            !first.is_lowercase() || PARTICLES.contains(&text) || text.contains('-') && text.split('-').any(|p| p.chars().next().map_or(false, char::is_uppercase))
        }
        TokenKind::Punct => PARTICLES.contains(&text),
    }
}

/// Document-level evidence about each lower-cased word form.
#[derive(Default, Clone, Copy)]
pub struct FormStats {
    /// Seen capitalised away from a sentence start, outside a headline.
    pub cap_mid: u16,
    /// Seen in lower case (outside a headline).
    pub lower: u16,
}

pub struct DocCtx<'a> {
    pub toks: Vec<TokInfo<'a>>,
    pub stats: HashMap<String, FormStats>,
}

impl<'a> DocCtx<'a> {
    pub fn new(doc: &Doc<'a>) -> DocCtx<'a> {
        let starts = segment::sentence_starts(doc);
        let caps_lines = segment::caps_lines(doc);
        let mut toks: Vec<TokInfo<'a>> = Vec::with_capacity(doc.tokens.len());
        for (i, t) in doc.tokens.iter().enumerate() {
            let text = doc.tok(i);
            let lower = if is_quote(text) { "\"".to_string() } else { text.to_lowercase() };
            let mut chars = text.chars();
            let first = chars.next().unwrap_or(' ');
            let cap = first.is_uppercase();
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            let all_caps = letters > 0 && !text.chars().any(|c| c.is_lowercase());
            toks.push(TokInfo {
                text,
                shape: shape(text),
                cap,
                all_caps,
                sent_start: starts[i],
                caps_line: caps_lines[i],
                classes: lexicon::word_classes(text),
                phrase: None,
                kind: t.kind,
                can_continue: continues(text, t.kind),
                lower,
            });
        }
        lexicon::mark_phrases(&mut toks);
        let mut stats: HashMap<String, FormStats> = HashMap::new();
        for t in &toks {
            if t.kind != TokenKind::Word || t.caps_line {
                continue;
            }
            if t.cap && !t.sent_start {
                stats.entry(t.lower.clone()).or_default().cap_mid += 1;
            } else if !t.cap {
                stats.entry(t.lower.clone()).or_default().lower += 1;
            }
        }
        DocCtx { toks, stats }
    }
}

/// The tags assigned so far to each word form in this document (the
/// "prediction history" of Ratinov & Roth 2009).
#[derive(Default)]
pub struct History {
    seen: HashMap<String, [u16; 5]>,
}

impl History {
    pub fn add(&mut self, form: &str, tag: u8) {
        let slot = match tag_type(tag) {
            Some(t) => t,
            None => 4,
        };
        let e = self.seen.entry(form.to_string()).or_insert([0; 5]);
        e[slot] = e[slot].saturating_add(1);
    }
    fn best(&self, form: &str) -> Option<usize> {
        let e = self.seen.get(form)?;
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

const TAGNAMES: [&str; NTAGS + 1] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC", "<S>"];

/// Pushes the feature buckets of token `i` given the two previous tags (9 =
/// none) into `out`.
pub fn features(ctx: &DocCtx, i: usize, p1: u8, p2: u8, hist: &History, out: &mut Vec<u32>) {
    out.clear();
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
    let lw = |k: isize| -> &str { get(k).map_or("<B>", |x| x.lower.as_str()) };
    let sh = |k: isize| -> &str { get(k).map_or("<B>", |x| x.shape.as_str()) };
    let p1n = TAGNAMES[p1 as usize];
    let p2n = TAGNAMES[p2 as usize];
    let w = t.lower.as_str();

    out.push(H::new(0).done());
    out.push(H::new(1).s(w).done());
    out.push(H::new(2).s(t.text).done());
    out.push(H::new(3).s(lw(-1)).done());
    out.push(H::new(4).s(lw(1)).done());
    out.push(H::new(5).s(lw(-2)).done());
    out.push(H::new(6).s(lw(2)).done());
    out.push(H::new(7).s(&t.shape).done());
    out.push(H::new(8).s(sh(-1)).done());
    out.push(H::new(9).s(sh(1)).done());
    out.push(H::new(10).s(sh(-1)).s(&t.shape).s(sh(1)).done());
    out.push(H::new(11).s(lw(-1)).s(w).done());
    out.push(H::new(12).s(w).s(lw(1)).done());
    // affixes
    let chars: Vec<(usize, char)> = w.char_indices().collect();
    let nc = chars.len();
    for k in 1..=4usize {
        if nc > k {
            out.push(H::new(20 + k as u8).s(&w[..chars[k].0]).done());
            out.push(H::new(30 + k as u8).s(&w[chars[nc - k].0..]).done());
        }
    }
    // case and position
    let flags = (t.sent_start as u32) | (t.cap as u32) << 1 | (t.all_caps as u32) << 2 | (t.caps_line as u32) << 3;
    out.push(H::new(40).n(flags).done());
    out.push(H::new(41).n(flags).s(w).done());
    let len = nc.min(8) as u32;
    out.push(H::new(42).n(len).s(&t.shape).done());
    // previous tags
    out.push(H::new(50).s(p1n).done());
    out.push(H::new(51).s(p2n).s(p1n).done());
    out.push(H::new(52).s(p1n).s(w).done());
    out.push(H::new(53).s(p1n).s(&t.shape).done());
    out.push(H::new(54).s(p1n).n(flags).done());
    // lexicons
    let mut c = t.classes;
    while c != 0 {
        let b = c.trailing_zeros();
        c &= c - 1;
        out.push(H::new(60).n(b).done());
        out.push(H::new(61).n(b).n(t.cap as u32).done());
    }
    if let Some((cl, begin)) = t.phrase {
        out.push(H::new(62).n(cl as u32).n(begin as u32).done());
    }
    for k in [-1isize, 1] {
        if let Some(x) = get(k) {
            let mut c = x.classes;
            while c != 0 {
                let b = c.trailing_zeros();
                c &= c - 1;
                out.push(H::new(63).n(k as u32).n(b).done());
            }
            if let Some((cl, begin)) = x.phrase {
                out.push(H::new(64).n(k as u32).n(cl as u32).n(begin as u32).done());
            }
        }
    }
    // document-level evidence
    if t.kind == TokenKind::Word && t.cap {
        let st = ctx.stats.get(w).copied().unwrap_or_default();
        let f = (st.cap_mid > 0) as u32 | ((st.lower > 0) as u32) << 1;
        out.push(H::new(70).n(f).n(t.sent_start as u32 | (t.caps_line as u32) << 1).done());
        if let Some(b) = hist.best(w) {
            out.push(H::new(71).n(b as u32).done());
            out.push(H::new(72).n(b as u32).n(t.sent_start as u32 | (t.caps_line as u32) << 1).done());
        }
    }
    if let Some(x) = get(1) {
        if x.kind == TokenKind::Word && x.cap {
            if let Some(b) = hist.best(&x.lower) {
                out.push(H::new(73).n(b as u32).done());
            }
        }
    }
}
