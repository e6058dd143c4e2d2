//! The cue lexicon (`data/cues.tsv`), the phrasal cues
//! (`data/attribution/phrases.tsv`) and the small closed word classes the
//! rules lean on (auxiliaries, determiners, pronouns, subordinators).
//!
//! The data files are compiled into static tables by `build.rs`
//! (`attribution_lexicon()`): nothing is parsed or allocated at run time.

use std::sync::OnceLock;

use super::Words;
use crate::model::Stance;

/// The syntactic frames a cue verb takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Frames {
    /// Clause or quote content; may be inverted ("..., said X") or post-posed.
    pub speech: bool,
    /// Clause content, post-posed allowed, never inverted.
    pub clause: bool,
    /// To-infinitive content ("plans to ...").
    pub to_inf: bool,
    /// Noun-phrase object content ("criticized the plan").
    pub object: bool,
    /// Only with "that" or a quote on the right ("maintained that ...": the
    /// verb has a common non-reporting sense with an object).
    pub that_only: bool,
}

/// The lemma of a cue: a static string that reads like a `String`
/// (`as_str()`, `==`, and every `str` method).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lemma(pub &'static str);

impl Lemma {
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl std::ops::Deref for Lemma {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl PartialEq<&str> for Lemma {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<str> for Lemma {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

#[derive(Debug, Clone)]
pub struct Cue {
    pub lemma: Lemma,
    /// Lowercase tokens of this surface form.
    pub tokens: &'static [&'static str],
    pub stance: Stance,
    pub frames: Frames,
    /// The form ends in "-ing" ("saying", "pointing out").
    pub gerund: bool,
    /// The form is the lemma itself ("say", "point out").
    pub base: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// "according to X"
    Source,
    /// "as reported by X"
    Relay,
    /// "in a statement"
    Channel,
    /// A noun cue with its owner: "X's claim that ...", "his pledge to ..."
    Noun,
}

#[derive(Debug, Clone)]
pub struct Phrase {
    pub tokens: &'static [&'static str],
    pub kind: PhraseKind,
    pub stance: Stance,
}

// CUES, CUE_FIRST, PHRASES, PHRASE_FIRST (see build.rs)
include!(concat!(env!("OUT_DIR"), "/attribution_lexicon.rs"));

/// The lexicon maps are looked up for every distinct word of every text
/// with short keys, where the default SipHash (or a byte-at-a-time FNV)
/// costs more than the lookup itself: the engine's eight-bytes-a-step hasher.
pub use crate::entities::fast::{FastMap, FastSet};

/// The group of a first token in a `*_FIRST` table: a number, `NONE` for a
/// word that begins no entry.
pub type Group = u16;
pub const NONE: Group = Group::MAX;

/// `pub fn $name(w: &str) -> bool` (is `w` one of the words?) and the
/// list of its words `$list`, from one list: the predicate for any string,
/// the list for the per-form class bits ([`classes`]), which so always agree.
macro_rules! word_list {
    ($(#[$doc:meta])* $vis:vis fn $name:ident, $list:ident = $($w:literal)|+) => {
        $(#[$doc])*
        $vis fn $name(w: &str) -> bool {
            matches!(w, $($w)|+)
        }
        const $list: &[&str] = &[$($w),+];
    };
}

/// The index of the `*_FIRST` tables and the word classes: each word's
/// [`Entry`] (one map: a word form is hashed once for both groups and its
/// classes), and a sketch of the words' shapes (first, second and last
/// byte, length), one bit a shape: most word forms of a text are in none
/// of the tables, and one bit test says so without hashing the word.
struct FirstIndex {
    /// Each word's entry, and the group of source rules looked up by it
    /// ([`super::sources`]; [`NONE`]: none).
    map: FastMap<&'static str, (Entry, Group)>,
    shapes: Vec<u64>,
    /// The longest word: a longer one (a giant token) is not hashed.
    max_len: usize,
}

/// Bits of [`FirstIndex::shapes`] (a power of two): some eight times the
/// words, so that few shapes of other words share a bit with one of them.
const SHAPE_BITS: usize = 1 << 15;

/// The bit of `w`'s shape in [`FirstIndex::shapes`] (`w` not empty).
#[inline]
fn shape_bit(w: &[u8]) -> usize {
    let (first, last) = (w[0] as u32, w[w.len() - 1] as u32);
    let second = w.get(1).copied().unwrap_or(0) as u32;
    let key = first | second << 8 | last << 16 | (w.len().min(255) as u32) << 24;
    (key.wrapping_mul(0x9E37_79B1) >> (32 - SHAPE_BITS.trailing_zeros())) as usize
}

/// What the lexicons know of one word form: its cue group, its phrase
/// group ([`NONE`]: none) and its closed word classes ([`class`] bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub groups: [Group; 2],
    pub class: u32,
}

/// The entry of a word no lexicon knows.
pub const NO_ENTRY: Entry = Entry {
    groups: [NONE; 2],
    class: 0,
};

/// Closed word classes the rules test at nearly every token, one bit each
/// of [`Entry::class`]: read once per distinct form of a text (with its
/// lexicon groups, in one lookup), a test is then one bit, not a string
/// comparison per word of the class.
pub mod class {
    /// [`super::is_aux`]
    pub const AUX: u32 = 1 << 0;
    /// [`super::is_determiner`]
    pub const DETERMINER: u32 = 1 << 1;
    /// [`super::is_subject_pronoun`]
    pub const SUBJECT_PRONOUN: u32 = 1 << 2;
    /// [`super::is_clause_boundary`]
    pub const CLAUSE_BOUNDARY: u32 = 1 << 3;
    /// [`super::is_terminal`]
    pub const TERMINAL: u32 = 1 << 4;
    /// [`super::is_quote_mark`]
    pub const QUOTE_MARK: u32 = 1 << 5;
    /// [`super::is_noun_cue_owner`]
    pub const NOUN_CUE_OWNER: u32 = 1 << 6;
    /// [`super::is_impersonal_cue`]
    pub const IMPERSONAL_CUE: u32 = 1 << 7;
    /// [`super::is_hedge`]
    pub const HEDGE: u32 = 1 << 8;
    /// [`super::is_comparison`]
    pub const COMPARISON: u32 = 1 << 9;
    /// [`super::is_comparative`]
    pub const COMPARATIVE: u32 = 1 << 10;
    /// [`super::is_have`]
    pub const HAVE: u32 = 1 << 11;
    /// [`super::is_content_break`]
    pub const CONTENT_BREAK: u32 = 1 << 12;
    /// A title of `data/attribution/sources.tsv` (`title` lines, the whole
    /// phrase lowercased).
    pub const SOURCE_TITLE: u32 = 1 << 13;
    /// A place of `data/attribution/places.txt` of one word.
    pub const PLACE: u32 = 1 << 14;
    /// The first word of a place of several words ("new" of "new york").
    pub const PLACE_START: u32 = 1 << 15;
    /// The second word of a cue form or phrase of several words: after any
    /// other word only the one-word entries of a group can stand.
    pub const SECOND_WORD: u32 = 1 << 16;
    /// [`super::is_be`]
    pub const BE: u32 = 1 << 17;
    /// [`super::is_cue_adverb`] but its "-ly" adverbs (a rule, not a
    /// list: [`super::is_ly_cue_adverb`], asked per use)
    pub const CUE_ADVERB_WORD: u32 = 1 << 18;
    /// [`super::blocks_verb`]
    pub const BLOCKS_VERB: u32 = 1 << 19;
    /// [`super::is_adjective_modifier`]
    pub const ADJECTIVE_MODIFIER: u32 = 1 << 20;
    /// A word a [`super::time_adjunct`] may begin with (a day, a month or
    /// [`super::is_time_lead`]): at any other word it finds none.
    pub const TIME_START: u32 = 1 << 21;
}

/// Each class bit with the words of its class.
const CLASSES: &[(u32, &[&str])] = &[
    (class::AUX, AUX_WORDS),
    (class::DETERMINER, DETERMINER_WORDS),
    (class::SUBJECT_PRONOUN, SUBJECT_PRONOUN_WORDS),
    (class::CLAUSE_BOUNDARY, CLAUSE_BOUNDARY_WORDS),
    (class::TERMINAL, TERMINAL_WORDS),
    (class::QUOTE_MARK, QUOTE_MARK_WORDS),
    (class::NOUN_CUE_OWNER, NOUN_CUE_OWNER_WORDS),
    (class::IMPERSONAL_CUE, IMPERSONAL_CUE_WORDS),
    (class::HEDGE, HEDGE_WORDS),
    (class::COMPARISON, COMPARISON_WORDS),
    (class::COMPARATIVE, COMPARATIVE_WORDS),
    (class::HAVE, HAVE_WORDS),
    (class::CONTENT_BREAK, CONTENT_BREAK_WORDS),
    (class::BE, BE_WORDS),
    (class::CUE_ADVERB_WORD, CUE_ADVERB_WORDS),
    (class::BLOCKS_VERB, BLOCKS_VERB_WORDS),
    (class::BLOCKS_VERB, ADJECTIVE_MODIFIER_WORDS),
    (class::ADJECTIVE_MODIFIER, ADJECTIVE_MODIFIER_WORDS),
    (class::TIME_START, DAY_WORDS),
    (class::TIME_START, MONTH_WORDS),
    (class::TIME_START, TIME_LEAD_WORDS),
];

word_list! {
    pub fn is_terminal, TERMINAL_WORDS = "." | "!" | "?" | "..." | "\u{2026}"
}

word_list! {
    pub fn is_quote_mark, QUOTE_MARK_WORDS =
        "\"" | "\u{201c}" | "\u{201d}" | "'" | "\u{2018}" | "\u{2019}" | "\u{ab}" | "\u{bb}"
}

word_list! {
    /// The word before a noun cue that owns it or qualifies the owner's
    /// ("his claim", "her own admission", "X's latest pledge").
    pub fn is_noun_cue_owner, NOUN_CUE_OWNER_WORDS =
        "'s" | "his" | "her" | "their" | "its" | "own" | "latest" | "repeated" | "new"
}

word_list! {
    /// The cue words of an attitude with no source ("seems to", "is
    /// expected to") or of a question ("Asked about ...").
    pub fn is_impersonal_cue, IMPERSONAL_CUE_WORDS =
        "asked" | "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared" | "expected"
}

word_list! {
    /// Words of a modal, hedged or personal sentence: no checkable claim.
    pub fn is_hedge, HEDGE_WORDS =
        "may"
            | "might"
            | "could"
            | "would"
            | "should"
            | "perhaps"
            | "possibly"
            | "probably"
            | "likely"
            | "unlikely"
            | "seems"
            | "seem"
            | "appears"
            | "if"
            | "whether"
            | "must"
            | "i"
            | "we"
            | "you"
            | "my"
            | "our"
            | "us"
            | "your"
            | "me"
            | "opinion"
            | "believe"
            | "think"
            | "?"
            | "!"
}

word_list! {
    /// Words of a comparison on their own ("largest", "twice", "percent").
    pub fn is_comparison, COMPARISON_WORDS =
        "largest"
            | "biggest"
            | "highest"
            | "lowest"
            | "smallest"
            | "fastest"
            | "slowest"
            | "record"
            | "twice"
            | "doubled"
            | "tripled"
            | "halved"
            | "percent"
            | "per"
            | "%"
            | "majority"
            | "minority"
            | "first-ever"
}

word_list! {
    /// Comparatives that compare with "than" after them.
    pub fn is_comparative, COMPARATIVE_WORDS =
        "more" | "less" | "fewer" | "greater" | "higher" | "lower"
}

word_list! {
    /// The auxiliary of the perfect.
    pub fn is_have, HAVE_WORDS = "has" | "have" | "had"
}

word_list! {
    /// The only words at which a right-hand content may end early (before
    /// a participle, a relay, a new speaker, an aside or a coordinated cue;
    /// see `reported::content_end`): at any other word it runs on.
    pub fn is_content_break, CONTENT_BREAK_WORDS =
        "," | ";"
            | "\u{2014}"
            | "--"
            | "("
            | "and"
            | "but"
            | "while"
            | "whereas"
            | "although"
            | "though"
}

/// `w`'s lexicon entry: its cue group, phrase group and class bits,
/// through one index of the tables and classes built on first use (a binary
/// search cost some 20 string comparisons a word form). A word longer than
/// any in them is not hashed: a giant token costs nothing.
pub fn entry(w: &str) -> Entry {
    entry_and_source(w).0
}

/// [`entry`], and the group of source rules looked up by `w`
/// ([`super::sources`]; [`NONE`]: none), from the same lookup.
pub fn entry_and_source(w: &str) -> (Entry, Group) {
    use super::sources::{PLACES, PLACES_OF_SEVERAL_WORDS, SOURCE_TITLES};
    static INDEX: OnceLock<FirstIndex> = OnceLock::new();
    let ix = INDEX.get_or_init(|| {
        type Map = FastMap<&'static str, (Entry, Group)>;
        fn at<'m>(map: &'m mut Map, w: &'static str) -> &'m mut (Entry, Group) {
            map.entry(w).or_insert((NO_ENTRY, NONE))
        }
        // (sized once: ~2,500 words, which growing by doubling rehashed
        // some 2,000 times over on the first call; the same 4,096 buckets)
        let words = CUE_FIRST.len() + PHRASE_FIRST.len() + 1024;
        let mut map = Map::with_capacity_and_hasher(words, Default::default());
        for (slot, table) in [CUE_FIRST, PHRASE_FIRST].into_iter().enumerate() {
            for (k, e) in table.iter().enumerate() {
                let g = &mut at(&mut map, e.0).0.groups[slot];
                if *g == NONE {
                    *g = k as Group;
                }
            }
        }
        for &(bit, words) in CLASSES {
            for &w in words {
                at(&mut map, w).0.class |= bit;
            }
        }
        let cue_forms = CUES.iter().map(|c| c.tokens);
        for tokens in cue_forms.chain(PHRASES.iter().map(|p| p.tokens)) {
            if let Some(&second) = tokens.get(1) {
                at(&mut map, second).0.class |= class::SECOND_WORD;
            }
        }
        for w in SOURCE_TITLES.lines() {
            at(&mut map, w).0.class |= class::SOURCE_TITLE;
        }
        for p in PLACES.lines() {
            at(&mut map, p).0.class |= class::PLACE;
        }
        for p in PLACES_OF_SEVERAL_WORDS.lines() {
            let first = p.split(' ').next().unwrap_or(p);
            at(&mut map, first).0.class |= class::PLACE_START;
        }
        for (w, g) in super::sources::rule_words() {
            at(&mut map, w).1 = g;
        }
        let mut shapes = vec![0u64; SHAPE_BITS / 64];
        let mut max_len = 0;
        for w in map.keys().filter(|w| !w.is_empty()) {
            let b = shape_bit(w.as_bytes());
            shapes[b / 64] |= 1 << (b % 64);
            max_len = max_len.max(w.len());
        }
        FirstIndex {
            map,
            shapes,
            max_len,
        }
    });
    let unknown = (NO_ENTRY, NONE);
    let bytes = w.as_bytes();
    if bytes.len() > ix.max_len {
        return unknown;
    }
    if !bytes.is_empty() {
        let b = shape_bit(bytes);
        if ix.shapes.get(b / 64).map_or(0, |x| x >> (b % 64)) & 1 == 0 {
            return unknown;
        }
    }
    ix.map.get(w).copied().unwrap_or(unknown)
}

/// The group of cue forms that begin with the word `w` ([`NONE`]: none).
pub fn cue_group(w: &str) -> Group {
    entry(w).groups[0]
}

/// The group of phrases that begin with the word `w` ([`NONE`]: none).
pub fn phrase_group(w: &str) -> Group {
    entry(w).groups[1]
}

fn group_of<T>(items: &'static [T], table: &[(&str, u16, u16)], g: Group) -> &'static [T] {
    table
        .get(g as usize)
        .and_then(|&(_, s, e)| items.get(s as usize..e as usize))
        .unwrap_or(&[])
}

/// The compiled-in lexicon.
pub struct Lexicon {
    _private: (),
}

static LEX: Lexicon = Lexicon { _private: () };

impl Lexicon {
    /// The compiled-in lexicon.
    pub fn get() -> &'static Lexicon {
        &LEX
    }

    /// The longest cue form starting at token `i` of `lower`.
    /// (Asked at nearly every token: inlined, it answers a word that begins
    /// no cue form from its group alone, without a call.)
    #[inline]
    pub fn cue_at<W: Words + ?Sized>(&self, lower: &W, i: usize) -> Option<&'static Cue> {
        let g = lower.cue_group(i);
        if g == NONE {
            return None;
        }
        cue_in_group(lower, i, g)
    }

    /// The longest phrase of `kind` starting at token `i`.
    pub fn phrase_at<W: Words + ?Sized>(
        &self,
        lower: &W,
        i: usize,
        kind: PhraseKind,
    ) -> Option<&'static Phrase> {
        self.phrase_of(lower, i, &[kind])
    }

    /// The longest phrase of the first of `kinds` that has one at token `i`
    /// (one lookup for several kinds).
    /// (Inlined like [`Lexicon::cue_at`].)
    #[inline]
    pub fn phrase_of<W: Words + ?Sized>(
        &self,
        lower: &W,
        i: usize,
        kinds: &[PhraseKind],
    ) -> Option<&'static Phrase> {
        let g = lower.phrase_group(i);
        if g == NONE {
            return None;
        }
        phrase_in_group(lower, i, g, kinds)
    }

