//! The `clipmark` command line: the same engine as the page, for batch work and evaluation.

mod seg;

use clipmark::{Document, Error, ErrorKind, Result, Unit};
use std::io::{Read, Write};

mod convert;
use std::process::ExitCode;

mod ner;

const USAGE: &str = "usage: clipmark <command> [args]

commands:
  analyze FILE|-        print the clipmark/v1 JSON of a text file (or standard input)
  convert --to FORMAT FILE    write a clipmark/v1 file as doccano, labelstudio, spacy,
                              conll, brat (.ann) or clipmark-jsonl
  convert --from FORMAT FILE  read doccano, labelstudio or clipmark-jsonl into clipmark/v1
  train-seg DEV.jsonl [--seeds GOLD.jsonl] [-o models/seg.model]
                        train the segmentation model on gold line labels
  eval-seg GOLD.jsonl [--per-source] [--pred PRED.jsonl] [--model FILE]
                        score the segmenter (or external predictions) on gold line labels
  train-title GOLD.jsonl... [--pred PRED.jsonl] [-o models/title.model]
                        train the headline model on gold titles (prints its CV accuracy)
  bench-seg FILE [MB]   time the segmenter on a file's texts repeated to MB megabytes
  train-ner TRAIN --dev DEV [-o models/ner.model] [--epochs N] [--gazetteer FILE]...
                        train the name tagger on CoNLL-format column files
  tag --conll FILE      write FILE back with one more column: the predicted IOB2 tag
  eval-ner FILE | --jsonl GOLD.jsonl
                        entity precision/recall/F1 (conlleval-style), overall and per type
  bench-ner FILE        tagging speed on a CoNLL file (tokens/s, one thread)
                        (tag, eval-ner and bench-ner take --model FILE; default: built in)
  help                  show this message";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("clipmark: {e}");
            ExitCode::from(match e.kind() {
                ErrorKind::Usage(_) => 64,
                _ => 2,
            })
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let Some(cmd) = args.first() else { return Err(Error::usage(USAGE)) };
    let rest = &args[1..];
    match cmd.as_str() {
        "analyze" => analyze(rest),
        "convert" => convert::run(rest),
        "train-seg" => seg::train_seg(rest),
        "eval-seg" => seg::eval_seg(rest),
        "bench-seg" => seg::bench_seg(rest),
        "train-title" => seg::train_title(rest),
        "train-ner" | "tag" | "eval-ner" | "bench-ner" => ner::run(cmd, rest),
        "help" | "--help" | "-h" => print(&format!("{USAGE}\n")),
        "--version" | "-V" => print(&format!("clipmark {}\n", env!("CARGO_PKG_VERSION"))),
        other => Err(Error::usage(format!("unknown command {other:?}; run `clipmark help`"))),
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

fn one_path(args: &[String], cmd: &str) -> Result<String> {
    match args {
        [p] => Ok(p.clone()),
        _ => Err(Error::usage(format!("usage: clipmark {cmd} FILE (or - for standard input)"))),
    }
}

fn analyze(args: &[String]) -> Result<()> {
    let path = one_path(args, "analyze")?;
    let text = read_text(&path)?;
    let analysis = clipmark::analyze(&text);
    let mut json = Document::from_analysis(&text, &analysis, Unit::Codepoint).to_json();
    json.push('\n');
    print(&json)
}
