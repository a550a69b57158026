//! Document context, stages 2 and 3: each line rescored from its dense line features plus what
//! the previous stage's probabilities say about the page around it ([`stage2_each`]).
//!
//! * **Stage 2** reads the stage-1 probabilities: the neighbours' scores, window means, where the
//!   densest contiguous run of likely-body lines is and whether the line lies in it, whether a
//!   section marker ("Related items", "MOST READ") came between that run's start and the line,
//!   comment cues and time stamps nearby, the line's layout and words against the run's
//!   ([`ctx`]), and a second look ([`second_look`], [`look`]): where the line lies against the
//!   article that stage 1's scores decode to.
//! * **Stage 3** is stage 2 again, with the context read off the stage-2 scores.

use super::decode::{viterbi, Decoder};
use super::features::{LineStats, Stage1Rows};
use super::layout::{ctx, look, HASH_BASE};
use super::model::sigmoid;
use crate::text::Line;

/// The stage-2 features of every line (the stage-1 dense features `f1`, then the context read
/// off the stage-1 log-odds `s1` and the line statistics), handed to `emit(line index, features)`
/// in order and not kept. Stage 3 is the same with the stage-2 log-odds as `s1`.
pub fn stage2_each(
    lines: &[Line],
    st: &[LineStats],
    f1: &(impl Stage1Rows + ?Sized),
    s1: &[f32],
    mut emit: impl FnMut(usize, &[(u32, f32)]),
) {
    let n = lines.len();
    let p: Vec<f32> = s1.iter().map(|&z| sigmoid(z)).collect();
    // Prefix sums for window means.
    let mut cum = vec![0f32; n + 1];
    for i in 0..n {
        cum[i + 1] = cum[i] + p[i];
    }
    let mean = |a: isize, b: isize| -> f32 {
        let (a, b) = (a.max(0) as usize, (b.max(0) as usize).min(n));
        if b <= a {
            0.0
        } else {
            (cum[b] - cum[a]) / (b - a) as f32
        }
    };
    // Body mass, weighted by length.
    let mass: Vec<f32> = (0..n).map(|i| p[i] * (st[i].chars as f32).ln_1p()).collect();
    let total: f32 = mass.iter().sum::<f32>().max(1e-6);
    // The densest contiguous run (maximum subarray of (p - 0.5) · ln(2 + chars)).
    let (mut best, mut best_lo, mut best_hi) = (0f32, 0usize, 0usize);
    let (mut cur, mut lo) = (0f32, 0usize);
    for i in 0..n {
        // A section marker ("Related items") is a barrier the article run rarely crosses,
        // and indented lines (list items, teasers under a bullet) are rarely the article.
        let g = (p[i] - 0.5) * (2.0 + st[i].chars as f32).ln()
            - if st[i].marker { 4.0 } else { 0.0 }
            - if lines[i].indent > 0 { 2.0 } else { 0.0 };
        if cur <= 0.0 {
            cur = 0.0;
            lo = i;
        }
        cur += g;
        if cur > best {
            (best, best_lo, best_hi) = (cur, lo, i + 1);
        }
    }
    let has_run = best_hi > best_lo;
    // Last line with p > 0.5 before i and next one after i.
    let mut last_hi = vec![usize::MAX; n];
    let mut l = usize::MAX;
    for i in 0..n {
        last_hi[i] = l;
        if p[i] > 0.5 {
            l = i;
        }
    }
    let mut next_hi = vec![usize::MAX; n];
    let mut r = usize::MAX;
    for i in (0..n).rev() {
        next_hi[i] = r;
        if p[i] > 0.5 {
            r = i;
        }
    }
    let maxp = p.iter().copied().fold(0f32, f32::max);
    // Layout of sections: a bulleted or indented line, the share of such lines in each
    // section (lines between section markers), and in the article run's likely body lines.
    // A "Related items" list of indented teasers differs from the article in layout even
    // when its paragraphs read as well as the article's.
    let listy: Vec<bool> = lines.iter().map(|l| l.indent > 0).collect();
    let mut section_share = vec![0f32; n];
    {
        let mut a = 0;
        while a < n {
            let mut b = a + 1;
            while b < n && !st[b].marker {
                b += 1;
            }
            let share = (a..b).filter(|&j| listy[j]).count() as f32 / (b - a) as f32;
            section_share[a..b].fill(share);
            a = b;
        }
    }
    // The article's words: in how many of the run's likely body lines each content word
    // occurs. A line is compared with the others (its own occurrence left out), so related
    // stories in good prose still differ from the article in what they are about.
    let mut core: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    for i in (best_lo..best_hi).filter(|&i| p[i] > 0.5) {
        for &w in &st[i].content {
            *core.entry(w).or_default() += 1;
        }
    }
    let overlap = |i: usize| -> f32 {
        let own = u32::from(has_run && i >= best_lo && i < best_hi && p[i] > 0.5);
        let ws = &st[i].content;
        if ws.is_empty() {
            return 0.0;
        }
        ws.iter().filter(|w| core.get(w).copied().unwrap_or(0) > own).count() as f32
            / ws.len() as f32
    };
    // Time stamps (a comment's "Name 11.06.12 at 8:19 pm") counted over windows: two or more
    // after the article's first lines are a comment section, not the article's head.
    let mut stamps = vec![0u32; n + 1];
    for i in 0..n {
        stamps[i + 1] = stamps[i] + u32::from(st[i].stamp && !(has_run && i < best_lo + 3));
    }
    let stamps_in = |a: usize, b: usize| {
        if b <= a {
            0.0
        } else {
            (stamps[b.min(n)] - stamps[a.min(n)]) as f32
        }
    };
    let run_listy = {
        let k = (best_lo..best_hi).filter(|&i| p[i] > 0.5).count();
        let l = (best_lo..best_hi).filter(|&i| p[i] > 0.5 && listy[i]).count();
        if k == 0 {
            0.0
        } else {
            l as f32 / k as f32
        }
    };
    // The article run's own statistics: median length and mean stopword share of its likely
    // body lines, so a line can be judged against this document's prose.
    let (run_med, run_stop) = {
        let mut lens: Vec<usize> =
            (best_lo..best_hi).filter(|&i| p[i] > 0.5).map(|i| st[i].chars).collect();
        let stop: f32 = (best_lo..best_hi).filter(|&i| p[i] > 0.5).map(|i| st[i].stop).sum::<f32>();
        let k = lens.len();
        lens.sort_unstable();
        (lens.get(k / 2).copied().unwrap_or(0), if k == 0 { 0.0 } else { stop / k as f32 })
    };
    let look = second_look(lines, st, s1);
    let mut comments_in_run = 0usize;
    let mut recent_comments = std::collections::VecDeque::<usize>::new();
    let mut v: Vec<(u32, f32)> = Vec::with_capacity(128);
    let mut marker_in_run = false;
    let mut before_mass = 0f32;
    let mut max_prev = std::collections::VecDeque::<(usize, f32)>::new();
    let mut maxes_prev = vec![0f32; n];
    for i in 0..n {
        // Sliding maximum over the previous 10 lines.
        while max_prev.front().is_some_and(|&(j, _)| j + 10 < i) {
            max_prev.pop_front();
        }
        maxes_prev[i] = max_prev.front().map_or(0.0, |x| x.1);
        while max_prev.back().is_some_and(|&(_, v)| v <= p[i]) {
            max_prev.pop_back();
        }
        max_prev.push_back((i, p[i]));
    }
    let mut maxes_next = vec![0f32; n];
    max_prev.clear();
    for i in (0..n).rev() {
        while max_prev.front().is_some_and(|&(j, _)| j > i + 10) {
            max_prev.pop_front();
        }
        maxes_next[i] = max_prev.front().map_or(0.0, |x| x.1);
        while max_prev.back().is_some_and(|&(_, v)| v <= p[i]) {
            max_prev.pop_back();
        }
        max_prev.push_back((i, p[i]));
    }
    for i in 0..n {
        v.clear();
        f1.dense_of(i, &mut v);
        let ii = i as isize;
        let at = |j: isize| if j >= 0 && (j as usize) < n { p[j as usize] } else { 0.0 };
        let in_run = has_run && i >= best_lo && i < best_hi;
        if in_run && i > best_lo && st[i].marker {
            marker_in_run = true;
        }
        while recent_comments.front().is_some_and(|&j| j + 15 < i) {
            recent_comments.pop_front();
        }
        let recent = recent_comments.len();
        let comments_before = comments_in_run;
        if st[i].comment {
            recent_comments.push_back(i);
            if has_run && i >= best_lo {
                comments_in_run += 1;
            }
        }
        let dist = if !has_run {
            n
        } else if i < best_lo {
            best_lo - i
        } else if i >= best_hi {
            i + 1 - best_hi
        } else {
            0
        };
        let rel_len = if run_med > 0 {
            (((st[i].chars + 1) as f32 / (run_med + 1) as f32).ln() / 3.0).clamp(-2.0, 2.0)
        } else {
            0.0
        };
        let since = if last_hi[i] == usize::MAX { n } else { i - last_hi[i] };
        let until = if next_hi[i] == usize::MAX { n } else { next_hi[i] - i };
        let mut c = [0f32; ctx::COUNT];
        c[ctx::SCORE] = (s1[i] / 8.0).clamp(-2.0, 2.0);
        c[ctx::P_PREV2] = at(ii - 2);
        c[ctx::P_PREV1] = at(ii - 1);
        c[ctx::P_NEXT1] = at(ii + 1);
        c[ctx::P_NEXT2] = at(ii + 2);
        c[ctx::MEAN_PREV5] = mean(ii - 5, ii);
        c[ctx::MEAN_NEXT5] = mean(ii + 1, ii + 6);
        c[ctx::MEAN_PREV15] = mean(ii - 15, ii);
        c[ctx::MEAN_NEXT15] = mean(ii + 1, ii + 16);
        c[ctx::MAX_PREV10] = maxes_prev[i];
        c[ctx::MAX_NEXT10] = maxes_next[i];
        c[ctx::IN_RUN] = f32::from(in_run);
        c[ctx::BEFORE_RUN] = f32::from(has_run && i < best_lo);
        c[ctx::AFTER_RUN] = f32::from(has_run && i >= best_hi);
        c[ctx::RUN_DISTANCE] = (dist as f32).ln_1p() / 4.0;
        c[ctx::MARKER_IN_RUN] = f32::from(marker_in_run || (st[i].marker && in_run));
        c[ctx::MASS_BEFORE] = before_mass / total;
        c[ctx::IN_RUN_P] = f32::from(in_run) * p[i];
        c[ctx::RUN_SHARE] = (best_hi - best_lo) as f32 / n.max(1) as f32;
        c[ctx::SINCE_LIKELY] = (since as f32).ln_1p() / 4.0;
        c[ctx::UNTIL_LIKELY] = (until as f32).ln_1p() / 4.0;
        c[ctx::P] = p[i];
        c[ctx::MAX_P] = maxp;
        c[ctx::AFTER_MARKER_RUN] = f32::from(marker_in_run && !in_run && i >= best_hi);
        c[ctx::MASS_AFTER] = 1.0 - (before_mass + mass[i]) / total;
        c[ctx::MARKER_RUN_P] = f32::from(in_run && marker_in_run) * p[i];
        c[ctx::COMMENTS_BEFORE] = (comments_before as f32).ln_1p() / 2.0;
        c[ctx::COMMENTS_P] = f32::from(comments_before > 0) * p[i];
        c[ctx::RECENT_COMMENTS] = (recent as f32).ln_1p() / 2.0;
        c[ctx::REL_LEN] = if run_med > 0 { rel_len } else { 0.0 };
        c[ctx::REL_STOP] = if run_med > 0 { st[i].stop - run_stop } else { 0.0 };
        c[ctx::REL_LEN_AFTER] = f32::from(i >= best_hi) * rel_len;
        c[ctx::SECTION_LISTY] = section_share[i];
        c[ctx::MARKER_LISTY] = f32::from(marker_in_run && listy[i]);
        c[ctx::LISTY_VS_RUN] = f32::from(listy[i]) - run_listy;
        c[ctx::MARKER_SECTION_LISTY] = f32::from(marker_in_run) * section_share[i];
        c[ctx::OVERLAP] = overlap(i);
        c[ctx::OVERLAP_AFTER] = f32::from(has_run && i >= best_hi) * overlap(i);
        c[ctx::OVERLAP_WORDY] = f32::from(st[i].content.len() >= 8) * (overlap(i) - 0.5);
        c[ctx::STAMPS_BEFORE] = stamps_in(i.saturating_sub(15), i).ln_1p() / 2.0;
        c[ctx::STAMPS_AFTER] = stamps_in(i + 1, i + 16).ln_1p() / 2.0;
        c[ctx::STAMPS_IN_RUN] = f32::from(has_run && i >= best_lo) * stamps_in(best_lo + 3, i).ln_1p() / 2.0;
        before_mass += mass[i];
        for (k, &x) in c.iter().chain(&look[i]).enumerate() {
            if x != 0.0 {
                v.push(((HASH_BASE + k) as u32, x));
            }
        }
        emit(i, &v);
    }
}

