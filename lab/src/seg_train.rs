//! The deterministic trainer behind `clipmark train-seg`.
//!
//! Stage 1 and stage 2 are logistic regressions fitted by AdaGrad with a small L2 penalty,
//! over examples in a fixed pseudo-random order (seeded LCG), single-threaded: the same
//! input gives the same model file, bit for bit. Stage 2 is trained on **out-of-fold** stage-1
//! scores (5 folds grouped by site), so it learns how much to trust stage 1 on unseen
//! templates; the Viterbi switch cost is chosen on out-of-fold stage-2 scores to maximise
//! character-weighted body F1.

use clipmark::segment::context::stage2_each;
use clipmark::segment::decode::{self, viterbi, Decoder};
use clipmark::segment::features::{self, LineStats, Stage1Rows};
use clipmark::segment::layout::{HASH_BASE, STAGE1_DIM, STAGE2_DIM};
use clipmark::segment::model::{dot, sigmoid, Model};
use clipmark::segment::rules;
use clipmark::text::Line;

/// The stage-1 features of every line, kept ([`features::stage1_each`]): `out[i]` for line `i`.
fn stage1_with(text: &str, lines: &[Line], st: &[LineStats], out: &mut Vec<Vec<(u32, f32)>>) {
    out.clear();
    features::stage1_each(text, lines, st, |_, v| out.push(std::mem::take(v)));
}

/// Stage-1 feature vectors as kept for training, read by stage 2 as their dense part.
struct Kept<'a>(&'a [Vec<(u32, f32)>]);

impl Stage1Rows for Kept<'_> {
    fn dense_of(&self, i: usize, out: &mut Vec<(u32, f32)>) {
        out.extend(self.0[i].iter().copied().filter(|&(k, _)| (k as usize) < HASH_BASE));
    }
}

/// The stage-2 features of every line, from the stage-1 features `f1`, the stage-1 log-odds
/// `s1` and the line statistics ([`stage2_each`], kept).
fn stage2(
    lines: &[Line],
    st: &[LineStats],
    f1: &[Vec<(u32, f32)>],
    s1: &[f32],
) -> Vec<Vec<(u32, f32)>> {
    let mut out = Vec::with_capacity(lines.len());
    stage2_each(lines, st, &Kept(f1), s1, |_, x| out.push(x.to_vec()));
    out
}

/// One training document.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// The pasted text.
    pub text: String,
    /// Its non-empty lines ([`clipmark::text::lines`]).
    pub lines: Vec<Line>,
    /// Per line: `Some(true)` body, `Some(false)` boilerplate, `None` left out of training
    /// (for example a headline that one source calls body and another not).
    pub target: Vec<Option<bool>>,
    /// Site name, to keep a site's pages in one fold.
    pub site: String,
    /// Weight of the document's examples (1 for real pages).
    pub weight: f32,
}

/// Knobs of the trainer (the defaults are what the shipped model uses).
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data per logistic regression.
    pub epochs: usize,
    /// AdaGrad base learning rate.
    pub rate: f32,
    /// L2 penalty per update.
    pub l2: f32,
    /// Folds for the out-of-fold stage-1 scores.
    pub folds: usize,
    /// A hashed lexical feature is used only when it occurs on at least this many sites, so
    /// the model learns cues that generalise rather than one site's menu items.
    pub min_sites: usize,
    /// The decoder's extra cost of resuming the article after a long gap that passed a
    /// section marker ([`Decoder::long`]). Fixed rather than searched: dev CV barely tells
    /// (body char F1 0.9016 at 0, 0.9011 at 8), and the seeds need it (a "Related items"
    /// section of good prose after the article).
    pub long_gap: f32,
    /// Salt of the site hash that assigns folds (7 for the shipped model); other values give
    /// other partitions, to see how much a cross-validated difference owes to the split.
    pub fold_salt: u64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 6,
            rate: 0.1,
            l2: 1e-6,
            folds: 5,
            min_sites: 3,
            long_gap: 8.0,
            fold_salt: 7,
        }
    }
}

/// What training reports besides the model: out-of-fold scores per document (stage 2, before
/// Viterbi), for cross-validated figures on the training data.
pub struct TrainReport {
    /// The model.
    pub model: Model,
    /// Out-of-fold stage-2 log-odds, per document and line.
    pub oof: Vec<Vec<f32>>,
    /// For a document with a comment section below its out-of-fold article, starting at line
    /// `c` ([`rules::comments_below`]): `c` and the out-of-fold log-odds of its lines `..c`
    /// scored as a page of their own (for [`rules::before_comments`]).
    pub oof_prefix: Vec<Option<(usize, Vec<f32>)>>,
}

struct Prepared {
    stats: Vec<LineStats>,
    f1: Vec<Vec<(u32, f32)>>,
}

