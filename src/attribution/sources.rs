//! Source kinds: person, office, organization, media, state media,
//! anonymous, document (`data/attribution/sources.tsv`), with countries and
//! capitals used as actors (`data/attribution/places.txt`).

use super::lexicon::{class, Group, NONE};
use super::{fact, Ctx, Toks};
use crate::model::{Label, SourceKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Head,
    Any,
    Name,
}

/// A rule of `data/attribution/sources.tsv` that decides a kind.
struct Rule {
    /// Lowercase tokens ("Merkel's" -> "merkel", "'s"), joined by spaces.
    tokens: &'static str,
    /// Its number in file order (of the rules that decide a kind).
    line: u16,
    /// The kind's place in [`ORDER`].
    rank: u8,
    how: Match,
}

// ORDER (the kinds the rules decide, in the order they are tried),
// SOURCE_RULES by first token, SOURCE_GROUPS, SOURCE_TITLES, PLACES and
// PLACES_OF_SEVERAL_WORDS (see build.rs): the words are read per distinct
// form of a text with its other lexicon entries
// ([`super::lexicon::entry_and_source`]), so a source looks up its own
// words instead of running every rule.
include!(concat!(env!("OUT_DIR"), "/attribution_sources.rs"));

/// The rules that begin with a word of group `g` ([`Ctx::source_group`]).
fn group_rules(g: Group) -> &'static [Rule] {
    let g = g as usize;
    match (SOURCE_GROUPS.get(g), SOURCE_GROUPS.get(g + 1)) {
        (Some(&s), Some(&e)) => SOURCE_RULES.get(s as usize..e as usize).unwrap_or(&[]),
        _ => &[],
    }
}

/// Each word that begins rules, with its group (for the lexicon's index).
pub(super) fn rule_words() -> impl Iterator<Item = (&'static str, Group)> {
    (0..SOURCE_GROUPS.len().saturating_sub(1)).filter_map(|g| {
        let first = group_rules(g as Group).first()?.tokens.split(' ').next()?;
        Some((first, g as Group))
    })
}

/// Is `name_lower` (lowercase tokens joined by spaces) a place of
/// `data/attribution/places.txt`? (Asked rarely: a run of names is first
/// ruled out by its first word, [`super::lexicon::class::PLACE_START`].)
pub fn is_place(name_lower: &str) -> bool {
    let list = if name_lower.contains(' ') {
        PLACES_OF_SEVERAL_WORDS
    } else {
        PLACES
    };
    !name_lower.is_empty() && list.lines().any(|p| p == name_lower)
}

/// Do a rule's `tokens` (joined by spaces) stand in `hay` from `at`, where
/// the rule's group was found by its first token (so `hay[at]` is that
/// token, and a rule no longer than it is one token: no search for a space)?
fn seq_at(hay: &[&str], at: usize, tokens: &str) -> bool {
    let first = hay.get(at).map_or(0, |w| w.len());
    let Some(rest) = tokens.get(first + 1..) else {
        return true;
    };
    // (the rule's words are short: a byte scan for each space, not a
    // `split` with its memchr call per word)
    let mut rest = rest.as_bytes();
    let mut k = at + 1;
    loop {
        let end = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
        if hay.get(k).map(|w| w.as_bytes()) != rest.get(..end) {
            return false;
        }
        match rest.get(end + 1..) {
            Some(r) => rest = r,
            None => return true,
        }
        k += 1;
    }
}

/// Words that end the head noun phrase of a source ("sources familiar with").
fn ends_head(w: &str) -> bool {
    matches!(
        w,
        "," | "who"
            | "which"
            | "that"
            | "for"
            | "at"
            | "with"
            | "in"
            | "from"
            | "familiar"
            | "acquainted"
            | "close"
            | "of"
            | "on"
            | "to"
            | "("
            | "\u{2014}"
            | "--"
    )
}

