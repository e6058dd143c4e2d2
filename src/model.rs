//! The JSON contract shared by the page, the CLI, the library and the tests.
//!
//! All offsets are UTF-16 code units into the input, end exclusive, and every
//! `text` field equals JavaScript's `input.slice(start, end)`.

use serde::Serialize;

pub use crate::text::Span;

/// Entity labels, OntoNotes style, plus `TITLE` for roles ("Prime Minister").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Label {
    Person,
    Org,
    Gpe,
    Loc,
    Fac,
    Norp,
    Event,
    Product,
    WorkOfArt,
    Law,
    Language,
    Date,
    Time,
    Money,
    Percent,
    Cardinal,
    Ordinal,
    Quantity,
    Title,
}

impl Label {
    pub const ALL: [Label; 19] = [
        Label::Person,
        Label::Org,
        Label::Gpe,
        Label::Loc,
        Label::Fac,
        Label::Norp,
        Label::Event,
        Label::Product,
        Label::WorkOfArt,
        Label::Law,
        Label::Language,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Cardinal,
        Label::Ordinal,
        Label::Quantity,
        Label::Title,
    ];

    /// The label's name as it appears in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Fac => "FAC",
            Label::Norp => "NORP",
            Label::Event => "EVENT",
            Label::Product => "PRODUCT",
            Label::WorkOfArt => "WORK_OF_ART",
            Label::Law => "LAW",
            Label::Language => "LANGUAGE",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Cardinal => "CARDINAL",
            Label::Ordinal => "ORDINAL",
            Label::Quantity => "QUANTITY",
            Label::Title => "TITLE",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.iter().copied().find(|l| l.as_str() == s)
    }
}

/// What kind of source a claim rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Person,
    Organization,
    Office,
    Media,
    StateMedia,
    Anonymous,
    Document,
    Unattributed,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organization => "organization",
            SourceKind::Office => "office",
            SourceKind::Media => "media",
            SourceKind::StateMedia => "state_media",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Document => "document",
            SourceKind::Unattributed => "unattributed",
        }
    }
}

/// How the cue presents the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// "said", "noted", "according to"
    Neutral,
    /// "revealed", "confirmed", "disclosed"
    Assertive,
    /// "alleged", "claimed": the writer keeps a distance
    Hedged,
    /// "denied", "rejected"
    Denial,
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub start: u32,
    pub end: u32,
    pub label: Label,
    pub text: String,
    /// Index into [`Annotations::clusters`].
    pub cluster: Option<u32>,
}

/// All mentions of one referent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    pub id: u32,
    /// The fullest name the document uses ("Masoud Pezeshkian").
    pub name: String,
    pub label: Label,
    pub mentions: u32,
}

/// One reported statement: who says it, how, what, and on what kind of word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub source: Option<Span>,
    pub source_kind: Option<SourceKind>,
    /// The canonical name the source resolves to ("Abbas Araqchi" for "he").
    pub source_name: Option<String>,
    /// The entity cluster the source resolves to.
    pub source_cluster: Option<u32>,
    pub cue: Option<Span>,
    pub cue_stance: Option<Stance>,
    pub content: Span,
    /// True when the content is a direct quotation.
    pub quote: bool,
    /// A relay: "X noted ... as reported by Iranian state media" has source X
    /// and `via` Iranian state media.
    pub via: Option<Relay>,
}

/// The outlet or channel that relays a statement made by someone else.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relay {
    pub source: Span,
    pub source_kind: SourceKind,
    pub cue: Option<Span>,
}

/// Everything the core finds in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Annotations {
    /// Sorted by start, then by longer first.
    pub entities: Vec<Entity>,
    /// Sorted by content start.
    pub attributions: Vec<Attribution>,
    pub clusters: Vec<Cluster>,
    /// Sentence spans (start/end only), sorted and disjoint.
    pub sentences: Vec<Range>,
}

/// A span without its text, for structure that would only repeat the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub start: u32,
    pub end: u32,
}
