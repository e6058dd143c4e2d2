//! Attribution engine: who says what, how, and on what kind of word.
//!
//! One rule area a file, each with its own examples:
//!
//! * [`lexicon`]: the cue lexicon (`data/cues.tsv`, hundreds of verbs with a
//!   stance class and the frames they take) and the phrasal cues
//!   (`data/attribution/phrases.tsv`: "according to", "as reported by",
//!   channels such as "in a statement");
//! * [`quotes`]: quotation marks paired in one pass, across paragraphs;
//! * [`reported`]: SOURCE + cue + CONTENT in its word orders (plain,
//!   post-posed "..., X said", inverted "..., said X", "according to X",
//!   participles ", adding that ...", infinitives "plans to ..."), split
//!   quotes and quote continuations, relays (`via`);
//! * [`sources`]: the kind of a source (`data/attribution/sources.tsv`,
//!   `data/attribution/places.txt`);
//! * [`resolve`]: pronouns, descriptions and "X's office" to the nearest
//!   compatible antecedent, with a canonical name;
//! * [`claims`]: checkable factual sentences with no attribution.
//!
//! Every step is linear in the length of the text: sentences are scanned
//! once, backward searches are bounded to the sentence and a fixed number of
//! tokens, and antecedents come from running "last seen" tables.

use crate::doc::Doc;
use crate::entities;
use crate::model::{SourceKind, Stance};
use crate::text::ByteSpan;

pub mod claims;
pub mod lexicon;
pub mod quotes;
pub mod reported;
pub mod resolve;
pub mod sources;

/// A relay channel ("as reported by Iranian state media"), in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct RelayB {
    pub source: ByteSpan,
    pub source_kind: SourceKind,
    pub cue: Option<ByteSpan>,
}

/// One attribution, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub source: Option<ByteSpan>,
    pub source_kind: Option<SourceKind>,
    pub source_name: Option<String>,
    pub source_cluster: Option<u32>,
    pub cue: Option<ByteSpan>,
    pub cue_stance: Option<Stance>,
    pub content: ByteSpan,
    /// The content without its own source and cue (see [`content_parts`]).
    pub content_parts: Vec<ByteSpan>,
    pub quote: bool,
    pub via: Option<RelayB>,
}

/// The pieces of `content` (a byte span of `src`) that are the claim itself:
/// when the attribution's own source and cue sit inside it (a split quotation
/// `"A," said X, a lawyer, "B."`, an aside `The plan, X said, is fair`), the
/// stretch from the first of them to the last is cut out, with the whitespace,
/// commas and dashes that join it to the pieces (and, after it, the stop of
/// `"A," said X. "B."`, and in a quotation the narration after them up to
/// the next quote mark: `"A," X told the board. "B."`). Quotation marks stay with
/// their piece, as PolNeAR's discontinuous content keeps them: `"A,"` and
/// `"B."`; `The plan` and `is fair`. Otherwise the one piece is `content`.
/// The pieces are sorted, disjoint, non-empty and inside `content`.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn content_parts(
    src: &str,
    content: ByteSpan,
    inner: &[ByteSpan],
    quote: bool,
) -> Vec<ByteSpan> {
    // (the one piece, `content`, is made only when it is the answer: most
    // contents hold neither their source nor their cue)
    let whole = || vec![content];
    let inside = inner
        .iter()
        .filter(|s| s.start > content.start && s.end < content.end && s.start < s.end);
    let (Some(lo), Some(hi)) = (
        inside.clone().map(|s| s.start).min(),
        inside.map(|s| s.end).max(),
    ) else {
        return whole();
    };
    let joint = |c: char| c.is_whitespace() || matches!(c, ',' | '\u{2013}' | '\u{2014}');
    let left = src[content.start..lo].trim_end_matches(joint);
    // the stop that ends `"A," said X.` before `"B."` goes with the cut too
    let mut right =
        src[hi..content.end].trim_start_matches(|c| joint(c) || matches!(c, '.' | ';' | ':'));
    // a quotation resumed after more narration, `"A," X told the board on
    // Monday. "B."`: the narration up to the quote mark goes with the cut
    let double = |c: char| {
        matches!(
            c,
            '"' | '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' | '\u{201e}'
        )
    };
    if quote && !right.starts_with(double) {
        if let Some(q) = right.find(double) {
            if right[..q].trim_end().ends_with(['.', ',', ':']) {
                right = &right[q..];
            }
        }
    }
    let mut out = Vec::with_capacity(2);
    if !left.is_empty() {
        out.push(ByteSpan::new(content.start, content.start + left.len()));
    }
    if !right.is_empty() {
        out.push(ByteSpan::new(content.end - right.len(), content.end));
    }
    if out.is_empty() {
        whole()
    } else {
        out
    }
}

