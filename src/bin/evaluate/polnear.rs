//! Attribution scoring on PolNeAR (brat standoff), with the conventions of
//! `../shared/README.md`:
//!
//! * every `Attribution` / `Attribution-no-source` event with a content is one
//!   gold attribution; discontinuous spans (`a b;c d`) are unions of pieces;
//! * gold offsets are code-point indices, ours are UTF-16 units: both are
//!   turned into sets of word tokens of our tokenizer (punctuation ignored);
//! * a prediction matches a gold attribution when their content token sets
//!   have Jaccard >= 0.5, one-to-one, best pairs first;
//! * on matched pairs, the source is right when the spans overlap (or both are
//!   absent) and the cue is right when the spans overlap;
//! * content token F1 is micro-averaged over matched pairs; the token-level
//!   F1 over all content tokens of the documents is printed as well;
//! * a predicted content is the union of its `content_parts`, as emitted: a
//!   split quotation `"A," said X, "B."` is scored without its own source and
//!   cue, as PolNeAR's discontinuous content leaves them out;
//! * claims marked `unattributed` are not attributions and are not scored.
//!
//! `POLNEAR_DUMP=FILE` writes every missed, spurious and mismatched item.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use article_annotator::doc::{tokenize, TokenKind};
use article_annotator::{annotate, SourceKind, Text};

/// A set of UTF-16 ranges.
type Ranges = Vec<(u32, u32)>;

struct Gold {
    source: Ranges,
    cue: Ranges,
    content: Ranges,
}

struct Pred {
    source: Ranges,
    cue: Ranges,
    content: Ranges,
    label: String,
}

fn overlaps(a: &Ranges, b: &Ranges) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.0 < y.1 && y.0 < x.1))
}

/// Parses one .ann file into gold attributions, offsets converted from code
/// points to UTF-16 units through `cp_to_u16`.
fn parse_ann(ann: &str, cp_to_u16: &[u32]) -> Vec<Gold> {
    let conv = |cp: usize| -> u32 { cp_to_u16[cp.min(cp_to_u16.len() - 1)] };
    let mut spans: HashMap<&str, Ranges> = HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut parts = line.split('\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((typ, rest)) = body.split_once(' ') else {
                continue;
            };
            if !matches!(typ, "Source" | "Cue" | "Content") {
                continue;
            }
            let mut r = Vec::new();
            for piece in rest.split(';') {
                let mut it = piece
                    .split_whitespace()
                    .filter_map(|x| x.parse::<usize>().ok());
                if let (Some(a), Some(b)) = (it.next(), it.next()) {
                    r.push((conv(a), conv(b)));
                }
            }
            spans.insert(id, r);
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for ev in events {
        let mut g = Gold {
            source: Vec::new(),
            cue: Vec::new(),
            content: Vec::new(),
        };
        for arg in ev.split_whitespace().skip(1) {
            let Some((role, t)) = arg.split_once(':') else {
                continue;
            };
            let Some(r) = spans.get(t) else { continue };
            match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Source" => g.source.extend(r),
                "Cue" => g.cue.extend(r),
                "Content" => g.content.extend(r),
                _ => {}
            }
        }
        if !g.content.is_empty() {
            out.push(g);
        }
    }
    out
}

/// Word tokens of the text as UTF-16 ranges, sorted.
fn word_tokens(text: &str) -> Vec<(u32, u32)> {
    let t = Text::new(text);
    tokenize(text)
        .iter()
        .filter(|k| k.kind != TokenKind::Punct)
        .map(|k| (t.utf16(k.span.start), t.utf16(k.span.end)))
        .collect()
}