/// One training example: a line's features, whether it is body, and its weight.
type Example<'a> = (&'a [(u32, f32)], bool, f32);

/// The weight of one example: longer lines count more, as the target is character F1.
fn weight(st: &LineStats) -> f32 {
    0.5 + (st.chars as f32).ln_1p() / 4.0
}

/// A deterministic linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Fits a logistic regression of dimension `dim` on examples `(features, target, weight)`.
fn fit(dim: usize, ex: &[Example], opt: &TrainOptions) -> Vec<f32> {
    let mut w = vec![0f32; dim];
    let mut g2 = vec![1e-2f32; dim];
    let mut order: Vec<usize> = (0..ex.len()).collect();
    let mut rng = Lcg(0x5eed);
    for _ in 0..opt.epochs {
        for i in (1..order.len()).rev() {
            let j = rng.next(i + 1);
            order.swap(i, j);
        }
        for &k in &order {
            let (x, y, sw) = ex[k];
            let p = sigmoid(dot(&w, x));
            let g = (p - f32::from(u8::from(y))) * sw;
            for &(j, v) in x {
                let j = j as usize;
                let gj = g * v + opt.l2 * w[j];
                g2[j] += gj * gj;
                w[j] -= opt.rate * gj / g2[j].sqrt();
            }
        }
    }
    w
}

fn examples<'a>(
    docs: &'a [TrainDoc],
    prep: &'a [Prepared],
    feats: &'a [Vec<Vec<(u32, f32)>>],
    keep: impl Fn(usize) -> bool,
) -> Vec<Example<'a>> {
    let mut ex = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        if !keep(d) {
            continue;
        }
        for (i, t) in doc.target.iter().enumerate() {
            if let Some(y) = *t {
                ex.push((feats[d][i].as_slice(), y, doc.weight * weight(&prep[d].stats[i])));
            }
        }
    }
    ex
}

/// A stage of the stack as [`stacked`] fits it: out-of-fold scores per document, the weights fitted
/// on every document, and those fitted without each fold.
type Stacked = (Vec<Vec<f32>>, Vec<f32>, Vec<Vec<f32>>);

/// One stage of the stack: each document's scores from the model fitted on the other folds
/// (what the next stage learns from), and the model fitted on every document.
fn stacked(
    dim: usize,
    docs: &[TrainDoc],
    prep: &[Prepared],
    feats: &[Vec<Vec<(u32, f32)>>],
    fold: &[usize],
    opt: &TrainOptions,
) -> Stacked {
    let mut oof: Vec<Vec<f32>> = vec![Vec::new(); docs.len()];
    let mut per_fold = Vec::with_capacity(opt.folds);
    for k in 0..opt.folds {
        let w = fit(dim, &examples(docs, prep, feats, |d| fold[d] != k), opt);
        for d in (0..docs.len()).filter(|&d| fold[d] == k) {
            oof[d] = feats[d].iter().map(|x| dot(&w, x)).collect();
        }
        per_fold.push(w);
    }
    let w = fit(dim, &examples(docs, prep, feats, |_| true), opt);
    (oof, w, per_fold)
}

/// Character-weighted body F1 of `pred` against the targets (lines without a target are
/// skipped).
pub fn char_f1(docs: &[TrainDoc], pred: &[Vec<bool>]) -> f32 {
    let (mut tp, mut fp, mut fneg) = (0f64, 0f64, 0f64);
    for (doc, p) in docs.iter().zip(pred) {
        for (i, t) in doc.target.iter().enumerate() {
            let Some(y) = *t else { continue };
            let c = doc.text[doc.lines[i].span.clone()].chars().count() as f64;
            match (y, p[i]) {
                (true, true) => tp += c,
                (false, true) => fp += c,
                (true, false) => fneg += c,
                _ => {}
            }
        }
    }
    if tp == 0.0 {
        0.0
    } else {
        (2.0 * tp / (2.0 * tp + fp + fneg)) as f32
    }
}

/// Crops of the training documents around their article (the body lines and 0 to 3 lines on
/// each side): a paste of just the article, or with a little junk, must still come out as body,
/// and the full pages alone never show that.
fn crops(docs: &[TrainDoc]) -> Vec<TrainDoc> {
    let mut rng = Lcg(0xc0ffee);
    let mut out = Vec::new();
    for d in docs {
        let body: Vec<usize> = (0..d.lines.len()).filter(|&i| d.target[i] == Some(true)).collect();
        let (Some(&a), Some(&b)) = (body.first(), body.last()) else { continue };
        let a = a.saturating_sub(rng.next(4));
        let b = (b + 1 + rng.next(4)).min(d.lines.len());
        out.push(TrainDoc {
            text: d.text.clone(),
            lines: d.lines[a..b].to_vec(),
            target: d.target[a..b].to_vec(),
            site: d.site.clone(),
            weight: d.weight * 0.5,
        });
    }
    out
}

