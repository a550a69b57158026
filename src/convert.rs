//! Converters between `clipmark/v1` and the formats of other annotation tools: the end of the
//! pipeline, shared by the command line (`clipmark convert`) and the page (`convertDocument`,
//! `importAs`), so both write byte-for-byte the same files.
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

use crate::blocks::{BlockLabel, Source};
use crate::entities::EntityLabel;
use crate::error::{Error, Result};
use crate::export::{BlockSpan, Document, Engine, EntitySpan, Unit, FORMAT};
use crate::text::{is_invisible, OffsetMap, Span};
use crate::tokens::{sentences, tokenize, Token};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashSet;

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
// Reading clipmark/v1 input

/// Parses `clipmark/v1` input: one document (pretty-printed or not), a JSON array of documents,
/// or JSONL with one document per line. Every document is validated; errors name the line
/// (JSONL) or record (array, counted from 1).
pub fn parse_documents(input: &str) -> Result<Vec<Document>> {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    if looks_like_jsonl(input) {
        return jsonl_values(input)?
            .into_iter()
            .map(|(line, v)| document_from_value(v).map_err(|e| e.within(&format!("line {line}"))))
            .collect();
    }
    match serde_json::from_str::<Value>(input).map_err(|e| Error::json("", e))? {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                document_from_value(v).map_err(|e| e.within(&format!("record {}", i + 1)))
            })
            .collect(),
        v => Ok(vec![document_from_value(v)?]),
    }
}

