//! Segmentation: labels each block `title`, `meta`, `body` or `boilerplate`, and reads the
//! document's metadata (title, publication date, authors, source URL).
//!
//! This is the **baseline** of the end-to-end issue, a few honest rules: a body line is long
//! and reads as prose; lines pasted twice (captions) and everything after a section marker
//! such as "Related items" are boilerplate; the headline is the title-like line just above the
//! article; date and byline lines around it are meta. The learned block model of the
//! segmentation issue replaces [`label`]; [`metadata`] and [`normalize_date`] stay.

use crate::blocks::{Block, BlockLabel};
use crate::patterns;
use crate::text::Line;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

const STOPWORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "and", "or", "for", "on", "at", "by", "with", "from",
    "that", "this", "is", "was", "were", "are", "be", "been", "has", "have", "had", "it", "its",
    "he", "she", "they", "his", "her", "their", "as", "but", "not", "which", "who", "would",
    "will", "said", "after", "about", "also", "than", "more", "into", "over",
];

/// Lines that open a section which is not the article (lowercased prefixes).
const SECTION_MARKERS: &[&str] = &[
    "related", "most read", "most popular", "read more", "more from", "more stories",
    "you may also like", "you might also like", "recommended", "comments", "leave a comment",
    "leave a reply", "share this", "trending", "popular posts", "latest news", "see also",
];

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

fn is_prose(s: &str) -> bool {
    let w = words(s);
    if w.len() < 8 {
        return false;
    }
    let stop = w.iter().filter(|x| STOPWORDS.contains(&x.to_lowercase().as_str())).count();
    let ends = s.trim_end_matches(['"', '”', '’', '\'', ')', '»']).ends_with(['.', '!', '?', ':', '…']);
    (ends && w.len() >= 10 && stop * 8 >= w.len()) || (w.len() >= 30 && stop * 6 >= w.len())
}

fn is_marker(s: &str) -> bool {
    let l = s.to_lowercase();
    words(s).len() <= 5 && SECTION_MARKERS.iter().any(|m| l.starts_with(m))
}

fn is_meta(s: &str) -> bool {
    let w = words(s).len();
    if w > 14 {
        return false;
    }
    let l = s.to_lowercase();
    patterns::DATE.find(s).is_some_and(|m| m.len() * 2 >= s.len().min(60))
        || patterns::BYLINE.is_match(s)
        || l.starts_with("published")
        || l.starts_with("updated")
        || l.starts_with("posted")
        || l.starts_with("source:")
}

fn is_title_like(s: &str) -> bool {
    let w = words(s).len();
    (3..=25).contains(&w)
        && !s.ends_with(['.', ':', ','])
        && !is_meta(s)
        && !is_marker(s)
        && s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '“' || c == '"')
}

/// Labels `blocks` (baseline rules; see the module docs).
pub fn label(text: &str, _lines: &[Line], blocks: &mut [Block]) {
    let texts: Vec<&str> = blocks.iter().map(|b| &text[b.span.clone()]).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for t in &texts {
        *seen.entry(t).or_default() += 1;
    }
    let mut after_marker = false;
    let mut first_body = None;
    let mut last_body = None;
    for (i, t) in texts.iter().enumerate() {
        if first_body.is_some() && is_marker(t) {
            after_marker = true;
        }
        let body = !after_marker && is_prose(t) && seen[t] == 1 && !t.ends_with("...") && !t.ends_with('…');
        blocks[i].label = if body { BlockLabel::Body } else { BlockLabel::Boilerplate };
        if body {
            first_body.get_or_insert(i);
            last_body = Some(i);
        }
    }
    let (Some(first), Some(last)) = (first_body, last_body) else { return };
    // Short lines between body lines (subheadings, one-sentence paragraphs) are body when they
    // read as sentences.
    for i in first..last {
        let t = texts[i];
        if blocks[i].label == BlockLabel::Boilerplate
            && seen[t] == 1
            && words(t).len() >= 4
            && t.ends_with(['.', '!', '?', '"', '”'])
        {
            blocks[i].label = BlockLabel::Body;
        }
    }
    // The title: the nearest title-like line above the article, at most 12 lines up.
    let lo = first.saturating_sub(12);
    let title = (lo..first).rev().find(|&i| is_title_like(texts[i]) && seen[texts[i]] <= 2);
    if let Some(t) = title {
        blocks[t].label = BlockLabel::Title;
    }
    // Meta: date, byline and source lines between the title and the article, and a source or
    // byline line right after it.
    let from = title.map_or(lo, |t| t + 1);
    for i in from..first {
        if is_meta(texts[i]) || (title.is_some() && words(texts[i]).len() <= 4 && i == from) {
            blocks[i].label = BlockLabel::Meta;
        }
    }
    for i in last + 1..(last + 3).min(texts.len()) {
        let l = texts[i].to_lowercase();
        if l.starts_with("source:") || patterns::BYLINE.is_match(texts[i]) {
            blocks[i].label = BlockLabel::Meta;
        }
    }
}

/// Reads the metadata from labelled blocks: the title block's text, the first date in a meta
/// block (normalised), bylines, and a URL in a meta block.
pub fn metadata(text: &str, blocks: &[Block]) -> Metadata {
    let mut md = Metadata::default();
    for b in blocks {
        let t = &text[b.span.clone()];
        match b.label {
            BlockLabel::Title if md.title.is_none() => md.title = Some(t.split_whitespace().collect::<Vec<_>>().join(" ")),
            BlockLabel::Meta => {
                if md.published.is_none() {
                    md.published = patterns::DATE.find(t).and_then(|m| normalize_date(m.as_str()));
                }
                if let Some(c) = patterns::BYLINE.captures(t) {
                    for a in c[1].split([',', '&']).flat_map(|p| p.split(" and ")) {
                        let a = a.trim();
                        if !a.is_empty() && !md.authors.iter().any(|x| x == a) {
                            md.authors.push(a.to_string());
                        }
                    }
                }
                if md.url.is_none() {
                    md.url = patterns::URL.find(t).map(|m| m.as_str().to_string());
                }
            }
            _ => {}
        }
    }
    md
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    const M: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
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
    for tok in s.split(|c: char| c.is_whitespace() || c == ',' || c == 'T' || c == '|') {
        let tok = tok.trim_matches(|c: char| !c.is_alphanumeric() && c != ':' && c != '.' && c != '-' && c != '/');
        if tok.is_empty() {
            continue;
        }
        if let Some((h, m)) = tok.split_once(':').or_else(|| {
            (tok.len() <= 5 && tok.contains('.') && tok.split('.').all(|p| p.len() <= 2 && !p.is_empty()) && tok.split('.').count() == 2 && year.is_some())
                .then(|| tok.split_once('.'))
                .flatten()
        }) {
            let h: u32 = h.parse().ok()?;
            let m: u32 = m.get(..2)?.parse().ok()?;
            let h = if pm && h < 12 { h + 12 } else if am && h == 12 { 0 } else { h };
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
    fn dates_normalise() {
        for (s, want) in [
            ("Friday, 05 February 2021 14:44", "2021-02-05T14:44"),
            ("23.02.2022 09:46", "2022-02-23T09:46"),
            ("Nov. 17, 2021", "2021-11-17"),
            ("2021-02-05T14:44", "2021-02-05T14:44"),
            ("March 3rd, 2020 at 9:05 pm", "2020-03-03T21:05"),
        ] {
            assert_eq!(normalize_date(s).as_deref(), Some(want), "{s}");
        }
        assert_eq!(normalize_date("February 2021"), None);
    }
}
