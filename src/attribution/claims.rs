//! Claims that rest on the writer's word alone: sentences with no
//! attribution that assert something checkable — a number, a comparison, an
//! event told in the perfect ("have targeted ... since") — about something
//! named. Precision first: questions, quotes, first and second person, modal
//! or hedged sentences and very short or very long sentences are left out.

use super::lexicon::class;
use super::{Cand, Ctx};
use crate::doc::TokenKind;
use crate::model::SourceKind;

const MIN_WORDS: usize = 6;
const MAX_WORDS: usize = 70;

/// A comparison at token `k`: "largest", "twice", "more than".
fn comparison(cx: &Ctx, k: usize) -> bool {
    cx.is(k, class::COMPARISON) || (cx.is(k, class::COMPARATIVE) && cx.w(k + 1) == "than")
}

/// "has/have/had (adverbs) VERB-ed/-en": an event in the perfect.
fn perfect(cx: &Ctx, k: usize, end: usize) -> bool {
    if !cx.is(k, class::HAVE) {
        return false;
    }
    let mut m = k + 1;
    while m < end && m < k + 4 && cx.is_cue_adverb(m) {
        m += 1;
    }
    let v = cx.w(m);
    m < end && v != "been" && (v.ends_with("ed") || v.ends_with("en")) && v.len() > 4
}

/// Unattributed factual claims, as candidates with kind `unattributed`.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn find(cx: &Ctx, cands: &[Cand]) -> Vec<Cand> {
    let n = cx.n();
    let mut covered = vec![false; n];
    for c in cands {
        let (s, e) = c.extent();
        for x in covered.iter_mut().take(e.min(n)).skip(s) {
            *x = true;
        }
    }
    let mut out = Vec::new();
    for (si, s) in cx.doc.sentences.iter().enumerate() {
        let (a, b) = (s.first, s.last);
        if b <= a || (a..b).any(|k| covered[k] || cx.in_quote(k)) {
            continue;
        }
        // the title line of an article is not a claim
        if si == 0 && !matches!(cx.w(b - 1), ".") {
            continue;
        }
        let words = (a..b).filter(|&k| cx.is_word(k)).count();
        if !(MIN_WORDS..=MAX_WORDS).contains(&words) {
            continue;
        }
        // ("US" is a country, "us" a pronoun)
        if (a..b).any(|k| cx.is(k, class::HEDGE) && cx.t(k) != "US") {
            continue;
        }
        let number = (a..b).any(|k| cx.doc.tokens[k].kind == TokenKind::Number);
        let named = number || (a + 1..b).any(|k| cx.is_cap(k));
        let checkable = number || (a..b).any(|k| comparison(cx, k) || perfect(cx, k, b));
        if !(named && checkable) {
            continue;
        }
        let mut e = b;
        while e > a && matches!(cx.w(e - 1), "." | ";" | ":") {
            e -= 1;
        }
        out.push(Cand {
            source: None,
            cue: None,
            content: (a, e),
            stance: None,
            quote: false,
            via: None,
            kind: Some(SourceKind::Unattributed),
            name: None,
            cluster: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::find as find_all;
    use crate::doc::Doc;
    use crate::entities;
    use crate::model::SourceKind;

    fn claims(s: &str) -> Vec<String> {
        let d = Doc::new(s);
        let e = entities::find(&d);
        find_all(&d, &e)
            .iter()
            .filter(|f| f.source_kind == Some(SourceKind::Unattributed))
            .map(|f| f.content.slice(s).to_string())
            .collect()
    }

    #[test]
    fn numbers_and_perfect_events_are_claims() {
        let s = "Intro line.\nThe port handles 4,000 ships a year. Rebels in the north have repeatedly shelled Army convoys since the truce.";
        assert_eq!(
            claims(s),
            vec![
                "The port handles 4,000 ships a year",
                "Rebels in the north have repeatedly shelled Army convoys since the truce"
            ]
        );
    }

    #[test]
    fn attributed_hedged_and_personal_sentences_are_not() {
        let s = "Intro line.\nThe minister said the port handles 4,000 ships. The port could handle 5,000 ships in Canada. We counted 300 ships in Canada. Is it 200 ships in Canada?";
        assert!(claims(s).is_empty(), "{:?}", claims(s));
    }

    #[test]
    fn comparisons_count() {
        assert_eq!(claims("Intro line.\nThe Nile is longer than the Amazon and is the longest river in Africa by far.").len(), 0);
        assert_eq!(
            claims("Intro line.\nExports from Chile grew more than imports last year.").len(),
            1
        );
    }
}
