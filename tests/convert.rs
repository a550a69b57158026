//! The converters through the public API and the command line: golden files for every export
//! format, export → import round trips, and the importers' error messages.
//!
//! The golden files under `tests/fixtures/convert/expected/` were reviewed by hand (offsets
//! checked by slicing the text in Python). After an intended change, rewrite them with
//! `CLIPMARK_BLESS=1 cargo test --test convert` and review the diff.

use clipmark::convert::{self, Format};
use clipmark::{Document, EntityLabel, Source, Unit};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert").join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn article() -> Document {
    Document::from_json(&read("article.clipmark.json")).unwrap()
}

/// Compares `got` with the golden file `expected/name`, or rewrites it when blessing.
fn golden(name: &str, got: &str) {
    let path = fixture("expected").join(name);
    if std::env::var_os("CLIPMARK_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(got == want, "{name} differs from its golden file:\n--- got\n{got}\n--- want\n{want}");
}

const GOLDEN: [(Format, &str); 6] = [
    (Format::Doccano, "article.doccano.jsonl"),
    (Format::LabelStudio, "article.labelstudio.json"),
    (Format::Spacy, "article.spacy.jsonl"),
    (Format::Conll, "article.conll"),
    (Format::Brat, "article.ann"),
    (Format::ClipmarkJsonl, "article.clipmark.jsonl"),
];

#[test]
fn the_fixture_has_every_quirk() {
    let doc = article();
    for quirk in ["👩\u{200D}👩\u{200D}👧", "東京", "Лавров", "e\u{0308}", "\u{00A0}", "\r\n"]
    {
        assert!(doc.text.contains(quirk), "{quirk:?}");
    }
    assert_ne!(doc.text.chars().count(), doc.text.encode_utf16().count());
}

#[test]
fn every_export_matches_its_golden_file() {
    let doc = article();
    for (format, name) in GOLDEN {
        golden(name, &convert::export(std::slice::from_ref(&doc), format).unwrap());
    }
    assert_eq!(convert::to_brat(&doc).unwrap().txt, doc.text, "the .txt is the exact text");
}

#[test]
fn exports_do_not_depend_on_the_input_unit() {
    let doc = article();
    let utf16 = doc.convert(Unit::Utf16).unwrap();
    for (format, _) in GOLDEN {
        assert_eq!(
            convert::export(std::slice::from_ref(&utf16), format).unwrap(),
            convert::export(std::slice::from_ref(&doc), format).unwrap(),
            "{format:?}"
        );
    }
}

fn spans(doc: &Document) -> Vec<(usize, usize, EntityLabel, String)> {
    doc.entities.iter().map(|e| (e.start, e.end, e.label, e.text.clone())).collect()
}

fn blocks(doc: &Document) -> Vec<(usize, usize, &'static str)> {
    doc.blocks.iter().map(|b| (b.start, b.end, b.label.as_str())).collect()
}

#[test]
fn doccano_round_trip_keeps_entities_and_blocks() {
    let doc = article();
    let out = convert::export(std::slice::from_ref(&doc), Format::Doccano).unwrap();
    let back = convert::import(&out, Format::Doccano).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].text, doc.text);
    assert_eq!(spans(&back[0]), spans(&doc));
    assert_eq!(blocks(&back[0]), blocks(&doc));
    assert!(
        back[0].entities.iter().all(|e| e.source == Source::Human),
        "doccano has no origin: its labels are people's"
    );
}

#[test]
fn label_studio_round_trip_keeps_entities_blocks_and_sources() {
    let doc = article();
    let out = convert::export(std::slice::from_ref(&doc), Format::LabelStudio).unwrap();
    let back = convert::import(&out, Format::LabelStudio).unwrap();
    assert_eq!(spans(&back[0]), spans(&doc));
    assert_eq!(blocks(&back[0]), blocks(&doc));
    let src = |d: &Document| {
        d.entities
            .iter()
            .map(|e| e.source)
            .chain(d.blocks.iter().map(|b| b.source))
            .collect::<Vec<_>>()
    };
    assert_eq!(src(&back[0]), src(&doc));
}

