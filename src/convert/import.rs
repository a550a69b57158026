//! What every importer uses: reading fields of a JSON record, and building a validated
//! document from a text and the spans read from a file.

use crate::blocks::{BlockLabel, Source};
use crate::entities::EntityLabel;
use crate::error::{Error, Result};
use crate::export::{to_byte, BlockSpan, Document, Engine, EntitySpan, Unit, FORMAT};
use crate::text::{OffsetMap, Span};
use serde_json::Value;

/// A span read from a file, before it is checked against the text.
pub(super) struct RawSpan {
    pub(super) start: u64,
    pub(super) end: u64,
    pub(super) label: String,
    /// The span's text as the file gives it, checked against the document's text.
    pub(super) text: Option<String>,
    pub(super) source: Source,
    /// Where the span is in the file (`label 2`, `result 3`), for error messages.
    pub(super) what: String,
}

enum Kind {
    Entity(EntityLabel),
    Block(BlockLabel),
}

fn kind_of(label: &str) -> Option<Kind> {
    EntityLabel::parse(label)
        .map(Kind::Entity)
        .or_else(|| BlockLabel::parse(label).map(Kind::Block))
}

fn known_labels() -> String {
    let e: Vec<&str> = EntityLabel::ALL.iter().map(|l| l.as_str()).collect();
    let b: Vec<&str> = BlockLabel::ALL.iter().map(|l| l.as_str()).collect();
    format!("entities {}; blocks {}", e.join(", "), b.join(", "))
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Codepoint => "code points",
        Unit::Utf16 => "UTF-16 units",
        Unit::Byte => "bytes",
    }
}

/// Byte span of `start..end` in `unit`, or `None` when outside the text or inside a character.
fn to_bytes(map: &OffsetMap, start: u64, end: u64, unit: Unit) -> Option<Span> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    Some(to_byte(map, unit, start)?..to_byte(map, unit, end)?)
}

/// Builds and validates a document from `text` and the spans read from a file. When a span
/// carries its `text` and it does not match in `unit`, the other of code points and UTF-16 is
/// tried (files from tools that counted in the other unit); the error names the span when
/// neither matches.
pub(super) fn build_document(text: &str, raw: Vec<RawSpan>, unit: Unit) -> Result<Document> {
    let map = OffsetMap::new(text);
    let other = if unit == Unit::Utf16 { Unit::Codepoint } else { Unit::Utf16 };
    let mut entities = Vec::new();
    let mut blocks = Vec::new();
    for r in raw {
        let kind = kind_of(&r.label).ok_or_else(|| {
            Error::invalid(
                &r.what,
                format!("unknown label {:?} (known: {})", r.label, known_labels()),
            )
        })?;
        if r.start >= r.end {
            return Err(Error::invalid(
                &r.what,
                format!("start {} is not before end {}", r.start, r.end),
            ));
        }
        let span = match to_bytes(&map, r.start, r.end, unit) {
            Some(s) if r.text.as_deref().is_none_or(|t| t == &text[s.clone()]) => s,
            found => {
                let alt = r.text.as_ref().and_then(|t| {
                    to_bytes(&map, r.start, r.end, other).filter(|s| &text[s.clone()] == t)
                });
                match (alt, found) {
                    (Some(s), _) => s,
                    (None, Some(s)) => {
                        return Err(Error::invalid(
                            &r.what,
                            format!(
                                "text {:?} does not match the text at {}..{}: {:?}",
                                r.text.unwrap_or_default(),
                                r.start,
                                r.end,
                                &text[s]
                            ),
                        ))
                    }
                    (None, None) => {
                        let len = match unit {
                            Unit::Codepoint => text.chars().count(),
                            Unit::Utf16 => text.encode_utf16().count(),
                            Unit::Byte => text.len(),
                        };
                        return Err(Error::invalid(
                            &r.what,
                            format!(
                                "offsets {}..{} are outside the text or split a character (the text is {len} {} long)",
                                r.start,
                                r.end,
                                unit_name(unit)
                            ),
                        ));
                    }
                }
            }
        };
        match kind {
            Kind::Entity(label) => entities.push(EntitySpan {
                start: span.start,
                end: span.end,
                label,
                text: text[span].to_string(),
                source: r.source,
                cluster: None,
            }),
            Kind::Block(label) => blocks.push(BlockSpan {
                start: span.start,
                end: span.end,
                label,
                source: r.source,
                role: None,
            }),
        }
    }
    let analysis = crate::analyze(text);
    if blocks.is_empty() {
        blocks = analysis
            .blocks
            .iter()
            .map(|b| BlockSpan {
                start: b.span.start,
                end: b.span.end,
                label: b.label,
                source: b.source,
                role: b.role,
            })
            .collect();
    }
    entities.sort_by_key(|e| (e.start, e.end));
    blocks.sort_by_key(|b| (b.start, b.end));
    let doc = Document {
        format: FORMAT.into(),
        text: text.to_string(),
        offsets: Unit::Byte.as_str().into(),
        blocks,
        entities,
        clusters: Vec::new(),
        metadata: analysis.metadata,
        engine: Engine::default(),
    };
    doc.convert(Unit::Codepoint)
}

/// A non-negative integer field of a record.
pub(super) fn get_u64(v: &Value, what: &str, field: &str) -> Result<u64> {
    v.as_u64().ok_or_else(|| {
        Error::invalid(what, format!("{field} must be a non-negative integer, found {v}"))
    })
}

/// A string field of a record; `hint` follows "no FIELD field" when it is missing.
pub(super) fn get_text<'a>(obj: &'a Value, field: &str, hint: &str) -> Result<&'a str> {
    match obj.get(field) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => {
            Err(Error::invalid("", format!("{field} must be a string, found {}", type_name(other))))
        }
        None => Err(Error::invalid("", format!("no {field} field{hint}"))),
    }
}

/// "a number", "an object", ...: a JSON value's type for error messages.
pub(super) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
