//! Line features that survive pasting: shape (lengths, words, stopwords, case, digits,
//! punctuation, sentence ends), layout (indentation, bullets, blank lines), patterns (URL,
//! e-mail, date, time, phone, ©), repetition (a line pasted twice, a teaser repeating the
//! start of a longer line), position, the same for the neighbours, and hashed words.
//!
//! Every feature is a `(index, value)` pair of a sparse vector. Dense features take the first
//! [`DENSE`] indices ([`line`] names each); neighbour copies follow ([`NEIGH_SRC`]); hashed
//! lexical cues fill the last [`HASH_SIZE`] indices (see [`super::layout`]). Work per line is
//! linear in its length (hashed words are capped per line).

use crate::patterns;
use crate::text::Line;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::layout::{line, DENSE, HASH_BASE, HASH_SIZE, NEIGH, NEIGH_SRC, OFFSETS};

/// Words hashed per line at most, so a 1 MB line costs no more than a paragraph.
const MAX_HASHED_WORDS: usize = 24;

/// Short function words of the languages most pasted pages are in (en, de, fr, es, pt, it, nl,
/// ru). Their share tells running prose from menus and lists.
static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        // English
        "the", "a", "an", "of", "to", "in", "and", "or", "for", "on", "at", "by", "with", "from",
        "that", "this", "is", "was", "were", "are", "be", "been", "has", "have", "had", "it",
        "its", "he", "she", "they", "his", "her", "their", "as", "but", "not", "which", "who",
        "would", "will", "said", "after", "about", "also", "than", "into", "over", "we", "i",
        "you", "our", "there", "when", "what", "can", "could", "if", "so", "all", "one", "them",
        "him", "do", // German
        "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "sich",
        "auf", "für", "von", "dem", "des", "im", "auch", "es", "sie", "wird", "wurde", "dass",
        // French
        "le", "la", "les", "et", "est", "une", "un", "du", "pour", "qui", "que", "dans", "au",
        "pas", "sur", "ce", "il", "elle", "avec", "aux", "ses", "son", "été",
        // Spanish / Portuguese / Italian
        "el", "los", "las", "y", "en", "que", "por", "con", "para", "una", "se", "del", "al", "lo",
        "como", "más", "o", "e", "em", "os", "as", "um", "uma", "não", "com", "foi", "da", "do",
        "dos", "das", "il", "di", "che", "per", "non", "della", "sono", "è", // Dutch
        "het", "een", "van", "niet", "op", "zijn", "ook", "voor", "dat", "met", // Russian
        "и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "она", "к", "из", "за", "для",
        "от", "о", "но", "так", "было", "его",
    ]
    .into_iter()
    .collect()
});

/// Short lines that open a section which is not the article (lowercased prefixes, several
/// languages). Used as a document-level cue; the learned hashed words refine it.
const SECTION_MARKERS: &[&str] = &[
    "related",
    "most read",
    "most popular",
    "most viewed",
    "most shared",
    "read more",
    "more from",
    "more stories",
    "more news",
    "more on",
    "you may also like",
    "you might also like",
    "recommended",
    "comments",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "share this",
    "trending",
    "popular posts",
    "popular stories",
    "latest news",
    "latest stories",
    "see also",
    "top stories",
    "also read",
    "read also",
    "further reading",
    "about the author",
    "tags",
    "filed under",
    "categories",
    "sponsored",
    "advertisement",
    "what to read next",
    "recent posts",
    "archives",
    "newsletter",
    "sign up",
    "subscribe",
    "follow us",
    "weitere artikel",
    "mehr zum thema",
    "lesen sie auch",
    "kommentare",
    "à lire aussi",
    "voir aussi",
    "commentaires",
    "leia também",
    "veja também",
    "noticias relacionadas",
    "artículos relacionados",
    "comentarios",
    "leggi anche",
    "читайте также",
    "комментарии",
    "関連記事",
    "관련기사",
];

/// Whether `s` (a short line) opens a section that is not the article.
pub fn is_section_marker(s: &str) -> bool {
    if s.len() > 60 {
        return false;
    }
    let l = s.to_lowercase();
    let l = l.trim_start_matches(|c: char| !c.is_alphanumeric());
    s.split_whitespace().count() <= 6 && SECTION_MARKERS.iter().any(|m| l.starts_with(m))
}

