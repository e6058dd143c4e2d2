//! The learned name tagger: a greedy left-to-right BIO tagger with an
//! averaged perceptron over hashed features ([`super::features`]), trained
//! by `src/bin/train-ner.rs` on CoNLL++ train and compiled in from
//! `data/model/ner.bin`.
//!
//! Model file format (little endian):
//! `b"NER3"`, u32 feature bits, u32 entry count, f32 `max`, then the
//! entries' bucket ids as ascending deltas in LEB128, then per entry one
//! scale code `e` (u8), a u16 mask of the tags with a non-zero weight, and
//! those weights as i8: weight `q` of a row with code `e` stands for
//! `q * max * 2^(-e/4) / 127` (see [`row_scale`]).

use super::features::{self, begin_of, inside_of, is_begin, tag_type, DocCtx, History, NTAGS};
use super::lexicon::Class;
use crate::doc::TokenKind;
use std::sync::OnceLock;

static MODEL_BYTES: &[u8] = include_bytes!("../../data/model/ner.bin");

pub struct Model {
    /// the slot (row + 1) of each feature bucket that has weights
    index: Index,
    /// the weights, [`NTAGS`] a row, in bucket order, after one row of
    /// zeros (slot 0, no row)
    w: Rows,
    /// how many rows
    rows: usize,
}

/// A model's rows by slot. Natively a table of 2^16 slots: a slot is a u16,
/// so reading one needs no bounds check (the slots past the last row are
/// never written, so never resident: fresh zeroed memory); on wasm32, where
/// the memory is scarce, just the rows.
#[cfg(not(target_arch = "wasm32"))]
type Rows = Box<[[f32; NTAGS]; 1 << 16]>;
#[cfg(target_arch = "wasm32")]
type Rows = Vec<[f32; NTAGS]>;

/// The fewest slots [`Rows`] has.
#[cfg(not(target_arch = "wasm32"))]
const MIN_SLOTS: usize = 1 << 16;
#[cfg(target_arch = "wasm32")]
const MIN_SLOTS: usize = 1;

/// [`Rows`] from rows by slot, at least [`MIN_SLOTS`] of them.
fn rows_by_slot(slots: Vec<[f32; NTAGS]>) -> Option<Rows> {
    #[cfg(not(target_arch = "wasm32"))]
    return slots.into_boxed_slice().try_into().ok();
    #[cfg(target_arch = "wasm32")]
    return Some(slots);
}

/// Which row of weights a feature bucket has. Natively a flat table (one
/// load a feature; 2 MB is nothing there, and x86-64's baseline has no
/// popcount instruction); on wasm32, where the memory is scarce (it never
/// shrinks under Node) and popcount is one instruction, a bitmap of the
/// buckets with a row and a rank (160 KB). A test holds the two together.
#[cfg(not(target_arch = "wasm32"))]
type Index = FlatIndex;
#[cfg(target_arch = "wasm32")]
type Index = RankIndex;

/// The row + 1 of each feature bucket (0 for a bucket with no weights): one
/// load per feature, no probing; all zero to begin with, so the table costs
/// no writes (fresh zeroed memory).
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
struct FlatIndex {
    /// (a fixed-size table: indexing it by a masked bucket needs no check)
    rows: Box<[u16; features::BUCKETS as usize]>,
}

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
impl FlatIndex {
    /// The index of rows `0..buckets.len()` for `buckets` (ascending, each
    /// below [`features::BUCKETS`]).
    fn new(buckets: &[u32]) -> FlatIndex {
        let mut rows: Box<[u16; features::BUCKETS as usize]> =
            match vec![0u16; features::BUCKETS as usize]
                .into_boxed_slice()
                .try_into()
            {
                Ok(rows) => rows,
                Err(_) => unreachable!("a vector of BUCKETS entries"),
            };
        for (k, &b) in buckets.iter().enumerate() {
            if let Some(slot) = rows.get_mut(b as usize) {
                *slot = k as u16 + 1;
            }
        }
        FlatIndex { rows }
    }

