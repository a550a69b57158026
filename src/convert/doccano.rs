//! doccano sequence-labelling JSONL, both ways.

use super::import::{build_document, get_text, get_u64, type_name, RawSpan};
use super::{each_doc, jsonl, Bytes};
use crate::blocks::Source;
use crate::error::{Error, Result};
use crate::export::{Document, Unit};
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
struct DoccanoLine<'a> {
    text: &'a str,
    label: Vec<(usize, usize, &'static str)>,
    blocks: Vec<(usize, usize, &'static str)>,
}

/// doccano sequence-labelling JSONL, one line per document:
/// `{"text", "label": [[start, end, "PER"], ...], "blocks": [[start, end, "body"], ...]}`.
///
/// Offsets are code points (Python string indices), the unit doccano's importer and every
/// Python reader use. doccano's sequence labelling has spans only, so `label` holds the
/// entities; block labels go to the extra `blocks` key, which is not part of doccano's format
/// (readers of `text` and `label` ignore it; [`record`] reads it back).
pub(super) fn to_doccano(docs: &[Document]) -> Result<String> {
    let lines = each_doc(docs, |d| {
        let b = Bytes::new(d)?;
        Ok(DoccanoLine {
            text: &d.text,
            label: b
                .entities
                .iter()
                .map(|e| (b.cp(e.start), b.cp(e.end), e.label.as_str()))
                .collect(),
            blocks: b
                .blocks
                .iter()
                .map(|k| (b.cp(k.start), b.cp(k.end), k.label.as_str()))
                .collect(),
        })
    })?;
    Ok(jsonl(&lines))
}

/// Reads `[start, end, "LABEL"]` triples from `field` of a doccano record.
fn triples(rec: &Value, field: &str, out: &mut Vec<RawSpan>) -> Result<()> {
    let Some(v) = rec.get(field) else { return Ok(()) };
    let items = v.as_array().ok_or_else(|| {
        Error::invalid(
            "",
            format!("{field} must be a list of [start, end, \"LABEL\"], found {}", type_name(v)),
        )
    })?;
    for (i, item) in items.iter().enumerate() {
        let what = format!("{field} {}", i + 1);
        let triple = item.as_array().filter(|a| a.len() == 3).ok_or_else(|| {
            let hint = if item.is_string() {
                " (a text-classification export? clipmark reads sequence labelling)"
            } else {
                ""
            };
            Error::invalid(&what, format!("expected [start, end, \"LABEL\"], found {item}{hint}"))
        })?;
        let label = triple[2].as_str().ok_or_else(|| {
            Error::invalid(&what, format!("the label must be a string, found {}", triple[2]))
        })?;
        out.push(RawSpan {
            start: get_u64(&triple[0], &what, "start")?,
            end: get_u64(&triple[1], &what, "end")?,
            label: label.to_string(),
            text: None,
            source: Source::Human,
            what,
        });
    }
    Ok(())
}

/// One record of doccano JSONL (sequence labelling), a line of the file. Reads the text from
/// `text` (or `data`), spans from `label` or `labels` (`[[start, end, "LABEL"], ...]`) or
/// `entities` (`[{"start_offset", "end_offset", "label"}]`, doccano's export with relations),
/// and blocks from `blocks` (clipmark's extra key). Every span is a person's label
/// (`source: "human"`). Offsets are in `unit`; errors name the field and span (the caller
/// names the line).
pub(super) fn record(rec: &Value, unit: Unit) -> Result<Document> {
    if !rec.is_object() {
        return Err(Error::invalid(
            "",
            format!("expected a JSON object, found {}", type_name(rec)),
        ));
    }
    let field =
        if rec.get("text").is_none() && rec.get("data").is_some() { "data" } else { "text" };
    let text = get_text(rec, field, " (a doccano record has the document in \"text\")")?;
    let mut raw = Vec::new();
    triples(rec, "label", &mut raw)?;
    triples(rec, "labels", &mut raw)?;
    if let Some(v) = rec.get("entities") {
        let items = v.as_array().ok_or_else(|| {
            Error::invalid("", format!("entities must be a list, found {}", type_name(v)))
        })?;
        for (i, item) in items.iter().enumerate() {
            let what = format!("entities {}", i + 1);
            let field =
                |k: &str| item.get(k).ok_or_else(|| Error::invalid(&what, format!("no {k} field")));
            let label = field("label")?;
            let label = label.as_str().ok_or_else(|| {
                Error::invalid(&what, format!("the label must be a string, found {label}"))
            })?;
            raw.push(RawSpan {
                start: get_u64(field("start_offset")?, &what, "start_offset")?,
                end: get_u64(field("end_offset")?, &what, "end_offset")?,
                label: label.to_string(),
                text: None,
                source: Source::Human,
                what: what.clone(),
            });
        }
    }
    triples(rec, "blocks", &mut raw)?;
    build_document(text, raw, unit)
}
