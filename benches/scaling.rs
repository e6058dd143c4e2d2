//! Scaling benchmark (not a test): annotates 1, 2, 4 and 8 MB of adversarial
//! text and prints the time per MB and the 8 MB / 1 MB time ratio per case.
//! Linear time means a ratio near 8; the target is at most 9.
//!
//! ```text
//! cargo bench --bench scaling            all cases
//! cargo bench --bench scaling -- quotes  names containing "quotes"
//! ```
//!
//! Times are the thread's CPU time where Linux reports it, so that a busy
//! machine does not skew the ratios.
//!
//! Every size is measured in the same memory conditions, so that the ratio
//! shows the algorithm and not the memory hierarchy:
//! - the caches are flushed before every timed call (64 MiB written), as a
//!   real paste is never already in the cache; otherwise a 1 MB text and its
//!   copies stay in an 8 MB L3 across the best-of-3 runs and 8 MB ones cannot;
//! - on glibc the allocator is told to keep freed memory (no `mmap` per block,
//!   no trimming), as WebAssembly's linear memory does; by default glibc maps
//!   every block over 32 MB afresh and faults in its pages on every call, which
//!   8 MB inputs' per-token arrays pay and 1 MB ones do not.
//! `--raw` measures without either, for comparison.
//! Normal news text is the Wikinews corpus in `../shared/corpora/wikinews`
//! (or `$ARTICLE_ANNOTATOR_SHARED`), else a built-in paragraph.

use std::hint::black_box;
use std::time::{Duration, Instant};

use article_annotator::annotate;

const MB: usize = 1 << 20;
const SIZES: [usize; 4] = [1, 2, 4, 8];
const TARGET_RATIO: f64 = 9.0;

const BUILTIN_NEWS: &str = "Iranian President Masoud Pezeshkian arrived in Baghdad on Wednesday, \
his first foreign trip since taking office. \u{201c}We will stand with Iraq,\u{201d} he said, \
according to Iranian state media. Iraqi Prime Minister Mohammed Shia al-Sudani noted the ties \
between the two countries, as reported by IRNA. Sources acquainted with the matter report that \
talks on gas debts stalled. State media revealed that 14 agreements were signed.\n\n";

/// Repeats `unit` until the text is `size` bytes (cut on a character boundary).
fn fill(prefix: &str, unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + unit.len());
    s.push_str(prefix);
    while s.len() < size {
        s.push_str(unit);
    }
    let mut end = size.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn news() -> String {
    let dir = std::env::var_os("ARTICLE_ANNOTATOR_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("corpora/wikinews");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().map_or(false, |x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    let text: String = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n\n");
    if text.is_empty() {
        eprintln!(
            "(no Wikinews corpus at {}: news text is a built-in paragraph)",
            dir.display()
        );
        BUILTIN_NEWS.to_string()
    } else {
        text + "\n\n"
    }
}

fn cases(news: &str) -> Vec<(&'static str, Box<dyn Fn(usize) -> String + '_>)> {
    vec![
        (
            "only quote marks",
            Box::new(|n| fill("", "\"\u{201c}\u{201d}'\u{2018}\u{2019}\u{ab}\u{bb}\"\"", n)),
        ),
        (
            "only spaced quote marks",
            Box::new(|n| fill("", "\" \u{201c} \u{201d} ' \" ", n)),
        ),
        (
            "only capitalised words",
            Box::new(|n| {
                fill(
                    "",
                    "Iran Masoud Pezeshkian Baghdad The Prime Minister Said ",
                    n,
                )
            }),
        ),
        (
            "one word, no spaces",
            Box::new(|n| fill("", "Pezeshkian", n)),
        ),
        ("said said said", Box::new(|n| fill("", "said ", n))),
        (
            "unclosed quote at the start",
            Box::new(move |n| fill("\"", &news.replace(['"', '\u{201c}', '\u{201d}'], ""), n)),
        ),
        ("normal news text", Box::new(move |n| fill("", news, n))),
    ]
}

