//! The invariants of [`Annotations`] against its input, as code.
//!
//! [`check`] is used by unit tests, the property tests (`tests/properties.rs`)
//! and the fuzzer (`fuzz/`). It holds every engine to the contract of
//! [`crate::model`]:
//!
//! * **Spans** (entities; attribution source, cue, content, relay source and
//!   cue; sentences): `start < end <= input length` in UTF-16 code units, both
//!   ends on a character boundary (never between the two halves of a surrogate
//!   pair), and `text` equal to JavaScript's `input.slice(start, end)`.
//! * **Trimmed**: entities, sources, cues and sentences neither start nor end
//!   with whitespace (an attribution's content may: it is what stands between
//!   the quote marks).
//! * **Order**: entities sorted by start, then longer first, and properly
//!   nested (two entities are disjoint or one contains the other, never
//!   crossing, so the page can render them as nested elements); attributions
//!   sorted by content start; sentences sorted and disjoint.
//! * **Sentences** cover the text: what lies between them (and before the
//!   first, after the last) is only whitespace or control characters.
//! * **Soft wraps only**: a sentence holds a line break only as the soft wrap
//!   of hard-wrapped text (see [`crate::doc::soft_wraps`]): one LF, CR or
//!   CR LF directly followed by a character that is neither whitespace nor a
//!   control character. A blank line, an indented line, VT, FF, NEL, U+2028
//!   and U+2029 always lie between sentences.
//! * **One sentence**: an entity, a source, a cue and a relay's source and cue
//!   each lie inside one sentence (so none crosses a blank line or any other
//!   hard line break).
//! * **Attribution window**: with `first..=last` the sentences that the
//!   content overlaps, the source, cue and relay parts lie inside sentences
//!   `first - WINDOW_SENTENCES ..= last + WINDOW_SENTENCES` (see
//!   [`WINDOW_SENTENCES`]).
//! * **Content parts**: an attribution's `content_parts` is non-empty, each
//!   part a valid span (as above; it may hold whitespace inside), sorted,
//!   disjoint and inside `content`; the first starts and the last ends where
//!   `content` does.
//! * **Clusters**: `clusters[i].id == i`, every cluster reference (entity
//!   `cluster`, attribution `source_cluster`) names an existing cluster, a
//!   cluster's `mentions` equals the number of entities that reference it and
//!   is at least 1, and its `name` is non-empty and trimmed.
//!
//! The check is linear in the input plus the total length of the spans.

use std::fmt;

use crate::model::{Annotations, Range};

/// How far from its content an attribution's source, cue and relay may be, in
/// sentences of [`Annotations::sentences`]: they must lie inside the sentences
/// from `WINDOW_SENTENCES` before the first sentence the content overlaps to
/// `WINDOW_SENTENCES` after the last one. Two covers `Smith said:` on the line
/// before a quoted paragraph, `"…," he said. "…"` and a closing
/// `…, she added.` sentence, while stopping an engine from pairing a quote
/// with a speaker found paragraphs away.
pub const WINDOW_SENTENCES: usize = 2;

/// At most this many violations are listed; the rest are only counted.
const MAX_LISTED: usize = 100;

/// What rule a violation breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `end` is past the input's UTF-16 length.
    OutOfBounds,
    /// `start > end`.
    Inverted,
    /// `start == end` where a span must hold something.
    Empty,
    /// An end falls between the two halves of a surrogate pair.
    SplitsSurrogatePair,
    /// `text` differs from the UTF-16 slice of the input.
    TextMismatch,
    /// Starts or ends with whitespace.
    Untrimmed,
    /// Entities not sorted by start then longer first.
    EntitiesUnsorted,
    /// Two entities overlap without one containing the other.
    EntitiesCross,
    /// Attributions not sorted by content start.
    AttributionsUnsorted,
    /// Sentences not sorted or overlapping.
    SentencesUnsorted,
    /// Text that is not whitespace lies outside every sentence.
    OutsideSentences,
    /// A sentence holds a line break that is not a soft wrap.
    HardBreakInSentence,
    /// A span that must lie in one sentence does not.
    CrossesSentence,
    /// An attribution part lies outside the content's sentence window.
    OutsideWindow,
    /// `content_parts` is empty, unsorted, overlapping or not inside
    /// `content`, or its ends are not `content`'s.
    ContentParts,
    /// `clusters[i].id != i`.
    ClusterId,
    /// A cluster reference names no cluster.
    ClusterRef,
    /// A cluster's `mentions` differs from the entities that reference it,
    /// is zero, or its name is empty or untrimmed.
    ClusterCount,
}

