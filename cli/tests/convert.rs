//! `clipmark convert` as a user runs it: the engine's exports byte for byte, imports, and
//! one-line errors with exit status 2.

use clipmark::convert::{self, Format};
use clipmark::{Document, EntityLabel};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/convert").join(name)
}

fn article() -> Document {
    Document::from_json(&std::fs::read_to_string(fixture("article.clipmark.json")).unwrap())
        .unwrap()
}

fn spans(doc: &Document) -> Vec<(usize, usize, EntityLabel, String)> {
    doc.entities.iter().map(|e| (e.start, e.end, e.label, e.text.clone())).collect()
}

// ---- the command line -----------------------------------------------------------------------

fn clipmark(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clipmark")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_writes_what_the_engine_exports() {
    // The engine's exports are held to reviewed golden files in tests/convert.rs; the command
    // line must print exactly those bytes.
    let input = fixture("article.clipmark.json");
    for format in Format::ALL {
        let (code, out, err) =
            clipmark(&["convert", "--to", format.as_str(), input.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, convert::export(&[article()], format).unwrap(), "{}", format.as_str());
    }
}

#[test]
fn cli_imports_one_document_as_json_and_several_as_jsonl() {
    let (code, out, err) = clipmark(&[
        "convert",
        "--from",
        "doccano",
        fixture("doccano-entities.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2);
    let docs = convert::parse_documents(&out).unwrap();
    assert_eq!(docs[0].entities.len(), 3);

    let dir = std::env::temp_dir().join(format!("clipmark-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ls = dir.join("one.json");
    std::fs::write(&ls, convert::export(&[article()], Format::LabelStudio).unwrap()).unwrap();
    let (code, out, err) = clipmark(&["convert", "--from", "labelstudio", ls.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let doc = Document::from_json(&out).unwrap();
    assert_eq!(spans(&doc), spans(&article()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cli_rejects_bad_input_with_one_line_and_exit_2() {
    let dir = std::env::temp_dir().join(format!("clipmark-convert-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let latin1 = dir.join("latin1.jsonl");
    std::fs::write(&latin1, b"{\"text\": \"caf\xe9\", \"label\": []}\n").unwrap();
    let broken = dir.join("broken.jsonl");
    std::fs::write(&broken, "{\"text\": \"a\", \"label\": []}\n{\"text\": \n").unwrap();
    let not_doc = dir.join("x.json");
    std::fs::write(&not_doc, "{\"format\": \"other\"}").unwrap();
    let cases: [(&[&str], &str); 4] = [
        (
            &["convert", "--from", "doccano", latin1.to_str().unwrap()],
            "not UTF-8 text (invalid byte sequence at byte 13)",
        ),
        (
            &["convert", "--from", "doccano", broken.to_str().unwrap()],
            "broken.jsonl: line 2, column 9: invalid JSON",
        ),
        (
            &["convert", "--to", "spacy", not_doc.to_str().unwrap()],
            "x.json: not a clipmark/v1 document",
        ),
        (&["convert", "--to", "spacy", latin1.to_str().unwrap()], "not UTF-8 text"),
    ];
    for (args, want) in cases {
        let (code, out, err) = clipmark(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let (code, _, err) = clipmark(&["convert", "--to", "xml", not_doc.to_str().unwrap()]);
    assert_eq!(code, 64, "a usage error: {err}");
    let (code, _, _) = clipmark(&["convert", "--from", "spacy", not_doc.to_str().unwrap()]);
    assert_eq!(code, 64);
    std::fs::remove_dir_all(&dir).ok();
}