/// Number of "second look" features ([`second_look`]) at the end of stage 2's context.
pub const LOOK: usize = look::COUNT;

/// The decoder [`second_look`] finds the article with (the shipped model's costs).
pub const LOOK_DECODER: Decoder = Decoder { switch: 0.0, reenter: 4.0, marker: 2.0, long: 8.0 };

/// A second look at the page from the article the previous stage's scores `s` decode to
/// ([`viterbi`] with [`LOOK_DECODER`]): each line's place *relative to that article*, not to
/// the page (inside it or in one of its gaps; how far above or below it as a share of its
/// length, in lines and characters; whether a section marker or a comment cue lies between;
/// the mean and least score of the lines between, and how many of them are prose; its score
/// against the article's mean). The absolute position features teach that lines far down a
/// long page are rarely body, because most training articles are short; these say where a
/// line is against the article found. All zero when no article is found. Linear time.
pub fn second_look(lines: &[Line], st: &[LineStats], s: &[f32]) -> Vec<[f32; LOOK]> {
    let n = s.len();
    let mut out = vec![[0f32; LOOK]; n];
    let markers: Vec<bool> = st.iter().map(|x| x.marker).collect();
    let body = viterbi(s, &LOOK_DECODER, &markers);
    let (Some(a), Some(b)) = (body.iter().position(|&x| x), body.iter().rposition(|&x| x)) else {
        return out;
    };
    let len = (b - a + 1) as f32;
    let k = body.iter().filter(|&&x| x).count().max(1) as f32;
    let art_chars = (a..=b).filter(|&i| body[i]).map(|i| st[i].chars).sum::<usize>().max(1) as f32;
    let art_mean = (a..=b).filter(|&i| body[i]).map(|i| s[i]).sum::<f32>() / k;
    // Prefix sums: scores, characters, markers, comment cues and stamps, prose lines.
    let mut cs = vec![0f32; n + 1];
    let mut cc = vec![0f32; n + 1];
    let mut cm = vec![0u32; n + 1];
    let mut cq = vec![0u32; n + 1];
    let mut cp = vec![0u32; n + 1];
    for i in 0..n {
        cs[i + 1] = cs[i] + s[i];
        cc[i + 1] = cc[i] + st[i].chars as f32;
        cm[i + 1] = cm[i] + u32::from(st[i].marker);
        cq[i + 1] = cq[i] + u32::from(st[i].comment || st[i].stamp);
        cp[i + 1] = cp[i] + u32::from(st[i].words >= 8);
    }
    let sc = |x: f32| (x / 8.0).clamp(-2.0, 2.0);
    // Indentation: the article's own share, and indented lines outside an unindented
    // article (a browser paste keeps a related list's or an author box's indentation).
    let indented = |i: usize| lines[i].indent >= 2;
    let art_ind = (a..=b).filter(|&i| body[i] && indented(i)).count() as f32 / k;
    let mut ci = vec![0u32; n + 1];
    for i in 0..n {
        ci[i + 1] = ci[i] + u32::from(indented(i));
    }
    // Least score strictly between the article's end and line i (below).
    let mut min_below = vec![0f32; n];
    let mut m = f32::INFINITY;
    for i in b + 1..n {
        min_below[i] = if m.is_finite() { m } else { 0.0 };
        m = m.min(s[i]);
    }
    for i in 0..n {
        let f = &mut out[i];
        f[look::VS_ARTICLE] = sc(s[i] - art_mean);
        f[look::ARTICLE_LINES] = len.ln_1p() / 5.0;
        f[look::ARTICLE_CHARS] = art_chars.ln_1p() / 10.0;
        if !(a..=b).contains(&i) && art_ind < 0.2 {
            f[look::STRAY_INDENT] = f32::from(indented(i));
            let between = if i > b { ci[i + 1] - ci[b + 1] } else { ci[a] - ci[i] };
            f[look::INDENT_BETWEEN] = f32::from(between > 0);
        }
        if (a..=b).contains(&i) {
            f[look::IN_ARTICLE] = f32::from(body[i]);
            f[look::IN_GAP] = f32::from(!body[i]);
            f[look::ARTICLE_POS] = (i - a) as f32 / len;
        } else if i > b {
            // Lines b+1 ..= i: the way down from the article to this line.
            let gap = i - b - 1;
            let barrier_m = cm[i + 1] - cm[b + 1] > 0;
            let barrier_c = cq[i + 1] - cq[b + 1] > 0;
            f[look::BELOW_LINES] = ((i - b) as f32 / len).min(3.0) / 3.0;
            f[look::BELOW_CHARS] = ((cc[i + 1] - cc[b + 1]) / art_chars).min(3.0) / 3.0;
            f[look::BELOW_MARKER] = f32::from(barrier_m);
            f[look::BELOW_COMMENT] = f32::from(barrier_c);
            if gap > 0 {
                f[look::BELOW_GAP_MEAN] = sc((cs[i] - cs[b + 1]) / gap as f32);
                f[look::BELOW_GAP_MIN] = sc(min_below[i]);
            }
            f[look::BELOW_PROSE] = (cp[i + 1] - cp[b + 1]) as f32 / (i - b) as f32;
            if !barrier_m && !barrier_c {
                f[look::BELOW_CLEAR] = 1.0;
                f[look::BELOW_CLEAR_SCORE] = sc(s[i]);
            }
        } else {
            let gap = a - i - 1;
            f[look::ABOVE_LINES] = ((a - i) as f32 / len).min(3.0) / 3.0;
            f[look::ABOVE_MARKER] = f32::from(cm[a] - cm[i] > 0);
            if gap > 0 {
                f[look::ABOVE_GAP_MEAN] = sc((cs[a] - cs[i + 1]) / gap as f32);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::testing::lines_of;
    use crate::segment::features;

    #[test]
    fn the_second_look_places_lines_against_the_article_found() {
        let para =
            "The minister met his counterpart on Friday to discuss the talks, officials said.";
        let page = |k: usize| {
            format!("Home\n{}Related items\nAnother story\n{para}", format!("{para}\n").repeat(k))
        };
        for k in [2, 8] {
            let t = page(k);
            let ls = lines_of(&t);
            let st: Vec<LineStats> =
                ls.iter().map(|l| features::stats(&t[l.span.clone()])).collect();
            let mut z = vec![3.0; ls.len()];
            z[0] = -3.0;
            (z[k + 1], z[k + 2], z[k + 3]) = (-3.0, -3.0, 0.5);
            let f = second_look(&ls, &st, &z);
            assert_eq!(f[1][look::IN_ARTICLE], 1.0, "inside the article");
            assert!(f[0][look::ABOVE_LINES] > 0.0 && f[0][look::BELOW_LINES] == 0.0, "above it");
            let last = &f[k + 3];
            assert!(last[look::BELOW_LINES] > 0.0 && last[look::IN_ARTICLE] == 0.0, "below it");
            assert_eq!((last[look::BELOW_MARKER], last[look::BELOW_CLEAR]), (1.0, 0.0), "a marker lies between");
            assert_eq!(f[k + 1][look::BELOW_MARKER], 1.0, "the marker itself is the barrier");
            // Three lines below a two-line article are further, relatively, than three lines
            // below an eight-line one (0.5 against 0.125).
            let far = (3.0 / k as f32).min(3.0) / 3.0;
            assert!((last[look::BELOW_LINES] - far).abs() < 1e-6, "{k}: {}", last[look::BELOW_LINES]);
        }
        // No article found: nothing to place lines against.
        let t = page(2);
        let ls = lines_of(&t);
        let st: Vec<LineStats> = ls.iter().map(|l| features::stats(&t[l.span.clone()])).collect();
        assert!(second_look(&ls, &st, &vec![-5.0; ls.len()])
            .iter()
            .all(|f| f.iter().all(|&x| x == 0.0)));
    }
}