/// A token range `start..end` (end exclusive).
pub type Toks = (usize, usize);

/// An attribution while the rules work on it, in token ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    pub source: Option<Toks>,
    pub cue: Option<Toks>,
    pub content: Toks,
    pub stance: Option<Stance>,
    pub quote: bool,
    /// Relay: source tokens and cue tokens.
    pub via: Option<(Toks, Toks)>,
    pub kind: Option<SourceKind>,
    pub name: Option<String>,
    pub cluster: Option<u32>,
}

impl Cand {
    /// First and last-plus-one token over source, cue and content.
    pub fn extent(&self) -> Toks {
        let mut s = self.content.0;
        let mut e = self.content.1;
        for r in [self.source, self.cue].into_iter().flatten() {
            s = s.min(r.0);
            e = e.max(r.1);
        }
        (s, e)
    }
}

/// Token sequences the lexicons match against: lowercase words by index.
pub trait Words {
    fn word(&self, i: usize) -> Option<&str>;

    /// The group of cue forms beginning with token `i`
    /// ([`lexicon::NONE`] for none, or past the end).
    fn cue_group(&self, i: usize) -> lexicon::Group {
        self.word(i).map_or(lexicon::NONE, lexicon::cue_group)
    }

    /// The group of phrases beginning with token `i`
    /// ([`lexicon::NONE`] for none, or past the end).
    fn phrase_group(&self, i: usize) -> lexicon::Group {
        self.word(i).map_or(lexicon::NONE, lexicon::phrase_group)
    }

    /// May token `i`'s word be the second word of a cue form or phrase
    /// (`lexicon::class::SECOND_WORD`)? `false` only when it surely is not.
    fn may_be_second(&self, _i: usize) -> bool {
        true
    }
}

impl Words for [String] {
    fn word(&self, i: usize) -> Option<&str> {
        self.get(i).map(String::as_str)
    }
}

impl Words for Vec<String> {
    fn word(&self, i: usize) -> Option<&str> {
        self.get(i).map(String::as_str)
    }
}

/// The lowercase form of every token ("\u{2019}" as "'"): the document's
/// own table ([`Doc::lower`]), with a copy only of the forms that hold a
/// "\u{2019}", and the lexicon groups of each distinct form, looked up once
/// a document.
pub struct Lower<'a> {
    /// The document's lower-cased text ([`Doc::lower_text`]).
    text: &'a str,
    /// The copies of the forms that held a "\u{2019}", one after another.
    alt: String,
    /// Per token: where its word is, in `text`, or in `alt` when the start
    /// has the [`IN_ALT`] bit.
    spans: Vec<(u32, u32)>,
    /// Per token: its lexicon entry (cue group, phrase group, classes).
    entries: Vec<lexicon::Entry>,
    /// Per distinct form: the group of source rules looked up by it
    /// ([`sources`]; [`lexicon::NONE`]: none). Few tokens are in sources,
    /// so this is kept per form, not copied per token.
    form_sources: Vec<lexicon::Group>,
}

const IN_ALT: u32 = 1 << 31;

/// No quotation or mention, in [`Ctx`]'s per-token tables (4 bytes a
/// token, not the 8 of an `Option<u32>`).
const NONE: u32 = u32::MAX;

