//! Hashed sparse features: every feature is a 64-bit hash of (template, values), cut down to a
//! bucket of the model's weight table. Token strings are hashed once per token; a feature is
//! then a couple of multiplies, with no allocation.

/// The multiplier of FxHash.
const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes `x` into the running hash `h` (FxHash step).
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Maps typographic variants to the ASCII forms that CoNLL-style text uses, so that `’s`,
/// `“` and `—` in pasted pages look like the training data.
#[inline]
fn norm(c: char) -> char {
    match c {
        '’' | '‘' | '`' | '´' | '′' => '\'',
        '“' | '”' | '„' | '«' | '»' | '″' => '"',
        '–' | '—' | '‐' | '\u{2011}' | '−' => '-',
        _ => c,
    }
}

/// The first character is upper case.
pub const F_CAP: u32 = 1;
/// Every letter is upper case (and there is at least one... of two).
pub const F_ALLCAPS: u32 = 2;
/// Starts with a lower-case letter.
pub const F_LOWER: u32 = 4;
/// Starts with a digit.
pub const F_DIGIT: u32 = 8;
/// Of one to three letters (`of`, `the`, `in`: the words a Title-Case headline may leave in
/// lower case).
pub const F_SHORT: u32 = 16;

/// What the features need to know about one token, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    pub word: u64,
    pub lower: u64,
    pub shape: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub flags: u32,
    /// Gazetteer bits, 0 when none.
    pub gaz: u32,
    /// Word clusters (fine, mid, coarse), each + 1; 0 when unknown.
    pub cl: [u16; 3],
    /// Hash of the word in title case (first character kept, the rest lower-cased), with the
    /// same seed as `word`: a Brown-lexicon key for words in capitals.
    pub title: u64,
    /// Hash of the lower-cased word with the seed of `word`: the last Brown-lexicon key tried.
    pub lower1: u64,
    /// Brown-cluster path, root in the lowest bit; 0 when unknown.
    pub brown: u32,
}

#[cfg(any(test, feature = "lab"))]
/// Hash of a token's lower-cased, normalised form (the lexicon key).
pub fn lower_hash(s: &str) -> u64 {
    let mut h = 2u64;
    for c in s.chars() {
        let c = norm(c);
        let lc = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        h = mix(h, lc as u64);
    }
    h
}

/// Hash of a token's normalised form, case kept (the Brown-lexicon key; equals `tok_info(s).word`).
pub fn word_hash(s: &str) -> u64 {
    s.chars().fold(1u64, |h, c| mix(h, norm(c) as u64))
}

/// Computes the token information of `s`.
pub fn tok_info(s: &str) -> TokInfo {
    let mut hw = 1u64;
    let mut hl = 2u64;
    let mut ht = 1u64;
    let mut hl1 = 1u64;
    let mut hs = 3u64;
    let mut last_cls = '\0';
    let mut run = 0u32;
    let mut first = [0u32; 4];
    let mut ring = [0u32; 4];
    let mut n = 0usize;
    let (mut upper, mut lower, mut letters) = (0u32, 0u32, 0u32);
    let mut first_flags = 0;
    for c in s.chars() {
        let c = norm(c);
        hw = mix(hw, c as u64);
        let lc = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        hl = mix(hl, lc as u64);
        hl1 = mix(hl1, lc as u64);
        ht = mix(ht, if n == 0 { c } else { lc } as u64);
        if n < 4 {
            first[n] = lc as u32;
        }
        ring[n & 3] = lc as u32;
        let cls = if c.is_uppercase() {
            upper += 1;
            letters += 1;
            'X'
        } else if c.is_lowercase() {
            lower += 1;
            letters += 1;
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            letters += 1;
            'a'
        } else {
            c
        };
        if n == 0 {
            first_flags = match cls {
                'X' => F_CAP,
                'x' => F_LOWER,
                'd' => F_DIGIT,
                _ => 0,
            };
        }
        // Shape: classes with runs collapsed, but a run of two kept apart from longer runs.
        if cls == last_cls {
            run += 1;
            if run == 2 {
                hs = mix(hs, '+' as u64);
            }
        } else {
            hs = mix(hs, cls as u64);
            last_cls = cls;
            run = 1;
        }
        n += 1;
    }
    let mut info =
        TokInfo { word: hw, lower: hl, shape: hs, title: ht, lower1: hl1, ..TokInfo::default() };
    let mut hp = 4u64;
    for (k, (p, &c)) in info.pre.iter_mut().zip(&first).enumerate() {
        if k < n {
            hp = mix(hp, c as u64);
            *p = hp;
        } else {
            *p = 5;
        }
    }
    let mut hsuf = 6u64;
    for k in 0..4 {
        if k < n {
            hsuf = mix(hsuf, ring[(n - 1 - k) & 3] as u64);
            info.suf[k] = hsuf;
        } else {
            info.suf[k] = 7;
        }
    }
    info.flags = first_flags;
    if (1..=3).contains(&letters) {
        info.flags |= F_SHORT;
    }
    if upper > 0 && lower == 0 && letters > 0 {
        info.flags |= F_ALLCAPS;
    }
    info
}