/// One broken rule: which, where (`entities[3]`, `attributions[0].cue`, ...)
/// and the detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub kind: Kind,
    pub at: String,
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} at {}: {}", self.kind, self.at, self.detail)
    }
}

/// All violations found (at most 100 listed, `more` counts the rest).
#[derive(Clone, PartialEq, Eq)]
pub struct Violations {
    pub list: Vec<Violation>,
    pub more: usize,
}

impl Violations {
    /// True when some violation of `kind` was found (among those listed).
    pub fn has(&self, kind: Kind) -> bool {
        self.list.iter().any(|v| v.kind == kind)
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} invariant violation(s):", self.list.len() + self.more)?;
        for v in &self.list {
            writeln!(f, "  {v}")?;
        }
        if self.more > 0 {
            writeln!(f, "  ... and {} more", self.more)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Violations {}

/// Checks `ann` against the `input` it was computed from; `Err` lists every
/// broken rule (see the module documentation for the rules).
pub fn check(input: &str, ann: &Annotations) -> Result<(), Violations> {
    let mut c = Checker {
        units: input.encode_utf16().collect(),
        found: Violations {
            list: Vec::new(),
            more: 0,
        },
    };
    c.sentences(&ann.sentences);
    c.entities(ann);
    c.attributions(ann);
    c.clusters(ann);
    if c.found.list.is_empty() {
        Ok(())
    } else {
        Err(c.found)
    }
}

/// Whether a span must not start or end with whitespace.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Trim {
    Ends,
    Any,
}

struct Checker {
    units: Vec<u16>,
    found: Violations,
}

fn is_high(u: u16) -> bool {
    (0xD800..0xDC00).contains(&u)
}

fn is_low(u: u16) -> bool {
    (0xDC00..0xE000).contains(&u)
}

fn show(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    format!("{out:?}")
}

/// Index of the sentence that contains `r`, if one does.
fn sentence_containing(sentences: &[Range], start: u32, end: u32) -> Option<usize> {
    let k = sentences
        .partition_point(|s| s.start <= start)
        .checked_sub(1)?;
    (end <= sentences[k].end).then_some(k)
}

impl Checker {
    fn fail(&mut self, kind: Kind, at: impl Into<String>, detail: String) {
        if self.found.list.len() < MAX_LISTED {
            self.found.list.push(Violation {
                kind,
                at: at.into(),
                detail,
            });
        } else {
            self.found.more += 1;
        }
    }

    fn len(&self) -> u32 {
        self.units.len() as u32
    }

    fn on_boundary(&self, i: u32) -> bool {
        let i = i as usize;
        i == 0 || i >= self.units.len() || !(is_low(self.units[i]) && is_high(self.units[i - 1]))
    }

    /// The characters of `start..end` (which must be in bounds). On
    /// boundaries the slice is valid UTF-16; should an end still split a pair,
    /// the half decodes as U+FFFD.
    fn chars(&self, start: u32, end: u32) -> impl Iterator<Item = char> + '_ {
        char::decode_utf16(self.units[start as usize..end as usize].iter().copied())
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    /// The first and last character of `start..end` (in bounds, non-empty).
    fn ends(&self, start: u32, end: u32) -> (char, char) {
        let first = self.chars(start, end).next().unwrap_or(' ');
        // The last character is the last unit, or the last two when they are
        // a surrogate pair.
        let back = if end - start >= 2 && !self.on_boundary(end - 1) {
            end - 2
        } else {
            end - 1
        };
        let last = self.chars(back, end).last().unwrap_or(first);
        (first, last)
    }

