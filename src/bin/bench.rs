//! `bench`: the core's native throughput on a folder of `.txt` articles.
//!
//! ```text
//! bench [--quick] [--passes N] [--once] [DIR]   (DIR defaults to ../shared/corpora/wikinews)
//! ```
//! Loads every `.txt` file (sorted by name; `--quick`: the first 5), annotates
//! each once to warm up, then times `passes` full passes (default 3) of
//! `annotate()` over all of them and keeps the fastest pass (the machine is
//! noisy; the fastest pass is the one least disturbed). Prints one JSON line:
//! `{"engine","articles","chars","bytes","secs","chars_per_s","articles_per_s",
//! "mb_per_s","json_mb_per_s","peak_rss_kb","cold_ms",...}`. Used by `bench/run`.
//! `--once`: the first call, then one pass over all articles and nothing else
//! (for `bench/profile`, which counts instructions under callgrind).
//! The passes are on one thread; then the same passes on `--jobs N` threads
//! (default: one per core; as `annotate --jobs`, a text per thread), printed
//! as `"jobs"`, `"jobs_chars_per_s"`, `"jobs_mb_per_s"` (skipped with one core).
//! `--article-words N`: the articles joined (one after another, a blank line
//! between) into one text of at least N words, annotated `passes` times
//! after a warm-up; prints `{"engine","words","bytes","best_ms","median_ms"}`.

use std::time::Instant;

fn peak_rss_kb() -> u64 {
    // VmHWM: the resident set's high-water mark (Linux).
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// Marks the end of the first call, for `valgrind --tool=callgrind
/// --dump-after='*cold_done*'` (bench/profile): the profile then has the first
/// call and the pass in two parts.
#[inline(never)]
fn cold_done() {
    std::hint::black_box(());
}

fn main() {
    let mut quick = false;
    let mut once = false;
    let mut passes = 3usize;
    let mut article_words = 0usize;
    let mut jobs = article_annotator::parallel::default_jobs();
    let mut dir = String::from("../shared/corpora/wikinews");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--once" => once = true,
            "--jobs" => jobs = args.next().and_then(|v| v.parse().ok()).unwrap_or(1).max(1),
            "--passes" => passes = args.next().and_then(|v| v.parse().ok()).unwrap_or(3).max(1),
            "--article-words" => {
                article_words = args.next().and_then(|v| v.parse().ok()).unwrap_or(0)
            }
            _ => dir = a,
        }
    }
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().map_or(false, |x| x == "txt"))
            .collect(),
        Err(e) => {
            eprintln!("bench: {dir}: {e}");
            std::process::exit(2);
        }
    };
    files.sort();
    if quick {
        files.truncate(5);
    }
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.is_empty() {
        eprintln!("bench: no .txt file in {dir}");
        std::process::exit(2);
    }
    if article_words > 0 {
        one_article(&texts, article_words, passes);
        return;
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let chars: usize = texts.iter().map(|t| t.encode_utf16().count()).sum();
    let rss_before = peak_rss_kb();

    // Cold: the first call (lazy statics, model tables) on the first article.
    let t0 = Instant::now();
    let first = article_annotator::annotate(&texts[0]);
    let cold_ms = t0.elapsed().as_secs_f64() * 1e3;
    std::hint::black_box(&first);

    if once {
        cold_done();
        let t = Instant::now();
        for s in &texts {
            std::hint::black_box(article_annotator::annotate(std::hint::black_box(s)));
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{{\"engine\":\"native\",\"articles\":{},\"chars\":{},\"bytes\":{},\"secs\":{:.6},\"cold_ms\":{:.3}}}",
            texts.len(),
            chars,
            bytes,
            secs,
            cold_ms
        );
        return;
    }
    // Warm-up pass, then timed passes.
    let mut entities = 0usize;
    let mut attributions = 0usize;
    for t in &texts {
        let a = article_annotator::annotate(t);
        entities += a.entities.len();
        attributions += a.attributions.len();
    }
    let mut best = f64::INFINITY;
    for _ in 0..passes {
        let t = Instant::now();
        for s in &texts {
            std::hint::black_box(article_annotator::annotate(std::hint::black_box(s)));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    // The same with the JSON the CLI and the page get.
    let mut best_json = f64::INFINITY;
    for _ in 0..passes {
        let t = Instant::now();
        for s in &texts {
            let a = article_annotator::annotate(s);
            std::hint::black_box(serde_json::to_string(&a).unwrap_or_default());
        }
        best_json = best_json.min(t.elapsed().as_secs_f64());
    }
    // The same passes on `jobs` threads, a text per thread.
    let mut best_jobs = f64::INFINITY;
    if jobs > 1 {
        for _ in 0..passes {
            let t = Instant::now();
            std::hint::black_box(article_annotator::parallel::map_in_order(
                &texts,
                jobs,
                |s| article_annotator::annotate(std::hint::black_box(s)),
            ));
            best_jobs = best_jobs.min(t.elapsed().as_secs_f64());
        }
    }
    let largest = texts.iter().map(|t| t.len()).max().unwrap_or(0);
    let on_jobs = if jobs > 1 {
        format!(
            ",\"jobs\":{},\"jobs_chars_per_s\":{:.0},\"jobs_mb_per_s\":{:.3}",
            jobs,
            chars as f64 / best_jobs,
            bytes as f64 / best_jobs / 1e6
        )
    } else {
        String::new()
    };
    println!(
        "{{\"engine\":\"native\",\"articles\":{},\"chars\":{},\"bytes\":{},\"largest_bytes\":{},\"secs\":{:.6},\"chars_per_s\":{:.0},\"articles_per_s\":{:.1},\"mb_per_s\":{:.3},\"json_mb_per_s\":{:.3},\"peak_rss_kb\":{},\"base_rss_kb\":{},\"cold_ms\":{:.3},\"entities\":{},\"attributions\":{}{}}}",
        texts.len(),
        chars,
        bytes,
        largest,
        best,
        chars as f64 / best,
        texts.len() as f64 / best,
        bytes as f64 / best / 1e6,
        bytes as f64 / best_json / 1e6,
        peak_rss_kb(),
        rss_before,
        cold_ms,
        entities,
        attributions,
        on_jobs
    );
}

/// `--article-words`: one long article, timed alone (best and median).
fn one_article(texts: &[String], words: usize, passes: usize) {
    let mut text = String::new();
    let mut count = 0;
    for t in texts.iter().cycle().take(texts.len() * (1 + words / 100)) {
        if count >= words {
            break;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(t);
        count += t.split_whitespace().count();
    }
    std::hint::black_box(article_annotator::annotate(&text));
    let mut ms: Vec<f64> = (0..passes)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(article_annotator::annotate(std::hint::black_box(&text)));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{{\"engine\":\"native\",\"words\":{},\"bytes\":{},\"best_ms\":{:.3},\"median_ms\":{:.3}}}",
        count,
        text.len(),
        ms[0],
        ms[ms.len() / 2]
    );
}
