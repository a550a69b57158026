//! `clipmark analyze --jsonl`: many pages, one JSON record a line, analysed on all cores in
//! bounded memory, written in input order.
//!
//! Input: one record a line, `{"id": …, "text": "…", …}`; blank lines are skipped. Output: one
//! compact line a record, in input order:
//!
//! * a good record gives `{"id":ID,` followed by the fields of the `clipmark/v1` document that
//!   `clipmark analyze` prints for `text` (the same document as a JSON value, written compact),
//!   then, only when the input record had fields other than `id` and `text`, a last key
//!   `"record"` holding them (so they never clash with the document's keys);
//! * a bad record (a line that is not UTF-8, not a JSON object, with no `text` or a `text` that
//!   is not a string) gives `{"id":ID,"line":N,"error":"…"}`, `ID` being `null` when unknown and
//!   `N` the 1-based line number, and the run goes on.
//!
//! Memory bound: the input is read in chunks of at most [`CHUNK_RECORDS`] records or
//! [`CHUNK_BYTES`] bytes of input (a chunk always holds at least one line, so one huge record is
//! its own chunk). A chunk is analysed in parallel, its output lines are written in order and
//! flushed, and only then is the next chunk read: at most one chunk of input lines and their
//! output lines are in memory at a time, whatever the input size.

use clipmark::{Document, Error, Result, Unit};
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The most records of one chunk read, analysed and written before the next is read.
pub const CHUNK_RECORDS: usize = 256;
/// The most bytes of input lines of one chunk (one record longer than this is a chunk alone).
pub const CHUNK_BYTES: usize = 32 << 20;

/// The options of `clipmark analyze --jsonl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The input file, `-` for standard input.
    pub input: String,
    /// The output file; standard output when `None`.
    pub output: Option<String>,
    /// Worker threads; all cores when `None`.
    pub threads: Option<usize>,
}

/// The counts of a finished run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read (blank lines are not records).
    pub records: usize,
    /// Records that gave an error record.
    pub errors: usize,
}

/// One input line: its 1-based line number and its bytes without the line end.
struct Line {
    number: usize,
    bytes: Vec<u8>,
}

/// Reads the next chunk of non-blank lines (empty at the end of the input).
fn read_chunk(input: &mut dyn BufRead, line_no: &mut usize, name: &str) -> Result<Vec<Line>> {
    let mut chunk = Vec::new();
    let mut bytes_in = 0;
    while chunk.len() < CHUNK_RECORDS && bytes_in < CHUNK_BYTES {
        let mut buf = Vec::new();
        if input.read_until(b'\n', &mut buf).map_err(|e| Error::io(name, &e))? == 0 {
            break;
        }
        *line_no += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        bytes_in += buf.len();
        chunk.push(Line { number: *line_no, bytes: buf });
    }
    Ok(chunk)
}

/// The output line of one input line (with its `\n`), and whether it is an error record.
fn process(line: &Line) -> (String, bool) {
    let mut id = Value::Null;
    match parse(&line.bytes, &mut id) {
        Ok((text, extra)) => {
            let analysis = clipmark::analyze(&text);
            let doc = Document::from_analysis(&text, &analysis, Unit::Codepoint);
            let json = serde_json::to_string(&doc).expect("a document always serialises");
            let mut out = String::with_capacity(json.len() + 64);
            out.push_str("{\"id\":");
            out.push_str(&id.to_string());
            out.push(',');
            out.push_str(&json[1..json.len() - 1]);
            if !extra.is_empty() {
                out.push_str(",\"record\":");
                out.push_str(&Value::Object(extra).to_string());
            }
            out.push_str("}\n");
            (out, false)
        }
        Err(message) => {
            let message = Value::String(message);
            (format!("{{\"id\":{id},\"line\":{},\"error\":{message}}}\n", line.number), true)
        }
    }
}