/// Whether `s` looks like part of a comment section: a commenter's "Jacob said," / "says:",
/// "Reply", "12 Comments:", "Posted by: X at November 9, 2012 9:45 pm", "on 12 Oct 2012 at
/// 9:45 am". Used as a document-level state: once comments start, the article is over.
pub fn is_comment_cue(s: &str) -> bool {
    if s.len() > 120 {
        return false;
    }
    let w = s.split_whitespace().count();
    let l = s.to_lowercase();
    let l = l.trim();
    let bare = l.trim_matches(|c: char| !c.is_alphanumeric());
    if w <= 6
        && (l.ends_with(" said,")
            || l.ends_with(" says:")
            || l.ends_with(" said:")
            || l.ends_with(" wrote:")
            || l.ends_with(" says"))
    {
        return true;
    }
    if matches!(
        bare,
        "reply" | "report abuse" | "reply report" | "like reply" | "permalink" | "report" | "flag"
    ) {
        return true;
    }
    if w <= 9
        && (l.contains("comments")
            || l.contains("comment:")
            || l.contains("responses to")
            || l.contains("add a comment")
            || l.contains("kommentare")
            || l.contains("commentaires"))
    {
        return true;
    }
    if l.starts_with("posted by")
        && (l.contains(" at ") || l.contains(" on "))
        && l.bytes().any(|b| b.is_ascii_digit())
    {
        return true;
    }
    // "November 9, 2012 at 9:45 pm", "on 12 Oct 2012 at 9:45 am Name".
    w <= 14
        && (l.contains(" at ") || l.contains(" on "))
        && l.contains(':')
        && (l.contains(" am") || l.contains(" pm") || l.contains("am ") || l.contains("pm "))
        && l.bytes().filter(|b| b.is_ascii_digit()).count() >= 5
}

/// Whether `s` is a time stamp as [`LineStats::stamp`] reads it, for the rules after the
/// Viterbi pass, which do not keep the line statistics.
pub fn is_stamp(s: &str) -> bool {
    s.len() < 160
        && has_clock(s)
        && s.split_whitespace().count() <= 16
        && (has_short_date(s) || patterns::DATE.is_match(s))
}

/// Words a bare time stamp may hold besides its date and clock time.
pub const STAMP_FILLER: [&str; 26] = [
    "at",
    "on",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "cdt",
    "pst",
    "pdt",
    "et",
    "pt",
    "updated",
    "update",
    "published",
    "posted",
    "local",
    "time",
    "hrs",
    "h",
];

/// A time stamp with nothing else on its line: a date and a clock time, and at most the words
/// of [`STAMP_FILLER`] ("23 November 2026 10:45", "Updated 10:45 GMT, Nov 23, 2026"). A live
/// blog heads its entries with these; a comment's stamp usually carries its author's name, or
/// sits next to a comment cue ("X says:", "Reply").
pub fn is_bare_stamp(s: &str) -> bool {
    if !is_stamp(s) {
        return false;
    }
    let mut rest = String::with_capacity(s.len());
    let mut last = 0;
    for m in patterns::DATE.find_iter(s) {
        rest.push_str(&s[last..m.start()]);
        rest.push(' ');
        last = m.end();
    }
    rest.push_str(&s[last..]);
    rest.split(|c: char| {
        c.is_whitespace()
            || matches!(c, ',' | '|' | '–' | '—' | '-' | '·' | '•' | '(' | ')' | '[' | ']')
    })
    .filter(|w| !w.is_empty())
    .all(|w| {
        w.bytes().any(|b| b.is_ascii_digit()) || STAMP_FILLER.contains(&w.to_lowercase().as_str())
    })
}

/// Whether `s` holds a clock time: `h:mm` or `hh:mm`.
fn has_clock(s: &str) -> bool {
    let b = s.as_bytes();
    (1..b.len().saturating_sub(2)).any(|i| {
        b[i] == b':'
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
    })
}

/// Whether `s` holds a numeric date with a two- or four-digit year: `11.06.12`, `7/24/2012`.
fn has_short_date(s: &str) -> bool {
    s.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '/' || c == '-')).any(|t| {
        let parts: Vec<&str> = t.split(['.', '/', '-']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
    })
}

/// Whether `c` is a CJK ideograph, kana or hangul: scripts written without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn is_bullet_start(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(
            '•' | '·' | '▪' | '■' | '◦' | '●' | '►' | '▶' | '»' | '›' | '*' | '-' | '–' | '—' | '+',
        ) => cs.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
            digits.len() <= 2
                && s[digits.len()..].starts_with(['.', ')'])
                && s[digits.len() + 1..].starts_with(' ')
        }
        _ => false,
    }
}

