//! Organisation names the tagger cut in two: "Walt Disney Co." read as a
//! place and a company, "China Democratic Justice Party" as a place and a
//! person. A corporate suffix after a name, or an organisation ending in an
//! organisation word right after another name, makes one ORG.

use super::fast::FastMap;
use super::lexicon::{self, Class};
use crate::doc::{Doc, TokenKind};
use crate::model::Label;

const CORP: &[&str] = &[
    "Co.", "Co", "Inc.", "Inc", "Corp.", "Corp", "Ltd.", "Ltd", "LLC", "PLC", "Plc", "plc", "Bhd",
    "AG", "GmbH", "S.A.", "N.V.", "LLP", "LP", "Cos.",
];

fn ends_with_org_word(doc: &Doc, b: usize) -> bool {
    let w = doc.tok(b - 1);
    let lx = lexicon::get();
    CORP.contains(&w) || lx.classes(w) & (Class::OrgSuffix.bit() | Class::OrgHead.bit()) != 0
}

/// Is token `k` a corporate form written after a comma ("Inc.", "INC",
/// "Corp.", "Ltd", "LLC", "PLC")? Returns the end token (with a period
/// written right after it).
fn comma_suffix(doc: &Doc, k: usize) -> Option<usize> {
    let n = doc.tokens.len();
    if k >= n || doc.tokens[k].kind != TokenKind::Word || doc.tokens[k].line_start {
        return None;
    }
    let w = doc.tok(k).trim_end_matches('.');
    if !["inc", "corp", "ltd", "llc", "plc"]
        .iter()
        .any(|c| w.eq_ignore_ascii_case(c))
    {
        return None;
    }
    let dot = k + 1 < n
        && doc.tok(k + 1) == "."
        && doc.tokens[k + 1].span.start == doc.tokens[k].span.end;
    Some(if dot { k + 2 } else { k + 1 })
}

/// Words that end a run of capitalised words before a corporate form.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// "Apple, Inc.", "WORLDSOURCES, INC.": a name, a comma and a corporate
/// form are one organisation. The name is the span that ends at the comma,
/// else the capitalised words before it.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn comma_companies(doc: &Doc, puncts: &[usize], spans: &mut Vec<(usize, usize, Label)>) {
    let n = doc.tokens.len();
    // the start of the span ending at each token (linear, not a search per
    // hit), made on the first comma and corporate form: few documents have one
    let mut start_of: Option<Vec<usize>> = None;
    let mut found: Vec<(usize, usize)> = Vec::new();
    for &c in puncts {
        if c == 0 || c >= n || doc.tok(c) != "," || doc.tokens[c].line_start {
            continue;
        }
        let Some(end) = comma_suffix(doc, c + 1) else {
            continue;
        };
        let start_of = start_of.get_or_insert_with(|| {
            let mut start_of = vec![usize::MAX; n + 1];
            for s in spans.iter() {
                if s.1 <= n {
                    start_of[s.1] = start_of[s.1].min(s.0);
                }
            }
            start_of
        });
        let start = if start_of[c] != usize::MAX {
            start_of[c]
        } else {
            // up to three capitalised words ("WORLD TIMES, INC."), not a
            // function word ("OF FDCH, INC."), a day or a month
            let lx = lexicon::get();
            let mut a = c;
            while a > 0 && c - a < 3 {
                let (k, w) = (a - 1, doc.tok(a - 1));
                let cap = doc.tokens[k].kind == TokenKind::Word
                    && w.chars().next().map_or(false, char::is_uppercase)
                    && !FUNCTION_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))
                    && lx.classes(w) & (Class::Weekday.bit() | Class::Month.bit()) == 0;
                if !cap {
                    break;
                }
                a = k;
                if doc.tokens[k].line_start {
                    break;
                }
            }
            if a == c {
                continue;
            }
            a
        };
        // disjoint from the one before ("A, Inc, Inc")
        if found.last().map_or(false, |f| start < f.1) {
            continue;
        }
        found.push((start, end));
    }
    put(spans, found, n);
}

fn capitalised(doc: &Doc, k: usize) -> bool {
    k < doc.tokens.len()
        && doc.tokens[k].kind == TokenKind::Word
        && !doc.tokens[k].line_start
        && doc.tok(k).chars().next().map_or(false, char::is_uppercase)
}

