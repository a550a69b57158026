//! The sequence pass: the decoder's costs and the Viterbi over before / body / after states
//! ([`viterbi`]), and [`decode`], which turns a page's stage-3 log-odds into body lines: the
//! Viterbi pass, its prose fallback, then the page-level rules ([`super::rules`]).
//!
//! Emission is `±z/2` (z = stage-3 log-odds) with learned costs, so the article comes out as
//! few contiguous runs and is not resumed after a long section that followed a marker.

use super::{features, rules};
use crate::text::Line;

/// Costs of the Viterbi pass over three states: boilerplate before the article, body, and
/// boilerplate after a part of the article (which the article may resume from).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Decoder {
    /// Cost of any switch between body and boilerplate.
    pub switch: f32,
    /// Extra cost of resuming body after boilerplate that followed body.
    pub reenter: f32,
    /// Discount on leaving body at a section marker line ("Related items", "MOST READ").
    pub marker: f32,
    /// Extra cost of resuming body after [`LONG_GAP`] or more lines of boilerplate that
    /// passed a section marker: a short promo box inside an article ("Related stories" and
    /// three headlines) is left and resumed, a long "Related items" section of good prose
    /// after it is not.
    pub long: f32,
}

/// Lines of boilerplate after a part of the article from which resuming costs
/// [`Decoder::long`] more.
pub const LONG_GAP: usize = 10;

/// Score the best prose line of a page gets when the Viterbi pass finds no article on it
/// ([`decode`]).
pub const FALLBACK_BEST: f32 = 0.5;

/// A line of 8 words or more: what the rules after the Viterbi pass count as prose.
pub fn eight_words(s: &str) -> bool {
    s.split_whitespace().nth(7).is_some()
}

/// [`viterbi`], the page-level rules after it ([`rules::apply`]), and the prose fallback of
/// [`Model::predict`](super::model::Model::predict).
///
/// When the Viterbi pass finds no body although some lines read as prose (8 words or more),
/// the page's scores are shifted so that its best prose line scores [`FALLBACK_BEST`] and the
/// Viterbi pass runs again: the article is then the best contiguous stretch as this page's
/// own scores rank it (62 dev pages out of fold, 8%; before, the best prose line and any
/// within 1.5 of it were body, scattered lines of a comment thread as often as not).
pub fn decode(z: &[f32], dec: &Decoder, text: &str, lines: &[Line]) -> Vec<bool> {
    let markers: Vec<bool> =
        lines.iter().map(|l| features::is_section_marker(&text[l.span.clone()])).collect();
    let prose = |i: usize| eight_words(&text[lines[i].span.clone()]);
    let mut body = viterbi(z, dec, &markers);
    let shifted: Vec<f32>;
    let mut z = z;
    if !body.contains(&true) {
        let best = (0..lines.len()).filter(|&i| prose(i)).map(|i| z[i]).fold(f32::MIN, f32::max);
        if best > f32::MIN {
            shifted = z.iter().map(|&x| x - best + FALLBACK_BEST).collect();
            z = &shifted;
            body = viterbi(z, dec, &markers);
        }
    }
    rules::apply(&mut body, z, dec, &markers, text, lines);
    if !body.contains(&true) {
        // The rules took every line off (a page of duplicated lines): the best prose lines.
        let best = (0..lines.len()).filter(|&i| prose(i)).map(|i| z[i]).fold(f32::MIN, f32::max);
        for i in (0..lines.len()).filter(|&i| prose(i)) {
            body[i] = z[i] > best - 1.5;
        }
    }
    body
}

