//! The WebAssembly boundary: every `#[wasm_bindgen]` item of the crate. Plain data crosses it
//! (JSON-compatible objects with UTF-16 offsets for the page, JSON strings for files), and
//! every error becomes a JavaScript `Error` with the core's one-line message, here and only
//! here.

use crate::{Document, Error, Unit};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn js_error(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Analyses `text` and returns a `clipmark/v1` document object whose offsets are UTF-16 code
/// units (`offsets: "utf16"`), ready for the page to index its strings with.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsError> {
    let analysis = crate::analyze(text);
    to_js(&Document::from_analysis(text, &analysis, Unit::Utf16))
}

/// Validates a document object (offsets `utf16` or `codepoint`) and returns it as the
/// `clipmark/v1` JSON file text, with code-point offsets. Throws with a one-line message
/// naming the problem when the document is invalid.
#[wasm_bindgen(js_name = exportDocument)]
pub fn export_document(doc: JsValue) -> Result<String, JsError> {
    let doc: Document = serde_wasm_bindgen::from_value(doc)
        .map_err(|e| JsError::new(&format!("not a clipmark/v1 document: {e}")))?;
    let doc = doc.convert(Unit::Codepoint).map_err(js_error)?;
    Ok(doc.to_json())
}

/// Analyses `text` and returns the `clipmark/v1` JSON exactly as `clipmark analyze` prints it.
#[wasm_bindgen(js_name = analyzeToJson)]
pub fn analyze_to_json(text: &str) -> String {
    let analysis = crate::analyze(text);
    Document::from_analysis(text, &analysis, Unit::Codepoint).to_json()
}

/// Parses and validates `clipmark/v1` JSON text and returns the document object with UTF-16
/// offsets, for the page to open. Throws with a one-line message naming the problem.
#[wasm_bindgen(js_name = importDocument)]
pub fn import_document(json: &str) -> Result<JsValue, JsError> {
    let doc = Document::from_json(json).map_err(js_error)?;
    to_js(&doc.convert(Unit::Utf16).map_err(js_error)?)
}

/// Converts `clipmark/v1` input (one document, a JSON array of documents, or JSONL; offsets
/// `codepoint` or `utf16`) to the format named `to`: `doccano`, `labelstudio`, `spacy`,
/// `conll`, `brat` (the `.ann` file; the `.txt` is the document's `text`) or
/// `clipmark-jsonl`. Returns exactly what `clipmark convert --to` prints; throws with a
/// one-line message naming the problem.
#[wasm_bindgen(js_name = convertDocument)]
pub fn convert_document(json: &str, to: &str) -> Result<String, JsError> {
    crate::convert::convert_str(json, to).map_err(js_error)
}

/// Reads a file's text in the format named `from` (`doccano`, `labelstudio` or
/// `clipmark-jsonl`) and returns an array of `clipmark/v1` document objects with UTF-16
/// offsets, ready to open. `offsets` is the file's unit, `"codepoint"` (the default) or
/// `"utf16"`. Throws with a one-line message naming the line or record of the first problem;
/// nothing is returned then, so the caller's workspace is unchanged.
#[wasm_bindgen(js_name = importAs)]
pub fn import_as(text: &str, from: &str, offsets: Option<String>) -> Result<JsValue, JsError> {
    let unit = offsets_unit(offsets)?;
    utf16_documents(crate::convert::import_str(text, from, unit))
}

/// Reads a `.json`, `.jsonl` or `.ndjson` file's text in whichever format it is in, told from
/// its content: a `clipmark/v1` document, a JSON array of them or clipmark JSONL; doccano
/// JSONL; a Label Studio export. Returns an array of `clipmark/v1` document objects with UTF-16
/// offsets, ready to open. `offsets` is the unit of a doccano or Label Studio file,
/// `"codepoint"` (the default) or `"utf16"`. Throws with a one-line message naming the line or
/// record of the first problem; nothing is returned then.
#[wasm_bindgen(js_name = importFile)]
pub fn import_file(text: &str, offsets: Option<String>) -> Result<JsValue, JsError> {
    let unit = offsets_unit(offsets)?;
    utf16_documents(crate::convert::import_file(text, unit))
}

/// The offsets unit named by `importAs`'s and `importFile`'s optional argument.
fn offsets_unit(offsets: Option<String>) -> Result<Option<Unit>, JsError> {
    match offsets.as_deref() {
        None | Some("codepoint") => Ok(None),
        Some("utf16") => Ok(Some(Unit::Utf16)),
        Some(o) => Err(JsError::new(&format!("offsets is \"codepoint\" or \"utf16\", not {o:?}"))),
    }
}

/// Imported documents as an array of objects with UTF-16 offsets.
fn utf16_documents(docs: crate::Result<Vec<Document>>) -> Result<JsValue, JsError> {
    let docs = docs
        .and_then(|docs| {
            docs.iter().map(|d| d.convert(Unit::Utf16)).collect::<crate::Result<Vec<_>>>()
        })
        .map_err(js_error)?;
    to_js(&docs)
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Initialises the models and compiled patterns now instead of during the first analysis.
/// The page's worker calls it as soon as the module is loaded, while the analyst is still
/// pasting, so the first `analyze` is as fast as the later ones.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() {
    const SAMPLE: &str = "Blinken, Lavrov Meet Amid Ukraine Tensions\n\nFriday, 05 February 2021 14:44\n\n\
        U.S. Secretary of State Antony Blinken met Russian Foreign Minister Sergey Lavrov in Stockholm on Dec. 1, 2021, \
        the State Department said; costs rose 20% to $3 billion (see https://www.state.gov/ or write to press@state.gov).\n\n\
        Related items\n\nRead 301 times\n";
    let analysis = crate::analyze(SAMPLE);
    let _ = Document::from_analysis(SAMPLE, &analysis, Unit::Utf16);
}

/// Tags the tokens of a CoNLL column file (`-DOCSTART-` lines separate documents, blank lines
/// sentences, the first column is the token) `rounds` times with the built-in tagger and
/// returns the number of tokens tagged: the wasm tagging benchmark of `scripts/bench/`. Only in
/// builds with the `bench` feature, never in the page's.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchTagConll)]
pub fn bench_tag_conll(conll: &str, rounds: u32) -> f64 {
    let mut docs: Vec<(Vec<&str>, Vec<std::ops::Range<usize>>)> = vec![(Vec::new(), Vec::new())];
    let mut start = 0;
    for line in conll.lines().map(str::trim_end) {
        let (toks, sents) = docs.last_mut().expect("one document");
        let token = line.split([' ', '\t']).next().unwrap_or("");
        if token == "-DOCSTART-" || line.is_empty() {
            if toks.len() > start {
                sents.push(start..toks.len());
            }
            if token == "-DOCSTART-" && !toks.is_empty() {
                docs.push((Vec::new(), Vec::new()));
            }
            start = docs.last().expect("one document").0.len();
        } else {
            toks.push(token);
        }
    }
    if let Some((toks, sents)) = docs.last_mut() {
        if toks.len() > start {
            sents.push(start..toks.len());
        }
    }
    let mut tagger = crate::ner::Tagger::new(crate::ner::embedded());
    let mut out = Vec::new();
    let mut n = 0usize;
    for _ in 0..rounds {
        for (toks, sents) in &docs {
            tagger.tag(toks, sents, &mut out);
            n += out.len();
        }
    }
    n as f64
}
