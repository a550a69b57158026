//! The body/boilerplate model: three stacked logistic regressions and a Viterbi pass.
//!
//! * **Stage 1** scores each line from its own features, its neighbours' and hashed words
//!   ([`features::stage1`]).
//! * **Stage 2** rescores each line from its dense features plus document-level context read
//!   off the stage-1 probabilities: the neighbours' scores, window means, where the densest
//!   contiguous run of likely-body lines is and whether the line lies in it, whether a section
//!   marker ("Related items", "MOST READ") came between that run's start and the line,
//!   comment cues and time stamps nearby, the line's layout and words against the run's, and
//!   a second look ([`second_look`]): where the line lies against the article that stage 1's
//!   scores decode to.
//! * **Stage 3** is stage 2 again, with the context read off the stage-2 scores.
//! * **Viterbi** ([`viterbi`]) over before / body / after states with emission `±z/2` (z =
//!   stage-3 log-odds) and learned costs, so the article comes out as few contiguous runs and
//!   is not resumed after a long section that followed a marker.
//! * **Page-level rules** after it ([`decode`]): the article comes before its comments
//!   ([`comments_after_article`]); a list indented under a section marker after
//!   an unindented article is not the article ([`drop_indented_lists`]), nor are the records
//!   of a comment section or teaser list, where a short header before one or a few paragraphs
//!   repeats far more densely than at the article's head ([`drop_records`]); a numbered list
//!   the article touches is body as a whole ([`complete_numbered_lists`]); an article
//!   whose last line ends on a colon goes on with the list or table it announces
//!   ([`extend_after_colon`]).
//!
//! # File format (`models/seg.model`, UTF-8 text)
//!
//! ```text
//! clipmark-seg 1                 magic and version
//! dims S1 S2 S3                  sizes of the three weight vectors
//! decoder S R M L                Viterbi costs: switch, re-entering body, marker discount,
//!                                re-entering after a long gap
//! a INDEX WEIGHT                 one non-zero stage-1 weight (omitted weights are 0)
//! b INDEX WEIGHT                 one non-zero stage-2 weight
//! c INDEX WEIGHT                 one non-zero stage-3 weight
//! forest b BASE / t / s F T L / l V   optional trees added to stage 2's (b) or 3's (c) score
//!                                (see [`super::format`]; the shipped model has none)
//! ```
//! Lines starting with `#` are comments. A file that does not parse gives the empty model
//! (every line boilerplate), never a panic.

use super::features::{self, LineStats, Stage1Rows, HASH_BASE, STAGE1_DIM};
use super::gbdt::Forest;
use crate::text::Line;

/// Number of document-context features of stage 2.
pub const CTX: usize = 42 + LOOK;
/// Size of the stage-2 feature space: the non-hashed stage-1 features, then the context.
pub const STAGE2_DIM: usize = HASH_BASE + CTX;

/// A trained segmentation model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Stage-1 weights, [`STAGE1_DIM`] of them.
    pub w1: Vec<f32>,
    /// Stage-2 weights, [`STAGE2_DIM`] of them.
    pub w2: Vec<f32>,
    /// Stage-3 weights, [`STAGE2_DIM`] of them: stage 2's features recomputed from stage-2
    /// scores (a second round of context).
    pub w3: Vec<f32>,
    /// Gradient-boosted trees over stage 2's features, added to its linear score (empty: none).
    pub t2: Forest,
    /// The same for stage 3.
    pub t3: Forest,
    /// The sequence pass's costs.
    pub decoder: Decoder,
}

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

impl Default for Model {
    fn default() -> Model {
        Model {
            w1: vec![0.0; STAGE1_DIM],
            w2: vec![0.0; STAGE2_DIM],
            w3: vec![0.0; STAGE2_DIM],
            t2: Forest::default(),
            t3: Forest::default(),
            decoder: Decoder::default(),
        }
    }
}

/// Sparse dot product.
pub fn dot(w: &[f32], x: &[(u32, f32)]) -> f32 {
    x.iter().map(|&(k, v)| w.get(k as usize).copied().unwrap_or(0.0) * v).sum()
}

/// The logistic function.
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

impl Model {
    /// Reads a model in the text format above; `None` if it is malformed.
    pub fn parse(s: &str) -> Option<Model> {
        let f = super::format::parse(s)?;
        if f.dims != [STAGE1_DIM, STAGE2_DIM, STAGE2_DIM] {
            return None;
        }
        let [switch, reenter, marker, long] = f.costs;
        let [w1, w2, w3] = f.w;
        let [t2, t3] = f.forests;
        Some(Model { w1, w2, w3, t2, t3, decoder: Decoder { switch, reenter, marker, long } })
    }

    /// Writes the model in the text format above, weights rounded to 4 decimals and those
    /// that round to zero left out.
    pub fn to_text(&self) -> String {
        let mut s = String::from("clipmark-seg 1\n");
        let d = self.decoder;
        s += &format!(
            "dims {} {} {}\ndecoder {} {} {} {}\n",
            self.w1.len(),
            self.w2.len(),
            self.w3.len(),
            d.switch,
            d.reenter,
            d.marker,
            d.long
        );
        for (tag, w) in [("a", &self.w1), ("b", &self.w2), ("c", &self.w3)] {
            for (k, &v) in w.iter().enumerate() {
                let r = format!("{v:.4}");
                if r.trim_start_matches('-').trim_start_matches(['0', '.']).is_empty() {
                    continue;
                }
                s += &format!("{tag} {k} {}\n", r.trim_end_matches('0'));
            }
        }
        s += &self.t2.to_text("b");
        s += &self.t3.to_text("c");
        s
    }

