//! `clipmark convert`: between `clipmark/v1` and other annotation tools' formats, with the
//! core's converters (the page's exports are the same bytes).

use crate::{print, read_text};
use clipmark::convert::{convert_str, import_str, Format};
use clipmark::{Error, Result, Unit};

const USAGE: &str = "usage: clipmark convert --to FORMAT FILE.clipmark.json
       clipmark convert --from FORMAT [--offsets codepoint|utf16] FILE
  --to: doccano, labelstudio, spacy, conll, brat (the .ann), clipmark-jsonl
  --from: doccano, labelstudio, clipmark-jsonl; --offsets: the file's offset unit
  (default codepoint; utf16 for files counted in JavaScript string indices)
  FILE may be - for standard input";

/// Runs `clipmark convert` with the arguments after `convert`.
pub fn run(args: &[String]) -> Result<()> {
    let mut to = None;
    let mut from = None;
    let mut offsets = None;
    let mut path = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next().cloned().ok_or_else(|| Error::usage(format!("{name} needs a value\n{USAGE}")))
        };
        match a.as_str() {
            "--to" => to = Some(value("--to")?),
            "--from" => from = Some(value("--from")?),
            "--offsets" => offsets = Some(value("--offsets")?),
            "-h" | "--help" => return print(&format!("{USAGE}\n")),
            p if path.is_none() && (p == "-" || !p.starts_with('-')) => path = Some(p.to_string()),
            other => return Err(Error::usage(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    let Some(path) = path else { return Err(Error::usage(USAGE)) };
    let unit = match offsets.as_deref() {
        None | Some("codepoint") => None,
        Some("utf16") => Some(Unit::Utf16),
        Some(o) => return Err(Error::usage(format!("--offsets is codepoint or utf16, not {o:?}"))),
    };
    let check = |name: &str, import: bool| match Format::parse(name) {
        Some(f) if !import || f.can_import() => Ok(()),
        _ => Err(Error::usage(format!(
            "unknown {} format {name:?}\n{USAGE}",
            if import { "--from" } else { "--to" }
        ))),
    };
    match (to, from) {
        (Some(to), None) if unit.is_none() => {
            check(&to, false)?;
            let input = read_text(&path)?;
            print(&convert_str(&input, &to).map_err(|e| e.within(&path))?)
        }
        (None, Some(from)) => {
            check(&from, true)?;
            let input = read_text(&path)?;
            let docs = import_str(&input, &from, unit).map_err(|e| e.within(&path))?;
            let out = match docs.as_slice() {
                [doc] => doc.to_json() + "\n",
                _ => docs
                    .iter()
                    .map(|d| serde_json::to_string(d).expect("serialises") + "\n")
                    .collect(),
            };
            print(&out)
        }
        _ => Err(Error::usage(USAGE)),
    }
}