impl<'a> Lower<'a> {
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn new(doc: &'a Doc<'a>) -> Lower<'a> {
        let n = doc.tokens.len();
        let text = doc.lower_text();
        let mut alt = String::new();
        // per form, in order (no token is needed to read a form): its span
        // and lexicon entry, looked up once
        let mut forms: Vec<((u32, u32), lexicon::Entry)> = Vec::with_capacity(doc.form_count());
        let mut form_sources = Vec::with_capacity(doc.form_count());
        // the forms stand one after another in `text`: form `f` starts
        // where form `f - 1` ends
        let mut at = 0usize;
        for f in 0..doc.form_count() {
            let l = doc.form_text(f as u32);
            let start = at;
            at += l.len();
            // an ASCII form (nearly all) needs no character search
            let (span, w) = if !l.is_ascii() && l.contains('\u{2019}') {
                let s = alt.len();
                alt.extend(l.chars().map(|c| if c == '\u{2019}' { '\'' } else { c }));
                ((s as u32 | IN_ALT, alt.len() as u32), &alt[s..])
            } else {
                ((start as u32, at as u32), l)
            };
            let (entry, source) = lexicon::entry_and_source(w);
            forms.push((span, entry));
            form_sources.push(source);
        }
        // then per token a copy of its form's
        let mut spans = Vec::with_capacity(n);
        let mut entries = Vec::with_capacity(n);
        for i in 0..n {
            let (span, e) = forms
                .get(doc.form(i) as usize)
                .copied()
                .unwrap_or(((0, 0), lexicon::NO_ENTRY));
            spans.push(span);
            entries.push(e);
        }
        Lower {
            text,
            alt,
            spans,
            entries,
            form_sources,
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Token `i`'s [`lexicon::class`] bits (none past the end).
    #[inline]
    pub fn class(&self, i: usize) -> u32 {
        self.entries.get(i).map_or(0, |e| e.class)
    }
}

impl Words for Lower<'_> {
    #[inline]
    fn word(&self, i: usize) -> Option<&str> {
        let &(s, e) = self.spans.get(i)?;
        if s & IN_ALT == 0 {
            self.text.get(s as usize..e as usize)
        } else {
            self.alt.get((s & !IN_ALT) as usize..e as usize)
        }
    }

    #[inline]
    fn cue_group(&self, i: usize) -> lexicon::Group {
        self.entries.get(i).map_or(lexicon::NONE, |e| e.groups[0])
    }

    #[inline]
    fn phrase_group(&self, i: usize) -> lexicon::Group {
        self.entries.get(i).map_or(lexicon::NONE, |e| e.groups[1])
    }

    #[inline]
    fn may_be_second(&self, i: usize) -> bool {
        self.class(i) & lexicon::class::SECOND_WORD != 0
    }
}

/// The document as the rules see it: lowercase tokens, quotes, sentences.
pub struct Ctx<'a> {
    pub doc: &'a Doc<'a>,
    pub ents: &'a entities::Found,
    pub lower: Lower<'a>,
    pub quotes: Vec<quotes::Quote>,
    /// Token -> index into `quotes` (marks included), [`NONE`] for none
    /// (read through [`Ctx::in_quote`] and [`Ctx::quote`]).
    quote_of: Vec<u32>,
    /// Token -> sentence index.
    pub sent_of: Vec<u32>,
    /// Token -> index of the longest entity mention covering it, [`NONE`]
    /// for none (read through [`Ctx::ent_at`]).
    ent_of: Vec<u32>,
    /// Per distinct form: its [`fact`] bits, worked out the first time a
    /// rule asks ([`fact::KNOWN`] set), since the source and name rules ask
    /// the same few words again and again and each answer costs hash
    /// lookups (a `Cell`: the rules hold the context shared).
    facts: Vec<std::cell::Cell<u8>>,
}