/// Number of static (per-sentence) feature templates.
pub const NS: usize = 47;

const BOS: u64 = 0xB05;
const EOS: u64 = 0xE05;

#[inline]
fn f1(t: u64, a: u64) -> u64 {
    mix(mix(0x1000 + t, a), 0x9e37_79b9)
}
#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(0x1000 + t, a), b), 0x9e37_79b9)
}
#[inline]
fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(0x1000 + t, a), b), c), 0x9e37_79b9)
}

/// Context of a sentence: bit 0, written in capitals (a headline); bit 1, a table row (more
/// numbers than lower-case words, at least two of them); bit 2, written in Title Case (a
/// headline of a web page: at least four words, not in capitals, and at least 80% of the words
/// capitalised, not counting lower-case words of three letters or fewer). Bit 3, an item of a
/// list, depends on the neighbouring sentences and is set by [`super::DocInfo::fill`].
pub fn caps_mode(infos: &[TokInfo]) -> u64 {
    let (mut caps, mut words, mut lower, mut digits, mut cap, mut counted) = (0, 0, 0, 0, 0, 0);
    for t in infos {
        if t.flags & (F_CAP | F_LOWER) != 0 {
            words += 1;
            if t.flags & F_ALLCAPS != 0 {
                caps += 1;
            }
            if t.flags & F_LOWER != 0 {
                lower += 1;
            }
            if t.flags & F_CAP != 0 {
                cap += 1;
                counted += 1;
            } else if t.flags & F_SHORT == 0 {
                counted += 1;
            }
        } else if t.flags & F_DIGIT != 0 {
            digits += 1;
        }
    }
    let headline = words >= 2 && caps * 10 >= words * 7;
    let title = !headline && words >= 4 && counted > 0 && cap * 10 >= counted * 8;
    u64::from(headline) | (u64::from(digits >= 2 && digits > lower) << 1) | (u64::from(title) << 2)
}

#[cfg(any(test, feature = "lab"))]
/// The static features that hold the word itself (as written, lower-cased, with the sentence
/// mode, with the previous or next word): what online learning from corrections changes, so
/// that a correction teaches the word's label without shifting shared features.
pub const LEXICAL: [usize; 5] = [1, 2, 19, 20, 24];

