//! The per-document counts of `eval-ner --counts` and `eval-seg --counts` add up to the figures
//! the same commands print, on the fixtures; external predictions (`eval-ner --pred-column`,
//! `eval-ner --jsonl --pred`, `eval-seg --pred`) are scored as the lab's own.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// A scratch directory of this test run, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let d = std::env::temp_dir().join(format!("clipmark-counts-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }
    fn path(&self, f: &str) -> PathBuf {
        self.0.join(f)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `clipmark-lab ARGS`, which must succeed: its standard output.
fn lab(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_clipmark-lab")).args(args).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// Runs `clipmark-lab ARGS --counts FILE`: its standard output and the records.
fn lab_counts(args: &[&str], out: &Path) -> (String, Vec<Value>) {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--counts", out.to_str().unwrap()]);
    let report = lab(&all);
    let records = std::fs::read_to_string(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (report, records)
}

/// (tp, fp, fn) of a `{"tp", "fp", "fn"}` object.
fn tff(v: &Value) -> [u64; 3] {
    [v["tp"].as_u64().unwrap(), v["fp"].as_u64().unwrap(), v["fn"].as_u64().unwrap()]
}

fn sum<'a>(vs: impl Iterator<Item = &'a Value>) -> [u64; 3] {
    vs.map(tff).fold([0; 3], |a, b| [a[0] + b[0], a[1] + b[1], a[2] + b[2]])
}

/// Precision, recall and F1 in percent, as `eval-ner` prints them.
fn prf_percent([tp, fp, fneg]: [u64; 3]) -> (f64, f64, f64) {
    let p = if tp + fp == 0 { 0.0 } else { 100.0 * tp as f64 / (tp + fp) as f64 };
    let r = if tp + fneg == 0 { 0.0 } else { 100.0 * tp as f64 / (tp + fneg) as f64 };
    (p, r, if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
}

/// Checks an `eval-ner` report's entity figures against the sums of its records.
fn check_ner_report(report: &str, records: &[Value]) {
    let all = sum(records.iter());
    let first = report.lines().next().unwrap();
    let tokens: u64 = records.iter().map(|r| r["tokens"].as_u64().unwrap_or(0)).sum();
    assert_eq!(
        first,
        format!(
            "processed {tokens} tokens with {} phrases; found: {} phrases; correct: {}.",
            all[0] + all[2],
            all[0] + all[1],
            all[0]
        )
    );
    let (p, r, f) = prf_percent(all);
    assert!(
        report.contains(&format!("precision: {p:6.2}%; recall: {r:6.2}%; FB1: {f:6.2}\n")),
        "{report}"
    );
    if tokens > 0 {
        let right: u64 = records.iter().map(|r| r["tokens_correct"].as_u64().unwrap()).sum();
        let acc = 100.0 * right as f64 / tokens as f64;
        assert!(report.contains(&format!("accuracy: {acc:6.2}%; ")), "{report}");
    }
    for t in ["PER", "ORG", "LOC", "MISC"] {
        let c = sum(records.iter().map(|r| &r["types"][t]));
        let (p, r, f) = prf_percent(c);
        let line = format!(
            "{t:>17}: precision: {p:6.2}%; recall: {r:6.2}%; FB1: {f:6.2}  {}",
            c[0] + c[1]
        );
        assert!(report.lines().any(|l| l == line), "{line:?} not in\n{report}");
    }
}

#[test]
fn eval_ner_counts_of_conll_documents_add_up_to_the_report() {
    let s = Scratch::new("ner-conll");
    let tiny = fixture("tiny.conll");
    let (report, records) = lab_counts(&["eval-ner", &tiny], &s.path("c.jsonl"));
    // tiny.conll has two -DOCSTART- documents.
    assert_eq!(records.len(), 2, "{records:?}");
    for (n, r) in records.iter().enumerate() {
        assert_eq!(r["doc"], n);
    }
    check_ner_report(&report, &records);
    // The report without --counts is the same.
    assert_eq!(lab(&["eval-ner", &tiny]), report);

    // --seen: the seen and unseen names split every document's counts.
    let (seen_report, seen) =
        lab_counts(&["eval-ner", &tiny, "--seen", &tiny], &s.path("seen.jsonl"));
    assert!(seen_report.starts_with(&report), "{seen_report}");
    for r in &seen {
        let parts = sum([&r["seen"], &r["unseen"]].into_iter());
        assert_eq!(parts, tff(r), "{r}");
        // Every gold name of a file is seen in that file.
        assert_eq!(tff(&r["unseen"])[2], 0, "{r}");
    }

    // The file tagged by `tag --conll` and scored on its last column: the same report and counts.
    let tagged = s.path("tagged.conll");
    std::fs::write(&tagged, lab(&["tag", "--conll", &tiny])).unwrap();
    let (col_report, col) = lab_counts(
        &["eval-ner", tagged.to_str().unwrap(), "--pred-column", "-1"],
        &s.path("col.jsonl"),
    );
    assert_eq!(col_report, report);
    assert_eq!(col, records);
    // Counted from the start: the tagged file has five columns.
    let (_, col5) = lab_counts(
        &["eval-ner", tagged.to_str().unwrap(), "--pred-column", "5"],
        &s.path("col5.jsonl"),
    );
    assert_eq!(col5, records);
    // No column 0, and no prediction without a gold column beside it.
    for bad in [
        &["--pred-column", "0"][..],
        &["--pred-column", "9"],
        &["--pred-column", "-1", "--model", "x"],
    ] {
        let mut args = vec!["eval-ner", tagged.to_str().unwrap()];
        args.extend(bad);
        let o = Command::new(env!("CARGO_BIN_EXE_clipmark-lab")).args(&args).output().unwrap();
        assert!(!o.status.success(), "{args:?}");
    }
}

#[test]
fn eval_ner_counts_of_pages_add_up_to_the_report() {
    let s = Scratch::new("ner-pages");
    for gold in [fixture("seeds/gold.jsonl"), fixture("ner-eval/zyte-test-8.jsonl")] {
        let (report, records) = lab_counts(&["eval-ner", "--jsonl", &gold], &s.path("c.jsonl"));
        let pages = std::fs::read_to_string(&gold).unwrap();
        let ids: Vec<Value> = pages
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone())
            .collect();
        assert_eq!(records.iter().map(|r| r["id"].clone()).collect::<Vec<_>>(), ids);
        check_ner_report(&report, &records);
        for (key, name) in
            [("article", "article lines (title, meta, body)"), ("boilerplate", "boilerplate lines")]
        {
            let c = sum(records.iter().map(|r| &r[key]));
            let (p, r, f) = prf_percent(c);
            let line = format!("names in {name}: precision {p:.2}%; recall {r:.2}%; FB1 {f:.2}");
            assert!(report.lines().any(|l| l == line), "{line:?} not in\n{report}");
        }
        // Each name stands in the article's lines or in the rest.
        let parts = sum(records.iter().flat_map(|r| [&r["article"], &r["boilerplate"]]));
        assert_eq!(parts, sum(records.iter()));
        let d = sum(records.iter().map(|r| &r["dates"]));
        if d[0] + d[2] > 0 {
            let (p, r, f) = prf_percent(d);
            assert!(report.contains(&format!(
                "DATE (in gold title/meta/body lines): precision {p:.2}%; recall {r:.2}%; FB1 {f:.2}\n"
            )));
        }

        // The gold names as predictions, one page left out: that page's names are all missed.
        let pred = s.path("pred.jsonl");
        let kept: Vec<&str> = pages.lines().skip(1).collect();
        std::fs::write(&pred, kept.join("\n")).unwrap();
        let (_, scored) = lab_counts(
            &["eval-ner", "--jsonl", &gold, "--pred", pred.to_str().unwrap()],
            &s.path("p.jsonl"),
        );
        assert_eq!(scored[0]["predicted"], false);
        let gold0 = tff(&records[0]);
        assert_eq!(tff(&scored[0]), [0, 0, gold0[0] + gold0[2]]);
        for (r, orig) in scored.iter().zip(&records).skip(1) {
            assert_eq!(r["predicted"], true);
            let g = tff(orig);
            assert_eq!(tff(r), [g[0] + g[2], 0, 0], "{r}");
        }
    }
}

/// The `all` row `eval-seg` prints, rebuilt from the sums of its records.
fn seg_row(records: &[Value]) -> String {
    let s = |k: &str| sum(records.iter().map(|r| &r[k]));
    let n = |a: &str, b: &str| records.iter().map(|r| r[a][b].as_u64().unwrap() as usize).sum();
    let prf = |[tp, fp, fneg]: [u64; 3]| {
        let (tp, fp, fneg) = (tp as f64, fp as f64, fneg as f64);
        let p = tp / (tp + fp).max(1e-9);
        let r = tp / (tp + fneg).max(1e-9);
        (p, r, if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
    };
    let frac = |a: usize, b: usize| {
        if b == 0 {
            "-".to_string()
        } else {
            format!("{:.3} ({a}/{b})", a as f64 / b as f64)
        }
    };
    let ((cp, cr, cf), (lp, lr, lf)) = (prf(s("body_chars")), prf(s("body_lines")));
    let title_n = n("title", "of");
    let date_n = n("date", "of");
    format!(
        "{:<8} docs {:>4}  body chars P {cp:.4} R {cr:.4} F1 {cf:.4}  lines P {lp:.4} R {lr:.4} F1 {lf:.4}  4-class acc {}  title acc {} (same line {})  date found {} agrees {}",
        "all",
        records.len(),
        frac(n("four_class", "right"), n("four_class", "of")),
        frac(n("title", "right"), title_n),
        frac(n("title", "same_line"), title_n),
        frac(n("date", "found"), date_n),
        frac(n("date", "agrees"), date_n),
    )
}

#[test]
fn eval_seg_counts_add_up_to_the_report() {
    let s = Scratch::new("seg");
    for gold in [fixture("seeds/gold.jsonl"), fixture("ner-eval/zyte-test-8.jsonl")] {
        let (report, records) = lab_counts(&["eval-seg", &gold], &s.path("c.jsonl"));
        assert_eq!(report.lines().last().unwrap(), seg_row(&records), "{report}");
        assert_eq!(lab(&["eval-seg", &gold]), report);
        let pages: Vec<Value> = std::fs::read_to_string(&gold)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(records.len(), pages.len());
        for (i, (r, g)) in records.iter().zip(&pages).enumerate() {
            assert_eq!(r["index"], i);
            assert_eq!(r["id"], g["id"]);
            assert_eq!(r["predicted"], true);
            // One mark per gold line; the body characters are those of the marked lines.
            let lines = g["lines"].as_array().unwrap();
            let marks = r["pred_body"].as_str().unwrap();
            assert_eq!(marks.len(), lines.len());
            let len = |l: &Value| l["end"].as_u64().unwrap() - l["start"].as_u64().unwrap();
            let body = |l: &Value| l["label"] == "body";
            let (mut tp, mut fp, mut fneg) = (0, 0, 0);
            for (l, m) in lines.iter().zip(marks.chars()) {
                match (body(l), m == '1') {
                    (true, true) => tp += len(l),
                    (false, true) => fp += len(l),
                    (true, false) => fneg += len(l),
                    _ => {}
                }
            }
            assert_eq!(tff(&r["body_chars"]), [tp, fp, fneg], "page {i}");
            assert_eq!(r["chars"].as_u64().unwrap(), lines.iter().map(len).sum::<u64>());
        }

        // The lab's own labels written out (`--dump`) and scored as external predictions, the
        // first page left out: the same body counts, and the missing page all boilerplate.
        let dump = s.path("dump.jsonl");
        lab(&["eval-seg", &gold, "--dump", dump.to_str().unwrap()]);
        let kept: Vec<String> =
            std::fs::read_to_string(&dump).unwrap().lines().skip(1).map(String::from).collect();
        let pred = s.path("pred.jsonl");
        std::fs::write(&pred, kept.join("\n")).unwrap();
        let (ext_report, ext) =
            lab_counts(&["eval-seg", &gold, "--pred", pred.to_str().unwrap()], &s.path("e.jsonl"));
        assert_eq!(ext_report.lines().last().unwrap(), seg_row(&ext), "{ext_report}");
        assert_eq!(ext[0]["predicted"], false);
        assert!(ext[0]["pred_body"].as_str().unwrap().chars().all(|c| c == '0'));
        for (e, r) in ext.iter().zip(&records).skip(1) {
            assert_eq!(e["predicted"], true);
            assert_eq!(e["body_chars"], r["body_chars"]);
            assert_eq!(e["pred_body"], r["pred_body"]);
        }
    }
}
