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
    /// People, including fictional ("Angela Merkel").
    Person,
    /// Companies, agencies, institutions, parties, armed groups.
    Org,
    /// Countries, cities, states: places with a government ("Iraq", "Tehran").
    Gpe,
    /// Other places: regions, mountains, bodies of water ("Middle East").
    Loc,
    /// Buildings, airports, roads, bridges ("Baghdad airport").
    Fac,
    /// Nationalities, religious and political groups ("Iranian").
    Norp,
    /// Named events: wars, storms, summits ("Israel-Hamas war").
    Event,
    /// Objects, vehicles, foods, software.
    Product,
    /// Titles of books, songs, films, reports.
    WorkOfArt,
    /// Named laws, treaties and agreements.
    Law,
    /// Named languages.
    Language,
    /// Absolute or relative dates and periods ("Wednesday", "2003").
    Date,
    /// Times of day.
    Time,
    /// Monetary amounts.
    Money,
    /// Percentages.
    Percent,
    /// Other numbers ("2,500", "14").
    Cardinal,
    /// "first", "third".
    Ordinal,
    /// Measurements: weight, distance.
    Quantity,
    /// Roles and titles ("Prime Minister", "Foreign Minister").
    Title,
}

impl Label {
    /// Every label, in the order of the enum (`label as usize` is its index).
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

    /// The label with this JSON name ("PERSON"), if any.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.iter().copied().find(|l| l.as_str() == s)
    }
}

/// What kind of source a claim rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A named person ("Olaf Scholz").
    Person,
    /// An organization, party, group or country speaking as one.
    Organization,
    /// An office or spokesperson ("Merkel's office", "the ministry's spokesman").
    Office,
    /// A media outlet.
    Media,
    /// State media ("Iranian state media", "IRNA").
    StateMedia,
    /// Unnamed sources ("sources acquainted with the matter").
    Anonymous,
    /// A document: a report, a statement, a study.
    Document,
    /// A claim with no source given.
    Unattributed,
}

impl SourceKind {
    /// Every kind, in the order of the enum (`kind as usize` is its index).
    pub const ALL: [SourceKind; 8] = [
        SourceKind::Person,
        SourceKind::Organization,
        SourceKind::Office,
        SourceKind::Media,
        SourceKind::StateMedia,
        SourceKind::Anonymous,
        SourceKind::Document,
        SourceKind::Unattributed,
    ];

    /// The kind's name as it appears in the JSON ("state_media").
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

impl Stance {
    /// Every stance, in the order of the enum (`stance as usize` is its index).
    pub const ALL: [Stance; 4] = [
        Stance::Neutral,
        Stance::Assertive,
        Stance::Hedged,
        Stance::Denial,
    ];

    /// The stance's name as it appears in the JSON ("hedged").
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Neutral => "neutral",
            Stance::Assertive => "assertive",
            Stance::Hedged => "hedged",
            Stance::Denial => "denial",
        }
    }
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
    /// What kind of entity.
    pub label: Label,
    /// Exactly the input's UTF-16 slice `start..end`.
    pub text: String,
    /// Index into [`Annotations::clusters`].
    pub cluster: Option<u32>,
}

/// All mentions of one referent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Its index in [`Annotations::clusters`].
    pub id: u32,
    /// The fullest name the document uses ("Angela Merkel").
    pub name: String,
    /// The label of its mentions.
    pub label: Label,
    /// How many entity mentions belong to it.
    pub mentions: u32,
}

/// One reported statement: who says it, how, what, and on what kind of word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    /// Who says it, as written ("Iranian Foreign Minister Olaf Scholz", "he"); `None` when no
    /// source is given.
    pub source: Option<Span>,
    /// What kind of source it is.
    pub source_kind: Option<SourceKind>,
    /// The canonical name the source resolves to ("Olaf Scholz" for "he").
    pub source_name: Option<String>,
    /// The entity cluster the source resolves to.
    pub source_cluster: Option<u32>,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: Option<Span>,
    /// How the cue presents the claim.
    pub cue_stance: Option<Stance>,
    /// What is claimed: the quotation or the reported statement.
    pub content: Span,
    /// The pieces of `content` that are the claim itself, sorted and disjoint:
    /// when the attribution's own source and cue sit inside `content` (a split
    /// quotation `"A," said X, a lawyer, "B."`, an aside `The plan, X said, is
    /// fair`), that stretch and the spaces, commas and dashes joining it are
    /// left out; quote marks stay with their piece (`"A,"`, `"B."`), as in
    /// PolNeAR. Otherwise one piece equal to `content`. Never empty.
    pub content_parts: Vec<Span>,
    /// True when the content is a direct quotation.
    pub quote: bool,
    /// A relay: "X noted ... as reported by Iranian state media" has source X
    /// and `via` Iranian state media.
    pub via: Option<Relay>,
}

/// The outlet or channel that relays a statement made by someone else.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relay {
    /// The relaying outlet, as written ("Iranian state media").
    pub source: Span,
    /// What kind of outlet.
    pub source_kind: SourceKind,
    /// The relaying phrase ("as reported by").
    pub cue: Option<Span>,
}

/// Everything the core finds in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Annotations {
    /// Sorted by start, then by longer first.
    pub entities: Vec<Entity>,
    /// Sorted by content start.
    pub attributions: Vec<Attribution>,
    /// The referents the entities belong to; [`Entity::cluster`] indexes into it.
    pub clusters: Vec<Cluster>,
    /// Sentence spans (start/end only), sorted and disjoint.
    pub sentences: Vec<Range>,
}

/// A span without its text, for structure that would only repeat the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wasm builder numbers labels, kinds and stances by `as usize` and names them by
    /// `as_str`: both must agree with `ALL` and with the JSON serde writes.
    #[test]
    fn every_list_is_in_enum_order_and_names_as_the_json_does() {
        for (i, l) in Label::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i);
            assert_eq!(json(l), format!("\"{}\"", l.as_str()));
        }
        for (i, k) in SourceKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
            assert_eq!(json(k), format!("\"{}\"", k.as_str()));
        }
        for (i, s) in Stance::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i);
            assert_eq!(json(s), format!("\"{}\"", s.as_str()));
        }
    }

    fn json<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap()
    }
}
