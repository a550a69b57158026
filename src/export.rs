//! The `clipmark/v1` document: what the page exports and imports and what the command line
//! prints. Offsets are Unicode code points into `text`, end exclusive. The page works on the
//! same shape with `"offsets": "utf16"` (JavaScript string indices); [`Document::convert`]
//! turns one into the other, and [`Document::validate`] checks every rule of the format.

use crate::blocks::{BlockLabel, Source};
use crate::entities::EntityLabel;
use crate::error::{Error, Result};
use crate::segment::Metadata;
use crate::text::{OffsetMap, Span};
use crate::Analysis;
use serde::{Deserialize, Serialize};

/// The value of the `format` field.
pub const FORMAT: &str = "clipmark/v1";

/// The unit of a document's offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Unicode code points (Python `str` indices): the unit of exported files.
    Codepoint,
    /// UTF-16 code units (JavaScript string indices): the unit the page works in.
    Utf16,
    /// UTF-8 bytes: the unit inside the crate.
    Byte,
}

impl Unit {
    /// The unit's name in the `offsets` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Codepoint => "codepoint",
            Unit::Utf16 => "utf16",
            Unit::Byte => "byte",
        }
    }

    fn parse(s: &str) -> Option<Unit> {
        [Unit::Codepoint, Unit::Utf16, Unit::Byte].into_iter().find(|u| u.as_str() == s)
    }
}

/// A labelled block in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockSpan {
    /// Start offset (inclusive).
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `title`, `meta`, `body` or `boilerplate`.
    pub label: BlockLabel,
    /// `model` or `human`.
    #[serde(default)]
    pub source: Source,
    /// For boilerplate: navigation, related, caption, comments, calendar, contact, tags,
    /// share or footer, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::roles::Role>,
}

/// A labelled entity in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySpan {
    /// Start offset (inclusive).
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `PER`, `ORG`, `LOC`, `MISC`, `DATE`, `MONEY`, `PERCENT`, `URL` or `EMAIL`.
    pub label: EntityLabel,
    /// Exactly the text between `start` and `end`.
    pub text: String,
    /// `model` or `human`.
    #[serde(default)]
    pub source: Source,
    /// Index of its mention cluster in `clusters`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<usize>,
}

/// A mention cluster in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterInfo {
    /// Its index in `clusters`, the value of `cluster` in its entities.
    pub id: usize,
    /// The label its mentions share.
    pub label: EntityLabel,
    /// The fullest name among its mentions.
    pub canonical: String,
    /// Number of mentions.
    pub mentions: usize,
}

/// The program that made the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engine {
    /// Always `clipmark` for our own output.
    pub name: String,
    /// The crate version.
    pub version: String,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine { name: "clipmark".into(), version: env!("CARGO_PKG_VERSION").into() }
    }
}

/// A `clipmark/v1` document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Always `clipmark/v1`.
    pub format: String,
    /// The exact text that was analysed.
    pub text: String,
    /// The unit of every offset: `codepoint` in files, `utf16` inside the page.
    pub offsets: String,
    /// Labelled blocks, sorted, non-overlapping.
    pub blocks: Vec<BlockSpan>,
    /// Entities, sorted, non-overlapping, each with its text.
    pub entities: Vec<EntitySpan>,
    /// Mention clusters.
    #[serde(default)]
    pub clusters: Vec<ClusterInfo>,
    /// Title, publication date, authors, source URL.
    #[serde(default)]
    pub metadata: Metadata,
    /// The program that made it.
    #[serde(default)]
    pub engine: Engine,
}

