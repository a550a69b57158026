//! The learned name tagger: PER, ORG, LOC and MISC.
//!
//! Labels are BILOU internally (17 labels); files are read in IOB1/IOB2/IOBES and written in
//! IOB2. A linear model over hashed sparse features ([`features`]): the word, its lower-cased form,
//! shape, prefixes and suffixes, the words and shapes two tokens either side, sentence
//! position, headline (all-caps) context, lexicon hits (gazetteers and word clusters baked into
//! the model), and whether the word occurs lower-cased elsewhere in the document. Decoding is
//! Viterbi over BILOU label transitions that forbid impossible sequences (`I-X` or `L-X`
//! without an open `X`, a sentence ending inside a name).
//!
//! Tagging runs twice over a document: the first pass's labels give every capitalised word a
//! document-level value (the type it mostly got elsewhere in the same document, the share of
//! each type there and the kinds of names it was in), which the second pass reads as up to six
//! more features; both passes also read the words around the word's other occurrences
//! (Ratinov & Roth 2009's context aggregation). One model serves both passes; the trainer
//! ([`train`]) teaches it both, with held-out first-pass labels for the second.
//!
//! The weights are one dense table of `i8` rows indexed by feature hash, so an analyst's
//! correction could later be applied in place as a perceptron update.


pub mod features;
pub mod format;
pub mod model;
pub mod templates;


pub use model::{Lexicon, Model};

use features::{docval, TokInfo, ND, NS};
use model::HashKeyed;
use std::ops::Range;
use std::sync::LazyLock;

/// Number of labels.
pub const L: usize = 17;

#[cfg(any(test, feature = "lab"))]
/// The labels, by index: `O`, then BILOU (begin, inside, last, unit) for PER, ORG, LOC, MISC.
pub const LABELS: [&str; L] = [
    "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-LOC", "I-LOC",
    "L-LOC", "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC",
];

#[cfg(feature = "lab")]
/// The entity types, by `type_of` index minus one.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

const B: u8 = 0;
const I: u8 = 1;
const LAST: u8 = 2;
const U: u8 = 3;

/// The type of a label: 0 for `O`, 1..=4 for PER, ORG, LOC, MISC.
#[inline]
pub fn type_of(label: u8) -> usize {
    if label == 0 {
        0
    } else {
        (label as usize - 1) / 4 + 1
    }
}

#[inline]
fn kind(label: u8) -> u8 {
    (label.wrapping_sub(1)) % 4
}

/// The label of `type` (1..=4) and kind.
#[inline]
fn label(ty: usize, k: u8) -> u8 {
    (1 + 4 * (ty - 1)) as u8 + k
}

/// Whether an entity is still open after `label` (`B-` or `I-`).
#[inline]
pub fn open(label: u8) -> bool {
    label != 0 && matches!(kind(label), B | I)
}

/// Whether `cur` may follow `prev` (`prev == L` is the sentence start): `I-`/`L-` continue an
/// open entity of their type; anything else needs none open.
#[inline]
pub fn valid(prev: usize, cur: usize) -> bool {
    let prev_open = prev < L && open(prev as u8);
    let cur = cur as u8;
    if cur != 0 && matches!(kind(cur), I | LAST) {
        prev_open && type_of(prev as u8) == type_of(cur)
    } else {
        !prev_open
    }
}

#[cfg(any(test, feature = "lab"))]
/// The IOB2 tag of a label (`U-`→`B-`, `L-`→`I-`).
pub fn iob2(label: u8) -> &'static str {
    const TAGS: [&str; 9] =
        ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];
    let t = type_of(label);
    if t == 0 {
        return "O";
    }
    TAGS[2 * t - 1 + usize::from(matches!(kind(label), I | LAST))]
}

#[cfg(any(test, feature = "lab"))]
/// The label index of a tag such as `U-PER`.
pub fn label_index(tag: &str) -> Option<u8> {
    LABELS.iter().position(|&l| l == tag).map(|i| i as u8)
}