    /// Number of distinct cue forms (for tests and the README).
    pub fn len(&self) -> usize {
        CUES.len()
    }

    pub fn lemmas(&self) -> usize {
        let mut l: Vec<&str> = CUES.iter().map(|c| c.lemma.as_str()).collect();
        l.sort_unstable();
        l.dedup();
        l.len()
    }
}

/// The longest cue form of group `g` (not [`NONE`]) standing at token `i`.
fn cue_in_group<W: Words + ?Sized>(lower: &W, i: usize, g: Group) -> Option<&'static Cue> {
    let next = lower.word(i + 1);
    let mut forms = group_of(CUES, CUE_FIRST, g);
    // (longest first: before a word that is no entry's second word only
    // the one-word form can stand)
    if !lower.may_be_second(i + 1) {
        forms = &forms[forms.partition_point(|c| c.tokens.len() > 1)..];
    }
    forms.iter().find(|c| matches_at(lower, i, next, c.tokens))
}

/// The longest phrase of group `g` (not [`NONE`]) of the first of `kinds`
/// that has one at token `i`.
fn phrase_in_group<W: Words + ?Sized>(
    lower: &W,
    i: usize,
    g: Group,
    kinds: &[PhraseKind],
) -> Option<&'static Phrase> {
    // one pass over the group: the best kind so far, the first phrase
    // of it that stands here (a pass per kind read the group again)
    let mut best: Option<(usize, &'static Phrase)> = None;
    let next = lower.word(i + 1);
    let mut phrases = group_of(PHRASES, PHRASE_FIRST, g);
    // (longest first, as in `cue_in_group`)
    if !lower.may_be_second(i + 1) {
        phrases = &phrases[phrases.partition_point(|p| p.tokens.len() > 1)..];
    }
    for p in phrases {
        let Some(rank) = kinds.iter().position(|&k| k == p.kind) else {
            continue;
        };
        if best.map_or(true, |(b, _)| rank < b) && matches_at(lower, i, next, p.tokens) {
            best = Some((rank, p));
            if rank == 0 {
                break;
            }
        }
    }
    best.map(|(_, p)| p)
}

