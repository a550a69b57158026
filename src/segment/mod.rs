//! Segmentation: labels each line `title`, `meta`, `body` or `boilerplate`, and reads the
//! document's metadata (title, publication date, authors, source URL).
//!
//! Body versus boilerplate is learned ([`model`]): two stacked logistic regressions over line
//! features ([`features`]) and document context, then a Viterbi pass so the article comes out
//! as few contiguous runs. The model is trained by [`train`] (`clipmark train-seg`) and
//! embedded from `models/seg.model`. Title and meta are rules around the article's first body
//! line: the headline is the nearest title-like line above it, dates, bylines and source lines
//! next to it are meta.

pub mod features;
pub mod format;
pub mod gbdt;
pub mod model;
pub mod title;


use crate::blocks::{Block, BlockLabel};
use crate::patterns;
use crate::text::Line;
pub use model::Model;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The shipped model, trained by `clipmark train-seg` (see `docs/segmentation.md`), as the
/// build script decoded it (`build.rs`: parsing its text took a few ms of a fresh page's first
/// analysis in wasm); the empty model if it does not parse or was trained for other features.
static EMBEDDED: LazyLock<Model> = LazyLock::new(|| built_model().unwrap_or_default());

/// `models/seg.model` from the build script's decoding of it (`seg_model.bin` in OUT_DIR; its
/// layout is described at `seg_model` in `build.rs`).
fn built_model() -> Option<Model> {
    let b: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seg_model.bin"));
    let mut words = b.chunks_exact(4).map(|x| u32::from_le_bytes(x.try_into().expect("4 bytes")));
    let dims = [words.next()? as usize, words.next()? as usize, words.next()? as usize];
    if dims != [features::STAGE1_DIM, model::STAGE2_DIM, model::STAGE2_DIM]
        || b.len() < (7 + dims.iter().sum::<usize>()) * 4
    {
        return None;
    }
    let mut f = words.by_ref().map(f32::from_bits);
    let decoder = model::Decoder {
        switch: f.next()?,
        reenter: f.next()?,
        marker: f.next()?,
        long: f.next()?,
    };
    let w1 = f.by_ref().take(dims[0]).collect();
    let w2 = f.by_ref().take(dims[1]).collect();
    let w3 = f.take(dims[2]).collect();
    let mut forest = || -> Option<gbdt::Forest> {
        let base = f32::from_bits(words.next()?);
        let trees = (0..words.next()?)
            .map(|_| {
                let n = words.next()?;
                (0..n)
                    .map(|_| {
                        Some(gbdt::Node {
                            feat: words.next()?,
                            thr: f32::from_bits(words.next()?),
                            left: words.next()?,
                            value: f32::from_bits(words.next()?),
                        })
                    })
                    .collect::<Option<Vec<_>>>()
            })
            .collect::<Option<Vec<_>>>()?;
        trees
            .iter()
            .all(|t| format::tree_ok(t, model::STAGE2_DIM))
            .then_some(gbdt::Forest { base, trees })
    };
    let (t2, t3) = (forest()?, forest()?);
    if words.next().is_some() {
        return None;
    }
    Some(Model { w1, w2, w3, t2, t3, decoder })
}

/// The model embedded in the crate.
pub fn embedded_model() -> &'static Model {
    &EMBEDDED
}

/// What the document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The headline, when a block is labelled `title`.
    pub title: Option<String>,
    /// Publication date (and time when given) in ISO 8601 (`2021-02-05T14:44`, `2021-02-05`).
    pub published: Option<String>,
    /// Authors named in a byline.
    pub authors: Vec<String>,
    /// A source URL line, when the page shows one.
    pub url: Option<String>,
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn is_meta(s: &str) -> bool {
    if s.len() > 200 || words(s) > 14 {
        return false;
    }
    let l = s.to_lowercase();
    patterns::DATE.find(s).is_some_and(|m| m.len() * 2 >= s.len().min(60))
        || patterns::byline(s).is_some()
        || patterns::TIME_ONLY.is_match(s)
        || ["published", "updated", "posted", "source:", "last updated", "written by", "author:"]
            .iter()
            .any(|p| l.starts_with(p))
}

/// A line of running prose: enough words and a sentence end, or long.
fn is_prose(s: &str) -> bool {
    let w = words(s);
    let end = s.trim_end_matches(['"', '”', '’', '\'', ')', '»']);
    (w >= 8 && end.ends_with(['.', '!', '?', '…', ':', '。']))
        || w >= 25
        || (s.chars().count() >= 60 && s.contains('。'))
}

