//! Converters between `clipmark/v1` and the formats of other annotation tools: the end of the
//! pipeline, shared by the command line (`clipmark convert`) and the page (`convertDocument`,
//! `importFile`, `importAs`), so both write byte-for-byte the same files.
//!
//! | format | direction | offsets | carries |
//! |---|---|---|---|
//! | [`Format::ClipmarkJsonl`] | both | code points | everything, one document per line |
//! | [`Format::Doccano`] | both | code points | entities in `label`; blocks in an extra `blocks` key |
//! | [`Format::LabelStudio`] | both | code points | entities (`from_name: "label"`), blocks (`from_name: "block"`), `origin` |
//! | [`Format::Spacy`] | export | code points | tokens, entity `spans`; blocks in an extra `blocks` key |
//! | [`Format::Conll`] | export | — (tokens) | entities as IOB2 tags |
//! | [`Format::Brat`] | export | code points | entities and blocks as text-bound annotations |
//!
//! Every exporter takes validated [`Document`]s (either offset unit) and works on byte offsets
//! inside; every importer validates what it reads (offsets inside the text and on character
//! boundaries, `text` equal to the slice it names, known labels, no overlaps) and names the
//! line or record of the first problem. `docs/formats.md` is the user's version of this table.
//!
//! One file per format (`clipmark.rs`, `doccano.rs`, `labelstudio.rs`, `spacy.rs`, `conll.rs`,
//! `brat.rs`); `import.rs` holds what every importer uses. This file names the formats,
//! dispatches to them, and reads a file's JSON: whether it is JSONL or one value, and, for
//! [`import_file`], which format it is in.

mod brat;
mod clipmark;
mod conll;
mod doccano;
mod import;
mod labelstudio;
mod spacy;

pub use self::brat::{to_brat, Brat};
pub use self::clipmark::parse_documents;

use crate::error::{Error, Result};
use crate::export::{BlockSpan, Document, EntitySpan, Unit};
use crate::text::{OffsetMap, Span};
use serde::Serialize;
use serde_json::Value;