/// The best body (`true`) / boilerplate labelling of a sequence of log-odds `z`: emission
/// `+z/2` for body and `-z/2` for boilerplate, states before / body / after (the after
/// states count the gap, and every state past the article's start remembers whether a
/// section marker was passed) with the costs of `dec`; `markers[i]` says line `i` is a
/// section marker. Linear time.
pub fn viterbi(z: &[f32], dec: &Decoder, markers: &[bool]) -> Vec<bool> {
    const NO: f32 = f32::NEG_INFINITY;
    const G: usize = LONG_GAP;
    // States: 0 before the article; 1 + f body; 3 + f·G + j after a part of it, j lines ago
    // (capped at G - 1). f = 1 once the path has passed a section marker after the article
    // began, in the body or not, and stays so: resuming after a long gap then costs `long`
    // more.
    const S: usize = 3 + 2 * G;
    let n = z.len();
    if n == 0 {
        return Vec::new();
    }
    let marker = |i: usize| markers.get(i).copied().unwrap_or(false);
    let after = |f: usize, j: usize| 3 + f * G + j;
    // back[i][s]: the state at i-1 on the best path ending in state s at i.
    let mut back = vec![[0u8; S]; n];
    let mut v = [NO; S];
    (v[0], v[1]) = (-z[0] / 2.0, z[0] / 2.0);
    for i in 1..n {
        let e = z[i] / 2.0;
        let m = usize::from(marker(i));
        let leave = dec.switch - if m == 1 { dec.marker } else { 0.0 };
        let mut w = [NO; S];
        let b = &mut back[i];
        let mut offer = |w: &mut [f32; S], to: usize, x: f32, from: usize| {
            if x > w[to] {
                w[to] = x;
                b[to] = from as u8;
            }
        };
        offer(&mut w, 0, v[0], 0);
        offer(&mut w, 1, v[0] - dec.switch, 0);
        for f in 0..2 {
            offer(&mut w, 1 + (f | m), v[1 + f], 1 + f);
            offer(&mut w, after(f | m, 0), v[1 + f] - leave, 1 + f);
            for j in 0..G {
                let k = after(f, j);
                offer(&mut w, after(f | m, (j + 1).min(G - 1)), v[k], k);
                let long = if f == 1 && j + 1 == G { dec.long } else { 0.0 };
                offer(&mut w, 1 + f, v[k] - dec.switch - dec.reenter - long, k);
            }
        }
        for (k, x) in w.iter_mut().enumerate() {
            *x += if k == 1 || k == 2 { e } else { -e };
        }
        v = w;
    }
    let mut s = (0..S).fold(0usize, |a, b| if v[b] > v[a] { b } else { a });
    let mut out = vec![false; n];
    for i in (0..n).rev() {
        out[i] = s == 1 || s == 2;
        s = back[i][s] as usize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::testing::{lines_of, Positions};

    #[test]
    fn viterbi_smooths_isolated_flips() {
        let z = [3.0, 3.0, -0.5, 3.0, -4.0, -4.0];
        let d = |switch| Decoder { switch, reenter: 0.0, marker: 0.0, long: 0.0 };
        assert_eq!(viterbi(&z, &d(0.0), &[]), [true, true, false, true, false, false]);
        assert_eq!(viterbi(&z, &d(1.0), &[]), [true, true, true, true, false, false]);
        assert!(viterbi(&[], &d(1.0), &[]).is_empty());
    }

    #[test]
    fn viterbi_leaves_the_article_at_a_marker() {
        let z = [-3.0, 3.0, 3.0, -4.0, 1.0, 1.0, 1.0];
        let markers = [false, false, false, true, false, false, false];
        let plain = Decoder { switch: 1.0, reenter: 0.0, marker: 0.0, long: 0.0 };
        assert_eq!(viterbi(&z, &plain, &markers), [false, true, true, false, true, true, true]);
        let strict = Decoder { switch: 1.0, reenter: 4.0, marker: 1.0, long: 0.0 };
        assert_eq!(viterbi(&z, &strict, &markers), [false, true, true, false, false, false, false]);
    }

    #[test]
    fn viterbi_does_not_resume_after_a_long_section_past_a_marker() {
        let dec = |long| Decoder { switch: 1.0, reenter: 0.0, marker: 0.0, long };
        let page = |gap: usize| {
            let mut z = vec![-3.0, 3.0, 3.0, 3.0, 3.0, -4.0];
            z.extend(std::iter::repeat_n(-3.0, gap));
            z.extend([1.5, 1.5, 1.5]);
            let mut m = vec![false; z.len()];
            m[5] = true;
            (z, m)
        };
        let (z, m) = page(12);
        assert!(viterbi(&z, &dec(0.0), &m)[z.len() - 1]);
        assert!(!viterbi(&z, &dec(8.0), &m)[z.len() - 1]);
        // A short box inside the article is left and resumed whatever `long` is.
        let (z, m) = page(2);
        assert!(viterbi(&z, &dec(8.0), &m)[z.len() - 1]);
        // Staying in the body over the marker does not dodge the cost. (A path can still
        // resume before the gap's 10th line, or re-enter briefly to restart the count, when
        // the lines it then takes as body are only mildly negative: the cost is a deterrent,
        // not a wall.)
        let mut z = vec![-3.0, 3.0, 3.0, 3.0, 3.0, -1.0];
        z.extend(std::iter::repeat_n(-3.0, 12));
        z.extend([1.5, 1.5, 1.5]);
        let mut m = vec![false; z.len()];
        m[5] = true;
        assert!(!viterbi(&z, &dec(8.0), &m)[z.len() - 1]);
    }

    #[test]
    fn a_page_with_no_article_found_takes_its_best_stretch_of_prose() {
        let para =
            "The minister met his counterpart on Friday to discuss the talks, officials said.";
        let mut t: Vec<String> = vec!["Home".into(), "News".into()];
        t.extend((0..4).map(|k| format!("{para} ({k})")));
        t.extend(["Share".into(), "Related".into(), format!("{para} (a teaser)"), "Footer".into()]);
        let t = t.join("\n");
        let ls = lines_of(&t);
        let dec = Decoder { switch: 0.0, reenter: 4.0, marker: 2.0, long: 8.0 };
        // Every line scores below 0; the article's lines less so, one of them lower.
        let z = [-6.0, -6.0, -1.0, -1.4, -0.8, -1.2, -5.0, -5.0, -1.5, -6.0];
        assert_eq!(decode(&z, &dec, &t, &ls).iter().positions(), vec![2, 3, 4, 5]);
    }

    #[test]
    fn the_article_does_not_end_on_a_section_marker() {
        let para =
            "The minister met his counterpart on Friday to discuss the talks, officials said.";
        let t = format!("Home\n{para}\n{para}\n{para}\nRelated items\nMenu\nContact");
        let ls = lines_of(&t);
        let z = [-3.0, 3.0, 3.0, 3.0, 5.0, -3.0, -3.0];
        let dec = Decoder { switch: 0.0, reenter: 4.0, marker: 2.0, long: 8.0 };
        assert!(viterbi(&z, &dec, &[false, false, false, false, true, false, false])[4]);
        assert_eq!(decode(&z, &dec, &t, &ls).iter().positions(), [1, 2, 3]);
    }
}