impl Document {
    /// Builds the document of an analysis of `text`, with offsets in `unit`.
    pub fn from_analysis(text: &str, analysis: &Analysis, unit: Unit) -> Document {
        let map = OffsetMap::new(text);
        let conv = |b: usize| match unit {
            Unit::Codepoint => map.to_codepoint(b),
            Unit::Utf16 => map.to_utf16(b),
            Unit::Byte => b,
        };
        Document {
            format: FORMAT.into(),
            text: text.into(),
            offsets: unit.as_str().into(),
            blocks: analysis
                .blocks
                .iter()
                .map(|b| BlockSpan {
                    start: conv(b.span.start),
                    end: conv(b.span.end),
                    label: b.label,
                    source: b.source,
                    role: b.role,
                })
                .collect(),
            entities: analysis
                .entities
                .iter()
                .map(|e| EntitySpan {
                    start: conv(e.span.start),
                    end: conv(e.span.end),
                    label: e.label,
                    text: text[e.span.clone()].into(),
                    source: e.source,
                    cluster: e.cluster,
                })
                .collect(),
            clusters: analysis
                .clusters
                .iter()
                .enumerate()
                .map(|(id, c)| ClusterInfo {
                    id,
                    label: c.label,
                    canonical: c.canonical.clone(),
                    mentions: c.mentions,
                })
                .collect(),
            metadata: analysis.metadata.clone(),
            engine: Engine::default(),
        }
    }

    /// Parses and validates a document from JSON.
    pub fn from_json(json: &str) -> Result<Document> {
        let doc: Document = serde_json::from_str(json).map_err(|e| {
            if e.is_data() {
                Error::invalid("", format!("not a clipmark/v1 document: {e}"))
            } else {
                Error::json("", e)
            }
        })?;
        doc.validate()?;
        Ok(doc)
    }

    /// The document as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a document always serialises")
    }

    /// The unit of the document's offsets.
    pub fn unit(&self) -> Result<Unit> {
        Unit::parse(&self.offsets).ok_or_else(|| {
            Error::invalid(
                "offsets",
                format!("unknown offset unit {:?} (expected \"codepoint\")", self.offsets),
            )
        })
    }

    /// Checks the format's rules: the format name, offsets inside the text and on character
    /// boundaries, blocks and entities sorted and non-overlapping, each entity's `text` equal
    /// to the slice it names, cluster ids that exist. The message names the first failing
    /// span by its index.
    pub fn validate(&self) -> Result<()> {
        self.validate_with(&OffsetMap::new(&self.text))
    }

    /// [`Document::validate`] with the text's offset map already built.
    fn validate_with(&self, map: &OffsetMap) -> Result<()> {
        if self.format != FORMAT {
            return Err(Error::invalid(
                "format",
                format!("expected \"{FORMAT}\", found {:?}", self.format),
            ));
        }
        let unit = self.unit()?;
        let to_bytes = |start: usize, end: usize, what: &str| -> Result<Span> {
            if start > end {
                return Err(Error::invalid(what, format!("start {start} is after end {end}")));
            }
            match (to_byte(map, unit, start), to_byte(map, unit, end)) {
                (Some(s), Some(e)) => Ok(s..e),
                _ => Err(Error::invalid(
                    what,
                    format!("offsets {start}..{end} are outside the text or split a character ({} {} long)", self.text_len(unit), unit.as_str()),
                )),
            }
        };
        let mut prev_end = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            let what = format!("block {i}");
            to_bytes(b.start, b.end, &what)?;
            if b.start < prev_end {
                return Err(Error::invalid(what, "blocks must be sorted and must not overlap"));
            }
            prev_end = b.end;
        }
        let mut prev_end = 0;
        for (i, e) in self.entities.iter().enumerate() {
            let what = format!("entity {i}");
            let span = to_bytes(e.start, e.end, &what)?;
            if e.start == e.end {
                return Err(Error::invalid(what, "an entity cannot be empty"));
            }
            if e.start < prev_end {
                return Err(Error::invalid(what, "entities must be sorted and must not overlap"));
            }
            prev_end = e.end;
            let slice = &self.text[span];
            if slice != e.text {
                return Err(Error::invalid(
                    what,
                    format!(
                        "text {:?} does not match the text at {}..{}: {:?}",
                        e.text, e.start, e.end, slice
                    ),
                ));
            }
            if let Some(c) = e.cluster {
                if c >= self.clusters.len() {
                    return Err(Error::invalid(what, format!("cluster {c} does not exist")));
                }
            }
        }
        Ok(())
    }

    fn text_len(&self, unit: Unit) -> usize {
        match unit {
            Unit::Codepoint => self.text.chars().count(),
            Unit::Utf16 => self.text.encode_utf16().count(),
            Unit::Byte => self.text.len(),
        }
    }

    /// The same document with offsets in `unit`. Validates first.
    pub fn convert(&self, unit: Unit) -> Result<Document> {
        let map = OffsetMap::new(&self.text);
        self.validate_with(&map)?;
        let from = self.unit()?;
        if from == unit {
            return Ok(self.clone());
        }
        let conv = |o: usize| -> usize {
            let b = to_byte(&map, from, o).expect("validated");
            match unit {
                Unit::Codepoint => map.to_codepoint(b),
                Unit::Utf16 => map.to_utf16(b),
                Unit::Byte => b,
            }
        };
        let mut doc = self.clone();
        doc.offsets = unit.as_str().into();
        for b in &mut doc.blocks {
            (b.start, b.end) = (conv(b.start), conv(b.end));
        }
        for e in &mut doc.entities {
            (e.start, e.end) = (conv(e.start), conv(e.end));
        }
        Ok(doc)
    }
}