/// Indices of the tokens that overlap any of the ranges.
fn token_set(tokens: &[(u32, u32)], ranges: &Ranges) -> Vec<usize> {
    let mut out = Vec::new();
    for &(a, b) in ranges {
        let first = tokens.partition_point(|t| t.1 <= a);
        let mut i = first;
        while i < tokens.len() && tokens[i].0 < b {
            out.push(i);
            i += 1;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn intersection(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[derive(Default)]
struct Score {
    docs: usize,
    gold: usize,
    pred: usize,
    matched: usize,
    source_ok: usize,
    cue_ok: usize,
    tok_inter: usize,
    tok_pred: usize,
    tok_gold: usize,
    all_inter: usize,
    all_pred: usize,
    all_gold: usize,
    quotes_pred: usize,
    quotes_matched: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn slice16(units: &[u16], r: &Ranges) -> String {
    r.iter()
        .map(|&(a, b)| {
            String::from_utf16_lossy(
                &units[(a as usize).min(units.len())..(b as usize).min(units.len())],
            )
        })
        .collect::<Vec<_>>()
        .join(" … ")
}

fn score_doc(name: &str, text: &str, ann: &str, s: &mut Score, dump: &mut Option<String>) {
    let mut cp_to_u16 = Vec::with_capacity(text.len() + 1);
    let mut u = 0u32;
    for c in text.chars() {
        cp_to_u16.push(u);
        u += c.len_utf16() as u32;
    }
    cp_to_u16.push(u);
    let gold = parse_ann(ann, &cp_to_u16);
    let ann_out = annotate(text);
    let preds: Vec<Pred> = ann_out
        .attributions
        .iter()
        .filter(|a| a.source_kind != Some(SourceKind::Unattributed))
        .map(|a| Pred {
            source: a.source.iter().map(|x| (x.start, x.end)).collect(),
            cue: a.cue.iter().map(|x| (x.start, x.end)).collect(),
            content: a.content_parts.iter().map(|x| (x.start, x.end)).collect(),
            label: format!(
                "{}{}",
                a.source_kind.map(|k| k.as_str()).unwrap_or("-"),
                if a.quote { " quote" } else { "" }
            ),
        })
        .collect();
    let toks = word_tokens(text);
    let gsets: Vec<Vec<usize>> = gold.iter().map(|g| token_set(&toks, &g.content)).collect();
    let psets: Vec<Vec<usize>> = preds.iter().map(|p| token_set(&toks, &p.content)).collect();

    // candidate pairs through a token -> gold index
    let mut by_tok: HashMap<usize, Vec<usize>> = HashMap::new();
    for (gi, set) in gsets.iter().enumerate() {
        for &t in set {
            by_tok.entry(t).or_default().push(gi);
        }
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    let mut best = vec![0.0f64; gold.len()];
    let mut best_pred: Vec<Option<usize>> = vec![None; gold.len()];
    for (pi, pset) in psets.iter().enumerate() {
        let mut cands: Vec<usize> = pset
            .iter()
            .filter_map(|t| by_tok.get(t))
            .flatten()
            .copied()
            .collect();
        cands.sort_unstable();
        cands.dedup();
        for gi in cands {
            let inter = intersection(pset, &gsets[gi]);
            let union = pset.len() + gsets[gi].len() - inter;
            let j = ratio(inter, union);
            if j > best[gi] {
                best[gi] = j;
                best_pred[gi] = Some(pi);
            }
            if j >= 0.5 {
                pairs.push((j, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    let mut gm = vec![None; gold.len()];
    let mut pm = vec![None; preds.len()];
    for (_, gi, pi) in pairs {
        if gm[gi].is_none() && pm[pi].is_none() {
            gm[gi] = Some(pi);
            pm[pi] = Some(gi);
        }
    }
    s.docs += 1;
    s.gold += gold.len();
    s.pred += preds.len();
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut log = String::new();
    for (gi, g) in gold.iter().enumerate() {
        let Some(pi) = gm[gi] else {
            let _ = writeln!(
                log,
                "MISS best={:.2} src=[{}] cue=[{}] content=[{}]",
                best[gi],
                slice16(&units, &g.source),
                slice16(&units, &g.cue),
                slice16(&units, &g.content)
            );
            if let Some(p) = best_pred[gi].map(|pi| &preds[pi]) {
                let _ = writeln!(
                    log,
                    "  nearest ours src=[{}] cue=[{}] content=[{}]",
                    slice16(&units, &p.source),
                    slice16(&units, &p.cue),
                    slice16(&units, &p.content)
                );
            }
            continue;
        };
        let p = &preds[pi];
        s.matched += 1;
        let src_ok = if g.source.is_empty() {
            p.source.is_empty()
        } else {
            overlaps(&g.source, &p.source)
        };
        let cue_ok = overlaps(&g.cue, &p.cue);
        s.source_ok += src_ok as usize;
        s.cue_ok += cue_ok as usize;
        let inter = intersection(&gsets[gi], &psets[pi]);
        s.tok_inter += inter;
        s.tok_gold += gsets[gi].len();
        s.tok_pred += psets[pi].len();
        if p.label.ends_with("quote") {
            s.quotes_matched += 1;
        }
        if !src_ok || !cue_ok {
            let _ = writeln!(
                log,
                "BAD{}{} gold src=[{}] cue=[{}] | ours src=[{}] cue=[{}] | content=[{}]",
                if src_ok { "" } else { " SRC" },
                if cue_ok { "" } else { " CUE" },
                slice16(&units, &g.source),
                slice16(&units, &g.cue),
                slice16(&units, &p.source),
                slice16(&units, &p.cue),
                slice16(&units, &g.content)
            );
        }
    }
    for (pi, p) in preds.iter().enumerate() {
        if p.label.ends_with("quote") {
            s.quotes_pred += 1;
        }
        if pm[pi].is_none() {
            let _ = writeln!(
                log,
                "SPUR  ({}) src=[{}] cue=[{}] content=[{}]",
                p.label,
                slice16(&units, &p.source),
                slice16(&units, &p.cue),
                slice16(&units, &p.content)
            );
        }
    }
    // token-level content F1 over the whole document
    let mut gall: Vec<usize> = gsets.concat();
    gall.sort_unstable();
    gall.dedup();
    let mut pall: Vec<usize> = psets.concat();
    pall.sort_unstable();
    pall.dedup();
    s.all_inter += intersection(&gall, &pall);
    s.all_gold += gall.len();
    s.all_pred += pall.len();
    if let Some(d) = dump.as_mut() {
        let _ = writeln!(d, "=== {name}\n{log}");
    }
}

/// The annotation file of each text: `STEM_ANNOTATOR.ann`, the first one
/// in name order when several annotators did the same text.
fn ann_files(dir: &Path) -> HashMap<String, PathBuf> {
    let mut all: Vec<PathBuf> = fs::read_dir(dir.join("attributions"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    all.sort();
    let mut out = HashMap::new();
    for p in all {
        let Some(name) = p
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".ann"))
        else {
            continue;
        };
        let Some((stem, _annotator)) = name.rsplit_once('_') else {
            continue;
        };
        out.entry(stem.to_string()).or_insert(p.clone());
    }
    out
}

pub fn run(path: &str) -> Result<(), String> {
    let dir = Path::new(path);
    let text_dir = dir.join("text");
    let mut names: Vec<PathBuf> = fs::read_dir(&text_dir)
        .map_err(|e| format!("{}: {e}", text_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map_or(false, |x| x == "txt"))
        .collect();
    names.sort();
    let mut dump = std::env::var("POLNEAR_DUMP").ok().map(|_| String::new());
    let anns = ann_files(dir);
    let mut s = Score::default();
    for p in &names {
        let stem = p
            .file_stem()
            .and_then(|x| x.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(ann_path) = anns.get(&stem) else {
            continue;
        };
        let text = fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let ann =
            fs::read_to_string(ann_path).map_err(|e| format!("{}: {e}", ann_path.display()))?;
        score_doc(&stem, &text, &ann, &mut s, &mut dump);
    }
    if s.docs == 0 {
        return Err(format!("no PolNeAR documents under {path}"));
    }
    if let (Some(d), Ok(f)) = (dump, std::env::var("POLNEAR_DUMP")) {
        fs::write(&f, d).map_err(|e| format!("{f}: {e}"))?;
    }
    let p = ratio(s.matched, s.pred);
    let r = ratio(s.matched, s.gold);
    let cp = ratio(s.tok_inter, s.tok_pred);
    let cr = ratio(s.tok_inter, s.tok_gold);
    let ap = ratio(s.all_inter, s.all_pred);
    let ar = ratio(s.all_inter, s.all_gold);
    println!(
        "PolNeAR {path}: {} documents, {} gold attributions, {} predicted ({} quotes)",
        s.docs, s.gold, s.pred, s.quotes_pred
    );
    println!("attribution  P {:.3}  R {:.3}  F1 {:.3}   (content token Jaccard >= 0.5, one-to-one; {} matched)", p, r, f1(p, r), s.matched);
    println!(
        "source accuracy {:.3}   ({} / {} matched)",
        ratio(s.source_ok, s.matched),
        s.source_ok,
        s.matched
    );
    println!(
        "cue accuracy    {:.3}   ({} / {} matched)",
        ratio(s.cue_ok, s.matched),
        s.cue_ok,
        s.matched
    );
    println!(
        "content token F1 {:.3}  (P {:.3} R {:.3}, micro over matched pairs)",
        f1(cp, cr),
        cp,
        cr
    );
    println!(
        "content token F1 {:.3}  (P {:.3} R {:.3}, all content tokens of the documents)",
        f1(ap, ar),
        ap,
        ar
    );
    Ok(())
}