/// FNV-1a, 64 bit: a stable hash (the model file depends on it, so no `RandomState`).
pub fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Shape statistics of one line, computed once.
#[derive(Debug, Clone, Default)]
pub struct LineStats {
    /// Characters (code points).
    pub chars: usize,
    /// Words: whitespace tokens, plus one per two CJK characters.
    pub words: usize,
    /// Share of stopwords among whitespace tokens.
    pub stop: f32,
    /// Ends like a sentence (`.`, `!`, `?`, `。`, possibly before a closing quote).
    pub sentence_end: bool,
    /// Is in the hand list of section markers.
    pub marker: bool,
    /// Title-Case share among alphabetic words.
    pub title_case: f32,
    /// Hash of the normalised line (letters and digits, lowercased).
    pub key: u64,
    /// Hash of the first 40 normalised characters, when the line has at least that many.
    pub prefix: Option<u64>,
    /// Hashes of 40 normalised characters starting at the 2nd to 5th word: a teaser that
    /// repeats a lede after its dateline ("PORTVALE — Residents …") starts like one of them.
    pub windows: Vec<u64>,
    /// Normalised length.
    pub norm_len: usize,
    /// Ends with an ellipsis (`...`, `…`).
    pub ellipsis: bool,
    /// Has a date pattern.
    pub date: bool,
    /// Reads as part of a comment section ([`is_comment_cue`]).
    pub comment: bool,
    /// Hashes of the line's distinct content words (lowercased, 4 letters or more), at most
    /// [`MAX_CONTENT_WORDS`]: what the line is about, to compare with the article's words.
    pub content: Box<[u32]>,
    /// A short line with a date and a clock time ("Martin 11.06.12 at 8:19 pm", "#1.8 - Tue
    /// Jul 24, 2012 2:06 PM EDT"): a comment's or a post's time stamp.
    pub stamp: bool,
}

/// Content words kept per line for the lexical overlap with the article.
pub const MAX_CONTENT_WORDS: usize = 32;

/// Computes [`LineStats`] for `s`.
pub fn stats(s: &str) -> LineStats {
    let mut st = LineStats::default();
    let mut cjk = 0usize;
    let (mut tokens, mut stops, mut alpha_words, mut titled) = (0usize, 0usize, 0usize, 0usize);
    for w in s.split_whitespace() {
        tokens += 1;
        if tokens <= 400 {
            let lw = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            if STOPWORDS.contains(lw.as_str()) {
                stops += 1;
            }
            let mut cs = w.chars().skip_while(|c| !c.is_alphanumeric());
            if let Some(c) = cs.next() {
                if c.is_alphabetic() {
                    alpha_words += 1;
                    if c.is_uppercase() {
                        titled += 1;
                    }
                }
            }
        }
    }
    let mut norm = 0usize;
    let mut key = 0xcbf2_9ce4_8422_2325u64;
    let mut buf = [0u8; 4];
    // The normalised start of the line (at most 400 bytes) and where its first words begin.
    let mut head: Vec<u8> = Vec::with_capacity(128);
    let mut starts: Vec<usize> = Vec::with_capacity(5);
    let mut in_word = false;
    for c in s.chars() {
        if head.len() < 400 {
            if c.is_alphanumeric() {
                if !in_word && starts.len() < 5 {
                    starts.push(head.len());
                }
                in_word = true;
                for lc in c.to_lowercase() {
                    head.extend_from_slice(lc.encode_utf8(&mut buf).as_bytes());
                }
            } else if c.is_whitespace() {
                in_word = false;
            }
        }
        st.chars += 1;
        if is_cjk(c) {
            cjk += 1;
        }
        if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                for &b in lc.encode_utf8(&mut buf).as_bytes() {
                    key ^= u64::from(b);
                    key = key.wrapping_mul(0x0100_0000_01b3);
                }
            }
            norm += 1;
        }
    }
    let window = |p: usize| (head.len() >= p + 40).then(|| fnv(&head[p..p + 40], 40));
    let prefix = window(0);
    st.windows = starts.iter().skip(1).filter_map(|&p| window(p)).collect();
    let counted = tokens.clamp(1, 400) as f32;
    st.words = tokens + cjk / 2;
    st.stop = stops as f32 / counted;
    st.title_case =
        if alpha_words == 0 { 0.0 } else { titled as f32 / alpha_words.min(400) as f32 };
    let tail = s.trim_end_matches(['"', '”', '’', '\'', ')', '»', '」', '』']);
    st.sentence_end = tail.ends_with(['.', '!', '?', '。', '！', '？']) && !tail.ends_with("...");
    st.ellipsis = s.ends_with("...") || s.ends_with('…');
    st.marker = is_section_marker(s);
    st.comment = is_comment_cue(s);
    // Content words, hashed as they are lowercased (no allocation per word).
    let mut content = Vec::new();
    for w in s.split(|c: char| !c.is_alphanumeric()) {
        if content.len() >= MAX_CONTENT_WORDS {
            break;
        }
        if w.len() < 4 || w.bytes().all(|b| b.is_ascii_digit()) || w.chars().nth(3).is_none() {
            continue;
        }
        let mut h = 0xcbf2_9ce4_8422_2325u64 ^ 3;
        for lc in w.chars().flat_map(char::to_lowercase) {
            for &b in lc.encode_utf8(&mut buf).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        let h = h as u32;
        if !content.contains(&h) {
            content.push(h);
        }
    }
    st.content = content.into_boxed_slice();
    st.key = key;
    st.prefix = prefix;
    st.norm_len = norm;
    // Regexes only where they can match: a date needs a digit.
    st.date = s.len() < 400 && s.bytes().any(|b| b.is_ascii_digit()) && patterns::DATE.is_match(s);
    st.stamp = s.len() < 160 && st.words <= 16 && has_clock(s) && (st.date || has_short_date(s));
    st
}

