//! Attribution engine: quotes and reported speech with their sources.

use crate::doc::Doc;
use crate::entities;
use crate::model::{SourceKind, Stance};
use crate::text::ByteSpan;

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
    pub quote: bool,
    pub via: Option<RelayB>,
}

fn is_open(c: char) -> bool {
    matches!(c, '"' | '\u{201c}')
}
fn is_close(c: char) -> bool {
    matches!(c, '"' | '\u{201d}')
}

/// First engine: double-quoted spans as quotes, without sources.
pub fn find(doc: &Doc, _entities: &entities::Found) -> Vec<Found> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (b, c) in doc.src.char_indices() {
        match open {
            None if is_open(c) => open = Some(b + c.len_utf8()),
            Some(s) if is_close(c) => {
                if b > s {
                    out.push(Found {
                        source: None,
                        source_kind: None,
                        source_name: None,
                        source_cluster: None,
                        cue: None,
                        cue_stance: None,
                        content: ByteSpan::new(s, b),
                        quote: true,
                        via: None,
                    });
                }
                open = None;
            }
            Some(_) if c == '\n' => open = None,
            _ => {}
        }
    }
    out
}