/// What the source and name rules ask of a word, one bit each, kept per
/// distinct form (see [`Ctx::has`]): the entity lexicons' answers, worked
/// out on first use. (The source table's titles and places are lexicon
/// class bits, read per token with no work: [`lexicon::class::SOURCE_TITLE`],
/// [`lexicon::class::PLACE`].)
pub mod fact {
    /// The other bits are worked out.
    pub const KNOWN: u8 = 1;
    /// A word that may stand before a name in a title (`resolve::is_title_word`).
    pub const TITLE_WORD: u8 = 1 << 1;
    /// A given name of the entity lexicons.
    pub const GIVEN_NAME: u8 = 1 << 2;
    /// A demonym of the entity lexicons ("iranian").
    pub const DEMONYM: u8 = 1 << 3;
    /// A title of the entity lexicons.
    pub const LEXICON_TITLE: u8 = 1 << 4;
}

impl<'a> Ctx<'a> {
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn new(doc: &'a Doc<'a>, ents: &'a entities::Found) -> Self {
        let n = doc.tokens.len();
        let lower = Lower::new(doc);
        let quotes = quotes::find(doc);
        let mut quote_of = vec![NONE; n];
        for (qi, q) in quotes.iter().enumerate() {
            let end = (q.close + 1).min(n);
            if let Some(slots) = quote_of.get_mut(q.open.min(end)..end) {
                slots.fill(qi as u32);
            }
        }
        let mut sent_of = vec![0u32; n];
        for (si, s) in doc.sentences.iter().enumerate() {
            let end = s.last.min(n);
            if let Some(slots) = sent_of.get_mut(s.first.min(end)..end) {
                slots.fill(si as u32);
            }
        }
        // mentions are sorted by start: one merge pass
        let mut ent_of = vec![NONE; n];
        let mut t = 0;
        for (mi, m) in ents.mentions.iter().enumerate() {
            while t < n && doc.tokens[t].span.end <= m.span.start {
                t += 1;
            }
            let mut k = t;
            while k < n && doc.tokens[k].span.start < m.span.end {
                if ent_of[k] == NONE {
                    ent_of[k] = mi as u32;
                }
                k += 1;
            }
        }
        let facts = vec![std::cell::Cell::new(0); doc.form_count()];
        Ctx {
            doc,
            ents,
            lower,
            quotes,
            quote_of,
            sent_of,
            ent_of,
            facts,
        }
    }

    /// Does token `i`'s word have the [`fact`] bit `bit`? (False past the end.)
    #[inline]
    pub fn has(&self, i: usize, bit: u8) -> bool {
        self.facts_of(i) & bit != 0
    }

    /// Token `i`'s [`fact`] bits, worked out once per distinct form (inlined:
    /// a form asked before is answered without a call).
    #[inline]
    fn facts_of(&self, i: usize) -> u8 {
        if i >= self.doc.tokens.len() {
            return 0;
        }
        let Some(cell) = self.facts.get(self.doc.form(i) as usize) else {
            return 0;
        };
        let known = cell.get();
        if known & fact::KNOWN != 0 {
            return known;
        }
        self.work_out_facts(i, cell)
    }

    /// [`Ctx::facts_of`] the first time token `i`'s form is asked: works
    /// its bits out into `cell`.
    #[inline(never)]
    fn work_out_facts(&self, i: usize, cell: &std::cell::Cell<u8>) -> u8 {
        use crate::entities::lexicon::{word_classes, Class};
        let w = self.w(i);
        let classes = word_classes(w);
        let mut bits = fact::KNOWN;
        let mut set = |bit: u8, on: bool| {
            if on {
                bits |= bit;
            }
        };
        let title = self.is(i, lexicon::class::SOURCE_TITLE);
        let given = classes & Class::GivenName.bit() != 0;
        let demonym = classes & Class::Demonym.bit() != 0;
        set(
            fact::TITLE_WORD,
            resolve::is_title_word(title, demonym, given, w),
        );
        set(fact::GIVEN_NAME, given);
        set(fact::DEMONYM, demonym);
        set(fact::LEXICON_TITLE, classes & Class::Title.bit() != 0);
        cell.set(bits);
        bits
    }