/// Per-document tables for repetition features.
pub struct Repeats {
    keys: HashMap<u64, (usize, usize)>,
    prefixes: HashMap<u64, usize>,
    windows: HashMap<u64, usize>,
}

impl Repeats {
    /// Counts, per normalised line and per 40-character prefix, how often it occurs (and the
    /// first line index of each line key).
    pub fn new(st: &[LineStats]) -> Repeats {
        let mut keys: HashMap<u64, (usize, usize)> = HashMap::with_capacity(st.len());
        let mut prefixes: HashMap<u64, usize> = HashMap::new();
        let mut windows: HashMap<u64, usize> = HashMap::new();
        for (i, s) in st.iter().enumerate() {
            if s.norm_len == 0 {
                continue;
            }
            keys.entry(s.key).or_insert((0, i)).0 += 1;
            if let Some(p) = s.prefix {
                *prefixes.entry(p).or_default() += 1;
            }
            for &w in &s.windows {
                *windows.entry(w).or_default() += 1;
            }
        }
        Repeats { keys, prefixes, windows }
    }
}

/// A sink of sparse features.
struct Sink<'a> {
    out: &'a mut Vec<(u32, f32)>,
}

impl Sink<'_> {
    fn dense(&mut self, i: usize, v: f32) {
        debug_assert!(i < DENSE);
        if v != 0.0 {
            self.out.push((i as u32, v));
        }
    }
    fn flag(&mut self, i: usize, b: bool) {
        self.dense(i, if b { 1.0 } else { 0.0 })
    }
    fn hashed_bytes(&mut self, ns: u64, token: &[u8]) {
        let h = fnv(token, ns) as usize & (HASH_SIZE - 1);
        self.out.push(((HASH_BASE + h) as u32, 1.0));
    }
    fn hashed(&mut self, ns: u64, token: &str) {
        let h = fnv(token.as_bytes(), ns) as usize & (HASH_SIZE - 1);
        self.out.push(((HASH_BASE + h) as u32, 1.0));
    }
}

fn ln1(x: usize) -> f32 {
    (x as f32).ln_1p()
}