#[test]
fn clipmark_jsonl_round_trip_is_lossless() {
    let doc = article();
    let other = {
        let t = "Сергей Лавров 👋 met Antony Blinken.";
        Document::from_analysis(t, &clipmark::analyze(t), Unit::Codepoint)
    };
    let docs = [doc, other];
    let out = convert::export(&docs, Format::ClipmarkJsonl).unwrap();
    assert_eq!(out.lines().count(), 2);
    assert_eq!(convert::import(&out, Format::ClipmarkJsonl).unwrap(), docs);
    // One pretty-printed document and a JSON array are read too.
    assert_eq!(convert::parse_documents(&read("article.clipmark.json")).unwrap(), docs[..1]);
    let array = serde_json::to_string(&docs).unwrap();
    assert_eq!(convert::parse_documents(&array).unwrap(), docs);
}

#[test]
fn several_documents_give_one_line_or_task_each() {
    let doc = article();
    let docs = [doc.clone(), doc];
    assert_eq!(convert::export(&docs, Format::Doccano).unwrap().lines().count(), 2);
    assert_eq!(convert::export(&docs, Format::Spacy).unwrap().lines().count(), 2);
    let ls: serde_json::Value =
        serde_json::from_str(&convert::export(&docs, Format::LabelStudio).unwrap()).unwrap();
    assert_eq!(ls.as_array().unwrap().len(), 2);
    assert_eq!(convert::export(&docs, Format::Conll).unwrap().matches("-DOCSTART- O").count(), 2);
    let e = convert::export(&docs, Format::Brat).unwrap_err().to_string();
    assert!(e.contains("one document per file"), "{e}");
}

#[test]
fn doccano_export_with_entities_objects_is_read() {
    let docs = convert::import(&read("doccano-entities.jsonl"), Format::Doccano).unwrap();
    assert_eq!(docs.len(), 2);
    let got: Vec<(&str, EntityLabel)> =
        docs[0].entities.iter().map(|e| (e.text.as_str(), e.label)).collect();
    assert_eq!(
        got,
        [
            ("Zoë Martin", EntityLabel::Per),
            ("東京", EntityLabel::Loc),
            ("Сергей Лавров", EntityLabel::Per)
        ]
    );
    assert!(docs[1].entities.is_empty());
    assert!(!docs[0].blocks.is_empty(), "blocks come from the engine when the file has none");
}

#[test]
fn doccano_utf16_offsets_are_read_when_asked() {
    let t = "👩‍👩‍👧 Zoë Martin";
    // JavaScript indices of "Zoë Martin": the family emoji is 8 UTF-16 units (5 code points).
    let line = format!(
        "{{\"text\": {}, \"label\": [[9, 19, \"PER\"]]}}\n",
        serde_json::to_string(t).unwrap()
    );
    let docs = convert::import_with(&line, Format::Doccano, Unit::Utf16).unwrap();
    assert_eq!(docs[0].entities[0].text, "Zoë Martin");
    assert_eq!(
        (docs[0].entities[0].start, docs[0].entities[0].end),
        (6, 16),
        "returned in code points"
    );
    let e = convert::import(&line, Format::Doccano).unwrap_err().to_string();
    assert!(e.contains("outside the text"), "{e}");
}

#[test]
fn legacy_label_studio_utf16_offsets_are_recognised_by_their_text() {
    let docs =
        convert::import(&read("labelstudio-legacy-utf16.json"), Format::LabelStudio).unwrap();
    assert_eq!(docs.len(), 2);
    let e = &docs[0].entities;
    assert_eq!(e.len(), 1, "choices and relations are skipped");
    assert_eq!(
        (e[0].start, e[0].end, e[0].text.as_str(), e[0].source),
        (29, 43, "Antony Blinken", Source::Human)
    );
    let p = &docs[1].entities;
    assert_eq!(
        (p[0].text.as_str(), p[0].label, p[0].source),
        ("Reuters", EntityLabel::Org, Source::Model)
    );
}

fn doccano_err(input: &str) -> String {
    convert::import(input, Format::Doccano).unwrap_err().to_string()
}

fn ls_err(input: &str) -> String {
    convert::import(input, Format::LabelStudio).unwrap_err().to_string()
}

