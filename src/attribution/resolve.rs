//! Source resolution: each source gets a kind, and where possible the
//! canonical name and entity cluster of what it refers to.
//!
//! * names: the entity cluster's name; else the capitalised run without its
//!   leading titles ("Iranian Foreign Minister Jane Doe" -> "Jane Doe"), a
//!   lone surname expanded to the fullest earlier name that ends with it;
//! * "he" / "she" -> the latest person who spoke within the last sentences,
//!   else the latest person named;
//! * "they" / "we" / "it" -> the latest group-like source or named body;
//! * "who" / "which" -> the name right before;
//! * "the minister" -> the latest person named with that title;
//! * "X's office" / "X's spokesman" -> office, named after X.
//!
//! Antecedents come from running tables updated in document order, so the
//! whole pass is linear.

use std::rc::Rc;

use super::lexicon::{self, class, FastMap};
use super::sources::kind_of;
use super::{fact, Cand, Ctx, Toks};
use crate::model::{Label, SourceKind};

#[derive(Clone)]
struct Ante {
    /// Shared: an antecedent is copied into several running tables.
    name: Rc<str>,
    cluster: Option<u32>,
    kind: SourceKind,
    /// Sentence index where it was last seen.
    sent: u32,
}

/// Words that may precede a name as part of a title ("Iranian Foreign
/// Minister"), given whether `w` is a title of the source table, a demonym
/// and a given name (asked once per form: [`super::fact::TITLE_WORD`]).
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub(super) fn is_title_word(title: bool, demonym: bool, given_name: bool, w: &str) -> bool {
    title
        || matches!(
            w,
            "foreign"
                | "prime"
                | "deputy"
                | "vice"
                | "former"
                | "acting"
                | "senior"
                | "supreme"
                | "chief"
                | "interior"
                | "defense"
                | "defence"
                | "finance"
                | "health"
                | "justice"
                | "state"
                | "attorney"
                | "press"
                | "general"
                | "u.s."
                | "us"
                | "federal"
                | "national"
                | "top"
                | "new"
                | "then"
                | "house"
                | "senate"
                | "democratic"
                | "republican"
                | "presidential"
                | "major-general"
                | "lieutenant"
                | "lt."
                | "col."
                | "major"
                | "sgt."
                | "captain"
                | "colonel"
                | "brig."
                | "adm."
                | "admiral"
                | "sheikh"
                | "ayatollah"
                | "grand"
                | "first"
                | "lady"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "mp"
                | "mep"
                | "mla"
                | "economy"
                | "trade"
                | "education"
                | "energy"
                | "oil"
        )
        || demonym
        || w.ends_with("ian")
        || w.ends_with("ese")
        || w.ends_with("ish")
        || (w.ends_with('i') && w.len() > 4 && !given_name)
}

/// The name inside a source: the first capitalised run that is more than
/// titles, places and function words, titles removed ("The mayor of London,
/// Jane Doe," -> "Jane Doe"; "Iranian Foreign Minister Jane Doe" -> "Jane Doe").
fn person_name(cx: &Ctx, r: Toks) -> Option<String> {
    person_name_span(cx, r).map(|n| cx.bytes(n).slice(cx.doc.src).to_string())
}