/// Dense features of line `i`, written at indices `0..DENSE`.
fn dense(text: &str, lines: &[Line], st: &[LineStats], rep: &Repeats, i: usize, sink: &mut Sink) {
    let s = &text[lines[i].span.clone()];
    let t = &st[i];
    let n = lines.len();
    let (mut digits, mut punct, mut upper, mut alpha, mut pipes, mut cjk) = (0, 0, 0, 0, 0, 0);
    let (mut quotes, mut inner_ends) = (0, 0);
    let mut prev = ' ';
    for c in s.chars().take(4000) {
        if c.is_ascii_digit() {
            digits += 1;
        } else if c.is_alphabetic() {
            alpha += 1;
            if c.is_uppercase() {
                upper += 1;
            }
            if is_cjk(c) {
                cjk += 1;
            }
        } else if c == '|' {
            pipes += 1;
        } else if !c.is_whitespace() {
            punct += 1;
        }
        if matches!(c, '"' | '“' | '”' | '«' | '»' | '„') {
            quotes += 1;
        }
        if c.is_whitespace() && matches!(prev, '.' | '!' | '?') || c == '。' {
            inner_ends += 1;
        }
        prev = c;
    }
    let len = t.chars.clamp(1, 4000) as f32;
    let (count, first) = rep.keys.get(&t.key).copied().unwrap_or((1, i));
    let prefix_count = t.prefix.and_then(|p| rep.prefixes.get(&p).copied()).unwrap_or(0);
    // Other lines holding this line's start after their first word (minus itself, when its
    // own later words repeat its start).
    let inner = t.prefix.and_then(|p| rep.windows.get(&p).copied()).unwrap_or(0)
        - t.prefix.map_or(0, |p| t.windows.iter().filter(|&&w| w == p).count());
    sink.dense(line::BIAS, 1.0);
    sink.dense(line::CHARS, ln1(t.chars) / 6.0);
    sink.dense(line::WORDS, ln1(t.words) / 4.0);
    let wb = match t.words {
        0..=1 => line::WORDS_0_1,
        2 => line::WORDS_2,
        3..=5 => line::WORDS_3_5,
        6..=9 => line::WORDS_6_9,
        10..=19 => line::WORDS_10_19,
        20..=39 => line::WORDS_20_39,
        _ => line::WORDS_40_UP,
    };
    sink.flag(wb, true);
    sink.dense(line::STOPWORDS, t.stop);
    sink.dense(line::TITLE_CASE, t.title_case);
    sink.dense(line::DIGITS, digits as f32 / len);
    sink.dense(line::PUNCT, punct as f32 / len);
    sink.dense(line::UPPER, upper as f32 / (alpha as f32).max(1.0));
    sink.dense(line::CJK, cjk as f32 / len);
    sink.flag(line::SENTENCE_END, t.sentence_end);
    sink.flag(line::COLON_END, s.ends_with(':'));
    sink.flag(line::ELLIPSIS, t.ellipsis);
    sink.flag(line::COMMA_END, s.ends_with([',', ';']));
    sink.dense(line::INNER_ENDS, ln1(inner_ends) / 2.0);
    sink.flag(line::QUOTES, quotes > 0);
    sink.flag(line::BULLET, is_bullet_start(s));
    sink.flag(line::INDENTED, lines[i].indent > 0);
    sink.flag(line::NO_BLANK_BEFORE, lines[i].blank_before == 0);
    sink.flag(line::ONE_BLANK_BEFORE, lines[i].blank_before == 1);
    sink.flag(line::BLANKS_BEFORE, lines[i].blank_before >= 2);
    sink.flag(line::NO_LETTERS, alpha == 0);
    let lw = s.to_lowercase();
    // Cheap tests first, so most lines never reach a regex.
    sink.flag(line::URL,
        s.len() < 2000 && (lw.contains("http") || lw.contains("www.")) && patterns::URL.is_match(s),
    );
    sink.flag(line::EMAIL, s.len() < 2000 && s.contains('@') && patterns::EMAIL.is_match(s));
    sink.flag(line::DATE, t.date);
    sink.flag(line::TIME_ONLY, digits > 0 && patterns::TIME_ONLY.is_match(s));
    sink.flag(line::PHONE, s.len() < 400 && digits >= 6 && patterns::PHONE.is_match(s));
    sink.flag(line::COPYRIGHT,
        s.contains('©') || lw.contains("copyright") || lw.contains("all rights reserved"),
    );
    sink.dense(line::PIPES, ln1(pipes));
    sink.flag(line::REPEAT_FIRST, count >= 2 && first == i);
    sink.flag(line::REPEAT_LATER, count >= 2 && first < i);
    sink.flag(line::PREFIX_REPEAT, (prefix_count >= 2 && count < prefix_count) || inner > 0);
    sink.flag(line::TEASER, t.ellipsis && (prefix_count >= 2 || inner > 0));
    sink.flag(line::MARKER, t.marker);
    let pos = if n <= 1 { 0.0 } else { i as f32 / (n - 1) as f32 };
    sink.dense(line::POSITION, pos);
    sink.dense(line::POSITION_SQ, pos * pos);
    sink.flag(line::FIRST_LINES, i < 3);
    sink.flag(line::LAST_LINES, i + 3 >= n);
    sink.dense(line::PAGE_LINES, ln1(n) / 8.0);
    sink.flag(line::PROSE, t.words >= 10 && t.stop >= 0.2 && t.sentence_end);
    sink.flag(line::LONG, t.words >= 25);
    sink.flag(line::LOWERCASE_START, s.chars().next().is_some_and(char::is_lowercase));
    sink.flag(line::HEADLINE_CASE, t.words <= 12 && t.title_case >= 0.7 && !t.sentence_end);
    sink.flag(line::BY,
        lw.starts_with("by ")
            || lw.starts_with("von ")
            || lw.starts_with("par ")
            || lw.starts_with("por "),
    );
    sink.flag(line::NUMBER_START, s.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.words <= 3);
    sink.dense(line::STOPWORD_MASS, (t.stop * ln1(t.words)) / 3.0);
    sink.flag(line::CJK_TEXT, cjk as f32 / len > 0.3 && t.chars >= 40);
    sink.flag(line::SHORT_NO_END, t.words <= 3 && !t.sentence_end);
    sink.flag(line::LINK_TEXT, lw.contains("http") || lw.contains(".com"));
    sink.flag(line::EXCLAIM_END, s.ends_with('?') || s.ends_with('!'));
    sink.flag(line::COMMENT_CUE, t.comment);
    // An archive or category list entry with its post count: "10/28/12 - 11/04/12 (11)",
    // "Politics (24)".
    sink.flag(line::POST_COUNT,
        t.words <= 8
            && s.ends_with(')')
            && s.rsplit_once('(').is_some_and(|(_, c)| {
                c.len() > 1 && c[..c.len() - 1].bytes().all(|b| b.is_ascii_digit())
            }),
    );
}

