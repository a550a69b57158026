//! `clipmark-lab`: training, evaluation and benchmarks of clipmark's models. Never shipped: the
//! page and the `clipmark` command line run only the engine; this binary reaches the engine's
//! internals through its `lab` feature.

mod conll;
mod ner;
mod ner_train;
mod seg;
mod seg_model;
mod seg_train;
mod title_train;

use clipmark::{Error, Result};
pub(crate) use clipmark_cli::read_text;
use clipmark_cli::{exit_code, print};
use std::process::ExitCode;

const USAGE: &str = "usage: clipmark-lab <command> [args]

commands:
  train-seg DEV.jsonl [--seeds GOLD.jsonl] [-o models/seg.model]
                        train the segmentation model on gold line labels
  eval-seg GOLD.jsonl [--per-source] [--pred PRED.jsonl] [--model FILE] [--counts OUT.jsonl]
                        score the segmenter (or external predictions) on gold line labels
  train-title GOLD.jsonl... [--pred PRED.jsonl] [-o models/title.model]
                        train the headline model on gold titles (prints its CV accuracy)
  bench-seg FILE [MB]   time the segmenter on a file's texts repeated to MB megabytes
  train-ner TRAIN --dev DEV [-o models/ner.model] [--epochs N] [--gazetteer FILE]...
                        train the name tagger on CoNLL-format column files
  tag --conll FILE      write FILE back with one more column: the predicted IOB2 tag
  eval-ner FILE [--pred-column N] [--seen TRAIN] | --jsonl GOLD.jsonl [--pred PRED.jsonl]
                        [--counts OUT.jsonl]
                        entity precision/recall/F1 (conlleval-style), overall and per type
  bench-ner FILE        tagging speed on a CoNLL file (tokens/s, one thread)
                        (tag, eval-ner and bench-ner take --model FILE; default: built in)
  help                  show this message";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    exit_code("clipmark-lab", run(&args))
}

fn run(args: &[String]) -> Result<()> {
    let Some(cmd) = args.first() else { return Err(Error::usage(USAGE)) };
    let rest = &args[1..];
    match cmd.as_str() {
        "train-seg" => seg::train_seg(rest),
        "eval-seg" => seg::eval_seg(rest),
        "bench-seg" => seg::bench_seg(rest),
        "train-title" => seg::train_title(rest),
        "train-ner" | "tag" | "eval-ner" | "bench-ner" => ner::run(cmd, rest),
        "help" | "--help" | "-h" => print(&format!("{USAGE}\n")),
        "--version" | "-V" => print(&format!("clipmark-lab {}\n", env!("CARGO_PKG_VERSION"))),
        other => Err(Error::usage(format!("unknown command {other:?}; run `clipmark-lab help`"))),
    }
}