/// The tokens of [`person_name`] (a person mention with a cluster only asks
/// whether there is a name: no string is made).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn person_name_span(cx: &Ctx, r: Toks) -> Option<Toks> {
    let filler = |w: &str| {
        lexicon::is_determiner(w)
            || lexicon::is_subject_pronoun(w)
            || matches!(
                w,
                "not" | "one" | "mr." | "mrs." | "ms." | "dr." | "he" | "she" | "it"
            )
    };
    let mut s = r.0;
    let end = r.1.min(cx.n());
    while s < end {
        while s < end && !cx.is_cap(s) {
            s += 1;
        }
        let mut e = s;
        while e < end
            && (cx.is_cap(e)
                || (e > s
                    && matches!(
                        cx.w(e),
                        "-" | "bin" | "de" | "van" | "von" | "al" | "da" | "del"
                    )))
            && cx.w(e) != "'s"
        {
            e += 1;
        }
        let mut n = s;
        while n < e && (cx.has(n, fact::TITLE_WORD) || filler(cx.w(n))) {
            n += 1;
        }
        // titles inside the run ("Majority Leader Jane Roe") and a body before
        // a given name ("United Nations Jane Roe") are no part of the name
        if let Some(k) = (n..e).rev().find(|&k| cx.has(k, fact::TITLE_WORD)) {
            if k + 1 < e {
                n = k + 1;
            }
        }
        if e - n > 3 {
            if let Some(k) = (n..e).find(|&k| e - k <= 3 && cx.has(k, fact::GIVEN_NAME)) {
                n = k;
            }
        }
        if n < e && !cx.is_place_run(n, e) {
            return Some((n, e));
        }
        s = e.max(s + 1);
    }
    None
}

/// The entity cluster inside `r` that fits a source of kind `kind`: a person
/// for people, a body for organizations and outlets; the last one wins (the
/// head of "Iranian Foreign Minister Jane Doe" is the name, not "Iranian").
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn cluster_of(cx: &Ctx, r: Toks, kind: SourceKind) -> Option<(u32, String)> {
    let fits = |l: Label| match kind {
        SourceKind::Person | SourceKind::Office => l == Label::Person,
        _ => matches!(l, Label::Org | Label::Gpe | Label::Norp | Label::Person),
    };
    let mut best = None;
    // a compound source ("Paris and Berlin") is no single referent
    if (r.0..r.1.min(cx.n())).any(|k| matches!(cx.w(k), "and" | "&")) {
        return None;
    }
    // a body or outlet is its head word's referent
    let mut last = r.1.min(cx.n());
    while last > r.0 && !cx.is_word(last - 1) {
        last -= 1;
    }
    let from = if matches!(kind, SourceKind::Person | SourceKind::Office) {
        r.0
    } else {
        last.saturating_sub(1).max(r.0)
    };
    for k in from..r.1.min(cx.n()) {
        if let Some(mi) = cx.ent_at(k) {
            let Some(m) = cx.ents.mentions.get(mi as usize) else {
                continue;
            };
            if !fits(m.label) {
                continue;
            }
            if let Some(c) = m.cluster {
                if let Some(info) = cx.ents.clusters.get(c as usize) {
                    best = Some((c, info.name.clone()));
                    // a person is named first ("Jane Doe, who was Smith's envoy")
                    if matches!(kind, SourceKind::Person | SourceKind::Office) {
                        break;
                    }
                }
            }
        }
    }
    best
}

struct State {
    last_speaker: Option<Ante>,
    last_person: Option<Ante>,
    last_group: Option<Ante>,
    /// The latest candidate's source and its [`kind_of`]: a person mention
    /// fed after it ([`feed_mentions`]) is often that very source, and asks
    /// the same.
    last_source_kind: Option<(Toks, Option<SourceKind>)>,
    /// Title word -> latest person carrying it.
    by_title: FastMap<String, Ante>,
    /// Surname (lowercase) -> fullest name.
    by_surname: FastMap<String, Ante>,
    /// The lowercase key of a `by_surname` lookup ([`lowercase_into`]).
    key: String,
    /// Per entity cluster: its name as an antecedent's, made the first time
    /// (a person is mentioned again and again: one copy of the name a
    /// cluster, not one a mention).
    cluster_names: Vec<Option<Rc<str>>>,
}

impl State {
    fn see_person(
        &mut self,
        cx: &Ctx,
        name: Rc<str>,
        cluster: Option<u32>,
        sent: u32,
        title_from: usize,
        name_tok: usize,
    ) {
        let a = Ante {
            name: name.clone(),
            cluster,
            kind: SourceKind::Person,
            sent,
        };
        let mut words = name.split_whitespace();
        let first = words.next().unwrap_or("");
        let second_on = words.last();
        // a full name replaces the surname's entry, a lone surname only fills it
        let full = second_on.is_some();
        let last = lowercase_into(second_on.unwrap_or(first), &mut self.key);
        if let Some(slot) = self.by_surname.get_mut(last) {
            if full {
                *slot = a.clone();
            }
        } else {
            self.by_surname.insert(last.to_string(), a.clone());
        }
        for k in title_from..name_tok {
            if cx.is(k, class::SOURCE_TITLE) {
                set_title(&mut self.by_title, cx.w(k), &a);
            }
        }
        self.last_person = Some(a);
    }