    /// Bounds, non-empty, boundaries, text and trimming of one span. Returns
    /// whether the span is usable for the structural rules.
    fn span(&mut self, at: &str, start: u32, end: u32, text: Option<&str>, trim: Trim) -> bool {
        if start > end {
            self.fail(Kind::Inverted, at, format!("start {start} > end {end}"));
            return false;
        }
        if end > self.len() {
            self.fail(
                Kind::OutOfBounds,
                at,
                format!("end {end} > input length {}", self.len()),
            );
            return false;
        }
        if start == end {
            self.fail(Kind::Empty, at, format!("empty span at {start}"));
            return false;
        }
        let mut ok = true;
        for (which, i) in [("start", start), ("end", end)] {
            if !self.on_boundary(i) {
                self.fail(
                    Kind::SplitsSurrogatePair,
                    at,
                    format!("{which} {i} is inside a surrogate pair"),
                );
                ok = false;
            }
        }
        if let Some(text) = text {
            if !text
                .encode_utf16()
                .eq(self.units[start as usize..end as usize].iter().copied())
            {
                let slice = String::from_utf16_lossy(&self.units[start as usize..end as usize]);
                self.fail(
                    Kind::TextMismatch,
                    at,
                    format!(
                        "text {} but input[{start}..{end}] is {}",
                        show(text),
                        show(&slice)
                    ),
                );
                ok = false;
            }
        }
        let (first, last) = self.ends(start, end);
        let ws = |c: char| c.is_whitespace();
        match trim {
            Trim::Ends if ws(first) || ws(last) => {
                let slice = String::from_utf16_lossy(&self.units[start as usize..end as usize]);
                self.fail(
                    Kind::Untrimmed,
                    at,
                    format!("{} starts or ends with whitespace", show(&slice)),
                );
            }
            _ => {}
        }
        ok
    }

    fn sentences(&mut self, sentences: &[Range]) {
        let mut prev_end = 0u32;
        for (i, s) in sentences.iter().enumerate() {
            let at = format!("sentences[{i}]");
            if !self.span(&at, s.start, s.end, None, Trim::Ends) {
                continue;
            }
            if s.start < prev_end {
                self.fail(
                    Kind::SentencesUnsorted,
                    &at,
                    format!(
                        "starts at {} before the previous sentence ends at {prev_end}",
                        s.start
                    ),
                );
                continue;
            }
            self.gap(&at, prev_end, s.start);
            self.soft_breaks_only(&at, s.start, s.end);
            prev_end = s.end;
        }
        self.gap("after the last sentence", prev_end, self.len());
    }

    /// A line break inside a sentence must be a soft wrap: LF, CR or CR LF
    /// directly followed by a character that is neither whitespace nor a
    /// control character.
    fn soft_breaks_only(&mut self, at: &str, start: u32, end: u32) {
        let mut bad = None;
        let mut it = self.chars(start, end).peekable();
        while let Some(c) = it.next() {
            if bad.is_some() {
                break;
            }
            if !crate::doc::is_line_break(c) {
                continue;
            }
            if c == '\r' && it.peek() == Some(&'\n') {
                it.next();
            }
            let next = it.peek().copied();
            let soft = matches!(c, '\n' | '\r')
                && next.map_or(false, |d| !(d.is_whitespace() || d.is_control()));
            if !soft {
                bad = Some((c, next));
            }
        }
        drop(it);
        if let Some((c, next)) = bad {
            self.fail(
                Kind::HardBreakInSentence,
                at,
                format!("{c:?} followed by {next:?} is a hard line break"),
            );
        }
    }

    /// Text between sentences must be only whitespace and control characters.
    fn gap(&mut self, at: &str, start: u32, end: u32) {
        let end = end.min(self.len());
        if start >= end {
            return;
        }
        let stray = self
            .chars(start, end)
            .find(|c| !(c.is_whitespace() || c.is_control()));
        if let Some(c) = stray {
            self.fail(
                Kind::OutsideSentences,
                at,
                format!("{c:?} in {start}..{end} belongs to no sentence"),
            );
        }
    }

