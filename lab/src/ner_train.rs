//! The trainer: a structured averaged perceptron, deterministic (a fixed-seed shuffle, integer
//! updates, one thread), so the same data and options always give the same model bytes.
//!
//! Every training sentence is seen twice per epoch: once as the first pass sees it (document
//! values unknown) and once as the second pass does, with document values computed from
//! *held-out* first-pass labels (each fold tagged by a model trained on the other folds), so
//! the model learns how far to trust the first pass on text it has not memorised.

use crate::conll::{evaluate, Doc};
use clipmark::ner::features::{DocVal, TokInfo, ND, NS};
use clipmark::ner::model::{HashKeyed, QMAX, W};
use clipmark::ner::{doc_values, viterbi, DocInfo, Lexicon, Model, Slim, L};
use std::ops::Range;

/// Training options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes over the training data.
    pub epochs: usize,
    /// log2 of the number of weight rows.
    pub bits: u32,
    /// Folds for the held-out first-pass labels.
    pub folds: usize,
    /// Epochs of each fold's model.
    pub fold_epochs: usize,
    /// Seed of the shuffle.
    pub seed: u64,
    /// Training runs with different shuffles whose weights are averaged.
    pub runs: usize,
    /// Gazetteers and word clusters, baked into the model.
    pub lexicon: Lexicon,
    /// Add a gazetteer of the training set's own names (held out per fold while training).
    pub train_gazetteer: bool,
    /// Share of the training sentences that get a Title-Case copy (see [`title_case_copies`]).
    pub title_case: f64,
    /// Whole pasted pages with gold names (see [`crate::conll::training_doc`]), trained on
    /// besides the column-file documents, without Title-Case copies.
    pub pages: Vec<Doc>,
    /// Quantised weights of magnitude below this are zero (pruned), so that fewer rows are stored.
    pub prune: u8,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            epochs: 10,
            bits: 18,
            folds: 4,
            fold_epochs: 8,
            seed: 0x5eed,
            runs: 5,
            lexicon: Lexicon::default(),
            train_gazetteer: true,
            title_case: 0.0,
            pages: Vec::new(),
            prune: 0,
        }
    }
}

/// Short words a headline in Title Case may leave in lower case.
const SMALL: [&str; 17] = [
    "a", "an", "the", "and", "but", "or", "nor", "of", "in", "on", "at", "to", "for", "by", "as",
    "vs", "via",
];

/// Case augmentation (Mayhew et al. 2019, for Title Case rather than lower case): for each
/// document, a copy of a fixed share `fraction` of its sentences with every word's first
/// letter in upper case, labels unchanged (one document of copies per document, possibly
/// empty), so that the model sees headlines as web pages write them (CoNLL-2003's are in
/// capitals). Only sentences whose copy reads as Title Case to the tagger (mode bit 2 of
/// `caps_mode`) and differs from the sentence are candidates; which of them are copied
/// depends only on the sentence's number in the file; every other copy keeps the short words
/// of `SMALL` in lower case (as many headlines do).
pub fn title_case_copies(docs: &[Doc], fraction: f64) -> Vec<Doc> {
    let mut number = 0u64;
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        let mut c = Doc::default();
        for s in &d.sents {
            number += 1;
            let h = clipmark::ner::features::mix(0x7171e, number);
            if ((h >> 11) as f64) / ((1u64 << 53) as f64) >= fraction {
                continue;
            }
            let keep_small = h & 1 == 1;
            let copy: Vec<String> = d.tokens[s.clone()]
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    let mut cs = t.chars();
                    match cs.next() {
                        Some(ch)
                            if ch.is_lowercase()
                                && !(keep_small && k > 0 && SMALL.contains(&t.as_str())) =>
                        {
                            ch.to_uppercase().chain(cs).collect()
                        }
                        _ => t.clone(),
                    }
                })
                .collect();
            let infos: Vec<TokInfo> =
                copy.iter().map(|t| clipmark::ner::features::tok_info(t)).collect();
            if clipmark::ner::features::caps_mode(&infos) & 4 == 0
                || copy[..] == d.tokens[s.clone()]
            {
                continue;
            }
            let start = c.tokens.len();
            c.tokens.extend(copy);
            c.gold.extend_from_slice(&d.gold[s.clone()]);
            c.sents.push(start..c.tokens.len());
        }
        out.push(c);
    }
    out
}