/// Do the capitalised words of `words` (the words of tokens `s..`) name
/// only places joined by "and"? A run of names is read from the tokens
/// ([`Ctx::is_place_run`]): a one-word run from its facts, with no string
/// built.
fn all_places(cx: &Ctx, s: usize, words: &[&str], caps: &[bool]) -> bool {
    let mut any = false;
    // the current run of names is words[from..p]
    let mut from = 0;
    let mut flush = |from: usize, to: usize| -> bool {
        if to == from {
            return true;
        }
        let ok = cx.is_place_run(s + from, s + to);
        any |= ok;
        ok
    };
    for (p, (w, &c)) in words.iter().zip(caps).enumerate() {
        if matches!(*w, "and" | "," | "both" | "the" | "&") {
            if !flush(from, p) {
                return false;
            }
            from = p + 1;
        } else if !(c || *w == "u.s.") {
            return false;
        }
    }
    let last = words.len().min(caps.len());
    flush(from, last) && any
}

/// A title and then a personal name ending the source: "Senate Majority
/// Leader Jane Roe", "Ambassador to the United Nations Jane Roe", "Leader
/// Roe". The name is one to three capitalised words after a given name or
/// right after a title word, none of them a title, and it ends the span (a
/// trailing comma or party tag aside).
fn titled_name(cx: &Ctx, s: usize, e: usize) -> bool {
    let mut end = e;
    while end > s && !cx.is_word(end - 1) {
        end -= 1;
    }
    // the capitalised run at the end
    let mut run = end;
    while run > s && cx.is_cap(run - 1) && cx.is_word(run - 1) && cx.w(run - 1) != "'s" {
        run -= 1;
    }
    if run == end {
        return false;
    }
    let title = |k: usize| cx.is(k, class::SOURCE_TITLE) || cx.has(k, fact::LEXICON_TITLE);
    // the name begins at a given name, or right after a title word
    let begins_name = |k: usize| cx.has(k, fact::GIVEN_NAME) || cx.is(k - 1, class::SOURCE_TITLE);
    // after the run's last title; with none in the run, in it after a title
    // before it (asked last: the words before the run are asked of no other
    // rule, and working out their facts costs a lexicon look-up each)
    let name_from = match (run..end).rev().find(|&k| title(k)) {
        Some(t) => (t + 1..end).find(|&k| begins_name(k)),
        None if run > s => (run..end)
            .find(|&k| begins_name(k))
            .filter(|_| (s..run).any(|k| title(k))),
        None => None,
    };
    name_from.map_or(false, |f| {
        end - f <= 3 && (f..end).all(|k| !cx.is(k, class::PLACE) && cx.w(k).len() > 1)
    })
}