/// A file format clipmark converts to or from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `clipmark/v1` documents, one compact JSON object per line (import also reads one
    /// pretty-printed document or a JSON array of them).
    ClipmarkJsonl,
    /// doccano sequence-labelling JSONL: `{"text": ..., "label": [[start, end, "LABEL"]]}`.
    Doccano,
    /// Label Studio JSON: a list of tasks with `annotations[].result[]` regions.
    LabelStudio,
    /// spaCy / Prodigy JSONL: `text`, `tokens`, `spans` (export only).
    Spacy,
    /// CoNLL IOB2: `token TAG` lines, a blank line after each sentence (export only).
    Conll,
    /// brat standoff: the `.ann` file (export only; the `.txt` is the document's text).
    Brat,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: [Format; 6] = [
        Format::Doccano,
        Format::LabelStudio,
        Format::Spacy,
        Format::Conll,
        Format::Brat,
        Format::ClipmarkJsonl,
    ];

    /// The format's name on the command line and in the wasm API.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::ClipmarkJsonl => "clipmark-jsonl",
            Format::Doccano => "doccano",
            Format::LabelStudio => "labelstudio",
            Format::Spacy => "spacy",
            Format::Conll => "conll",
            Format::Brat => "brat",
        }
    }

    /// Parses a format name (also accepts `clipmark`, `label-studio` and `prodigy`).
    ///
    /// ```
    /// use clipmark::convert::Format;
    /// assert_eq!(Format::parse("label-studio"), Some(Format::LabelStudio));
    /// assert_eq!(Format::parse("xml"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "clipmark" | "clipmark-json" => Some(Format::ClipmarkJsonl),
            "label-studio" => Some(Format::LabelStudio),
            "prodigy" => Some(Format::Spacy),
            _ => Format::ALL.into_iter().find(|f| f.as_str() == name),
        }
    }

    /// Whether clipmark can read this format back into documents.
    pub fn can_import(self) -> bool {
        matches!(self, Format::ClipmarkJsonl | Format::Doccano | Format::LabelStudio)
    }

    fn parse_or_err(name: &str, import: bool) -> Result<Format> {
        let names = |imp: bool| {
            Format::ALL
                .iter()
                .filter(|f| !imp || f.can_import())
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match Format::parse(name) {
            Some(f) if !import || f.can_import() => Ok(f),
            Some(f) => Err(Error::invalid(
                "",
                format!("clipmark cannot import {} (it imports {})", f.as_str(), names(true)),
            )),
            None => Err(Error::invalid(
                "",
                format!("unknown format {name:?} (expected one of {})", names(import)),
            )),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Export

/// Converts documents to `to`. Brat holds one document per `.ann` file, so it takes exactly
/// one; the others write one line or task per document.
///
/// ```
/// use clipmark::convert::{export, Format};
/// let text = "Antony Blinken met Sergey Lavrov.";
/// let doc = clipmark::Document::from_analysis(text, &clipmark::analyze(text), clipmark::Unit::Codepoint);
/// let out = export(&[doc], Format::Doccano).unwrap();
/// assert!(out.starts_with("{\"text\":\"Antony Blinken met Sergey Lavrov.\",\"label\":[[0,14,\"PER\"]"));
/// ```
pub fn export(docs: &[Document], to: Format) -> Result<String> {
    match to {
        Format::ClipmarkJsonl => clipmark::to_clipmark_jsonl(docs),
        Format::Doccano => doccano::to_doccano(docs),
        Format::LabelStudio => labelstudio::to_label_studio(docs),
        Format::Spacy => spacy::to_spacy(docs),
        Format::Conll => conll::to_conll(docs),
        Format::Brat => match docs {
            [doc] => Ok(to_brat(doc)?.ann),
            _ => Err(Error::invalid(
                "",
                format!("brat standoff holds one document per file; the input has {}", docs.len()),
            )),
        },
    }
}

/// Parses `clipmark/v1` input (see [`parse_documents`]) and converts it to the format named
/// `to`: what `clipmark convert --to` prints and the page's `convertDocument` returns.
pub fn convert_str(input: &str, to: &str) -> Result<String> {
    let to = Format::parse_or_err(to, false)?;
    export(&parse_documents(input)?, to)
}

/// `f` of each document; with several, an error names the document (counted from 1).
pub(super) fn each_doc<'a, T>(
    docs: &'a [Document],
    f: impl Fn(&'a Document) -> Result<T>,
) -> Result<Vec<T>> {
    let many = docs.len() > 1;
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            f(d).map_err(|e| if many { e.within(&format!("document {}", i + 1)) } else { e })
        })
        .collect()
}

/// One compact JSON line per item.
pub(super) fn jsonl<T: Serialize>(lines: &[T]) -> String {
    let mut out = String::new();
    for l in lines {
        out.push_str(&serde_json::to_string(l).expect("plain data serialises"));
        out.push('\n');
    }
    out
}

/// A document in bytes: what every exporter works on.
pub(super) struct Bytes<'a> {
    map: OffsetMap<'a>,
    pub(super) entities: Vec<EntitySpan>,
    pub(super) blocks: Vec<BlockSpan>,
}

