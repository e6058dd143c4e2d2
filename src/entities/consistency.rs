//! One document, one reading: the same string gets the same label
//! throughout, and a name found once is found again where the tagger missed
//! it (Ratinov & Roth's non-local features, as a post-pass).

use super::fast::FastMap;
use super::features::DocCtx;
use super::lexicon::Class;
use crate::doc::{Doc, TokenKind};
use crate::model::Label;
use std::borrow::Cow;

/// The tokens `a..b` joined by one space: the text itself when the tokens
/// are one space apart (no copy), else a new string.
fn key<'a>(doc: &Doc<'a>, a: usize, b: usize) -> Cow<'a, str> {
    let t = &doc.tokens;
    let spaced = (a + 1..b).all(|k| {
        t[k].span.start == t[k - 1].span.end + 1
            && doc.src.as_bytes().get(t[k - 1].span.end) == Some(&b' ')
    });
    if spaced && a < b {
        Cow::Borrowed(
            doc.src
                .get(t[a].span.start..t[b - 1].span.end)
                .unwrap_or(""),
        )
    } else {
        Cow::Owned((a..b).map(|k| doc.tok(k)).collect::<Vec<_>>().join(" "))
    }
}

/// Relabels each string to its majority label, then adds uncovered
/// occurrences of strings labelled elsewhere. `spans` are token spans.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn apply(doc: &Doc, ctx: &DocCtx, spans: &mut Vec<(usize, usize, Label)>) {
    let n = doc.tokens.len();
    // each distinct string a number (the spans' strings, then the single
    // words asked about), so a span's string is hashed once, not three times
    let mut ids: FastMap<Cow<str>, u32> =
        FastMap::with_capacity_and_hasher(spans.len() * 2, Default::default());
    // majority vote per string: the count of each label, by its place in
    // `Label::ALL` (an array a string, not a map)
    let mut votes: Vec<[u32; Label::ALL.len()]> = Vec::with_capacity(spans.len());
    let mut span_ids: Vec<u32> = Vec::with_capacity(spans.len());
    for &(a, b, l) in spans.iter() {
        let next = votes.len() as u32;
        let id = *ids.entry(key(doc, a, b)).or_insert(next);
        if id == next {
            votes.push([0; Label::ALL.len()]);
        }
        votes[id as usize][l as usize] += 1;
        span_ids.push(id);
    }
    // the label with the most votes, if no other has as many
    let mut best: Vec<Option<Label>> = votes
        .iter()
        .map(|v| {
            let top = v.iter().copied().max().unwrap_or(0);
            let mut winners = Label::ALL.iter().zip(v).filter(|&(_, &c)| c == top);
            match (winners.next(), winners.next()) {
                (Some((&l, _)), None) => Some(l),
                _ => None,
            }
        })
        .collect();
    // the first word of an organisation's name alone is the organisation:
    // "Merrill" after "Merrill Lynch", "Harvard" after "Harvard Law School"
    let place_or_name = Class::Country.bit()
        | Class::City.bit()
        | Class::State.bit()
        | Class::Demonym.bit()
        | Class::GivenName.bit()
        | Class::Region.bit();
    for &(a, b, l) in spans.iter() {
        if l == Label::Org
            && b - a >= 2
            && ctx.toks[a].cap
            && ctx.toks[a].classes & (place_or_name | Class::Common.bit()) == 0
        {
            let w = doc.tok(a);
            // (a word numbered here, past the spans' strings, has no votes)
            let org_or_unsure =
                ids.get(w)
                    .and_then(|&id| votes.get(id as usize))
                    .map_or(true, |v| {
                        v[Label::Org as usize] * 2 >= v.iter().sum::<u32>()
                            || v[Label::Gpe as usize] == 0
                    });
            if org_or_unsure {
                let next = best.len() as u32;
                let id = *ids.entry(Cow::Borrowed(w)).or_insert(next);
                if id == next {
                    best.push(None);
                }
                best[id as usize] = Some(Label::Org);
            }
        }
    }
    for (s, &id) in spans.iter_mut().zip(&span_ids) {
        if let Some(l) = best[id as usize] {
            s.2 = l;
        }
    }
    // propagate to uncovered occurrences
    let mut covered = vec![false; n];
    for &(a, b, _) in spans.iter() {
        for c in &mut covered[a..b.min(n)] {
            *c = true;
        }
    }
    // names by their first word: (words, label), longest first; the words
    // by their tokens (a..b) in one place they occur, not copied
    let same_words = |(a, b): (usize, usize), (c, d): (usize, usize)| {
        b - a == d - c && (0..b - a).all(|k| doc.tok(a + k) == doc.tok(c + k))
    };
    let mut by_first: FastMap<&str, Vec<((usize, usize), Label)>> = FastMap::default();
    // the lower-cased forms of those first words: a token of another form
    // needs no look-up (same text, same form)
    let mut first_form = vec![false; doc.form_count()];
    for (&(a, b, _), &id) in spans.iter().zip(&span_ids) {
        if let Some(l) = best[id as usize] {
            first_form[doc.form(a) as usize] = true;
            let e = by_first.entry(doc.tok(a)).or_default();
            if !e.iter().any(|&(w, _)| same_words(w, (a, b))) {
                e.push(((a, b), l));
            }
        }
    }
    // a person's surname alone is the person: "King" after "Martin Luther King Jr."
    for &(a, b, l) in spans.iter() {
        if l != Label::Person || b - a < 2 {
            continue;
        }
        let mut last = b - 1;
        while last > a
            && matches!(
                doc.tok(last),
                "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV"
            )
        {
            last -= 1;
        }
        if last == a || !ctx.toks[last].cap {
            continue;
        }
        let w = doc.tok(last);
        let best_of_w = ids.get(w).and_then(|&id| best[id as usize]);
        if best_of_w.map_or(false, |x| x != Label::Person) {
            continue;
        }
        first_form[doc.form(last) as usize] = true;
        let e = by_first.entry(w).or_default();
        if !e.iter().any(|&((a, b), _)| b - a == 1) {
            e.push(((last, last + 1), Label::Person));
        }
    }
    for v in by_first.values_mut() {
        let words = |x: &((usize, usize), Label)| x.0 .1 - x.0 .0;
        crate::sort::stable_sort_by_key(v, |x| crate::sort::desc(words(x)) as u64);
        v.truncate(8); // bounded work per token
    }
    let cap_word = |k: usize| k < n && doc.tokens[k].kind == TokenKind::Word && ctx.toks[k].cap;
    let mut added = Vec::new();
    let mut i = 0;
    while i < n {
        // (the form first: it rules out nearly every token)
        if !first_form[doc.form(i) as usize] || covered[i] || !ctx.toks[i].cap {
            i += 1;
            continue;
        }
        let mut hit = None;
        if let Some(cands) = by_first.get(doc.tok(i)) {
            for &((from, to), l) in cands {
                let len = to - from;
                let end = i + len;
                if end > n
                    || (i..end).any(|k| covered[k])
                    || (0..len).any(|k| doc.tok(i + k) != doc.tok(from + k))
                {
                    continue;
                }
                // not part of a longer capitalised name
                let opener = |k: usize| {
                    ctx.toks[k].sent_start && ctx.toks[k].classes & Class::Common.bit() != 0
                };
                if (i > 0 && cap_word(i - 1) && !ctx.toks[i].sent_start && !opener(i - 1))
                    || cap_word(end)
                {
                    continue;
                }
                // a lone sentence-initial word that the document also writes in lower case
                if len == 1 && ctx.toks[i].sent_start && ctx.toks[i].stats.lower > 0 {
                    continue;
                }
                hit = Some((end, l));
                break;
            }
        }
        if let Some((end, l)) = hit {
            added.push((i, end, l));
            i = end;
        } else {
            i += 1;
        }
    }
    spans.extend(added);
    crate::sort::stable_sort_by_key(spans, |s| crate::sort::key2(s.0, crate::sort::desc(s.1)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_indexes_its_place_in_all() {
        for (k, &l) in Label::ALL.iter().enumerate() {
            assert_eq!(l as usize, k, "{l:?}");
        }
    }

    #[test]
    fn majority_and_propagation() {
        let s = "Yale said so. Later Yale agreed and Yale left. Then Yale Law School spoke.";
        let d = Doc::new(s);
        let ctx = DocCtx::new(&d);
        let idx = |w: &str, nth: usize| {
            (0..d.tokens.len())
                .filter(|&i| d.tok(i) == w)
                .nth(nth)
                .unwrap()
        };
        let mut spans = vec![
            (idx("Yale", 0), idx("Yale", 0) + 1, Label::Org),
            (idx("Yale", 1), idx("Yale", 1) + 1, Label::Org),
            (idx("Yale", 2), idx("Yale", 2) + 1, Label::Person),
        ];
        apply(&d, &ctx, &mut spans);
        assert!(spans.iter().all(|s| s.2 == Label::Org));
        // "Yale Law School": not a bare "Yale"
        assert_eq!(spans.len(), 3);
    }

    #[test]
    fn surnames_are_found_again() {
        let s = "Douglas Cardinal designed it. Later Cardinal asked for more.";
        let d = Doc::new(s);
        let ctx = DocCtx::new(&d);
        let mut spans = vec![(0, 2, Label::Person)];
        apply(&d, &ctx, &mut spans);
        let got: Vec<&str> = spans
            .iter()
            .map(|&(a, b, _)| &s[d.tokens[a].span.start..d.tokens[b - 1].span.end])
            .collect();
        assert_eq!(got, vec!["Douglas Cardinal", "Cardinal"]);
    }
}