#[cfg(any(test, feature = "lab"))]
/// BILOU labels of `n` tokens from entity spans `(start, end, type 1..=4)`.
pub fn labels_of(n: usize, spans: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for &(a, b, t) in spans {
        if b == a + 1 {
            out[a] = label(t, U);
        } else {
            out[a] = label(t, B);
            for x in &mut out[a + 1..b - 1] {
                *x = label(t, I);
            }
            out[b - 1] = label(t, LAST);
        }
    }
    out
}

// The tables are compiled in as they are used (`build.rs` decodes `models/ner.model`), so this
// only wraps them.
static EMBEDDED: LazyLock<Model> =
    LazyLock::new(Model::built_in);

/// The model compiled into the crate (`models/ner.model`).
pub fn embedded() -> &'static Model {
    &EMBEDDED
}

/// Whether the lower-case form of `word` is in the Brown-cluster lexicon: a word of ordinary
/// running text, be it also a place or a first name ("time", "space", "hill").
pub fn is_known_word(model: &Model, word: &str) -> bool {
    model.lexicon().has_brown(features::word_hash(&word.to_lowercase()))
}

/// Labels after which no entity is open (`O`, `L-`, `U-`), in label order.
const CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
/// Labels that need no open entity before them (`O`, `B-`, `U-`), in label order.
const STARTS: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/// Viterbi decoding of one sentence: `emit[i][l]` plus `trans`, invalid transitions excluded.
pub fn viterbi(
    emit: &[[f32; L]],
    trans: &[[f32; L]; L + 1],
    back: &mut Vec<[u8; L]>,
    out: &mut [u8],
) {
    let n = emit.len();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n, [0; L]);
    let mut score = [f32::NEG_INFINITY; L];
    for l in 0..L {
        if valid(L, l) {
            score[l] = trans[L][l] + emit[0][l];
        }
    }
    // With BILOU labels a label that needs no open entity (`O`, `B-`, `U-`: `STARTS`) may
    // follow exactly the labels that leave none open (`O`, `L-`, `U-`: `CLOSED`), and an `I-`
    // or `L-` exactly the `B-` and `I-` of its type (checked against `valid` by a test). The
    // 9 × 9 block is laid out densely so that its maxima vectorise without branches; each
    // maximum is the first of the largest in label order, as a scan of the valid previous labels would give.
    let mut block = [[0f32; 9]; 9];
    for (row, &p) in block.iter_mut().zip(&CLOSED) {
        for (x, &c) in row.iter_mut().zip(&STARTS) {
            *x = trans[p][c];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; L];
        let mut best = [f32::NEG_INFINITY; 9];
        let mut arg = [0u8; 9];
        for (row, &p) in block.iter().zip(&CLOSED) {
            let sp = score[p];
            for j in 0..9 {
                let s = sp + row[j];
                let better = s > best[j];
                best[j] = if better { s } else { best[j] };
                arg[j] = if better { p as u8 } else { arg[j] };
            }
        }
        for (j, &c) in STARTS.iter().enumerate() {
            next[c] = best[j] + emit[i][c];
            back[i][c] = arg[j];
        }
        for ty in 1..=4 {
            let (b, inside) = (label(ty, B) as usize, label(ty, I) as usize);
            for cur in [inside, label(ty, LAST) as usize] {
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0u8);
                for prev in [b, inside] {
                    let s = score[prev] + trans[prev][cur];
                    if s > best {
                        best = s;
                        arg = prev as u8;
                    }
                }
                next[cur] = best + emit[i][cur];
                back[i][cur] = arg;
            }
        }
        score = next;
    }
    // A sentence cannot end inside an entity.
    let mut best = 0;
    for l in 1..L {
        if !open(l as u8) && score[l] > score[best] {
            best = l;
        }
    }
    out[n - 1] = best as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
}