/// Hash of a lexicon word (lower-cased, typographic quotes and dashes normalised).
pub fn lexicon_key(word: &str) -> u64 {
    clipmark::ner::features::lower_hash(word)
}

/// Categories of gazetteer entries, by bit position (two bits each: the whole entry is this one
/// word; the word is part of a longer entry).
pub const GAZETTEER_CATEGORIES: [&str; 10] =
    ["LOC", "ORG", "PER", "MISC", "FIRST", "CITY", "COUNTRY", "REGION", "LAST", "COMPANY"];

/// Builds a lexicon from gazetteer files (lines `CATEGORY<TAB>phrase`, categories in
/// [`GAZETTEER_CATEGORIES`]; others and `#` lines are skipped; each word of a phrase gets its
/// category's bit) and a cluster file (lines `word<TAB>fine<TAB>mid<TAB>coarse`, fine < 4095,
/// each mid the same for all words of a fine cluster), and a Brown-cluster file (lines
/// `word<TAB>path`, the path a string of `0` and `1` from the root, at most 32 long; the word
/// as written, case kept; `#` lines skipped). Deterministic.
pub fn lexicon<'a>(
    gazetteers: impl IntoIterator<Item = &'a str>,
    clusters: Option<&str>,
    brown: Option<&str>,
) -> Lexicon {
    let mut map: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
    for text in gazetteers {
        for line in text.lines() {
            let Some((cat, phrase)) = line.split_once('\t') else { continue };
            let Some(c) = GAZETTEER_CATEGORIES.iter().position(|&x| x == cat.trim()) else {
                continue;
            };
            let toks = clipmark::tokens::tokenize(phrase, 0..phrase.len());
            let single = toks.len() == 1;
            for t in &toks {
                let w = &phrase[t.span.clone()];
                if !w.chars().next().is_some_and(char::is_alphanumeric) {
                    continue;
                }
                *map.entry(Lexicon::key(lexicon_key(w))).or_insert(0) |=
                    1 << (2 * c + usize::from(!single));
            }
        }
    }
    let mut levels: Vec<(u16, u16)> = Vec::new();
    for line in clusters.unwrap_or("").lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [w, fine, mid, coarse] = f[..] else { continue };
        let (Ok(fine), Ok(mid), Ok(coarse)) =
            (fine.parse::<u16>(), mid.parse::<u16>(), coarse.parse::<u16>())
        else {
            continue;
        };
        if u32::from(fine) + 1 > u32::MAX >> clipmark::ner::model::GAZ_BITS {
            continue;
        }
        if levels.len() <= fine as usize {
            levels.resize(fine as usize + 1, (0, 0));
        }
        levels[fine as usize] = (mid, coarse);
        let v = map.entry(Lexicon::key(lexicon_key(w))).or_insert(0);
        *v = (*v & clipmark::ner::model::GAZ_MASK)
            | (u32::from(fine + 1) << clipmark::ner::model::GAZ_BITS);
    }
    let mut paths = Vec::new();
    for line in brown.unwrap_or("").lines() {
        let Some((w, path)) = line.split_once('\t') else { continue };
        if line.starts_with('#')
            || path.is_empty()
            || path.len() > 32
            || !path.bytes().all(|b| b == b'0' || b == b'1')
        {
            continue;
        }
        let v = path.bytes().enumerate().fold(0u32, |v, (i, b)| v | (u32::from(b - b'0') << i));
        paths.push((Lexicon::key(clipmark::ner::features::word_hash(w)), v));
    }
    Lexicon::new(map.into_iter().collect(), levels).with_brown(paths)
}

/// Training data with features extracted once.
struct Prepared {
    infos: Vec<Slim>,
    rows: Vec<u32>,
    gold: Vec<u8>,
    /// Sentences as global token ranges, with their document.
    sents: Vec<(usize, Range<usize>)>,
    docs: Vec<Range<usize>>,
}