fn document_from_value(v: Value) -> Result<Document> {
    let doc: Document = serde_json::from_value(v)
        .map_err(|e| Error::invalid("", format!("not a clipmark/v1 document: {e}")))?;
    doc.validate()?;
    Ok(doc)
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

/// The JSON values of the non-blank lines of `input`, with their line numbers (from 1).
fn jsonl_values(input: &str) -> Result<Vec<(usize, Value)>> {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
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
        out.push((i + 1, v));
    }
    if out.is_empty() {
        return Err(Error::invalid("", "no records: the input is empty"));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// A document in bytes: what every exporter works on

struct Bytes<'a> {
    map: OffsetMap<'a>,
    entities: Vec<EntitySpan>,
    blocks: Vec<BlockSpan>,
}

impl<'a> Bytes<'a> {
    /// `doc` (validated, any unit) with byte offsets; `doc` must outlive the result.
    fn new(doc: &'a Document) -> Result<Bytes<'a>> {
        let b = doc.convert(Unit::Byte)?;
        Ok(Bytes { map: OffsetMap::new(&doc.text), entities: b.entities, blocks: b.blocks })
    }

    fn cp(&self, byte: usize) -> usize {
        self.map.to_codepoint(byte)
    }

    fn entity_spans(&self) -> Vec<Span> {
        self.entities.iter().map(|e| e.start..e.end).collect()
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
        Format::ClipmarkJsonl => to_clipmark_jsonl(docs),
        Format::Doccano => to_doccano(docs),
        Format::LabelStudio => to_label_studio(docs),
        Format::Spacy => to_spacy(docs),
        Format::Conll => to_conll(docs),
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

fn each_doc<'a, T>(docs: &'a [Document], f: impl Fn(&'a Document) -> Result<T>) -> Result<Vec<T>> {
    let many = docs.len() > 1;
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            f(d).map_err(|e| if many { e.within(&format!("document {}", i + 1)) } else { e })
        })
        .collect()
}

fn jsonl<T: Serialize>(lines: &[T]) -> String {
    let mut out = String::new();
    for l in lines {
        out.push_str(&serde_json::to_string(l).expect("plain data serialises"));
        out.push('\n');
    }
    out
}

/// `clipmark/v1` JSONL: each document with code-point offsets, one compact line each.
pub fn to_clipmark_jsonl(docs: &[Document]) -> Result<String> {
    Ok(jsonl(&each_doc(docs, |d| d.convert(Unit::Codepoint))?))
}

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
/// (readers of `text` and `label` ignore it; [`from_doccano`] reads it back).
pub fn to_doccano(docs: &[Document]) -> Result<String> {
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
/// [`from_label_studio`] still reads by checking each region's `text`.
pub fn to_label_studio(docs: &[Document]) -> Result<String> {
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

/// A run of the text between two cut points: part of a token (`word`) or of the space between
/// tokens.
#[derive(Debug, Clone)]
struct Piece {
    span: Span,
    word: bool,
}

/// Cuts the whole text into pieces at every token boundary and every entity boundary, so that
/// each entity starts and ends on a piece boundary.
///
/// Tokens are [`tokenize`]'s, except that tokens separated only by zero-width characters are
/// joined (the family emoji 👩‍👩‍👧 is one token, not three with joiners between), and a token
/// with an entity boundary inside it is split there (`東京で` with the entity `東京`).
fn pieces(text: &str, entities: &[Span]) -> Vec<Piece> {
    let mut toks: Vec<Span> = Vec::new();
    for t in tokenize(text, 0..text.len()) {
        if let Some(last) = toks.last_mut() {
            let gap = &text[last.end..t.span.start];
            if !gap.is_empty() && gap.chars().all(|c| is_invisible(c) && !c.is_whitespace()) {
                last.end = t.span.end;
                continue;
            }
        }
        toks.push(t.span);
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(toks.iter().flat_map(|t| [t.start, t.end]));
    cuts.extend(entities.iter().flat_map(|e| [e.start, e.end]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut ti = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while ti < toks.len() && toks[ti].end <= a {
            ti += 1;
        }
        let word = ti < toks.len() && toks[ti].start <= a && b <= toks[ti].end;
        out.push(Piece { span: a..b, word });
    }
    out
}

#[derive(Serialize)]
struct SpacyLine<'a> {
    text: &'a str,
    tokens: Vec<SpacyToken<'a>>,
    spans: Vec<SpacySpan>,
    blocks: Vec<SpacyBlock>,
}

#[derive(Serialize)]
struct SpacyToken<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

#[derive(Serialize)]
struct SpacySpan {
    start: usize,
    end: usize,
    label: &'static str,
    token_start: usize,
    token_end: usize,
}

#[derive(Serialize)]
struct SpacyBlock {
    start: usize,
    end: usize,
    label: &'static str,
}

/// spaCy's tokens of a text in bytes: `(span, ws)` where `ws` means "followed by one space".
///
/// A single space after a word becomes that word's `ws`; any other white space (line breaks,
/// NBSP, runs of spaces) becomes a token of its own, as spaCy's tokenizer does, so that
/// `Doc(vocab, words, spaces)` gives back the exact text. A space is not folded into `ws` when
/// an entity starts on it or ends just after it, so every entity boundary stays a token
/// boundary.
fn spacy_tokens(text: &str, entities: &[Span]) -> Vec<(Span, bool)> {
    let starts: HashSet<usize> = entities.iter().map(|e| e.start).collect();
    let ends: HashSet<usize> = entities.iter().map(|e| e.end).collect();
    let mut out: Vec<(Span, bool)> = Vec::new();
    let mut after_word = false;
    for p in pieces(text, entities) {
        let a = p.span.start;
        if p.word {
            out.push((p.span, false));
            after_word = true;
            continue;
        }
        if after_word
            && text[a..].starts_with(' ')
            && !starts.contains(&a)
            && !ends.contains(&(a + 1))
        {
            out.last_mut().expect("after a word").1 = true;
            if p.span.end > a + 1 {
                out.push((a + 1..p.span.end, false));
            }
        } else {
            out.push((p.span, false));
        }
        after_word = false;
    }
    out
}

/// spaCy / Prodigy JSONL, one line per document: `{"text", "tokens": [{"text", "start", "end",
/// "id", "ws"}], "spans": [{"start", "end", "label", "token_start", "token_end"}], "blocks":
/// [{"start", "end", "label"}]}`.
///
/// Offsets are code points (Python string indices, what `Doc.char_span` takes); `token_end` is
/// inclusive, as in Prodigy. Tokens are clipmark's, cut where an entity boundary falls inside
/// one, with white space other than a single trailing space as tokens of their own (see
/// `spacy_tokens` in the source): `Doc(nlp.vocab, words, spaces)` rebuilds the exact text and
/// `doc.char_span(start, end)` finds every span. `spans` holds entities only; block labels go to
/// the extra `blocks` key.
pub fn to_spacy(docs: &[Document]) -> Result<String> {
    let lines = each_doc(docs, |d| {
        let b = Bytes::new(d)?;
        let ents = b.entity_spans();
        let toks = spacy_tokens(&d.text, &ents);
        let tokens: Vec<SpacyToken> = toks
            .iter()
            .enumerate()
            .map(|(id, (s, ws))| SpacyToken {
                text: &d.text[s.clone()],
                start: b.cp(s.start),
                end: b.cp(s.end),
                id,
                ws: *ws,
            })
            .collect();
        let mut spans = Vec::new();
        for (i, e) in b.entities.iter().enumerate() {
            let first = toks.iter().position(|(s, _)| s.start == e.start);
            let last = toks.iter().position(|(s, _)| s.end == e.end);
            let (Some(token_start), Some(token_end)) = (first, last) else {
                // Unreachable by construction (entity boundaries are token boundaries); kept as
                // an error rather than a panic.
                return Err(Error::invalid(
                    format!("entity {i}"),
                    "its boundaries do not fall on token boundaries",
                ));
            };
            spans.push(SpacySpan {
                start: b.cp(e.start),
                end: b.cp(e.end),
                label: e.label.as_str(),
                token_start,
                token_end,
            });
        }
        let blocks = b
            .blocks
            .iter()
            .map(|k| SpacyBlock { start: b.cp(k.start), end: b.cp(k.end), label: k.label.as_str() })
            .collect();
        Ok(SpacyLine { text: &d.text, tokens, spans, blocks })
    })?;
    Ok(jsonl(&lines))
}

/// CoNLL IOB2: for each document a `-DOCSTART- O` line and a blank line, then one `token TAG`
/// line per token (`B-PER`, `I-PER`, `O`) and a blank line after each sentence.
///
/// Tokens are those of the spaCy export without white space; sentences are split at line
/// breaks and by [`sentences`] within a line, but never inside an entity. CoNLL has no offsets
/// and no place for block labels, which are left out.
pub fn to_conll(docs: &[Document]) -> Result<String> {
    let parts = each_doc(docs, |d| {
        let b = Bytes::new(d)?;
        let text = d.text.as_str();
        let ents = b.entity_spans();
        let words: Vec<Span> =
            pieces(text, &ents).into_iter().filter(|p| p.word).map(|p| p.span).collect();
        // The entity (index) of each word, if any.
        let mut ent_of = Vec::with_capacity(words.len());
        let mut ei = 0;
        for w in &words {
            while ei < ents.len() && ents[ei].end <= w.start {
                ei += 1;
            }
            ent_of.push(
                (ei < ents.len() && ents[ei].start <= w.start && w.end <= ents[ei].end)
                    .then_some(ei),
            );
        }
        // Groups of words on one line (a line break between two words of one entity does not
        // split them).
        let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = 0;
        for i in 1..words.len() {
            let gap = &text[words[i - 1].end..words[i].start];
            if gap.contains(['\n', '\r']) && (ent_of[i].is_none() || ent_of[i] != ent_of[i - 1]) {
                groups.push(start..i);
                start = i;
            }
        }
        if !words.is_empty() {
            groups.push(start..words.len());
        }
        let mut out = String::from("-DOCSTART- O\n\n");
        for g in groups {
            let toks: Vec<Token> =
                words[g.clone()].iter().map(|s| Token { span: s.clone() }).collect();
            let mut breaks: Vec<usize> = sentences(text, &toks)
                .into_iter()
                .map(|r| g.start + r.end)
                .filter(|&k| k < g.end)
                .collect();
            breaks.retain(|&k| ent_of[k].is_none() || ent_of[k] != ent_of[k - 1]);
            for i in g.clone() {
                let tag = match ent_of[i] {
                    None => "O".to_string(),
                    Some(e) if i == g.start || ent_of[i - 1] != Some(e) => {
                        format!("B-{}", b.entities[e].label.as_str())
                    }
                    Some(e) => format!("I-{}", b.entities[e].label.as_str()),
                };
                if breaks.contains(&i) {
                    out.push('\n');
                }
                out.push_str(&text[words[i].clone()]);
                out.push(' ');
                out.push_str(&tag);
                out.push('\n');
            }
            out.push('\n');
        }
        Ok(out)
    })?;
    Ok(parts.concat())
}

/// A brat standoff document: the two files of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brat {
    /// The `.txt` file: exactly the document's text.
    pub txt: String,
    /// The `.ann` file: one `T` line per entity, then one per block.
    pub ann: String,
}

/// brat standoff: `T1\tPER 9 23\tAntony Blinken` lines, offsets in code points of the `.txt`
/// (brat's unit), entities first (types `PER`, `ORG`, ...), then blocks (types `title`, `meta`,
/// `body`, `boilerplate`).
///
/// brat cannot show a line break inside an annotation's text, so a span that crosses one is
/// written as discontinuous fragments around the line breaks (`T2\tbody 0 5;7 12\tfirst
/// second`), the fragments' texts joined by a space.
pub fn to_brat(doc: &Document) -> Result<Brat> {
    let b = Bytes::new(doc)?;
    let text = doc.text.as_str();
    let mut ann = String::new();
    let mut n = 0;
    let spans = b
        .entities
        .iter()
        .map(|e| (e.start..e.end, e.label.as_str()))
        .chain(b.blocks.iter().map(|k| (k.start..k.end, k.label.as_str())));
    for (span, label) in spans {
        let mut frags: Vec<Span> = Vec::new();
        let mut s = span.start;
        for (i, c) in text[span.clone()].char_indices() {
            let at = span.start + i;
            if c == '\n' || c == '\r' {
                if at > s {
                    frags.push(s..at);
                }
                s = at + 1;
            }
        }
        if span.end > s {
            frags.push(s..span.end);
        }
        if frags.is_empty() {
            continue; // a span of line breaks only has nothing brat can show
        }
        n += 1;
        let offsets: Vec<String> =
            frags.iter().map(|f| format!("{} {}", b.cp(f.start), b.cp(f.end))).collect();
        let texts: Vec<&str> = frags.iter().map(|f| &text[f.clone()]).collect();
        ann.push_str(&format!("T{n}\t{label} {}\t{}\n", offsets.join(";"), texts.join(" ")));
    }
    Ok(Brat { txt: doc.text.clone(), ann })
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
    match from {
        Format::ClipmarkJsonl => {
            parse_documents(input)?.iter().map(|d| d.convert(Unit::Codepoint)).collect()
        }
        Format::Doccano => from_doccano(input, unit),
        Format::LabelStudio => from_label_studio(input, unit),
        other => Err(Error::invalid("", format!("clipmark cannot import {}", other.as_str()))),
    }
}

/// Imports `input` in the format named `from`: what `clipmark convert --from` and the page's
/// `importAs` do. `unit` is the offsets' unit, code points when `None`.
pub fn import_str(input: &str, from: &str, unit: Option<Unit>) -> Result<Vec<Document>> {
    let from = Format::parse_or_err(from, true)?;
    import_with(input, from, unit.unwrap_or(Unit::Codepoint))
}

/// A span read from a file, before it is checked against the text.
struct RawSpan {
    start: u64,
    end: u64,
    label: String,
    text: Option<String>,
    source: Source,
    what: String,
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
fn to_bytes(map: &OffsetMap, text: &str, start: u64, end: u64, unit: Unit) -> Option<Span> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    let conv = |o: usize| match unit {
        Unit::Codepoint => map.from_codepoint(o),
        Unit::Utf16 => map.from_utf16(o),
        Unit::Byte => (o <= text.len() && text.is_char_boundary(o)).then_some(o),
    };
    Some(conv(start)?..conv(end)?)
}

/// Builds and validates a document from `text` and the spans read from a file. When a span
/// carries its `text` and it does not match in `unit`, the other of code points and UTF-16 is
/// tried (files from tools that counted in the other unit); the error names the span when
/// neither matches.
fn build_document(text: &str, raw: Vec<RawSpan>, unit: Unit) -> Result<Document> {
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
        let span = match to_bytes(&map, text, r.start, r.end, unit) {
            Some(s) if r.text.as_deref().is_none_or(|t| t == &text[s.clone()]) => s,
            found => {
                let alt = r.text.as_ref().and_then(|t| {
                    to_bytes(&map, text, r.start, r.end, other).filter(|s| &text[s.clone()] == t)
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

fn get_u64(v: &Value, what: &str, field: &str) -> Result<u64> {
    v.as_u64().ok_or_else(|| {
        Error::invalid(what, format!("{field} must be a non-negative integer, found {v}"))
    })
}

fn get_text<'a>(obj: &'a Value, field: &str, hint: &str) -> Result<&'a str> {
    match obj.get(field) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => {
            Err(Error::invalid("", format!("{field} must be a string, found {}", type_name(other))))
        }
        None => Err(Error::invalid("", format!("no {field} field{hint}"))),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads `[start, end, "LABEL"]` triples from `field` of a doccano record.
fn doccano_triples(rec: &Value, field: &str, out: &mut Vec<RawSpan>) -> Result<()> {
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

/// doccano JSONL (sequence labelling), one record per line. Reads the text from `text` (or
/// `data`), spans from `label` or `labels` (`[[start, end, "LABEL"], ...]`) or `entities`
/// (`[{"start_offset", "end_offset", "label"}]`, doccano's export with relations), and blocks
/// from `blocks` (clipmark's extra key). Every span is a person's label (`source: "human"`).
/// Offsets are in `unit`; errors name the line.
pub fn from_doccano(input: &str, unit: Unit) -> Result<Vec<Document>> {
    jsonl_values(input)?
        .into_iter()
        .map(|(line, rec)| {
            doccano_record(&rec, unit).map_err(|e| e.within(&format!("line {line}")))
        })
        .collect()
}

fn doccano_record(rec: &Value, unit: Unit) -> Result<Document> {
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
    doccano_triples(rec, "label", &mut raw)?;
    doccano_triples(rec, "labels", &mut raw)?;
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
    doccano_triples(rec, "blocks", &mut raw)?;
    build_document(text, raw, unit)
}

/// Label Studio JSON: a list of tasks (or one task). The text is `data.text`; regions come from
/// the first annotation that was not cancelled, or from the first prediction when a task has no
/// annotation. Each `labels` region must carry one label, an entity label (`PER`, ...) or a
/// block label (`title`, ...); regions of other types (relations, choices, text areas) are
/// skipped. `origin: "prediction"` (and every region of a prediction) reads as
/// `source: "model"`, anything else as `"human"`. Offsets are in `unit`; a region whose `text`
/// does not match is read in the other unit of code points and UTF-16 (older Label Studio
/// counted UTF-16 units) before it is an error. Errors name the record (task) and result,
/// both counted from 1.
pub fn from_label_studio(input: &str, unit: Unit) -> Result<Vec<Document>> {
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
    tasks
        .iter()
        .enumerate()
        .map(|(i, t)| ls_task(t, unit).map_err(|e| e.within(&format!("record {}", i + 1))))
        .collect()
}

fn ls_task(task: &Value, unit: Unit) -> Result<Document> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, ents: &[(&str, EntityLabel)]) -> Document {
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
    fn spacy_tokens_rebuild_the_text_and_align_entities() {
        let t = "👩\u{200D}👩\u{200D}👧 met  Сергей\u{00A0}Лавров in 東京で.\r\nOK";
        let d = doc(t, &[("Сергей\u{00A0}Лавров", EntityLabel::Per), ("東京", EntityLabel::Loc)]);
        let b = Bytes::new(&d).unwrap();
        let toks = spacy_tokens(t, &b.entity_spans());
        let rebuilt: String = toks
            .iter()
            .map(|(s, ws)| format!("{}{}", &t[s.clone()], if *ws { " " } else { "" }))
            .collect();
        assert_eq!(rebuilt, t);
        let words: Vec<&str> = toks.iter().map(|(s, _)| &t[s.clone()]).collect();
        assert_eq!(
            words,
            [
                "👩\u{200D}👩\u{200D}👧",
                "met",
                " ",
                "Сергей",
                "\u{00A0}",
                "Лавров",
                "in",
                "東京",
                "で",
                ".",
                "\r\n",
                "OK"
            ]
        );
    }

    #[test]
    fn an_entity_starting_on_a_space_keeps_the_space_a_token() {
        let t = "met  Lavrov";
        let d = doc(t, &[(" Lavrov", EntityLabel::Per)]);
        let b = Bytes::new(&d).unwrap();
        let toks = spacy_tokens(t, &b.entity_spans());
        let words: Vec<(&str, bool)> = toks.iter().map(|(s, ws)| (&t[s.clone()], *ws)).collect();
        assert_eq!(words, [("met", true), (" ", false), ("Lavrov", false)]);
    }

    #[test]
    fn conll_does_not_split_an_entity_across_sentences() {
        let t = "He met Mr. Lavrov.\nThen he left.";
        let d = doc(t, &[("Mr. Lavrov", EntityLabel::Per)]);
        let out = to_conll(&[d]).unwrap();
        assert_eq!(out, "-DOCSTART- O\n\nHe O\nmet O\nMr. B-PER\nLavrov I-PER\n. O\n\nThen O\nhe O\nleft O\n. O\n\n");
    }

    #[test]
    fn brat_splits_spans_at_line_breaks() {
        let t = "Foo\r\nBar baz";
        let d = doc(t, &[("Foo\r\nBar", EntityLabel::Org)]);
        let ann = to_brat(&d).unwrap().ann;
        assert!(ann.starts_with("T1\tORG 0 3;5 8\tFoo Bar\n"), "{ann}");
    }

    #[test]
    fn formats_parse_and_refuse_unknown_names() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        let e = Format::parse_or_err("spacy", true).unwrap_err().to_string();
        assert!(e.contains("cannot import spacy"), "{e}");
    }
}
