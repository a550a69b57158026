//! The headline: a learned choice among the title-like lines above the article's first
//! paragraph.
//!
//! Every title-like line from 40 lines above the article's first body line down to the first
//! line of prose is a candidate. Each is described by 25 features (how many of its content
//! words the article and its first paragraph use, its distance to the article, a date or byline
//! under it, its length and case, repeats of it in the page, a site-name suffix, words of a
//! page's furniture or of a photo credit, …) and scored by a linear model. The
//! best-scored candidate is the title. The weights are learned by `clipmark-lab train-title` as
//! a softmax over each page's candidates, and embedded from `models/title.model`.

use super::features;
use super::layout::title;
use super::meta::{is_meta, meta_like, words};
use crate::blocks::BlockLabel;
use crate::text::Line;
use std::collections::{HashMap, HashSet};

/// Number of features.
pub const DIM: usize = title::COUNT;

/// A title model: one weight per feature.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleModel {
    /// Weights, in the order of [`title::NAMES`].
    pub w: [f32; DIM],
}

/// `models/title.model`'s weights, as the build script read them (`build.rs`, which fails the
/// build when the file does not parse or was trained with another feature list than
/// [`title::NAMES`]).
static EMBEDDED: TitleModel =
    TitleModel { w: include!(concat!(env!("OUT_DIR"), "/title_weights.rs")) };

/// The title model embedded in the crate.
pub fn embedded() -> &'static TitleModel {
    &EMBEDDED
}

const SMALL: [&str; 24] = [
    "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "with", "by", "at", "from", "is",
    "are", "your", "you", "this", "that", "our", "all", "more", "here",
];

/// How many lines after the first line of prose are candidates too (dev CV with out-of-fold
/// bodies: 0 lines 0.843, 3 0.851, 6 0.849, 10 0.853).
const AFTER: usize = 10;

/// Phrases of a page's furniture (share and account buttons, ads, navigation).
const UI: [&str; 24] = [
    "send to",
    "email this",
    "e-mail this",
    "share this",
    "print this",
    "advertise",
    "sign in",
    "sign up",
    "log in",
    "login",
    "subscribe",
    "follow me",
    "follow us",
    "comments",
    "newsletter",
    "click here",
    "home /",
    "home >",
    "home »",
    "translate",
    "download",
    "view staff",
    "about this",
    "welcome to",
];

/// Cues of a photo credit or an agency line.
const CREDIT: [&str; 8] =
    ["©", "presswire", "getty", "reuters", "ap photo", "afp", "associated press", "/the "];

impl TitleModel {
    fn score(&self, f: &[(u32, f32)]) -> f32 {
        f.iter().map(|&(i, v)| self.w.get(i as usize).copied().unwrap_or(0.0) * v).sum()
    }
}

/// Sparse features of one candidate line.
pub type Feats = Vec<(u32, f32)>;