    /// The slot (row + 1) of the features of bucket `f` (masked to a
    /// bucket); 0 for none.
    #[inline]
    fn slot(&self, f: u32) -> usize {
        self.rows[(f & (features::BUCKETS - 1)) as usize] as usize
    }

    /// The row of the features of bucket `f` (masked to a bucket), if any.
    #[cfg(test)]
    fn row(&self, f: u32) -> Option<usize> {
        self.slot(f).checked_sub(1)
    }
}

/// Per 64 buckets, a bitmap of those with a row and the row of the first of
/// them: a bucket's row is that plus the number of bits below its own.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
struct RankIndex {
    bits: Vec<u64>,
    base: Vec<u32>,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl RankIndex {
    /// As [`FlatIndex::new`].
    fn new(buckets: &[u32]) -> RankIndex {
        let blocks = (features::BUCKETS / 64) as usize;
        let mut bits = vec![0u64; blocks];
        for &b in buckets {
            if let Some(w) = bits.get_mut((b / 64) as usize) {
                *w |= 1 << (b % 64);
            }
        }
        let mut base = Vec::with_capacity(blocks);
        let mut rows = 0u32;
        for w in &bits {
            base.push(rows);
            rows += w.count_ones();
        }
        RankIndex { bits, base }
    }

    /// As [`FlatIndex::row`].
    #[inline]
    fn row(&self, f: u32) -> Option<usize> {
        let f = f & (features::BUCKETS - 1);
        let (block, bit) = ((f / 64) as usize, f % 64);
        let (&bits, &base) = (self.bits.get(block)?, self.base.get(block)?);
        if bits >> bit & 1 == 0 {
            return None;
        }
        let below = bits & ((1u64 << bit) - 1);
        Some(base as usize + below.count_ones() as usize)
    }

    /// As [`FlatIndex::slot`].
    #[inline]
    fn slot(&self, f: u32) -> usize {
        self.row(f).map_or(0, |r| r + 1)
    }
}

/// The most entries a model may have (rows + 1 are numbered in a u16).
pub const MAX_ENTRIES: usize = 65_000;

/// The step of a row with scale code `e`.
pub fn row_scale(e: u8, max: f32) -> f32 {
    max * (-(e as f32) / 4.0).exp2() / 127.0
}

/// Appends one row in the file's sparse form (see the module comment).
pub fn write_row(out: &mut Vec<u8>, e: u8, q: &[i8]) {
    out.push(e);
    let mut mask: u16 = 0;
    for (k, &x) in q.iter().enumerate() {
        if x != 0 {
            mask |= 1 << k;
        }
    }
    out.extend_from_slice(&mask.to_le_bytes());
    out.extend(q.iter().filter(|&&x| x != 0).map(|&x| x as u8));
}

/// The scale code and i8 weights of one row of weights.
pub fn quantize_row(row: &[f32], max: f32) -> (u8, Vec<i8>) {
    let m = row.iter().fold(0f32, |a, x| a.max(x.abs()));
    let mut e: u8 = 0;
    if m > 0.0 && max > 0.0 {
        let k = (-4.0 * (m / max).log2()).floor();
        e = k.clamp(0.0, 255.0) as u8;
    }
    let sc = row_scale(e, max);
    let q = row
        .iter()
        .map(|w| {
            if sc > 0.0 {
                (w / sc).round().clamp(-127.0, 127.0) as i8
            } else {
                0
            }
        })
        .collect();
    (e, q)
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl Model {
    /// Parses a model file; `None` if it is malformed.
    pub fn parse(b: &[u8]) -> Option<Model> {
        let (buckets, slots) = parse_rows(b, 1, MIN_SLOTS)?;
        Some(Model {
            index: Index::new(&buckets),
            w: rows_by_slot(slots)?,
            rows: buckets.len(),
        })
    }

    pub fn empty() -> Model {
        Model {
            index: Index::new(&[]),
            w: rows_by_slot(vec![[0.0; NTAGS]; MIN_SLOTS]).expect("MIN_SLOTS rows"),
            rows: 0,
        }
    }

    /// `s` plus the weights of feature bucket `f` (by value: the sums then
    /// stay in registers through a token's features; through a `&mut` they
    /// were loaded and stored back at every feature).
    #[inline]
    fn add(&self, f: u32, s: Scores) -> Scores {
        let slot = self.index.slot(f);
        if slot == 0 {
            return s;
        }
        let Some(w) = self.w.get(slot) else {
            return s;
        };
        let (lo, hi) = (s.lo, s.hi);
        Scores {
            lo: [lo[0] + w[0], lo[1] + w[1], lo[2] + w[2], lo[3] + w[3]],
            hi: [hi[0] + w[4], hi[1] + w[5], hi[2] + w[6], hi[3] + w[7]],
            last: s.last + w[8],
        }
    }

    pub fn len(&self) -> usize {
        self.rows
    }
}

/// The feature buckets of a model file's entries and their rows of weights,
/// in bucket order (a bucket listed twice keeps its first row), the rows
/// after `lead` rows of zeros and followed by more up to `min_len` in all;
/// `None` if the file is malformed (its buckets must ascend: the indexes
/// rank them).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn parse_rows(b: &[u8], lead: usize, min_len: usize) -> Option<(Vec<u32>, Vec<[f32; NTAGS]>)> {
    if b.get(0..4)? != b"NER3" {
        return None;
    }
    if read_u32(b, 4)? != features::BITS {
        return None;
    }
    let count = read_u32(b, 8)? as usize;
    if count > MAX_ENTRIES {
        return None;
    }
    let max = f32::from_bits(read_u32(b, 12)?);
    if !max.is_finite() {
        return None;
    }
    // every entry's bucket, repeats included (dropped at the end)
    let mut buckets: Vec<u32> = Vec::with_capacity(count);
    let mut pos = 16;
    let mut id: u32 = 0;
    for _ in 0..count {
        let mut shift = 0;
        let mut d: u32 = 0;
        loop {
            let byte = *b.get(pos)?;
            pos += 1;
            d |= ((byte & 0x7f) as u32).checked_shl(shift)?;
            if byte < 0x80 {
                break;
            }
            shift += 7;
        }
        id = id.checked_add(d)?;
        if id >= features::BUCKETS {
            return None;
        }
        buckets.push(id);
    }
    // the step of each scale code, computed once (not once a row)
    let mut steps = [0f32; 256];
    for (e, s) in steps.iter_mut().enumerate() {
        *s = row_scale(e as u8, max);
    }
    // All zero to begin with (fresh zeroed memory, no writes): only the
    // non-zero weights, a third of them, are written. The model is built on
    // the first call, which in a browser runs before V8 has optimized
    // anything, so this loop is kept short.
    let mut rows = vec![[0f32; NTAGS]; (lead + count).max(min_len)];
    let mut kept = lead;
    for k in 0..count {
        let (&e, &m0, &m1) = (b.get(pos)?, b.get(pos + 1)?, b.get(pos + 2)?);
        pos += 3;
        let sc = steps[e as usize];
        let mut mask = u16::from_le_bytes([m0, m1]) & ((1 << NTAGS) - 1);
        // a bucket listed twice keeps its first row
        if k > 0 && buckets.get(k - 1) == buckets.get(k) {
            pos += mask.count_ones() as usize;
            continue;
        }
        let Some(row) = rows.get_mut(kept) else {
            break;
        };
        kept += 1;
        while mask != 0 {
            let tag = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let q = *b.get(pos)? as i8;
            pos += 1;
            if let Some(v) = row.get_mut(tag) {
                *v = q as f32 * sc;
            }
        }
    }
    // (a repeat's weights past the end of the file)
    b.get(..pos)?;
    rows.truncate(kept.max(min_len));
    buckets.dedup();
    Some((buckets, rows))
}

/// The tag scores of one token, summed as its features come (the order
/// fixes the rounding): tags 0-3 and 4-7 four at a time (one vector addition
/// each where the target has them; each lane adds as alone, so the sums are
/// the same bits), tag 8 alone.
#[derive(Default, Clone, Copy)]
struct Scores {
    lo: [f32; 4],
    hi: [f32; 4],
    last: f32,
}

const _: () = assert!(NTAGS == 9, "Scores splits a row 4 + 4 + 1");

impl Scores {
    fn tags(&self) -> [f32; NTAGS] {
        let (lo, hi) = (self.lo, self.hi);
        [
            lo[0], lo[1], lo[2], lo[3], hi[0], hi[1], hi[2], hi[3], self.last,
        ]
    }
}

pub fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::parse(MODEL_BYTES).unwrap_or_else(Model::empty))
}

