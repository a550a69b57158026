//! Fixture articles with reviewed expectations (tests/fixtures/articles/*.expect), checked
//! through the public API. Each `.expect` names its text (`source:`, default: the `.txt`
//! beside it) and lists block labels by line prefix, entities by exact text, and metadata.

use clipmark::{analyze, Document, Unit};
use std::path::Path;

fn check(expect_path: &Path) -> Vec<String> {
    let spec = std::fs::read_to_string(expect_path).unwrap();
    let dir = expect_path.parent().unwrap();
    let mut text_path = expect_path.with_extension("txt");
    for line in spec.lines() {
        if let Some(src) = line.strip_prefix("source: ") {
            text_path = dir.join(src.trim());
        }
    }
    let text = std::fs::read_to_string(&text_path).unwrap();
    let a = analyze(&text);
    let doc = Document::from_analysis(&text, &a, Unit::Byte);
    let mut failures = Vec::new();
    for line in spec.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (key, want) = line.split_once(": ").unwrap_or_else(|| panic!("bad line {line:?}"));
        match key {
            "source" => {}
            "published" => {
                if a.metadata.published.as_deref() != Some(want) {
                    failures
                        .push(format!("published: want {want}, got {:?}", a.metadata.published));
                }
            }
            k if k.starts_with('=') => {
                let label = &k[1..];
                if !doc.entities.iter().any(|e| e.text == want && e.label.as_str() == label) {
                    let got: Vec<_> = doc
                        .entities
                        .iter()
                        .filter(|e| e.text.contains(want) || want.contains(&e.text))
                        .map(|e| format!("{}:{}", e.label.as_str(), e.text))
                        .collect();
                    failures.push(format!("entity {label} {want:?} missing (near: {got:?})"));
                }
            }
            label => match doc.blocks.iter().find(|b| text[b.start..b.end].starts_with(want)) {
                Some(b) if b.label.as_str() == label => {}
                Some(b) => {
                    failures.push(format!("block {want:?}: want {label}, got {}", b.label.as_str()))
                }
                None => failures.push(format!("no block starts with {want:?}")),
            },
        }
    }
    failures
}

#[test]
fn fixture_articles_meet_their_reviewed_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut all = Vec::new();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "expect") {
            n += 1;
            for f in check(&p) {
                all.push(format!("{}: {f}", p.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    assert!(n >= 2, "fixtures found: {n}");
    assert!(all.is_empty(), "\n{}", all.join("\n"));
}
