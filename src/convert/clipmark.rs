//! `clipmark/v1` itself: reading one document, a JSON array of documents or JSONL, and writing
//! JSONL.

use super::{each_doc, jsonl, read_records, records, Format};
use crate::error::{Error, Result};
use crate::export::{Document, Unit};
use serde_json::Value;

/// Parses `clipmark/v1` input: one document (pretty-printed or not), a JSON array of documents,
/// or JSONL with one document per line. Every document is validated; errors name the line
/// (JSONL) or record (array, counted from 1).
pub fn parse_documents(input: &str) -> Result<Vec<Document>> {
    read_records(records(input)?, Format::ClipmarkJsonl, Unit::Codepoint)
}

/// One `clipmark/v1` document from its JSON value, validated (offsets in any unit).
pub(super) fn document_from_value(v: Value) -> Result<Document> {
    let doc: Document = serde_json::from_value(v)
        .map_err(|e| Error::invalid("", format!("not a clipmark/v1 document: {e}")))?;
    doc.validate()?;
    Ok(doc)
}

/// `clipmark/v1` JSONL: each document with code-point offsets, one compact line each.
pub(super) fn to_clipmark_jsonl(docs: &[Document]) -> Result<String> {
    Ok(jsonl(&each_doc(docs, |d| d.convert(Unit::Codepoint))?))
}
