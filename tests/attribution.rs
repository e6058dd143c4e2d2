//! Integration test of the attribution engine on the seed article: every
//! expected attribution and unattributed claim, listed in the fixture
//! `data/attribution/seed-expected.tsv`, is found with the right span texts
//! and kinds. The expectations are data, so no rule or test names words of
//! the article.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::{annotate, Attribution};

const ARTICLE: &str = include_str!("../data/examples/seed-article.txt");
const EXPECTED: &str = include_str!("../data/attribution/seed-expected.tsv");

struct Expect<'a> {
    kind: &'a str,
    source: &'a str,
    name: &'a str,
    cue: &'a str,
    stance: &'a str,
    content: &'a str,
    quote: bool,
    via: &'a str,
}

fn expectations() -> Vec<Expect<'static>> {
    EXPECTED
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 8, "fixture line {l:?}");
            Expect {
                kind: c[0],
                source: c[1],
                name: c[2],
                cue: c[3],
                stance: c[4],
                content: c[5],
                quote: c[6] == "true",
                via: c[7],
            }
        })
        .collect()
}

fn json_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn describe(a: &Attribution) -> String {
    format!(
        "{:?} [{}] cue [{}] content [{}]",
        a.source_kind,
        a.source.as_ref().map(|s| s.text.as_str()).unwrap_or(""),
        a.cue.as_ref().map(|s| s.text.as_str()).unwrap_or(""),
        a.content.text
    )
}

#[test]
fn seed_article_attributions_and_claims() {
    let ann = annotate(ARTICLE);
    let exp = expectations();
    assert_eq!(exp.len(), 10);
    for e in &exp {
        let hit = ann
            .attributions
            .iter()
            .find(|a| a.content.text.contains(e.content));
        let Some(a) = hit else {
            panic!(
                "no attribution contains {:?}; found:\n{}",
                e.content,
                ann.attributions
                    .iter()
                    .map(describe)
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        };
        let what = describe(a);
        assert_eq!(
            a.source_kind.map(|k| k.as_str()),
            Some(e.kind),
            "kind of {what}"
        );
        if e.kind == "unattributed" {
            assert!(a.source.is_none() && a.cue.is_none(), "{what}");
            continue;
        }
        assert_eq!(
            a.source.as_ref().map(|s| s.text.as_str()),
            Some(e.source),
            "source of {what}"
        );
        assert_eq!(
            a.cue.as_ref().map(|s| s.text.as_str()),
            Some(e.cue),
            "cue of {what}"
        );
        assert_eq!(
            a.cue_stance.as_ref().map(json_str).as_deref(),
            Some(e.stance),
            "stance of {what}"
        );
        assert_eq!(a.quote, e.quote, "quote flag of {what}");
        if e.name != "-" {
            assert_eq!(
                a.source_name.as_deref(),
                Some(e.name),
                "source_name of {what}"
            );
        }
        match (e.via, &a.via) {
            ("-", None) => {}
            ("-", Some(v)) => panic!("unexpected via {:?} on {what}", v.source.text),
            (k, Some(v)) => assert_eq!(v.source_kind.as_str(), k, "via of {what}"),
            (k, None) => panic!("missing via {k} on {what}"),
        }
    }
}

#[test]
fn spans_are_javascript_slices_and_sorted() {
    let ann = annotate(ARTICLE);
    let units: Vec<u16> = ARTICLE.encode_utf16().collect();
    let slice = |a: u32, b: u32| String::from_utf16_lossy(&units[a as usize..b as usize]);
    for a in &ann.attributions {
        assert_eq!(slice(a.content.start, a.content.end), a.content.text);
        for s in [&a.source, &a.cue].into_iter().flatten() {
            assert_eq!(slice(s.start, s.end), s.text);
        }
    }
    assert!(ann
        .attributions
        .windows(2)
        .all(|w| w[0].content.start <= w[1].content.start));
}

#[test]
fn unattributed_claims_do_not_overlap_attributions() {
    let ann = annotate(ARTICLE);
    let (claims, attrs): (Vec<_>, Vec<_>) = ann
        .attributions
        .iter()
        .partition(|a| a.source_kind.map(|k| k.as_str()) == Some("unattributed"));
    assert!(!claims.is_empty());
    for c in &claims {
        for a in &attrs {
            assert!(
                c.content.end <= a.content.start || a.content.end <= c.content.start,
                "{} / {}",
                c.content.text,
                a.content.text
            );
        }
    }
}
