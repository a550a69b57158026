//! The `clipmark` command line's commands (`analyze`, `convert`) and its file helpers, which
//! `clipmark-lab` reuses so that both read and print files the same way.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod batch;
pub mod convert;

use clipmark::{Document, Error, ErrorKind, Result, Unit};
use std::io::{Read, Write};
use std::process::ExitCode;

/// The exit status of a command line run by `program` (`clipmark`, `clipmark-lab`): success, or
/// the error on one line of standard error and status 64 for a usage error, 2 for any other.
pub fn exit_code(program: &str, result: Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{program}: {e}");
            ExitCode::from(match e.kind() {
                ErrorKind::Usage(_) => 64,
                _ => 2,
            })
        }
    }
}

/// Reads a whole file (or standard input for `-`) as UTF-8 text.
pub fn read_text(path: &str) -> Result<String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| Error::io("-", &e))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::NotUtf8 {
            path: path.to_string(),
            offset: e.utf8_error().valid_up_to(),
        })
    })
}

/// Writes `s` to standard output, treating a closed pipe as success.
pub fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("-", &e)),
        _ => Ok(()),
    }
}

/// `clipmark analyze FILE|-`: prints the `clipmark/v1` JSON of a text file or standard input.
/// `clipmark analyze --jsonl [IN|-] [-o OUT] [--threads N]`: one record a line in, one document
/// a line out (see [`batch`]); status 1 when any record gave an error record.
pub fn analyze(args: &[String]) -> Result<ExitCode> {
    if args.iter().any(|a| a == "--jsonl") {
        let summary = batch::run(&batch_options(args)?)?;
        return Ok(if summary.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    let path = match args {
        [p] if p == "-" || !p.starts_with('-') => p.clone(),
        _ => return Err(Error::usage(ANALYZE_USAGE)),
    };
    let text = read_text(&path)?;
    let analysis = clipmark::analyze(&text);
    let mut json = Document::from_analysis(&text, &analysis, Unit::Codepoint).to_json();
    json.push('\n');
    print(&json)?;
    Ok(ExitCode::SUCCESS)
}

const ANALYZE_USAGE: &str = "usage: clipmark analyze FILE (or - for standard input), or \
clipmark analyze --jsonl [IN|-] [-o OUT] [--threads N]";

/// The options of `analyze --jsonl`.
fn batch_options(args: &[String]) -> Result<batch::Options> {
    let mut opts = batch::Options { input: String::new(), output: None, threads: None };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--jsonl" => {}
            "-o" | "--output" => {
                let v = it.next().ok_or_else(|| Error::usage(format!("{a} needs a file")))?;
                opts.output = Some(v.clone());
            }
            "--threads" => {
                let v = it.next().ok_or_else(|| Error::usage("--threads needs a number"))?;
                match v.parse::<usize>() {
                    Ok(n) if n > 0 => opts.threads = Some(n),
                    _ => {
                        return Err(Error::usage(format!(
                            "--threads needs a number of at least 1, not {v:?}"
                        )))
                    }
                }
            }
            p if (p == "-" || !p.starts_with('-')) && opts.input.is_empty() => {
                opts.input = p.to_string();
            }
            _ => return Err(Error::usage(format!("unexpected argument {a:?}; {ANALYZE_USAGE}"))),
        }
    }
    if opts.input.is_empty() {
        opts.input = "-".to_string();
    }
    Ok(opts)
}