/// The byte offset of offset `o` in `unit`, or `None` when it lies outside the text or inside
/// a character (or a surrogate pair).
pub fn to_byte(map: &OffsetMap, unit: Unit, o: usize) -> Option<usize> {
    match unit {
        Unit::Codepoint => map.byte_of_codepoint(o),
        Unit::Utf16 => map.byte_of_utf16(o),
        Unit::Byte => (o <= map.text().len() && map.text().is_char_boundary(o)).then_some(o),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Zoë 👩‍👩‍👧 met Сергей Лавров\r\nin 東京 on\u{00A0}Dec. 1, 2021 — e\u{0301}.\r\n";

    #[test]
    fn codepoint_export_slices_like_python() {
        let a = crate::analyze(TEXT);
        let doc = Document::from_analysis(TEXT, &a, Unit::Codepoint);
        doc.validate().unwrap();
        let chars: Vec<char> = TEXT.chars().collect();
        assert!(!doc.entities.is_empty());
        for e in &doc.entities {
            let s: String = chars[e.start..e.end].iter().collect();
            assert_eq!(s, e.text);
        }
        let back = Document::from_json(&doc.to_json()).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn utf16_and_codepoint_round_trip() {
        let a = crate::analyze(TEXT);
        let cp = Document::from_analysis(TEXT, &a, Unit::Codepoint);
        let u16 = Document::from_analysis(TEXT, &a, Unit::Utf16);
        assert_ne!(cp.entities, u16.entities, "the emoji shifts UTF-16 offsets");
        assert_eq!(u16.convert(Unit::Codepoint).unwrap(), cp);
        assert_eq!(cp.convert(Unit::Utf16).unwrap(), u16);
    }

    #[test]
    fn validation_names_the_problem() {
        let a = crate::analyze(TEXT);
        let mut doc = Document::from_analysis(TEXT, &a, Unit::Codepoint);
        doc.entities[0].text.push('x');
        let e = doc.validate().unwrap_err().to_string();
        assert!(e.starts_with("entity 0: text"), "{e}");
        let mut doc = Document::from_analysis(TEXT, &a, Unit::Codepoint);
        doc.blocks[0].end = 10_000;
        assert!(doc.validate().unwrap_err().to_string().contains("outside the text"));
        assert!(Document::from_json("{").unwrap_err().to_string().contains("invalid JSON"));
        assert!(Document::from_json("{\"format\": 3}")
            .unwrap_err()
            .to_string()
            .contains("not a clipmark/v1 document"));
    }
}
