#![doc = include_str!("../README.md")]

// Functions of 40 lines or more that run once a sentence or a document carry
// `#[cfg_attr(target_arch = "wasm32", inline(never))]`. LLVM inlines every helper with one
// caller, which made 13-25 KB wasm functions (reported::sentence held the left and right
// frames); V8's optimizing compiler needs ~700 bytes of working memory a body byte and runs
// up to four such jobs at once, which was 15 MB of Node's peak memory (47 -> 32 MB above
// baseline), and smaller jobs tier up sooner. Per-token helpers stay inlinable: the marked
// ones are called at most ~19,000 times a pass over the Wikinews corpus (calls counted
// under callgrind), and the wasm's speed is unchanged. Natively nothing changes.
pub mod attribution;
pub mod chars;
pub mod check;
pub mod doc;
pub mod entities;
pub mod model;
pub mod parallel;
pub mod sort;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::{
    Annotations, Attribution, Cluster, Entity, Label, Range, Relay, SourceKind, Span, Stance,
};
pub use text::Text;

/// Annotates one text: entities with their clusters, attributions with their
/// sources, and sentence spans. Offsets are UTF-16 code units (see [`Span`]).
///
/// Never panics, and runs in time linear in the length of `text`.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn annotate(text: &str) -> Annotations {
    let doc = doc::Doc::new(text);
    let found = entities::find(&doc);
    let attrs = attribution::find(&doc, &found);
    let t = Text::new(text);

    let mut entities: Vec<Entity> = found
        .mentions
        .iter()
        .map(|m| {
            let sp = t.span(m.span.start, m.span.end);
            Entity {
                start: sp.start,
                end: sp.end,
                label: m.label,
                text: sp.text,
                cluster: m.cluster,
            }
        })
        .collect();
    sort::stable_sort_by_key(&mut entities, |e| {
        sort::key2(e.start as usize, sort::desc(e.end as usize))
    });

    // (the names moved, not copied: the engines are done with them)
    let clusters = found
        .clusters
        .into_iter()
        .enumerate()
        .map(|(i, c)| Cluster {
            id: i as u32,
            name: c.name,
            label: c.label,
            mentions: c.mentions,
        })
        .collect();

    let span = |b: &text::ByteSpan| t.span(b.start, b.end);
    // (the source names moved, not copied, like the cluster names)
    let mut attributions: Vec<Attribution> = attrs
        .into_iter()
        .map(|a| Attribution {
            source: a.source.as_ref().map(span),
            source_kind: a.source_kind,
            source_name: a.source_name,
            source_cluster: a.source_cluster,
            cue: a.cue.as_ref().map(span),
            cue_stance: a.cue_stance,
            content: span(&a.content),
            content_parts: a.content_parts.iter().map(span).collect(),
            quote: a.quote,
            via: a.via.as_ref().map(|r| Relay {
                source: span(&r.source),
                source_kind: r.source_kind,
                cue: r.cue.as_ref().map(span),
            }),
        })
        .collect();
    sort::stable_sort_by_key(&mut attributions, |a| {
        sort::key2(a.content.start as usize, a.content.end as usize)
    });

    let sentences = doc
        .sentences
        .iter()
        .map(|s| Range {
            start: t.utf16(s.span.start),
            end: t.utf16(s.span.end),
        })
        .collect();

    Annotations {
        entities,
        attributions,
        clusters,
        sentences,
    }
}