/// What is kept of every token of a document for the whole document: the hash of its
/// lower-cased form, its shape and its case flags (for the lower-cased-elsewhere feature, the
/// second pass's features and the document values). The full [`TokInfo`] of a token (with
/// its prefix and suffix hashes, gazetteer bits, clusters) exists only while its sentence is
/// scored, so a long paste holds 24 bytes a token here rather than 128.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Slim {
    pub lower: u64,
    pub shape: u64,
    pub flags: u32,
}

/// Per-document token information shared by the tagger and the trainer: a document-wide
/// pass ([`DocInfo::scan`]), then each sentence's static features in turn
/// ([`DocInfo::each_static`]).
#[derive(Default)]
pub struct DocInfo {
    pub slim: Vec<Slim>,
    lc_set: HashKeyed<()>,
    counts: HashKeyed<[u16; 9]>,
    /// Per sentence: at most four words (reused between documents).
    short: Vec<bool>,
    /// The current sentence's full token information.
    sent: Vec<TokInfo>,
}

impl DocInfo {
    /// The document-wide pass: every token's [`Slim`], the words seen in lower case, and
    /// which sentences have at most four words.
    pub fn scan(&mut self, tokens: &[&str], sents: &[Range<usize>]) {
        self.slim.clear();
        self.lc_set.clear();
        self.slim.reserve_exact(tokens.len());
        for t in tokens {
            let info = features::tok_info(t);
            if info.flags & features::F_LOWER != 0 {
                self.lc_set.insert(info.lower, ());
            }
            self.slim.push(Slim { lower: info.lower, shape: info.shape, flags: info.flags });
        }
        let words = |s: &Range<usize>| {
            self.slim[s.clone()]
                .iter()
                .filter(|t| t.flags & (features::F_CAP | features::F_LOWER) != 0)
                .count()
        };
        self.short.clear();
        self.short.extend(sents.iter().map(|s| words(s) <= 4));
    }

    /// Sentence `k`'s full token information (into `self.sent`) and its mode: headline and
    /// table modes from its tokens, and bit 3, "list item", for a sentence of at most four
    /// words next to another such (a menu, a list of links). Needs [`DocInfo::scan`] first.
    fn sentence(
        &mut self,
        lexicon: &Lexicon,
        tokens: &[&str],
        sents: &[Range<usize>],
        k: usize,
    ) -> u64 {
        self.sent.clear();
        for t in &tokens[sents[k].clone()] {
            let mut info = features::tok_info(t);
            (info.gaz, info.cl) = lexicon.lookup(info.lower);
            info.brown = lexicon.brown(&info);
            self.sent.push(info);
        }
        let short = &self.short;
        let list =
            short[k] && ((k > 0 && short[k - 1]) || short.get(k + 1).copied().unwrap_or(false));
        features::caps_mode(&self.sent) | (u64::from(list) << 3)
    }

    /// Whether token `i` is capitalised and its word also occurs in lower case in the document.
    fn lc(&self, i: usize) -> bool {
        let t = &self.slim[i];
        t.flags & features::F_CAP != 0 && self.lc_set.contains_key(&t.lower)
    }

    /// Scans the document, then calls `each(sentence, token index, static feature hashes)`
    /// for every token in order.
    pub fn each_static(
        &mut self,
        lexicon: &Lexicon,
        tokens: &[&str],
        sents: &[Range<usize>],
        mut each: impl FnMut(&Range<usize>, usize, &[u64; NS]),
    ) {
        self.scan(tokens, sents);
        let mut hs = [0u64; NS];
        for (k, s) in sents.iter().enumerate() {
            let mode = self.sentence(lexicon, tokens, sents, k);
            for i in s.clone() {
                features::static_features(&self.sent, i - s.start, mode, self.lc(i), &mut hs);
                each(s, i, &hs);
            }
        }
    }

    /// Document values from first-pass labels (`labels` covers the document); `dv` holds
    /// the other occurrences already ([`ctx_values`]).
    pub fn doc_values(&mut self, labels: &[u8], dv: &mut [features::DocVal]) {
        doc_values(&self.slim, labels, &mut self.counts, dv);
    }
}