fn is_title_like(s: &str) -> bool {
    let w = words(s);
    (3..=30).contains(&w)
        && s.len() < 400
        && !s.ends_with(['.', ':', ',', ';'])
        && !s.ends_with("...")
        && !is_meta(s)
        && !features::is_section_marker(s)
        && s.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_numeric() || matches!(c, '“' | '"' | '\'' | '‘' | '«')
        })
}

/// Labels every line with the given model: body/boilerplate from the model, then title and
/// meta by rule around the first body line.
pub fn label_lines_with(model: &Model, text: &str, lines: &[Line]) -> Vec<BlockLabel> {
    label_around_body(text, lines, &model.predict(text, lines))
}

/// Title and meta by rule, given which lines are body.
pub fn label_around_body(text: &str, lines: &[Line], body: &[bool]) -> Vec<BlockLabel> {
    let mut out = demote_counters(text, lines, body);
    let t = |i: usize| &text[lines[i].span.clone()];
    let Some((lo, first, head_end)) = article_head(text, lines, &out) else { return out };
    let title = title::pick(title::embedded(), text, lines, body, lo, first, head_end);
    if let Some(ti) = title {
        out[ti] = BlockLabel::Title;
    }
    // Meta: date, byline and source lines between the headline and the prose, and a short
    // line right under the headline (an author's name, a section).
    let from = title.map_or(first.saturating_sub(4), |ti| ti + 1);
    // A headline found after the first line of prose (the segmenter started the article too
    // early) has its date and byline under it.
    let to = if from > head_end { (from + 3).min(lines.len()) } else { head_end };
    for i in from..to {
        if is_meta(t(i))
            || (title.is_some() && i == from && words(t(i)) <= 4 && out[i] != BlockLabel::Body)
        {
            out[i] = BlockLabel::Meta;
        }
    }
    if let Some(last) = body.iter().rposition(|&b| b) {
        for i in last + 1..(last + 3).min(lines.len()) {
            let l = t(i).to_lowercase();
            if l.starts_with("source:") || (patterns::byline(t(i)).is_some() && words(t(i)) <= 8) {
                out[i] = BlockLabel::Meta;
            }
        }
    }
    out
}

/// How many lines above the article's first body line the headline is looked for (dev CV
/// with out-of-fold bodies: 25 lines 0.831, 30 0.841, 35 to 40 0.843, 50 to 60 0.841).
const TITLE_UP: usize = 40;

/// Where the headline may be, given per-line labels with counters already demoted: `(lo,
/// first, head_end)`, with `first` the first body line and `head_end` the first line of prose
/// (at most a few lines into the body: where the gold the model learnt from counts the
/// headline, dateline and byline as body, as on dragnet pages, the model marks them body
/// too). The headline is looked for in `lo..head_end`, up to [`TITLE_UP`] lines above the body.
fn article_head(text: &str, lines: &[Line], out: &[BlockLabel]) -> Option<(usize, usize, usize)> {
    let t = |i: usize| &text[lines[i].span.clone()];
    let first = out.iter().position(|&l| l == BlockLabel::Body)?;
    let head_end = (first..lines.len().min(first + 8))
        .find(|&i| out[i] == BlockLabel::Body && is_prose(t(i)))
        .unwrap_or(first);
    Some((first.saturating_sub(TITLE_UP), first, head_end))
}

/// The headline's candidate region for a page whose body lines are `body`: `(lo, first,
/// head_end)` as [`label_around_body`] uses it (for training the title model).
pub fn title_region(text: &str, lines: &[Line], body: &[bool]) -> Option<(usize, usize, usize)> {
    let out = demote_counters(text, lines, body);
    article_head(text, lines, &out)
}

/// Why `s` is not title-like (for error analysis), or `None` when it is.
pub fn title_like_reject(s: &str) -> Option<&'static str> {
    let w = words(s);
    if !(3..=30).contains(&w) {
        return Some(if w < 3 { "words<3" } else { "words>30" });
    }
    if s.len() >= 400 {
        return Some("long");
    }
    if s.ends_with(['.', ':', ',', ';']) || s.ends_with("...") {
        return Some("ends-punct");
    }
    if is_meta(s) {
        return Some("meta");
    }
    if features::is_section_marker(s) {
        return Some("section-marker");
    }
    if !s.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_numeric() || matches!(c, '“' | '"' | '\'' | '‘' | '«')
    }) {
        return Some("first-char");
    }
    None
}

