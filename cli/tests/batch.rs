//! `clipmark analyze --jsonl` as a batch user runs it.

use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn clipmark() -> Command {
    Command::new(env!("CARGO_BIN_EXE_clipmark"))
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("clipmark-batch-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn jsonl(records: &[Value]) -> Vec<u8> {
    records.iter().map(|r| format!("{r}\n")).collect::<String>().into_bytes()
}

fn batch(input: &[u8], extra: &[&str]) -> Output {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let p = tmp(&format!("in-{n}.jsonl"), input);
    clipmark().args(["analyze", "--jsonl", p.to_str().unwrap()]).args(extra).output().unwrap()
}

fn lines(out: &[u8]) -> Vec<Value> {
    let s = std::str::from_utf8(out).unwrap();
    assert!(s.is_empty() || s.ends_with('\n'), "the output ends with a whole line");
    s.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// `clipmark analyze` of one text, as a JSON value.
fn single(text: &str) -> Value {
    let p = tmp("single.txt", text.as_bytes());
    let out = clipmark().args(["analyze", p.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The fixtures and a few hard texts: emoji, CJK, CRLF, NBSP, empty.
fn texts() -> Vec<String> {
    let mut texts: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
    assert!(texts.len() >= 3);
    texts.extend(
        [
            "Zoë 😀 met Sergey Lavrov in Geneva.\r\nBy Jane Smith\r\n👍🏽 3 comments\r\n",
            "東京で岸田文雄首相が記者会見した。\n2023年5月1日\n",
            "Breaking\u{a0}news: Angela\u{a0}Merkel visited Paris on 3\u{a0}May 2021.\n",
            "",
            "one line without end",
        ]
        .map(String::from),
    );
    texts
}

#[test]
fn each_document_equals_the_single_file_command() {
    let texts = texts();
    let records: Vec<Value> =
        texts.iter().enumerate().map(|(i, t)| json!({"id": i, "text": t})).collect();
    let out = batch(&jsonl(&records), &["--threads", "2"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), texts.len());
    let raw: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    for (i, ((mut doc, text), line)) in got.into_iter().zip(&texts).zip(raw).enumerate() {
        let obj = doc.as_object_mut().unwrap();
        assert_eq!(obj.remove("id"), Some(json!(i)));
        assert!(!obj.contains_key("record"), "no extra fields, no record key");
        let expected = single(text);
        assert_eq!(doc, expected, "text {i}: the same JSON value");
        // Byte for byte: the line is `{"id":I,` and then the compact form of that document.
        let expected: clipmark::Document = serde_json::from_value(expected).unwrap();
        let compact = serde_json::to_string(&expected).unwrap();
        assert_eq!(line, format!("{{\"id\":{i},{}", &compact[1..]), "text {i}: the same bytes");
    }
}

#[test]
fn order_is_kept_on_two_threads() {
    let records: Vec<Value> = (0..200)
        .map(|i| {
            let text = format!(
                "Story {i}\nBy Jane Doe\n{}\n",
                "Angela Merkel met Emmanuel Macron. ".repeat(i % 17 + 1)
            );
            json!({"id": format!("r{i}"), "text": text})
        })
        .collect();
    let out = batch(&jsonl(&records), &["--threads", "2"]);
    assert_eq!(out.status.code(), Some(0));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 200);
    for (i, (g, r)) in got.iter().zip(&records).enumerate() {
        assert_eq!(g["id"], json!(format!("r{i}")));
        assert_eq!(g["text"], r["text"]);
    }
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("200 records, 0 errors") && err.contains("pages/s"), "{err}");
    assert_eq!(err.lines().count(), 1, "no progress when standard error is not a terminal");
}

#[test]
fn bad_records_become_error_records_and_the_run_goes_on_with_status_1() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"a\",\"text\":\"Hello Antony Blinken\"}\n");
    input.extend_from_slice(b"not json\n");
    input.extend_from_slice(b"{\"id\":\"c\"}\n");
    input.extend_from_slice(b"{\"id\":7,\"text\":[1]}\n");
    input.extend_from_slice(b"{\"id\":\"e\",\"text\":\"caf\xe9\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"[1,2]\n");
    input.extend_from_slice(b"{\"id\":\"h\",\"text\":\"Last one\"}");
    let out = batch(&input, &[]);
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 7, "the blank line is skipped");
    assert_eq!(got[0]["id"], "a");
    assert_eq!(got[0]["format"], "clipmark/v1");
    let errors: Vec<(Value, u64)> =
        got[1..6].iter().map(|e| (e["id"].clone(), e["line"].as_u64().unwrap())).collect();
    assert_eq!(
        errors,
        [(json!(null), 2), (json!("c"), 3), (json!(7), 4), (json!(null), 5), (json!(null), 7)]
    );
    assert!(got[1..6].iter().all(|e| e["error"].is_string() && e.get("format").is_none()));
    assert!(got[2]["error"].as_str().unwrap().contains("text"));
    assert!(got[4]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(got[6]["id"], "h");
    assert_eq!(got[6]["text"], "Last one");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("7 records, 5 errors"), "{err}");
}

#[test]
fn output_file_and_standard_input() {
    let input = jsonl(&[
        json!({"id": 1, "text": "Hello Antony Blinken\n"}),
        json!({"id": 2, "text": "Zoë 😀"}),
    ]);
    let out_path = dir().join("out.jsonl");
    let mut child = clipmark()
        .args(["analyze", "--jsonl", "-", "-o", out_path.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "with -o nothing goes to standard output");
    let got = lines(&std::fs::read(&out_path).unwrap());
    assert_eq!(got.len(), 2);
    assert_eq!((got[0]["id"].clone(), got[1]["text"].clone()), (json!(1), json!("Zoë 😀")));
    // No temporary file is left beside the output.
    let left: Vec<_> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // Without a file name, --jsonl reads standard input too.
    let mut child = clipmark()
        .args(["analyze", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out.stdout), got);
}

#[test]
fn extra_fields_are_passed_through_under_record() {
    let r = json!({"id": "x", "url": "http://example.com/a", "site": "example.com", "n": [1, {"a": null}], "text": "Hello"});
    let out = batch(&jsonl(&[r]), &[]);
    assert_eq!(out.status.code(), Some(0));
    let got = &lines(&out.stdout)[0];
    assert_eq!(got["id"], "x");
    assert_eq!(
        got["record"],
        json!({"url": "http://example.com/a", "site": "example.com", "n": [1, {"a": null}]})
    );
    assert_eq!(got["format"], "clipmark/v1");
    let line = std::str::from_utf8(&out.stdout).unwrap();
    assert!(line.starts_with("{\"id\":\"x\",\"format\":\"clipmark/v1\","), "{line}");
}

#[test]
fn a_one_megabyte_record() {
    let para = "Angela Merkel met Emmanuel Macron in Berlin on Tuesday, officials said.\n";
    let text = para.repeat((1 << 20) / para.len() + 1);
    assert!(text.len() > 1 << 20);
    let out = batch(
        &jsonl(&[json!({"id": "big", "text": text}), json!({"id": "small", "text": "Hi"})]),
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["text"].as_str().map(str::len), Some(text.len()));
    assert_eq!(got[1]["id"], "small");
}

#[test]
fn usage_errors_have_status_64_and_help_lists_the_option() {
    for args in [
        &["analyze", "--jsonl", "--threads", "0"][..],
        &["analyze", "--jsonl", "-o"],
        &["analyze", "--jsonl", "a", "b"],
        &["analyze", "--bogus"],
    ] {
        let out = clipmark().args(args).stdin(Stdio::null()).output().unwrap();
        assert_eq!(out.status.code(), Some(64), "{args:?}");
    }
    let out = clipmark().args(["analyze", "--jsonl", "/nonexistent/in.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = clipmark().arg("help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("--jsonl") && help.contains("--threads"), "{help}");
}
