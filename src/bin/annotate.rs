//! `annotate`: the core on the command line.
//!
//! ```text
//! annotate FILE...        JSON annotations of each file (one file: one object;
//!                         several: one line each, with a "file" field)
//! annotate -              the same for standard input
//! annotate --jsonl        JSON Lines {"id": ..., "text": ...} on stdin, one
//!                         {"id": ..., "entities": [...], ...} line out per line in
//! --pretty                indent the JSON of a single file
//! --max-mb N              refuse a text (file, stdin or JSON line) over N MiB (default 64)
//! --jobs N                 annotate up to N texts at once (default: one per core);
//!                          the answers keep the order of the input
//! ```
//! Bad input is reported on stderr with its line or file; every good input is
//! still answered, and the exit code is 1 when anything was bad (2 for usage).

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

use article_annotator::parallel::{default_jobs, stream_in_order};
use article_annotator::{annotate, Annotations};
use serde::Serialize;

const USAGE: &str = "usage: annotate [--pretty] [--max-mb N] [--jobs N] FILE...   (- for stdin)
       annotate [--max-mb N] [--jobs N] --jsonl < input.jsonl
Each text (file, standard input or JSON line) may be at most --max-mb MiB (default 64).
--jobs N annotates up to N texts at once (default: one per core); answers keep the input's order.
Exit code: 0 all answered, 1 some input could not be annotated, 2 usage.
";

/// Default limit on one text, in MiB: far above any article, and small
/// enough that the annotation of one text fits in a few GB of memory.
const DEFAULT_MAX_MB: u64 = 64;

#[derive(Serialize)]
struct Tagged<'a, K: Serialize> {
    #[serde(flatten)]
    key: K,
    #[serde(flatten)]
    ann: &'a Annotations,
}

#[derive(Serialize)]
struct FileKey<'a> {
    file: &'a str,
}

#[derive(Serialize)]
struct IdKey<'a> {
    id: &'a serde_json::Value,
}

struct Options {
    pretty: bool,
    jsonl: bool,
    max_bytes: u64,
    jobs: usize,
    files: Vec<String>,
}

fn usage_error(msg: &str) -> ExitCode {
    eprint!("annotate: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn parse_args(args: Vec<String>) -> Result<Options, String> {
    let mut o = Options {
        pretty: false,
        jsonl: false,
        max_bytes: DEFAULT_MAX_MB << 20,
        jobs: default_jobs(),
        files: Vec::new(),
    };
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pretty" => o.pretty = true,
            "--jsonl" => o.jsonl = true,
            "--max-mb" => {
                let v = it.next().ok_or("--max-mb needs a number of MiB")?;
                let mb: u64 = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0 && n <= 4096)
                    .ok_or(format!("--max-mb {v}: not a number from 1 to 4096"))?;
                o.max_bytes = mb << 20;
            }
            "--jobs" | "-j" => {
                let v = it.next().ok_or("--jobs needs a number of threads")?;
                o.jobs = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0 && n <= 1024)
                    .ok_or(format!("--jobs {v}: not a number from 1 to 1024"))?;
            }
            "--" => o.files.extend(it.by_ref()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => o.files.push(a),
        }
    }
    if o.jsonl && (o.pretty || !o.files.is_empty()) {
        return Err("--jsonl reads standard input and takes no file or --pretty".into());
    }
    if !o.jsonl && o.files.is_empty() {
        return Err("no input files".into());
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err(e) => return usage_error(&e),
    };
    if opts.jsonl {
        return jsonl(
            || io::stdin().lock(),
            io::stdout().lock(),
            opts.max_bytes,
            opts.jobs,
        );
    }
    files(&opts)
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
}

/// Annotates one text, turning a panic into an error message so that one bad
/// input does not lose the answers to the others (the release profile
/// unwinds for this; a build with `panic = "abort"` would still abort).
fn annotate_safely(text: &str) -> Result<Annotations, String> {
    catch_unwind(AssertUnwindSafe(|| annotate(text))).map_err(|e| {
        let msg = e
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned());
        format!(
            "internal error, please report it with this input: {}",
            msg.unwrap_or_else(|| "panic".into())
        )
    })
}

/// Reads a file (or stdin for `-`), refusing more than `max` bytes.
fn read_input(name: &str, max: u64) -> Result<Vec<u8>, String> {
    let over = |n: u64| {
        format!(
            "{name}: {} is over the limit of {} per text (raise it with --max-mb)",
            mib(n),
            mib(max)
        )
    };
    let mut bytes = Vec::new();
    if name == "-" {
        io::stdin()
            .lock()
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: {e}"))?;
        if bytes.len() as u64 > max {
            return Err(format!(
                "standard input: over the limit of {} per text (raise it with --max-mb)",
                mib(max)
            ));
        }
    } else {
        let mut f = std::fs::File::open(name).map_err(|e| format!("{name}: {e}"))?;
        if let Ok(meta) = f.metadata() {
            if meta.is_dir() {
                return Err(format!("{name}: is a directory"));
            }
            if meta.len() > max {
                return Err(over(meta.len()));
            }
        }
        (&mut f)
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: {e}"))?;
        if bytes.len() as u64 > max {
            return Err(over(bytes.len() as u64));
        }
    }
    Ok(bytes)
}