    /// Is the run of tokens `s..e`, joined by spaces, a place of
    /// `data/attribution/places.txt`? One word is read from its facts;
    /// several are joined into one string.
    pub fn is_place_run(&self, s: usize, e: usize) -> bool {
        if e == s + 1 {
            return self.is(s, lexicon::class::PLACE);
        }
        // (most runs, "Jane Doe", begin with no place's first word: no string)
        if e <= s || !self.is(s, lexicon::class::PLACE_START) {
            return false;
        }
        let mut run = String::new();
        for k in s..e {
            if k > s {
                run.push(' ');
            }
            run.push_str(self.w(k));
        }
        sources::is_place(&run)
    }

    /// The group of source rules looked up by token `i`'s word
    /// ([`lexicon::NONE`]: none, or past the end).
    #[inline]
    pub fn source_group(&self, i: usize) -> lexicon::Group {
        if i >= self.doc.tokens.len() {
            return lexicon::NONE;
        }
        self.lower
            .form_sources
            .get(self.doc.form(i) as usize)
            .copied()
            .unwrap_or(lexicon::NONE)
    }

    pub fn n(&self) -> usize {
        self.lower.len()
    }

    #[inline]
    pub fn w(&self, i: usize) -> &str {
        self.lower.word(i).unwrap_or("")
    }

    /// The original token text.
    #[inline]
    pub fn t(&self, i: usize) -> &'a str {
        if i < self.doc.tokens.len() {
            self.doc.tok(i)
        } else {
            ""
        }
    }

    /// Is token `i`'s word in one of the [`lexicon::class`]es `bits`?
    #[inline]
    pub fn is(&self, i: usize, bits: u32) -> bool {
        self.lower.class(i) & bits != 0
    }

    /// Is token `i`'s word a [`lexicon::is_cue_adverb`]? (Its class bit,
    /// or an "-ly" adverb.)
    #[inline]
    pub fn is_cue_adverb(&self, i: usize) -> bool {
        self.is(i, lexicon::class::CUE_ADVERB_WORD) || lexicon::is_ly_cue_adverb(self.w(i))
    }

    /// Does token `i` begin with an upper-case letter? (Asked of most
    /// tokens the rules look at: an ASCII first byte, nearly always, is
    /// answered from the byte without slicing the token or decoding a char.)
    #[inline]
    pub fn is_cap(&self, i: usize) -> bool {
        let Some(t) = self.doc.tokens.get(i) else {
            return false;
        };
        match self.doc.src.as_bytes().get(t.span.start) {
            Some(&b) if b.is_ascii() => b.is_ascii_uppercase() && t.span.start < t.span.end,
            _ => self.is_cap_decoded(i),
        }
    }

    /// [`Ctx::is_cap`] of a token that does not begin with an ASCII byte
    /// (out of line: the rules ask [`Ctx::is_cap`] everywhere, and its
    /// ASCII test alone is small enough to inline).
    #[inline(never)]
    fn is_cap_decoded(&self, i: usize) -> bool {
        self.t(i)
            .chars()
            .next()
            .map_or(false, crate::chars::is_uppercase)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .map_or(false, |t| t.kind != crate::doc::TokenKind::Punct)
    }

    pub fn quote(&self, i: usize) -> Option<&quotes::Quote> {
        // (`NONE` is no index of `quotes`)
        self.quote_of
            .get(i)
            .and_then(|&q| self.quotes.get(q as usize))
    }

    /// Is token `i` inside a quotation (its marks included)? (False past
    /// the end.)
    #[inline]
    pub fn in_quote(&self, i: usize) -> bool {
        self.quote_of.get(i).map_or(false, |&q| q != NONE)
    }

    /// The index of the longest entity mention covering token `i`.
    #[inline]
    pub fn ent_at(&self, i: usize) -> Option<u32> {
        self.ent_of.get(i).copied().filter(|&m| m != NONE)
    }

    pub fn bytes(&self, r: Toks) -> ByteSpan {
        let toks = &self.doc.tokens;
        if r.1 <= r.0 || r.1 > toks.len() {
            let at = toks.get(r.0).map_or(self.doc.src.len(), |t| t.span.start);
            return ByteSpan::new(at, at);
        }
        ByteSpan::new(toks[r.0].span.start, toks[r.1 - 1].span.end)
    }
}