/// Writes the static feature hashes of token `i` of a sentence into `out`.
/// `lc_elsewhere[i]` tells whether the word occurs lower-cased elsewhere in the document.
#[inline]
pub fn static_features(
    s: &[TokInfo],
    i: usize,
    mode: u64,
    lc_elsewhere: bool,
    out: &mut [u64; NS],
) {
    let t = &s[i];
    // The token `k` places away in the sentence, if any; outside it, words and shapes read as
    // the sentence boundary (BOS/EOS) and clusters as 0xFFFF.
    let at = |k: isize| i.checked_add_signed(k).and_then(|j| s.get(j));
    let edge = |k: isize| if k < 0 { BOS } else { EOS };
    let lw = |k: isize| at(k).map_or(edge(k), |x| x.lower);
    let sh = |k: isize| at(k).map_or(edge(k), |x| x.shape);
    let (l_1, l1, l_2, l2) = (lw(-1), lw(1), lw(-2), lw(2));
    let (s_1, s1, s_2, s2) = (sh(-1), sh(1), sh(-2), sh(2));
    let cl = |k: isize, level: usize| at(k).map_or(0xFFFF, |x| u64::from(x.cl[level]));
    let pos = if i == 0 {
        1
    } else if i + 1 == s.len() {
        2
    } else {
        0
    };
    out[0] = f1(0, 0);
    out[1] = f1(1, t.word);
    out[2] = f1(2, t.lower);
    out[3] = f1(3, t.shape);
    out[4] = f1(4, t.pre[0]);
    out[5] = f1(5, t.pre[1]);
    out[6] = f1(6, t.pre[2]);
    out[7] = f1(7, t.pre[3]);
    out[8] = f1(8, t.suf[0]);
    out[9] = f1(9, t.suf[1]);
    out[10] = f1(10, t.suf[2]);
    out[11] = f1(11, t.suf[3]);
    out[12] = f1(12, l_1);
    out[13] = f1(13, l1);
    out[14] = f1(14, l_2);
    out[15] = f1(15, l2);
    out[16] = f2(16, s_1, t.shape);
    out[17] = f2(17, t.shape, s1);
    out[18] = f3(18, s_1, t.shape, s1);
    out[19] = f2(19, l_1, t.lower);
    out[20] = f2(20, t.lower, l1);
    out[21] = f2(21, l_1, t.shape);
    out[22] = f2(22, t.shape, l1);
    out[23] = f3(23, mode, pos, t.shape);
    out[24] = f2(24, mode, t.lower);
    out[25] = f3(25, u64::from(lc_elsewhere), pos.min(1), t.shape);
    out[26] = f1(26, u64::from(t.gaz));
    out[27] = f2(27, u64::from(t.gaz), t.shape);
    out[28] = f3(28, s_2, s_1, t.shape);
    out[29] = f3(29, t.shape, s1, s2);
    out[30] = f1(30, cl(0, 0));
    out[31] = f1(31, cl(0, 1));
    out[32] = f1(32, cl(0, 2));
    out[33] = f1(33, cl(-1, 1));
    out[34] = f1(34, cl(1, 1));
    out[35] = f2(35, cl(0, 0), t.shape);
    out[36] = f2(36, cl(-1, 2), cl(0, 2));
    out[37] = f2(37, cl(0, 2), cl(1, 2));
    // Capitalised runs: length (capped) and where this token sits in its run.
    let cap = |j: usize| s[j].flags & F_CAP != 0;
    let (mut a, mut b) = (i, i + 1);
    if cap(i) {
        while a > 0 && cap(a - 1) {
            a -= 1;
        }
        while b < s.len() && cap(b) {
            b += 1;
        }
    }
    let run = if cap(i) { ((b - a).min(4) as u64) * 8 + ((i - a).min(3) as u64) } else { 0 };
    out[38] = f2(38, run, mode);
    out[39] = f3(39, mode, pos, t.lower);
    out[40] = f2(40, t.lower, s1);
    out[41] = f2(41, s_1, t.lower);
    out[42] = f2(42, run, t.shape);
    // Brown-cluster path prefixes of 4, 6, 10 and 20 bits (Ratinov & Roth 2009); a word
    // without a path reads as a value no prefix takes. (The neighbours' prefixes did not help.)
    let prefix =
        |bits: u32| if t.brown == 0 { 1 << 40 } else { u64::from(t.brown) & ((1 << bits) - 1) };
    out[43] = f1(43, prefix(4));
    out[44] = f1(44, prefix(6));
    out[45] = f1(45, prefix(10));
    out[46] = f1(46, prefix(20));
}

/// Document-level value of a token: what the first pass said about the same word elsewhere.
pub mod docval {
    /// First pass: nothing known yet.
    pub const UNKNOWN: u8 = 0;
    /// A capitalised word seen nowhere else.
    pub const ALONE: u8 = 1;
    /// Not a capitalised word.
    pub const PLAIN: u8 = 2;
    /// Elsewhere mostly outside names.
    pub const O: u8 = 3;
    // 4..=7: elsewhere mostly PER, ORG, LOC, MISC.
}

/// What the first pass said about a token's word elsewhere in its document (Ratinov & Roth
/// 2009's extended prediction history), and where the word's other occurrences stand (for
/// their context aggregation). See [`super::doc_values`] and [`super::ctx_values`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocVal {
    /// The majority type elsewhere ([`docval`]).
    pub v: u8,
    /// Share of each type (PER, ORG, LOC, MISC: bits 0-1, 2-3, 4-5, 6-7) at the other
    /// occurrences: none, under half, half or more, all.
    pub hist: u8,
    /// Kinds of the names the other occurrences were in (bits 0-3: B, I, L, U).
    pub kinds: u8,
    /// For a capitalised word seen capitalised elsewhere in the document, the document token
    /// indices of its first other occurrence and its nearest other occurrence, whose
    /// neighbouring words [`doc_features`] reads; [`NONE`] for both otherwise. Known to both
    /// passes. (Indices rather than the four words' hashes: 8 bytes a token instead of 16.)
    pub first: u32,
    pub near: u32,
}