    /// Stage-3 (final) log-odds of "body" for every line.
    pub fn scores(&self, text: &str, lines: &[Line]) -> Vec<f32> {
        let st: Vec<LineStats> =
            lines.iter().map(|l| features::stats(&text[l.span.clone()])).collect();
        let mut s1 = vec![0f32; lines.len()];
        // Each line is scored as soon as its features are complete, and no feature vector is
        // kept: later stages read the compact dense rows stage 1 returns, and stage-2/3
        // features are scored as they are built.
        let f1 = features::stage1_each(text, lines, &st, |i, x| s1[i] = dot(&self.w1, x));
        let mut buf = vec![0f32; STAGE2_DIM];
        let mut s2 = vec![0f32; lines.len()];
        stage2_each(lines, &st, &f1, &s1, |i, x| {
            s2[i] = dot(&self.w2, x) + self.t2.score_sparse(x, &mut buf)
        });
        let mut s3 = vec![0f32; lines.len()];
        stage2_each(lines, &st, &f1, &s2, |i, x| {
            s3[i] = dot(&self.w3, x) + self.t3.score_sparse(x, &mut buf)
        });
        s3
    }

    /// Body (`true`) or boilerplate for every line: [`Model::scores`] then [`decode`].
    ///
    /// When no line comes out as body although some lines read as prose (8 words or more),
    /// the Viterbi pass runs again on scores shifted so that the best prose line reads as body
    /// ([`decode`]): a paste is pasted for its article, and a short clean paste is out of the
    /// training pages' range.
    ///
    /// When the article lies above a comment section, the lines above it are scored and
    /// decoded again as a page of their own ([`before_comments`]).
    pub fn predict(&self, text: &str, lines: &[Line]) -> Vec<bool> {
        let body = decode(&self.scores(text, lines), &self.decoder, text, lines);
        before_comments(body, &self.decoder, text, lines, |c| Some(self.scores(text, &lines[..c])))
    }
}

/// Score the best prose line of a page gets when the Viterbi pass finds no article on it
/// ([`decode`]).
pub const FALLBACK_BEST: f32 = 0.5;

/// A line of 8 words or more: what the rules after the Viterbi pass count as prose.
fn eight_words(s: &str) -> bool {
    s.split_whitespace().nth(7).is_some()
}

/// [`viterbi`], the page-level rules after it, and the prose fallback of [`Model::predict`].
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
    // A line of five words or more pasted twice in a row is a caption or a teaser (on
    // the dev pages, 233 of 241 such pairs are boilerplate twice).
    let t = |i: usize| &text[lines[i].span.clone()];
    for i in 1..lines.len() {
        if t(i) == t(i - 1) && t(i).split_whitespace().nth(4).is_some() {
            body[i] = false;
            body[i - 1] = false;
        }
    }
    let comments = comment_section(text, lines);
    comments_after_article(&mut body, z, dec, &markers, comments, text, lines);
    drop_indented_lists(&mut body, &markers, lines);
    drop_records(&mut body, text, lines);
    complete_numbered_lists(&mut body, &markers, comments, text, lines);
    extend_after_colon(&mut body, z, &markers, text, lines);
    extend_live_blog(&mut body, &markers, text, lines);
    // A section marker ("Related items") is a heading over what follows it: it does not end
    // the article. (Held out, seed 000 took "Related items" once the list under it was
    // dropped.)
    for i in (0..lines.len()).rev() {
        if body[i] && markers[i] && body.get(i + 1) != Some(&true) {
            body[i] = false;
        }
    }
    if !body.contains(&true) {
        // The rules took every line off (a page of duplicated lines): the best prose lines.
        let best = (0..lines.len()).filter(|&i| prose(i)).map(|i| z[i]).fold(f32::MIN, f32::max);
        for i in (0..lines.len()).filter(|&i| prose(i)) {
            body[i] = z[i] > best - 1.5;
        }
    }
    body
}

/// The article reads the same without the comments under it. A comment thread's time stamps
/// and cues lower the scores of the article lines near it through the context features (a
/// short post lost its lede and last paragraph to a thread of three comments). When a comment
/// section starts right below the decoded article ([`comments_below`]: line `c`), the lines
/// above it are decoded again from `prefix_scores(c)`, their scores as a page of their own (as
/// if the paste had stopped at the comments). If that finds an article, it replaces the labels
/// of lines `..c`; the section and what follows it stay boilerplate. `prefix_scores` may
/// decline (`None`). At most one more pass over the page: the cost stays linear.
pub fn before_comments(
    body: Vec<bool>,
    dec: &Decoder,
    text: &str,
    lines: &[Line],
    prefix_scores: impl FnOnce(usize) -> Option<Vec<f32>>,
) -> Vec<bool> {
    let Some(c) = comments_below(&body, text, lines) else { return body };
    let Some(z) = prefix_scores(c) else { return body };
    let mut pre = decode(&z, dec, text, &lines[..c]);
    if !pre.contains(&true) {
        return body;
    }
    pre.resize(lines.len(), false);
    pre
}

/// The first line of a comment section right below the article `body`, for
/// [`before_comments`]: [`comment_section`] counted from the line after the article's last
/// line, moved up over the comment headers right above it ("3 Comments", "Leave a Reply"), if
/// it starts within [`COMMENT_WINDOW`] lines of the article's end (the reach of the context
/// features that the thread disturbs). `None` when there is no article or no such section.
pub fn comments_below(body: &[bool], text: &str, lines: &[Line]) -> Option<usize> {
    let hi = body.iter().rposition(|&b| b)?;
    let mut c = hi + 1 + comment_section(text, &lines[hi + 1..])?;
    while c > hi + 1 && is_comment_header(&text[lines[c - 1].span.clone()]) {
        c -= 1;
    }
    (c <= hi + 1 + COMMENT_WINDOW).then_some(c)
}