/// The stage-1 features of every line, handed to `done(i, features)` in order as soon as
/// line `i`'s are complete and not kept, so that a long text never holds every line's
/// features at once. Returns the lines' dense features in compact form ([`DenseRows`]): all
/// that the later stages read of stage 1.
pub fn stage1_each(
    text: &str,
    lines: &[Line],
    st: &[LineStats],
    mut done: impl FnMut(usize, &mut Vec<(u32, f32)>),
) -> DenseRows {
    let rep = Repeats::new(st);
    let mut rows = DenseRows::with_lines(lines.len());
    let mut v = Vec::with_capacity(48);
    for i in 0..lines.len() {
        v.clear();
        dense(text, lines, st, &rep, i, &mut Sink { out: &mut v });
        rows.push(&v);
    }
    for i in 0..lines.len() {
        let mut v = Vec::with_capacity(128);
        rows.line(i, &mut v);
        let mut sink = Sink { out: &mut v };
        lexical(&text[lines[i].span.clone()], &st[i], 1, &mut sink);
        shape_conjunctions(lines, st, i, &mut sink);
        if i > 0 && st[i - 1].words <= 6 {
            lexical(&text[lines[i - 1].span.clone()], &st[i - 1], 2, &mut sink);
        }
        if i + 1 < lines.len() && st[i + 1].words <= 6 {
            lexical(&text[lines[i + 1].span.clone()], &st[i + 1], 3, &mut sink);
        }
        done(i, &mut v);
    }
    rows
}

/// Every line's dense features (indices below [`DENSE`]), about 60 bytes a line instead of
/// the 400 to 800 of a feature vector: which are non-zero and which of those are 1 as bits,
/// the other values in one array. [`DenseRows::line`] gives back exactly the dense and
/// neighbour part of the line's stage-1 vector, in the same order.
#[derive(Default)]
pub struct DenseRows {
    present: Vec<u64>,
    ones: Vec<u64>,
    /// Index into `values` of each line's first value, and one past the last line's.
    start: Vec<u32>,
    values: Vec<f32>,
}

impl DenseRows {
    /// Room for `n` lines.
    fn with_lines(n: usize) -> DenseRows {
        DenseRows {
            present: Vec::with_capacity(n),
            ones: Vec::with_capacity(n),
            start: Vec::with_capacity(n + 1),
            values: Vec::new(),
        }
    }

    /// Appends a line's dense features (ascending indices below [`DENSE`], no zeros).
    fn push(&mut self, v: &[(u32, f32)]) {
        if self.start.is_empty() {
            self.start.push(0);
        }
        let (mut present, mut ones) = (0u64, 0u64);
        for &(k, x) in v {
            present |= 1 << k;
            if x == 1.0 {
                ones |= 1 << k;
            } else {
                self.values.push(x);
            }
        }
        self.present.push(present);
        self.ones.push(ones);
        self.start.push(self.values.len() as u32);
    }