/// Adds to `base` a gazetteer of the names in `docs` that `keep` selects: each capitalised
/// word of a gold entity gets the bit of its type (categories PER, ORG, LOC, MISC).
fn with_names(base: &Lexicon, docs: &[Doc], keep: impl Fn(usize) -> bool) -> Lexicon {
    let mut map: std::collections::BTreeMap<u32, u32> = base.entries().into_iter().collect();
    for (_, doc) in docs.iter().enumerate().filter(|(d, _)| keep(*d)) {
        for &(a, b, t) in &clipmark::ner::spans(&doc.gold) {
            // TYPES order is PER, ORG, LOC, MISC; categories are LOC, ORG, PER, MISC.
            let c = [2usize, 1, 0, 3][t - 1];
            for w in &doc.tokens[a..b] {
                if w.chars().next().is_some_and(char::is_uppercase) {
                    *map.entry(Lexicon::key(lexicon_key(w))).or_insert(0) |=
                        1 << (2 * c + usize::from(b - a > 1));
                }
            }
        }
    }
    Lexicon::new(map.into_iter().collect(), base.levels.to_vec()).with_brown(base.brown_entries())
}

fn prepare(
    docs: &[Doc],
    origin: &[usize],
    lexicon: &Lexicon,
    bits: u32,
    fold_lexicons: &[Lexicon],
) -> Prepared {
    let mut p = Prepared {
        infos: Vec::new(),
        rows: Vec::new(),
        gold: Vec::new(),
        sents: Vec::new(),
        docs: Vec::new(),
    };
    let mut di = DocInfo::default();
    for (d, doc) in docs.iter().enumerate() {
        let base = p.infos.len();
        let toks: Vec<&str> = doc.tokens.iter().map(String::as_str).collect();
        let lex = if fold_lexicons.is_empty() {
            lexicon
        } else {
            &fold_lexicons[origin[d] % fold_lexicons.len()]
        };
        di.each_static(lex, &toks, &doc.sents, |_, _, hs| {
            p.rows.extend(hs.iter().map(|&h| (h >> (64 - bits)) as u32))
        });
        p.sents.extend(doc.sents.iter().map(|s| (d, base + s.start..base + s.end)));
        p.infos.extend_from_slice(&di.slim);
        p.gold.extend_from_slice(&doc.gold);
        p.docs.push(base..p.infos.len());
    }
    p
}

/// Perceptron state: current weights, and sums for averaging.
struct Perceptron {
    bits: u32,
    w: Vec<i32>,
    u: Vec<i64>,
    tw: [[i32; L]; L + 1],
    tu: [[i64; L]; L + 1],
    c: i64,
    /// The weight rows of the token at hand ([`token_rows`]).
    kept: Vec<u32>,
}

/// The document-level rows (of a table of 2^`bits` rows) of token `i` of sentence `s` of
/// document `d`.
fn doc_rows(
    p: &Prepared,
    dv: &[DocVal],
    d: usize,
    s: &Range<usize>,
    i: usize,
    bits: u32,
) -> ([u32; ND], usize) {
    let mut hd = [0u64; ND];
    let n = clipmark::ner::features::doc_features(
        p.infos[i].shape,
        &dv[s.clone()],
        i - s.start,
        &p.infos[p.docs[d].clone()],
        &mut hd,
    );
    (hd.map(|h| (h >> (64 - bits)) as u32), n)
}

/// The weight rows of token `i` (of a table of 2^`bits` rows): its static rows, then its
/// document rows.
fn token_rows(
    p: &Prepared,
    dv: &[DocVal],
    d: usize,
    s: &Range<usize>,
    i: usize,
    bits: u32,
    out: &mut Vec<u32>,
) {
    out.clear();
    out.extend_from_slice(&p.rows[i * NS..(i + 1) * NS]);
    let (dr, n) = doc_rows(p, dv, d, s, i, bits);
    out.extend_from_slice(&dr[..n]);
}

impl Perceptron {
    fn new(bits: u32) -> Perceptron {
        let n = (1usize << bits) * L;
        Perceptron {
            bits,
            w: vec![0; n],
            u: vec![0; n],
            tw: [[0; L]; L + 1],
            tu: [[0; L]; L + 1],
            c: 1,
            kept: Vec::new(),
        }
    }

