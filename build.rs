//! Compiles the lexicons of `data/lexicons/` into one table at build time, so
//! the first call does not parse, tokenize and hash 30,000 entries (that was
//! most of the cold start). The entries are tokenized with the crate's own
//! tokenizer (`src/doc.rs`, compiled in here as a module), so a key here is
//! exactly what a lookup at run time builds from the text.
//!
//! Output: `$OUT_DIR/lexicon.bin` and `$OUT_DIR/lexicon_index.rs`, read by
//! `src/entities/lexicon.rs` (see [`write_lexicon`] for the layout).
//!
//! Class bits are `lexicon::Class` bits, plus `FIRST` (some phrase begins
//! with this word), `PHRASE` (the key has two or more tokens) and
//! `FIRST_TITLE` (some title phrase begins with this word).

#[path = "src/entities/calendar.rs"]
mod calendar;
#[allow(dead_code)]
#[path = "src/doc.rs"]
mod doc;

/// The build script's stand-in for `src/chars.rs` (whose tables this script
/// writes): the standard library's answers, for `src/doc.rs` compiled in here.
#[allow(dead_code)]
mod chars {
    pub fn is_alphabetic(c: char) -> bool {
        c.is_alphabetic()
    }
    pub fn is_alphanumeric(c: char) -> bool {
        c.is_alphanumeric()
    }
    pub fn is_numeric(c: char) -> bool {
        c.is_numeric()
    }
    pub fn is_uppercase(c: char) -> bool {
        c.is_uppercase()
    }
    pub fn is_lowercase(c: char) -> bool {
        c.is_lowercase()
    }
}

use calendar::{MONTHS, WEEKDAYS};
use std::collections::BTreeMap;
use std::path::Path;

// The bit numbers of `lexicon::Class`.
const COUNTRY: u16 = 1 << 0;
const DEMONYM: u16 = 1 << 1;
const CITY: u16 = 1 << 2;
const STATE: u16 = 1 << 3;
const REGION: u16 = 1 << 4;
const GIVEN_NAME: u16 = 1 << 5;
const TITLE: u16 = 1 << 6;
const ORG_SUFFIX: u16 = 1 << 7;
const ORG_HEAD: u16 = 1 << 8;
const OUTLET: u16 = 1 << 9;
const MONTH: u16 = 1 << 10;
const WEEKDAY: u16 = 1 << 11;
const COMMON: u16 = 1 << 12;
const FIRST: u16 = 1 << 13;
const PHRASE: u16 = 1 << 14;
const FIRST_TITLE: u16 = 1 << 15;

#[derive(Default)]
struct Table {
    /// key → (class bits, canonical name)
    entries: BTreeMap<String, (u16, Option<String>)>,
    /// first word of a phrase → the longest phrase beginning with it, in
    /// tokens
    longest: BTreeMap<String, usize>,
    max_len: usize,
}

/// The canonical name index takes the low bits of an entry's second u16, the
/// longest phrase beginning with the entry's word (in tokens) the top
/// `16 - NAME_BITS`: a phrase match stops trying longer keys there.
const NAME_BITS: u32 = 12;

/// The lookup key of an entry: its tokens, lower-cased, joined by one space.
fn key_of(entry: &str) -> (String, usize) {
    let toks = doc::tokenize(entry);
    let parts: Vec<String> = toks
        .iter()
        .map(|t| t.span.slice(entry).to_lowercase())
        .collect();
    (parts.join(" "), parts.len())
}

impl Table {
    fn add(&mut self, entry: &str, bits: u16) {
        let (key, n) = key_of(entry);
        if n == 0 {
            return;
        }
        if n == 1 {
            self.entries.entry(key).or_default().0 |= bits;
        } else {
            self.max_len = self.max_len.max(n);
            if let Some(f) = key.split(' ').next() {
                let first = if bits & TITLE != 0 {
                    FIRST | FIRST_TITLE
                } else {
                    FIRST
                };
                self.entries.entry(f.to_string()).or_default().0 |= first;
                let longest = self.longest.entry(f.to_string()).or_default();
                *longest = (*longest).max(n);
            }
            self.entries.entry(key).or_default().0 |= bits | PHRASE;
        }
    }

    fn canonical(&mut self, name: &str, canonical: &str) {
        let (key, n) = key_of(name);
        let e = self.entries.entry(key).or_default();
        if n > 1 {
            e.0 |= PHRASE;
        }
        e.1 = Some(canonical.trim().to_string());
    }
}

fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Entries of a front-coded list (written by `tools/lexicons/build.py`):
/// each line is one character, the number of characters shared with the
/// previous entry (0-9, a-z = 10-35), then the rest.
fn front_coded(src: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev = String::new();
    for l in src.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut chars = l.chars();
        let k = chars.next().and_then(|c| c.to_digit(36)).unwrap_or(0) as usize;
        let mut e: String = prev.chars().take(k).collect();
        e.push_str(chars.as_str());
        out.push(e.clone());
        prev = e;
    }
    out
}

fn read(name: &str) -> String {
    let path = format!("data/lexicons/{name}");
    println!("cargo:rerun-if-changed={path}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn build() -> Table {
    let mut t = Table {
        max_len: 1,
        ..Table::default()
    };
    for l in lines(&read("countries.txt")) {
        t.add(l, COUNTRY);
    }
    // in the order the engine used to build its maps: a later canonical name
    // for the same key wins
    let mut canon: Vec<(String, String)> = Vec::new();
    for l in lines(&read("countries_extra.txt")) {
        let mut it = l.split('\t');
        let name = it.next().unwrap_or("");
        t.add(name, COUNTRY);
        if let Some(c) = it.next() {
            canon.push((name.to_string(), c.to_string()));
        }
    }
    for l in lines(&read("country_aliases.txt")) {
        if let Some((c, alias)) = l.split_once('\t') {
            canon.push((alias.to_string(), c.to_string()));
        }
    }
    for (name, c) in &canon {
        t.canonical(name, c);
    }
    for l in lines(&read("demonyms.txt")) {
        t.add(l, DEMONYM);
        // plural nationals: "Iranians", "Iraqis"
        if l.ends_with('n') || l.ends_with('i') {
            t.add(&format!("{l}s"), DEMONYM);
        }
    }
    for l in lines(&read("groups.txt")) {
        t.add(l, DEMONYM);
    }
    for l in front_coded(&read("common_lower.txt")) {
        t.add(&l, COMMON);
    }
    for l in front_coded(&read("cities.txt")) {
        t.add(&l, CITY);
    }
    for l in lines(&read("us_states.txt")) {
        t.add(l, STATE);
    }
    for l in lines(&read("regions.txt")) {
        t.add(l, REGION);
    }
    for l in front_coded(&read("given_names.txt")) {
        t.add(&l, GIVEN_NAME);
    }
    for l in lines(&read("titles.txt")) {
        t.add(l, TITLE);
    }
    for l in lines(&read("org_words.txt")) {
        let mut it = l.split('\t');
        let (Some(w), Some(kind)) = (it.next(), it.next()) else {
            continue;
        };
        t.add(
            w,
            if kind.trim() == "head" {
                ORG_HEAD
            } else {
                ORG_SUFFIX
            },
        );
    }
    for l in lines(&read("outlets.txt")) {
        t.add(l, OUTLET);
    }
    for m in MONTHS {
        t.add(m, MONTH);
    }
    for d in WEEKDAYS {
        t.add(d, WEEKDAY);
    }
    t
}

/// Writes the lexicon: `lexicon.bin`, the entries in key order (u8 key
/// length, key, u16 class bits, u16 holding the canonical name index + 1 (0
/// for none) in its low [`NAME_BITS`] and the longest phrase beginning with
/// the key in the others), and `lexicon_index.rs`: the canonical names, the
/// longest phrase and `NAME_BITS`. The hash index over the entries is built at run time (`src/entities/lexicon.rs`),
/// not here: written out, the index and the entries in hash order cost the
/// gzipped wasm about 120 KB (sorted keys compress, hashes do not), and
/// building it takes about 2 M instructions once.
fn write_lexicon(dir: &Path) {
    let t = build();
    let mut names: Vec<&str> = t.entries.values().filter_map(|e| e.1.as_deref()).collect();
    names.sort_unstable();
    names.dedup();
    let mut entries = Vec::new();
    for (key, (bits, c)) in &t.entries {
        let ci = c
            .as_deref()
            .map_or(0, |c| names.binary_search(&c).map_or(0, |i| i + 1));
        assert!(ci < 1 << NAME_BITS, "too many canonical names");
        let longest = t.longest.get(key).copied().unwrap_or(0);
        let ci = (ci | longest << NAME_BITS) as u16;
        let len = u8::try_from(key.len()).expect("lexicon key longer than 255 bytes");
        entries.push(len);
        entries.extend_from_slice(key.as_bytes());
        entries.extend_from_slice(&bits.to_le_bytes());
        entries.extend_from_slice(&ci.to_le_bytes());
    }
    assert!(entries.len() < 1 << 24, "lexicon entries over 16 MB");
    assert!(t.max_len < 1 << (16 - NAME_BITS), "lexicon phrase too long");
    let index = format!(
        "const MAX_LEN: usize = {};\n\
         const NAME_BITS: u32 = {NAME_BITS};\n\
         static NAMES: [&str; {}] = {names:?};\n",
        t.max_len,
        names.len(),
    );
    std::fs::write(dir.join("lexicon.bin"), entries).expect("write lexicon.bin");
    std::fs::write(dir.join("lexicon_index.rs"), index).expect("write lexicon_index.rs");
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/doc.rs");
    println!("cargo:rerun-if-changed=src/entities/calendar.rs");
    let dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let dir = Path::new(&dir);
    write_lexicon(dir);
    std::fs::write(dir.join("chars.rs"), char_tables()).expect("write chars.rs");
    std::fs::write(dir.join("attribution_lexicon.rs"), attribution_lexicon())
        .expect("write attribution_lexicon.rs");
    std::fs::write(dir.join("attribution_sources.rs"), attribution_sources())
        .expect("write attribution_sources.rs");
}

/// `$OUT_DIR/attribution_sources.rs`, included by `src/attribution/sources.rs`:
/// `data/attribution/sources.tsv` and `data/attribution/places.txt` as static
/// tables, tokenized here with the crate's own tokenizer and lowercased as a
/// lookup lowercases a word ("\u{2019}" as "'"), so the first call parses and
/// hashes nothing of them (it tokenized ~600 lines, ~1.4 M instructions).
/// Word lists are single strings, a line a word, and a rule's tokens one
/// string, joined by spaces: tables of string pointers cost the wasm more
/// than the text itself.
///
/// * `ORDER`: the kinds the rules decide, in the order they are tried;
/// * `SOURCE_RULES`: the rules that can fire (a `title` rule only names a
///   title, a `head` rule of several words never fires: neither is kept),
///   grouped by first token (groups in token order, file order within a
///   group), each with its number in file order and its kind's place in
///   `ORDER`;
/// * `SOURCE_GROUPS`: where each group begins in `SOURCE_RULES`, then the
///   number of rules;
/// * `SOURCE_TITLES`: the `title` phrases, lowercased;
/// * `PLACES`: the places of one token; `PLACES_OF_SEVERAL_WORDS`: the
///   others, their tokens joined by a space.
fn attribution_sources() -> String {
    // the kinds in the order the rules try them (JSON name, `SourceKind` variant)
    const ORDER: [(&str, &str); 6] = [
        ("anonymous", "Anonymous"),
        ("state_media", "StateMedia"),
        ("office", "Office"),
        ("media", "Media"),
        ("document", "Document"),
        ("organization", "Organization"),
    ];
    fn file(path: &str) -> String {
        println!("cargo:rerun-if-changed={path}");
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }
    fn data_lines(s: &str) -> impl Iterator<Item = &str> {
        s.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    }
    // lowercase tokens as the rules see them ("Merkel's" -> "merkel", "'s")
    let toks = doc::lookup_tokens;
    let sources_tsv = file("data/attribution/sources.tsv");
    let places_txt = file("data/attribution/places.txt");
    let mut titles = String::new();
    // first token -> the rules it begins: (tokens, number, rank, how)
    let mut groups: BTreeMap<String, Vec<(String, usize, usize, &str)>> = BTreeMap::new();
    let mut count = 0;
    for line in data_lines(&sources_tsv) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        // a kind that is no source kind's JSON name names a title
        const KINDS: [&str; 8] = [
            "person",
            "organization",
            "office",
            "media",
            "state_media",
            "anonymous",
            "document",
            "unattributed",
        ];
        if !KINDS.contains(&cols[1]) {
            titles.push_str(&cols[0].to_lowercase());
            titles.push('\n');
        }
        let tokens = toks(cols[0]);
        let Some(rank) = ORDER.iter().position(|&(k, _)| k == cols[1]) else {
            continue;
        };
        let how = match cols[2].trim() {
            "head" => "Head",
            "name" => "Name",
            _ => "Any",
        };
        if tokens.is_empty() || how == "Head" && tokens.len() > 1 {
            continue;
        }
        assert!(
            tokens
                .iter()
                .all(|t| !t.is_empty() && !t.contains([' ', '\n'])),
            "a token with a space: {line}"
        );
        groups
            .entry(tokens[0].clone())
            .or_default()
            .push((tokens.join(" "), count, rank, how));
        count += 1;
    }
    assert!(count < u16::MAX as usize, "too many source rules");
    let mut s = String::from("static ORDER: [SourceKind; 6] = [");
    for (_, variant) in ORDER {
        s.push_str(&format!("SourceKind::{variant}, "));
    }
    s.push_str("];\nstatic SOURCE_RULES: &[Rule] = &[\n");
    let mut starts = Vec::new();
    let mut at = 0;
    for rules in groups.values() {
        starts.push(at);
        for (tokens, line, rank, how) in rules {
            s.push_str(&format!(
                "Rule {{ tokens: {tokens:?}, line: {line}, rank: {rank}, how: Match::{how} }},\n"
            ));
        }
        at += rules.len();
    }
    starts.push(at);
    s.push_str("];\n");
    s.push_str(&format!("static SOURCE_GROUPS: &[u16] = &{starts:?};\n"));
    s.push_str(&format!(
        "pub(super) static SOURCE_TITLES: &str = {titles:?};\n"
    ));
    let mut places: Vec<String> = data_lines(&places_txt).map(|l| toks(l).join(" ")).collect();
    places.sort();
    places.dedup();
    // (no token holds a space: the places with one are those of several words)
    let (several, one): (Vec<String>, Vec<String>) =
        places.into_iter().partition(|p| p.contains(' '));
    let lines = |v: Vec<String>| v.iter().map(|p| format!("{p}\n")).collect::<String>();
    s.push_str(&format!(
        "pub(super) static PLACES: &str = {:?};\n",
        lines(one)
    ));
    s.push_str(&format!(
        "pub(super) static PLACES_OF_SEVERAL_WORDS: &str = {:?};\n",
        lines(several)
    ));
    s
}

