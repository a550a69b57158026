//! The learned name tagger: PER, ORG, LOC and MISC in BIO labels.
//!
//! A linear model over hashed sparse features ([`features`]): the word, its lower-cased form,
//! shape, prefixes and suffixes, the words and shapes two tokens either side, sentence
//! position, headline (all-caps) context, lexicon hits (gazetteers and word clusters baked into
//! the model), and whether the word occurs lower-cased elsewhere in the document. Decoding is
//! Viterbi over label transitions that forbid `I-X` after anything but `B-X`/`I-X`.
//!
//! Tagging runs twice over a document: the first pass's labels give every capitalised word a
//! document-level value (the type it mostly got elsewhere in the same document), which the
//! second pass reads as four more features. One model serves both passes; the trainer
//! ([`train`]) teaches it both, with held-out first-pass labels for the second.
//!
//! The weights are one dense table of `i8` rows indexed by feature hash, so an analyst's
//! correction could later be applied in place as a perceptron update.

pub mod conll;
mod features;
mod model;
pub mod train;

pub use model::{Lexicon, Model};

use features::{docval, TokInfo, ND, NS};
use model::HashKeyed;
use std::ops::Range;
use std::sync::LazyLock;

/// Number of labels.
pub const L: usize = 9;

/// The labels, by index: `O`, then `B-`/`I-` for PER, ORG, LOC, MISC.
pub const LABELS: [&str; L] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

/// The entity types, by `type_of` index minus one.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// The type of a label: 0 for `O`, 1..=4 for PER, ORG, LOC, MISC.
#[inline]
pub fn type_of(label: u8) -> usize {
    (label as usize).div_ceil(2)
}

/// Whether a label is `I-` (inside).
#[inline]
pub fn is_inside(label: u8) -> bool {
    label > 0 && label % 2 == 0
}

/// Whether `cur` may follow `prev` (`prev == L` is the sentence start).
#[inline]
pub fn valid(prev: usize, cur: usize) -> bool {
    !is_inside(cur as u8) || (prev < L && prev > 0 && type_of(prev as u8) == type_of(cur as u8))
}

/// The label index of a tag such as `B-PER`.
pub fn label_index(tag: &str) -> Option<u8> {
    LABELS.iter().position(|&l| l == tag).map(|i| i as u8)
}

static EMBEDDED: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../models/ner.model")).unwrap_or_else(|| Model::empty(8))
});

/// The model compiled into the crate (`models/ner.model`), read on first use.
pub fn embedded() -> &'static Model {
    &EMBEDDED
}

/// Viterbi decoding of one sentence: `emit[i][l]` plus `trans`, invalid transitions excluded.
pub(crate) fn viterbi(emit: &[[f32; L]], trans: &[[f32; L]; L + 1], back: &mut Vec<[u8; L]>, out: &mut [u8]) {
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
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; L];
        for cur in 0..L {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for prev in 0..L {
                if valid(prev, cur) {
                    let s = score[prev] + trans[prev][cur];
                    if s > best {
                        best = s;
                        arg = prev as u8;
                    }
                }
            }
            next[cur] = best + emit[i][cur];
            back[i][cur] = arg;
        }
        score = next;
    }
    let mut best = 0;
    for l in 1..L {
        if score[l] > score[best] {
            best = l;
        }
    }
    out[n - 1] = best as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
}

/// Per-document token information shared by the tagger and the trainer.
#[derive(Default)]
pub(crate) struct DocInfo {
    pub infos: Vec<TokInfo>,
    pub lc: Vec<bool>,
    pub modes: Vec<u64>,
    lc_set: HashKeyed<()>,
    counts: HashKeyed<[u16; 5]>,
}

impl DocInfo {
    /// Fills the token information of a document.
    pub fn fill(&mut self, lexicon: &Lexicon, tokens: &[&str], sents: &[Range<usize>]) {
        self.infos.clear();
        self.lc.clear();
        self.modes.clear();
        self.lc_set.clear();
        for t in tokens {
            let mut info = features::tok_info(t);
            (info.gaz, info.cl) = lexicon.lookup(info.lower);
            if info.flags & features::F_LOWER != 0 {
                self.lc_set.insert(info.lower, ());
            }
            self.infos.push(info);
        }
        for info in &self.infos {
            self.lc.push(info.flags & features::F_CAP != 0 && self.lc_set.contains_key(&info.lower));
        }
        self.modes.resize(tokens.len(), 0);
        for s in sents {
            let m = features::caps_mode(&self.infos[s.clone()]);
            self.modes[s.clone()].fill(m);
        }
    }

    /// Static feature hashes of token `i` of sentence `s`.
    #[inline]
    pub fn static_features(&self, s: &Range<usize>, i: usize, out: &mut [u64; NS]) {
        features::static_features(&self.infos[s.clone()], i - s.start, self.modes[i], self.lc[i], out);
    }