/// Tokens `a` and `b` touch (no space between them).
fn touch(doc: &Doc, a: usize, b: usize) -> bool {
    b < doc.tokens.len() && doc.tokens[a].span.end == doc.tokens[b].span.start
}

/// The end of the ampersand at token `k`: "&", or "&AMP;" / "&amp;" (the
/// HTML escape left in wire copy), or None.
fn ampersand(doc: &Doc, k: usize) -> Option<usize> {
    if super::punct(doc, k) != "&" || doc.tokens[k].line_start {
        return None;
    }
    let escaped = touch(doc, k, k + 1)
        && doc.tok(k + 1).eq_ignore_ascii_case("amp")
        && touch(doc, k + 1, k + 2)
        && doc.tok(k + 2) == ";";
    Some(if escaped { k + 3 } else { k + 1 })
}

/// A word ending in the escape "&amp" ("A&AMP" of "A&AMP;E").
fn ends_in_amp_escape(w: &str) -> bool {
    w.len() > 4 && w.is_char_boundary(w.len() - 4) && w[w.len() - 4..].eq_ignore_ascii_case("&amp")
}

/// Replaces the spans that overlap the new ones by them (all ORG).
fn put(spans: &mut Vec<(usize, usize, Label)>, found: Vec<(usize, usize)>, n: usize) {
    if found.is_empty() {
        return;
    }
    let mut covered = vec![false; n];
    for &(a, b) in &found {
        covered[a..b.min(n)].iter_mut().for_each(|t| *t = true);
    }
    spans.retain(|s| !covered[s.0.min(n)..s.1.min(n)].iter().any(|&t| t));
    spans.extend(found.into_iter().map(|(a, b)| (a, b, Label::Org)));
}

/// "Standard & Poor's", "McGlashan &AMP; Sarrail", "A&AMP;E": names joined
/// by an ampersand are one organisation. Each side is the name that ends
/// (starts) at the ampersand, else the capitalised word next to it; the
/// right side keeps a possessive "'s" ("Poor's").
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn ampersand_companies(doc: &Doc, puncts: &[usize], spans: &mut Vec<(usize, usize, Label)>) {
    let n = doc.tokens.len();
    // the start of the span ending at each token and the end of the span
    // starting at each, made on the first ampersand
    let mut ends: Option<(Vec<usize>, Vec<usize>)> = None;
    let mut found: Vec<(usize, usize)> = Vec::new();
    // (both forms start at a punctuation token, ";" or "&")
    for k in puncts.iter().copied().filter(|&k| k >= 1 && k < n) {
        // "A&AMP;E": the escape inside a word
        let inner = doc.tok(k) == ";"
            && ends_in_amp_escape(doc.tok(k - 1))
            && touch(doc, k - 1, k)
            && touch(doc, k, k + 1)
            && capitalised(doc, k + 1);
        let (a, b) = if inner {
            (k - 1, k + 2)
        } else {
            let Some(after) = ampersand(doc, k) else {
                continue;
            };
            let (start_of, end_of) = ends.get_or_insert_with(|| {
                let mut start_of = vec![usize::MAX; n + 1];
                let mut end_of = vec![usize::MAX; n + 1];
                for s in spans.iter().filter(|s| s.1 <= n && s.2 != Label::Norp) {
                    start_of[s.1] = start_of[s.1].min(s.0);
                    end_of[s.0] = if end_of[s.0] == usize::MAX {
                        s.1
                    } else {
                        end_of[s.0].max(s.1)
                    };
                }
                (start_of, end_of)
            });
            let a = if start_of[k] != usize::MAX {
                start_of[k]
            } else if capitalised(doc, k - 1) || k == 1 && doc.tokens[0].kind == TokenKind::Word {
                k - 1
            } else {
                continue;
            };
            let mut b = if after < n && end_of[after] != usize::MAX {
                end_of[after]
            } else if capitalised(doc, after) {
                after + 1
            } else {
                continue;
            };
            if b < n && matches!(doc.tok(b), "'s" | "\u{2019}s") {
                b += 1;
            }
            (a, b)
        };
        if found.last().map_or(false, |f| a < f.1) {
            continue;
        }
        found.push((a, b));
    }
    put(spans, found, n);
}

/// An organisation word that can take "of" ("University", "Academy",
/// "Committee"); not a corporate form ("Daniels Pharmaceuticals Inc of St.
/// Petersburg" says where the company is).
fn is_org_word(doc: &Doc, k: usize) -> bool {
    let w = doc.tok(k);
    !CORP.contains(&w)
        && !matches!(
            w,
            "Corporation" | "Company" | "Limited" | "Group" | "Holdings"
        )
        && lexicon::get().classes(w) & (Class::OrgSuffix.bit() | Class::OrgHead.bit()) != 0
}

