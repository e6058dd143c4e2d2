//! Entity scoring on CoNLL++ and IE-ER, exact span and type match, with the
//! conventions of `../shared/README.md`:
//!
//! - CoNLL: one document per `-DOCSTART-`, tokens joined by single spaces,
//!   sentences by `"\n"`; PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC,
//!   NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE→MISC, everything else
//!   (TITLE, dates, numbers) unscored.
//! - IE-ER: the `text` of each line (headlines are not scored), offsets are
//!   code-point indices; PERSON→PERSON, ORG→ORGANIZATION, GPE/LOC/FAC→LOCATION,
//!   DATE→DATE (or DURATION when it is a length of time: "two years",
//!   "three-day", see `numbers::is_duration`), TIME, MONEY, PERCENT,
//!   CARDINAL as they are, QUANTITY→MEASURE. Gold entities marked
//!   `status="opt"` are optional: matching one neither adds nor costs.

use article_annotator::doc::Doc;
use article_annotator::entities::{self, conll as conll_io, numbers};
use article_annotator::model::Label;
use std::collections::{BTreeMap, HashSet};

#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Count {
    fn add(&mut self, o: Count) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

fn line(name: &str, c: Count) {
    let (p, r, f) = c.prf();
    println!(
        "{name:<22} P {p:.4}  R {r:.4}  F1 {f:.4}   (tp {} pred {} gold {})",
        c.tp, c.pred, c.gold
    );
}

