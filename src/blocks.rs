//! Blocks: the units the segmenter labels. Every non-empty line of the text lies in exactly
//! one block, and a block never splits a line.

use crate::text::{Line, Span};
use serde::{Deserialize, Serialize};

/// What a block is, for the analyst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockLabel {
    /// The article's headline.
    Title,
    /// Dateline, byline, publication date, section name beside the header, source line.
    Meta,
    /// The article's own text.
    Body,
    /// Everything else: menus, counters, related stories, captions, comments, footers.
    Boilerplate,
}

impl BlockLabel {
    /// All labels, in the order the page's shortcuts list them.
    pub const ALL: [BlockLabel; 4] =
        [BlockLabel::Title, BlockLabel::Meta, BlockLabel::Body, BlockLabel::Boilerplate];

    /// The label's name as written in `clipmark/v1`.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockLabel::Title => "title",
            BlockLabel::Meta => "meta",
            BlockLabel::Body => "body",
            BlockLabel::Boilerplate => "boilerplate",
        }
    }

    /// Parses a label name as written in `clipmark/v1`.
    pub fn parse(s: &str) -> Option<BlockLabel> {
        BlockLabel::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Who set a label: the engine, or a person correcting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Proposed by clipmark's models.
    #[default]
    Model,
    /// Set or confirmed by a person.
    Human,
}

/// A labelled run of whole lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// From the start of its first line to the end of its last line (both trimmed), in bytes.
    pub span: Span,
    /// Indices of its lines in the slice given to the block splitter.
    pub lines: std::ops::Range<usize>,
    /// The block's label.
    pub label: BlockLabel,
    /// Who set the label.
    pub source: Source,
    /// For boilerplate, what kind it is (see [`Role`](crate::Role)), when the rules can tell.
    pub role: Option<crate::roles::Role>,
}

/// Splits lines into blocks: every non-empty line is its own block, labelled boilerplate until
/// the segmenter runs.
///
/// One block per line is deliberate. Labels are scored per line, and in pasted text a
/// "paragraph" of lines without blank lines between them is as often a menu as prose, so
/// grouping would force one label on lines that need different ones. What grouping would
/// give (bullets, separators, table-like runs, blank lines before) the segmenter reads as
/// features of each line and its neighbours instead. No character is lost: a block's span is
/// its trimmed line, and [`crate::text::lines`] keeps every non-empty line.
pub fn split(lines: &[Line]) -> Vec<Block> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| Block {
            span: l.span.clone(),
            lines: i..i + 1,
            label: BlockLabel::Boilerplate,
            source: Source::Model,
            role: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    #[test]
    fn every_line_in_exactly_one_block() {
        let t = "one\n\ntwo\r\nthree";
        let ls = lines(t);
        let bs = split(&ls);
        let covered: Vec<usize> = bs.iter().flat_map(|b| b.lines.clone()).collect();
        assert_eq!(covered, [0, 1, 2]);
    }

    #[test]
    fn labels_round_trip_through_their_names() {
        for l in BlockLabel::ALL {
            assert_eq!(BlockLabel::parse(l.as_str()), Some(l));
        }
        assert_eq!(BlockLabel::parse("Body"), None);
    }
}