/// May `tag` follow `prev`? (I-X only continues B-X or I-X, never across a
/// sentence start, and only on a token that can be inside a name.)
pub fn allowed(prev: u8, tag: u8, sent_start: bool, can_continue: bool) -> bool {
    if tag == 0 || is_begin(tag) {
        return true;
    }
    can_continue && !sent_start && tag_type(prev).is_some() && tag_type(prev) == tag_type(tag)
}

/// Best allowed tag for a score vector at token `i`.
pub fn best_tag<T: PartialOrd + Copy>(scores: &[T; NTAGS], prev: u8, ctx: &DocCtx, i: usize) -> u8 {
    let t = &ctx.toks[i];
    let can_continue = ctx.own(t).map_or(false, |o| o.can_continue);
    let mut best = 0u8;
    for tag in 1..NTAGS as u8 {
        if allowed(prev, tag, t.sent_start, can_continue)
            && scores[tag as usize] > scores[best as usize]
        {
            best = tag;
        }
    }
    best
}

/// Trims particles and punctuation off the end of a span: "Bregman and"
/// (but not the "'s" of an organisation: "Moody's").
pub fn trim(ctx: &DocCtx, spans: &mut Vec<(usize, usize, usize)>) {
    for s in spans.iter_mut() {
        // nor begins with punctuation: ", Antonio Monteiro"
        while s.1 > s.0 + 1 && ctx.toks[s.0].kind == crate::doc::TokenKind::Punct {
            s.0 += 1;
        }
        while s.1 > s.0 + 1
            && !ctx.toks[s.1 - 1].cap
            && ctx.toks[s.1 - 1].kind != crate::doc::TokenKind::Number
            && !(s.2 == 1 && matches!(ctx.lower(&ctx.toks[s.1 - 1]), "'s" | "\u{2019}s"))
        {
            s.1 -= 1;
        }
    }
}

