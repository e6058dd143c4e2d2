//! Acronyms defined in parentheses. "the International Monetary Fund (IMF)":
//! the acronym takes the label of the name it abbreviates; "memoranda of
//! understanding (MoUs)": an abbreviation of common words is not a name.

use crate::doc::Doc;
use crate::model::Label;

const SKIP: &[&str] = &["of", "and", "the", "for", "on", "in", "&", "to", "de"];

/// The capital letters of an acronym, without a plural "s": "MoUs" → "MU"
/// plus the lower-case letters that follow capitals ("MoU" → "mou").
fn letters(acr: &str) -> Option<String> {
    let a = acr
        .strip_suffix('s')
        .filter(|x| x.chars().filter(|c| c.is_uppercase()).count() >= 2)
        .unwrap_or(acr);
    let a: String = a.chars().filter(|c| *c != '.').collect();
    if a.chars().count() < 2 || a.chars().count() > 8 || !a.chars().all(crate::chars::is_alphabetic)
    {
        return None;
    }
    if a.chars().filter(|c| c.is_uppercase()).count() < 2 {
        return None;
    }
    Some(a.to_lowercase())
}

/// If tokens `..open` end with words whose initials spell `acr`, the first
/// of those words.
fn expansion(doc: &Doc, open: usize, acr: &str) -> Option<usize> {
    let want: Vec<char> = acr.chars().collect();
    let mut k = want.len();
    let mut i = open;
    let mut steps = 0;
    while k > 0 && i > 0 && steps < 12 {
        i -= 1;
        steps += 1;
        let w = doc.tok(i);
        let first = w.chars().next()?.to_lowercase().next()?;
        if first == want[k - 1] {
            k -= 1;
        } else if !SKIP.contains(&w.to_lowercase().as_str()) {
            return None;
        }
    }
    if k == 0 {
        Some(i)
    } else {
        None
    }
}

/// Applies both rules to token spans in place.
/// `puncts`: the punctuation tokens, in order (a bracket is one).
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn apply(doc: &Doc, puncts: &[usize], spans: &mut Vec<(usize, usize, Label)>) {
    let n = doc.tokens.len();
    // the span covering each token (spans do not overlap), made on the first
    // "(ACRONYM)" with an expansion: most documents have none
    let mut cover: Option<Vec<usize>> = None;
    let mut add = Vec::new();
    let mut drop = Vec::new();
    for i in puncts.iter().map(|&open| open + 1) {
        if i >= n.saturating_sub(1) || doc.tok(i - 1) != "(" || super::punct(doc, i + 1) != ")" {
            continue;
        }
        let Some(acr) = letters(doc.tok(i)) else {
            continue;
        };
        let Some(start) = expansion(doc, i - 1, &acr) else {
            continue;
        };
        let words = start..i - 1;
        let cover = cover.get_or_insert_with(|| {
            let mut cover = vec![usize::MAX; n];
            for (k, s) in spans.iter().enumerate() {
                for c in &mut cover[s.0.min(n)..s.1.min(n)] {
                    *c = k;
                }
            }
            cover
        });
        let covering = spans
            .get(cover[words.start])
            .copied()
            .filter(|s| s.1 >= words.end && s.1 <= i - 1);
        if let Some((_, _, l)) = covering {
            add.push((i, i + 1, l));
        } else if words.clone().all(|k| {
            doc.tok(k)
                .chars()
                .next()
                .map_or(true, |c| !c.is_uppercase())
        }) {
            drop.push(i);
        }
    }
    if !(drop.is_empty() && add.is_empty()) {
        let mut gone = vec![false; n];
        for &i in &drop {
            gone[i] = true;
        }
        for a in &add {
            gone[a.0] = true;
        }
        spans.retain(|s| s.0 >= n || !gone[s.0]);
        spans.extend(add);
    }
    crate::sort::stable_sort_by_key(spans, |s| crate::sort::key2(s.0, crate::sort::desc(s.1)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx(d: &Doc, w: &str) -> usize {
        (0..d.tokens.len()).find(|&i| d.tok(i) == w).unwrap()
    }

    #[test]
    fn acronym_of_a_name_takes_its_label() {
        let s = "the International Monetary Fund (IMF) said";
        let d = Doc::new(s);
        let a = idx(&d, "International");
        let mut sp = vec![
            (a, a + 3, Label::Org),
            (idx(&d, "IMF"), idx(&d, "IMF") + 1, Label::Person),
        ];
        apply(&d, &super::super::punct_tokens(&d), &mut sp);
        assert_eq!(sp[1], (idx(&d, "IMF"), idx(&d, "IMF") + 1, Label::Org));
    }

    #[test]
    fn acronym_of_common_words_is_not_a_name() {
        let s = "inked 14 memoranda of understanding (MoUs) across";
        let d = Doc::new(s);
        let mut sp = vec![(idx(&d, "MoUs"), idx(&d, "MoUs") + 1, Label::Norp)];
        apply(&d, &super::super::punct_tokens(&d), &mut sp);
        assert!(sp.is_empty());
    }
}