/// Document values of a document's tokens from its first-pass labels (the other occurrences of
/// `dv` are kept): for a capitalised word, the type it got most often at its other
/// occurrences, the share of each type there, and the kinds of the names it was in
/// (Ratinov & Roth's extended prediction history).
pub fn doc_values(
    infos: &[Slim],
    labels: &[u8],
    counts: &mut HashKeyed<[u16; 9]>,
    dv: &mut [features::DocVal],
) {
    // Per word: occurrences by type (O, PER, ORG, LOC, MISC), then names by kind (B, I, L, U).
    counts.clear();
    for (info, &l) in infos.iter().zip(labels) {
        if info.flags & features::F_CAP != 0 {
            let e = counts.entry(info.lower).or_insert([0; 9]);
            e[type_of(l)] = e[type_of(l)].saturating_add(1);
            if l != 0 {
                let k = 5 + kind(l) as usize;
                e[k] = e[k].saturating_add(1);
            }
        }
    }
    for ((info, &l), d) in infos.iter().zip(labels).zip(dv.iter_mut()) {
        if info.flags & features::F_CAP == 0 {
            (d.v, d.hist, d.kinds) = (docval::PLAIN, 0, 0);
            continue;
        }
        let mut c = counts[&info.lower];
        c[type_of(l)] = c[type_of(l)].saturating_sub(1);
        if l != 0 {
            let k = 5 + kind(l) as usize;
            c[k] = c[k].saturating_sub(1);
        }
        let mut best = 0;
        for t in 1..5 {
            if c[t] > c[best] {
                best = t;
            }
        }
        let total: u32 = c[..5].iter().map(|&x| u32::from(x)).sum();
        let mut hist = 0u8;
        for (t, &x) in c[1..5].iter().enumerate() {
            let x = u32::from(x);
            let b = if x == 0 {
                0
            } else if 2 * x < total {
                1
            } else if x < total {
                2
            } else {
                3
            };
            hist |= b << (2 * t);
        }
        d.v = if c[best] == 0 { docval::ALONE } else { docval::O + best as u8 };
        d.hist = hist;
        d.kinds = (0..4).filter(|&k| c[5 + k] > 0).fold(0u8, |a, k| a | 1 << k);
    }
}

/// Context aggregation (Ratinov & Roth 2009): for each capitalised token whose word occurs
/// capitalised elsewhere in the document, the first other occurrence and the nearest other
/// occurrence (the previous one, else the next), whose neighbouring lower-cased words, across
/// sentence boundaries, the document features read (`Mr.` or `said` beside the name
/// elsewhere). Needs no labels, so both passes read it. Resets `dv` (one entry per token).
pub fn ctx_values(infos: &[Slim], dv: &mut Vec<features::DocVal>) {
    let n = infos.len();
    dv.clear();
    dv.resize(n, features::DocVal::default());
    // Token indices beyond `u32` (a document of 4 G tokens) read as having no other occurrence.
    let index = |i: usize| u32::try_from(i).unwrap_or(features::NONE);
    // The first two occurrences of each word, and each token's previous occurrence.
    let mut firsts: HashKeyed<[usize; 2]> = HashKeyed::default();
    let mut last: HashKeyed<usize> = HashKeyed::default();
    for (i, t) in infos.iter().enumerate() {
        if t.flags & features::F_CAP == 0 {
            continue;
        }
        let e = firsts.entry(t.lower).or_insert([usize::MAX; 2]);
        if e[0] == usize::MAX {
            e[0] = i;
        } else if e[1] == usize::MAX {
            e[1] = i;
        }
        if let Some(j) = last.insert(t.lower, i) {
            dv[i].near = index(j);
        }
    }
    last.clear();
    for i in (0..n).rev() {
        let t = &infos[i];
        if t.flags & features::F_CAP == 0 {
            continue;
        }
        if let Some(j) = last.insert(t.lower, i) {
            if dv[i].near == features::NONE {
                dv[i].near = index(j);
            }
        }
        let f = firsts[&t.lower];
        let first = if f[0] != i { f[0] } else { f[1] };
        if first != usize::MAX && index(first) != features::NONE && dv[i].near != features::NONE {
            dv[i].first = index(first);
        } else {
            dv[i].near = features::NONE;
        }
    }
}