#[test]
fn import_errors_name_the_line_or_record() {
    let ok = r#"{"text": "Antony Blinken", "label": [[0, 6, "PER"]]}"#;
    assert_eq!(
        doccano_err(&format!("{ok}\n\n{{\"text\": \"x\", \"label\": [[0, 1, \"PER\"]\n")),
        "line 3, column 37: invalid JSON: EOF while parsing a list"
    );
    assert_eq!(
        doccano_err(r#"{"text": "Blinken", "label": [[0, 99, "PER"]]}"#),
        "line 1: label 1: offsets 0..99 are outside the text or split a character (the text is 7 code points long)"
    );
    assert_eq!(
        doccano_err(r#"{"text": "Blinken", "label": [[0, 7, "PERSON"]]}"#),
        "line 1: label 1: unknown label \"PERSON\" (known: entities PER, ORG, LOC, MISC, DATE, MONEY, PERCENT, URL, EMAIL; blocks title, meta, body, boilerplate)"
    );
    assert!(doccano_err(r#"{"text": "Blinken", "label": ["positive"]}"#)
        .contains("text-classification"));
    assert_eq!(
        doccano_err(r#"{"label": []}"#),
        "line 1: no text field (a doccano record has the document in \"text\")"
    );
    assert_eq!(
        doccano_err(r#"{"text": "Antony Blinken", "label": [[0, 14, "PER"], [7, 14, "PER"]]}"#),
        "line 1: entity 1: entities must be sorted and must not overlap"
    );
    assert_eq!(doccano_err(""), "no records: the input is empty");

    let task = |start: u32, end: u32, text: &str| {
        format!(
            r#"[{{"data": {{"text": "ok"}}}}, {{"data": {{"text": "Antony Blinken"}}, "annotations": [{{"result": [{{"type": "labels", "value": {{"start": {start}, "end": {end}, "text": "{text}", "labels": ["PER"]}}}}]}}]}}]"#
        )
    };
    assert_eq!(
        ls_err(&task(0, 6, "Blinken")),
        "record 2: result 1: text \"Blinken\" does not match the text at 0..6: \"Antony\""
    );
    assert_eq!(
        ls_err(&task(7, 30, "Blinken")),
        "record 2: result 1: offsets 7..30 are outside the text or split a character (the text is 14 code points long)"
    );
    assert!(ls_err("[{\"data\": {}}]").starts_with("record 1: data: no text field"));
    assert!(ls_err("[1,").starts_with("invalid JSON"));
}

#[test]
fn broken_clipmark_jsonl_names_the_line() {
    let doc = article();
    let mut out = convert::export(std::slice::from_ref(&doc), Format::ClipmarkJsonl).unwrap();
    out.push_str(&out.clone().replace("\"Blinken\"", "\"Blinkin\""));
    let e = convert::import(&out, Format::ClipmarkJsonl).unwrap_err().to_string();
    assert!(e.starts_with("line 2: entity 0: text \"Blinkin\" does not match"), "{e}");
}

// ---- properties -----------------------------------------------------------------------------

mod properties {
    use super::*;
    use clipmark::EntitySpan;
    use proptest::prelude::*;

    /// Pieces of text with the quirks that break offset arithmetic.
    const PIECES: &[&str] = &[
        "Antony",
        "Blinken",
        "Сергей",
        "Лавров",
        "東京",
        "で",
        "Zoe\u{0308}",
        "👩\u{200D}👩\u{200D}👧",
        "🎉",
        " ",
        " ",
        "  ",
        "\u{00A0}",
        "\r\n",
        "\n",
        "\r",
        ".",
        ",",
        "'s",
        "U.S.",
        "$5",
        "4%",
        "e\u{0301}",
        "\u{200B}",
        "-",
        "www.x.org",
        "\t",
    ];

    /// A document of the pieces, with entities over runs of them: 1 starts an entity, 2
    /// continues it, 0 is outside.
    fn document() -> impl Strategy<Value = Document> {
        prop::collection::vec((prop::sample::select(PIECES), 0u8..3, 0usize..9), 0..30).prop_map(
            |parts| {
                let text: String = parts.iter().map(|p| p.0).collect();
                let mut doc = Document::from_analysis(&text, &clipmark::analyze(&text), Unit::Byte);
                doc.clusters.clear();
                let mut entities: Vec<EntitySpan> = Vec::new();
                let mut pos = 0;
                let mut open = false;
                for (piece, mark, label) in parts {
                    match mark {
                        1 => {
                            entities.push(EntitySpan {
                                start: pos,
                                end: pos + piece.len(),
                                label: EntityLabel::ALL[label],
                                text: String::new(),
                                source: if label % 2 == 0 { Source::Human } else { Source::Model },
                                cluster: None,
                            });
                            open = true;
                        }
                        2 if open => entities.last_mut().unwrap().end = pos + piece.len(),
                        _ => open = false,
                    }
                    pos += piece.len();
                }
                for e in &mut entities {
                    e.text = text[e.start..e.end].to_string();
                }
                doc.entities = entities;
                doc.convert(Unit::Codepoint).unwrap()
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn spacy_tokens_rebuild_the_text_and_every_span_aligns(doc in document()) {
            let out = convert::export(std::slice::from_ref(&doc), Format::Spacy).unwrap();
            let v: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
            let chars: Vec<char> = doc.text.chars().collect();
            let mut rebuilt = String::new();
            for (i, t) in v["tokens"].as_array().unwrap().iter().enumerate() {
                let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
                prop_assert_eq!(t["id"].as_u64().unwrap() as usize, i);
                prop_assert!(s < e);
                prop_assert_eq!(chars[s..e].iter().collect::<String>(), t["text"].as_str().unwrap());
                prop_assert_eq!(rebuilt.chars().count(), s);
                rebuilt.push_str(t["text"].as_str().unwrap());
                if t["ws"].as_bool().unwrap() {
                    rebuilt.push(' ');
                }
            }
            prop_assert_eq!(&rebuilt, &doc.text);
            let tokens = v["tokens"].as_array().unwrap();
            for (s, e) in v["spans"].as_array().unwrap().iter().zip(&doc.entities) {
                prop_assert_eq!(s["start"].as_u64().unwrap() as usize, e.start);
                prop_assert_eq!(s["end"].as_u64().unwrap() as usize, e.end);
                prop_assert_eq!(&tokens[s["token_start"].as_u64().unwrap() as usize]["start"], &s["start"]);
                prop_assert_eq!(&tokens[s["token_end"].as_u64().unwrap() as usize]["end"], &s["end"]);
            }
        }

        #[test]
        fn doccano_and_label_studio_round_trip(doc in document()) {
            for format in [Format::Doccano, Format::LabelStudio, Format::ClipmarkJsonl] {
                let out = convert::export(std::slice::from_ref(&doc), format).unwrap();
                let back = convert::import(&out, format).unwrap();
                prop_assert_eq!(back.len(), 1);
                prop_assert_eq!(&back[0].text, &doc.text);
                prop_assert_eq!(spans(&back[0]), spans(&doc));
                if !doc.blocks.is_empty() {
                    prop_assert_eq!(blocks(&back[0]), blocks(&doc));
                }
            }
        }

        #[test]
        fn conll_and_brat_never_fail(doc in document()) {
            let conll = convert::export(std::slice::from_ref(&doc), Format::Conll).unwrap();
            prop_assert!(conll.starts_with("-DOCSTART- O\n\n"));
            for line in conll.lines().skip(2).filter(|l| !l.is_empty()) {
                let (tok, tag) = line.rsplit_once(' ').unwrap();
                prop_assert!(!tok.is_empty() && !tok.chars().any(char::is_whitespace), "{:?}", line);
                prop_assert!(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"));
            }
            let brat = convert::to_brat(&doc).unwrap();
            let chars: Vec<char> = doc.text.chars().collect();
            for line in brat.ann.lines() {
                // The text is the last field and may itself contain a tab.
                let mut f = line.splitn(3, '\t');
                let (_, mid, txt) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
                let (_, offs) = mid.split_once(' ').unwrap();
                let frags: Vec<String> = offs
                    .split(';')
                    .map(|o| {
                        let (a, b) = o.split_once(' ').unwrap();
                        chars[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()].iter().collect()
                    })
                    .collect();
                prop_assert!(!txt.contains(['\n', '\r']));
                prop_assert_eq!(frags.join(" "), txt);
            }
        }
    }
}