/// Records a decided tag in the document's prediction history.
pub fn remember(ctx: &DocCtx, i: usize, tag: u8, hist: &mut History) {
    let t = &ctx.toks[i];
    if t.cap {
        hist.add(t.form, tag);
    }
}

/// Greedy left-to-right decoding. For each token, `step` gets the token
/// index, its feature buckets and a chooser that turns scores into the best
/// allowed tag; it returns the tag to keep (the training tool updates its
/// weights there).
pub fn decode(
    ctx: &DocCtx,
    step: impl FnMut(usize, &[u32], &dyn Fn(&[f32; NTAGS]) -> u8) -> u8,
) -> Vec<u8> {
    decode_skipping(ctx, |_, _| false, step)
}

/// [`decode`], but a token for which `outside(i, previous tag)` holds is
/// tagged O without features or scores.
fn decode_skipping(
    ctx: &DocCtx,
    outside: impl Fn(usize, u8) -> bool,
    mut step: impl FnMut(usize, &[u32], &dyn Fn(&[f32; NTAGS]) -> u8) -> u8,
) -> Vec<u8> {
    let mut feats = Vec::with_capacity(64);
    decode_with(ctx, outside, |i, p1, p2, hist, prev| {
        features::features(ctx, i, p1, p2, hist, &mut feats);
        let choose = |scores: &[f32; NTAGS]| best_tag(scores, prev, ctx, i);
        step(i, &feats, &choose)
    })
}