/// Does the entry `toks` stand at token `i`? (Its first token is known to
/// match: the group says so.) `next` is the word of token `i + 1`, read
/// once for all the entries of a group: most entries of several words
/// fail on their second.
fn matches_at<W: Words + ?Sized>(lower: &W, i: usize, next: Option<&str>, toks: &[&str]) -> bool {
    match toks {
        [] | [_] => true,
        [_, second, rest @ ..] => {
            next == Some(*second)
                && rest
                    .iter()
                    .enumerate()
                    .all(|(k, t)| lower.word(i + 2 + k) == Some(*t))
        }
    }
}

word_list! {
    pub fn is_aux, AUX_WORDS =
        "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "should"
            | "must"
            | "shall"
            | "did"
            | "does"
            | "do"
            | "'s"
            | "'ve"
            | "'d"
            | "'ll"
            | "'re"
            | "'m"
            | "am"
            | "didn't"
            | "doesn't"
            | "don't"
            | "won't"
            | "wouldn't"
            | "hasn't"
            | "haven't"
            | "hadn't"
            | "isn't"
            | "wasn't"
            | "weren't"
            | "can't"
            | "couldn't"
            | "shouldn't"
            | "aren't"
}

word_list! {
    pub fn is_be, BE_WORDS =
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "'s"
            | "'re"
            | "isn't"
            | "wasn't"
            | "weren't"
            | "aren't"
}