    fn entities(&mut self, ann: &Annotations) {
        // Stack of the ends of the entities that contain the current one.
        let mut open: Vec<(usize, u32)> = Vec::new();
        let mut prev: Option<(u32, u32)> = None;
        for (i, e) in ann.entities.iter().enumerate() {
            let at = format!("entities[{i}]");
            if let Some(k) = e.cluster {
                if k as usize >= ann.clusters.len() {
                    self.fail(
                        Kind::ClusterRef,
                        &at,
                        format!("cluster {k} but there are {} clusters", ann.clusters.len()),
                    );
                }
            }
            if !self.span(&at, e.start, e.end, Some(&e.text), Trim::Ends) {
                continue;
            }
            if let Some((ps, pe)) = prev {
                if e.start < ps || (e.start == ps && e.end > pe) {
                    self.fail(
                        Kind::EntitiesUnsorted,
                        &at,
                        format!("{}..{} after {ps}..{pe}", e.start, e.end),
                    );
                }
            }
            prev = Some((e.start, e.end));
            while open.last().map_or(false, |&(_, end)| end <= e.start) {
                open.pop();
            }
            if let Some(&(j, end)) = open.last() {
                if e.end > end {
                    self.fail(
                        Kind::EntitiesCross,
                        &at,
                        format!(
                            "{}..{} crosses entities[{j}] ending at {end}",
                            e.start, e.end
                        ),
                    );
                }
            }
            open.push((i, e.end));
            if sentence_containing(&ann.sentences, e.start, e.end).is_none() {
                self.fail(
                    Kind::CrossesSentence,
                    &at,
                    format!(
                        "{} at {}..{} is not inside one sentence",
                        show(&e.text),
                        e.start,
                        e.end
                    ),
                );
            }
        }
    }

    fn attributions(&mut self, ann: &Annotations) {
        let sents = &ann.sentences;
        let mut prev_start = 0u32;
        for (i, a) in ann.attributions.iter().enumerate() {
            let at = format!("attributions[{i}]");
            if let Some(k) = a.source_cluster {
                if k as usize >= ann.clusters.len() {
                    self.fail(
                        Kind::ClusterRef,
                        format!("{at}.source_cluster"),
                        format!("cluster {k} but there are {} clusters", ann.clusters.len()),
                    );
                }
            }
            let c = &a.content;
            if c.start < prev_start {
                self.fail(
                    Kind::AttributionsUnsorted,
                    &at,
                    format!(
                        "content starts at {} after one starting at {prev_start}",
                        c.start
                    ),
                );
            }
            prev_start = c.start;
            let content_ok = self.span(
                &format!("{at}.content"),
                c.start,
                c.end,
                Some(&c.text),
                Trim::Any,
            );

            self.content_parts(&at, a);

            // The window: WINDOW_SENTENCES around the sentences the content overlaps.
            let window = if content_ok && !sents.is_empty() {
                let first = sents.partition_point(|s| s.end <= c.start);
                let last = sents.partition_point(|s| s.start < c.end).checked_sub(1);
                match last {
                    Some(last) if first < sents.len() && first <= last => {
                        let lo = first.saturating_sub(WINDOW_SENTENCES);
                        let hi = (last + WINDOW_SENTENCES).min(sents.len() - 1);
                        Some((sents[lo].start, sents[hi].end))
                    }
                    _ => {
                        self.fail(
                            Kind::OutsideSentences,
                            format!("{at}.content"),
                            format!("{}..{} overlaps no sentence", c.start, c.end),
                        );
                        None
                    }
                }
            } else {
                None
            };

            let mut parts: Vec<(String, &crate::model::Span)> = Vec::new();
            if let Some(s) = &a.source {
                parts.push((format!("{at}.source"), s));
            }
            if let Some(s) = &a.cue {
                parts.push((format!("{at}.cue"), s));
            }
            if let Some(v) = &a.via {
                parts.push((format!("{at}.via.source"), &v.source));
                if let Some(s) = &v.cue {
                    parts.push((format!("{at}.via.cue"), s));
                }
            }
            for (pat, s) in parts {
                if !self.span(&pat, s.start, s.end, Some(&s.text), Trim::Ends) {
                    continue;
                }
                if sentence_containing(sents, s.start, s.end).is_none() {
                    self.fail(
                        Kind::CrossesSentence,
                        &pat,
                        format!(
                            "{} at {}..{} is not inside one sentence",
                            show(&s.text),
                            s.start,
                            s.end
                        ),
                    );
                }
                if let Some((ws, we)) = window {
                    if s.start < ws || s.end > we {
                        self.fail(
                            Kind::OutsideWindow,
                            &pat,
                            format!(
                                "{}..{} is outside the window {ws}..{we} of content {}..{}",
                                s.start, s.end, c.start, c.end
                            ),
                        );
                    }
                }
            }
        }
    }

