//! The `annotate` command line: files, standard input, JSON Lines, bad input,
//! large input, order, exit codes (0 all answered, 1 bad input with every good
//! input still answered, 2 usage).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_annotate");

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let p = std::env::temp_dir().join(format!("annotate-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, contents).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run annotate");
    let input = stdin.as_ref().to_vec();
    let mut pipe = child.stdin.take().unwrap();
    // Write from a thread: the child answers while we feed it.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> &str {
    std::str::from_utf8(&o.stdout).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

fn entity_texts(v: &Value) -> Vec<&str> {
    v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect()
}

const ARTICLE: &str = "😀 Masoud Pezeshkian visited Baghdad on Monday.\n\n\u{201c}We will stand with Iraq,\u{201d} he said.\n";

#[test]
fn one_file_prints_one_object_with_utf16_offsets() {
    let dir = TempDir::new("one");
    let f = dir.file("a.txt", ARTICLE);
    let o = run(&[path(&f)], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(stdout(&o)).unwrap();
    for key in ["entities", "attributions", "clusters", "sentences"] {
        assert!(v[key].is_array(), "{key} missing in {v}");
    }
    assert!(v.get("file").is_none());
    let units: Vec<u16> = ARTICLE.encode_utf16().collect();
    for e in v["entities"].as_array().unwrap() {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&units[s..t]).unwrap(),
            e["text"].as_str().unwrap()
        );
    }
    // --pretty: the same value, indented.
    let p = run(&["--pretty", path(&f)], "");
    assert_eq!(code(&p), 0);
    assert!(stdout(&p).lines().count() > 5);
    assert_eq!(serde_json::from_str::<Value>(stdout(&p)).unwrap(), v);
}

#[test]
fn several_files_print_one_line_each_with_the_file_in_order() {
    let dir = TempDir::new("several");
    let a = dir.file("a.txt", "Iran said so.");
    let b = dir.file("b.txt", ARTICLE);
    let c = dir.file("c.txt", "");
    let o = run(&[path(&a), path(&b), path(&c)], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = lines(&o);
    assert_eq!(out.len(), 3);
    for (v, f) in out.iter().zip([&a, &b, &c]) {
        assert_eq!(v["file"], path(f));
    }
    assert!(entity_texts(&out[1]).contains(&"Baghdad"));
    assert_eq!(out[2]["entities"].as_array().unwrap().len(), 0);
}

#[test]
fn stdin_dash_reads_standard_input() {
    let o = run(&["-"], ARTICLE);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(stdout(&o)).unwrap();
    assert!(entity_texts(&v).contains(&"Baghdad"));
    // With a file too: tagged lines, stdin as "-".
    let dir = TempDir::new("dash");
    let a = dir.file("a.txt", "Iran said so.");
    let o = run(&[path(&a), "-"], ARTICLE);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = lines(&o);
    assert_eq!(out[1]["file"], "-");
    assert!(entity_texts(&out[1]).contains(&"Baghdad"));
}

#[test]
fn empty_input_is_answered_with_empty_annotations() {
    let dir = TempDir::new("empty");
    let f = dir.file("empty.txt", "");
    for args in [vec![path(&f)], vec!["-"]] {
        let o = run(&args, "");
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        let v: Value = serde_json::from_str(stdout(&o)).unwrap();
        assert_eq!(v["entities"], Value::Array(vec![]));
        assert_eq!(v["sentences"], Value::Array(vec![]));
    }
    // No JSON lines: no output, a note, success.
    for input in ["", "\n\n  \n"] {
        let o = run(&["--jsonl"], input);
        assert_eq!(code(&o), 0);
        assert_eq!(stdout(&o), "");
        assert!(stderr(&o).contains("nothing to annotate"), "{}", stderr(&o));
    }
}

#[test]
fn invalid_utf8_file_is_named_and_the_others_still_answered() {
    let dir = TempDir::new("utf8");
    let bad = dir.file("bad.txt", b"Iran said \xff\xfe so.");
    let good = dir.file("good.txt", "Iran said so.");
    let missing = dir.0.join("missing.txt");
    let o = run(&[path(&bad), path(&good), path(&missing), path(&dir.0)], "");
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains("bad.txt: not valid UTF-8 (first bad byte at offset 10)"),
        "{err}"
    );
    assert!(err.contains("missing.txt"), "{err}");
    assert!(err.contains("is a directory"), "{err}");
    let out = lines(&o);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["file"], path(&good));
    // Alone, and on stdin.
    let o = run(&[path(&bad)], "");
    assert_eq!((code(&o), stdout(&o)), (1, ""));
    let o = run(&["-"], b"\xc3\x28");
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("-: not valid UTF-8"), "{}", stderr(&o));
}