/// Scores predicted against gold (start, end, type) sets, counting per type.
fn score(
    pred: &[(usize, usize, &'static str)],
    gold: &[(usize, usize, String)],
    optional: &[(usize, usize, String)],
    per: &mut BTreeMap<String, Count>,
) {
    let gset: HashSet<(usize, usize, &str)> =
        gold.iter().map(|(a, b, t)| (*a, *b, t.as_str())).collect();
    let oset: HashSet<(usize, usize, &str)> = optional
        .iter()
        .map(|(a, b, t)| (*a, *b, t.as_str()))
        .collect();
    let mut seen = HashSet::new();
    for &(a, b, t) in pred {
        if !seen.insert((a, b, t)) {
            continue;
        }
        if oset.contains(&(a, b, t)) {
            continue;
        }
        let c = per.entry(t.to_string()).or_default();
        c.pred += 1;
        if gset.contains(&(a, b, t)) {
            c.tp += 1;
        }
    }
    for (_, _, t) in gold {
        per.entry(t.clone()).or_default().gold += 1;
    }
}

/// With `EVAL_ERRORS` set: every false positive and false negative, with
/// context (spans in the units the gold uses; text shown by characters).
fn show_errors(
    text: &str,
    pred: &[(usize, usize, &'static str)],
    gold: &[(usize, usize, String)],
    optional: &[(usize, usize, String)],
) {
    let chars: Vec<char> = text.chars().collect();
    let units_are_bytes = text.len() != chars.len() && pred.iter().any(|p| p.1 > chars.len());
    let get = |a: usize, b: usize| -> String {
        if units_are_bytes {
            text.get(a..b).unwrap_or("").to_string()
        } else {
            chars[a.min(chars.len())..b.min(chars.len())]
                .iter()
                .collect()
        }
    };
    let gset: HashSet<(usize, usize, &str)> =
        gold.iter().map(|(a, b, t)| (*a, *b, t.as_str())).collect();
    let pset: HashSet<(usize, usize, &str)> = pred.iter().copied().collect();
    let oset: HashSet<(usize, usize)> = optional.iter().map(|(a, b, _)| (*a, *b)).collect();
    let ctx = |a: usize, b: usize| -> String {
        let n = if units_are_bytes {
            text.len()
        } else {
            chars.len()
        };
        let s = a.saturating_sub(30);
        let e = (b + 30).min(n);
        format!("{}[{}]{}", get(s, a), get(a, b), get(b, e)).replace('\n', " ")
    };
    for &(a, b, t) in pred {
        if !gset.contains(&(a, b, t)) && !oset.contains(&(a, b)) {
            let g: Vec<&str> = gold
                .iter()
                .filter(|(x, y, _)| *x < b && a < *y)
                .map(|(_, _, t)| t.as_str())
                .collect();
            println!(
                "FP {t:<13} {:<30} gold-overlap {:?} | {}",
                get(a, b).replace('\n', " "),
                g,
                ctx(a, b)
            );
        }
    }
    for (a, b, t) in gold {
        if !pset.contains(&(*a, *b, t.as_str())) {
            println!(
                "FN {t:<13} {:<30} | {}",
                get(*a, *b).replace('\n', " "),
                ctx(*a, *b)
            );
        }
    }
}

pub fn conll_type(l: Label) -> Option<&'static str> {
    use Label::*;
    match l {
        Person => Some("PER"),
        Org => Some("ORG"),
        Gpe | Loc | Fac => Some("LOC"),
        Norp | Event | Product | WorkOfArt | Law | Language => Some("MISC"),
        _ => None,
    }
}

pub fn conll(path: &str) -> Result<(), String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let docs = conll_io::parse(&src);
    let mut per: BTreeMap<String, Count> = BTreeMap::new();
    let t0 = std::time::Instant::now();
    let mut words = 0;
    for d in &docs {
        let doc = Doc::new(&d.text);
        words += doc.tokens.len();
        let found = entities::find(&doc);
        let pred: Vec<(usize, usize, &'static str)> = found
            .mentions
            .iter()
            .filter_map(|m| conll_type(m.label).map(|t| (m.span.start, m.span.end, t)))
            .collect();
        if std::env::var_os("EVAL_ERRORS").is_some() {
            show_errors(&d.text, &pred, &d.entities, &[]);
        }
        score(&pred, &d.entities, &[], &mut per);
    }
    let el = t0.elapsed();
    println!(
        "CoNLL {path}: {} documents, {words} tokens, {:.1} ms",
        docs.len(),
        el.as_secs_f64() * 1000.0
    );
    let mut all = Count::default();
    for (t, c) in &per {
        line(t, *c);
        all.add(*c);
    }
    line("overall", all);
    Ok(())
}

pub fn ieer_type(l: Label, text: &str) -> Option<&'static str> {
    use Label::*;
    match l {
        Person => Some("PERSON"),
        Org => Some("ORGANIZATION"),
        Gpe | Loc | Fac => Some("LOCATION"),
        Date => Some(if numbers::is_duration(text) {
            "DURATION"
        } else {
            "DATE"
        }),
        Time => Some("TIME"),
        Money => Some("MONEY"),
        Percent => Some("PERCENT"),
        Cardinal => Some("CARDINAL"),
        Quantity => Some("MEASURE"),
        _ => None,
    }
}

pub fn ieer(path: &str) -> Result<(), String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut per: BTreeMap<String, Count> = BTreeMap::new();
    let mut ndocs = 0;
    for (k, l) in src.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(l).map_err(|e| format!("{path}:{}: {e}", k + 1))?;
        let text = v["text"].as_str().unwrap_or("");
        ndocs += 1;
        let mut gold = Vec::new();
        let mut optional = Vec::new();
        for e in v["entities"]
            .as_array()
            .map(|a| a.as_slice())
            .unwrap_or(&[])
        {
            let (Some(a), Some(b), Some(t)) =
                (e["start"].as_u64(), e["end"].as_u64(), e["type"].as_str())
            else {
                continue;
            };
            let item = (a as usize, b as usize, t.to_string());
            if e["attr"].as_str().unwrap_or("").contains("opt") {
                optional.push(item);
            } else {
                gold.push(item);
            }
        }
        // byte offset -> code point index
        let mut cp = vec![0usize; text.len() + 1];
        let mut n = 0;
        for (b, ch) in text.char_indices() {
            for x in 0..ch.len_utf8() {
                cp[b + x] = n;
            }
            n += 1;
        }
        cp[text.len()] = n;
        let doc = Doc::new(text);
        let found = entities::find(&doc);
        let pred: Vec<(usize, usize, &'static str)> = found
            .mentions
            .iter()
            .filter_map(|m| {
                ieer_type(m.label, m.span.slice(text))
                    .map(|t| (cp[m.span.start], cp[m.span.end], t))
            })
            .collect();
        if std::env::var_os("EVAL_ERRORS").is_some() {
            show_errors(text, &pred, &gold, &optional);
        }
        score(&pred, &gold, &optional, &mut per);
    }
    println!("IE-ER {path}: {ndocs} documents");
    let mut all = Count::default();
    for (t, c) in &per {
        line(t, *c);
        all.add(*c);
    }
    line("overall (all types)", all);
    let group = |names: &[&str]| {
        let mut c = Count::default();
        for n in names {
            if let Some(x) = per.get(*n) {
                c.add(*x);
            }
        }
        c
    };
    line(
        "PER+ORG+LOC",
        group(&["PERSON", "ORGANIZATION", "LOCATION"]),
    );
    line(
        "DATE+MONEY+PERC+CARD",
        group(&["DATE", "MONEY", "PERCENT", "CARDINAL"]),
    );
    Ok(())
}
