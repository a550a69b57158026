//! The headline: a learned choice among the title-like lines above the article's first
//! paragraph.
//!
//! Every title-like line from 40 lines above the article's first body line down to the first
//! line of prose is a candidate. Each is described by 25 features (how many of its content
//! words the article and its first paragraph use, its distance to the article, a date or byline
//! under it, its length and case, repeats of it in the page, a site-name suffix, words of a
//! page's furniture or of a photo credit, …) and scored by a linear model. The
//! best-scored candidate is the title. The weights are learned by [`train`] (`clipmark
//! train-title`) as a softmax over each page's candidates, and embedded from
//! `models/title.model`.

use super::{content_words, is_title_like, meta_like, words};
use crate::text::Line;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Names of the dense features, in order (the model file names its weights by them).
pub const DENSE: [&str; 26] = [
    "overlap",
    "hits",
    "no_hit",
    "distance",
    "adjacent",
    "meta_below",
    "meta_above",
    "long",
    "caption",
    "words",
    "title_case",
    "site_suffix",
    "dup_near",
    "dup_page",
    "contained",
    "contains",
    "all_caps",
    "digits",
    "rank",
    "in_body",
    "question",
    "stopwords",
    "ui",
    "credit",
    "lead",
    "after",
];
/// Total feature count.
pub const DIM: usize = DENSE.len();

/// A title model: one weight per feature.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleModel {
    /// Weights, [`DIM`] of them.
    pub w: Vec<f32>,
}

static EMBEDDED: LazyLock<TitleModel> = LazyLock::new(|| {
    TitleModel::parse(include_str!("../../models/title.model")).unwrap_or_else(TitleModel::rule)
});

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
    /// The hand-set weights of the rule this model replaced: a fallback if the model file is
    /// missing or unreadable.
    pub fn rule() -> TitleModel {
        let mut w = vec![0.0; DIM];
        for (name, v) in [
            ("overlap", 1.0),
            ("hits", 0.48),
            ("no_hit", -0.5),
            ("distance", -0.5),
            ("meta_below", 0.9),
            ("long", -0.6),
            ("caption", -1.0),
        ] {
            w[DENSE.iter().position(|d| *d == name).unwrap_or(0)] = v;
        }
        TitleModel { w }
    }

    /// Reads the text format written by [`TitleModel::to_text`]: a `clipmark-title 1` line, then
    /// `name<TAB>weight` per feature.
    pub fn parse(s: &str) -> Option<TitleModel> {
        let mut lines = s.lines();
        if lines.next()? != "clipmark-title 1" {
            return None;
        }
        let mut w = vec![0.0; DIM];
        for l in lines.filter(|l| !l.trim().is_empty()) {
            let (name, v) = l.split_once('\t')?;
            let v: f32 = v.parse().ok()?;
            let i = DENSE.iter().position(|d| *d == name)?;
            w[i] = v;
        }
        Some(TitleModel { w })
    }

    /// The model as text (see [`TitleModel::parse`]).
    pub fn to_text(&self) -> String {
        let mut out = String::from("clipmark-title 1\n");
        for (name, v) in DENSE.iter().zip(&self.w) {
            out += &format!("{name}\t{v:.5}\n");
        }
        out
    }

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
        let dense = [
            if cw == 0 { 0.0 } else { hit as f32 / cw as f32 },
            hit.min(6) as f32 / 6.0,
            f32::from(u8::from(hit == 0)),
            end.abs_diff(i) as f32 / 25.0,
            f32::from(u8::from(i + 1 == end || i + 1 == first)),
            f32::from(u8::from((i + 1..(i + 3).min(lines.len())).any(|j| meta_like(t(j))))),
            f32::from(u8::from(i > 0 && meta_like(t(i - 1)))),
            wc.saturating_sub(12) as f32 / 10.0,
            f32::from(u8::from(
                ["photograph:", "photo:", "image:", "credit:"].iter().any(|c| lower.contains(c)),
            )),
            wc.min(30) as f32 / 20.0,
            caps as f32 / wc.max(1) as f32,
            f32::from(u8::from(
                [" | ", " - ", " – ", " — ", " :: ", " » "].iter().any(|p| s.contains(p)),
            )),
            (counts[n.as_str()] - 1) as f32,
            (page.get(n).copied().unwrap_or(1).min(5) - 1) as f32,
            f32::from(u8::from(
                n.len() >= 12 && others(&|m| m.len() > n.len() && m.contains(n.as_str())),
            )),
            f32::from(u8::from(n.len() >= 12 && others(&|m| m.len() < n.len() && n.contains(m)))),
            f32::from(u8::from(letters >= 8 && upper * 10 >= letters * 9)),
            f32::from(u8::from(s.chars().any(|c| c.is_ascii_digit()))),
            rank.min(10.0) / 10.0,
            f32::from(u8::from(body[i])),
            f32::from(u8::from(s.ends_with('?') || s.ends_with('!'))),
            small as f32 / wc.max(1) as f32,
            f32::from(u8::from(UI.iter().any(|u| lower.contains(u)))),
            f32::from(u8::from(CREDIT.iter().any(|u| lower.contains(u)))),
            if cw == 0 { 0.0 } else { lead_hit as f32 / cw as f32 },
            f32::from(u8::from(i >= end)),
        ];
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

/// One training page: its candidates' features and which of them is the gold title.
pub struct TitleExample {
    /// Candidates' features.
    pub cands: Vec<Feats>,
    /// Index into `cands` of the gold title.
    pub gold: usize,
}

/// Learns weights by a softmax over each page's candidates (conditional logit), with AdaGrad
/// and L2, in a fixed order: deterministic.
pub fn train(ex: &[TitleExample], epochs: usize, rate: f32, l2: f32) -> TitleModel {
    let mut w = vec![0.0f32; DIM];
    let mut g2 = vec![1e-8f32; DIM];
    let mut order: Vec<usize> = (0..ex.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &e in &order {
            let e = &ex[e];
            let scores: Vec<f32> =
                e.cands.iter().map(|f| f.iter().map(|&(i, v)| w[i as usize] * v).sum()).collect();
            let m = scores.iter().copied().fold(f32::MIN, f32::max);
            let z: f32 = scores.iter().map(|s| (s - m).exp()).sum();
            let mut grad: HashMap<u32, f32> = HashMap::new();
            for (c, f) in e.cands.iter().enumerate() {
                let p = (scores[c] - m).exp() / z;
                let y = if c == e.gold { 1.0 } else { 0.0 };
                for &(i, v) in f {
                    *grad.entry(i).or_insert(0.0) += (p - y) * v;
                }
            }
            let mut keys: Vec<u32> = grad.keys().copied().collect();
            keys.sort_unstable();
            for i in keys {
                let i = i as usize;
                let g = grad[&(i as u32)] + l2 * w[i];
                g2[i] += g * g;
                w[i] -= rate * g / g2[i].sqrt();
            }
        }
    }
    TitleModel { w }
}