word_list! {
    /// The words of [`is_cue_adverb`] but its "-ly" adverbs.
    fn is_cue_adverb_word, CUE_ADVERB_WORDS =
        "not"
            | "never"
            | "also"
            | "previously"
            | "then"
            | "again"
            | "now"
            | "still"
            | "already"
            | "first"
            | "recently"
            | "once"
            | "even"
            | "just"
            | "only"
            | "further"
            | "later"
            | "long"
            | "often"
            | "since"
            | "ever"
            | "always"
            | "reportedly"
            | "allegedly"
            | "apparently"
            | "too"
            | "n't"
            | "soon"
            | "quickly"
            | "basically"
            | "has"
}

/// Adverbs and negation that may stand between a source and its cue and
/// become part of the cue ("has also said", "repeatedly denied").
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn is_cue_adverb(w: &str) -> bool {
    is_cue_adverb_word(w) || is_ly_cue_adverb(w)
}

/// The "-ly" adverbs of [`is_cue_adverb`].
#[inline]
pub fn is_ly_cue_adverb(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ly")
        && !matches!(
            w,
            "only"
                | "early"
                | "family"
                | "italy"
                | "july"
                | "ally"
                | "rally"
                | "daily"
                | "weekly"
                | "monthly"
                | "assembly"
                | "reply"
                | "supply"
                | "apply"
                | "fly"
                | "holy"
                | "bully"
        )
}