/// Normalised text for repeat detection: lower case, letters and digits only.
fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The candidates for the headline among lines `lo..end` (`first` is the first body line,
/// `end` the first line of prose) with their features.
pub fn candidates(
    text: &str,
    lines: &[Line],
    body: &[bool],
    lo: usize,
    first: usize,
    end: usize,
) -> Vec<(usize, Feats)> {
    let t = |i: usize| &text[lines[i].span.clone()];
    let mut vocab = HashSet::new();
    let mut budget = 3000usize;
    for i in (end..lines.len()).filter(|&i| body[i]) {
        for w in content_words(t(i)).take(budget) {
            vocab.insert(w);
            budget -= 1;
        }
        if budget == 0 {
            break;
        }
    }
    // Content words of the first line of prose (the lead).
    let lead: HashSet<String> =
        if end < lines.len() { content_words(t(end)).collect() } else { HashSet::new() };
    // Also the first lines after the start of the prose: where the segmenter starts the
    // article too early (a blog's sidebar sentence), the headline comes after it.
    let hi = (end + AFTER).min(lines.len());
    let near: Vec<String> = (lo..hi).map(|i| norm(t(i))).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for n in &near {
        *counts.entry(n.as_str()).or_insert(0) += 1;
    }
    // Repeats in the whole page (a headline often comes back in a "share" box or a footer),
    // counted over lines of similar length only, to stay linear.
    let mut page: HashMap<String, usize> = HashMap::new();
    let wanted: HashSet<&str> = near.iter().map(String::as_str).collect();
    for i in 0..lines.len() {
        if t(i).len() < 400 {
            let n = norm(t(i));
            if wanted.contains(n.as_str()) {
                *page.entry(n).or_insert(0) += 1;
            }
        }
    }
    let mut out = Vec::new();
    let mut rank = 0.0f32;
    for i in (lo..end).rev().chain(end..hi) {
        let s = t(i);
        let n = &near[i - lo];
        if !is_title_like(s) || counts[n.as_str()] > 2 {
            continue;
        }
        let (mut cw, mut hit) = (0usize, 0usize);
        for w in content_words(s) {
            cw += 1;
            hit += usize::from(vocab.contains(&w));
        }
        let wc = words(s);
        let ws: Vec<&str> = s.split_whitespace().collect();
        let caps = ws.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
        let small = ws.iter().filter(|w| SMALL.contains(&w.to_lowercase().as_str())).count();
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        let upper = s.chars().filter(|c| c.is_uppercase()).count();
        let lower = s.to_lowercase();
        let lead_hit = content_words(s).filter(|w| lead.contains(w)).count();
        let others = |f: &dyn Fn(&str) -> bool| {
            near.iter().enumerate().any(|(k, m)| k != i - lo && m.len() >= 12 && f(m))
        };
        let mut dense = [0f32; title::COUNT];
        dense[title::OVERLAP] = if cw == 0 { 0.0 } else { hit as f32 / cw as f32 };
        dense[title::HITS] = hit.min(6) as f32 / 6.0;
        dense[title::NO_HIT] = f32::from(u8::from(hit == 0));
        dense[title::DISTANCE] = end.abs_diff(i) as f32 / 25.0;
        dense[title::ADJACENT] = f32::from(u8::from(i + 1 == end || i + 1 == first));
        dense[title::META_BELOW] = f32::from(u8::from((i + 1..(i + 3).min(lines.len())).any(|j| meta_like(t(j)))));
        dense[title::META_ABOVE] = f32::from(u8::from(i > 0 && meta_like(t(i - 1))));
        dense[title::LONG] = wc.saturating_sub(12) as f32 / 10.0;
        dense[title::CAPTION] = f32::from(u8::from( ["photograph:", "photo:", "image:", "credit:"].iter().any(|c| lower.contains(c)), ));
        dense[title::WORDS] = wc.min(30) as f32 / 20.0;
        dense[title::TITLE_CASE] = caps as f32 / wc.max(1) as f32;
        dense[title::SITE_SUFFIX] = f32::from(u8::from( [" | ", " - ", " – ", " — ", " :: ", " » "].iter().any(|p| s.contains(p)), ));
        dense[title::DUP_NEAR] = (counts[n.as_str()] - 1) as f32;
        dense[title::DUP_PAGE] = (page.get(n).copied().unwrap_or(1).min(5) - 1) as f32;
        dense[title::CONTAINED] = f32::from(u8::from( n.len() >= 12 && others(&|m| m.len() > n.len() && m.contains(n.as_str())), ));
        dense[title::CONTAINS] = f32::from(u8::from(n.len() >= 12 && others(&|m| m.len() < n.len() && n.contains(m))));
        dense[title::ALL_CAPS] = f32::from(u8::from(letters >= 8 && upper * 10 >= letters * 9));
        dense[title::DIGITS] = f32::from(u8::from(s.chars().any(|c| c.is_ascii_digit())));
        dense[title::RANK] = rank.min(10.0) / 10.0;
        dense[title::IN_BODY] = f32::from(u8::from(body[i]));
        dense[title::QUESTION] = f32::from(u8::from(s.ends_with('?') || s.ends_with('!')));
        dense[title::STOPWORDS] = small as f32 / wc.max(1) as f32;
        dense[title::UI] = f32::from(u8::from(UI.iter().any(|u| lower.contains(u))));
        dense[title::CREDIT] = f32::from(u8::from(CREDIT.iter().any(|u| lower.contains(u))));
        dense[title::LEAD] = if cw == 0 { 0.0 } else { lead_hit as f32 / cw as f32 };
        dense[title::AFTER] = f32::from(u8::from(i >= end));
        rank += 1.0;
        let f: Feats = dense
            .iter()
            .enumerate()
            .filter(|(_, &v)| v != 0.0)
            .map(|(k, &v)| (k as u32, v))
            .collect();
        out.push((i, f));
    }
    out
}

/// The best candidate for the headline, by `model`.
pub fn pick(
    model: &TitleModel,
    text: &str,
    lines: &[Line],
    body: &[bool],
    lo: usize,
    first: usize,
    end: usize,
) -> Option<usize> {
    let mut best: Option<(f32, usize)> = None;
    // Candidates come nearest first, so on a tie the nearer line wins.
    for (i, f) in candidates(text, lines, body, lo, first, end) {
        let s = model.score(&f);
        if best.is_none_or(|b| s > b.0) {
            best = Some((s, i));
        }
    }
    best.map(|b| b.1)
}

/// A line of running prose: enough words and a sentence end, or long.
fn is_prose(s: &str) -> bool {
    let w = words(s);
    let end = s.trim_end_matches(['"', '”', '’', '\'', ')', '»']);
    (w >= 8 && end.ends_with(['.', '!', '?', '…', ':', '。']))
        || w >= 25
        || (s.chars().count() >= 60 && s.contains('。'))
}

pub fn is_title_like(s: &str) -> bool {
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

/// How many lines above the article's first body line the headline is looked for (dev CV
/// with out-of-fold bodies: 25 lines 0.831, 30 0.841, 35 to 40 0.843, 50 to 60 0.841).
pub const TITLE_UP: usize = 40;

/// Where the headline may be, given per-line labels with counters already demoted: `(lo,
/// first, head_end)`, with `first` the first body line and `head_end` the first line of prose
/// (at most a few lines into the body: where the gold the model learnt from counts the
/// headline, dateline and byline as body, as on dragnet pages, the model marks them body
/// too). The headline is looked for in `lo..head_end`, up to [`TITLE_UP`] lines above the body.
pub fn article_head(text: &str, lines: &[Line], out: &[BlockLabel]) -> Option<(usize, usize, usize)> {
    let t = |i: usize| &text[lines[i].span.clone()];
    let first = out.iter().position(|&l| l == BlockLabel::Body)?;
    let head_end = (first..lines.len().min(first + 8))
        .find(|&i| out[i] == BlockLabel::Body && is_prose(t(i)))
        .unwrap_or(first);
    Some((first.saturating_sub(TITLE_UP), first, head_end))
}

/// Content words of `s`: lowercased, at least 4 letters.
pub fn content_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
}
