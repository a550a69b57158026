//! Segmentation: labels each line `title`, `meta`, `body` or `boilerplate`, and reads the
//! document's metadata (title, publication date, authors, source URL).
//!
//! Body versus boilerplate is learned, title and meta are rules around the article's first body
//! line. The stage, in pipeline order:
//!
//! 1. [`features`]: each line's own features (shape, layout, patterns, repeats, position, hashed
//!    words), at the positions named in [`layout`];
//! 2. [`model`]: the weights as loaded from `models/seg.model`; stage 1 scores the line
//!    features, then stages 2 and 3 rescore them with the document [`context`] read off the
//!    previous stage's scores;
//! 3. [`decode`]: a Viterbi pass over the stage-3 log-odds so the article comes out as few
//!    contiguous runs, then the page-level [`rules`] (comments, indented lists, records,
//!    numbered lists, colon lists, live blogs, …) in one documented order;
//! 4. [`title`]: the headline, a learned choice among the title-like lines above the article
//!    (`models/title.model`);
//! 5. [`meta`]: dates, bylines and source lines next to it, and the [`Metadata`] read off the
//!    labelled blocks ([`metadata`]).
//!
//! The models are trained by `clipmark-lab train-seg` and `train-title`.

pub mod context;
pub mod decode;
pub mod features;
#[cfg(feature = "lab")]
pub mod format;
pub mod layout;
pub mod meta;
pub mod model;
pub mod rules;
pub mod title;

use crate::blocks::{Block, BlockLabel};
use crate::text::Line;
pub use meta::{metadata, Metadata};
pub use model::{embedded_model, Model};

/// Labels `blocks` (built by [`crate::blocks::split`] from `lines`): each block takes the
/// label of most of its characters' lines.
pub fn label(text: &str, lines: &[Line], blocks: &mut [Block]) {
    let per_line = label_lines(text, lines);
    for b in blocks.iter_mut() {
        let mut best = (0usize, BlockLabel::Boilerplate);
        let mut tally = [0usize; 4];
        for i in b.lines.clone() {
            let k = BlockLabel::ALL.iter().position(|&l| l == per_line[i]).unwrap_or(3);
            tally[k] += lines[i].span.len();
            if tally[k] > best.0 {
                best = (tally[k], per_line[i]);
            }
        }
        b.label = best.1;
    }
}

/// Labels every line with the embedded model ([`label_lines_with`]).
pub fn label_lines(text: &str, lines: &[Line]) -> Vec<BlockLabel> {
    label_lines_with(embedded_model(), text, lines)
}

/// Labels every line with the given model: body/boilerplate from the model, then title and
/// meta by rule around the first body line.
pub fn label_lines_with(model: &Model, text: &str, lines: &[Line]) -> Vec<BlockLabel> {
    label_around_body(text, lines, &model.predict(text, lines))
}

/// Title and meta by rule, given which lines are body: counters are taken off the article
/// ([`rules::demote_counters`]), the headline is picked above the article ([`title`]) and the
/// lines next to it are labelled meta ([`meta::label_meta`]).
pub fn label_around_body(text: &str, lines: &[Line], body: &[bool]) -> Vec<BlockLabel> {
    let mut out = rules::demote_counters(text, lines, body);
    let Some((lo, first, head_end)) = title::article_head(text, lines, &out) else { return out };
    let title = title::pick(title::embedded(), text, lines, body, lo, first, head_end);
    if let Some(ti) = title {
        out[ti] = BlockLabel::Title;
    }
    meta::label_meta(&mut out, text, lines, body, title, first, head_end);
    out
}

/// Helpers the segmenter's unit tests share.
#[cfg(test)]
mod testing {
    use crate::text::Line;

    /// The indices of the `true` items.
    pub trait Positions {
        fn positions(self) -> Vec<usize>;
    }
    impl<'a, I: Iterator<Item = &'a bool>> Positions for I {
        fn positions(self) -> Vec<usize> {
            self.enumerate().filter(|(_, &b)| b).map(|(i, _)| i).collect()
        }
    }

    /// The non-empty lines of `t`.
    pub fn lines_of(t: &str) -> Vec<Line> {
        crate::text::lines(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_lines_matches_blocks() {
        let t = include_str!("../../tests/fixtures/pasted_article.txt");
        let ls = crate::text::lines(t);
        let per_line = label_lines(t, &ls);
        let mut bs = crate::blocks::split(&ls);
        label(t, &ls, &mut bs);
        let from_blocks: Vec<BlockLabel> = bs.iter().map(|b| b.label).collect();
        assert_eq!(per_line, from_blocks);
    }
}