#[test]
fn jsonl_answers_good_lines_in_order_and_names_the_bad_ones() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": \"a\", \"text\": \"Iran said so.\"}\n");
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"Masoud Pezeshkian visited Baghdad.\"\n"); // line 2: unclosed
    input.extend_from_slice(b"{\"id\": 3, \"body\": \"no text\"}\n"); // line 3
    input.extend_from_slice(b"{\"id\": 4, \"text\": \"Iran \xff said\"}\n"); // line 4: invalid UTF-8
    input.extend_from_slice(b"\n"); // line 5: blank, skipped
    input.extend_from_slice(
        b"{\"id\": {\"k\": [1]}, \"text\": \"Masoud Pezeshkian visited Baghdad.\"}\r\n",
    );
    input.extend_from_slice(b"{\"text\": 5}\n"); // line 7: text not a string
    input.extend_from_slice(b"[1, 2]\n"); // line 8
    input.extend_from_slice("{\"text\": \"\u{1f600} \\ud83d\\ude00 Baghdad\"}".as_bytes()); // no final newline
    let o = run(&["--jsonl"], &input);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    for needle in [
        "line 2: invalid JSON",
        "line 3: no \"text\" string field",
        "line 4: not valid UTF-8",
        "line 7: no \"text\"",
        "line 8: no \"text\"",
        "5 of 9 lines could not be annotated (3 answered)",
    ] {
        assert!(err.contains(needle), "{needle:?} not in {err}");
    }
    assert!(!err.contains("line 5"), "{err}");
    let out = lines(&o);
    assert_eq!(out.len(), 3);
    assert_eq!(out[0]["id"], "a");
    assert_eq!(out[1]["id"], serde_json::json!({"k": [1]}));
    assert!(entity_texts(&out[1]).contains(&"Baghdad"));
    assert_eq!(out[2]["id"], Value::Null);
    // Offsets of the last line count both emoji (one raw, one escaped) as two units.
    let baghdad = out[2]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Baghdad")
        .expect("Baghdad");
    assert_eq!(baghdad["start"], 6);
}

#[test]
fn jsonl_accepts_a_byte_order_mark_on_the_first_line() {
    let o = run(
        &["--jsonl"],
        "\u{feff}{\"id\": 1, \"text\": \"Iran said so.\"}\n",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(lines(&o)[0]["id"], 1);
}

#[test]
fn jsonl_keeps_the_order_of_thousands_of_lines() {
    let n = 3000;
    let mut input = String::new();
    for i in 0..n {
        // Every 7th line is bad; the rest must come back in order.
        if i % 7 == 3 {
            input.push_str("{not json}\n");
        } else {
            input.push_str(&serde_json::json!({"id": i, "text": format!("Masoud Pezeshkian met {i} people in Baghdad.")}).to_string());
            input.push('\n');
        }
    }
    let o = run(&["--jsonl"], &input);
    assert_eq!(code(&o), 1);
    let ids: Vec<u64> = lines(&o)
        .iter()
        .map(|v| v["id"].as_u64().unwrap())
        .collect();
    let expected: Vec<u64> = (0..n).filter(|i| i % 7 != 3).collect();
    assert_eq!(ids, expected);
    assert!(stderr(&o).contains(&format!(
        "{} of {n} lines could not be annotated",
        expected.len().abs_diff(n as usize)
    )));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec![],
        vec!["--bogus"],
        vec!["--jsonl", "file.txt"],
        vec!["--jsonl", "--pretty"],
        vec!["--max-mb"],
        vec!["--max-mb", "0"],
        vec!["--max-mb", "lots", "x.txt"],
        vec!["--jobs", "0", "x.txt"],
        vec!["-j", "many", "x.txt"],
        vec!["x.txt", "--jobs"],
    ] {
        let o = run(&args, "");
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(stderr(&o).contains("usage:"), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "");
    }
    let o = run(&["--help"], "");
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("usage:"));
}