/// No other occurrence ([`DocVal::first`], [`DocVal::near`]).
pub const NONE: u32 = u32::MAX;

impl Default for DocVal {
    fn default() -> DocVal {
        DocVal { v: docval::UNKNOWN, hist: 0, kinds: 0, first: NONE, near: NONE }
    }
}

/// The upper 32 bits of the lower-cased words before and after document token `j` (each with
/// the lowest bit set; the edges of the document read as 1).
#[inline]
pub fn around(doc: &[super::Slim], j: usize) -> [u64; 2] {
    let key = |h: u64| u64::from(((h >> 32) as u32) | 1);
    let p = if j == 0 { 0xB05 } else { doc[j - 1].lower };
    let q = if j + 1 >= doc.len() { 0xE05 } else { doc[j + 1].lower };
    [key(p), key(q)]
}

/// Most document-level templates: 4 always, then history, kinds and 4 context words when
/// they apply.
pub const ND: usize = 10;

/// Writes the document-level feature hashes of token `i` of a sentence (`dv` covers the
/// sentence, `doc` the whole document, whose token indices [`DocVal::first`] and
/// [`DocVal::near`] are) into `out`; returns how many. In the first pass (`v` unknown) only
/// the context words are known.
#[inline]
pub fn doc_features(
    shape: u64,
    dv: &[DocVal],
    i: usize,
    doc: &[super::Slim],
    out: &mut [u64; ND],
) -> usize {
    let dd = &dv[i];
    let d = u64::from(dd.v);
    let dp = if i == 0 { 99 } else { u64::from(dv[i - 1].v) };
    let dn = if i + 1 >= dv.len() { 98 } else { u64::from(dv[i + 1].v) };
    out[0] = f1(100, d);
    out[1] = f2(101, dp, d);
    out[2] = f2(102, d, dn);
    out[3] = f2(103, d, shape);
    let mut n = 4;
    if dd.v >= docval::O {
        out[n] = f2(104, u64::from(dd.hist), d);
        n += 1;
    }
    if dd.v > docval::O {
        out[n] = f2(105, u64::from(dd.kinds), d);
        n += 1;
    }
    if dd.first != NONE {
        let [a, b] = around(doc, dd.first as usize);
        let [c, e] = around(doc, dd.near as usize);
        for (k, c) in [a, b, c, e].into_iter().enumerate() {
            out[n] = f1(108 + k as u64, c);
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_case() {
        let a = tok_info("Lavrov");
        let b = tok_info("Blinken");
        assert_eq!(a.shape, b.shape);
        assert_eq!(a.flags, F_CAP);
        assert_ne!(tok_info("NATO").shape, a.shape);
        assert_eq!(tok_info("NATO").flags, F_CAP | F_ALLCAPS);
        assert_eq!(tok_info("Russia’s").word, tok_info("Russia's").word);
        assert_eq!(tok_info("LAVROV").lower, a.lower);
        assert_eq!(lower_hash("LAVROV"), a.lower);
        assert_eq!(tok_info("lavrov").suf, a.suf);
        assert_eq!(tok_info("").flags, 0);
    }

    #[test]
    fn sentence_modes() {
        let mode = |s: &str| caps_mode(&s.split(' ').map(tok_info).collect::<Vec<_>>());
        assert_eq!(mode("Blinken , Lavrov Meet Amid Ukraine Tensions"), 4);
        assert_eq!(mode("Man Charged in Death of Woman Found in River"), 4);
        assert_eq!(mode("Blinken met the Russian minister in Geneva"), 0);
        // A sentence dense with names reads as Title Case too, in CoNLL as on pages: the mode
        // is a hint the model weighs, not a rule.
        assert_eq!(mode("Blinken met Lavrov in Geneva on Friday"), 4);
        assert_eq!(mode("Mon Tue Wed"), 0);
        assert_eq!(mode("BLINKEN , LAVROV MEET AMID TENSIONS"), 1);
        assert_eq!(mode("of in on at"), 0);
    }
}
