//! `clipmark-lab` as a user runs it: training commands on tiny inputs, and usage errors.

use std::process::Command;

fn clipmark() -> Command {
    Command::new(env!("CARGO_BIN_EXE_clipmark-lab"))
}

#[test]
fn train_title_reports_cross_validation_and_writes_a_model_that_loads() {
    let out = std::env::temp_dir().join(format!("clipmark-title-{}.model", std::process::id()));
    let o = clipmark()
        .args([
            "train-title",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/gold.jsonl"),
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report = String::from_utf8(o.stdout).unwrap();
    assert!(report.lines().any(|l| l.starts_with("all") && l.contains("pages    2")), "{report}");
    // The model is a `title` model naming the engine's features, in order, with a weight for
    // each.
    use clipmark::model_file::{self, Kind};
    let bytes = std::fs::read(&out).unwrap();
    let names = clipmark::segment::layout::title::NAMES;
    let parse = |p: &[u8]| clipmark::segment::format::parse_title(p, &names);
    let w = model_file::load("title", &bytes, Kind::Title, &names, parse).unwrap();
    assert_eq!(w.len(), names.len());
    let _ = std::fs::remove_file(&out);
}

#[test]
fn train_seg_outer_labels_only_the_held_out_pages_and_refuses_an_empty_training_set() {
    let dir = std::env::temp_dir().join(format!("clipmark-outer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/gold.jsonl");
    let ids = |p: &std::path::Path| -> Vec<String> {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    // The two seed pastes have no site, so they share one outer fold: K = 1 of 5 for site "".
    let run = |k: &str, seeds: bool| {
        let oof = dir.join(format!("outer{k}{seeds}.jsonl"));
        let mut c = clipmark();
        c.args(["train-seg", gold, "--outer", k, "-o"])
            .arg(dir.join("m.model"))
            .arg("--oof")
            .arg(&oof);
        if seeds {
            c.args(["--seeds", gold]);
        }
        (c.output().unwrap(), oof)
    };
    let (o, oof) = run("0", false);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(ids(&oof).is_empty());
    // Holding out the fold with every page leaves nothing to train on: a one-line error.
    let (o, _) = run("1", false);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("no pages left to train on"), "{err}");
    // Trained on the seeds alone, the held-out pages (the same two) are labelled, each once.
    let (o, oof) = run("1", true);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(ids(&oof), ["000_0586b9b838e24ecf", "004_4a37522199f6be1e"]);
    let labels = |p: &std::path::Path| -> std::collections::BTreeSet<String> {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .flat_map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x["label"].as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert!(labels(&oof).contains("title"), "{:?}", labels(&oof));
    // With --oof-body, the same pages as body and boilerplate lines only (before the title).
    let body_only = dir.join("outer-body.jsonl");
    let o = clipmark()
        .args(["train-seg", gold, "--seeds", gold, "--outer", "1", "--oof-body", "-o"])
        .arg(dir.join("m.model"))
        .arg("--oof")
        .arg(&body_only)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(ids(&body_only), ids(&oof));
    assert_eq!(labels(&body_only), ["body", "boilerplate"].map(String::from).into_iter().collect());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn train_ner_writes_a_model_that_tags_its_corpus_and_rejects_bad_options() {
    let train = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/tiny.conll");
    let model = std::env::temp_dir().join(format!("clipmark-ner-{}.model", std::process::id()));
    let o = clipmark()
        .args([
            "train-ner",
            train,
            "--epochs",
            "6",
            "--bits",
            "14",
            "--folds",
            "2",
            "--fold-epochs",
            "3",
            "-o",
        ])
        .arg(&model)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = clipmark().args(["eval-ner", train, "--model"]).arg(&model).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("FB1: 100.00"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // A removed option (the CRF runs) and a value that is not a number.
    for (flag, value) in [("--crf-runs", "1"), ("--epochs", "fast")] {
        let o = clipmark().args(["train-ner", train, flag, value]).output().unwrap();
        // EX_USAGE, as for every usage error.
        assert_eq!(o.status.code(), Some(64), "{flag} {value}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(flag), "{err}");
    }
    let _ = std::fs::remove_file(&model);
}