/// A tagger: a model plus reusable buffers, so tagging allocates nothing per token.
pub struct Tagger<'m> {
    model: &'m Model,
    doc: DocInfo,
    stat: Vec<[i16; L]>,
    emit: Vec<[f32; L]>,
    back: Vec<[u8; L]>,
    first: Vec<u8>,
    dv: Vec<features::DocVal>,
    trans: [[f32; L]; L + 1],
}

impl<'m> Tagger<'m> {
    /// A tagger for `model`.
    pub fn new(model: &'m Model) -> Tagger<'m> {
        Tagger {
            model,
            doc: DocInfo::default(),
            stat: Vec::new(),
            emit: Vec::new(),
            back: Vec::new(),
            first: Vec::new(),
            dv: Vec::new(),
            trans: model.trans,
        }
    }

    /// Tags one document: `tokens` split into `sents` (ranges of token indices, in order,
    /// covering the tokens). Writes one label index per token into `out`.
    pub fn tag(&mut self, tokens: &[&str], sents: &[Range<usize>], out: &mut Vec<u8>) {
        let m = self.model;
        let n = tokens.len();
        self.stat.clear();
        self.stat.resize(n, [0; L]);
        let stat = &mut self.stat;
        self.doc.each_static(&m.lexicon, tokens, sents, |_, i, hs| stat[i] = m.sum_weights(hs));
        self.first.clear();
        self.first.resize(n, 0);
        ctx_values(&self.doc.slim, &mut self.dv);
        self.pass(sents);
        let first = std::mem::take(&mut self.first);
        let mut dv = std::mem::take(&mut self.dv);
        self.doc.doc_values(&first, &mut dv);
        self.dv = dv;
        self.first = first;
        self.pass(sents);
        out.clear();
        out.extend_from_slice(&self.first);
    }

    fn pass(&mut self, sents: &[Range<usize>]) {
        let m = self.model;
        let mut hd = [0u64; ND];
        for s in sents {
            self.emit.clear();
            for i in s.clone() {
                let nd = features::doc_features(
                    self.doc.slim[i].shape,
                    &self.dv[s.clone()],
                    i - s.start,
                    &self.doc.slim,
                    &mut hd,
                );
                let d = m.sum_weights(&hd[..nd]);
                let st = &self.stat[i];
                self.emit
                    .push(std::array::from_fn(|l| (i32::from(st[l]) + i32::from(d[l])) as f32));
            }
            viterbi(&self.emit, &self.trans, &mut self.back, &mut self.first[s.clone()]);
        }
    }
}

#[cfg(any(test, feature = "lab"))]
/// Online learning from a corrected document: a perceptron step on the words the tagger got
/// wrong. The document is tagged as [`Tagger::tag`] does; for each token whose label differs
/// from `gold`, the rows of its word features ([`features::LEXICAL`]: the word, lower-cased,
/// with the sentence mode, with its neighbours) gain `step` units for the gold label and lose
/// `step` for the predicted one (saturating at ±127; each row and label pair once per
/// document). Shared features (the bias, shapes, clusters) and the transitions are left alone:
/// they are learnt from whole corpora, and one page's corrections would shift them for every
/// word. The embedded model's table is copied on the first update. Returns how many tokens
/// were wrong before the step.
pub fn learn(
    model: &mut Model,
    tokens: &[&str],
    sents: &[Range<usize>],
    gold: &[u8],
    step: u8,
) -> usize {
    let mut pred = Vec::new();
    let mut rows: Vec<(usize, usize, usize)> = Vec::new();
    {
        let mut t = Tagger::new(model);
        t.tag(tokens, sents, &mut pred);
        t.doc.each_static(&model.lexicon, tokens, sents, |_, i, hs| {
            if gold[i] != pred[i] {
                rows.extend(
                    features::LEXICAL
                        .iter()
                        .map(|&k| (model.row(hs[k]), gold[i] as usize, pred[i] as usize)),
                );
            }
        });
    }
    let wrong = gold.iter().zip(&pred).filter(|(g, p)| g != p).count();
    if rows.is_empty() {
        return wrong;
    }
    rows.sort_unstable();
    rows.dedup();
    let step = step.min(127) as i8;
    let w = model.weights.to_mut();
    for (r, g, q) in rows {
        w[r + g] = (w[r + g] as i8).saturating_add(step) as u8;
        w[r + q] = (w[r + q] as i8).saturating_sub(step) as u8;
    }
    wrong
}

/// Entity spans of a BILOU label sequence: `(start, end, type)` with `type` in 1..=4, token
/// indices, end exclusive. Invalid sequences are read leniently: an `I-`/`L-` without an open
/// entity of its type starts one, and an entity left open ends where the next label starts.
pub fn spans(labels: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let t = type_of(l);
        let continues = l != 0 && matches!(kind(l), I | LAST) && cur.is_some_and(|(_, ct)| ct == t);
        if !continues {
            if let Some((s, ct)) = cur.take() {
                out.push((s, i, ct));
            }
            if t > 0 {
                cur = Some((i, t));
            }
        }
        if l != 0 && matches!(kind(l), LAST | U) {
            if let Some((s, ct)) = cur.take() {
                out.push((s, i + 1, ct));
            }
        }
    }
    if let Some((s, ct)) = cur {
        out.push((s, labels.len(), ct));
    }
    out
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn learning_from_a_correction_changes_that_word_only_in_the_copy() {
        // A newsletter (MISC) the tagger takes for something else.
        let toks = ["Sign", "up", "for", "Morning", "Brew", "and", "Target", "deals", "."];
        let sents = [0..9];
        let gold = labels_of(9, &[(3, 5, 4), (6, 7, 2)]);
        let mut m = embedded().clone();
        let before = {
            let mut out = Vec::new();
            Tagger::new(&m).tag(&toks, &sents, &mut out);
            out
        };
        assert_ne!(before, gold, "the example must start wrong");
        let wrong = learn(&mut m, &toks, &sents, &gold, 64);
        assert_eq!(wrong, before.iter().zip(&gold).filter(|(a, b)| a != b).count());
        let mut out = Vec::new();
        for _ in 0..3 {
            Tagger::new(&m).tag(&toks, &sents, &mut out);
            if out == gold {
                break;
            }
            learn(&mut m, &toks, &sents, &gold, 64);
        }
        assert_eq!(spans(&out), [(3, 5, 4), (6, 7, 2)]);
        // The embedded model is untouched, and a correct document changes nothing.
        let mut again = Vec::new();
        Tagger::new(embedded()).tag(&toks, &sents, &mut again);
        assert_eq!(again, before);
        let snapshot = m.weights.to_vec();
        assert_eq!(learn(&mut m, &toks, &sents, &gold, 64), 0);
        assert_eq!(m.weights.to_vec(), snapshot);
    }