/// CPU time of this thread so far (Linux: `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`,
/// exact to the nanosecond), which unlike wall time does not count the time
/// other processes on a busy machine hold the CPU. (/proc/thread-self/schedstat,
/// used before, advances only at scheduler ticks: a 4 ms call could read 0.)
fn thread_cpu() -> Option<Duration> {
    #[cfg(target_os = "linux")]
    {
        #[repr(C)]
        struct Timespec {
            tv_sec: i64,
            tv_nsec: i64,
        }
        extern "C" {
            fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
        }
        const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
        let mut ts = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec through a valid pointer.
        if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Some(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32));
        }
    }
    None
}

/// Writes and reads a buffer larger than any last-level cache, so the next
/// call starts with its input and tables out of the cache.
fn flush_caches(junk: &mut [u8]) {
    for (i, b) in junk.iter_mut().enumerate().step_by(64) {
        *b = b.wrapping_add(i as u8);
    }
    black_box(junk.iter().step_by(64).fold(0u8, |a, &b| a ^ b));
}

/// Makes glibc's malloc keep freed memory for reuse, like wasm linear memory
/// (see the module comment). No effect elsewhere.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_MMAP_MAX: i32 = -4;
        // SAFETY: mallopt only sets allocator parameters; called before any
        // large allocation of this benchmark.
        unsafe {
            mallopt(M_MMAP_MAX, 0);
            mallopt(M_TRIM_THRESHOLD, i32::MAX);
        }
    }
}

/// Shortest measured time to annotate `text`, the best of `runs`: thread CPU
/// time where the system reports it, else wall time. A call shorter than
/// 100 ms is repeated until each measurement spans at least that, and the
/// time divided (fewer outliers); the caches are flushed before every call.
fn time(text: &str, runs: usize, junk: &mut Option<Vec<u8>>) -> Duration {
    let t = Instant::now();
    black_box(annotate(black_box(text)));
    let once = t.elapsed().as_secs_f64().max(1e-6);
    let reps = (0.1 / once).ceil().clamp(1.0, 1000.0) as u32;
    (0..runs)
        .map(|_| {
            let mut total = Duration::ZERO;
            for _ in 0..reps {
                if let Some(junk) = junk.as_mut() {
                    flush_caches(junk);
                }
                let (c, t) = (thread_cpu(), Instant::now());
                black_box(annotate(black_box(text)));
                total += match (c, thread_cpu()) {
                    (Some(a), Some(b)) => b.saturating_sub(a),
                    _ => t.elapsed(),
                };
            }
            total / reps
        })
        .min()
        .unwrap()
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let raw = std::env::args().any(|a| a == "--raw");
    let mut junk = if raw {
        None
    } else {
        keep_freed_memory();
        Some(vec![1u8; 64 << 20])
    };
    let news = news();
    let clock = if thread_cpu().is_some() {
        "CPU"
    } else {
        "wall"
    };
    println!(
        "seconds of {clock} time per MB, best of 3{}",
        if raw {
            " (--raw: warm caches, default allocator)"
        } else {
            ", caches flushed before each call, freed memory kept"
        }
    );
    println!(
        "{:<30} {:>12} {:>12} {:>12} {:>12} {:>9}",
        "case", "1 MB", "2 MB", "4 MB", "8 MB", "8MB/1MB"
    );
    let mut worst: f64 = 0.0;
    for (name, make) in cases(&news) {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let mut secs = Vec::new();
        for mb in SIZES {
            let text = make(mb * MB);
            // Best of three at every size: the first run at a new size also
            // pays for fresh pages from the OS, and the machine may be busy.
            secs.push(time(&text, 3, &mut junk).as_secs_f64());
        }
        let ratio = secs[3] / secs[0].max(1e-9);
        worst = worst.max(ratio);
        let per_mb: Vec<String> = secs
            .iter()
            .zip(SIZES)
            .map(|(s, mb)| format!("{:.4}", s / mb as f64))
            .collect();
        let flag = if ratio > TARGET_RATIO {
            "  <-- super-linear"
        } else {
            ""
        };
        println!(
            "{:<30} {:>12} {:>12} {:>12} {:>12} {:>8.1}x{flag}",
            name, per_mb[0], per_mb[1], per_mb[2], per_mb[3], ratio
        );
    }
    println!("worst 8MB/1MB ratio: {worst:.1}x (target <= {TARGET_RATIO}x)");
}
