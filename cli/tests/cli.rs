//! The `clipmark` command line as a batch user meets it.

use std::io::Write;
use std::process::{Command, Stdio};

fn clipmark() -> Command {
    Command::new(env!("CARGO_BIN_EXE_clipmark"))
}

fn tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("clipmark-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn analyze_prints_clipmark_v1_with_codepoint_offsets() {
    let p = tmp("mixed.txt", "Zoë 😀 met Sergey Lavrov.\r\n".as_bytes());
    let out = clipmark().args(["analyze", p.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "clipmark/v1");
    assert_eq!(v["offsets"], "codepoint");
    let e =
        v["entities"].as_array().unwrap().iter().find(|e| e["text"] == "Sergey Lavrov").unwrap();
    assert_eq!((e["start"].as_u64(), e["end"].as_u64()), (Some(10), Some(23)));
}

#[test]
fn analyze_reads_standard_input() {
    let mut child = clipmark()
        .args(["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"Hello Antony Blinken\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["text"], "Hello Antony Blinken\n");
}

#[test]
fn empty_file_gives_valid_json_without_blocks() {
    let p = tmp("empty.txt", b"");
    let out = clipmark().args(["analyze", p.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["blocks"].as_array().unwrap().len(), 0);
    assert_eq!(v["text"], "");
}

#[test]
fn non_utf8_file_is_a_one_line_error_naming_the_file_with_status_2() {
    let p = tmp("latin1.txt", b"caf\xe9 au lait\n");
    let out = clipmark().args(["analyze", p.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("latin1.txt") && err.contains("not UTF-8"), "{err}");
}

#[test]
fn missing_file_and_bad_usage_fail_cleanly() {
    let out = clipmark().args(["analyze", "/nonexistent/x.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("clipmark: /nonexistent/x.txt:"));
    let out = clipmark().args(["frobnicate"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown command"));
}