    fn expand(&mut self, name: &str) -> String {
        let mut words = name.split_whitespace();
        if let (Some(_), None) = (words.next(), words.next()) {
            if let Some(a) = self.by_surname.get(lowercase_into(name, &mut self.key)) {
                return a.name.to_string();
            }
        }
        name.to_string()
    }
}

/// `by_title[title] = a`, with no new key string when the title is there.
fn set_title(by_title: &mut FastMap<String, Ante>, title: &str, a: &Ante) {
    if let Some(slot) = by_title.get_mut(title) {
        *slot = a.clone();
    } else {
        by_title.insert(title.to_string(), a.clone());
    }
}

/// `w` lowercased in `buf` (reused: a lookup key allocates nothing once
/// the buffer has grown).
fn lowercase_into<'b>(w: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&w.to_lowercase());
    }
    buf
}

/// Feeds person mentions of the entity engine that start before `upto`.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn feed_mentions(cx: &Ctx, st: &mut State, next: &mut usize, upto: usize) {
    while *next < cx.ents.mentions.len() {
        let m = &cx.ents.mentions[*next];
        if m.span.start >= upto {
            break;
        }
        *next += 1;
        if m.label != Label::Person {
            continue;
        }
        // token range of the mention
        let s = cx
            .doc
            .tokens
            .partition_point(|tk| tk.span.end <= m.span.start);
        let mut e = s;
        while e < cx.n() && cx.doc.tokens[e].span.start < m.span.end {
            e += 1;
        }
        if e <= s {
            continue;
        }
        if cx.is_place_run(s, e) {
            continue;
        }
        let kind = match st.last_source_kind {
            Some((r, k)) if r == (s, e) => k,
            _ => kind_of(cx, (s, e)),
        };
        if kind.map_or(false, |k| k != SourceKind::Person) {
            continue;
        }
        let Some(name_span) = person_name_span(cx, (s, e)) else {
            continue;
        };
        let (cluster, name): (_, Rc<str>) = match m
            .cluster
            .and_then(|c| cx.ents.clusters.get(c as usize).map(|i| (c, &i.name)))
        {
            Some((c, n)) => {
                let slot = st.cluster_names.get_mut(c as usize);
                let name = match slot {
                    Some(Some(name)) => name.clone(),
                    Some(slot) => slot.insert(Rc::from(n.as_str())).clone(),
                    None => Rc::from(n.as_str()),
                };
                (Some(c), name)
            }
            None => (
                None,
                Rc::from(st.expand(cx.bytes(name_span).slice(cx.doc.src))),
            ),
        };
        let first_word = name.split_whitespace().next().unwrap_or("");
        let name_tok = (s..e)
            .find(|&k| cx.doc.tokens[k].span.slice(cx.doc.src) == first_word)
            .unwrap_or(s);
        let from = s.saturating_sub(3).max(
            cx.doc
                .sentences
                .get(cx.sent_of[s] as usize)
                .map_or(0, |x| x.first),
        );
        st.see_person(cx, name, cluster, cx.sent_of[s], from, name_tok);
    }
}