/// `$OUT_DIR/attribution_lexicon.rs`, included by `src/attribution/lexicon.rs`:
/// the cue forms of `data/cues.tsv` and the phrases of
/// `data/attribution/phrases.tsv` as static tables, so nothing is parsed at
/// run time. `CUES` and `PHRASES` are grouped by first token, longest first
/// within a group (ties in file order); `CUE_FIRST` and `PHRASE_FIRST` map
/// each first token, sorted, to its group `start..end`.
fn attribution_lexicon() -> String {
    struct CueRow {
        lemma: String,
        tokens: Vec<String>,
        stance: &'static str,
        frames: [bool; 5],
        gerund: bool,
        base: bool,
    }
    fn stance(s: &str) -> &'static str {
        match s.trim() {
            "assertive" => "Assertive",
            "hedged" => "Hedged",
            "denial" => "Denial",
            _ => "Neutral",
        }
    }
    fn data_lines(s: &str) -> impl Iterator<Item = Vec<&str>> {
        s.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
    }
    fn file(path: &str) -> String {
        println!("cargo:rerun-if-changed={path}");
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }
    let cues_tsv = file("data/cues.tsv");
    let phrases_tsv = file("data/attribution/phrases.tsv");
    let mut cues: BTreeMap<String, Vec<CueRow>> = BTreeMap::new();
    for cols in data_lines(&cues_tsv) {
        if cols.len() < 4 {
            continue;
        }
        let f = cols[3];
        let frames = ['s', 'c', 't', 'o', 'h'].map(|c| f.contains(c));
        for form in cols[1].split(',') {
            let tokens: Vec<String> = form.split_whitespace().map(str::to_lowercase).collect();
            let Some(first) = tokens.first().cloned() else {
                continue;
            };
            let last = tokens.last().map(String::as_str).unwrap_or("");
            let cue = CueRow {
                lemma: cols[0].to_string(),
                gerund: last.ends_with("ing") || first.ends_with("ing"),
                base: form == cols[0],
                tokens,
                stance: stance(cols[2]),
                frames,
            };
            let v = cues.entry(first).or_default();
            // one entry per surface form: merge frames of repeated forms
            if let Some(old) = v.iter_mut().find(|c| c.tokens == cue.tokens) {
                for k in 0..5 {
                    old.frames[k] |= cue.frames[k];
                }
                old.base |= cue.base;
            } else {
                v.push(cue);
            }
        }
    }
    let mut s = String::new();
    emit_grouped(
        &mut s,
        ("CUES", "Cue", "CUE_FIRST"),
        &mut cues,
        |c| c.tokens.len(),
        |c| {
            let [sp, cl, ti, ob, th] = c.frames;
            format!(
                "Cue {{ lemma: Lemma({:?}), tokens: &{:?}, stance: Stance::{}, frames: Frames {{ speech: {sp}, clause: {cl}, to_inf: {ti}, object: {ob}, that_only: {th} }}, gerund: {}, base: {} }},\n",
                c.lemma, c.tokens, c.stance, c.gerund, c.base
            )
        },
    );
    let mut phrases: BTreeMap<String, Vec<(Vec<String>, &'static str, &'static str)>> =
        BTreeMap::new();
    for cols in data_lines(&phrases_tsv) {
        if cols.len() < 3 {
            continue;
        }
        let kind = match cols[1] {
            "source" => "Source",
            "relay" => "Relay",
            "noun" => "Noun",
            _ => "Channel",
        };
        let tokens: Vec<String> = cols[0].split_whitespace().map(str::to_lowercase).collect();
        let Some(first) = tokens.first().cloned() else {
            continue;
        };
        phrases
            .entry(first)
            .or_default()
            .push((tokens, kind, stance(cols[2])));
    }
    emit_grouped(
        &mut s,
        ("PHRASES", "Phrase", "PHRASE_FIRST"),
        &mut phrases,
        |p| p.0.len(),
        |(tokens, kind, stance)| {
            format!(
                "Phrase {{ tokens: &{tokens:?}, kind: PhraseKind::{kind}, stance: Stance::{stance} }},\n"
            )
        },
    );
    s
}