/// Body/boilerplate labels from `body`, with counters ("Read 301 times") made boilerplate.
fn demote_counters(text: &str, lines: &[Line], body: &[bool]) -> Vec<BlockLabel> {
    let t = |i: usize| &text[lines[i].span.clone()];
    body.iter()
        .enumerate()
        .map(|(i, &b)| {
            // A counter ("Read 301 times", "Views: 2684") is never the article, wherever it stands.
            if b && !patterns::COUNTER.is_match(t(i)) {
                BlockLabel::Body
            } else {
                BlockLabel::Boilerplate
            }
        })
        .collect()
}

/// A date, byline or "Posted/Updated" line, looser than [`is_meta`]: "October 29, 2012 by
/// Amy Locurto · 2 Comments".
fn meta_like(s: &str) -> bool {
    if is_meta(s) {
        return true;
    }
    if s.len() > 200 || words(s) > 16 {
        return false;
    }
    let l = s.to_lowercase();
    patterns::byline(s).is_some()
        || (patterns::DATE.is_match(s)
            && (l.contains("by ")
                || l.contains("posted")
                || l.contains("published")
                || words(s) <= 8))
}

/// Content words of `s`: lowercased, at least 4 letters.
fn content_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
}

/// Labels every line with the embedded model ([`label_lines_with`]).
pub fn label_lines(text: &str, lines: &[Line]) -> Vec<BlockLabel> {
    label_lines_with(embedded_model(), text, lines)
}

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

/// The first full date in `s` (year, month and day), normalised by [`normalize_date`].
///
/// ```
/// assert_eq!(clipmark::segment::first_date("Posted on Nov. 17, 2021 by staff").as_deref(), Some("2021-11-17"));
/// ```
pub fn first_date(s: &str) -> Option<String> {
    if s.len() > 2000 {
        return None;
    }
    patterns::DATE.find_iter(s).find_map(|m| normalize_date(m.as_str()))
}

/// Reads the metadata from labelled blocks: the title block's text, bylines and a URL in meta
/// blocks, and the publication date: the first full date in a meta block, else in the lines
/// just around the headline and the article's first lines (a dateline).
pub fn metadata(text: &str, blocks: &[Block]) -> Metadata {
    let mut md = Metadata::default();
    for b in blocks {
        let t = &text[b.span.clone()];
        match b.label {
            BlockLabel::Title if md.title.is_none() => {
                md.title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "))
            }
            BlockLabel::Meta => {
                if md.published.is_none() {
                    md.published = first_date(t);
                }
                if let Some(names) = patterns::byline(t) {
                    for a in names.split([',', '&']).flat_map(|p| p.split(" and ")) {
                        let a = a.trim();
                        if !a.is_empty() && !md.authors.iter().any(|x| x == a) {
                            md.authors.push(a.to_string());
                        }
                    }
                }
                if md.url.is_none() && t.len() < 2000 {
                    md.url = patterns::URL.find(t).map(|m| m.as_str().to_string());
                }
            }
            _ => {}
        }
    }
    if md.published.is_none() {
        let anchor = blocks
            .iter()
            .position(|b| b.label == BlockLabel::Title)
            .or_else(|| blocks.iter().position(|b| b.label == BlockLabel::Body));
        if let Some(a) = anchor {
            let first_body = blocks.iter().position(|b| b.label == BlockLabel::Body).unwrap_or(a);
            // Nearest lines first: below the headline, then above it.
            let near =
                (a..(first_body + 3).min(blocks.len())).chain((a.saturating_sub(6)..a).rev());
            md.published = near
                .filter(|&i| blocks[i].label != BlockLabel::Body || i <= first_body + 2)
                .find_map(|i| first_date(&text[blocks[i].span.clone()]));
        }
    }
    md
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    const M: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if w.len() < 3 {
        return None;
    }
    M.iter().position(|m| w.starts_with(m)).map(|p| p as u32 + 1)
}

