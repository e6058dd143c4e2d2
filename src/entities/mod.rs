//! Entity engine: finds mentions and groups them into clusters.
//!
//! Layers, each in its own file with its own tests:
//! - `segment` (tests only): the reference rules for sentence starts and headline lines,
//!   which [`features::DocCtx::new`] computes in its one pass;
//! - [`lexicon`]: countries, demonyms, cities, given names, titles, org
//!   words, outlets, regions (open data, see `data/lexicons/SOURCES.md`);
//! - [`features`] + [`tagger`]: a learned greedy BIO tagger for PER / ORG /
//!   LOC / MISC names (weights in `data/model/ner.bin`, trained by
//!   `src/bin/train-ner.rs` on CoNLL++);
//! - [`labels`]: CoNLL types refined into OntoNotes labels (GPE vs LOC vs
//!   FAC, NORP vs EVENT ...);
//! - [`datelines`], [`quotes`], [`orgs`]: datelines are places, quoted
//!   titles are works, split company names are joined;
//! - [`places`]: "Indian Wells, Calif.", "R-Calif.";
//! - [`people`]: names with particles whole ("al-Abadi", "arap Moi");
//! - [`acronyms`]: "(IMF)" takes its expansion's label, "(MoUs)" is no name;
//! - [`filters`]: sentence openers that are common words, group words as
//!   NORP;
//! - [`consistency`]: one label per string in a document, and names found
//!   once found again;
//! - [`hyphens`]: "Iran" in "Iran-aligned";
//! - [`numbers`]: DATE, TIME, MONEY, PERCENT, CARDINAL, ORDINAL, QUANTITY by
//!   rule;
//! - [`titles`]: TITLE for roles, kept apart from the person;
//! - [`clusters`]: mentions of the same referent grouped.

pub mod acronyms;
pub mod calendar;
pub mod clusters;
pub mod conll;
pub mod consistency;
pub mod datelines;
pub mod fast;
pub mod features;
pub mod filters;
pub mod hyphens;
pub mod labels;
pub mod lexicon;
pub mod numbers;
pub mod orgs;
pub mod people;
pub mod places;
pub mod quotes;
#[cfg(test)]
pub mod segment;
pub mod tagger;
pub mod titles;

use crate::doc::{Doc, TokenKind};
use crate::model::Label;
use crate::text::ByteSpan;

/// One mention, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: ByteSpan,
    pub label: Label,
    pub cluster: Option<u32>,
}

/// A group of mentions of one referent.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterInfo {
    pub name: String,
    pub label: Label,
    pub mentions: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Sorted by start, longer first.
    pub mentions: Vec<Mention>,
    pub clusters: Vec<ClusterInfo>,
}

/// Puts `layer`'s spans in place of the names they overlap, in one pass.
fn overlay(names: &mut Vec<(usize, usize, Label)>, layer: Vec<(usize, usize, Label)>, n: usize) {
    if layer.is_empty() {
        return;
    }
    let mut covered = vec![false; n];
    for &(a, b, _) in &layer {
        covered[a.min(n)..b.min(n)]
            .iter_mut()
            .for_each(|t| *t = true);
    }
    names.retain(|&(x, y, _)| !covered[x.min(n)..y.min(n)].iter().any(|&t| t));
    names.extend(layer);
}

/// The text of token `i` when it is a punctuation mark, else "". A word
/// or a number is never one, so the kind (one load) settles most tokens
/// before their text is sliced: for the layers that look for a comma, a
/// bracket or a quote at every token.
#[inline]
pub(crate) fn punct<'a>(doc: &Doc<'a>, i: usize) -> &'a str {
    if doc.tokens[i].kind == TokenKind::Punct {
        doc.tok(i)
    } else {
        ""
    }
}

/// The punctuation tokens, in order: the layers that start from a comma, a
/// bracket, an ampersand or a quote walk these (one in six or seven tokens)
/// instead of every token.
pub(crate) fn punct_tokens(doc: &Doc) -> Vec<usize> {
    let mut out = Vec::with_capacity(doc.tokens.len() / 4);
    for (k, t) in doc.tokens.iter().enumerate() {
        if t.kind == TokenKind::Punct {
            out.push(k);
        }
    }
    out
}