    /// One perceptron step on sentence `sent` with document values `dv`.
    fn step(
        &mut self,
        p: &Prepared,
        dv: &[DocVal],
        sent: usize,
        emit: &mut Vec<[f32; L]>,
        back: &mut Vec<[u8; L]>,
        pred: &mut Vec<u8>,
    ) {
        let (d, ref s) = p.sents[sent];
        emit.clear();
        let mut kept = std::mem::take(&mut self.kept);
        for i in s.clone() {
            let mut e = [0i32; L];
            token_rows(p, dv, d, s, i, self.bits, &mut kept);
            for &r in &kept {
                let w = &self.w[r as usize * L..r as usize * L + L];
                for l in 0..L {
                    e[l] += w[l];
                }
            }
            emit.push(e.map(|x| x as f32));
        }
        let trans = self.tw.map(|r| r.map(|x| x as f32));
        pred.clear();
        pred.resize(s.len(), 0);
        viterbi(emit, &trans, back, pred);
        let gold = &p.gold[s.clone()];
        if pred.as_slice() != gold {
            let c = self.c;
            for (k, i) in s.clone().enumerate() {
                let (g, q) = (gold[k] as usize, pred[k] as usize);
                if g != q {
                    token_rows(p, dv, d, s, i, self.bits, &mut kept);
                    for &r in &kept {
                        let base = r as usize * L;
                        self.w[base + g] += 1;
                        self.u[base + g] += c;
                        self.w[base + q] -= 1;
                        self.u[base + q] -= c;
                    }
                }
                let gp = if k == 0 { L } else { gold[k - 1] as usize };
                let qp = if k == 0 { L } else { pred[k - 1] as usize };
                if (gp, g) != (qp, q) {
                    self.tw[gp][g] += 1;
                    self.tu[gp][g] += c;
                    self.tw[qp][q] -= 1;
                    self.tu[qp][q] -= c;
                }
            }
        }
        self.kept = kept;
        self.c += 1;
    }