/// Emits `static TABLE: &[Type]` holding every group's entries, longest
/// first, and `static INDEX: &[(&str, u16, u16)]`: each first word with the
/// range of its entries in TABLE (groups in key order, so INDEX is sorted).
fn emit_grouped<T>(
    s: &mut String,
    (table, ty, index): (&str, &str, &str),
    groups: &mut BTreeMap<String, Vec<T>>,
    len: impl Fn(&T) -> usize,
    entry: impl Fn(&T) -> String,
) {
    s.push_str(&format!("static {table}: &[{ty}] = &[\n"));
    let mut firsts = format!("static {index}: &[(&str, u16, u16)] = &[\n");
    let mut at = 0;
    for (first, v) in groups.iter_mut() {
        v.sort_by(|a, b| len(b).cmp(&len(a)));
        for e in v.iter() {
            s.push_str(&entry(e));
        }
        firsts.push_str(&format!("({first:?}, {at}, {}),\n", at + v.len()));
        at += v.len();
    }
    assert!(at < u16::MAX as usize, "too many entries in {table}");
    s.push_str("];\n");
    s.push_str(&firsts);
    s.push_str("];\n");
}

/// `$OUT_DIR/chars.rs`, included by `src/chars.rs`: bit tables of
/// `char::is_alphabetic`, `is_numeric`, `is_uppercase` and `is_lowercase`
/// below `chars::TABLE_END`, from the same standard library as the crate's,
/// so a lookup answers exactly what the (much slower, for non-ASCII) library
/// functions answer.
fn char_tables() -> String {
    const END: u32 = 0x2080;
    let mut s = format!("pub const TABLE_END: u32 = {END:#x};\n");
    let tests: [(&str, fn(char) -> bool); 4] = [
        ("ALPHABETIC", char::is_alphabetic),
        ("NUMERIC", char::is_numeric),
        ("UPPERCASE", char::is_uppercase),
        ("LOWERCASE", char::is_lowercase),
    ];
    for (name, f) in tests {
        let mut words = vec![0u64; (END / 64) as usize];
        for u in 0..END {
            if char::from_u32(u).map_or(false, f) {
                words[(u / 64) as usize] |= 1 << (u % 64);
            }
        }
        s.push_str(&format!(
            "static {name}: [u64; {}] = {words:?};\n",
            words.len()
        ));
    }
    s
}
