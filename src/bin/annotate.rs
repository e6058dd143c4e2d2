//! `annotate`: the core on the command line.
//!
//! ```text
//! annotate FILE...        JSON annotations of each file (one file: one object;
//!                         several: one line each, with a "file" field)
//! annotate -              the same for standard input
//! annotate --jsonl        JSON Lines {"id": ..., "text": ...} on stdin, one
//!                         {"id": ..., "entities": [...], ...} line out per line in
//! ```
//! Bad input is reported on stderr with its line or file; every good input is
//! still answered, and the exit code is 1 when anything was bad (2 for usage).

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use article_annotator::{annotate, Annotations};
use serde::Serialize;

const USAGE: &str = "usage: annotate [--pretty] FILE...   (- for stdin)\n       annotate --jsonl < input.jsonl\n";

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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if args.iter().any(|a| a == "--jsonl") {
        if args.len() != 1 {
            eprint!("annotate: --jsonl reads standard input and takes no other argument\n{USAGE}");
            return ExitCode::from(2);
        }
        return jsonl(io::stdin().lock(), io::stdout().lock());
    }
    let pretty = args.iter().any(|a| a == "--pretty");
    let files: Vec<&String> = args.iter().filter(|a| *a != "--pretty").collect();
    if let Some(bad) = files.iter().find(|a| a.starts_with("--")) {
        eprint!("annotate: unknown option {bad}\n{USAGE}");
        return ExitCode::from(2);
    }
    if files.is_empty() {
        eprint!("annotate: no input files\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for f in &files {
        let bytes = if f.as_str() == "-" {
            let mut v = Vec::new();
            io::stdin().lock().read_to_end(&mut v).map(|_| v)
        } else {
            std::fs::read(f.as_str())
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                eprintln!("annotate: {f}: {e}");
                failed = true;
                continue;
            }
        };
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("annotate: {f}: not valid UTF-8 (first bad byte at offset {})", e.valid_up_to());
                failed = true;
                continue;
            }
        };
        let ann = annotate(text);
        let res = if files.len() == 1 {
            if pretty { serde_json::to_writer_pretty(&mut out, &ann) } else { serde_json::to_writer(&mut out, &ann) }
        } else {
            serde_json::to_writer(&mut out, &Tagged { key: FileKey { file: f }, ann: &ann })
        };
        if res.is_err() || writeln!(out).is_err() {
            return ExitCode::from(1); // stdout closed: nothing more to do
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Streams JSON Lines: one answer per good line, in order, flushed as it goes.
fn jsonl(mut input: impl BufRead, output: impl Write) -> ExitCode {
    let mut out = BufWriter::new(output);
    let mut line = Vec::new();
    let mut n = 0usize;
    let mut bad = 0usize;
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("annotate: reading standard input: {e}");
                bad += 1;
                break;
            }
        }
        n += 1;
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        let Ok(s) = std::str::from_utf8(trimmed) else {
            eprintln!("annotate: line {n}: not valid UTF-8");
            bad += 1;
            continue;
        };
        let value: serde_json::Value = match serde_json::from_str(s) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("annotate: line {n}: invalid JSON: {e}");
                bad += 1;
                continue;
            }
        };
        let Some(text) = value.get("text").and_then(|t| t.as_str()) else {
            eprintln!("annotate: line {n}: no \"text\" string field");
            bad += 1;
            continue;
        };
        let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
        let ann = annotate(text);
        if serde_json::to_writer(&mut out, &Tagged { key: IdKey { id: &id }, ann: &ann }).is_err()
            || writeln!(out).is_err()
            || out.flush().is_err()
        {
            return ExitCode::from(1);
        }
    }
    if bad > 0 {
        eprintln!("annotate: {bad} of {n} lines could not be annotated");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