    #[test]
    fn document_values_and_context_words() {
        let toks =
            ["Mr.", "Lavrov", "met", "Blinken", ".", "Lavrov", "said", "Blinken", "said", "lavrov"];
        let sents = [0..5, 5..10];
        let mut d = DocInfo::default();
        d.scan(&toks, &sents);
        let mut dv = Vec::new();
        ctx_values(&d.slim, &mut dv);
        let key = |w: &str| u64::from(((features::lower_hash(w) >> 32) as u32) | 1);
        let at = |dv: &[features::DocVal], i: usize| (dv[i].first, dv[i].near);
        // Each `Lavrov` sees the words around the other one; lower-case words see nothing.
        assert_eq!(at(&dv, 5), (1, 1));
        assert_eq!(features::around(&d.slim, 1), [key("Mr."), key("met")]);
        assert_eq!(at(&dv, 1), (5, 5));
        assert_eq!(features::around(&d.slim, 5), [key("."), key("said")]);
        assert_eq!(at(&dv, 2), (features::NONE, features::NONE));
        assert_eq!(
            at(&dv, 0),
            (features::NONE, features::NONE),
            "a word seen once has no context elsewhere"
        );
        assert_eq!(features::around(&d.slim, 9), [key("said"), 1], "the edge of the document");
        let l = |t: &str| label_index(t).unwrap();
        let labels = [0, l("U-PER"), 0, l("U-PER"), 0, l("U-PER"), 0, l("U-ORG"), 0, 0];
        d.doc_values(&labels, &mut dv);
        // The `Blinken` tagged ORG was PER alone elsewhere (all of one occurrence), and the
        // other way round; both kept their context words.
        assert_eq!((dv[7].v, dv[7].hist, dv[7].kinds), (docval::O + 1, 3, 1 << U));
        assert_eq!((dv[3].v, dv[3].hist, dv[3].kinds), (docval::O + 2, 3 << 2, 1 << U));
        assert_eq!(at(&dv, 7), (3, 3));
        assert_eq!((dv[2].v, dv[0].v), (docval::PLAIN, docval::ALONE));
        let mut hd = [0u64; ND];
        assert_eq!(
            features::doc_features(0, &dv[5..10], 2, &d.slim, &mut hd),
            ND,
            "all templates apply"
        );
        assert_eq!(features::doc_features(0, &dv[0..5], 0, &d.slim, &mut hd), 4);
    }