/// Fills kind, name and cluster of every candidate, in document order.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn resolve(cx: &Ctx, cands: &mut [Cand]) {
    let mut st = State {
        last_speaker: None,
        last_person: None,
        last_group: None,
        last_source_kind: None,
        by_title: FastMap::default(),
        by_surname: FastMap::default(),
        key: String::new(),
        cluster_names: vec![None; cx.ents.clusters.len()],
    };
    let mut next_mention = 0usize;
    for c in cands.iter_mut() {
        let Some(r) = c.source else {
            c.kind = c.kind.or(None);
            continue;
        };
        let start_byte = cx
            .doc
            .tokens
            .get(r.0)
            .map_or(cx.doc.src.len(), |tk| tk.span.start);
        feed_mentions(cx, &mut st, &mut next_mention, start_byte);
        let sent = cx.sent_of.get(r.0).copied().unwrap_or(0);
        // the source's words but its commas (counted, not collected)
        let words = || (r.0..r.1).filter(|&k| cx.w(k) != ",");
        let kind = kind_of(cx, r);
        st.last_source_kind = Some((r, kind));
        let mut resolved: Option<Ante> = None;
        let single = match (words().next(), words().nth(1)) {
            (Some(k), None) => cx.w(k),
            _ => "",
        };
        match single {
            "he" | "she" | "him" | "her" => {
                let recent_speaker = st
                    .last_speaker
                    .clone()
                    .filter(|a| a.kind == SourceKind::Person && sent.saturating_sub(a.sent) <= 3);
                resolved = recent_speaker.or_else(|| st.last_person.clone());
            }
            "they" | "we" | "it" => {
                resolved = st
                    .last_group
                    .clone()
                    .filter(|a| sent.saturating_sub(a.sent) <= 4);
            }
            "who" | "which" => {
                // the phrase right before: ", which said" / "Smith, who said"
                let mut e = r.0;
                while e > 0 && matches!(cx.w(e - 1), ",") {
                    e -= 1;
                }
                let mut s = e;
                while s > 0 && e - s < 8 && (cx.is_cap(s - 1) || cx.w(s - 1) == "'s") {
                    s -= 1;
                }
                if s < e {
                    let k = kind_of(cx, (s, e)).unwrap_or(SourceKind::Person);
                    let name = if k == SourceKind::Person {
                        person_name(cx, (s, e)).map(|n| st.expand(&n))
                    } else {
                        Some(cx.bytes((s, e)).slice(cx.doc.src).to_string())
                    };
                    if let Some(name) = name {
                        resolved = Some(Ante {
                            name: Rc::from(name),
                            cluster: cluster_of(cx, (s, e), k).map(|x| x.0),
                            kind: k,
                            sent,
                        });
                    }
                }
            }
            // a lone surname the entity engine took for a body or a
            // demonym ("Cuban" after "Mark Cuban"): the person named before
            w if kind == Some(SourceKind::Organization) && r.1 == r.0 + 1 && cx.is_cap(r.0) => {
                resolved = st
                    .by_surname
                    .get(w)
                    .filter(|a| a.name.split_whitespace().count() > 1)
                    .map(|a| Ante { sent, ..a.clone() });
            }
            _ => {}
        }
        if let Some(a) = resolved {
            c.kind = Some(a.kind);
            c.name = Some(a.name.to_string());
            c.cluster = a.cluster;
        } else {
            name_by_kind(cx, &mut st, c, r, kind, single);
        }
        // update the running tables (an antecedent's name is made only for
        // the table that keeps it)
        let ante = |name: &str| Ante {
            name: Rc::from(name),
            cluster: c.cluster,
            kind: c.kind.unwrap_or(SourceKind::Person),
            sent,
        };
        match c.kind {
            Some(SourceKind::Person) if c.name.is_some() => {
                let ante = ante(c.name.as_deref().unwrap_or(""));
                if !matches!(single, "he" | "she" | "who") && has_name(&ante.name) {
                    let from = r.0;
                    let name_tok = r.0;
                    st.see_person(cx, ante.name.clone(), ante.cluster, sent, from, name_tok);
                    // titles inside the source span ("Foreign Minister Jane Doe")
                    for k in r.0..r.1 {
                        if cx.is(k, class::SOURCE_TITLE) {
                            set_title(&mut st.by_title, cx.w(k), &ante);
                        }
                    }
                }
                st.last_speaker = Some(ante);
            }
            Some(
                SourceKind::Organization
                | SourceKind::Anonymous
                | SourceKind::Media
                | SourceKind::StateMedia
                | SourceKind::Office,
            ) => {
                if c.name.is_some() || !matches!(single, "they" | "we" | "it") {
                    st.last_group = Some(ante(
                        c.name
                            .as_deref()
                            .unwrap_or_else(|| cx.bytes(r).slice(cx.doc.src)),
                    ));
                }
            }
            _ => {}
        }
    }
    bare_state_media_names(cands);
}