    /// Dense feature `k` of line `i`.
    fn value(&self, i: usize, k: usize) -> f32 {
        let bit = 1u64 << k;
        if self.present[i] & bit == 0 {
            0.0
        } else if self.ones[i] & bit != 0 {
            1.0
        } else {
            let before = (self.present[i] & !self.ones[i] & (bit - 1)).count_ones();
            self.values[self.start[i] as usize + before as usize]
        }
    }

    /// Appends line `i`'s dense features, then the copies of its neighbours' ([`NEIGH_SRC`]
    /// at [`OFFSETS`]; a missing neighbour is only the "bias" of its slot).
    pub fn line(&self, i: usize, out: &mut Vec<(u32, f32)>) {
        let (mut vals, mut p) = (self.start[i] as usize, self.present[i]);
        while p != 0 {
            let k = p.trailing_zeros() as usize;
            p &= p - 1;
            let x = if self.ones[i] & (1 << k) != 0 {
                1.0
            } else {
                vals += 1;
                self.values[vals - 1]
            };
            out.push((k as u32, x));
        }
        let n = self.present.len();
        for (o, &off) in OFFSETS.iter().enumerate() {
            let j = i as isize + off;
            let base = DENSE + o * NEIGH;
            if j < 0 || j >= n as isize {
                out.push((base as u32, -1.0));
                continue;
            }
            for (k, &src) in NEIGH_SRC.iter().enumerate() {
                let x = self.value(j as usize, src);
                if x != 0.0 {
                    out.push(((base + k) as u32, x));
                }
            }
        }
    }
}

/// What stage 2 reads of a line's stage-1 features: their dense and neighbour part.
pub trait Stage1Rows {
    /// Appends line `i`'s stage-1 features below [`HASH_BASE`], in order.
    fn dense_of(&self, i: usize, out: &mut Vec<(u32, f32)>);
}

impl Stage1Rows for DenseRows {
    fn dense_of(&self, i: usize, out: &mut Vec<(u32, f32)>) {
        self.line(i, out)
    }
}

fn word_bucket(w: usize) -> u8 {
    match w {
        0..=2 => 0,
        3..=5 => 1,
        6..=11 => 2,
        12..=24 => 3,
        _ => 4,
    }
}

/// Conjunctions of coarse shape values of the line and its neighbours, hashed: they let the
/// linear model see interactions ("long and wordy but no sentence end", "short line between
/// two paragraphs").
fn shape_conjunctions(lines: &[Line], st: &[LineStats], i: usize, sink: &mut Sink) {
    let t = &st[i];
    let sb = (t.stop * 10.0).min(4.0) as u8;
    let me =
        [word_bucket(t.words), sb, u8::from(t.sentence_end), lines[i].blank_before.min(2) as u8];
    let nb = |j: Option<usize>| {
        j.and_then(|j| st.get(j)).map_or(9, |x| word_bucket(x.words) * 2 + u8::from(x.sentence_end))
    };
    let (p, n) = (nb(i.checked_sub(1)), nb(Some(i + 1)));
    sink.hashed_bytes(20, &me);
    sink.hashed_bytes(21, &[me[0], me[1], me[2], p, n]);
    sink.hashed_bytes(22, &[me[0], me[2], p]);
    sink.hashed_bytes(23, &[me[0], me[2], n]);
    sink.hashed_bytes(
        24,
        &[
            me[0],
            u8::from(t.ellipsis),
            u8::from(t.marker),
            u8::from(t.date),
            (t.title_case * 4.0) as u8,
        ],
    );
}