/// The greedy left-to-right loop: `tag_of(i, p1, p2, history, prev)` tags
/// token `i` given the two previous tags (9 = none, as the features read
/// them) and the previous tag as the constraints read it (0 = none), unless
/// `outside(i, prev)` tags it O.
#[inline]
fn decode_with(
    ctx: &DocCtx,
    outside: impl Fn(usize, u8) -> bool,
    mut tag_of: impl FnMut(usize, u8, u8, &History, u8) -> u8,
) -> Vec<u8> {
    let mut tags = vec![0u8; ctx.toks.len()];
    let mut hist = History::new(ctx);
    let (mut p1, mut p2) = (9u8, 9u8);
    // (the tokens and their tags side by side: no index checked a token)
    for (i, (tok, tag)) in ctx.toks.iter().zip(&mut tags).enumerate() {
        if tok.sent_start {
            p1 = 9;
            p2 = 9;
        }
        let prev = if p1 == 9 { 0 } else { p1 };
        let t = if outside(i, prev) {
            0
        } else {
            tag_of(i, p1, p2, &hist, prev)
        };
        // (as `remember`)
        if tok.cap {
            hist.add(tok.form, t);
        }
        *tag = t;
        p2 = p1;
        p1 = t;
    }
    tags
}

/// Is token `i` plainly outside any name, given the previous tag `prev`?
/// True outside a name and outside any multi-word lexicon entry for
/// - a lower-case word whose neighbours are not capitalised: over half the
///   tokens of news text, which the model then need not score. On the 295
///   Wikinews articles the model tags one of these 139,640 tokens otherwise;
///   CoNLL++ dev F1 0.8800 -> 0.8803, IE-ER dev unchanged;
/// - a lower-case word that running text writes in lower case (the lexicon's
///   common words: "the", "said", "of") next to a capital: no name starts
///   with one (a particle that does, as "de" in "de Blasio", is not among
///   them). The output over the Wikinews corpus and the CoNLL++ and IE-ER
///   sets is the same; 442 -> 427 instructions a byte;
/// - a punctuation mark: no name starts with one (a mark inside a name, as
///   in "AT&T", follows its first word, so `prev` is not 0 there). Scored,
///   the model started 19 names at one over the Wikinews corpus (PERSON
///   ", Boris Johnson", PERSON "(", NORP "s" after an apostrophe); CoNLL++ dev
///   (0.8853) and IE-ER dev unchanged, CoNLL++ train 0.9381 -> 0.9382; and
///   the marks are ~a quarter of the tokens scored: 457 -> 442 instructions a
///   byte.
fn plainly_outside(ctx: &DocCtx, i: usize, prev: u8) -> bool {
    let toks = &ctx.toks;
    let not_cap = |j: usize| toks.get(j).map_or(true, |x| !x.cap);
    let t = &toks[i];
    prev == 0
        && t.phrase.is_none()
        && (t.kind == TokenKind::Punct
            || (t.lower_case
                && (t.classes & Class::Common.bit() != 0
                    || (not_cap(i + 1) && (i == 0 || not_cap(i - 1))))))
}

/// Tags every token of the document with the compiled-in model, summing
/// each feature's weights as [`features::each_feature`] makes it.
pub fn tag(ctx: &DocCtx) -> Vec<u8> {
    let m = model();
    decode_with(
        ctx,
        |i, prev| plainly_outside(ctx, i, prev),
        |i, p1, p2, hist, prev| {
            let mut s = Scores::default();
            features::each_feature(ctx, i, p1, p2, hist, |f| s = m.add(f, s));
            best_tag(&s.tags(), prev, ctx, i)
        },
    )
}

/// The longest name, in tokens; a longer run of capitals is cut.
pub const MAX_NAME: usize = 12;