impl<'a> Bytes<'a> {
    /// `doc` (validated, any unit) with byte offsets; `doc` must outlive the result.
    pub(super) fn new(doc: &'a Document) -> Result<Bytes<'a>> {
        let b = doc.convert(Unit::Byte)?;
        Ok(Bytes { map: OffsetMap::new(&doc.text), entities: b.entities, blocks: b.blocks })
    }

    /// The code-point offset of a byte offset.
    pub(super) fn cp(&self, byte: usize) -> usize {
        self.map.to_codepoint(byte)
    }

    /// The entities' byte spans.
    pub(super) fn entity_spans(&self) -> Vec<Span> {
        self.entities.iter().map(|e| e.start..e.end).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Import

/// Reads documents in format `from`, with the format's default offset unit (see
/// [`import_with`]). The documents have code-point offsets.
pub fn import(input: &str, from: Format) -> Result<Vec<Document>> {
    import_with(input, from, Unit::Codepoint)
}

/// Reads documents in format `from` whose offsets are in `unit` (`Codepoint`, or `Utf16` for
/// files whose offsets are JavaScript string indices, such as doccano's when labelled in its
/// browser UI: doccano#2290). Returns documents with code-point offsets.
///
/// Entities come from the file; blocks too when it has them (`blocks` in doccano JSONL,
/// `from_name: "block"` regions in Label Studio), otherwise the engine's block labels are
/// used. Metadata is the engine's reading of the text; clusters are left empty.
pub fn import_with(input: &str, from: Format, unit: Unit) -> Result<Vec<Document>> {
    let records = match from {
        // One document, a JSON array of documents, or JSONL.
        Format::ClipmarkJsonl => records(input)?,
        // JSONL only: one record per line, named by its line.
        Format::Doccano => jsonl_values(input)?,
        Format::LabelStudio => labelstudio::tasks(input)?,
        other => {
            return Err(Error::invalid("", format!("clipmark cannot import {}", other.as_str())))
        }
    };
    import_records(records, from, unit)
}

/// Imports `input` in the format named `from`: what `clipmark convert --from` and the page's
/// `importAs` do. `unit` is the offsets' unit, code points when `None`.
pub fn import_str(input: &str, from: &str, unit: Option<Unit>) -> Result<Vec<Document>> {
    let from = Format::parse_or_err(from, true)?;
    import_with(input, from, unit.unwrap_or(Unit::Codepoint))
}

/// Reads a file of any importable format, told from its content: one `clipmark/v1` document, a
/// JSON array of documents or clipmark JSONL; doccano JSONL (or one doccano record, or a JSON
/// array of them); a Label Studio export (a list of tasks, or one task). What the page's
/// `importFile` does with a `.json`, `.jsonl` or `.ndjson` file.
///
/// The first record decides the format, by its keys: `format` or `offsets` make `clipmark/v1`;
/// a `data` object, `annotations` or `predictions` Label Studio; `text` (or a `data` string)
/// doccano. Every record is then read as that format.
/// `unit` is the offsets' unit of doccano and Label Studio files, code points when `None`;
/// `clipmark/v1` documents name their own. Returns documents with code-point offsets. Errors
/// are one line naming the line (JSONL) or record (array), counted from 1, and the problem.
///
/// ```
/// use clipmark::convert::import_file;
/// let docs = import_file("{\"text\": \"Anna met Bob.\", \"label\": [[0, 4, \"PER\"]]}\n", None).unwrap();
/// assert_eq!(docs[0].entities[0].text, "Anna");
/// let e = import_file("{\"hello\": 1}", None).unwrap_err().to_string();
/// assert!(e.starts_with("not a clipmark/v1 document, doccano record or Label Studio task"), "{e}");
/// ```
pub fn import_file(input: &str, unit: Option<Unit>) -> Result<Vec<Document>> {
    let body = strip_bom(input).trim();
    let mut records = if body.is_empty() { Vec::new() } else { records(input)? };
    let Some((place, first)) = records.first() else {
        let why = if body.is_empty() {
            "the file is empty"
        } else {
            "no documents: the file holds an empty list"
        };
        return Err(Error::invalid("", why));
    };
    let format = sniff(first).ok_or_else(|| Error::invalid(place.name(), UNKNOWN_RECORD))?;
    if format == Format::Doccano && *place == Place::Whole && !body.contains('\n') {
        // One doccano record on one line: named by its line, as `clipmark convert --from
        // doccano` names it.
        records = jsonl_values(input)?;
    }
    import_records(records, format, unit.unwrap_or(Unit::Codepoint))
}

/// Reads every record as `format` (see [`read_records`]), in code points.
fn import_records(
    records: Vec<(Place, Value)>,
    format: Format,
    unit: Unit,
) -> Result<Vec<Document>> {
    let docs = read_records(records, format, unit)?;
    if format == Format::ClipmarkJsonl {
        docs.iter().map(|d| d.convert(Unit::Codepoint)).collect()
    } else {
        Ok(docs) // built in code points
    }
}

/// Which importable format a record (a JSON line, an array item or the whole file) is in, from
/// its keys: `format` or `offsets` make a `clipmark/v1` document; a `data` object,
/// `annotations` or `predictions` a Label Studio task; `text` (or a `data` string, doccano's
/// older name) a doccano record. `None` for anything else.
fn sniff(record: &Value) -> Option<Format> {
    // `get` is `None` on anything but an object.
    let has = |key| record.get(key).is_some();
    if has("format") || has("offsets") {
        Some(Format::ClipmarkJsonl)
    } else if record.get("data").is_some_and(Value::is_object)
        || has("annotations")
        || has("predictions")
    {
        Some(Format::LabelStudio)
    } else if has("text") || has("data") {
        Some(Format::Doccano)
    } else {
        None
    }
}

/// The message for a record [`sniff`] cannot place.
const UNKNOWN_RECORD: &str = "not a clipmark/v1 document, doccano record or Label Studio task \
    (expected a JSON object with a \"format\", \"text\" or \"data\" field)";

// ---------------------------------------------------------------------------------------------
// Reading a file's JSON

/// `input` without its byte-order mark.
fn strip_bom(input: &str) -> &str {
    input.strip_prefix('\u{FEFF}').unwrap_or(input)
}

/// JSONL when the first non-empty line is a complete JSON value by itself and more lines
/// follow (a pretty-printed document's first line, `{`, is not).
fn looks_like_jsonl(input: &str) -> bool {
    let mut lines = input.lines().filter(|l| !l.trim().is_empty());
    match lines.next() {
        Some(first) => serde_json::from_str::<Value>(first).is_ok() && lines.next().is_some(),
        None => false,
    }
}

/// Where a record is in a file, for error messages; counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// The file is one JSON value.
    Whole,
    /// A line of JSONL.
    Line(usize),
    /// An item of a JSON array.
    Record(usize),
}

impl Place {
    /// `line 3`, `record 2`, or nothing for the whole file. Only errors need it (`cold` keeps
    /// it out of the readers' loops, and the wasm smaller).
    #[cold]
    fn name(self) -> String {
        match self {
            Place::Whole => String::new(),
            Place::Line(n) => format!("line {n}"),
            Place::Record(n) => format!("record {n}"),
        }
    }
}

/// The JSON values of the non-blank lines of `input`, each at its line.
pub(super) fn jsonl_values(input: &str) -> Result<Vec<(Place, Value)>> {
    let input = strip_bom(input);
    let mut out = Vec::new();
    for (i, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v = serde_json::from_str(line).map_err(|e| {
            // serde_json ends its message with "at line 1 column N"; the line is ours to name.
            let msg = e.to_string();
            let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m);
            Error::json(format!("line {}, column {}", i + 1, e.column()), msg)
        })?;
        out.push((Place::Line(i + 1), v));
    }
    if out.is_empty() {
        return Err(Error::invalid("", "no records: the input is empty"));
    }
    Ok(out)
}

/// A file's JSON records, each at its place: the non-blank lines of JSONL, the items of one
/// JSON array, or one JSON value (the whole file). JSON syntax errors name the line (and
/// column).
pub(super) fn records(input: &str) -> Result<Vec<(Place, Value)>> {
    let input = strip_bom(input);
    if looks_like_jsonl(input) {
        return jsonl_values(input);
    }
    Ok(match serde_json::from_str::<Value>(input).map_err(|e| Error::json("", e))? {
        Value::Array(items) => {
            items.into_iter().enumerate().map(|(i, v)| (Place::Record(i + 1), v)).collect()
        }
        v => vec![(Place::Whole, v)],
    })
}

/// Reads every record as `format` (an importable one; `unit` is the offsets' unit of doccano
/// and Label Studio records). An error names the record's place.
pub(super) fn read_records(
    records: Vec<(Place, Value)>,
    format: Format,
    unit: Unit,
) -> Result<Vec<Document>> {
    records
        .into_iter()
        .map(|(place, v)| {
            let doc = match format {
                Format::Doccano => doccano::record(&v, unit),
                Format::LabelStudio => labelstudio::task(&v, unit),
                _ => clipmark::document_from_value(v),
            };
            doc.map_err(|e| e.within(&place.name()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Source;
    use crate::entities::EntityLabel;

    /// A document of `text` with the engine's blocks and the entities `ents` (each the first
    /// occurrence of its text), in code points.
    pub(super) fn doc(text: &str, ents: &[(&str, EntityLabel)]) -> Document {
        let mut d = Document::from_analysis(text, &crate::analyze(text), Unit::Byte);
        d.entities = ents
            .iter()
            .map(|(s, l)| {
                let start = text.find(s).unwrap();
                EntitySpan {
                    start,
                    end: start + s.len(),
                    label: *l,
                    text: s.to_string(),
                    source: Source::Human,
                    cluster: None,
                }
            })
            .collect();
        d.clusters.clear();
        d.convert(Unit::Codepoint).unwrap()
    }

    #[test]
    fn formats_parse_and_refuse_unknown_names() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        let e = Format::parse_or_err("spacy", true).unwrap_err().to_string();
        assert!(e.contains("cannot import spacy"), "{e}");
    }

    const TEXT: &str = "Anna Berg met 👩\u{200D}👩\u{200D}👧 Bob in Paris.";

    fn annotated() -> Document {
        doc(TEXT, &[("Anna Berg", EntityLabel::Per), ("Paris", EntityLabel::Loc)])
    }

    fn err(input: &str) -> String {
        import_file(input, None).unwrap_err().to_string()
    }

    #[test]
    fn import_file_reads_clipmark_json_arrays_and_jsonl() {
        let d = annotated();
        let docs = vec![d.clone(), doc("Bob left.", &[])];
        assert_eq!(import_file(&d.to_json(), None).unwrap(), std::slice::from_ref(&d));
        let array = serde_json::to_string(&docs).unwrap();
        assert_eq!(import_file(&array, None).unwrap(), docs);
        let lines = export(&docs, Format::ClipmarkJsonl).unwrap();
        assert_eq!(import_file(&lines, None).unwrap(), docs);
        // With a byte-order mark, and a UTF-16 document read back in code points.
        assert_eq!(import_file(&format!("\u{FEFF}{lines}"), None).unwrap(), docs);
        let utf16 = serde_json::to_string(&d.convert(Unit::Utf16).unwrap()).unwrap();
        assert_eq!(import_file(&utf16, None).unwrap(), [d]);
    }

    #[test]
    fn import_file_reads_doccano_jsonl_a_lone_record_and_an_array() {
        let docs = vec![annotated(), doc("Bob left.", &[])];
        let out = export(&docs, Format::Doccano).unwrap();
        let want = import(&out, Format::Doccano).unwrap();
        assert_eq!(import_file(&out, None).unwrap(), want);
        let first = out.lines().next().unwrap();
        assert_eq!(import_file(first, None).unwrap(), want[..1]);
        assert_eq!(import_file(&format!("[{first}]"), None).unwrap(), want[..1]);
        // Without labels, and with the text in `data`, doccano's older name.
        let plain = import_file("{\"data\": \"Bob left.\"}\n", None).unwrap();
        assert_eq!(plain[0].text, "Bob left.");
        assert!(plain[0].entities.is_empty() && !plain[0].blocks.is_empty());
    }

    #[test]
    fn import_file_takes_the_offsets_unit_of_doccano() {
        // "Paris" after the family emoji (5 code points, 8 UTF-16 units).
        let (cp, u16) = ((27, 32), (30, 35));
        let text = serde_json::to_string(TEXT).unwrap();
        let line = |(s, e): (usize, usize)| {
            format!("{{\"text\": {text}, \"label\": [[{s}, {e}, \"LOC\"]]}}")
        };
        let a = import_file(&line(cp), None).unwrap();
        let b = import_file(&line(u16), Some(Unit::Utf16)).unwrap();
        assert_eq!(a[0].entities[0].text, "Paris");
        assert_eq!(a, b);
    }

    #[test]
    fn import_file_reads_label_studio_exports_and_one_task() {
        let docs = vec![annotated(), doc("Bob left.", &[])];
        let out = export(&docs, Format::LabelStudio).unwrap();
        let want = import(&out, Format::LabelStudio).unwrap();
        assert_eq!(import_file(&out, None).unwrap(), want);
        let tasks: Vec<Value> = serde_json::from_str(&out).unwrap();
        let task = serde_json::to_string_pretty(&tasks[0]).unwrap();
        assert_eq!(import_file(&task, None).unwrap(), want[..1]);
        // A task with predictions only (no annotations) is still Label Studio's.
        let pred = r#"[{"data": {"text": "Anna met Bob."}, "predictions": [{"result": [{"type": "labels", "value": {"start": 0, "end": 4, "text": "Anna", "labels": ["PER"]}}]}]}]"#;
        let d = import_file(pred, None).unwrap();
        assert_eq!(
            (d[0].entities[0].text.as_str(), d[0].entities[0].source),
            ("Anna", Source::Model)
        );
    }

    #[test]
    fn import_file_tells_formats_apart_by_their_keys() {
        let obj = |s: &str| serde_json::from_str::<Value>(s).unwrap();
        // A clipmark document has a text too; a Label Studio task may have a text beside data.
        assert_eq!(
            sniff(&obj(r#"{"format": "x", "text": "a", "label": []}"#)),
            Some(Format::ClipmarkJsonl)
        );
        assert_eq!(
            sniff(&obj(r#"{"text": "a", "offsets": "codepoint"}"#)),
            Some(Format::ClipmarkJsonl)
        );
        assert_eq!(
            sniff(&obj(r#"{"data": {"text": "a"}, "text": "a"}"#)),
            Some(Format::LabelStudio)
        );
        assert_eq!(sniff(&obj(r#"{"annotations": []}"#)), Some(Format::LabelStudio));
        assert_eq!(sniff(&obj(r#"{"data": "a"}"#)), Some(Format::Doccano));
        assert_eq!(sniff(&obj(r#"{"text": "a", "label": []}"#)), Some(Format::Doccano));
        assert_eq!(sniff(&obj(r#"{"hello": 1}"#)), None);
        assert_eq!(sniff(&obj(r#"["text"]"#)), None);
    }

    #[test]
    fn import_file_refuses_empty_non_json_and_unknown_input_naming_the_place() {
        for empty in ["", "  \n\n", "\u{FEFF}", "\r\n\t"] {
            assert_eq!(err(empty), "the file is empty");
        }
        assert_eq!(err("[]"), "no documents: the file holds an empty list");
        assert!(err("Anna met Bob.").starts_with("invalid JSON: expected value at line 1"));
        assert!(
            err("[1, 2").starts_with("invalid JSON: EOF while parsing a list"),
            "{}",
            err("[1, 2")
        );
        const NOT: &str = "not a clipmark/v1 document, doccano record or Label Studio task \
            (expected a JSON object with a \"format\", \"text\" or \"data\" field)";
        for unknown in ["{\"hello\": 1}", "{}", "42", "\"text\"", "null"] {
            assert_eq!(err(unknown), NOT, "{unknown}");
        }
        assert_eq!(err("[[1, 2]]"), format!("record 1: {NOT}"));
        assert_eq!(err("\n{\"id\": 1}\n{\"id\": 2}\n"), format!("line 2: {NOT}"));
    }

    #[test]
    fn import_file_errors_name_the_line_or_record_of_the_first_bad_one() {
        let d = serde_json::to_string(&annotated()).unwrap();
        // The first record decides the format; a later record of another one is an error.
        let e = err(&format!("{d}\n{{\"text\": \"a\", \"label\": []}}\n"));
        assert!(e.starts_with("line 2: not a clipmark/v1 document: missing field `format`"), "{e}");
        let e = err(&format!("[{d}, {{\"format\": \"clipmark/v1\"}}]"));
        assert!(e.starts_with("record 2: not a clipmark/v1 document"), "{e}");
        let e = err("{\"text\": \"a\"}\n{\"text\": \n");
        assert!(e.starts_with("line 2, column 9: invalid JSON"), "{e}");
        let e = err("{\"text\": \"Anna\", \"label\": [[0, 4, \"PERSON\"]]}");
        assert!(e.starts_with("line 1: label 1: unknown label \"PERSON\""), "{e}");
        let e = err("\n{\"text\": \"Anna\", \"label\": [[0, 9, \"PER\"]]}\n");
        assert!(e.starts_with("line 2: label 1: offsets 0..9 are outside the text"), "{e}");
        let e = err(
            r#"[{"data": {"text": "Anna"}, "annotations": [{"result": [{"value": {"start": 0, "end": 4, "text": "Bob", "labels": ["PER"]}}]}]}]"#,
        );
        assert!(e.starts_with("record 1: result 1: text \"Bob\" does not match"), "{e}");
        let e = err(r#"{"data": {}, "annotations": []}"#);
        assert!(e.starts_with("data: no text field"), "{e}");
    }
}