/// A walk over the punctuation tokens ([`punct_tokens`]) for a layer that
/// jumps ahead by its own steps: each call gives the first punctuation token
/// at or after a token, in time linear over the whole walk.
pub(crate) struct PunctCursor<'p> {
    puncts: &'p [usize],
    next: usize,
}

impl<'p> PunctCursor<'p> {
    pub(crate) fn new(puncts: &'p [usize]) -> Self {
        PunctCursor { puncts, next: 0 }
    }

    /// The first punctuation token at or after token `i` (`i` never goes back).
    pub(crate) fn at_or_after(&mut self, i: usize) -> Option<usize> {
        while self.puncts.get(self.next).is_some_and(|&q| q < i) {
            self.next += 1;
        }
        self.puncts.get(self.next).copied()
    }
}

/// The tokens holding the character `c`, in order, each once. A `memchr`
/// scan of the text with a cursor over the tokens instead of a look into
/// every token, for the layers that start from a rare character (a hyphen).
pub(crate) fn tokens_holding<'d>(doc: &'d Doc, c: char) -> impl Iterator<Item = usize> + 'd {
    let (src, tokens) = (doc.src, &doc.tokens);
    let (mut from, mut k) = (0, 0);
    std::iter::from_fn(move || loop {
        let p = from + src.get(from..)?.find(c)?;
        from = p + c.len_utf8();
        while k < tokens.len() && tokens[k].span.end <= p {
            k += 1;
        }
        if tokens.get(k)?.span.start <= p {
            k += 1;
            return Some(k - 1);
        }
    })
}

/// Drops the mentions (sorted by start) that do not lie inside one sentence
/// of `doc`: a name never runs over a line break or a sentence end, whatever
/// a layer joined. One pass over the mentions and the sentences.
fn within_sentences(doc: &Doc, mentions: &mut Vec<Mention>) {
    let sents = &doc.sentences;
    let mut k = 0;
    mentions.retain(|m| {
        while k < sents.len() && sents[k].span.end <= m.span.start {
            k += 1;
        }
        k < sents.len() && sents[k].span.start <= m.span.start && m.span.end <= sents[k].span.end
    });
}

/// The longest word a name may hold, in bytes. The longest real one-word
/// names (Welsh place names, long compound surnames) stay under 60 letters;
/// a longer "word" is a URL, a hash or a paste gone wrong, and no entity.
/// This also keeps a giant token from costing the later layers (clusters
/// hash and copy a name several times) a pass over its whole length.
pub const MAX_NAME_WORD: usize = 100;

/// True when a token of `a..b` is longer than [`MAX_NAME_WORD`].
fn holds_giant_word(doc: &Doc, a: usize, b: usize) -> bool {
    doc.tokens.get(a..b).map_or(false, |ts| {
        ts.iter().any(|t| t.span.end - t.span.start > MAX_NAME_WORD)
    })
}