/// The text and extra fields of a record, setting `id` as soon as it is known.
fn parse(
    bytes: &[u8],
    id: &mut Value,
) -> std::result::Result<(String, Map<String, Value>), String> {
    let s = std::str::from_utf8(bytes)
        .map_err(|e| format!("line is not UTF-8 (byte {})", e.valid_up_to()))?;
    let value: Value = serde_json::from_str(s).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(mut map) = value else {
        return Err("not a JSON object".to_string());
    };
    *id = map.remove("id").unwrap_or(Value::Null);
    match map.remove("text") {
        Some(Value::String(text)) => Ok((text, map)),
        Some(_) => Err("\"text\" is not a string".to_string()),
        None => Err("no \"text\" field".to_string()),
    }
}

/// The file the output is written to before it is renamed to `out`.
fn temporary(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Runs `clipmark analyze --jsonl`, printing the summary (and, on a terminal, the progress) to
/// standard error.
pub fn run(opts: &Options) -> Result<Summary> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.threads {
        builder = builder.num_threads(n);
    }
    let pool = builder.build().map_err(|e| Error::invalid("--threads", e.to_string()))?;

    let name = opts.input.as_str();
    let mut input: Box<dyn BufRead> = if name == "-" {
        Box::new(BufReader::new(std::io::stdin().lock()))
    } else {
        let f = std::fs::File::open(name).map_err(|e| Error::io(name, &e))?;
        Box::new(BufReader::with_capacity(1 << 20, f))
    };
    let (mut output, tmp): (Box<dyn Write>, Option<PathBuf>) = match &opts.output {
        None => (Box::new(std::io::stdout().lock()), None),
        Some(out) => {
            let tmp = temporary(Path::new(out));
            let f = std::fs::File::create(&tmp).map_err(|e| Error::io(out.as_str(), &e))?;
            (Box::new(f), Some(tmp))
        }
    };
    let out_name = opts.output.as_deref().unwrap_or("-");
    let result = (|| -> Result<Summary> {
        let start = Instant::now();
        let progress = std::io::stderr().is_terminal();
        let mut summary = Summary::default();
        let mut line_no = 0;
        loop {
            let chunk = read_chunk(&mut *input, &mut line_no, name)?;
            if chunk.is_empty() {
                break;
            }
            let lines: Vec<(String, bool)> =
                pool.install(|| chunk.par_iter().map(process).collect());
            drop(chunk);
            let mut block = String::with_capacity(lines.iter().map(|(l, _)| l.len()).sum());
            for (line, failed) in &lines {
                block.push_str(line);
                summary.records += 1;
                summary.errors += usize::from(*failed);
            }
            match output.write_all(block.as_bytes()).and_then(|_| output.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && tmp.is_none() => {
                    return Ok(summary)
                }
                Err(e) => return Err(Error::io(out_name, &e)),
                Ok(()) => {}
            }
            if progress {
                eprint!(
                    "\r{} records, {} errors, {:.1} pages/s",
                    summary.records,
                    summary.errors,
                    rate(summary.records - summary.errors, start)
                );
            }
        }
        if progress {
            eprint!("\r\x1b[K");
        }
        eprintln!(
            "clipmark: {} records, {} errors, {:.1} pages/s ({:.2} s)",
            summary.records,
            summary.errors,
            rate(summary.records - summary.errors, start),
            start.elapsed().as_secs_f64()
        );
        Ok(summary)
    })();
    drop(output);
    if let (Some(tmp), Some(out)) = (&tmp, &opts.output) {
        match &result {
            Ok(_) => std::fs::rename(tmp, out).map_err(|e| Error::io(out.as_str(), &e))?,
            Err(_) => {
                let _ = std::fs::remove_file(tmp);
            }
        }
    }
    result
}

/// Pages analysed a second since `start`.
fn rate(pages: usize, start: Instant) -> f64 {
    let s = start.elapsed().as_secs_f64();
    if s > 0.0 {
        pages as f64 / s
    } else {
        0.0
    }
}
