//! Meta lines and the document's metadata: dates, bylines and source lines next to the headline
//! are labelled meta ([`label_meta`]), and the title, publication date, authors and source URL
//! are read off the labelled blocks ([`metadata`]).

use crate::blocks::{Block, BlockLabel};
use crate::patterns;
use crate::text::Line;
use serde::{Deserialize, Serialize};

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

/// Whitespace-separated words of `s`.
pub fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A date, byline, time or "Published/Updated/Source:" line of at most 14 words.
pub fn is_meta(s: &str) -> bool {
    if s.len() > 200 || words(s) > 14 {
        return false;
    }
    let l = s.to_lowercase();
    patterns::DATE.find(s).is_some_and(|m| m.range().len() * 2 >= s.len().min(60))
        || patterns::byline(s).is_some()
        || patterns::TIME_ONLY.is_match(s)
        || ["published", "updated", "posted", "source:", "last updated", "written by", "author:"]
            .iter()
            .any(|p| l.starts_with(p))
}

/// A date, byline or "Posted/Updated" line, looser than [`is_meta`]: "October 29, 2012 by
/// Amy Locurto · 2 Comments".
pub fn meta_like(s: &str) -> bool {
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

/// Labels meta lines around the headline `title` (when one was picked), given per-line labels
/// `out`, the body lines, the article's first body line `first` and its first line of prose
/// `head_end` ([`super::title::article_head`]).
pub fn label_meta(
    out: &mut [BlockLabel],
    text: &str,
    lines: &[Line],
    body: &[bool],
    title: Option<usize>,
    first: usize,
    head_end: usize,
) {
    let t = |i: usize| &text[lines[i].span.clone()];
    // Meta: date, byline and source lines between the headline and the prose, and a short
    // line right under the headline (an author's name, a section).
    let from = title.map_or(first.saturating_sub(4), |ti| ti + 1);
    // A headline found after the first line of prose (the segmenter started the article too
    // early) has its date and byline under it.
    let to = if from > head_end { (from + 3).min(lines.len()) } else { head_end };
    for (i, o) in out.iter_mut().enumerate().take(to).skip(from) {
        if is_meta(t(i)) || (title.is_some() && i == from && words(t(i)) <= 4 && *o != BlockLabel::Body)
        {
            *o = BlockLabel::Meta;
        }
    }
    if let Some(last) = body.iter().rposition(|&b| b) {
        for (i, o) in out.iter_mut().enumerate().take((last + 3).min(lines.len())).skip(last + 1) {
            let l = t(i).to_lowercase();
            if l.starts_with("source:") || (patterns::byline(t(i)).is_some() && words(t(i)) <= 8) {
                *o = BlockLabel::Meta;
            }
        }
    }
}

/// The first full date in `s` (year, month and day), normalised by [`normalize_date`]:
/// `Posted on Nov. 17, 2021 by staff` gives `2021-11-17`.
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

    #[test]
    fn first_date_reads_the_first_full_date() {
        assert_eq!(first_date("Posted on Nov. 17, 2021 by staff").as_deref(), Some("2021-11-17"));
        assert_eq!(first_date("no date here"), None);
    }

    #[test]
    fn dates_normalise_to_iso_8601() {
        assert_eq!(normalize_date("Friday, 05 February 2021 14:44").as_deref(), Some("2021-02-05T14:44"));
        assert_eq!(normalize_date("2:30 pm, Dec. 1, 2021").as_deref(), Some("2021-12-01T14:30"));
    }
}
