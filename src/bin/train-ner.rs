//! Trains the name tagger of the entity engine (an averaged perceptron over
//! hashed features, greedy left-to-right BIO decoding) and writes the
//! compact weights that `src/entities/tagger.rs` compiles in.
//!
//! ```text
//! cargo run --release --bin train-ner -- ../shared/gold/conllpp/train.txt \
//!     [--dev ../shared/gold/conllpp/dev.txt] [--epochs 12] [--max-entries 40000] \
//!     [--out data/model/ner.bin]
//! ```
//! The training data is never needed to build the crate.

use article_annotator::doc::Doc;
use article_annotator::entities::conll;
use article_annotator::entities::features::{self, DocCtx, BUCKETS, NTAGS};
use article_annotator::entities::tagger;
use std::process::ExitCode;

struct Weights {
    w: Vec<f32>,
    acc: Vec<f32>,
    c: f32,
}

impl Weights {
    fn new() -> Weights {
        let n = BUCKETS as usize * NTAGS;
        Weights {
            w: vec![0.0; n],
            acc: vec![0.0; n],
            c: 1.0,
        }
    }
    fn score(&self, feats: &[u32], out: &mut [f32; NTAGS]) {
        *out = [0.0; NTAGS];
        for &f in feats {
            let b = f as usize * NTAGS;
            for k in 0..NTAGS {
                out[k] += self.w[b + k];
            }
        }
    }
    fn update(&mut self, feats: &[u32], good: u8, bad: u8) {
        for &f in feats {
            let b = f as usize * NTAGS;
            self.w[b + good as usize] += 1.0;
            self.acc[b + good as usize] += self.c;
            self.w[b + bad as usize] -= 1.0;
            self.acc[b + bad as usize] -= self.c;
        }
    }
    fn averaged(&self) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.acc)
            .map(|(w, a)| w - a / self.c)
            .collect()
    }
}

struct Example<'a> {
    ctx: DocCtx<'a>,
    gold: Vec<u8>,
}

/// Greedy decode; when `learn` is set, updates on every wrong token.
fn run(ex: &Example, wt: &mut Weights, learn: bool, avg: Option<&[f32]>) -> Vec<u8> {
    let mut scores = [0f32; NTAGS];
    tagger::decode(&ex.ctx, |i, feats, choose| {
        match avg {
            Some(a) => {
                scores = [0.0; NTAGS];
                for &f in feats {
                    let b = f as usize * NTAGS;
                    for k in 0..NTAGS {
                        scores[k] += a[b + k];
                    }
                }
            }
            None => wt.score(feats, &mut scores),
        }
        let pred = choose(&scores);
        if learn {
            let g = ex.gold[i];
            if pred != g {
                wt.update(feats, g, pred);
            }
            wt.c += 1.0;
        }
        pred
    })
}