#[test]
fn a_file_named_like_an_option_after_double_dash() {
    let dir = TempDir::new("dashdash");
    let f = dir.file("--odd.txt", "Iran said so.");
    let o = Command::new(BIN)
        .current_dir(&dir.0)
        .args(["--", "--odd.txt"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(f.exists());
}

#[test]
fn the_size_limit_refuses_a_text_clearly_and_answers_the_rest() {
    let dir = TempDir::new("limit");
    let big = dir.file("big.txt", "Iran said so. ".repeat(80_000)); // 1.07 MiB
    let small = dir.file("small.txt", "Iran said so.");
    let o = run(&["--max-mb", "1", path(&big), path(&small)], "");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains(
            "big.txt: 1.1 MiB is over the limit of 1.0 MiB per text (raise it with --max-mb)"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(lines(&o).len(), 1);
    // Standard input and a JSON line.
    let o = run(&["--max-mb", "1", "-"], "Iran said so. ".repeat(80_000));
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains(
            "standard input: over the limit of 1.0 MiB per text (raise it with --max-mb)"
        ),
        "{}",
        stderr(&o)
    );
    let long = serde_json::json!({"id": 1, "text": "Iran said so. ".repeat(80_000)}).to_string();
    let o = run(
        &["--max-mb", "1", "--jsonl"],
        format!("{long}\n{{\"id\": 2, \"text\": \"ok\"}}\n"),
    );
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("line 1: 1.1 MiB is over the limit of 1.0 MiB per line"),
        "{}",
        stderr(&o)
    );
    assert_eq!(lines(&o)[0]["id"], 2);
}

/// A 100 MB file is over the default limit of 64 MiB: it is refused at once
/// with a message naming the limit, without reading it into memory, and the
/// other inputs are still answered. (Annotating 100 MB takes minutes in a
/// debug build; `cargo bench --bench scaling` measures the time per MB.)
#[test]
fn a_100_mb_input_is_refused_quickly_with_a_clear_message() {
    let dir = TempDir::new("100mb");
    let big = dir.0.join("big.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let para = "Masoud Pezeshkian visited Baghdad, \u{201c}a new chapter,\u{201d} state media said.\n\n";
        let mut n = 0;
        while n < 100_000_000 {
            f.write_all(para.as_bytes()).unwrap();
            n += para.len();
        }
    }
    let small = dir.file("small.txt", "Iran said so.");
    let t = Instant::now();
    let o = run(&[path(&big), path(&small)], "");
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "took {:?}",
        t.elapsed()
    );
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains(
            "big.txt: 95.4 MiB is over the limit of 64.0 MiB per text (raise it with --max-mb)"
        ),
        "{}",
        stderr(&o)
    );
    let out = lines(&o);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["file"], path(&small));
    // The same 100 MB on standard input and as a JSON line.
    let bytes = std::fs::read(&big).unwrap();
    let o = run(&["-"], &bytes);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("over the limit of 64.0 MiB"),
        "{}",
        stderr(&o)
    );
    let mut line = b"{\"id\": 1, \"text\": \"".to_vec();
    line.extend(bytes.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
    line.extend_from_slice(b"\"}\n{\"id\": 2, \"text\": \"Iran said so.\"}\n");
    drop(bytes);
    let o = run(&["--jsonl"], &line);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("line 1: 95.4 MiB is over the limit of 64.0 MiB per line"),
        "{}",
        stderr(&o)
    );
    assert_eq!(lines(&o)[0]["id"], 2);
}

#[test]
fn a_closed_stdout_ends_quietly() {
    // `annotate --jsonl | head -1`: the reader goes away; annotate must not hang.
    let mut child = Command::new(BIN)
        .arg("--jsonl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..2000 {
            if writeln!(stdin, "{{\"id\": {i}, \"text\": \"Iran said so.\"}}").is_err() {
                break;
            }
        }
    });
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn any_number_of_jobs_gives_the_same_answers_and_errors_in_order() {
    let dir = TempDir::new("jobs");
    let mut args = Vec::new();
    for i in 0..40 {
        let p = match i % 9 {
            4 => dir.file(&format!("{i:02}.txt"), b"Bad \xff byte"),
            7 => dir.0.join(format!("{i:02}-missing.txt")),
            _ => dir.file(
                &format!("{i:02}.txt"),
                format!("\u{201c}We met {i} times,\u{201d} said Ilse Vandermeer of the European Commission in Ghent.\n").repeat(1 + i % 5),
            ),
        };
        args.push(p.to_str().unwrap().to_string());
    }
    let with = |jobs: &str| {
        let mut a = vec!["--jobs", jobs];
        a.extend(args.iter().map(String::as_str));
        run(&a, "")
    };
    let one = with("1");
    assert_eq!(code(&one), 1);
    assert_eq!(lines(&one).len(), 40 - 4 - 4); // 4 bad bytes, 4 missing
    for jobs in ["2", "3", "8"] {
        let many = with(jobs);
        assert_eq!(code(&many), 1);
        assert_eq!(stdout(&many), stdout(&one), "--jobs {jobs}");
        assert_eq!(stderr(&many), stderr(&one), "--jobs {jobs}");
    }
}

#[test]
fn jsonl_on_several_threads_answers_each_line_without_waiting_for_the_next() {
    // A program that writes a line and waits for its answer before the next
    // must be served: lines are not held back to fill the threads.
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(BIN)
        .args(["--jsonl", "--jobs", "4"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for i in 0..5 {
        writeln!(
            stdin,
            "{{\"id\": {i}, \"text\": \"Reuters said {i} boats sank.\"}}"
        )
        .unwrap();
        stdin.flush().unwrap();
        let answer = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("an answer before the next line");
        let v: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(v["id"], i);
    }
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}
