//! The headline model's trainer behind `clipmark-lab train-title`, and the helpers its error
//! analysis uses.

use clipmark::segment::layout::title::{self as names, COUNT as DIM};
use clipmark::segment::title::{self, Feats, TitleModel};
use clipmark::segment::{features, meta, rules};
use clipmark::text::Line;
use std::collections::HashMap;

/// The hand-set weights of the rule the learned model replaced, which `train-title` reports
/// against.
pub fn rule() -> TitleModel {
    let mut w = [0.0; DIM];
    for (k, v) in [
        (names::OVERLAP, 1.0),
        (names::HITS, 0.48),
        (names::NO_HIT, -0.5),
        (names::DISTANCE, -0.5),
        (names::META_BELOW, 0.9),
        (names::LONG, -0.6),
        (names::CAPTION, -1.0),
    ] {
        w[k] = v;
    }
    TitleModel { w }
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
    let mut w = [0.0f32; DIM];
    let mut g2 = [1e-8f32; DIM];
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

/// The headline's candidate region for a page whose body lines are `body`: `(lo, first,
/// head_end)` as [`clipmark::segment::label_around_body`] uses it (for training the title model).
pub fn title_region(text: &str, lines: &[Line], body: &[bool]) -> Option<(usize, usize, usize)> {
    let out = rules::demote_counters(text, lines, body);
    title::article_head(text, lines, &out)
}

/// Why `s` is not title-like (for error analysis), or `None` when it is.
pub fn title_like_reject(s: &str) -> Option<&'static str> {
    let w = meta::words(s);
    if !(3..=30).contains(&w) {
        return Some(if w < 3 { "words<3" } else { "words>30" });
    }
    if s.len() >= 400 {
        return Some("long");
    }
    if s.ends_with(['.', ':', ',', ';']) || s.ends_with("...") {
        return Some("ends-punct");
    }
    if meta::is_meta(s) {
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