fn f1(examples: &[Example], wt: &mut Weights, avg: &[f32]) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for ex in examples {
        let pred = run(ex, wt, false, Some(avg));
        let ps = tagger::spans(&pred);
        let gs = tagger::spans(&ex.gold);
        np += ps.len();
        ng += gs.len();
        let gset: std::collections::HashSet<_> = gs.into_iter().collect();
        tp += ps.iter().filter(|s| gset.contains(s)).count();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut train = None;
    let mut dev = None;
    let mut epochs = 12usize;
    let mut max_entries = 40_000usize;
    let mut out = "data/model/ner.bin".to_string();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--dev" => {
                dev = args.get(i + 1).cloned();
                i += 1;
            }
            "--epochs" => {
                epochs = args
                    .get(i + 1)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(epochs);
                i += 1;
            }
            "--max-entries" => {
                max_entries = args
                    .get(i + 1)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(max_entries);
                i += 1;
            }
            "--out" => {
                out = args.get(i + 1).cloned().unwrap_or(out);
                i += 1;
            }
            p => train = Some(p.to_string()),
        }
        i += 1;
    }
    let Some(train) = train else {
        eprintln!("usage: train-ner TRAIN.txt [--dev DEV.txt] [--epochs N] [--max-entries N] [--out FILE]");
        return ExitCode::from(2);
    };
    let read = |p: &str| std::fs::read_to_string(p).map(|s| conll::parse(&s));
    let train_docs = match read(&train) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{train}: {e}");
            return ExitCode::from(1);
        }
    };
    let dev_docs = match dev.as_deref().map(read).transpose() {
        Ok(d) => d.unwrap_or_default(),
        Err(e) => {
            eprintln!("dev: {e}");
            return ExitCode::from(1);
        }
    };
    let train_parsed: Vec<Doc> = train_docs.iter().map(|d| Doc::new(&d.text)).collect();
    let dev_parsed: Vec<Doc> = dev_docs.iter().map(|d| Doc::new(&d.text)).collect();
    let mk = |docs: &[conll::GoldDoc], parsed: &'_ [Doc<'_>]| -> Vec<(Vec<u8>, usize)> {
        docs.iter()
            .zip(parsed)
            .enumerate()
            .map(|(k, (g, d))| (conll::align(d, &g.entities), k))
            .collect()
    };
    let train_ex: Vec<Example> = mk(&train_docs, &train_parsed)
        .into_iter()
        .map(|(gold, k)| Example {
            ctx: DocCtx::new(&train_parsed[k]),
            gold,
        })
        .collect();
    let dev_ex: Vec<Example> = mk(&dev_docs, &dev_parsed)
        .into_iter()
        .map(|(gold, k)| Example {
            ctx: DocCtx::new(&dev_parsed[k]),
            gold,
        })
        .collect();
    eprintln!(
        "train: {} docs, {} tokens; dev: {} docs",
        train_ex.len(),
        train_ex.iter().map(|e| e.gold.len()).sum::<usize>(),
        dev_ex.len()
    );

    let mut wt = Weights::new();
    let mut order: Vec<usize> = (0..train_ex.len()).collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for ep in 0..epochs {
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &k in &order {
            run(&train_ex[k], &mut wt, true, None);
        }
        if !dev_ex.is_empty() && (ep + 1) % 2 == 0 || ep + 1 == epochs {
            let avg = wt.averaged();
            if !dev_ex.is_empty() {
                let (p, r, f) = f1(&dev_ex, &mut wt, &avg);
                eprintln!("epoch {}: dev P {:.4} R {:.4} F1 {:.4}", ep + 1, p, r, f);
            } else {
                eprintln!("epoch {}", ep + 1);
            }
        }
    }
    let avg = wt.averaged();

    // keep the buckets with the largest weights, quantised to i8
    let mut norms: Vec<(f32, u32)> = (0..BUCKETS)
        .map(|b| {
            let s = &avg[b as usize * NTAGS..(b as usize + 1) * NTAGS];
            (s.iter().map(|x| x.abs()).sum::<f32>(), b)
        })
        .filter(|(n, _)| *n > 0.0)
        .collect();
    eprintln!("nonzero buckets: {}", norms.len());
    norms.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    norms.truncate(max_entries.min(tagger::MAX_ENTRIES));
    let maxw = avg.iter().fold(0f32, |m, x| m.max(x.abs()));

    let mut kept: Vec<u32> = norms.iter().map(|x| x.1).collect();
    kept.sort_unstable();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"NER3");
    bytes.extend_from_slice(&features::BITS.to_le_bytes());
    bytes.extend_from_slice(&(kept.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&maxw.to_bits().to_le_bytes());
    let mut last = 0u32;
    for &b in &kept {
        let mut d = b - last;
        last = b;
        loop {
            let byte = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                bytes.push(byte);
                break;
            }
            bytes.push(byte | 0x80);
        }
    }
    let mut q = vec![0f32; avg.len()];
    for &b in &kept {
        let r = b as usize * NTAGS;
        let (e, row) = tagger::quantize_row(&avg[r..r + NTAGS], maxw);
        tagger::write_row(&mut bytes, e, &row);
        let sc = tagger::row_scale(e, maxw);
        for (k, &x) in row.iter().enumerate() {
            q[r + k] = x as f32 * sc;
        }
    }
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("{out}: {e}");
        return ExitCode::from(1);
    }
    eprintln!(
        "wrote {out}: {} entries, {} bytes, max {maxw}",
        kept.len(),
        bytes.len()
    );

    // the quantised model on dev
    if !dev_ex.is_empty() {
        if let Some(m) = tagger::Model::parse(&bytes) {
            let (p, r, f) = f1(&dev_ex, &mut wt, &q);
            eprintln!(
                "quantised ({} entries): dev P {:.4} R {:.4} F1 {:.4}",
                m.len(),
                p,
                r,
                f
            );
        }
    }
    ExitCode::SUCCESS
}
