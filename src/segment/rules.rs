//! The page-level rules after the Viterbi pass: what a line-by-line score cannot see, read off
//! the page as a whole. [`apply`] runs them in their one order (see there) inside
//! [`decode`](super::decode::decode). Two more come later: [`before_comments`] decodes the lines
//! above a comment section again as a page of their own
//! ([`Model::predict`](super::model::Model::predict)), and [`demote_counters`] takes counters
//! ("Read 301 times") off the article before title and meta are labelled.

use super::decode::{decode, eight_words, viterbi, Decoder};
use super::features;
use crate::blocks::BlockLabel;
use crate::patterns;
use crate::text::Line;

/// The rules [`decode`](super::decode::decode) applies to the Viterbi pass's body lines `body`
/// (`z`: the log-odds it decoded, `markers`: the section markers), in this order:
/// 1. [`drop_duplicate_pairs`]: a line pasted twice in a row is body in neither copy;
/// 2. [`comments_after_article`]: the article comes before its comments;
/// 3. [`drop_indented_lists`]: a list indented under a marker after the article is not in it;
/// 4. [`drop_records`]: nor are a comment section's or a teaser list's records;
/// 5. [`complete_numbered_lists`]: a numbered list the article touches is body as a whole;
/// 6. [`extend_after_colon`]: an article ending on a colon goes on with what it announces;
/// 7. [`extend_live_blog`]: a live blog's chained entries are the article;
/// 8. [`no_marker_at_the_end`]: the article does not end on a section marker.
pub fn apply(
    body: &mut [bool],
    z: &[f32],
    dec: &Decoder,
    markers: &[bool],
    text: &str,
    lines: &[Line],
) {
    drop_duplicate_pairs(body, text, lines);
    let comments = comment_section(text, lines);
    comments_after_article(body, z, dec, markers, comments, text, lines);
    drop_indented_lists(body, markers, lines);
    drop_records(body, text, lines);
    complete_numbered_lists(body, markers, comments, text, lines);
    extend_after_colon(body, z, markers, text, lines);
    extend_live_blog(body, markers, text, lines);
    no_marker_at_the_end(body, markers);
}

/// A line of five words or more pasted twice in a row is a caption or a teaser (on the dev
/// pages, 233 of 241 such pairs are boilerplate twice): neither copy is body.
pub fn drop_duplicate_pairs(body: &mut [bool], text: &str, lines: &[Line]) {
    let t = |i: usize| &text[lines[i].span.clone()];
    for i in 1..lines.len() {
        if t(i) == t(i - 1) && t(i).split_whitespace().nth(4).is_some() {
            body[i] = false;
            body[i - 1] = false;
        }
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
pub fn comment_evidence(s: &str) -> bool {
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
///
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

/// A section marker ("Related items") is a heading over what follows it: it does not end the
/// article. (Held out, seed 000 took "Related items" once the list under it was dropped.)
pub fn no_marker_at_the_end(body: &mut [bool], markers: &[bool]) {
    for i in (0..body.len()).rev() {
        if body[i] && markers[i] && body.get(i + 1) != Some(&true) {
            body[i] = false;
        }
    }
}

/// Body/boilerplate labels from `body`, with counters ("Read 301 times") made boilerplate.
pub fn demote_counters(text: &str, lines: &[Line], body: &[bool]) -> Vec<BlockLabel> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::testing::{lines_of, Positions};

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
}