    fn content_parts(&mut self, at: &str, a: &crate::model::Attribution) {
        let at = format!("{at}.content_parts");
        let c = &a.content;
        let (Some(first), Some(last)) = (a.content_parts.first(), a.content_parts.last()) else {
            self.fail(Kind::ContentParts, &at, "no part".to_string());
            return;
        };
        if first.start != c.start || last.end != c.end {
            self.fail(
                Kind::ContentParts,
                &at,
                format!(
                    "parts run {}..{} but the content {}..{}",
                    first.start, last.end, c.start, c.end
                ),
            );
        }
        let mut prev_end = c.start;
        for (j, p) in a.content_parts.iter().enumerate() {
            let pat = format!("{at}[{j}]");
            self.span(&pat, p.start, p.end, Some(&p.text), Trim::Any);
            if p.start < prev_end || p.end > c.end {
                self.fail(
                    Kind::ContentParts,
                    &pat,
                    format!(
                        "{}..{} overlaps the part before (ending at {prev_end}) or leaves the content {}..{}",
                        p.start, p.end, c.start, c.end
                    ),
                );
            }
            prev_end = prev_end.max(p.end);
        }
    }

    fn clusters(&mut self, ann: &Annotations) {
        let mut counts = vec![0u32; ann.clusters.len()];
        for e in &ann.entities {
            if let Some(n) = e.cluster.and_then(|k| counts.get_mut(k as usize)) {
                *n += 1;
            }
        }
        for (i, c) in ann.clusters.iter().enumerate() {
            let at = format!("clusters[{i}]");
            if c.id as usize != i {
                self.fail(Kind::ClusterId, &at, format!("id {} at index {i}", c.id));
            }
            if c.mentions != counts[i] || c.mentions == 0 {
                self.fail(
                    Kind::ClusterCount,
                    &at,
                    format!(
                        "mentions {} but {} entities reference it",
                        c.mentions, counts[i]
                    ),
                );
            }
            if c.name.is_empty() || c.name.trim() != c.name {
                self.fail(
                    Kind::ClusterCount,
                    &at,
                    format!("name {} is empty or untrimmed", show(&c.name)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribution, Cluster, Entity, Label, Relay, SourceKind, Span, Stance};

    const INPUT: &str =
        "😀 Jacinda Ardern visited Nairobi.\n\n\u{201c}We will win,\u{201d} he said.";

    /// UTF-16 offset of the `n`th (0-based) occurrence of `needle`.
    fn at(needle: &str, n: usize) -> u32 {
        let b = INPUT.match_indices(needle).nth(n).expect("needle").0;
        INPUT[..b].encode_utf16().count() as u32
    }

    fn span(needle: &str) -> Span {
        let start = at(needle, 0);
        Span {
            start,
            end: start + needle.encode_utf16().count() as u32,
            text: needle.to_string(),
        }
    }

    fn entity(needle: &str, cluster: Option<u32>) -> Entity {
        let s = span(needle);
        Entity {
            start: s.start,
            end: s.end,
            label: Label::Person,
            text: s.text,
            cluster,
        }
    }

    fn range(from: &str, to: &str) -> Range {
        Range {
            start: at(from, 0),
            end: at(to, 0) + to.encode_utf16().count() as u32,
        }
    }

    /// A valid annotation of INPUT that every test breaks in one way.
    fn good() -> Annotations {
        Annotations {
            entities: vec![
                entity("Jacinda Ardern", Some(0)),
                entity("Jacinda", None),
                entity("Ardern", None),
                entity("Nairobi", Some(1)),
            ],
            attributions: vec![Attribution {
                source: Some(span("he")),
                source_kind: Some(SourceKind::Person),
                source_name: Some("Jacinda Ardern".into()),
                source_cluster: Some(0),
                cue: Some(span("said")),
                cue_stance: Some(Stance::Neutral),
                content: span("We will win,"),
                content_parts: vec![span("We will win,")],
                quote: true,
                via: None,
            }],
            clusters: vec![
                Cluster {
                    id: 0,
                    name: "Jacinda Ardern".into(),
                    label: Label::Person,
                    mentions: 1,
                },
                Cluster {
                    id: 1,
                    name: "Nairobi".into(),
                    label: Label::Gpe,
                    mentions: 1,
                },
            ],
            sentences: vec![range("😀", "Nairobi."), range("\u{201c}", "said.")],
        }
    }

    fn kinds(ann: &Annotations) -> Vec<Kind> {
        match check(INPUT, ann) {
            Ok(()) => vec![],
            Err(v) => v.list.iter().map(|v| v.kind).collect(),
        }
    }

    #[track_caller]
    fn catches(kind: Kind, ann: Annotations) {
        let found = kinds(&ann);
        assert!(found.contains(&kind), "expected {kind:?}, found {found:?}");
    }

    #[test]
    fn a_good_annotation_passes() {
        check(INPUT, &good()).unwrap();
        check("", &Annotations::default()).unwrap();
        check(" \r\n\0 ", &Annotations::default()).unwrap();
    }

    #[test]
    fn the_real_engines_pass_on_the_fixture() {
        check(INPUT, &crate::annotate(INPUT)).unwrap();
    }

    #[test]
    fn catches_bad_content_parts() {
        let mut a = good();
        a.attributions[0].content_parts.clear();
        catches(Kind::ContentParts, a);
        // two valid, sorted, disjoint parts pass
        let mut a = good();
        a.attributions[0].content_parts = vec![span("We"), span("win,")];
        check(INPUT, &a).unwrap();
        // overlapping
        let mut a = good();
        a.attributions[0].content_parts = vec![span("We will"), span("will win,")];
        catches(Kind::ContentParts, a);
        // unsorted
        let mut a = good();
        a.attributions[0].content_parts = vec![span("win,"), span("We")];
        catches(Kind::ContentParts, a);
        // not ending where the content does (outside it)
        let mut a = good();
        a.attributions[0].content_parts = vec![span("We will win,\u{201d}")];
        catches(Kind::ContentParts, a);
        // text differing from the slice
        let mut a = good();
        a.attributions[0].content_parts[0].text = "We will win!".into();
        catches(Kind::TextMismatch, a);
        // inside a surrogate pair
        let mut a = good();
        a.attributions[0].content_parts.insert(
            0,
            Span {
                start: 1,
                end: 2,
                text: String::new(),
            },
        );
        catches(Kind::SplitsSurrogatePair, a);
    }

    #[test]
    fn catches_out_of_bounds_inverted_and_empty() {
        let n = INPUT.encode_utf16().count() as u32;
        let mut a = good();
        a.entities[3].end = n + 1;
        catches(Kind::OutOfBounds, a);
        let mut a = good();
        a.attributions[0].content.start = a.attributions[0].content.end + 1;
        catches(Kind::Inverted, a);
        let mut a = good();
        a.entities[3].end = a.entities[3].start;
        a.entities[3].text.clear();
        catches(Kind::Empty, a);
        let mut a = good();
        a.sentences[1].end = n + 3;
        catches(Kind::OutOfBounds, a);
    }

    #[test]
    fn catches_a_split_surrogate_pair() {
        // The emoji is units 0..2: an end at 1 splits it.
        let mut a = good();
        a.sentences[0].start = 1;
        catches(Kind::SplitsSurrogatePair, a);
        let mut a = good();
        a.entities.insert(
            0,
            Entity {
                start: 0,
                end: 1,
                label: Label::Product,
                text: "\u{fffd}".into(),
                cluster: None,
            },
        );
        catches(Kind::SplitsSurrogatePair, a);
    }

    #[test]
    fn catches_text_that_differs_from_the_slice() {
        let mut a = good();
        a.entities[0].text = "Jacinda Ardern ".into();
        catches(Kind::TextMismatch, a);
        // Byte offsets instead of UTF-16 offsets (the emoji is 4 bytes, 2 units).
        let mut a = good();
        let b = INPUT.find("Nairobi").unwrap() as u32;
        a.entities[3].start = b;
        a.entities[3].end = b + 7;
        catches(Kind::TextMismatch, a);
        let mut a = good();
        a.attributions[0].cue.as_mut().unwrap().text = "says".into();
        catches(Kind::TextMismatch, a);
    }

    #[test]
    fn catches_untrimmed_spans() {
        let mut a = good();
        a.entities[3].end += 1;
        a.entities[3].text = "Nairobi.".into(); // not whitespace: fine
        assert!(!kinds(&a).contains(&Kind::Untrimmed));
        let mut a = good();
        let s = at(" visited", 0);
        a.entities[2].end = s + 1;
        a.entities[2].text = "Ardern ".into();
        catches(Kind::Untrimmed, a);
        let mut a = good();
        a.sentences[0].end += 1;
        catches(Kind::Untrimmed, a);
    }

    #[test]
    fn catches_unsorted_lists() {
        let mut a = good();
        a.entities.swap(0, 1); // shorter before longer at the same start
        catches(Kind::EntitiesUnsorted, a);
        let mut a = good();
        a.entities.swap(0, 3);
        catches(Kind::EntitiesUnsorted, a);
        let mut a = good();
        let mut second = a.attributions[0].clone();
        second.content = span("will");
        a.attributions.insert(0, second);
        catches(Kind::AttributionsUnsorted, a);
        let mut a = good();
        a.sentences.swap(0, 1);
        catches(Kind::SentencesUnsorted, a);
        let mut a = good();
        a.sentences[1].start = a.sentences[0].end - 1;
        catches(Kind::SentencesUnsorted, a);
    }

    #[test]
    fn catches_crossing_entities() {
        let mut a = good();
        // "Ardern visited" crosses nothing, but with "Jacinda Ardern"
        // it overlaps without containing.
        let s = span("Ardern visited");
        a.entities.insert(
            2,
            Entity {
                start: s.start,
                end: s.end,
                label: Label::Person,
                text: s.text,
                cluster: None,
            },
        );
        a.entities.remove(3); // the plain "Ardern", which would sort after
        catches(Kind::EntitiesCross, a);
    }

    #[test]
    fn catches_text_outside_sentences() {
        let mut a = good();
        a.sentences.remove(1);
        catches(Kind::OutsideSentences, a);
        let mut a = good();
        a.sentences[0].start = at("Jacinda", 0);
        catches(Kind::OutsideSentences, a);
        let mut a = good();
        a.sentences.clear();
        a.entities.clear();
        a.clusters.clear();
        a.attributions[0].source_cluster = None;
        let found = kinds(&a);
        assert!(found.contains(&Kind::OutsideSentences), "{found:?}");
    }

    #[test]
    fn catches_a_hard_line_break_inside_a_sentence() {
        // one sentence over the blank line
        let mut a = good();
        a.sentences = vec![range("😀", "said.")];
        catches(Kind::HardBreakInSentence, a);
        // a soft wrap (one LF before a word) may lie inside a sentence; an
        // indented line, a paragraph separator or VT may not
        let whole = |t: &str| Annotations {
            sentences: vec![Range {
                start: 0,
                end: t.encode_utf16().count() as u32,
            }],
            ..Annotations::default()
        };
        for t in ["New\nYork", "New\r\nYork", "New \rYork"] {
            check(t, &whole(t)).unwrap();
        }
        for t in [
            "New\n York",
            "New\n\nYork",
            "New\r\n\r\nYork",
            "New\u{2029}York",
            "New\u{b}York",
            "New\n\0York",
        ] {
            let found = check(t, &whole(t)).unwrap_err();
            assert!(found.has(Kind::HardBreakInSentence), "{t:?}: {found}");
        }
    }

    #[test]
    fn catches_spans_across_sentences() {
        let mut a = good();
        let (s, e) = (at("Nairobi", 0), at("We", 0) + 2);
        let text =
            String::from_utf16(&INPUT.encode_utf16().collect::<Vec<_>>()[s as usize..e as usize])
                .unwrap();
        a.entities.push(Entity {
            start: s,
            end: e,
            label: Label::Gpe,
            text: text.clone(),
            cluster: None,
        });
        a.entities.swap(3, 4);
        let found = kinds(&a);
        assert!(found.contains(&Kind::CrossesSentence), "{found:?}");
        let mut a = good();
        a.attributions[0].source = Some(Span {
            start: s,
            end: e,
            text,
        });
        catches(Kind::CrossesSentence, a);
    }

    #[test]
    fn catches_parts_outside_the_window() {
        // Five more one-line sentences after the quote, then a speaker.
        let input = format!("{INPUT}\nOne.\nTwo.\nThree.\nFour.\nFive.\nSmith");
        let mut a = good();
        for w in ["One.", "Two.", "Three.", "Four.", "Five.", "Smith"] {
            let b = input.find(w).unwrap();
            let s = input[..b].encode_utf16().count() as u32;
            a.sentences.push(Range {
                start: s,
                end: s + w.len() as u32,
            });
        }
        check(&input, &a).unwrap();
        let b = input.find("Smith").unwrap();
        let s = input[..b].encode_utf16().count() as u32;
        let smith = Span {
            start: s,
            end: s + 5,
            text: "Smith".into(),
        };
        let mut far = a.clone();
        far.attributions[0].source = Some(smith.clone());
        let v = check(&input, &far).unwrap_err();
        assert!(v.has(Kind::OutsideWindow), "{v}");
        let mut relayed = a.clone();
        relayed.attributions[0].via = Some(Relay {
            source: smith,
            source_kind: SourceKind::Media,
            cue: None,
        });
        let v = check(&input, &relayed).unwrap_err();
        assert!(v.has(Kind::OutsideWindow), "{v}");
        // WINDOW_SENTENCES after the content's sentence is still inside.
        let b = input.find("Two").unwrap();
        let s = input[..b].encode_utf16().count() as u32;
        let mut near = a.clone();
        near.attributions[0].cue = Some(Span {
            start: s,
            end: s + 3,
            text: "Two".into(),
        });
        check(&input, &near).unwrap();
    }

    #[test]
    fn catches_bad_clusters() {
        let mut a = good();
        a.clusters[1].id = 5;
        catches(Kind::ClusterId, a);
        let mut a = good();
        a.entities[3].cluster = Some(2);
        catches(Kind::ClusterRef, a);
        let mut a = good();
        a.attributions[0].source_cluster = Some(7);
        catches(Kind::ClusterRef, a);
        let mut a = good();
        a.clusters[0].mentions = 2;
        catches(Kind::ClusterCount, a);
        let mut a = good();
        a.entities[1].cluster = Some(0); // now two entities reference cluster 0
        catches(Kind::ClusterCount, a);
        let mut a = good();
        a.clusters.push(Cluster {
            id: 2,
            name: "Nobody".into(),
            label: Label::Person,
            mentions: 0,
        });
        catches(Kind::ClusterCount, a);
        let mut a = good();
        a.clusters[1].name = " Nairobi".into();
        catches(Kind::ClusterCount, a);
    }

    #[test]
    fn lists_at_most_a_hundred() {
        let mut a = good();
        for _ in 0..500 {
            a.entities.push(Entity {
                start: 9999,
                end: 10000,
                label: Label::Person,
                text: String::new(),
                cluster: None,
            });
        }
        let v = check(INPUT, &a).unwrap_err();
        assert_eq!(v.list.len(), 100);
        assert!(v.more >= 400);
        assert!(v.to_string().contains("more"));
    }
}
