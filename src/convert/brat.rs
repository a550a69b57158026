//! brat standoff (export only): the `.ann` file of one document.

use super::Bytes;
use crate::error::Result;
use crate::export::Document;
use crate::text::Span;

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

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::EntityLabel;

    #[test]
    fn brat_splits_spans_at_line_breaks() {
        let t = "Foo\r\nBar baz";
        let d = doc(t, &[("Foo\r\nBar", EntityLabel::Org)]);
        let ann = to_brat(&d).unwrap().ann;
        assert!(ann.starts_with("T1\tORG 0 3;5 8\tFoo Bar\n"), "{ann}");
    }
}