/// "of", "for", "on" between an organisation word and what it is of.
fn is_of(w: &str) -> bool {
    matches!(w, "of" | "for" | "on")
}

/// A capitalised word that can go on an organisation's name after "of": not
/// a day or month ("the Council on Monday").
fn of_word(doc: &Doc, k: usize) -> bool {
    let lx = lexicon::get();
    capitalised(doc, k) && lx.classes(doc.tok(k)) & (Class::Weekday.bit() | Class::Month.bit()) == 0
}

/// Organisation names with "of", "for" or "on" after their organisation
/// word: "University of California", "Moscow Academy of Economics",
/// "Center for Law and Technology", "Technical Committee on Water".
/// - a name of several words holding "<organisation word> of ..." is an
///   organisation, whatever the tagger called it;
/// - a name ending in an organisation word runs on over "of" (or "for",
///   "on"), an optional "the", and capitalised words (two runs joined by
///   "and" at most, four words a run), taking in the names it covers.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn of_names(doc: &Doc, spans: &mut Vec<(usize, usize, Label)>) {
    let n = doc.tokens.len();
    let joinable = |l: Label| {
        matches!(
            l,
            Label::Org | Label::Person | Label::Gpe | Label::Loc | Label::Fac
        )
    };
    for s in spans.iter_mut() {
        if s.2 != Label::Org
            && joinable(s.2)
            && s.1 >= s.0 + 3
            // (the cheap test first: is_org_word looks the word up)
            && (s.0..s.1 - 2).any(|k| is_of(doc.tok(k + 1)) && is_org_word(doc, k))
        {
            s.2 = Label::Org;
        }
    }
    let mut found: Vec<(usize, usize)> = Vec::new();
    for s in spans.iter() {
        if !joinable(s.2) || s.1 >= n || !is_of(doc.tok(s.1)) || !is_org_word(doc, s.1 - 1) {
            continue;
        }
        if s.2 == Label::Person && s.1 == s.0 + 1 {
            continue;
        }
        let mut k = s.1 + 1;
        if k < n && doc.tok(k) == "the" {
            k += 1;
        }
        let mut end = None;
        for run in 0..2 {
            let from = k;
            while k < n && k < from + 4 && of_word(doc, k) {
                k += 1;
            }
            if k == from {
                break;
            }
            end = Some(k);
            if run == 0 && k + 1 < n && doc.tok(k) == "and" && of_word(doc, k + 1) {
                k += 1;
            } else {
                break;
            }
        }
        let Some(end) = end else { continue };
        if found.last().map_or(false, |f| s.0 < f.1) {
            continue;
        }
        found.push((s.0, end));
    }
    put(spans, found, n);
    crate::sort::stable_sort_by_key(spans, |s| crate::sort::key2(s.0, crate::sort::desc(s.1)));
}