/// Finds every mention in the document. Linear in the number of tokens;
/// never panics.
pub fn find(doc: &Doc) -> Found {
    let n = doc.tokens.len();
    if n == 0 {
        return Found::default();
    }
    let ctx = features::DocCtx::new(doc);
    let tags = tagger::tag(&ctx);
    let mut spans = tagger::spans(&tags);
    tagger::trim(&ctx, &mut spans);
    spans.retain(|&(a, b, _)| !holds_giant_word(doc, a, b));
    let mut names = labels::refine(doc, &ctx, &spans);
    overlay(&mut names, datelines::find(doc, &ctx), n);
    let puncts = punct_tokens(doc);
    overlay(&mut names, quotes::find(doc, &ctx, &puncts), n);
    let found_places = {
        let mut in_person = vec![false; n];
        for &(x, y, l) in &names {
            if l == Label::Person && y - x > 1 {
                in_person[x..y].iter_mut().for_each(|t| *t = true);
            }
        }
        let persons = |a: usize, b: usize| in_person[a..b.min(n)].iter().any(|&t| t);
        places::find(doc, &ctx, &puncts, &persons)
    };
    overlay(&mut names, found_places, n);
    orgs::apply(doc, &puncts, &mut names);
    people::join(doc, &ctx, &mut names);
    people::apply(doc, &mut names);
    acronyms::apply(doc, &puncts, &mut names);
    filters::apply(&ctx, &mut names);
    filters::drop_markup(doc, &mut names);
    filters::possessive_places(&ctx, &mut names);
    consistency::apply(doc, &ctx, &mut names);
    names.retain(|&(a, b, _)| !holds_giant_word(doc, a, b));

    let mut taken = vec![false; n];
    let mut person = vec![false; n];
    for &(a, b, l) in &names {
        for t in &mut taken[a..b.min(n)] {
            *t = true;
        }
        if l == Label::Person {
            person[a] = true;
        }
    }
    let mut mentions: Vec<Mention> = Vec::with_capacity(names.len() + 16);
    // names inside hyphenated words replace a one-token name over the whole
    // word; the one-token names by text are wanted only when some word
    // looks like "Iran-backed", so the table is built on the first question
    let mut known: Option<fast::FastMap<&str, Label>> = None;
    let known_label = |w: &str| {
        known
            .get_or_insert_with(|| {
                names
                    .iter()
                    .filter(|&&(a, b, _)| b == a + 1)
                    .map(|&(a, _, l)| (doc.tok(a), l))
                    .collect()
            })
            .get(w)
            .copied()
    };
    // (one scan for the hyphens of both layers)
    let hyphenated: Vec<usize> = tokens_holding(doc, '-').collect();
    let inner = hyphens::find(doc, &hyphenated, known_label)
        .into_iter()
        .chain(
            places::party_states(doc, &hyphenated)
                .into_iter()
                .map(|(i, sp)| (i, sp, Label::Gpe)),
        );
    let mut inside = vec![false; n];
    for (i, span, label) in inner {
        inside[i] = true;
        taken[i] = true;
        mentions.push(Mention {
            span,
            label,
            cluster: None,
        });
    }
    names.retain(|&(a, b, _)| !(b == a + 1 && inside[a]));
    for &(a, b, label) in &names {
        mentions.push(Mention {
            span: ByteSpan::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end),
            label,
            cluster: None,
        });
    }
    let person_at = |k: usize| person[k];
    for (a, b, label) in titles::find(doc, &ctx, &taken, &person_at) {
        for t in &mut taken[a..b] {
            *t = true;
        }
        mentions.push(Mention {
            span: ByteSpan::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end),
            label,
            cluster: None,
        });
    }
    mentions.extend(numbers::find(doc, &ctx, &taken));
    crate::sort::stable_sort_by_key(&mut mentions, |m| {
        crate::sort::key2(m.span.start, crate::sort::desc(m.span.end))
    });
    within_sentences(doc, &mut mentions);
    let clusters = clusters::assign(doc.src, &mut mentions);
    Found { mentions, clusters }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_holding_a_character_each_once_in_order() {
        let d = Doc::new("US-led talks, the Iran-backed — and well-to-do - men");
        let got: Vec<&str> = tokens_holding(&d, '-').map(|k| d.tok(k)).collect();
        assert_eq!(got, ["US-led", "Iran-backed", "well-to-do", "-"]);
        let got: Vec<&str> = tokens_holding(&d, '—').map(|k| d.tok(k)).collect();
        assert_eq!(got, ["—"]);
        assert_eq!(tokens_holding(&Doc::new(""), '-').count(), 0);
        // a character inside no token (a space) is held by none
        assert_eq!(tokens_holding(&d, ' ').count(), 0);
    }

    #[test]
    fn punct_is_the_text_of_punctuation_only() {
        let d = Doc::new("Iran's \"deal\", (IMF) 2,500.");
        let texts: Vec<&str> = (0..d.tokens.len()).map(|k| punct(&d, k)).collect();
        assert_eq!(texts, ["", "", "\"", "", "\"", ",", "(", "", ")", "", "."]);
    }
}