/// Trains a model on `docs` (plus crops of them around their article). Deterministic.
/// [`TrainReport::oof`] holds one entry per document of `docs` (crops left out).
pub fn train(docs: &[TrainDoc], opt: &TrainOptions) -> TrainReport {
    let n_docs = docs.len();
    let mut all = docs.to_vec();
    all.extend(crops(docs));
    let docs = all.as_slice();
    let mut prep: Vec<Prepared> = docs
        .iter()
        .map(|d| {
            let stats: Vec<LineStats> =
                d.lines.iter().map(|l| features::stats(&d.text[l.span.clone()])).collect();
            let mut f1 = Vec::new();
            stage1_with(&d.text, &d.lines, &stats, &mut f1);
            Prepared { stats, f1 }
        })
        .collect();
    let fold: Vec<usize> = docs
        .iter()
        .map(|d| (features::fnv(d.site.as_bytes(), opt.fold_salt) % opt.folds as u64) as usize)
        .collect();
    // Hashed features seen on fewer than `min_sites` sites are dropped.
    let mut sites_of: Vec<(u32, u64)> = Vec::new();
    for (d, p) in prep.iter().enumerate() {
        let site = features::fnv(docs[d].site.as_bytes(), 1);
        for x in &p.f1 {
            sites_of.extend(
                x.iter().filter(|&&(k, _)| k as usize >= HASH_BASE).map(|&(k, _)| (k, site)),
            );
        }
    }
    sites_of.sort_unstable();
    sites_of.dedup();
    let mut n_sites = vec![0usize; STAGE1_DIM];
    for &(k, _) in &sites_of {
        n_sites[k as usize] += 1;
    }
    drop(sites_of);
    let keep = |k: u32| (k as usize) < HASH_BASE || n_sites[k as usize] >= opt.min_sites;
    for p in prep.iter_mut() {
        for x in p.f1.iter_mut() {
            x.retain(|&(k, _)| keep(k));
        }
    }
    let f1s: Vec<Vec<Vec<(u32, f32)>>> = prep.iter().map(|p| p.f1.clone()).collect();

    // Out-of-fold stage-1 scores.
    let (s1, w1, m1) = stacked(STAGE1_DIM, docs, &prep, &f1s, &fold, opt);

    let f2s: Vec<Vec<Vec<(u32, f32)>>> = (0..docs.len())
        .map(|d| stage2(&docs[d].lines, &prep[d].stats, &prep[d].f1, &s1[d]))
        .collect();
    // Out-of-fold stage-2 scores feed stage 3's context.
    let (s2, w2, m2) = stacked(STAGE2_DIM, docs, &prep, &f2s, &fold, opt);
    let f3s: Vec<Vec<Vec<(u32, f32)>>> = (0..docs.len())
        .map(|d| stage2(&docs[d].lines, &prep[d].stats, &prep[d].f1, &s2[d]))
        .collect();
    // Out-of-fold stage-3 scores, to choose the switch cost and to report.
    let (mut oof, w3, m3) = stacked(STAGE2_DIM, docs, &prep, &f3s, &fold, opt);
    oof.truncate(n_docs);
    // The decoder's costs: a grid search on the out-of-fold scores.
    let markers: Vec<Vec<bool>> =
        prep[..n_docs].iter().map(|p| p.stats.iter().map(|s| s.marker).collect()).collect();
    let mut best = (f32::MIN, Decoder::default());
    for step in 0..=12 {
        for reenter in [0.0, 1.0, 2.0, 4.0, 8.0] {
            for marker in [0.0, 1.0, 2.0, 4.0] {
                let dec =
                    Decoder { switch: step as f32 * 0.5, reenter, marker, long: opt.long_gap };
                let pred: Vec<Vec<bool>> =
                    oof.iter().zip(&markers).map(|(z, m)| viterbi(z, &dec, m)).collect();
                let f = char_f1(&docs[..n_docs], &pred);
                if f > best.0 + 1e-6 {
                    best = (f, dec);
                }
            }
        }
    }
    // The lines above a comment section, scored as a page of their own by the model of the
    // other folds.
    let fold_models: Vec<Model> = m1
        .into_iter()
        .zip(m2)
        .zip(m3)
        .map(|((w1, w2), w3)| Model { w1, w2, w3, decoder: best.1 })
        .collect();
    let oof_prefix = (0..n_docs)
        .map(|d| {
            let doc = &docs[d];
            let body = decode::decode(&oof[d], &best.1, &doc.text, &doc.lines);
            let c = rules::comments_below(&body, &doc.text, &doc.lines)?;
            Some((c, fold_models[fold[d]].scores(&doc.text, &doc.lines[..c])))
        })
        .collect();
    TrainReport { model: Model { w1, w2, w3, decoder: best.1 }, oof, oof_prefix }
}