word_list! {
    pub fn is_determiner, DETERMINER_WORDS =
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "some"
            | "many"
            | "most"
            | "several"
            | "few"
            | "both"
            | "all"
            | "each"
            | "every"
            | "any"
            | "no"
            | "two"
            | "three"
            | "other"
            | "another"
            | "one"
            | "more"
            | "such"
}

word_list! {
    /// The words of [`blocks_verb`] but its adjectives.
    fn blocks_verb_word, BLOCKS_VERB_WORDS =
        "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "'s"
            | "no"
            | "any"
            | "every"
            | "each"
            | "such"
            | "of"
            | "in"
            | "for"
            | "with"
            | "on"
            | "by"
            | "from"
            | "into"
            | "without"
            | "about"
            | "under"
}

/// Words that head a noun phrase and make a following lexicon word a noun
/// ("the report", "his claims").
pub fn blocks_verb(w: &str) -> bool {
    is_adjective_modifier(w) || blocks_verb_word(w)
}

word_list! {
    /// The adjectives of [`blocks_verb`]: they make a noun of a base or -s form
    /// only ("official statement", but "an official said").
    pub fn is_adjective_modifier, ADJECTIVE_MODIFIER_WORDS =
        "new"
            | "public"
            | "first"
            | "recent"
            | "latest"
            | "own"
            | "strong"
            | "widespread"
            | "growing"
            | "broad"
            | "popular"
            | "initial"
            | "final"
            | "official"
            | "formal"
}