    /// Document values from first-pass labels (`labels` covers the document).
    pub fn doc_values(&mut self, labels: &[u8], dv: &mut Vec<u8>) {
        doc_values(&self.infos, labels, &mut self.counts, dv);
    }
}

/// Document values of a document's tokens from its first-pass labels: for a capitalised
/// word, the type it got most often at its other occurrences.
pub(crate) fn doc_values(infos: &[TokInfo], labels: &[u8], counts: &mut HashKeyed<[u16; 5]>, dv: &mut Vec<u8>) {
    counts.clear();
    for (info, &l) in infos.iter().zip(labels) {
        if info.flags & features::F_CAP != 0 {
            let c = &mut counts.entry(info.lower).or_insert([0; 5])[type_of(l)];
            *c = c.saturating_add(1);
        }
    }
    dv.clear();
    for (info, &l) in infos.iter().zip(labels) {
        if info.flags & features::F_CAP == 0 {
            dv.push(docval::PLAIN);
            continue;
        }
        let mut c = counts[&info.lower];
        c[type_of(l)] = c[type_of(l)].saturating_sub(1);
        let mut best = 0;
        for t in 1..5 {
            if c[t] > c[best] {
                best = t;
            }
        }
        dv.push(if c[best] == 0 { docval::ALONE } else { docval::O + best as u8 });
    }
}

/// A tagger: a model plus reusable buffers, so tagging allocates nothing per token.
pub struct Tagger<'m> {
    model: &'m Model,
    doc: DocInfo,
    stat: Vec<[i32; L]>,
    emit: Vec<[f32; L]>,
    back: Vec<[u8; L]>,
    first: Vec<u8>,
    dv: Vec<u8>,
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
        self.doc.fill(&m.lexicon, tokens, sents);
        let n = tokens.len();
        self.stat.clear();
        self.stat.resize(n, [0; L]);
        let mut hs = [0u64; NS];
        for s in sents {
            for i in s.clone() {
                self.doc.static_features(s, i, &mut hs);
                let e = &mut self.stat[i];
                for &h in &hs {
                    let r = m.row(h);
                    let w = &m.weights[r..r + L];
                    for l in 0..L {
                        e[l] += i32::from(w[l]);
                    }
                }
            }
        }
        self.first.clear();
        self.first.resize(n, 0);
        self.dv.clear();
        self.dv.resize(n, docval::UNKNOWN);
        self.pass(sents, true);
        let first = std::mem::take(&mut self.first);
        let mut dv = std::mem::take(&mut self.dv);
        self.doc.doc_values(&first, &mut dv);
        self.dv = dv;
        self.first = first;
        self.pass(sents, false);
        out.clear();
        out.extend_from_slice(&self.first);
    }

    fn pass(&mut self, sents: &[Range<usize>], _first: bool) {
        let m = self.model;
        let mut hd = [0u64; ND];
        for s in sents {
            self.emit.clear();
            for i in s.clone() {
                let mut e = [0i32; L];
                e.copy_from_slice(&self.stat[i]);
                features::doc_features(&self.doc.infos[s.clone()], &self.dv[s.clone()], i - s.start, &mut hd);
                for &h in &hd {
                    let r = m.row(h);
                    let w = &m.weights[r..r + L];
                    for l in 0..L {
                        e[l] += i32::from(w[l]);
                    }
                }
                self.emit.push(e.map(|x| x as f32));
            }
            viterbi(&self.emit, &self.trans, &mut self.back, &mut self.first[s.clone()]);
        }
    }
}

/// Entity spans of a BIO label sequence: `(start, end, type)` with `type` in 1..=4, token
/// indices, end exclusive. An `I-` after a different type starts a new entity.
pub fn spans(labels: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let t = type_of(l);
        let continues = is_inside(l) && cur.is_some_and(|(_, ct)| ct == t);
        if !continues {
            if let Some((s, ct)) = cur.take() {
                out.push((s, i, ct));
            }
            if t > 0 {
                cur = Some((i, t));
            }
        }
    }
    if let Some((s, ct)) = cur {
        out.push((s, labels.len(), ct));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_transitions() {
        assert_eq!(type_of(0), 0);
        assert_eq!(type_of(1), 1);
        assert_eq!(type_of(8), 4);
        assert!(valid(1, 2) && valid(2, 2) && !valid(0, 2) && !valid(L, 2) && !valid(3, 2));
        assert_eq!(label_index("I-LOC"), Some(6));
        assert_eq!(spans(&[1, 2, 0, 5, 6, 6, 2, 7]), [(0, 2, 1), (3, 6, 3), (6, 7, 1), (7, 8, 4)]);
    }

    #[test]
    fn viterbi_respects_transitions() {
        let mut emit = vec![[0.0f32; L]; 2];
        emit[0][0] = 1.0;
        emit[1][2] = 5.0; // I-PER is best alone but cannot follow O
        emit[1][1] = 4.0;
        let mut out = [0u8; 2];
        viterbi(&emit, &[[0.0; L]; L + 1], &mut Vec::new(), &mut out);
        assert_eq!(out, [0, 1]);
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