/// "State media" with no country names the same outlets as the document's
/// one qualified "Iranian state media" (the panel then lists one source);
/// with none or several qualified names it stays as written.
/// A source no antecedent names: its kind (by default from its pronoun), and
/// its name and cluster from its own words. Out of [`resolve`]'s loop: on
/// wasm32 that loop was the module's largest function (V8's optimizing tier
/// takes its working memory by the function, see src/lib.rs).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn name_by_kind(
    cx: &Ctx,
    st: &mut State,
    c: &mut Cand,
    r: Toks,
    kind: Option<SourceKind>,
    single: &str,
) {
    // the source's words but its commas (counted, not collected)
    let words = || (r.0..r.1).filter(|&k| cx.w(k) != ",");
    c.kind = kind.or(match single {
        "they" | "we" => Some(SourceKind::Organization),
        "it" => Some(SourceKind::Organization),
        _ => Some(SourceKind::Person),
    });
    let has_cap = (r.0..r.1)
        .any(|k| cx.is_cap(k) && !(k == r.0 && matches!(cx.w(k), "the" | "a" | "an" | "both")));
    match c.kind {
        Some(SourceKind::Person) => {
            if let Some((cl, name)) = cluster_of(cx, r, SourceKind::Person) {
                c.cluster = Some(cl);
                c.name = Some(name);
            } else if has_cap && single.is_empty()
                || (has_cap
                    && !lexicon::is_subject_pronoun(single)
                    && single != "him"
                    && single != "her")
            {
                c.name = person_name(cx, r).map(|n| st.expand(&n));
            } else {
                // "the minister": the latest person with that title
                let title = words().rev().find(|&k| cx.is(k, class::SOURCE_TITLE));
                if let Some(a) = title.and_then(|k| st.by_title.get(cx.w(k))) {
                    c.name = Some(a.name.to_string());
                    c.cluster = a.cluster;
                }
            }
        }
        Some(SourceKind::Office) => {
            // "X's office": named after X
            let poss = (r.0..r.1).position(|k| cx.w(k) == "'s").map(|p| r.0 + p);
            if let Some(p) = poss {
                let owner = cluster_of(cx, (r.0, p), SourceKind::Office)
                    .map(|x| x.1)
                    .or_else(|| person_name(cx, (r.0, p)).map(|n| st.expand(&n)));
                let rest = cx.bytes((p, r.1)).slice(cx.doc.src).to_string();
                c.name = match owner {
                    Some(o) => Some(format!("{o}{rest}")),
                    None => Some(
                        cx.bytes(r)
                            .slice(cx.doc.src)
                            .trim_end_matches(',')
                            .to_string(),
                    ),
                };
                c.cluster = cluster_of(cx, (r.0, p), SourceKind::Office).map(|x| x.0);
            } else {
                c.name = Some(
                    cx.bytes(r)
                        .slice(cx.doc.src)
                        .trim_end_matches(',')
                        .to_string(),
                );
            }
        }
        Some(SourceKind::Anonymous) | None => {}
        Some(_) => {
            if has_cap {
                if let Some((cl, name)) =
                    cluster_of(cx, r, c.kind.unwrap_or(SourceKind::Organization))
                {
                    c.cluster = Some(cl);
                    c.name = Some(name);
                } else {
                    let text = cx.bytes(r).slice(cx.doc.src).trim_end_matches(',').trim();
                    c.name = Some(text.to_string());
                }
            }
        }
    }
}