/// The kind of the source at tokens `r`; `None` for pronouns, which
/// resolution decides.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn kind_of(cx: &Ctx, r: Toks) -> Option<SourceKind> {
    let (s, e) = (r.0, r.1.min(cx.n()));
    if e <= s {
        return None;
    }
    // a source is a few words: on the stack (this is asked of every source
    // and every person mention), in vectors only when long
    const SHORT: usize = 16;
    let (mut short_words, mut short_caps) = ([""; SHORT], [false; SHORT]);
    let (long_words, long_caps): (Vec<&str>, Vec<bool>);
    let (words, caps): (&[&str], &[bool]) = if e - s <= SHORT {
        for k in s..e {
            short_words[k - s] = cx.w(k);
            short_caps[k - s] = cx.is_cap(k);
        }
        (&short_words[..e - s], &short_caps[..e - s])
    } else {
        long_words = (s..e).map(|k| cx.w(k)).collect();
        long_caps = (s..e).map(|k| cx.is_cap(k)).collect();
        (&long_words, &long_caps)
    };
    if words.len() == 1 {
        match words[0] {
            "he" | "she" | "i" | "you" => return Some(SourceKind::Person),
            "they" | "we" | "who" | "which" | "it" => return None,
            _ => {}
        }
    }
    // head noun phrase: up to the first word that opens a modifier
    let hl = words
        .iter()
        .position(|w| ends_head(w))
        .unwrap_or(words.len())
        .max(1);
    let head_words = &words[..hl];
    let head = head_words.last().copied().unwrap_or("");
    let head_cap = caps[hl - 1];
    let first_cap_inside = caps.iter().skip(1).any(|&c| c);

    // The first rule, in kind order then line order, that fires: a head rule
    // on the head word, an `any` rule on its words anywhere, a `name` rule on
    // its first occurrence when that is capitalised.
    let mut best: Option<(u8, u16)> = None;
    let mut consider = |rule: &Rule| {
        let k = ORDER[rule.rank as usize];
        // a named person with a generic word in a modifier stays a person
        if k == SourceKind::Anonymous && rule.how == Match::Head && first_cap_inside && head_cap {
            return;
        }
        if k == SourceKind::Document && head_cap {
            return;
        }
        if best.map_or(true, |b| (rule.rank, rule.line) < b) {
            best = Some((rule.rank, rule.line));
        }
    };
    for rule in group_rules(cx.source_group(s + hl - 1)) {
        if rule.how == Match::Head {
            consider(rule);
        }
    }
    let mut named: Vec<u16> = Vec::new();
    for p in 0..words.len() {
        let group = cx.source_group(s + p);
        if group == NONE {
            continue;
        }
        for rule in group_rules(group) {
            if rule.how == Match::Head || !seq_at(words, p, rule.tokens) {
                continue;
            }
            if rule.how == Match::Name {
                if named.contains(&rule.line) {
                    continue;
                }
                named.push(rule.line);
                // a named outlet or body: capitalised (or an all-caps acronym) in the text
                if !caps[p] {
                    continue;
                }
            }
            consider(rule);
        }
    }
    let titled = titled_name(cx, s, e);
    if let Some((rank, _)) = best {
        let k = ORDER[rank as usize];
        // "Ambassador to the United Nations Jane Roe": a person, whatever body
        // the title names
        if k == SourceKind::Organization && titled {
            return Some(SourceKind::Person);
        }
        return Some(k);
    }
    if titled {
        return Some(SourceKind::Person);
    }
    // countries and capitals as actors
    if all_places(cx, s, head_words, &caps[..hl]) {
        return Some(SourceKind::Organization);
    }
    // entity labels when the engine gives them: the label of the head word
    {
        let k = s + hl - 1;
        if let Some(mi) = cx.ent_at(k) {
            if let Some(m) = cx.ents.mentions.get(mi as usize) {
                match m.label {
                    Label::Org | Label::Gpe | Label::Norp => return Some(SourceKind::Organization),
                    _ => {}
                }
            }
        }
    }
    // media names by their last word: "The Des Moines Register"
    if head_cap
        && matches!(
            head,
            "times"
                | "post"
                | "journal"
                | "news"
                | "herald"
                | "tribune"
                | "gazette"
                | "telegraph"
                | "chronicle"
                | "observer"
                | "express"
                | "mirror"
                | "globe"
                | "register"
                | "examiner"
                | "inquirer"
                | "bulletin"
                | "magazine"
                | "review"
                | "radio"
                | "television"
                | "tv"
                | "network"
                | "newspaper"
                | "wire"
        )
        && hl >= 2
    {
        return Some(SourceKind::Media);
    }
    // all-caps acronyms ("NATO", "FBI") that are not titles
    if hl == 1 && cx.t(s).len() >= 2 && cx.t(s).chars().all(|c| c.is_ascii_uppercase()) {
        return Some(SourceKind::Organization);
    }
    if caps
        .iter()
        .zip(words)
        .enumerate()
        .any(|(p, (&c, w))| c && !cx.is(s + p, class::SOURCE_TITLE) && *w != "the")
        || (s..s + hl).any(|k| cx.is(k, class::SOURCE_TITLE))
    {
        return Some(SourceKind::Person);
    }
    // a generic plural ("critics", "analysts"): unnamed people
    if head.ends_with('s') && !head.ends_with("ss") && head.len() > 3 {
        return Some(SourceKind::Anonymous);
    }
    Some(SourceKind::Person)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Doc;
    use crate::entities;

    fn kind(s: &str) -> Option<SourceKind> {
        let d = Doc::new(s);
        let e = entities::Found::default();
        let cx = Ctx::new(&d, &e);
        kind_of(&cx, (0, d.tokens.len()))
    }

    /// The lowercase tokens of `s`, as the tables of build.rs hold them.
    use crate::doc::lookup_tokens as toks;

    #[test]
    fn the_compiled_tables_hold_the_data_files() {
        let data = |l: &&str| !l.starts_with('#') && !l.trim().is_empty();
        let places = include_str!("../../data/attribution/places.txt");
        for l in places.lines().filter(data) {
            assert!(is_place(&toks(l).join(" ")), "{l}");
        }
        assert!(!is_place("") && !is_place("jane doe"));
        // the rules in file order
        let mut by_line: Vec<&Rule> = SOURCE_RULES.iter().collect();
        by_line.sort_by_key(|r| r.line);
        let mut rules = by_line.into_iter();
        let sources = include_str!("../../data/attribution/sources.tsv");
        for cols in sources
            .lines()
            .filter(data)
            .map(|l| l.split('\t').collect::<Vec<_>>())
        {
            let Some(rank) = ORDER.iter().position(|k| k.as_str() == cols[1]) else {
                continue;
            };
            let tokens = toks(cols[0]);
            if cols[2].trim() == "head" && tokens.len() > 1 {
                continue;
            }
            let rule = rules.next().expect("a rule of each line");
            assert_eq!(
                (rule.tokens, rule.rank as usize),
                (&*tokens.join(" "), rank)
            );
        }
        assert!(rules.next().is_none());
        // each group holds the rules of its first word
        for (w, g) in rule_words() {
            for rule in group_rules(g) {
                assert_eq!(rule.tokens.split(' ').next(), Some(w));
            }
        }
    }

    #[test]
    fn anonymous_sources() {
        for s in [
            "Sources familiar with the talks",
            "officials who asked not to be named",
            "a person acquainted with the matter",
            "Two senior diplomats",
            "critics",
        ] {
            assert_eq!(kind(s), Some(SourceKind::Anonymous), "{s}");
        }
    }

    #[test]
    fn state_media_and_media() {
        assert_eq!(kind("state media"), Some(SourceKind::StateMedia));
        assert_eq!(
            kind("Iranian state television"),
            Some(SourceKind::StateMedia)
        );
        assert_eq!(
            kind("the official news agency"),
            Some(SourceKind::StateMedia)
        );
        assert_eq!(kind("Xinhua"), Some(SourceKind::StateMedia));
        assert_eq!(kind("Reuters"), Some(SourceKind::Media));
        assert_eq!(kind("The Des Moines Register"), Some(SourceKind::Media));
        assert_eq!(kind("the local newspaper"), Some(SourceKind::Media));
    }

    #[test]
    fn offices() {
        assert_eq!(kind("The governor's office"), Some(SourceKind::Office));
        assert_eq!(
            kind("the ministry's press office"),
            Some(SourceKind::Office)
        );
        assert_eq!(
            kind("a spokeswoman for the agency"),
            Some(SourceKind::Office)
        );
        assert_eq!(kind("The White House"), Some(SourceKind::Office));
    }

    #[test]
    fn documents_organizations_places() {
        assert_eq!(kind("The report"), Some(SourceKind::Document));
        assert_eq!(kind("a new poll"), Some(SourceKind::Document));
        assert_eq!(kind("the government"), Some(SourceKind::Organization));
        assert_eq!(kind("The ruling party"), Some(SourceKind::Organization));
        assert_eq!(
            kind("Both Paris and Berlin"),
            Some(SourceKind::Organization)
        );
        assert_eq!(kind("Canada"), Some(SourceKind::Organization));
        assert_eq!(kind("NATO"), Some(SourceKind::Organization));
    }

    #[test]
    fn people() {
        assert_eq!(kind("Jane Doe"), Some(SourceKind::Person));
        assert_eq!(
            kind("Deputy Health Minister Jane Doe"),
            Some(SourceKind::Person)
        );
        assert_eq!(kind("the judge"), Some(SourceKind::Person));
        assert_eq!(kind("she"), Some(SourceKind::Person));
        // a title and a personal name, whatever body the title names
        for s in [
            "Ambassador to the United Nations Jane Roe",
            "Senate Majority Leader Jane Roe",
            "House Speaker Jim Roe",
            "Senate Majority Leader Roe",
        ] {
            assert_eq!(kind(s), Some(SourceKind::Person), "{s}");
        }
        assert_eq!(kind("the United Nations"), Some(SourceKind::Organization));
        assert_eq!(
            kind("the Secretary General of the United Nations"),
            Some(SourceKind::Organization)
        );
        assert_eq!(kind("they"), None);
    }
}