word_list! {
    pub fn is_subject_pronoun, SUBJECT_PRONOUN_WORDS =
        "he" | "she" | "they" | "i" | "we" | "you" | "it" | "who" | "which"
}

word_list! {
    /// Words that end a source phrase when walking left from a cue.
    pub fn is_clause_boundary, CLAUSE_BOUNDARY_WORDS =
        "," | ";"
            | ":"
            | "("
            | ")"
            | "["
            | "]"
            | "--"
            | "\u{2014}"
            | "\u{2013}"
            | "-"
            | "that"
            | "when"
            | "while"
            | "because"
            | "if"
            | "as"
            | "since"
            | "after"
            | "before"
            | "although"
            | "though"
            | "where"
            | "whether"
            | "than"
            | "so"
            | "but"
            | "until"
            | "unless"
            | "once"
            | "whereas"
            | "why"
            | "how"
            | "what"
            | "whom"
            | "whose"
            | "then"
            | "\""
            | "\u{201c}"
            | "\u{201d}"
            | "\u{2018}"
            | "\u{2019}"
            | "'"
            | "."
            | "?"
            | "!"
            | "…"
            | "yet"
            | "also"
            | "to"
            | "by"
            | "on"
            | "about"
            | "into"
            | "said"
            | "says"
            | "say"
}

