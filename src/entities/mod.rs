//! Entity engine: finds mentions and groups them into clusters.

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

/// First engine: capitalised runs (not a lone sentence-initial word) as
/// candidate names and numbers as cardinals.
pub fn find(doc: &Doc) -> Found {
    let mut mentions = Vec::new();
    for s in &doc.sentences {
        let mut i = s.first;
        while i < s.last {
            let t = doc.tokens[i];
            let w = doc.tok(i);
            if t.kind == TokenKind::Number {
                mentions.push(Mention { span: t.span, label: Label::Cardinal, cluster: None });
                i += 1;
                continue;
            }
            if t.kind == TokenKind::Word && w.chars().next().map_or(false, char::is_uppercase) {
                let mut j = i + 1;
                while j < s.last
                    && doc.tokens[j].kind == TokenKind::Word
                    && doc.tok(j).chars().next().map_or(false, char::is_uppercase)
                {
                    j += 1;
                }
                if !(i == s.first && j == i + 1) {
                    let span = ByteSpan::new(t.span.start, doc.tokens[j - 1].span.end);
                    mentions.push(Mention { span, label: Label::Person, cluster: None });
                }
                i = j;
                continue;
            }
            i += 1;
        }
    }
    Found { mentions, clusters: Vec::new() }
}