    #[test]
    fn short_sentences_side_by_side_are_list_items() {
        let toks = [
            "Home", "World", "Business", "Tech", "Markets", "He", "met", "Sergey", "Lavrov", "in",
            "Geneva", "on", "Monday", ".",
        ];
        let sents = [0..1, 1..2, 2..4, 4..5, 5..14];
        let mut d = DocInfo::default();
        let modes = |d: &mut DocInfo, toks: &[&str], sents: &[Range<usize>]| {
            let mut m = vec![0u64; toks.len()];
            d.scan(toks, sents);
            for k in 0..sents.len() {
                let mode = d.sentence(&Lexicon::default(), toks, sents, k);
                m[sents[k].clone()].fill(mode);
            }
            m
        };
        let m = modes(&mut d, &toks, &sents);
        let list: Vec<bool> = sents.iter().map(|s| m[s.start] & 8 != 0).collect();
        assert_eq!(list, [true, true, true, true, false]);
        // One short sentence alone is not a list.
        assert_eq!(modes(&mut d, &toks[3..], &[0..2, 2..11])[0] & 8, 0);
    }

    #[test]
    fn labels_and_transitions() {
        assert_eq!(type_of(0), 0);
        assert_eq!(type_of(1), 1);
        assert_eq!(type_of(16), 4);
        let l = |t: &str| label_index(t).unwrap() as usize;
        assert!(
            valid(l("B-PER"), l("I-PER"))
                && valid(l("I-PER"), l("L-PER"))
                && valid(l("L-PER"), l("U-ORG"))
        );
        assert!(!valid(0, l("I-PER")) && !valid(L, l("L-PER")) && !valid(l("B-ORG"), l("L-PER")));
        assert!(!valid(l("B-PER"), 0) && !valid(l("I-PER"), l("B-PER")) && valid(L, l("U-LOC")));
        assert_eq!(iob2(l("U-LOC") as u8), "B-LOC");
        assert_eq!(iob2(l("L-MISC") as u8), "I-MISC");
        let spans_in = [(0, 2, 1), (3, 6, 3), (6, 7, 1), (7, 8, 4)];
        let labels = labels_of(8, &spans_in);
        assert_eq!(
            labels.iter().map(|&x| LABELS[x as usize]).collect::<Vec<_>>(),
            ["B-PER", "L-PER", "O", "B-LOC", "I-LOC", "L-LOC", "U-PER", "U-MISC"]
        );
        assert_eq!(spans(&labels), spans_in);
        // Lenient reading of invalid sequences.
        assert_eq!(spans(&[l("I-PER") as u8, l("B-ORG") as u8]), [(0, 1, 1), (1, 2, 2)]);
    }