/// Lines at most this far apart chain live-blog entries ([`extend_live_blog`]).
pub const LIVE_GAP: usize = 12;
/// Entries a live blog needs for [`extend_live_blog`].
pub const LIVE_ENTRIES: usize = 3;

/// A live blog's entries are the article: each starts with a bare date-and-time line
/// ([`features::is_bare_stamp`]: "23 November 2026 10:45") over a line of 8 words or more, with
/// no comment cue ("X says:", "Reply") within two lines. The stage-2 time-stamp features, learnt
/// from comment threads, read such lines as comments and end the article after a few entries.
/// When [`LIVE_ENTRIES`] or more entries chain from the article (the first inside it or right
/// after its last line, each within [`LIVE_GAP`] lines of the previous, no section marker or
/// comment cue between), every line from the first entry to the last entry's run of long lines
/// is body.
pub fn extend_live_blog(body: &mut [bool], markers: &[bool], text: &str, lines: &[Line]) {
    let n = lines.len();
    let t = |i: usize| &text[lines[i].span.clone()];
    let long = |i: usize| eight_words(t(i));
    let (Some(lo), Some(hi)) = (body.iter().position(|&b| b), body.iter().rposition(|&b| b)) else {
        return;
    };
    let cue: Vec<bool> =
        (lo.saturating_sub(2)..n).map(|i| features::is_comment_cue(t(i))).collect();
    let cue_at = |i: usize| cue[i - lo.saturating_sub(2)];
    let entry = |i: usize| {
        i + 1 < n
            && long(i + 1)
            && features::is_bare_stamp(t(i))
            && !(i.saturating_sub(2).max(lo.saturating_sub(2))..(i + 3).min(n)).any(cue_at)
    };
    let Some(first) = (lo..(hi + 3).min(n)).find(|&i| entry(i)) else { return };
    let mut last = first;
    let mut count = 1;
    let mut i = first + 1;
    while i < n && i <= last + LIVE_GAP && !markers[i] && !cue_at(i) {
        if entry(i) {
            last = i;
            count += 1;
        }
        i += 1;
    }
    if count < LIVE_ENTRIES {
        return;
    }
    let mut end = last + 1;
    while end + 1 < n && long(end + 1) && !markers[end + 1] {
        end += 1;
    }
    for b in &mut body[first..=end] {
        *b = true;
    }
}

/// A list indented under a section marker after the article ("Related items", then "  • A
/// headline" and its paragraphs indented deeper) is not the article when the article's own
/// lines above the marker are not indented: the indented lines right after each such marker,
/// up to the first line that is not indented, are boilerplate. Pastes from browsers keep
/// list indentation (the seeds); the dev pages' text has almost none, so this never fires
/// there, and it is a rule rather than a learned cue.
pub fn drop_indented_lists(body: &mut [bool], markers: &[bool], lines: &[Line]) {
    let n = lines.len();
    let Some(lo) = body.iter().position(|&b| b) else { return };
    let indented = |i: usize| lines[i].indent >= 2;
    let (mut art, mut art_indented) = (0usize, 0usize);
    let mut i = lo;
    while i < n {
        if markers.get(i).copied().unwrap_or(false) && art > 0 && art_indented * 5 < art {
            let mut j = i + 1;
            while j < n && indented(j) {
                body[j] = false;
                j += 1;
            }
            // What the article keeps after a dropped list must be a real continuation: body
            // lines after it holding less than half the characters of the article above the
            // marker are the page's next scraps (a section name, a teaser), not the article.
            if j > i + 1 {
                let chars = |r: std::ops::Range<usize>| {
                    r.filter(|&k| body[k]).map(|k| lines[k].span.len()).sum::<usize>()
                };
                if chars(j..n) * 2 < chars(lo..i) {
                    body[j..].fill(false);
                }
            }
            i = j;
            continue;
        }
        if body[i] {
            art += 1;
            art_indented += usize::from(indented(i));
        }
        i += 1;
    }
}

/// Comment-section evidence needed within [`COMMENT_WINDOW`] lines of its first line.
pub const COMMENT_EVIDENCE: usize = 3;
/// Lines over which [`COMMENT_EVIDENCE`] is counted.
pub const COMMENT_WINDOW: usize = 20;
/// Prose lines (8 words or more) of the article that must come before a comment section for
/// [`comments_after_article`] to end the article there.
pub const COMMENT_PROSE: usize = 3;

/// Whether `s` is evidence of a comment section: a time stamp ("Matt 11.06.12 at 7:53 pm")
/// or a commenter's cue ("Posted by: X at November 7, 2012 1:56 PM", "X says:", "Reply"),
/// but not a line that only names comments ("Comments policy", "20 Comments"), which menus
/// and article heads show too.
fn comment_evidence(s: &str) -> bool {
    if features::is_stamp(s) {
        return true;
    }
    (s.bytes().any(|b| b.is_ascii_digit()) || s.split_whitespace().nth(6).is_none())
        && features::is_comment_cue(s)
        && {
            let l = s.to_lowercase();
            !l.contains("comment") && !l.contains("responses") && !l.contains("kommentare")
        }
}

/// The first line of a comment section: a line of [`comment_evidence`] that starts a window of
/// [`COMMENT_WINDOW`] lines holding at least [`COMMENT_EVIDENCE`] of them.
pub fn comment_section(text: &str, lines: &[Line]) -> Option<usize> {
    let ev: Vec<bool> = lines.iter().map(|l| comment_evidence(&text[l.span.clone()])).collect();
    let mut cum = vec![0usize; ev.len() + 1];
    for i in 0..ev.len() {
        cum[i + 1] = cum[i] + usize::from(ev[i]);
    }
    (0..ev.len())
        .find(|&i| ev[i] && cum[(i + COMMENT_WINDOW).min(ev.len())] - cum[i] >= COMMENT_EVIDENCE)
}