/// Normalises a date as found in news pages to ISO 8601: `Friday, 05 February 2021 14:44` →
/// `2021-02-05T14:44`, `23.02.2022 09:46` → `2022-02-23T09:46`, `Nov. 17, 2021` →
/// `2021-11-17`. Returns `None` when no full date (year, month, day) can be read.
///
/// ```
/// assert_eq!(clipmark::normalize_date("Friday, 05 February 2021 14:44").as_deref(), Some("2021-02-05T14:44"));
/// assert_eq!(clipmark::normalize_date("2:30 pm, Dec. 1, 2021").as_deref(), Some("2021-12-01T14:30"));
/// ```
pub fn normalize_date(s: &str) -> Option<String> {
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut time = None;
    let lower = s.to_lowercase();
    let pm = lower.contains("pm") || lower.contains("p.m");
    let am = lower.contains("am") || lower.contains("a.m");
    // ISO 8601's `T` separates date and time only between digits (not in `OCTOBER`).
    let chars: Vec<char> = s.chars().collect();
    let s: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let digit =
                |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(char::is_ascii_digit);
            if c == 'T' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                ' '
            } else {
                c
            }
        })
        .collect();
    for tok in s.split(|c: char| c.is_whitespace() || c == ',' || c == '|') {
        let tok = tok.trim_matches(|c: char| {
            !c.is_alphanumeric() && c != ':' && c != '.' && c != '-' && c != '/'
        });
        if tok.is_empty() {
            continue;
        }
        if let Some((h, m)) = tok.split_once(':').or_else(|| {
            (tok.len() <= 5
                && tok.contains('.')
                && tok.split('.').all(|p| p.len() <= 2 && !p.is_empty())
                && tok.split('.').count() == 2
                && year.is_some())
            .then(|| tok.split_once('.'))
            .flatten()
        }) {
            let h: u32 = h.parse().ok()?;
            let m: u32 = m.get(..2)?.parse().ok()?;
            let h = if pm && h < 12 {
                h + 12
            } else if am && h == 12 {
                0
            } else {
                h
            };
            if h < 24 && m < 60 {
                time = Some(format!("{h:02}:{m:02}"));
            }
            continue;
        }
        let parts: Vec<&str> = tok.split(['.', '/', '-']).filter(|p| !p.is_empty()).collect();
        if parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
            let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
            if parts[0].len() == 4 {
                (year, month, day) = (Some(n[0]), Some(n[1]), Some(n[2]));
            } else if tok.contains('/') && n[0] <= 12 && n[1] > 12 {
                (year, month, day) = (Some(n[2]), Some(n[0]), Some(n[1]));
            } else {
                (year, month, day) = (Some(n[2]), Some(n[1]), Some(n[0]));
            }
            continue;
        }
        if let Some(m) = month_number(tok) {
            if tok.chars().all(|c| c.is_alphabetic() || c == '.') {
                month = Some(m);
                continue;
            }
        }
        let digits = tok.trim_end_matches(|c: char| c.is_alphabetic());
        if let Ok(n) = digits.parse::<u32>() {
            if digits.len() == 4 && (1900..2100).contains(&n) {
                year = Some(n);
            } else if (1..=31).contains(&n) && day.is_none() {
                day = Some(n);
            }
        }
    }
    let (y, m, d) = (year?, month?, day?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(match time {
        Some(t) => format!("{y:04}-{m:02}-{d:02}T{t}"),
        None => format!("{y:04}-{m:02}-{d:02}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_parses() {
        // A model file that does not parse would silently give the empty model.
        assert!(Model::parse(include_str!("../../models/seg.model")).is_some());
    }

    #[test]
    fn the_embedded_model_is_the_model_file() {
        // Decoded by build.rs, exactly as parsing the text gives it.
        assert_eq!(
            embedded_model(),
            &Model::parse(include_str!("../../models/seg.model")).unwrap_or_default()
        );
        assert_ne!(embedded_model(), &Model::default());
    }

    #[test]
    fn dates_normalise() {
        for (s, want) in [
            ("Friday, 05 February 2021 14:44", "2021-02-05T14:44"),
            ("23.02.2022 09:46", "2022-02-23T09:46"),
            ("Nov. 17, 2021", "2021-11-17"),
            ("2021-02-05T14:44", "2021-02-05T14:44"),
            ("March 3rd, 2020 at 9:05 pm", "2020-03-03T21:05"),
            ("SATURDAY, OCTOBER 20, 2012", "2012-10-20"),
        ] {
            assert_eq!(normalize_date(s).as_deref(), Some(want), "{s}");
        }
        assert_eq!(normalize_date("February 2021"), None);
    }
}
