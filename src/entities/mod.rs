//! Entity engine: finds mentions and groups them into clusters.
//!
//! Layers, each in its own file with its own tests:
//! - [`segment`]: sentence starts and headline lines as names see them;
//! - [`lexicon`]: countries, demonyms, cities, given names, titles, org
//!   words, outlets, regions (open data, see `data/lexicons/SOURCES.md`);
//! - [`features`] + [`tagger`]: a learned greedy BIO tagger for PER / ORG /
//!   LOC / MISC names (weights in `data/model/ner.bin`, trained by
//!   `src/bin/train-ner.rs` on CoNLL++);
//! - [`labels`]: CoNLL types refined into OntoNotes labels (GPE vs LOC vs
//!   FAC, NORP vs EVENT ...) and document-level consistency;
//! - [`numbers`]: DATE, TIME, MONEY, PERCENT, CARDINAL, ORDINAL, QUANTITY by
//!   rule;
//! - [`titles`]: TITLE for roles, kept apart from the person;
//! - [`clusters`]: mentions of the same referent grouped.

pub mod clusters;
pub mod conll;
pub mod features;
pub mod labels;
pub mod lexicon;
pub mod numbers;
pub mod segment;
pub mod tagger;
pub mod titles;

use crate::doc::Doc;
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

/// Finds every mention in the document. Linear in the number of tokens;
/// never panics.
pub fn find(doc: &Doc) -> Found {
    if doc.tokens.is_empty() {
        return Found::default();
    }
    let ctx = features::DocCtx::new(doc);
    let tags = tagger::tag(&ctx);
    let names = labels::refine(doc, &ctx, &tagger::spans(&tags));
    let mut mentions: Vec<Mention> = names
        .iter()
        .map(|&(a, b, label)| Mention {
            span: ByteSpan::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end),
            label,
            cluster: None,
        })
        .collect();
    let mut taken = vec![false; doc.tokens.len()];
    for &(a, b, _) in &names {
        for t in &mut taken[a..b] {
            *t = true;
        }
    }
    for (a, b, label) in titles::find(doc, &ctx, &taken) {
        for t in &mut taken[a..b] {
            *t = true;
        }
        mentions.push(Mention {
            span: ByteSpan::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end),
            label,
            cluster: None,
        });
    }
    for m in numbers::find(doc, &ctx, &taken) {
        mentions.push(m);
    }
    mentions.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)));
    let clusters = clusters::assign(doc.src, &mut mentions);
    Found { mentions, clusters }
}
