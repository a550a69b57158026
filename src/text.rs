//! Text and offsets: lines of the pasted text, and conversion of UTF-8 byte offsets (the only
//! unit used inside the crate) to UTF-16 code units (what JavaScript strings index) and to
//! Unicode code points (what `clipmark/v1`, Python, spaCy and doccano index).

use std::ops::Range;

/// A byte range `[start, end)` into the analysed text; both ends lie on UTF-8 character
/// boundaries.
pub type Span = Range<usize>;

/// Characters removed, besides Unicode white space, when deciding whether a line is empty and
/// when trimming a line: zero-width space, joiners, word joiner and the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// One non-empty line of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line trimmed of leading and trailing white space and invisible characters.
    pub span: Span,
    /// Byte width of the leading white space that was trimmed (tabs count as one byte each);
    /// a hint of indentation, as bullets in pasted lists are often indented.
    pub indent: usize,
    /// How many empty lines separate this line from the previous non-empty one (or from the
    /// start of the text).
    pub blank_before: usize,
}

/// Splits `text` into its non-empty lines.
///
/// Line ends are `\n`, `\r\n` and a lone `\r`. A line is non-empty when something is left after
/// removing white space (NBSP included) and zero-width characters (`is_invisible`).
///
/// ```
/// let lines = clipmark::lines("  Title\r\n\r\nBody text.\rMore");
/// let texts: Vec<&str> = lines.iter().map(|l| &"  Title\r\n\r\nBody text.\rMore"[l.span.clone()]).collect();
/// assert_eq!(texts, ["Title", "Body text.", "More"]);
/// ```
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut blank = 0;
    let mut i = 0;
    loop {
        let at_end = i >= bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            let raw = &text[start..i];
            let trimmed_start = raw.trim_start_matches(is_invisible);
            let trimmed = trimmed_start.trim_end_matches(is_invisible);
            if trimmed.is_empty() {
                blank += 1;
            } else {
                let s = start + (raw.len() - trimmed_start.len());
                out.push(Line {
                    span: s..s + trimmed.len(),
                    indent: s - start,
                    blank_before: blank,
                });
                blank = 0;
            }
            if at_end {
                break;
            }
            if bytes[i] == b'\r' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
                i += 1;
            }
            i += 1;
            start = i;
        } else {
            i += 1;
        }
    }
    // The count for the first line includes the "line" before any text; a text starting with
    // content has blank_before 0 for its first line, as the loop gives.
    out
}

/// How far apart checkpoints of the [`OffsetMap`] are, in bytes.
const STRIDE: usize = 256;

/// Converts byte offsets of one text to code points and UTF-16 code units, and back, in
/// constant time per offset after a linear pass (one checkpoint every 256 bytes).
#[derive(Debug, Clone)]
pub struct OffsetMap<'a> {
    text: &'a str,
    /// For checkpoint `k`: (byte offset of the first character boundary ≥ k·STRIDE, code points
    /// before it, UTF-16 units before it).
    checkpoints: Vec<(usize, usize, usize)>,
}

impl<'a> OffsetMap<'a> {
    /// Builds the map for `text`.
    pub fn new(text: &'a str) -> OffsetMap<'a> {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 2);
        let (mut cp, mut u16s) = (0usize, 0usize);
        let mut next = 0usize;
        for (b, c) in text.char_indices() {
            while b >= next {
                checkpoints.push((b, cp, u16s));
                next += STRIDE;
            }
            cp += 1;
            u16s += c.len_utf16();
        }
        while text.len() >= next {
            checkpoints.push((text.len(), cp, u16s));
            next += STRIDE;
        }
        OffsetMap { text, checkpoints }
    }

    /// The text this map converts offsets of.
    pub fn text(&self) -> &'a str {
        self.text
    }

    fn walk(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let mut k = byte / STRIDE;
        // A checkpoint may lie after `byte` when a multi-byte character straddles the stride.
        while self.checkpoints[k].0 > byte {
            k -= 1;
        }
        let (b0, mut cp, mut u16s) = self.checkpoints[k];
        let mut b = b0;
        for c in self.text[b0..].chars() {
            if b >= byte {
                break;
            }
            b += c.len_utf8();
            cp += 1;
            u16s += c.len_utf16();
        }
        (cp, u16s)
    }

    /// The code-point offset of byte offset `byte` (which should be a character boundary; a
    /// byte inside a character counts as the end of that character).
    pub fn to_codepoint(&self, byte: usize) -> usize {
        self.walk(byte).0
    }

    /// The UTF-16 offset of byte offset `byte`.
    pub fn to_utf16(&self, byte: usize) -> usize {
        self.walk(byte).1
    }

    fn find(
        &self,
        target: usize,
        unit: impl Fn(&(usize, usize, usize)) -> usize,
        width: impl Fn(char) -> usize,
    ) -> Option<usize> {
        // Last checkpoint whose unit offset is ≤ target.
        let k = self.checkpoints.partition_point(|c| unit(c) <= target).checked_sub(1)?;
        let (b0, ..) = self.checkpoints[k];
        let mut pos = unit(&self.checkpoints[k]);
        let mut b = b0;
        for c in self.text[b0..].chars() {
            if pos == target {
                return Some(b);
            }
            if pos > target {
                return None;
            }
            pos += width(c);
            b += c.len_utf8();
        }
        (pos == target).then_some(b)
    }

    /// The byte offset of code-point offset `cp`, or `None` when it lies past the end.
    pub fn byte_of_codepoint(&self, cp: usize) -> Option<usize> {
        self.find(cp, |c| c.1, |_| 1)
    }

    /// The byte offset of UTF-16 offset `u`, or `None` when it lies past the end or inside a
    /// surrogate pair.
    pub fn byte_of_utf16(&self, u: usize) -> Option<usize> {
        self.find(u, |c| c.2, char::len_utf16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &str = "Zoë 👩‍👩‍👧 Київ 東京\u{00A0}e\u{0301}\r\nend 🎉";

    #[test]
    fn lines_handle_crlf_cr_nbsp_and_zero_width() {
        let t = "a\r\n\u{00A0}\u{200B}\r\n  b \rc\n\n\nd";
        let ls = lines(t);
        let got: Vec<(&str, usize, usize)> =
            ls.iter().map(|l| (&t[l.span.clone()], l.indent, l.blank_before)).collect();
        assert_eq!(got, [("a", 0, 0), ("b", 2, 1), ("c", 0, 0), ("d", 0, 2)]);
    }

    #[test]
    fn empty_and_blank_texts_have_no_lines() {
        assert!(lines("").is_empty());
        assert!(lines(" \n\r\n\t\u{00A0}").is_empty());
    }

    #[test]
    fn offsets_agree_with_std_on_every_boundary() {
        let text = MIXED.repeat(40); // longer than several strides
        let map = OffsetMap::new(&text);
        for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let cp = text[..b].chars().count();
            let u = text[..b].encode_utf16().count();
            assert_eq!(map.to_codepoint(b), cp, "byte {b}");
            assert_eq!(map.to_utf16(b), u, "byte {b}");
            assert_eq!(map.byte_of_codepoint(cp), Some(b));
            assert_eq!(map.byte_of_utf16(u), Some(b));
        }
        assert_eq!(map.byte_of_codepoint(text.chars().count() + 1), None);
    }

    #[test]
    fn utf16_offset_inside_a_surrogate_pair_is_rejected() {
        let map = OffsetMap::new("a🎉b");
        assert_eq!(map.byte_of_utf16(1), Some(1));
        assert_eq!(map.byte_of_utf16(2), None);
        assert_eq!(map.byte_of_utf16(3), Some(5));
    }
}