    #[test]
    fn transition_blocks_match_valid() {
        for cur in 0..L {
            for prev in 0..L {
                let want = if STARTS.contains(&cur) {
                    CLOSED.contains(&prev)
                } else {
                    open(prev as u8) && type_of(prev as u8) == type_of(cur as u8)
                };
                assert_eq!(valid(prev, cur), want, "{prev} -> {cur}");
            }
        }
    }

    /// Viterbi as a plain scan of every valid previous label (the reference).
    fn viterbi_scan(emit: &[[f32; L]], trans: &[[f32; L]; L + 1]) -> Vec<u8> {
        let n = emit.len();
        let mut back = vec![[0u8; L]; n];
        let mut score: [f32; L] = std::array::from_fn(|l| {
            if valid(L, l) {
                trans[L][l] + emit[0][l]
            } else {
                f32::NEG_INFINITY
            }
        });
        for i in 1..n {
            let mut next = [f32::NEG_INFINITY; L];
            for cur in 0..L {
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0u8);
                for prev in (0..L).filter(|&p| valid(p, cur)) {
                    let s = score[prev] + trans[prev][cur];
                    if s > best {
                        best = s;
                        arg = prev as u8;
                    }
                }
                next[cur] = best + emit[i][cur];
                back[i][cur] = arg;
            }
            score = next;
        }
        let mut out = vec![0u8; n];
        out[n - 1] =
            (0..L)
                .filter(|&l| !open(l as u8))
                .fold(0, |b, l| if score[l] > score[b] { l } else { b }) as u8;
        for i in (1..n).rev() {
            out[i - 1] = back[i][out[i] as usize];
        }
        out
    }

    #[test]
    fn viterbi_equals_a_plain_scan_ties_included() {
        // Small integer scores, as the quantised model gives, so that ties are frequent.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % m) as f32 - (m / 2) as f32
        };
        for round in 0..3000 {
            let m = if round % 2 == 0 { 3 } else { 40 };
            let trans: [[f32; L]; L + 1] =
                std::array::from_fn(|_| std::array::from_fn(|_| next(m)));
            let n = 1 + round % 9;
            let emit: Vec<[f32; L]> = (0..n).map(|_| std::array::from_fn(|_| next(m))).collect();
            let mut out = vec![0u8; n];
            viterbi(&emit, &trans, &mut Vec::new(), &mut out);
            assert_eq!(out, viterbi_scan(&emit, &trans), "round {round}");
        }
    }

    #[test]
    fn viterbi_respects_transitions() {
        let mut emit = vec![[0.0f32; L]; 2];
        emit[0][0] = 1.0;
        emit[1][2] = 5.0; // I-PER is best alone but cannot follow O, nor end a sentence
        emit[1][4] = 4.0; // U-PER
        let mut out = [0u8; 2];
        viterbi(&emit, &[[0.0; L]; L + 1], &mut Vec::new(), &mut out);
        assert_eq!(out, [0, 4]);
    }

    #[test]
    fn empty_model_tags_nothing() {
        let m = Model::empty(8);
        let mut t = Tagger::new(&m);
        let mut out = Vec::new();
        t.tag(&["Sergey", "Lavrov", "said"], &[0..3], &mut out);
        assert_eq!(spans(&out), []);
    }
}