/// The article comes before its comments.
/// * When the Viterbi pass puts the whole article inside a comment section
///   ([`comment_section`], with more evidence after its first line, up to the article's last), the
///   article is chosen again by [`viterbi`] among the lines above the section, if that finds
///   a line of prose (a short post loses the densest-run contest to a long thread).
/// * When the article has [`COMMENT_PROSE`] prose lines before a comment section, or before a
///   comment header ([`is_comment_header`]: "COMMENTS", "{ 53 comments… }", "Leave a Reply"),
///   it ends there: the Viterbi pass may resume the body a few lines after the header, on a
///   commenter's long paragraph.
/// `comments` is the page's [`comment_section`].
pub fn comments_after_article(
    body: &mut [bool],
    z: &[f32],
    dec: &Decoder,
    markers: &[bool],
    comments: Option<usize>,
    text: &str,
    lines: &[Line],
) {
    let Some(lo) = body.iter().position(|&b| b) else { return };
    let prose = |i: usize| eight_words(&text[lines[i].span.clone()]);
    if let Some(c) = comments {
        if lo >= c {
            let hi = body.iter().rposition(|&b| b).unwrap_or(lo);
            if (c + 1..=hi).any(|i| comment_evidence(&text[lines[i].span.clone()])) {
                let pre = viterbi(&z[..c], dec, &markers[..c]);
                if (0..c).any(|i| pre[i] && prose(i)) {
                    body[..c].copy_from_slice(&pre);
                    body[c..].iter_mut().for_each(|b| *b = false);
                }
            }
            return;
        }
    }
    let mut n = 0;
    let c = comments.unwrap_or(lines.len());
    for i in lo..lines.len() {
        if n >= COMMENT_PROSE && (i == c || is_comment_header(&text[lines[i].span.clone()])) {
            body[i..].iter_mut().for_each(|b| *b = false);
            return;
        }
        n += usize::from(body[i] && prose(i));
    }
}