/// Finds the attributions of a document, then the checkable claims that rest
/// on no attribution.
pub fn find(doc: &Doc, ents: &entities::Found) -> Vec<Found> {
    let cx = Ctx::new(doc, ents);
    let mut cands = reported::find(&cx);
    resolve::resolve(&cx, &mut cands);
    let claims = claims::find(&cx, &cands);
    cands.extend(claims);
    cands
        .into_iter()
        .filter(|c| c.content.1 > c.content.0)
        .map(|c| {
            let source = c.source.map(|r| cx.bytes(r));
            let cue = c.cue.map(|r| cx.bytes(r));
            let content = cx.bytes(c.content);
            // (on the stack; an empty span stands for a missing one, which
            // `content_parts` passes over as it does any empty span)
            let none = ByteSpan::new(content.start, content.start);
            let inner = [source.unwrap_or(none), cue.unwrap_or(none)];
            Found {
                source,
                source_kind: c.kind,
                source_name: c.name,
                source_cluster: c.cluster,
                cue,
                cue_stance: c.stance,
                content,
                content_parts: content_parts(doc.src, content, &inner, c.quote),
                quote: c.quote,
                via: c.via.map(|(s, q)| RelayB {
                    source: cx.bytes(s),
                    source_kind: sources::kind_of(&cx, s).unwrap_or(SourceKind::Media),
                    cue: Some(cx.bytes(q)),
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::annotate;

    /// The content parts' texts of the one attribution whose cue is `cue`.
    fn parts(text: &str, cue: &str) -> (String, Vec<String>) {
        let ann = annotate(text);
        crate::check::check(text, &ann).unwrap();
        let a = ann
            .attributions
            .iter()
            .find(|a| a.cue.as_ref().is_some_and(|c| c.text == cue))
            .unwrap_or_else(|| panic!("no attribution on {cue:?} in {:?}", ann.attributions));
        (
            a.content.text.clone(),
            a.content_parts.iter().map(|p| p.text.clone()).collect(),
        )
    }

    #[test]
    fn a_split_quote_leaves_out_its_source_and_cue() {
        let (content, got) = parts(
            "\"The tolls are a scandal,\" said Orwin Pasternak, a lawyer, \"and they must end.\"",
            "said",
        );
        assert!(content.contains("said Orwin Pasternak, a lawyer,"));
        assert_eq!(
            got,
            ["\"The tolls are a scandal,\"", "\"and they must end.\""]
        );
    }

    #[test]
    fn a_quote_resumed_after_a_stop_leaves_out_the_stop() {
        let (_, got) = parts(
            "\"The tolls are a scandal,\" said Orwin Pasternak. \"They must end.\"",
            "said",
        );
        assert_eq!(got, ["\"The tolls are a scandal,\"", "\"They must end.\""]);
    }

    #[test]
    fn a_quote_resumed_after_narration_leaves_out_the_narration() {
        let (_, got) = parts(
            "\"The tolls are a scandal,\" Orwin Pasternak told the harbour board on Tuesday. \"They must end.\"",
            "told",
        );
        assert_eq!(got, ["\"The tolls are a scandal,\"", "\"They must end.\""]);
    }

    #[test]
    fn an_aside_leaves_out_its_source_and_cue() {
        let (content, got) = parts(
            "Orwin Pasternak runs the ferry.\n\nThe new timetable, Pasternak said, is a disaster.",
            "said",
        );
        assert!(content.contains("Pasternak said"));
        assert_eq!(got, ["The new timetable", "is a disaster"]);
    }

    #[test]
    fn a_plain_report_has_one_part_equal_to_the_content() {
        let (content, got) = parts(
            "Orwin Pasternak said that the ferry would stop in Vellmar.",
            "said",
        );
        assert_eq!(got, [content]);
    }
}