/// Joins and extends organisation spans in place (token spans, sorted).
/// `puncts`: the punctuation tokens, in order.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn apply(doc: &Doc, puncts: &[usize], spans: &mut Vec<(usize, usize, Label)>) {
    let n = doc.tokens.len();
    comma_companies(doc, puncts, spans);
    ampersand_companies(doc, puncts, spans);
    crate::sort::stable_sort_by_key(spans, |s| crate::sort::key2(s.0, crate::sort::desc(s.1)));
    // a corporate suffix right after a name (and starting none: the spans
    // are sorted by start, which this loop leaves as they are)
    for k in 0..spans.len() {
        let end = spans[k].1;
        if end < n && CORP.contains(&doc.tok(end)) {
            let first_after = spans.partition_point(|s| s.0 < end);
            if spans.get(first_after).map_or(true, |s| s.0 != end) {
                spans[k].1 += 1;
                spans[k].2 = Label::Org;
            }
        }
    }
    // a name of several words ending in an organisation word is one:
    // "Seton Hall University", "Harvard Law School"
    let lx = lexicon::get();
    for s in spans.iter_mut() {
        if s.1 >= s.0 + 2
            && matches!(s.2, Label::Person | Label::Gpe | Label::Loc | Label::Fac)
            && ends_with_org_word(doc, s.1)
        {
            let text: Vec<&str> = (s.0..s.1).map(|k| doc.tok(k)).collect();
            if !lx.has(&text.join(" "), Class::Region) {
                s.2 = Label::Org;
            }
        }
    }
    // adjacent name + organisation ending in an organisation word
    let mut out: Vec<(usize, usize, Label)> = Vec::with_capacity(spans.len());
    for &s in spans.iter() {
        if let Some(last) = out.last_mut() {
            let adjacent = last.1 == s.0 && !doc.tokens[s.0].line_start;
            let joinable = matches!(
                last.2,
                Label::Gpe | Label::Loc | Label::Person | Label::Org | Label::Fac
            );
            if adjacent && joinable && s.2 == Label::Org && ends_with_org_word(doc, s.1) {
                last.1 = s.1;
                last.2 = Label::Org;
                continue;
            }
            if adjacent
                && joinable
                && last.2 != Label::Norp
                && s.1 == s.0 + 1
                && CORP.contains(&doc.tok(s.0))
            {
                last.1 = s.1;
                last.2 = Label::Org;
                continue;
            }
        }
        out.push(s);
    }
    *spans = out;
    of_names(doc, spans);
    // "Moody's", "McDonald's": a one-word organisation written with "'s"
    // every time the document names it keeps it; a passing possessive does not
    let has_s = |k: usize| k < n && matches!(doc.tok(k), "'s" | "\u{2019}s");
    // counted only for the words that are one-word organisations here
    // (same text, same lower-cased form)
    let mut wanted = vec![false; doc.form_count()];
    let mut any_wanted = false;
    for s in spans.iter().filter(|s| s.2 == Label::Org && s.0 < n) {
        let end = if s.1 > s.0 + 1 && has_s(s.1 - 1) {
            s.1 - 1
        } else {
            s.1
        };
        if end == s.0 + 1 {
            wanted[doc.form(s.0) as usize] = true;
            any_wanted = true;
        }
    }
    let mut counts: FastMap<&str, (u32, u32)> = FastMap::default();
    let tokens = if any_wanted { &doc.tokens[..] } else { &[] };
    for (k, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Word && wanted[doc.form(k) as usize] {
            let e = counts.entry(doc.tok(k)).or_default();
            e.0 += 1;
            e.1 += has_s(k + 1) as u32;
        }
    }
    for s in spans.iter_mut() {
        if s.2 != Label::Org {
            continue;
        }
        // ("Standard & Poor's" keeps its "'s": part of the name)
        if s.1 > s.0 + 1 && has_s(s.1 - 1) && !(s.0..s.1).any(|k| doc.tok(k) == "&") {
            s.1 -= 1;
        }
        if s.1 == s.0 + 1 {
            if let Some(&(seen, with_s)) = counts.get(doc.tok(s.0)) {
                if seen >= 2 && with_s == seen {
                    s.1 += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, spans: &[(&str, Label)]) -> Vec<(String, Label)> {
        let d = Doc::new(s);
        let mut sp = Vec::new();
        for (text, l) in spans {
            let start = s.find(text).unwrap();
            let a = d.tokens.iter().position(|t| t.span.start == start).unwrap();
            let b = d
                .tokens
                .iter()
                .position(|t| t.span.end == start + text.len())
                .unwrap()
                + 1;
            sp.push((a, b, *l));
        }
        apply(&d, &super::super::punct_tokens(&d), &mut sp);
        sp.into_iter()
            .map(|(a, b, l)| {
                (
                    s[d.tokens[a].span.start..d.tokens[b - 1].span.end].to_string(),
                    l,
                )
            })
            .collect()
    }

    /// `s` with `spans` tagged comes out as the one name `whole`.
    #[track_caller]
    fn one(s: &str, spans: &[(&str, Label)], whole: &str, label: Label) {
        assert_eq!(run(s, spans), vec![(whole.to_string(), label)], "{s:?}");
    }

    #[test]
    fn joins_company_names() {
        use Label::*;
        one(
            "a unit of Walt Disney Co., that",
            &[("Walt", Gpe), ("Disney Co.", Org)],
            "Walt Disney Co.",
            Org,
        );
        one(
            "member of the China Democratic Justice Party said",
            &[("China", Gpe), ("Democratic Justice Party", Org)],
            "China Democratic Justice Party",
            Org,
        );
        one(
            "shares of Sony Corp. rose",
            &[("Sony", Org)],
            "Sony Corp.",
            Org,
        );
        one(
            "Earlier Harvard Law School said",
            &[("Harvard", Person), ("Law School", Person)],
            "Harvard Law School",
            Org,
        );
        one(
            "at Seton Hall University is",
            &[("Seton Hall University", Gpe)],
            "Seton Hall University",
            Org,
        );
        one(
            "in the West Bank now",
            &[("West Bank", Loc)],
            "West Bank",
            Loc,
        );
    }

    #[test]
    fn name_comma_corporate_form() {
        one(
            "sued Acme Widgets, Inc. on Monday",
            &[("Acme Widgets", Label::Org)],
            "Acme Widgets, Inc.",
            Label::Org,
        );
        one(
            "BY WORLDSOURCES, INC. AND",
            &[],
            "WORLDSOURCES, INC.",
            Label::Org,
        );
        let names: Vec<String> = run("A VENTURE OF FDCH, INC. AND WORLD TIMES, INC. NO", &[])
            .into_iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(names, ["FDCH, INC.", "WORLD TIMES, INC."]);
        one("on Monday Acme, Inc. said", &[], "Acme, Inc.", Label::Org);
        // no name before the comma, no company; overlapping forms stay apart
        assert!(run("and, Inc. and", &[]).is_empty());
        let d = Doc::new("Acme, Inc, Inc, Inc, Inc");
        let mut sp = Vec::new();
        apply(&d, &super::super::punct_tokens(&d), &mut sp);
        for w in sp.windows(2) {
            assert!(w[0].1 <= w[1].0, "{sp:?}");
        }
    }

    #[test]
    fn names_joined_by_an_ampersand() {
        use Label::*;
        one(
            "along with Standard &AMP; Poor's and",
            &[("Standard", Org)],
            "Standard &AMP; Poor's",
            Org,
        );
        one(
            "a partner in the McGlashan & Sarrail firm",
            &[("McGlashan", Person), ("Sarrail", Person)],
            "McGlashan & Sarrail",
            Org,
        );
        one("networks like A&AMP;E and", &[], "A&AMP;E", Org);
        // no name on one side: nothing
        assert!(run("salt & pepper", &[]).is_empty());
        assert!(run("R & D", &[]).len() == 1);
    }

    #[test]
    fn organisation_of_something() {
        use Label::*;
        let cases: [(&str, &[(&str, Label)], &str); 4] = [
            (
                "a course at the Moscow Academy of Economics, majoring",
                &[("Moscow Academy of Economics", Loc)],
                "Moscow Academy of Economics",
            ),
            (
                "at the University of California said",
                &[("University", Org), ("California", Gpe)],
                "University of California",
            ),
            (
                "the Committee for Law and Technology met",
                &[("Committee", Org)],
                "Committee for Law and Technology",
            ),
            (
                "the Museum of the American Indian opened",
                &[("Museum", Org), ("American", Norp)],
                "Museum of the American Indian",
            ),
        ];
        for (text, spans, whole) in cases {
            one(text, spans, whole, Org);
        }
        // not over a day, a lower-case word or a corporate form's place
        one("the Council on Monday", &[("Council", Org)], "Council", Org);
        one(
            "the Senate of the states",
            &[("Senate", Org)],
            "Senate",
            Org,
        );
        assert_eq!(
            run(
                "bought Daniels Pharmaceuticals Inc of St. Petersburg",
                &[
                    ("Daniels Pharmaceuticals Inc", Org),
                    ("St. Petersburg", Gpe)
                ]
            )
            .len(),
            2
        );
    }

    #[test]
    fn possessive_names() {
        assert_eq!(
            run(
                "Moody's said. Later Moody's cut it.",
                &[("Moody", Label::Org)]
            )
            .len(),
            1
        );
        assert_eq!(
            run(
                "Moody's said. Later Moody's cut it.",
                &[("Moody", Label::Org)]
            )[0]
            .0,
            "Moody's"
        );
        assert_eq!(
            run("Yale's stance. Yale agreed.", &[("Yale's", Label::Org)])[0].0,
            "Yale"
        );
    }

    #[test]
    fn leaves_separate_names_alone() {
        assert_eq!(
            run("Iraqi Prime Minister", &[("Iraqi", Label::Norp)]).len(),
            1
        );
        assert_eq!(
            run("Iran Iraq", &[("Iran", Label::Gpe), ("Iraq", Label::Gpe)]).len(),
            2
        );
    }
}