/// Hashed words: the first word, every word (up to a cap) and, for short lines, the whole
/// line; `ns` separates the line itself from its neighbours.
fn lexical(s: &str, t: &LineStats, ns: u64, sink: &mut Sink) {
    let mut words = s
        .split_whitespace()
        .take(MAX_HASHED_WORDS)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '©').to_lowercase());
    if ns == 1 {
        if let Some(w) = words.next() {
            sink.hashed(10, &w);
            sink.hashed(11, &w);
        }
        for w in words.by_ref() {
            if !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()) {
                sink.hashed(11, &w);
            }
        }
    } else if let Some(w) = words.next() {
        sink.hashed(10 * ns, &w);
    }
    if t.words <= 5 && s.len() <= 80 {
        let norm: String = s
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .collect::<String>()
            .to_lowercase();
        sink.hashed(100 + ns, norm.trim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::layout::STAGE1_DIM;
    use crate::text::lines;

    /// Every line's stage-1 features, kept.
    fn stage1(text: &str, lines: &[Line], out: &mut Vec<Vec<(u32, f32)>>) {
        let st: Vec<LineStats> = lines.iter().map(|l| stats(&text[l.span.clone()])).collect();
        out.clear();
        stage1_each(text, lines, &st, |_, v| out.push(std::mem::take(v)));
    }

    #[test]
    fn compact_dense_rows_give_back_the_stage1_vectors_dense_part() {
        let text = "Home | News\n\n  • Related: a teaser…\nBy Jane Doe, 12 March 2021 10:44\nThe council voted on Monday, 7–2, to close the school; “we had no choice,” she said.\n© 2021 Example.com\n12\n\u{4e2d}\u{6587}\u{6807}\u{9898}\n";
        let ls = lines(text);
        let st: Vec<LineStats> = ls.iter().map(|l| stats(&text[l.span.clone()])).collect();
        let mut full = Vec::new();
        stage1(text, &ls, &mut full);
        let rows = stage1_each(text, &ls, &st, |_, _| {});
        assert_eq!(full.len(), ls.len());
        for (i, kept) in full.iter().enumerate() {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            a.extend(kept.iter().copied().filter(|&(k, _)| (k as usize) < HASH_BASE));
            rows.dense_of(i, &mut b);
            assert_eq!(a, b, "line {i}");
            assert!(
                a.iter().any(|&(k, x)| k as usize == line::BIAS && x == 1.0)
                    && a.iter().any(|&(k, _)| k as usize >= DENSE),
                "line {i}: {a:?}"
            );
            assert!(
                a.iter().any(|&(_, x)| x != 1.0 && x != -1.0),
                "line {i} has values besides flags: {a:?}"
            );
        }
    }

    #[test]
    fn bullets_and_markers() {
        assert!(is_bullet_start("• item"));
        assert!(is_bullet_start("12. item"));
        assert!(!is_bullet_start("2020 was"));
        assert!(!is_bullet_start("-5 degrees"));
        assert!(is_section_marker("Related items"));
        assert!(is_section_marker("MOST READ"));
        assert!(!is_section_marker("Related to this, the minister said the talks went well."));
        for c in [
            "Jacob said,",
            "Reply",
            "12 Comments:",
            "Posted by: Dirk Praet at November 9, 2012 9:45 PM",
            "on 12 Oct 2012 at 9:45 am Chris",
        ] {
            assert!(is_comment_cue(c), "{c}");
        }
        assert!(!is_comment_cue("The minister said the talks went well on Friday."));
        assert!(stats("Martin Bento 11.06.12 at 8:19 pm").stamp);
        assert!(stats("#1.8 - Tue Jul 24, 2012 2:06 PM EDT").stamp);
        assert!(!stats("The meeting ran from 9:30 to noon.").stamp);
        assert!(
            is_bare_stamp("23 November 2026 10:45")
                && is_bare_stamp("Updated 10:45 GMT, Nov 23, 2026")
        );
        assert!(
            !is_bare_stamp("Martin Bento 11.06.12 at 8:19 pm")
                && !is_bare_stamp("Posted by Matt at November 9, 2012 9:45 pm")
        );
    }

    #[test]
    fn repeats_and_teasers_are_seen() {
        let t = "A caption\nThe minister met his counterpart on Friday in Tbilisi to discuss the talks and more.\nA caption\nThe minister met his counterpart on Friday in Tbilisi to discuss...";
        let ls = lines(t);
        let mut out = Vec::new();
        stage1(t, &ls, &mut out);
        let has = |i: usize, k: u32| out[i].iter().any(|&(j, _)| j == k);
        let (first, later, teaser) =
            (line::REPEAT_FIRST as u32, line::REPEAT_LATER as u32, line::TEASER as u32);
        assert!(has(0, first) && has(2, later));
        assert!(has(3, teaser));
        assert!(!has(1, later));
    }

    #[test]
    fn feature_indices_stay_in_range() {
        let t = "x\n\n  • y — ©\n東京は日本の首都です。東京は日本の首都です。\nمرحبا بالعالم";
        let ls = lines(t);
        let mut out = Vec::new();
        stage1(t, &ls, &mut out);
        assert!(out.iter().flatten().all(|&(k, _)| (k as usize) < STAGE1_DIM));
    }
}
