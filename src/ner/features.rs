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

pub use super::templates::{ND, NS};
use super::templates::*;

const BOS: u64 = 0xB05;
const EOS: u64 = 0xE05;

// The hash of a feature of template `t` (a number of `super::templates`) with one, two or three
// values.
#[inline]
fn f1(t: usize, a: u64) -> u64 {
    mix(mix(0x1000 + t as u64, a), 0x9e37_79b9)
}
#[inline]
fn f2(t: usize, a: u64, b: u64) -> u64 {
    mix(mix(mix(0x1000 + t as u64, a), b), 0x9e37_79b9)
}
#[inline]
fn f3(t: usize, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(0x1000 + t as u64, a), b), c), 0x9e37_79b9)
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
pub use super::templates::LEXICAL;

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
    out[BIAS] = f1(BIAS, 0);
    out[WORD] = f1(WORD, t.word);
    out[LOWER] = f1(LOWER, t.lower);
    out[SHAPE] = f1(SHAPE, t.shape);
    out[PREFIX1] = f1(PREFIX1, t.pre[0]);
    out[PREFIX2] = f1(PREFIX2, t.pre[1]);
    out[PREFIX3] = f1(PREFIX3, t.pre[2]);
    out[PREFIX4] = f1(PREFIX4, t.pre[3]);
    out[SUFFIX1] = f1(SUFFIX1, t.suf[0]);
    out[SUFFIX2] = f1(SUFFIX2, t.suf[1]);
    out[SUFFIX3] = f1(SUFFIX3, t.suf[2]);
    out[SUFFIX4] = f1(SUFFIX4, t.suf[3]);
    out[PREV_LOWER] = f1(PREV_LOWER, l_1);
    out[NEXT_LOWER] = f1(NEXT_LOWER, l1);
    out[PREV2_LOWER] = f1(PREV2_LOWER, l_2);
    out[NEXT2_LOWER] = f1(NEXT2_LOWER, l2);
    out[PREV_SHAPE_SHAPE] = f2(PREV_SHAPE_SHAPE, s_1, t.shape);
    out[SHAPE_NEXT_SHAPE] = f2(SHAPE_NEXT_SHAPE, t.shape, s1);
    out[PREV_SHAPE_SHAPE_NEXT_SHAPE] = f3(PREV_SHAPE_SHAPE_NEXT_SHAPE, s_1, t.shape, s1);
    out[PREV_LOWER_LOWER] = f2(PREV_LOWER_LOWER, l_1, t.lower);
    out[LOWER_NEXT_LOWER] = f2(LOWER_NEXT_LOWER, t.lower, l1);
    out[PREV_LOWER_SHAPE] = f2(PREV_LOWER_SHAPE, l_1, t.shape);
    out[SHAPE_NEXT_LOWER] = f2(SHAPE_NEXT_LOWER, t.shape, l1);
    out[MODE_POS_SHAPE] = f3(MODE_POS_SHAPE, mode, pos, t.shape);
    out[MODE_LOWER] = f2(MODE_LOWER, mode, t.lower);
    out[ELSEWHERE_EDGE_SHAPE] =
        f3(ELSEWHERE_EDGE_SHAPE, u64::from(lc_elsewhere), pos.min(1), t.shape);
    out[GAZ] = f1(GAZ, u64::from(t.gaz));
    out[GAZ_SHAPE] = f2(GAZ_SHAPE, u64::from(t.gaz), t.shape);
    out[PREV2_SHAPE_PREV_SHAPE_SHAPE] = f3(PREV2_SHAPE_PREV_SHAPE_SHAPE, s_2, s_1, t.shape);
    out[SHAPE_NEXT_SHAPE_NEXT2_SHAPE] = f3(SHAPE_NEXT_SHAPE_NEXT2_SHAPE, t.shape, s1, s2);
    out[CLUSTER_FINE] = f1(CLUSTER_FINE, cl(0, 0));
    out[CLUSTER_MID] = f1(CLUSTER_MID, cl(0, 1));
    out[CLUSTER_COARSE] = f1(CLUSTER_COARSE, cl(0, 2));
    out[PREV_CLUSTER_MID] = f1(PREV_CLUSTER_MID, cl(-1, 1));
    out[NEXT_CLUSTER_MID] = f1(NEXT_CLUSTER_MID, cl(1, 1));
    out[CLUSTER_FINE_SHAPE] = f2(CLUSTER_FINE_SHAPE, cl(0, 0), t.shape);
    out[PREV_CLUSTER_COARSE_CLUSTER_COARSE] =
        f2(PREV_CLUSTER_COARSE_CLUSTER_COARSE, cl(-1, 2), cl(0, 2));
    out[CLUSTER_COARSE_NEXT_CLUSTER_COARSE] =
        f2(CLUSTER_COARSE_NEXT_CLUSTER_COARSE, cl(0, 2), cl(1, 2));
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
    out[CAP_RUN_MODE] = f2(CAP_RUN_MODE, run, mode);
    out[MODE_POS_LOWER] = f3(MODE_POS_LOWER, mode, pos, t.lower);
    out[LOWER_NEXT_SHAPE] = f2(LOWER_NEXT_SHAPE, t.lower, s1);
    out[PREV_SHAPE_LOWER] = f2(PREV_SHAPE_LOWER, s_1, t.lower);
    out[CAP_RUN_SHAPE] = f2(CAP_RUN_SHAPE, run, t.shape);
    // Brown-cluster path prefixes of 4, 6, 10 and 20 bits (Ratinov & Roth 2009); a word
    // without a path reads as a value no prefix takes. (The neighbours' prefixes did not help.)
    let prefix =
        |bits: u32| if t.brown == 0 { 1 << 40 } else { u64::from(t.brown) & ((1 << bits) - 1) };
    out[BROWN4] = f1(BROWN4, prefix(4));
    out[BROWN6] = f1(BROWN6, prefix(6));
    out[BROWN10] = f1(BROWN10, prefix(10));
    out[BROWN20] = f1(BROWN20, prefix(20));
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
    out[0] = f1(DOC, d);
    out[1] = f2(PREV_DOC_DOC, dp, d);
    out[2] = f2(DOC_NEXT_DOC, d, dn);
    out[3] = f2(DOC_SHAPE, d, shape);
    let mut n = 4;
    if dd.v >= docval::O {
        out[n] = f2(DOC_HIST_DOC, u64::from(dd.hist), d);
        n += 1;
    }
    if dd.v > docval::O {
        out[n] = f2(DOC_KINDS_DOC, u64::from(dd.kinds), d);
        n += 1;
    }
    if dd.first != NONE {
        let [a, b] = around(doc, dd.first as usize);
        let [c, e] = around(doc, dd.near as usize);
        let templates = [FIRST_OTHER_PREV, FIRST_OTHER_NEXT, NEAR_OTHER_PREV, NEAR_OTHER_NEXT];
        for (t, h) in templates.into_iter().zip([a, b, c, e]) {
            out[n] = f1(t, h);
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
    fn the_templates_hash_as_the_model_was_trained() {
        // Every template's hashes for one sentence, folded into one number: renumbering a
        // template (`super::super::templates`) changes every feature it makes, and the model
        // would no longer find its weights.
        let s: Vec<TokInfo> = "Blinken met Lavrov in Geneva".split(' ').map(tok_info).collect();
        let mut h = 0u64;
        let mut hs = [0u64; NS];
        for i in 0..s.len() {
            static_features(&s, i, caps_mode(&s), i == 1, &mut hs);
            h = hs.iter().fold(h, |h, &x| mix(h, x));
        }
        let slim: Vec<super::super::Slim> = s
            .iter()
            .map(|t| super::super::Slim { lower: t.lower, shape: t.shape, flags: t.flags })
            .collect();
        let dv = [
            DocVal { v: docval::O + 1, hist: 3, kinds: 1, first: 2, near: 4 },
            DocVal { v: docval::PLAIN, ..DocVal::default() },
            DocVal { v: docval::O, hist: 1, kinds: 0, first: 0, near: 0 },
            DocVal::default(),
            DocVal { v: docval::ALONE, ..DocVal::default() },
        ];
        let mut hd = [0u64; ND];
        for (i, t) in s.iter().enumerate() {
            let n = doc_features(t.shape, &dv, i, &slim, &mut hd);
            h = hd[..n].iter().fold(h, |h, &x| mix(h, x));
        }
        assert_eq!(h, 8126753220292875274);
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