/// Entity spans from a tag sequence: (first token, last token exclusive, type).
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if let Some(ty) = tag_type(tags[i]) {
            let mut j = i + 1;
            // no name runs longer than MAX_NAME tokens
            while j < tags.len() && tags[j] == inside_of(ty) && j - i < MAX_NAME {
                j += 1;
            }
            out.push((i, j, ty));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// BIO tags from spans (the inverse of [`spans`]).
pub fn tags_from_spans(n: usize, spans: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut tags = vec![0u8; n];
    for &(a, b, ty) in spans {
        for (k, t) in tags.iter_mut().enumerate().take(b.min(n)).skip(a) {
            *t = if k == a { begin_of(ty) } else { inside_of(ty) };
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_parses() {
        assert!(
            Model::parse(MODEL_BYTES).is_some(),
            "data/model/ner.bin is malformed"
        );
        assert!(Model::parse(b"junk").is_none());
        assert!(
            Model::parse(&MODEL_BYTES[..MODEL_BYTES.len().min(40)]).is_none()
                || MODEL_BYTES.len() <= 40
        );
    }

    #[test]
    fn both_indexes_find_the_same_rows() {
        let (buckets, rows) = parse_rows(MODEL_BYTES, 0, 0).expect("data/model/ner.bin");
        assert_eq!(buckets.len(), rows.len());
        let (flat, rank) = (FlatIndex::new(&buckets), RankIndex::new(&buckets));
        for f in 0..features::BUCKETS {
            assert_eq!(flat.row(f), rank.row(f), "{f}");
        }
        // the model reads each bucket's row by its slot
        let model = Model::parse(MODEL_BYTES).expect("data/model/ner.bin");
        assert_eq!(model.len(), rows.len());
        for (&b, row) in buckets.iter().zip(&rows) {
            assert_eq!(model.w.get(model.index.slot(b)), Some(row));
        }
        // the top bits of a feature are masked off
        assert_eq!(rank.row(buckets[1] | !(features::BUCKETS - 1)), Some(1));
        assert_eq!(flat.row(buckets[1] | !(features::BUCKETS - 1)), Some(1));
        // a repeated bucket keeps its first row
        let mut file = MODEL_BYTES[..16].to_vec();
        file[8..12].copy_from_slice(&3u32.to_le_bytes());
        // buckets 5, 5 again, 132
        file.extend_from_slice(&[5, 0, 0x7f]);
        for q in [1i8, 2, 3] {
            write_row(&mut file, 0, &[q; NTAGS]);
        }
        let (b, r) = parse_rows(&file, 0, 0).expect("small model");
        assert_eq!(b, vec![5, 132]);
        assert_eq!((r[0][0] > 0.0, r[0][0] < r[1][0]), (true, true));
        // buckets 9, then 9 + 0xffff_fff9 (no wrapping round to 2)
        let mut file = MODEL_BYTES[..16].to_vec();
        file[8..12].copy_from_slice(&2u32.to_le_bytes());
        file.extend_from_slice(&[9, 0xf9, 0xff, 0xff, 0xff, 0x0f]);
        for q in [1i8, 2] {
            write_row(&mut file, 0, &[q; NTAGS]);
        }
        assert!(parse_rows(&file, 0, 0).is_none());
    }

    #[test]
    fn quantisation_round_trips_closely() {
        let row = [0.0f32, 0.3, -1.0, 5.0, -4.0, 2.5, 0.01, 0.0, 1.0];
        let (e, q) = quantize_row(&row, 1000.0);
        let sc = row_scale(e, 1000.0);
        for (w, q) in row.iter().zip(q) {
            assert!((q as f32 * sc - w).abs() <= 5.0 / 127.0, "{w} -> {q}");
        }
    }

    #[test]
    fn constraint_and_span_round_trip() {
        assert!(!allowed(0, 2, false, true));
        assert!(allowed(1, 2, false, true));
        assert!(!allowed(1, 2, true, true));
        assert!(!allowed(1, 2, false, false));
        let tags = vec![0, 1, 2, 0, 5, 7, 8, 8];
        let sp = spans(&tags);
        assert_eq!(sp, vec![(1, 3, 0), (4, 5, 2), (5, 8, 3)]);
        assert_eq!(tags_from_spans(8, &sp), tags);
    }
}