fn files(opts: &Options) -> ExitCode {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    stream_in_order(
        opts.jobs,
        |offer| {
            for f in &opts.files {
                if !offer(f.as_str()) {
                    break;
                }
            }
        },
        |f| answer_file(f, opts),
        |answer| match answer {
            Ok(json) => write_line(&mut out, &json),
            Err(e) => {
                eprintln!("annotate: {e}");
                failed = true;
            }
        },
    );
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes one answer and its newline, and flushes it (a reader of the pipe
/// sees each answer as it comes). When standard output is closed there is
/// nothing more to do: exit 1 at once.
fn write_line(out: &mut impl Write, json: &[u8]) {
    if out.write_all(json).is_err() || writeln!(out).is_err() || out.flush().is_err() {
        std::process::exit(1);
    }
}

/// The JSON answer for one file (one object for a single file, else tagged
/// with its name), or the error to report.
fn answer_file(f: &str, opts: &Options) -> Result<Vec<u8>, String> {
    let bytes = read_input(f, opts.max_bytes)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{f}: not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let ann = annotate_safely(&text).map_err(|e| format!("{f}: {e}"))?;
    let json = if opts.files.len() > 1 {
        serde_json::to_vec(&Tagged {
            key: FileKey { file: f },
            ann: &ann,
        })
    } else if opts.pretty {
        serde_json::to_vec_pretty(&ann)
    } else {
        serde_json::to_vec(&ann)
    };
    json.map_err(|e| format!("{f}: {e}"))
}

/// Reads one line (up to and without its `\n`) into `line`, keeping at most
/// `max` bytes of it; returns the line's full length, or None at the end.
fn read_line_capped(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<usize>> {
    line.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(if any { Some(total) } else { None });
        }
        any = true;
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        let room = max.saturating_sub(line.len()).min(chunk.len());
        line.extend_from_slice(&chunk[..room]);
        total += chunk.len();
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        if done.is_some() {
            return Ok(Some(total));
        }
    }
}

/// A line of standard input as read, for [`jsonl`]'s workers.
enum Input {
    Line(usize, Vec<u8>),
    /// Over the limit: its number and full length (its bytes were not kept).
    TooLong(usize, usize),
    /// Reading failed after this many lines.
    Failed(usize, io::Error),
}

/// What became of one line.
enum Outcome {
    Answer(Vec<u8>),
    Blank,
    Bad(String),
}

/// Streams JSON Lines: one answer per good line, in order, flushed as it goes
/// (up to `jobs` lines are annotated at once; each answer is written as soon
/// as the answers before it are).
fn jsonl<I: BufRead>(
    input: impl FnOnce() -> I + Send,
    output: impl Write,
    max_bytes: u64,
    jobs: usize,
) -> ExitCode {
    let max = usize::try_from(max_bytes).unwrap_or(usize::MAX);
    let mut out = BufWriter::new(output);
    let (mut lines, mut answered, mut bad) = (0usize, 0usize, 0usize);
    stream_in_order(
        jobs,
        |offer| {
            let mut input = input();
            let mut line = Vec::new();
            let mut n = 0usize;
            loop {
                let item = match read_line_capped(&mut input, &mut line, max) {
                    Ok(Some(len)) => {
                        n += 1;
                        if len > max {
                            Input::TooLong(n, len)
                        } else {
                            Input::Line(n, std::mem::take(&mut line))
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        offer(Input::Failed(n, e));
                        break;
                    }
                };
                if !offer(item) {
                    break;
                }
            }
        },
        |item| match item {
            Input::Line(n, bytes) => (n, answer_line(n, &bytes)),
            Input::TooLong(n, len) => (
                n,
                Outcome::Bad(format!(
                    "line {n}: {} is over the limit of {} per line (raise it with --max-mb)",
                    mib(len as u64),
                    mib(max_bytes)
                )),
            ),
            Input::Failed(n, e) => (
                n,
                Outcome::Bad(format!("reading standard input after line {n}: {e}")),
            ),
        },
        |(n, outcome)| {
            lines = lines.max(n);
            match outcome {
                Outcome::Answer(json) => {
                    write_line(&mut out, &json);
                    answered += 1;
                }
                Outcome::Blank => {}
                Outcome::Bad(e) => {
                    eprintln!("annotate: {e}");
                    bad += 1;
                }
            }
        },
    );
    if bad > 0 {
        eprintln!("annotate: {bad} of {lines} lines could not be annotated ({answered} answered)");
        ExitCode::from(1)
    } else {
        if answered == 0 {
            eprintln!("annotate: no JSON lines on standard input: nothing to annotate");
        }
        ExitCode::SUCCESS
    }
}

/// The answer to line `n` of a JSON Lines input: `{"id": ..., entities...}`.
fn answer_line(n: usize, line: &[u8]) -> Outcome {
    let mut trimmed = line.trim_ascii();
    if n == 1 {
        trimmed = trimmed
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(trimmed); // a byte order mark
    }
    if trimmed.is_empty() {
        return Outcome::Blank;
    }
    let s = match std::str::from_utf8(trimmed) {
        Ok(s) => s,
        Err(e) => {
            return Outcome::Bad(format!(
                "line {n}: not valid UTF-8 (first bad byte at column {})",
                e.valid_up_to() + 1
            ))
        }
    };
    let value: serde_json::Value = match serde_json::from_str(s) {
        Ok(v) => v,
        Err(e) => return Outcome::Bad(format!("line {n}: invalid JSON: {e}")),
    };
    let Some(text) = value.get("text").and_then(|t| t.as_str()) else {
        return Outcome::Bad(format!("line {n}: no \"text\" string field"));
    };
    let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
    match annotate_safely(text) {
        Ok(ann) => match serde_json::to_vec(&Tagged {
            key: IdKey { id: &id },
            ann: &ann,
        }) {
            Ok(json) => Outcome::Answer(json),
            Err(e) => Outcome::Bad(format!("line {n}: {e}")),
        },
        Err(e) => Outcome::Bad(format!("line {n}: {e}")),
    }
}