word_list! {
    /// Days and day-like adverbs of [`time_adjunct`] ("on Monday", "yesterday").
    fn is_day, DAY_WORDS =
        "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "yesterday"
                | "today"
                | "tonight"
                | "earlier"
                | "later"
                | "recently"
                | "previously"
                | "overnight"
}

word_list! {
    /// The other words a [`time_adjunct`] may begin with (besides a day
    /// and a month): all of them have [`class::TIME_START`] (the predicate
    /// is the tests').
    #[cfg_attr(not(test), allow(dead_code))]
    fn is_time_lead, TIME_LEAD_WORDS =
        "on" | "in" | "that" | "last" | "this" | "next" | "earlier" | "late" | "early"
}

/// Time adjuncts skipped between a cue and its content ("noted on Wednesday
/// that"): returns how many tokens from `i` form one, or 0.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn time_adjunct<W: Words + ?Sized>(lower: &W, i: usize) -> usize {
    let w = |k: usize| lower.word(i + k).unwrap_or("");
    // "Friday afternoon", "on Monday night"
    let part = |s: &str| matches!(s, "morning" | "afternoon" | "evening" | "night");
    let weekday = |s: &str| s.ends_with("day") && is_day(s) && s != "today";
    if is_day(w(0)) {
        return if weekday(w(0)) && part(w(1)) { 2 } else { 1 };
    }
    if w(0) == "on" && is_day(w(1)) {
        return if weekday(w(1)) && part(w(2)) { 3 } else { 2 };
    }
    if w(0) == "that"
        && matches!(
            w(1),
            "night"
                | "day"
                | "morning"
                | "evening"
                | "afternoon"
                | "week"
                | "weekend"
                | "month"
                | "year"
                | "time"
        )
    {
        return 2;
    }
    if matches!(
        w(0),
        "last" | "this" | "next" | "earlier" | "late" | "early"
    ) && matches!(
        w(1),
        "week"
            | "month"
            | "year"
            | "night"
            | "weekend"
            | "morning"
            | "evening"
            | "afternoon"
            | "summer"
            | "spring"
            | "fall"
            | "winter"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    ) {
        return 2;
    }
    if matches!(w(0), "on" | "in") && month(w(1)) {
        let mut n = 2;
        if w(n).chars().next().map_or(false, |c| c.is_ascii_digit()) {
            n += 1;
        }
        return n;
    }
    if month(w(0)) && w(1).chars().next().map_or(false, |c| c.is_ascii_digit()) {
        return 2;
    }
    0
}

word_list! {
    fn month, MONTH_WORDS =
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan."
            | "feb."
            | "aug."
            | "sept."
            | "sep."
            | "oct."
            | "nov."
            | "dec."
}

#[cfg(test)]
mod tests {
    use super::*;