    /// Averaged weights.
    fn averaged(&self) -> (Vec<f32>, [[f32; L]; L + 1]) {
        let c = self.c as f64;
        let w =
            self.w.iter().zip(&self.u).map(|(&w, &u)| (w as f64 - u as f64 / c) as f32).collect();
        let t = std::array::from_fn(|a| {
            std::array::from_fn(|b| (self.tw[a][b] as f64 - self.tu[a][b] as f64 / c) as f32)
        });
        (w, t)
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[allow(clippy::too_many_arguments)]
/// Runs `epochs` of the perceptron over `instances` (sentence index, use `dv_second`).
fn run(
    p: &Prepared,
    bits: u32,
    instances: &[(usize, bool)],
    dv_first: &[DocVal],
    dv_second: &[DocVal],
    epochs: usize,
    seed: u64,
    mut after_epoch: impl FnMut(usize, &Perceptron),
) -> Perceptron {
    let mut pc = Perceptron::new(bits);
    let mut rng = Rng(seed | 1);
    let mut order = instances.to_vec();
    let (mut emit, mut back, mut pred) = (Vec::new(), Vec::new(), Vec::new());
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &(s, second) in &order {
            let dv = if second { dv_second } else { dv_first };
            pc.step(p, dv, s, &mut emit, &mut back, &mut pred);
        }
        after_epoch(epoch, &pc);
    }
    pc
}

/// Adds a run's averaged weights and transitions to running sums.
fn add(w_sum: &mut [f32], t_sum: &mut [[f32; L]; L + 1], w: &[f32], t: &[[f32; L]; L + 1]) {
    for (a, b) in w_sum.iter_mut().zip(w) {
        *a += b;
    }
    for (ra, rb) in t_sum.iter_mut().zip(t) {
        for (a, b) in ra.iter_mut().zip(rb) {
            *a += b;
        }
    }
}

/// Quantises averaged weights to an `i8` model: the largest weight maps to ±`QMAX`.
fn quantise(bits: u32, w: &[f32], t: &[[f32; L]; L + 1], lexicon: &Lexicon, prune: u8) -> Model {
    let max = w.iter().fold(0f32, |m, x| m.max(x.abs()));
    let max = if max > 0.0 { max } else { 1.0 }.max(1e-9);
    let scale = max / QMAX;
    let q = w
        .iter()
        .map(|&x| (x / scale).round().clamp(-QMAX, QMAX) as W)
        .map(|q| if q.unsigned_abs() < prune { 0 } else { q })
        .collect();
    let trans = t.map(|r| r.map(|x| x / scale));
    Model::from_parts(bits, q, scale, trans, lexicon.clone())
}

/// Trains a model on `train`; `dev` (may be empty) is tagged after each epoch and its F1
/// passed to `log`. Deterministic.
pub fn train(train: &[Doc], dev: &[Doc], opts: &Options, log: &mut dyn FnMut(&str)) -> Model {
    // Title-Case copies: a document of their own after all the originals, in the fold of the
    // document they come from (so that no copy finds its own names in its fold's gazetteer).
    let mut augmented = train.to_vec();
    let mut origin: Vec<usize> = (0..train.len()).collect();
    if opts.title_case > 0.0 {
        for (d, c) in title_case_copies(train, opts.title_case)
            .into_iter()
            .enumerate()
            .filter(|(_, c)| !c.tokens.is_empty())
        {
            augmented.push(c);
            origin.push(d);
        }
    }
    // Pages, each once, in a fold of its own number.
    for page in &opts.pages {
        origin.push(augmented.len());
        augmented.push(page.clone());
    }
    let train = &augmented[..];
    // With a gazetteer of the training names, each document sees only the names of the other
    // folds (as a page never seen would), and the model keeps the names of all.
    let folds = opts.folds.max(2);
    let (lexicon, fold_lexicons) = if opts.train_gazetteer {
        let all = with_names(&opts.lexicon, train, |_| true);
        let per_fold: Vec<Lexicon> = (0..folds)
            .map(|k| with_names(&opts.lexicon, train, |d| origin[d] % folds != k))
            .collect();
        (all, per_fold)
    } else {
        (opts.lexicon.clone(), Vec::new())
    };
    let p = prepare(train, &origin, &lexicon, opts.bits, &fold_lexicons);
    log(&format!(
        "{} documents, {} sentences, {} tokens",
        p.docs.len(),
        p.sents.len(),
        p.gold.len()
    ));
    let n = p.gold.len();
    // The first pass knows the context words only.
    let mut dv_first = Vec::with_capacity(n);
    let mut dv = Vec::new();
    for d in &p.docs {
        clipmark::ner::ctx_values(&p.infos[d.clone()], &mut dv);
        dv_first.extend_from_slice(&dv);
    }
    // Held-out first-pass labels for every training token.
    let mut first = vec![0u8; n];
    for k in 0..folds {
        let inst: Vec<(usize, bool)> = p
            .sents
            .iter()
            .enumerate()
            .filter(|(_, (d, _))| origin[*d] % folds != k)
            .map(|(i, _)| (i, false))
            .collect();
        let pc = run(
            &p,
            opts.bits,
            &inst,
            &dv_first,
            &dv_first,
            opts.fold_epochs,
            opts.seed + k as u64,
            |_, _| {},
        );
        let (w, t) = pc.averaged();
        let (mut emit, mut back) = (Vec::new(), Vec::new());
        for (d, s) in p.sents.iter().filter(|(d, _)| origin[*d] % folds == k) {
            emit.clear();
            for i in s.clone() {
                let mut e = [0f32; L];
                let dr = doc_rows(&p, &dv_first, *d, s, i, pc.bits);
                for &r in p.rows[i * NS..(i + 1) * NS].iter().chain(&dr.0[..dr.1]) {
                    for l in 0..L {
                        e[l] += w[r as usize * L + l];
                    }
                }
                emit.push(e);
            }
            viterbi(&emit, &t, &mut back, &mut first[s.clone()]);
        }
        log(&format!("fold {}/{} tagged", k + 1, folds));
    }
    let mut dv_second = Vec::with_capacity(n);
    let mut counts = HashKeyed::default();
    for d in &p.docs {
        dv.clear();
        dv.extend_from_slice(&dv_first[d.clone()]);
        doc_values(&p.infos[d.clone()], &first[d.clone()], &mut counts, &mut dv);
        dv_second.extend_from_slice(&dv);
    }
    let acc = first.iter().zip(&p.gold).filter(|(a, b)| a == b).count() as f64 / n.max(1) as f64;
    log(&format!("held-out first-pass token accuracy {:.2}%", 100.0 * acc));
    let inst: Vec<(usize, bool)> =
        (0..p.sents.len()).flat_map(|i| [(i, false), (i, true)]).collect();
    // One or more runs with different shuffles; their averaged weights are averaged again.
    let runs = opts.runs.max(1);
    let mut w_sum: Vec<f32> = Vec::new();
    let mut t_sum = [[0f32; L]; L + 1];
    for r in 0..runs {
        let seed = opts.seed.wrapping_add(1000 * r as u64);
        let pc =
            run(&p, opts.bits, &inst, &dv_first, &dv_second, opts.epochs, seed, |epoch, pc| {
                if !dev.is_empty() && (runs == 1 || epoch + 1 == opts.epochs) {
                    let (w, t) = pc.averaged();
                    let m = quantise(opts.bits, &w, &t, &lexicon, opts.prune);
                    let s = evaluate(dev, &m);
                    log(&format!("run {} epoch {:2}: dev F1 {:.2}", r + 1, epoch + 1, s.all.f1()));
                } else {
                    log(&format!("run {} epoch {:2}", r + 1, epoch + 1));
                }
            });
        let (w, t) = pc.averaged();
        if w_sum.is_empty() {
            w_sum = w;
            t_sum = t;
        } else {
            add(&mut w_sum, &mut t_sum, &w, &t);
        }
    }
    let m = quantise(opts.bits, &w_sum, &t_sum, &lexicon, opts.prune);
    if runs > 1 && !dev.is_empty() {
        log(&format!("{runs} runs averaged: dev F1 {:.2}", evaluate(dev, &m).all.f1()));
    }
    m
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::conll::read;
    use clipmark::ner::{spans, Tagger};

    const TOY: &str = "-DOCSTART- O\n\nPeter I-PER\nBlackburn I-PER\nvisited O\nParis I-LOC\n.\tO\n\nBlackburn I-PER\nleft O\nParis I-LOC\n\n-DOCSTART- O\n\nMary I-PER\nSmith I-PER\nflew O\nto O\nLondon I-LOC\n\n";

    #[test]
    fn title_case_copies_keep_labels() {
        let docs = read("Blinken NNP B-NP B-PER\nmet VBD B-VP O\nthe DT B-NP O\nminister NN I-NP O\nin IN B-PP O\nGeneva NNP B-NP B-LOC\n\n");
        let c = title_case_copies(&docs, 1.0);
        assert_eq!(c.len(), 1);
        assert!(
            c[0].tokens == ["Blinken", "Met", "The", "Minister", "In", "Geneva"]
                || c[0].tokens == ["Blinken", "Met", "the", "Minister", "in", "Geneva"]
        );
        assert_eq!(c[0].gold, docs[0].gold);
        assert!(title_case_copies(&docs, 0.0)[0].tokens.is_empty());
    }

    #[test]
    fn learns_a_toy_corpus_deterministically() {
        let docs = read(TOY);
        let opts = Options { epochs: 5, bits: 12, folds: 2, fold_epochs: 2, ..Options::default() };
        let m1 = train(&docs, &[], &opts, &mut |_| {});
        let m2 = train(&docs, &[], &opts, &mut |_| {});
        assert_eq!(m1.to_bytes(), m2.to_bytes());
        let mut t = Tagger::new(&m1);
        let mut out = Vec::new();
        t.tag(&["Mary", "Smith", "flew", "to", "London"], &[0..5], &mut out);
        assert_eq!(spans(&out), [(0, 2, 1), (4, 5, 3)]);
    }

    #[test]
    fn trainer_is_deterministic_and_learns() {
        let docs = crate::conll::read(include_str!("../../tests/fixtures/tiny.conll"));
        let opts = Options { epochs: 6, bits: 14, folds: 2, fold_epochs: 3, ..Default::default() };
        let a = train(&docs, &docs, &opts, &mut |_| {});
        let b = train(&docs, &docs, &opts, &mut |_| {});
        assert_eq!(a.to_bytes(), b.to_bytes());
        let back = Model::from_bytes(&a.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), a.to_bytes());
        let s = crate::conll::evaluate(&docs, &back);
        assert!(s.all.f1() > 90.0, "{}", s.report());
        let mut tagger = Tagger::new(&back);
        let mut out = Vec::new();
        tagger.tag(&["Maria", "Lopez", "visited", "Oslo"], &[0..4], &mut out);
        assert_eq!(spans(&out), [(0, 2, 1), (3, 4, 3)]);
    }

    #[test]
    fn tag_file_keeps_lines_and_adds_a_column() {
        let input = include_str!("../../tests/fixtures/tiny.conll");
        let out = crate::conll::tag_file(input, clipmark::ner::embedded());
        assert_eq!(out.lines().count(), input.lines().count());
        for (a, b) in input.lines().zip(out.lines()) {
            if a.is_empty() {
                assert!(b.is_empty());
            } else {
                assert!(b.starts_with(a));
                let tag = b[a.len()..].trim();
                assert!(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"), "{tag}");
            }
        }
    }
}
