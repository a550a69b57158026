//! The `clipmark` command line: the same engine as the page, for files and batch work.

use clipmark::{Error, Result};
use clipmark_cli::{analyze, convert, exit_code, print};
use std::process::ExitCode;

const USAGE: &str = "usage: clipmark <command> [args]

commands:
  analyze FILE|-        print the clipmark/v1 JSON of a text file (or standard input)
  analyze --jsonl [IN|-] [-o OUT] [--threads N]
                        one {id, text, ...} JSON record a line in, one compact clipmark/v1
                        document a line out (id first, other fields under record), in input
                        order, on all cores (or N threads); a bad record gives an
                        {id, line, error} line and status 1; summary on standard error
  convert --to FORMAT FILE    write a clipmark/v1 file as doccano, labelstudio, spacy,
                              conll, brat (.ann) or clipmark-jsonl
  convert --from FORMAT FILE  read doccano, labelstudio or clipmark-jsonl into clipmark/v1
  help                  show this message

Training, evaluation and benchmarks are in the separate clipmark-lab command.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(e) => exit_code("clipmark", Err(e)),
    }
}

fn run(args: &[String]) -> Result<ExitCode> {
    let Some(cmd) = args.first() else { return Err(Error::usage(USAGE)) };
    let rest = &args[1..];
    match cmd.as_str() {
        "analyze" => analyze(rest),
        "convert" => convert::run(rest).map(|()| ExitCode::SUCCESS),
        "help" | "--help" | "-h" => print(&format!("{USAGE}\n")).map(|()| ExitCode::SUCCESS),
        "--version" | "-V" => {
            print(&format!("clipmark {}\n", env!("CARGO_PKG_VERSION"))).map(|()| ExitCode::SUCCESS)
        }
        other => Err(Error::usage(format!("unknown command {other:?}; run `clipmark help`"))),
    }
}