    fn low(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn class_bits_are_the_predicates() {
        let preds: [(u32, fn(&str) -> bool); 18] = [
            (class::AUX, is_aux),
            (class::DETERMINER, is_determiner),
            (class::SUBJECT_PRONOUN, is_subject_pronoun),
            (class::CLAUSE_BOUNDARY, is_clause_boundary),
            (class::TERMINAL, is_terminal),
            (class::QUOTE_MARK, is_quote_mark),
            (class::NOUN_CUE_OWNER, is_noun_cue_owner),
            (class::IMPERSONAL_CUE, is_impersonal_cue),
            (class::HEDGE, is_hedge),
            (class::COMPARISON, is_comparison),
            (class::COMPARATIVE, is_comparative),
            (class::HAVE, is_have),
            (class::CONTENT_BREAK, is_content_break),
            (class::BE, is_be),
            (class::CUE_ADVERB_WORD, is_cue_adverb_word),
            (class::BLOCKS_VERB, blocks_verb),
            (class::ADJECTIVE_MODIFIER, is_adjective_modifier),
            (class::TIME_START, |w| {
                is_day(w) || month(w) || is_time_lead(w)
            }),
        ];
        // each class of the table has its predicate (a class may be of
        // several lists)
        let bits = |l: &mut dyn Iterator<Item = u32>| l.fold(0, |a, b| a | b);
        assert_eq!(
            bits(&mut preds.iter().map(|p| p.0)),
            bits(&mut CLASSES.iter().map(|c| c.0))
        );
        assert_eq!(preds.len(), 18);
        let words = CLASSES.iter().flat_map(|c| c.1.iter().copied());
        for w in words.chain(["said", "", "x", "hass", "\u{2019}s"]) {
            for &(bit, p) in &preds {
                assert_eq!(entry(w).class & bit != 0, p(w), "{w:?} {bit:#x}");
            }
        }
        // with the "-ly" adverbs, a cue adverb is any of them
        for w in ["also", "repeatedly", "only", "family", "fly", "ly", "said"] {
            let word = entry(w).class & class::CUE_ADVERB_WORD != 0;
            assert_eq!(word || is_ly_cue_adverb(w), is_cue_adverb(w), "{w:?}");
        }
    }

    #[test]
    fn lexicon_is_large_and_typed() {
        let lex = Lexicon::get();
        assert!(lex.lemmas() >= 300, "{} lemmas", lex.lemmas());
        assert!(lex.len() >= 1000, "{} forms", lex.len());
        let l = low("he said it");
        let said = lex.cue_at(&l, 1).unwrap();
        assert_eq!((said.lemma.as_str(), said.stance), ("say", Stance::Neutral));
        assert!(said.frames.speech);
    }

    #[test]
    fn stance_classes() {
        let lex = Lexicon::get();
        for (w, st) in [
            ("revealed", Stance::Assertive),
            ("confirmed", Stance::Assertive),
            ("disclosed", Stance::Assertive),
            ("alleging", Stance::Hedged),
            ("claimed", Stance::Hedged),
            ("denied", Stance::Denial),
            ("rejects", Stance::Denial),
            ("noted", Stance::Neutral),
            ("indicated", Stance::Neutral),
        ] {
            let l = low(w);
            assert_eq!(lex.cue_at(&l, 0).map(|c| c.stance), Some(st), "{w}");
        }
    }

    #[test]
    fn multiword_forms_match_longest() {
        let lex = Lexicon::get();
        let l = low("she pointed out that");
        assert_eq!(lex.cue_at(&l, 1).unwrap().tokens.len(), 2);
        let l = low("they called for calm");
        assert_eq!(lex.cue_at(&l, 1).unwrap().lemma, "call for");
        let l = low("in a statement");
        assert!(lex.phrase_at(&l, 2, PhraseKind::Channel).is_some());
        let l = low("as reported by the agency");
        assert!(lex.phrase_at(&l, 0, PhraseKind::Relay).is_some());
        let l = low("according to officials");
        assert!(lex.phrase_at(&l, 0, PhraseKind::Source).is_some());
    }

    #[test]
    fn frames_and_forms() {
        let lex = Lexicon::get();
        let l = low("plans to");
        assert!(lex.cue_at(&l, 0).unwrap().frames.to_inf);
        let l = low("saying");
        assert!(lex.cue_at(&l, 0).unwrap().gerund);
        let l = low("criticized");
        assert!(lex.cue_at(&l, 0).unwrap().frames.object);
    }

    #[test]
    fn time_adjuncts() {
        assert_eq!(time_adjunct(&low("on wednesday that"), 0), 2);
        assert_eq!(time_adjunct(&low("friday afternoon , as"), 0), 2);
        assert_eq!(time_adjunct(&low("on monday night that"), 0), 3);
        assert_eq!(time_adjunct(&low("today night"), 0), 1);
        assert_eq!(time_adjunct(&low("last week that"), 0), 2);
        assert_eq!(time_adjunct(&low("that"), 0), 0);
        assert_eq!(time_adjunct(&low(""), 0), 0);
        // none begins with a word not of the class
        for s in [
            "on wednesday that",
            "friday afternoon",
            "yesterday",
            "that night",
            "last week",
            "in may 2",
            "may 2",
            "sept. 11",
            "earlier this",
        ] {
            let w = low(s);
            assert!(time_adjunct(&w, 0) > 0, "{s}");
            assert!(entry(&w[0]).class & class::TIME_START != 0, "{s}");
        }
    }
}