fn bare_state_media_names(cands: &mut [Cand]) {
    let bare = |n: &str| n.eq_ignore_ascii_case("state media");
    let mut qualified: Option<&str> = None;
    for c in cands.iter() {
        if c.kind != Some(SourceKind::StateMedia) {
            continue;
        }
        let Some(n) = c.name.as_deref() else { continue };
        if bare(n) || !n.to_ascii_lowercase().ends_with(" state media") {
            continue;
        }
        match qualified {
            Some(q) if q != n => return,
            _ => qualified = Some(n),
        }
    }
    let Some(q) = qualified.map(str::to_string) else {
        return;
    };
    for c in cands.iter_mut() {
        if c.kind == Some(SourceKind::StateMedia) && c.name.as_deref().map_or(false, bare) {
            c.name = Some(q.clone());
        }
    }
}

fn has_name(s: &str) -> bool {
    s.chars().next().map_or(false, char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Doc;
    use crate::entities;

    fn resolved(s: &str) -> Vec<(String, Option<SourceKind>, Option<String>)> {
        let d = Doc::new(s);
        let e = entities::find(&d);
        let cx = Ctx::new(&d, &e);
        let mut c = super::super::reported::find(&cx);
        resolve(&cx, &mut c);
        c.iter()
            .map(|x| {
                (
                    x.source
                        .map(|r| cx.bytes(r).slice(s).to_string())
                        .unwrap_or_default(),
                    x.kind,
                    x.name.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn pronoun_to_latest_speaker_across_sentences() {
        let r = resolved("Finance Minister Jane Doe said the budget is final. The rain fell. She added that taxes would rise.");
        assert_eq!(r[1].0, "She");
        assert_eq!(r[1].2.as_deref(), Some("Jane Doe"));
        assert_eq!(r[1].1, Some(SourceKind::Person));
    }

    #[test]
    fn title_description_to_person() {
        let r = resolved("Deputy Minister John Roe said the talks had begun. Rain fell on the city. The minister said the deal was close.");
        assert_eq!(r[1].0, "The minister");
        assert_eq!(r[1].2.as_deref(), Some("John Roe"), "{r:?}");
    }

    #[test]
    fn surname_expands_and_office_is_named_after_owner() {
        let r = resolved("Senator Mary Lamb said taxes would fall. Later, Lamb argued that costs were high. Lamb's office said the vote was close.");
        assert_eq!(r[1].2.as_deref(), Some("Mary Lamb"));
        assert_eq!(r[2].1, Some(SourceKind::Office));
        assert_eq!(r[2].2.as_deref(), Some("Mary Lamb's office"));
    }

    #[test]
    fn bare_state_media_takes_the_one_qualified_name() {
        let r = resolved("Russian state media said the talks had begun. The rain fell. State media later reported that the deal was close.");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[1].2.as_deref(), Some("Russian state media"), "{r:?}");
        // two countries: nothing to choose
        let r = resolved("Russian state media said the talks had begun. Chinese state media said they had not. State media later reported that the deal was close.");
        assert_eq!(r[2].2.as_deref(), Some("State media"), "{r:?}");
    }

    #[test]
    fn they_to_group() {
        let r = resolved("The union said wages were low. They added that a strike was possible.");
        assert_eq!(r[1].1, Some(SourceKind::Organization));
        assert_eq!(r[1].2.as_deref(), Some("The union"));
    }

    #[test]
    fn title_and_name_give_the_person_and_their_name() {
        let r = resolved("Ambassador to the United Nations Nikki Roe said the vote failed. Senate Majority Leader Mitch Lamb said the bill would pass.");
        assert_eq!(r[0].1, Some(SourceKind::Person));
        assert_eq!(r[0].2.as_deref(), Some("Nikki Roe"));
        assert_eq!(r[1].1, Some(SourceKind::Person));
        assert_eq!(r[1].2.as_deref(), Some("Mitch Lamb"));
    }

    #[test]
    fn a_surname_read_as_a_demonym_is_the_person() {
        let r = resolved("Mark Swedish owns a team. Swedish said he would run.");
        let last = r.last().unwrap();
        assert_eq!(last.1, Some(SourceKind::Person));
        assert_eq!(last.2.as_deref(), Some("Mark Swedish"));
    }
}
