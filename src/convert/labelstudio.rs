//! Label Studio JSON (tasks with `annotations[].result[]` regions), both ways.

use super::import::{build_document, get_text, get_u64, type_name, RawSpan};
use super::{each_doc, Bytes, Place};
use crate::blocks::Source;
use crate::error::{Error, Result};
use crate::export::{Document, Unit};
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
struct LsTask<'a> {
    data: LsData<'a>,
    annotations: Vec<LsAnnotation<'a>>,
}

#[derive(Serialize)]
struct LsData<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct LsAnnotation<'a> {
    result: Vec<LsResult<'a>>,
}

#[derive(Serialize)]
struct LsResult<'a> {
    id: String,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    origin: &'static str,
    value: LsValue<'a>,
}

#[derive(Serialize)]
struct LsValue<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: [&'static str; 1],
}

fn origin(source: Source) -> &'static str {
    match source {
        Source::Model => "prediction",
        Source::Human => "manual",
    }
}

/// Label Studio JSON: a list of tasks `{"data": {"text"}, "annotations": [{"result": [...]}]}`,
/// one task per document, one annotation per task.
///
/// Each entity is a `labels` region with `from_name: "label"`, each block one with
/// `from_name: "block"`, both `to_name: "text"`; `origin` is `prediction` for the engine's
/// labels and `manual` for a person's; region ids are `e1`, `e2`, ... and `b1`, `b2`, ....
/// Offsets are code points: current Label Studio counts `Text` offsets in code points (its
/// editor's e2e test `ner/emoji.cy.ts` expects "test" in "🐱 Warning: This is a test text" at
/// 21..25); versions of 2021 counted UTF-16 units (label-studio#1347), which
/// [`task`] still reads by checking each region's `text`.
pub(super) fn to_label_studio(docs: &[Document]) -> Result<String> {
    let tasks = each_doc(docs, |d| {
        let b = Bytes::new(d)?;
        // One region per entity (`e1`, `e2`, ...; control "label") and per block (`b1`, ...;
        // control "block").
        let region = |id: String, from_name, start: usize, end: usize, label, source| LsResult {
            id,
            from_name,
            to_name: "text",
            kind: "labels",
            origin: origin(source),
            value: LsValue {
                start: b.cp(start),
                end: b.cp(end),
                text: &d.text[start..end],
                labels: [label],
            },
        };
        let mut result = Vec::new();
        for (i, e) in b.entities.iter().enumerate() {
            result.push(region(
                format!("e{}", i + 1),
                "label",
                e.start,
                e.end,
                e.label.as_str(),
                e.source,
            ));
        }
        for (i, k) in b.blocks.iter().enumerate() {
            result.push(region(
                format!("b{}", i + 1),
                "block",
                k.start,
                k.end,
                k.label.as_str(),
                k.source,
            ));
        }
        Ok(LsTask { data: LsData { text: &d.text }, annotations: vec![LsAnnotation { result }] })
    })?;
    let mut out = serde_json::to_string_pretty(&tasks).expect("plain data serialises");
    out.push('\n');
    Ok(out)
}

/// The tasks of a Label Studio JSON file: a list of tasks (or one task), each at its record
/// (counted from 1).
pub(super) fn tasks(input: &str) -> Result<Vec<(Place, Value)>> {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let v: Value = serde_json::from_str(input).map_err(|e| Error::json("", e))?;
    let tasks = match v {
        Value::Array(tasks) => tasks,
        task @ Value::Object(_) => vec![task],
        other => {
            return Err(Error::invalid(
                "",
                format!("expected a list of Label Studio tasks, found {}", type_name(&other)),
            ))
        }
    };
    if tasks.is_empty() {
        return Err(Error::invalid("", "no records: the task list is empty"));
    }
    Ok(tasks.into_iter().enumerate().map(|(i, t)| (Place::Record(i + 1), t)).collect())
}

/// One Label Studio task. The text is `data.text`; regions come from the first annotation that
/// was not cancelled, or from the first prediction when a task has no annotation. Each `labels`
/// region must carry one label, an entity label (`PER`, ...) or a block label (`title`, ...);
/// regions of other types (relations, choices, text areas) are skipped.
/// `origin: "prediction"` (and every region of a prediction) reads as `source: "model"`,
/// anything else as `"human"`. Offsets are in `unit`; a region whose `text` does not match is
/// read in the other unit of code points and UTF-16 (older Label Studio counted UTF-16 units)
/// before it is an error. Errors name the result, counted from 1 (the caller names the task's
/// record).
pub(super) fn task(task: &Value, unit: Unit) -> Result<Document> {
    let data = task.get("data").ok_or_else(|| {
        Error::invalid("", "no data field (a Label Studio task has its text in data.text)")
    })?;
    let text =
        get_text(data, "text", " in data (clipmark reads Text tasks whose text is data.text)")
            .map_err(|e| e.within("data"))?;
    let list = |k: &str| task.get(k).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    let annotation =
        list("annotations").iter().find(|a| a.get("was_cancelled") != Some(&Value::Bool(true)));
    let (results, is_prediction) = match annotation {
        Some(a) => (a.get("result"), false),
        None => (list("predictions").first().and_then(|p| p.get("result")), true),
    };
    let results = match results {
        None | Some(Value::Null) => &[][..],
        Some(Value::Array(r)) => r.as_slice(),
        Some(other) => {
            return Err(Error::invalid(
                "",
                format!("result must be a list, found {}", type_name(other)),
            ))
        }
    };
    let mut raw = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let what = format!("result {}", i + 1);
        let kind = r.get("type").and_then(Value::as_str);
        let Some(value) = r.get("value") else {
            if kind.is_some_and(|k| k != "labels") {
                continue;
            }
            return Err(Error::invalid(&what, "no value field"));
        };
        let labels = value.get("labels");
        if kind.is_some_and(|k| k != "labels") || (kind.is_none() && labels.is_none()) {
            continue;
        }
        let labels = labels
            .and_then(Value::as_array)
            .ok_or_else(|| Error::invalid(&what, "value.labels must be a list of one label"))?;
        let label = match labels.as_slice() {
            [Value::String(l)] => l.clone(),
            _ => {
                return Err(Error::invalid(
                    &what,
                    format!("expected exactly one label, found {}", Value::Array(labels.clone())),
                ))
            }
        };
        let num = |k: &str| -> Result<u64> {
            match value.get(k) {
                Some(Value::String(_)) => Err(Error::invalid(
                    &what,
                    format!("value.{k} is not a number (HyperText regions are not supported)"),
                )),
                Some(n) => get_u64(n, &what, &format!("value.{k}")),
                None => Err(Error::invalid(&what, format!("no value.{k} field"))),
            }
        };
        let origin = r.get("origin").and_then(Value::as_str);
        let source = if is_prediction || origin == Some("prediction") {
            Source::Model
        } else {
            Source::Human
        };
        let span_text = match value.get("text") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                return Err(Error::invalid(
                    &what,
                    format!("value.text must be a string, found {}", type_name(other)),
                ))
            }
        };
        raw.push(RawSpan {
            start: num("start")?,
            end: num("end")?,
            label,
            text: span_text,
            source,
            what,
        });
    }
    build_document(text, raw, unit)
}
