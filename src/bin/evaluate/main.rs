//! `evaluate`: scores the core against gold data, with the conventions of
//! `../shared/README.md`.
//!
//! ```text
//! cargo run --release --bin evaluate -- conll   ../shared/gold/conllpp/dev.txt
//! cargo run --release --bin evaluate -- ieer    ../shared/gold/ieer/dev.jsonl
//! cargo run --release --bin evaluate -- polnear ../shared/gold/polnear/dev
//! ```

mod entities;
mod polnear;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(which), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: evaluate conll|ieer|polnear PATH");
        return ExitCode::from(2);
    };
    let res = match which.as_str() {
        "conll" => entities::conll(path),
        "ieer" => entities::ieer(path),
        "polnear" => polnear::run(path),
        other => Err(format!(
            "unknown gold set {other:?}: conll, ieer or polnear"
        )),
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::from(1)
        }
    }
}