/// A line that opens a comment section: "Comments", "53 Comments", "{ 53 comments… read them
/// below or add one }", "Leave a Reply", "Post a comment", "Kommentare".
pub fn is_comment_header(s: &str) -> bool {
    if s.len() > 80 {
        return false;
    }
    let l = s.trim_start_matches(|c: char| !c.is_alphabetic());
    let starts = |m: &str| l.get(..m.len()).is_some_and(|p| p.eq_ignore_ascii_case(m));
    if !l.starts_with(['c', 'C', 'l', 'L', 'p', 'P', 'a', 'A', 'r', 'R', 'k', 'K', 'к', 'К'])
        || s.split_whitespace().count() > 10
    {
        return false;
    }
    [
        "comment",
        "leave a reply",
        "leave a comment",
        "post a comment",
        "add a comment",
        "reader comments",
        "responses to",
        "kommentar",
    ]
    .iter()
    .any(|m| starts(m))
        || l.to_lowercase().starts_with("комментари")
        || (starts("respon") || starts("repl"))
            && s.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// Largest gap, in lines, between two items of one numbered list.
pub const LIST_GAP: usize = 20;
/// Items a numbered list needs for [`complete_numbered_lists`].
pub const LIST_ITEMS: usize = 3;

/// The item number a line opens with, and whether the number stands alone on its line: "8",
/// "#8", "8." alone; "8. The Party of Torture", "8) …", "#8 …", "8: …" with text.
fn item_number(s: &str) -> Option<(u32, bool)> {
    let t = s.trim();
    let t = t.strip_prefix('#').unwrap_or(t);
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let n: u32 = t[..digits].parse().ok()?;
    let rest = &t[digits..];
    if rest.is_empty() || (rest.len() == 1 && rest.starts_with(['.', ')', ':'])) {
        return Some((n, true));
    }
    let mut ch = rest.chars();
    let (p, q) = (ch.next()?, ch.next()?);
    (matches!(p, '.' | ')' | ':') && q == ' ').then_some((n, false))
}

/// A numbered list in the article (a list post's "10" / "Maori Warrior Masks" / a paragraph,
/// counting down to "1"; an index of "1. Title (date)" lines) is the article as a whole: its
/// items score unevenly line by line, so the Viterbi pass keeps a few and drops the rest.
/// A list is [`LIST_ITEMS`] or more lines numbered in steps of one (up or down, in the same
/// style, bare or followed by text), each within [`LIST_GAP`] lines of the last, not bare
/// numbers on consecutive lines (page numbers). When the article holds a line of the list,
/// from its first item to its last is body, and the last item runs on for as many lines as
/// the items' median length, until a section marker.
/// `comments` is the page's [`comment_section`].
pub fn complete_numbered_lists(
    body: &mut [bool],
    markers: &[bool],
    comments: Option<usize>,
    text: &str,
    lines: &[Line],
) {
    let n = lines.len();
    let c = comments.unwrap_or(n);
    // Open lists: (item lines, last number, step (+1 / -1 / 0 unknown), bare).
    let mut open: Vec<(Vec<usize>, u32, i64, bool)> = Vec::new();
    let mut done: Vec<Vec<usize>> = Vec::new();
    for i in 0..n.min(c) {
        let Some((k, bare)) = item_number(&text[lines[i].span.clone()]) else { continue };
        let fits = |l: &(Vec<usize>, u32, i64, bool)| {
            let d = k as i64 - l.1 as i64;
            l.3 == bare
                && i - l.0[l.0.len() - 1] <= LIST_GAP
                && (d == l.2 || (l.2 == 0 && d.abs() == 1))
                && !(bare && i - l.0[l.0.len() - 1] == 1)
        };
        if let Some(l) = open.iter_mut().find(|l| fits(l)) {
            l.2 = k as i64 - l.1 as i64;
            l.1 = k;
            l.0.push(i);
        } else {
            open.push((vec![i], k, 0, bare));
        }
        open.retain(|l| {
            let keep = i - l.0[l.0.len() - 1] <= LIST_GAP;
            if !keep && l.0.len() >= LIST_ITEMS {
                done.push(l.0.clone());
            }
            keep
        });
    }
    done.extend(open.into_iter().filter(|l| l.0.len() >= LIST_ITEMS).map(|l| l.0));
    for items in done {
        let (a, b) = (items[0], items[items.len() - 1]);
        if !(a..=b).any(|i| body[i]) || (a + 1..=b).any(|i| markers[i]) {
            continue;
        }
        let mut gaps: Vec<usize> = items.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort_unstable();
        let span = gaps[gaps.len() / 2];
        body[a..=b].iter_mut().for_each(|x| *x = true);
        for j in b + 1..(b + span).min(c) {
            if markers[j] {
                break;
            }
            body[j] = true;
        }
    }
}

/// Lines after an article that ends on a colon that [`extend_after_colon`] may take.
pub const COLON_LIST: usize = 30;
/// The lowest stage-3 log-odds of a line that [`extend_after_colon`] takes.
pub const COLON_FLOOR: f32 = -3.0;

/// An article whose last line ends on a colon ("here are the key points:", "2012
/// Battleground Districts:") goes on with what it announces, a list or a table whose lines
/// score low on their own: the lines after it, up to [`COLON_LIST`], are body while their
/// log-odds stay above [`COLON_FLOOR`], until a section marker.
pub fn extend_after_colon(
    body: &mut [bool],
    z: &[f32],
    markers: &[bool],
    text: &str,
    lines: &[Line],
) {
    let Some(hi) = body.iter().rposition(|&b| b) else { return };
    if !text[lines[hi].span.clone()].ends_with(':') {
        return;
    }
    for j in hi + 1..lines.len().min(hi + 1 + COLON_LIST) {
        if markers[j] || z[j] <= COLON_FLOOR {
            break;
        }
        body[j] = true;
    }
}

/// Lines read as records of a comment section or a teaser list (see [`drop_records`]).
pub const RECORD_WINDOW: usize = 10;
/// Lines at the head of the article that [`drop_records`] compares with.
pub const RECORD_HEAD: usize = 15;
/// How much denser records must be around a line than at the article's head.
pub const RECORD_CONTRAST: f32 = 0.4;

/// Words and whether the line ends like a sentence, as [`features::stats`] reads them.
fn shape(s: &str) -> (usize, bool) {
    let cjk = if s.is_ascii() { 0 } else { s.chars().filter(|&c| features::is_cjk(c)).count() };
    let words = s.split_whitespace().count() + cjk / 2;
    let tail = s.trim_end_matches(['"', '”', '’', '\'', ')', '»', '」', '』']);
    (words, tail.ends_with(['.', '!', '?', '。', '！', '？']) && !tail.ends_with("..."))
}

/// Page-level record structure: a comment section ("Mike Merrill" / two short paragraphs /
/// "Denise" / a paragraph …) or a list of teasers repeats a short header line before one or
/// a few paragraphs, while an article runs on as prose. A record starts where a short line
/// without a sentence end comes right before prose. Past the article's first
/// [`RECORD_HEAD`] lines, a body line around which records (per prose line, within
/// [`RECORD_WINDOW`] lines) are [`RECORD_CONTRAST`] denser than at the article's head is
/// boilerplate when it is part of a record itself (a header or one of the first three
/// paragraphs under one). On the dev pages (out of fold) it takes 36k characters of comments
/// off the body on 9 pages (30k on one blog) and 6k characters of list-like articles (numbered
/// items, a subhead over every paragraph) on 11 pages.
pub fn drop_records(body: &mut [bool], text: &str, lines: &[Line]) {
    let n = lines.len();
    let Some(lo) = body.iter().position(|&b| b) else { return };
    if lo + RECORD_HEAD >= n {
        return;
    }
    let sh: Vec<(usize, bool)> = lines.iter().map(|l| shape(&text[l.span.clone()])).collect();
    let prose = |i: usize| (sh[i].0 >= 8 && sh[i].1) || sh[i].0 >= 20;
    let rec: Vec<bool> = (0..n)
        .map(|i| i + 1 < n && !prose(i) && (1..=12).contains(&sh[i].0) && prose(i + 1))
        .collect();
    let mut recs = vec![0u32; n + 1];
    let mut pros = vec![0u32; n + 1];
    for i in 0..n {
        recs[i + 1] = recs[i] + u32::from(rec[i]);
        pros[i + 1] = pros[i] + u32::from(prose(i));
    }
    // A line of a record: its header, or one of the first three paragraphs under it (not the
    // end of an article that runs on as prose before a comment section).
    let in_record = |i: usize| {
        let mut k = i;
        while k > 0 && prose(k) && i - k < 3 {
            k -= 1;
        }
        rec[k]
    };
    let ratio = |a: usize, b: usize| {
        let b = b.min(n);
        (recs[b] - recs[a]) as f32 / ((pros[b] - pros[a]) as f32).max(1.0)
    };
    let head = ratio(lo, lo + RECORD_HEAD);
    for (i, b) in body.iter_mut().enumerate().skip(lo + RECORD_HEAD) {
        if *b
            && in_record(i)
            && ratio(i.saturating_sub(RECORD_WINDOW), i + RECORD_WINDOW + 1) - head
                >= RECORD_CONTRAST
        {
            *b = false;
        }
    }
}

/// The stage-2 features of every line, from the stage-1 features `f1`, the stage-1 log-odds
/// `s1` and the line statistics.
pub fn stage2(
    lines: &[Line],
    st: &[LineStats],
    f1: &[Vec<(u32, f32)>],
    s1: &[f32],
) -> Vec<Vec<(u32, f32)>> {
    let mut out = Vec::with_capacity(lines.len());
    stage2_each(lines, st, f1, s1, |_, x| out.push(x.to_vec()));
    out
}

/// [`stage2`], handing each line's features to `emit(line index, features)` in order
/// instead of keeping them.
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
        let c = [
            (s1[i] / 8.0).clamp(-2.0, 2.0),
            at(ii - 2),
            at(ii - 1),
            at(ii + 1),
            at(ii + 2),
            mean(ii - 5, ii),
            mean(ii + 1, ii + 6),
            mean(ii - 15, ii),
            mean(ii + 1, ii + 16),
            maxes_prev[i],
            maxes_next[i],
            f32::from(in_run),
            f32::from(has_run && i < best_lo),
            f32::from(has_run && i >= best_hi),
            (dist as f32).ln_1p() / 4.0,
            f32::from(marker_in_run || (st[i].marker && in_run)),
            before_mass / total,
            f32::from(in_run) * p[i],
            (best_hi - best_lo) as f32 / n.max(1) as f32,
            (since as f32).ln_1p() / 4.0,
            (until as f32).ln_1p() / 4.0,
            p[i],
            maxp,
            f32::from(marker_in_run && !in_run && i >= best_hi),
            1.0 - (before_mass + mass[i]) / total,
            f32::from(in_run && marker_in_run) * p[i],
            (comments_before as f32).ln_1p() / 2.0,
            f32::from(comments_before > 0) * p[i],
            (recent as f32).ln_1p() / 2.0,
            if run_med > 0 { rel_len } else { 0.0 },
            if run_med > 0 { st[i].stop - run_stop } else { 0.0 },
            f32::from(i >= best_hi) * rel_len,
            section_share[i],
            f32::from(marker_in_run && listy[i]),
            f32::from(listy[i]) - run_listy,
            f32::from(marker_in_run) * section_share[i],
            overlap(i),
            f32::from(has_run && i >= best_hi) * overlap(i),
            f32::from(st[i].content.len() >= 8) * (overlap(i) - 0.5),
            stamps_in(i.saturating_sub(15), i).ln_1p() / 2.0,
            stamps_in(i + 1, i + 16).ln_1p() / 2.0,
            f32::from(has_run && i >= best_lo) * stamps_in(best_lo + 3, i).ln_1p() / 2.0,
        ];
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
pub const LOOK: usize = 20;

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
        f[11] = sc(s[i] - art_mean);
        f[15] = len.ln_1p() / 5.0;
        f[17] = art_chars.ln_1p() / 10.0;
        if !(a..=b).contains(&i) && art_ind < 0.2 {
            f[18] = f32::from(indented(i));
            let between = if i > b { ci[i + 1] - ci[b + 1] } else { ci[a] - ci[i] };
            f[19] = f32::from(between > 0);
        }
        if (a..=b).contains(&i) {
            f[0] = f32::from(body[i]);
            f[1] = f32::from(!body[i]);
            f[16] = (i - a) as f32 / len;
        } else if i > b {
            // Lines b+1 ..= i: the way down from the article to this line.
            let gap = i - b - 1;
            let barrier_m = cm[i + 1] - cm[b + 1] > 0;
            let barrier_c = cq[i + 1] - cq[b + 1] > 0;
            f[2] = ((i - b) as f32 / len).min(3.0) / 3.0;
            f[4] = ((cc[i + 1] - cc[b + 1]) / art_chars).min(3.0) / 3.0;
            f[5] = f32::from(barrier_m);
            f[6] = f32::from(barrier_c);
            if gap > 0 {
                f[8] = sc((cs[i] - cs[b + 1]) / gap as f32);
                f[9] = sc(min_below[i]);
            }
            f[10] = (cp[i + 1] - cp[b + 1]) as f32 / (i - b) as f32;
            if !barrier_m && !barrier_c {
                f[13] = 1.0;
                f[14] = sc(s[i]);
            }
        } else {
            let gap = a - i - 1;
            f[3] = ((a - i) as f32 / len).min(3.0) / 3.0;
            f[7] = f32::from(cm[a] - cm[i] > 0);
            if gap > 0 {
                f[12] = sc((cs[a] - cs[i + 1]) / gap as f32);
            }
        }
    }
    out
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

    trait Positions {
        fn positions(self) -> Vec<usize>;
    }
    impl<'a, I: Iterator<Item = &'a bool>> Positions for I {
        fn positions(self) -> Vec<usize> {
            self.enumerate().filter(|(_, &b)| b).map(|(i, _)| i).collect()
        }
    }

    fn lines_of(t: &str) -> Vec<Line> {
        crate::text::lines(t)
    }

    #[test]
    fn the_article_comes_before_its_comments() {
        let para =
            "The minister met his counterpart on Friday to discuss the talks, officials said.";
        let mut t: Vec<String> = vec!["Home".into(), "Comments policy".into(), "A headline".into()];
        t.extend((0..3).map(|k| format!("{para} ({k})")));
        t.push("{ 12 comments… read them below or add one }".into());
        for k in 0..8 {
            t.push(format!("Reader{k} 11.06.12 at 7:{:02} pm", 10 + k));
            t.push(format!("I agree with this post and I think the minister was right to go there, said reader {k}."));
        }
        let t = t.join("\n");
        let ls = lines_of(&t);
        let markers = vec![false; ls.len()];
        let dec = Decoder { switch: 0.0, reenter: 4.0, marker: 2.0, long: 8.0 };
        // The scores put the article in the comments (a long thread outscores a short post).
        let mut z = vec![-4.0; ls.len()];
        (3..6).for_each(|i| z[i] = 0.5);
        (7..ls.len()).for_each(|i| z[i] = if i % 2 == 0 { 2.0 } else { -1.0 });
        assert_eq!(comment_section(&t, &ls), Some(7));
        let mut body: Vec<bool> = (0..ls.len()).map(|i| i >= 8).collect();
        comments_after_article(&mut body, &z, &dec, &markers, comment_section(&t, &ls), &t, &ls);
        assert_eq!(body.iter().positions(), vec![3, 4, 5]);
        // An article that runs into the comments ends where they start, and a comment header
        // ends it too.
        let mut body: Vec<bool> = (0..ls.len()).map(|i| i >= 3).collect();
        comments_after_article(&mut body, &z, &dec, &markers, comment_section(&t, &ls), &t, &ls);
        assert_eq!(body.iter().positions(), vec![3, 4, 5]);
        // A post's own time stamp above it is not a comment section.
        let t2 = format!("Posted on November 7, 2012 at 1:39 PM\n{}", [para; 4].join("\n"));
        assert_eq!(comment_section(&t2, &lines_of(&t2)), None);
    }

    #[test]
    fn a_numbered_list_in_the_article_is_body_as_a_whole() {
        let para =
            "The minister met his counterpart on Friday to discuss the talks, officials said.";
        let mut t: Vec<String> = vec!["Top 5 things".into(), para.into()];
        for k in (1..=5).rev() {
            t.push(k.to_string());
            t.push(format!("Item number {k}"));
            t.push(para.into());
        }
        t.extend(["Similar lists".into(), "Another list".into()]);
        let t = t.join("\n");
        let ls = lines_of(&t);
        let markers = vec![false; ls.len()];
        // The Viterbi pass kept one item's paragraph.
        let mut body: Vec<bool> = (0..ls.len()).map(|i| i == 10).collect();
        complete_numbered_lists(&mut body, &markers, None, &t, &ls);
        assert_eq!(body.iter().positions(), (2..17).collect::<Vec<_>>());
        // A list the article does not touch, and page numbers, are left alone.
        let mut body: Vec<bool> = (0..ls.len()).map(|i| i == 1).collect();
        complete_numbered_lists(&mut body, &markers, None, &t, &ls);
        assert_eq!(body.iter().positions(), vec![1]);
        let t = format!("{para}\n1\n2\n3\n4");
        let ls = lines_of(&t);
        let mut body = vec![true, false, true, false, false];
        complete_numbered_lists(&mut body, &[false; 5], None, &t, &ls);
        assert_eq!(body, [true, false, true, false, false]);
        assert_eq!(item_number("8. The Party of Torture (Sept. 28, 2006)"), Some((8, false)));
        assert_eq!(item_number("#10"), Some((10, true)));
        assert_eq!(item_number("2012 Battleground Districts:"), None);
        assert_eq!(item_number("100 years ago"), None);
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
    fn an_indented_list_under_a_marker_is_not_the_article() {
        let t = "Headline of the story\nThe minister met his counterpart on Friday to discuss the talks.\nHe said the talks went well and would go on.\nRelated items\n  • Another story about the minister\n    The minister also met the ambassador on Monday, officials said.\n    The talks covered trade and energy, the ministry said.\nBusiness News";
        let ls = lines_of(t);
        let markers: Vec<bool> =
            ls.iter().map(|l| features::is_section_marker(&t[l.span.clone()])).collect();
        let mut body = vec![false, true, true, false, true, true, true, false];
        drop_indented_lists(&mut body, &markers, &ls);
        assert_eq!(body, [false, true, true, false, false, false, false, false]);
        // An article that is itself indented keeps its indented lines.
        let t = "  The minister met his counterpart on Friday to discuss the talks.\nRelated items\n  He said the talks went well and would go on.";
        let ls = lines_of(t);
        let markers: Vec<bool> =
            ls.iter().map(|l| features::is_section_marker(&t[l.span.clone()])).collect();
        let mut body = vec![true, false, true];
        drop_indented_lists(&mut body, &markers, &ls);
        assert_eq!(body, [true, false, true]);
    }

    #[test]
    fn scraps_after_a_dropped_indented_list_are_not_the_article() {
        let t = "The minister met his counterpart on Friday to discuss the talks, officials said.\nHe said the talks went well and would go on, and that both sides wanted more.\nRelated items\n  • Another story about the minister\n    The minister also met the ambassador on Monday, officials said.\nBusiness News\nSilk Road forum started today. Following the success of the...";
        let ls = lines_of(t);
        let markers: Vec<bool> =
            ls.iter().map(|l| features::is_section_marker(&t[l.span.clone()])).collect();
        let mut body = vec![true, true, false, true, true, true, true];
        drop_indented_lists(&mut body, &markers, &ls);
        assert_eq!(body, [true, true, false, false, false, false, false]);
        // An article that goes on at length after an indented box keeps its continuation.
        let long = "The talks resumed on Saturday morning, and the two ministers spoke for three hours about trade, energy and the border.";
        let t = format!("{}\n{long}\n{long}", t.rsplit_once("\nBusiness News").unwrap().0);
        let ls = lines_of(&t);
        let markers: Vec<bool> =
            ls.iter().map(|l| features::is_section_marker(&t[l.span.clone()])).collect();
        let mut body = vec![true, true, false, true, true, true, true];
        drop_indented_lists(&mut body, &markers, &ls);
        assert_eq!(body, [true, true, false, false, false, true, true]);
    }

    #[test]
    fn the_article_does_not_end_on_a_section_marker() {
        let para =
            "The minister met his counterpart on Friday to discuss the talks, officials said.";
        let t = format!("Home\n{para}\n{para}\n{para}\nRelated items\nMenu\nContact");
        let ls = lines_of(&t);
        let z = [-3.0, 3.0, 3.0, 3.0, 5.0, -3.0, -3.0];
        let dec = Decoder { switch: 0.0, reenter: 4.0, marker: 2.0, long: 8.0 };
        assert_eq!(viterbi(&z, &dec, &[false, false, false, false, true, false, false])[4], true);
        assert_eq!(decode(&z, &dec, &t, &ls).iter().positions(), [1, 2, 3]);
    }

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
            assert_eq!(f[1][0], 1.0, "inside the article");
            assert!(f[0][3] > 0.0 && f[0][2] == 0.0, "above it");
            let last = &f[k + 3];
            assert!(last[2] > 0.0 && last[0] == 0.0, "below it");
            assert_eq!((last[5], last[13]), (1.0, 0.0), "a marker lies between");
            assert_eq!(f[k + 1][5], 1.0, "the marker itself is the barrier");
            // Three lines below a two-line article are further, relatively, than three lines
            // below an eight-line one (0.5 against 0.125).
            let far = (3.0 / k as f32).min(3.0) / 3.0;
            assert!((last[2] - far).abs() < 1e-6, "{k}: {}", last[2]);
        }
        // No article found: nothing to place lines against.
        let t = page(2);
        let ls = lines_of(&t);
        let st: Vec<LineStats> = ls.iter().map(|l| features::stats(&t[l.span.clone()])).collect();
        assert!(second_look(&ls, &st, &vec![-5.0; ls.len()])
            .iter()
            .all(|f| f.iter().all(|&x| x == 0.0)));
    }

    #[test]
    fn a_list_announced_by_the_article_s_last_line_is_body() {
        let t = "The survey covered the districts below, in two tiers:\nTier 1\nAZ-1\nCA-10\nRelated Stories\nAnother story";
        let ls = lines_of(t);
        let markers: Vec<bool> =
            ls.iter().map(|l| features::is_section_marker(&t[l.span.clone()])).collect();
        assert!(markers[4]);
        let z = [3.0, -1.0, -2.5, -2.0, -1.0, 0.5];
        let mut body = vec![true, false, false, false, false, false];
        extend_after_colon(&mut body, &z, &markers, t, &ls);
        // Up to the marker, and no further.
        assert_eq!(body, [true, true, true, true, false, false]);
        // A line scored below the floor ends the list.
        let z = [3.0, -1.0, -4.0, -2.0, -1.0, 0.5];
        let mut body = vec![true, false, false, false, false, false];
        extend_after_colon(&mut body, &z, &markers, t, &ls);
        assert_eq!(body, [true, true, false, false, false, false]);
    }

    #[test]
    fn a_comment_section_of_records_after_the_article_is_dropped() {
        let para =
            "The minister met his counterpart on Friday to discuss the talks, officials said.";
        let mut t: Vec<String> = (0..16).map(|k| format!("{para} ({k})")).collect();
        for k in 0..12 {
            t.push(format!("Reader Name{k}"));
            t.push(
                "I agree with this post and I think the minister was right to go there."
                    .to_string(),
            );
        }
        let t = t.join("\n");
        let ls = lines_of(&t);
        let mut body = vec![true; ls.len()];
        drop_records(&mut body, &t, &ls);
        assert!(body[..16].iter().all(|&b| b));
        assert!(body[20..].iter().all(|&b| !b));
        // An article with a subhead every few paragraphs from its start is left alone.
        let mut t: Vec<String> = Vec::new();
        for k in 0..10 {
            t.push(format!("Part {k} of the story"));
            t.extend((0..2).map(|j| format!("{para} ({k}.{j})")));
        }
        let t = t.join("\n");
        let ls = lines_of(&t);
        let mut body = vec![true; ls.len()];
        drop_records(&mut body, &t, &ls);
        assert!(body.iter().all(|&b| b));
    }

    #[test]
    fn model_text_round_trips() {
        let mut m = Model {
            decoder: Decoder { switch: 1.5, reenter: 2.0, marker: 0.5, long: 3.0 },
            ..Model::default()
        };
        m.w1[3] = 0.25;
        m.w1[STAGE1_DIM - 1] = -1.125;
        m.w2[7] = 2.0;
        m.w3[0] = -0.5;
        let back = Model::parse(&m.to_text()).unwrap();
        assert_eq!(back, m);
        // With trees (`train-seg --trees`): a stump on stage 2, a depth-2 tree on stage 3.
        use super::super::gbdt::Node;
        let leaf = |value: f32| Node { value, ..Node::default() };
        m.t2 = Forest {
            base: -0.75,
            trees: vec![vec![
                Node { feat: 5, thr: 0.1, left: 1, value: 0.0 },
                leaf(-0.3),
                leaf(0.4),
            ]],
        };
        m.t3 = Forest {
            base: 0.0,
            trees: vec![vec![
                Node { feat: (STAGE2_DIM - 1) as u32, thr: -2.5e-3, left: 1, value: 0.0 },
                Node { feat: 0, thr: 1.0, left: 3, value: 0.0 },
                leaf(0.125),
                leaf(-1.0),
                leaf(1.0e-7),
            ]],
        };
        let back = Model::parse(&m.to_text()).unwrap();
        assert_eq!(back, m);
        let mut x = vec![0f32; STAGE2_DIM];
        x[STAGE2_DIM - 1] = -1.0;
        x[0] = 2.0;
        assert_eq!(back.t3.score(&x), 1.0e-7);
        assert_eq!(back.t2.score(&x), -0.75 - 0.3);
        assert_eq!(Model::parse("junk"), None);
        assert_eq!(Model::parse("clipmark-seg 1\ndims 1 2 3\ndecoder 0 0 0\n"), None);
    }
}
