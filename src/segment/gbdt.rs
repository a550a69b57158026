//! Gradient-boosted regression trees for the logistic loss, deterministic and single-threaded:
//! the learner behind the tree part of stages 2 and 3 ([`super::train`]).
//!
//! Each feature's values are cut into at most [`GbdtOptions::bins`] quantile bins (edges read
//! off the training rows: every distinct value when there are few, else quantiles of the
//! non-zero values plus 0). Trees grow level by level to [`GbdtOptions::depth`]; a node's
//! split is the best over every feature's bin boundaries by the second-order gain of the
//! logistic loss (`G²/(H+λ)`), found from per-node histograms of gradients and hessians (the
//! larger child's histogram is the parent's minus the smaller one's). Leaves are
//! `-rate · G/(H+λ)`. There is no subsampling, so the same examples give the same trees, bit
//! for bit. A split `bin ≤ b` is stored as `x ≤ edge[b]`, which is the same test on the raw
//! values, so scoring needs no bins.

pub use super::format::{Forest, Node};

/// Knobs of the tree learner (the defaults are the best stage-3 variant on dev CV, `train-seg
/// --trees 3`; the shipped model has no trees).
#[derive(Debug, Clone, PartialEq)]
pub struct GbdtOptions {
    /// Number of trees.
    pub trees: usize,
    /// Maximum depth (a tree has at most `2^depth` leaves).
    pub depth: usize,
    /// Shrinkage of every leaf.
    pub rate: f32,
    /// L2 penalty on leaf values (`λ`).
    pub lambda: f64,
    /// Minimum hessian (weighted `p(1-p)`) in each child of a split.
    pub min_hess: f64,
    /// Maximum number of bin edges per feature (at most 255).
    pub bins: usize,
}

impl Default for GbdtOptions {
    fn default() -> GbdtOptions {
        GbdtOptions { trees: 100, depth: 4, rate: 0.1, lambda: 1.0, min_hess: 50.0, bins: 64 }
    }
}

impl Forest {
    /// The forest's log-odds for the dense feature vector `x` (features past its end read 0).
    pub fn score(&self, x: &[f32]) -> f32 {
        let mut s = self.base;
        for t in &self.trees {
            let mut i = 0usize;
            loop {
                let n = &t[i];
                if n.left == 0 {
                    s += n.value;
                    break;
                }
                let v = x.get(n.feat as usize).copied().unwrap_or(0.0);
                i = if v <= n.thr { n.left as usize } else { n.left as usize + 1 };
            }
        }
        s
    }

    /// [`Forest::score`] of the sparse vector `x`, using `buf` (all zeros, at least as long as
    /// the feature space; left all zeros) as the dense copy.
    pub fn score_sparse(&self, x: &[(u32, f32)], buf: &mut [f32]) -> f32 {
        if self.trees.is_empty() {
            return self.base;
        }
        for &(k, v) in x {
            if let Some(b) = buf.get_mut(k as usize) {
                *b += v;
            }
        }
        let s = self.score(buf);
        for &(k, _) in x {
            if let Some(b) = buf.get_mut(k as usize) {
                *b = 0.0;
            }
        }
        s
    }

    /// The forest in the model file's text format ([`super::format`]), under the stage tag
    /// `tag` (`b` or `c`); nothing for an empty forest.
    pub fn to_text(&self, tag: &str) -> String {
        if self.trees.is_empty() && self.base == 0.0 {
            return String::new();
        }
        let mut s = format!("forest {tag} {}\n", self.base);
        for t in &self.trees {
            s += "t\n";
            for n in t {
                if n.left == 0 {
                    s += &format!("l {}\n", n.value);
                } else {
                    s += &format!("s {} {} {}\n", n.feat, n.thr, n.left);
                }
            }
        }
        s
    }
}

/// The training rows cut into bins: per feature its edges and the bin of 0, per row the
/// (feature, bin) pairs whose bin is not the bin of 0.
struct Binned {
    edges: Vec<Vec<f32>>,
    zero: Vec<u8>,
    /// Start of each feature's bins in a histogram.
    off: Vec<usize>,
    width: usize,
    start: Vec<usize>,
    cells: Vec<(u16, u8)>,
}

fn bin_of(edges: &[f32], v: f32) -> u8 {
    edges.partition_point(|&e| e < v) as u8
}

impl Binned {
    fn new(dim: usize, rows: &[&[(u32, f32)]], max_edges: usize) -> Binned {
        let max_edges = max_edges.clamp(1, 255);
        let mut vals: Vec<Vec<f32>> = vec![Vec::new(); dim];
        for x in rows {
            for &(k, v) in *x {
                if (k as usize) < dim && v.is_finite() {
                    vals[k as usize].push(v);
                }
            }
        }
        let mut edges = Vec::with_capacity(dim);
        for (f, mut v) in vals.into_iter().enumerate() {
            let zeros = v.len() < rows.len();
            v.sort_unstable_by(f32::total_cmp);
            let mut d = v.clone();
            d.dedup();
            let mut e: Vec<f32> = if d.len() + usize::from(zeros) <= max_edges {
                d
            } else {
                let q = max_edges - usize::from(zeros);
                (1..=q).map(|j| v[(j * v.len() / (q + 1)).min(v.len() - 1)]).collect()
            };
            if zeros {
                e.push(0.0);
            }
            e.sort_unstable_by(f32::total_cmp);
            e.dedup();
            let _ = f;
            edges.push(e);
        }
        let zero: Vec<u8> = edges.iter().map(|e| bin_of(e, 0.0)).collect();
        let mut off = Vec::with_capacity(dim);
        let mut width = 0;
        for e in &edges {
            off.push(width);
            width += e.len() + 1;
        }
        let mut start = Vec::with_capacity(rows.len() + 1);
        let mut cells = Vec::new();
        let mut row: Vec<(u32, f32)> = Vec::new();
        for x in rows {
            start.push(cells.len());
            // A feature listed twice counts with the sum of its values, as in a dot product.
            row.clear();
            row.extend(x.iter().filter(|&&(k, v)| (k as usize) < dim && v.is_finite()));
            row.sort_by_key(|c| c.0);
            row.dedup_by(|a, b| {
                let same = a.0 == b.0;
                if same {
                    b.1 += a.1;
                }
                same
            });
            for &(k, v) in &row {
                let k = k as usize;
                let b = bin_of(&edges[k], v);
                if b != zero[k] {
                    cells.push((k as u16, b));
                }
            }
        }
        start.push(cells.len());
        Binned { edges, zero, off, width, start, cells }
    }

    fn row(&self, r: usize) -> &[(u16, u8)] {
        &self.cells[self.start[r]..self.start[r + 1]]
    }

    /// Gradient and hessian sums per bin over `rows`.
    fn histogram(&self, rows: &[u32], g: &[f64], h: &[f64]) -> Vec<(f64, f64)> {
        let mut hist = vec![(0f64, 0f64); self.width];
        let (mut gt, mut ht) = (0f64, 0f64);
        for &r in rows {
            let r = r as usize;
            let (gr, hr) = (g[r], h[r]);
            gt += gr;
            ht += hr;
            for &(f, b) in self.row(r) {
                let c = &mut hist[self.off[f as usize] + b as usize];
                c.0 += gr;
                c.1 += hr;
            }
        }
        // The rows not listed under a feature sit in its bin of 0.
        for f in 0..self.edges.len() {
            let cells = &hist[self.off[f]..self.off[f] + self.edges[f].len() + 1];
            let (gs, hs) = cells.iter().fold((0f64, 0f64), |a, c| (a.0 + c.0, a.1 + c.1));
            let z = &mut hist[self.off[f] + self.zero[f] as usize];
            z.0 += gt - gs;
            z.1 += ht - hs;
        }
        hist
    }

    fn bin(&self, r: usize, f: usize) -> u8 {
        let row = self.row(r);
        match row.binary_search_by_key(&(f as u16), |c| c.0) {
            Ok(i) => row[i].1,
            Err(_) => self.zero[f],
        }
    }
}

/// The best split of a node from its histogram: (gain, feature, bin).
fn best_split(
    b: &Binned,
    hist: &[(f64, f64)],
    gt: f64,
    ht: f64,
    opt: &GbdtOptions,
) -> Option<(f64, usize, usize)> {
    let parent = gt * gt / (ht + opt.lambda);
    let mut best: Option<(f64, usize, usize)> = None;
    for f in 0..b.edges.len() {
        let nb = b.edges[f].len();
        let (mut gl, mut hl) = (0f64, 0f64);
        for k in 0..nb {
            let c = hist[b.off[f] + k];
            gl += c.0;
            hl += c.1;
            let (gr, hr) = (gt - gl, ht - hl);
            if hl < opt.min_hess || hr < opt.min_hess {
                continue;
            }
            let gain = gl * gl / (hl + opt.lambda) + gr * gr / (hr + opt.lambda) - parent;
            if gain > 1e-9 && best.is_none_or(|x| gain > x.0) {
                best = Some((gain, f, k));
            }
        }
    }
    best
}

/// Fits a forest of dimension `dim` to examples `(features, target, weight)`, boosting from
/// the margins `init` when given (e.g. a linear model's log-odds: the trees then fit what it
/// leaves), else from the weighted prior log-odds. Deterministic.
pub fn fit(
    dim: usize,
    ex: &[(&[(u32, f32)], bool, f32)],
    init: Option<&[f32]>,
    opt: &GbdtOptions,
) -> Forest {
    let n = ex.len();
    let rows: Vec<&[(u32, f32)]> = ex.iter().map(|e| e.0).collect();
    let b = Binned::new(dim, &rows, opt.bins);
    drop(rows);
    let base = match init {
        Some(_) => 0.0,
        None => {
            let (pos, all) = ex.iter().fold((0f64, 0f64), |a, e| {
                (a.0 + if e.1 { f64::from(e.2) } else { 0.0 }, a.1 + f64::from(e.2))
            });
            let p = ((pos + 1.0) / (all + 2.0)).clamp(1e-6, 1.0 - 1e-6);
            (p / (1.0 - p)).ln() as f32
        }
    };
    let mut margin: Vec<f64> = match init {
        Some(m) => m.iter().map(|&z| f64::from(z)).collect(),
        None => vec![f64::from(base); n],
    };
    let mut g = vec![0f64; n];
    let mut h = vec![0f64; n];
    let mut trees = Vec::with_capacity(opt.trees);
    for _ in 0..opt.trees {
        for i in 0..n {
            let p = 1.0 / (1.0 + (-margin[i].clamp(-30.0, 30.0)).exp());
            let w = f64::from(ex[i].2);
            g[i] = w * (p - f64::from(u8::from(ex[i].1)));
            h[i] = (w * p * (1.0 - p)).max(1e-12);
        }
        // Level by level: (node index, its rows, its histogram, G, H).
        let mut nodes: Vec<Node> = vec![Node::default()];
        let all: Vec<u32> = (0..n as u32).collect();
        let (gt, ht) =
            all.iter().fold((0f64, 0f64), |a, &r| (a.0 + g[r as usize], a.1 + h[r as usize]));
        let hist = b.histogram(&all, &g, &h);
        let mut level = vec![(0usize, all, hist, gt, ht)];
        for d in 0..=opt.depth {
            let mut next = Vec::new();
            for (id, rows, hist, gt, ht) in level {
                let split = if d < opt.depth { best_split(&b, &hist, gt, ht, opt) } else { None };
                let Some((_, f, k)) = split else {
                    let v = -opt.rate as f64 * gt / (ht + opt.lambda);
                    nodes[id].value = v as f32;
                    let v = f64::from(v as f32);
                    for &r in &rows {
                        margin[r as usize] += v;
                    }
                    continue;
                };
                let left = nodes.len();
                nodes.push(Node::default());
                nodes.push(Node::default());
                nodes[id] =
                    Node { feat: f as u32, thr: b.edges[f][k], left: left as u32, value: 0.0 };
                let (lr, rr): (Vec<u32>, Vec<u32>) =
                    rows.iter().partition(|&&r| b.bin(r as usize, f) as usize <= k);
                drop(rows);
                let sum = |rs: &[u32]| {
                    rs.iter().fold((0f64, 0f64), |a, &r| (a.0 + g[r as usize], a.1 + h[r as usize]))
                };
                let ((gl, hl), (gr, hr)) = (sum(&lr), sum(&rr));
                let small_left = lr.len() <= rr.len();
                let small = b.histogram(if small_left { &lr } else { &rr }, &g, &h);
                let large: Vec<(f64, f64)> =
                    hist.iter().zip(&small).map(|(p, s)| (p.0 - s.0, p.1 - s.1)).collect();
                let (hl_, hr_) = if small_left { (small, large) } else { (large, small) };
                next.push((left, lr, hl_, gl, hl));
                next.push((left + 1, rr, hr_, gr, hr));
            }
            level = next;
            if level.is_empty() {
                break;
            }
        }
        trees.push(nodes);
    }
    Forest { base, trees }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// XOR of two binary features, with a noise feature: no linear (or additive) model
    /// separates it, trees of depth 2 do. The cell a = b = 1 weighs half (`weight`), so that
    /// the first split has a gain for a greedy learner.
    fn weight(x: &[(u32, f32)]) -> f32 {
        if x.iter().filter(|c| c.0 < 2).count() == 2 {
            0.5
        } else {
            1.0
        }
    }

    fn xor() -> Vec<(Vec<(u32, f32)>, bool)> {
        let mut v = Vec::new();
        for i in 0..400u32 {
            let (a, b, c) = (i % 2, (i / 2) % 2, (i / 4) % 3);
            let mut x = Vec::new();
            for (k, val) in [(0u32, a as f32), (1, b as f32), (2, c as f32 * 0.5 - 0.3)] {
                if val != 0.0 {
                    x.push((k, val));
                }
            }
            v.push((x, a != b));
        }
        v
    }

    #[test]
    fn fits_an_interaction_a_linear_model_cannot() {
        let data = xor();
        let ex: Vec<(&[(u32, f32)], bool, f32)> =
            data.iter().map(|(x, y)| (x.as_slice(), *y, weight(x))).collect();
        let opt =
            GbdtOptions { trees: 30, depth: 2, rate: 0.3, lambda: 1.0, min_hess: 1.0, bins: 16 };
        let f = fit(3, &ex, None, &opt);
        let mut buf = vec![0f32; 3];
        for (x, y) in &data {
            let z = f.score_sparse(x, &mut buf);
            assert_eq!(z > 0.0, *y, "{x:?}");
            assert!(z.abs() > 2.0, "{x:?} {z}");
        }
        assert!(buf.iter().all(|&v| v == 0.0));
        // Depth 1 (stumps, an additive model) cannot: a whole cell (100 rows) stays wrong.
        let stumps = fit(3, &ex, None, &GbdtOptions { depth: 1, ..opt.clone() });
        assert!(
            data.iter().filter(|(x, y)| (stumps.score_sparse(x, &mut buf) > 0.0) != *y).count()
                >= 100
        );
    }

    #[test]
    fn same_input_same_bytes_and_the_text_round_trips() {
        let data = xor();
        let ex: Vec<(&[(u32, f32)], bool, f32)> =
            data.iter().map(|(x, y)| (x.as_slice(), *y, 0.7)).collect();
        let opt = GbdtOptions { trees: 5, depth: 3, ..GbdtOptions::default() };
        let init: Vec<f32> = (0..ex.len()).map(|i| (i % 7) as f32 * 0.1 - 0.3).collect();
        let a = fit(3, &ex, Some(&init), &opt);
        let b = fit(3, &ex, Some(&init), &opt);
        assert_eq!(a.to_text("b"), b.to_text("b"));
        let text = format!("clipmark-seg 1\ndims 1 3 3\ndecoder 0 0 0 0\n{}", a.to_text("c"));
        let p = super::super::format::parse(&text).expect("parses");
        assert_eq!(p.forests[1], a);
        assert!(p.forests[0].trees.is_empty());
        for (x, _) in &data {
            let mut buf = vec![0f32; 3];
            assert_eq!(
                p.forests[1].score_sparse(x, &mut buf).to_bits(),
                a.score_sparse(x, &mut buf).to_bits()
            );
        }
        // A split pointing backwards or past the tree is refused.
        assert!(super::super::format::parse(
            "clipmark-seg 1\ndims 1 3 3\ndecoder 0 0 0 0\nforest b 0\nt\ns 0 0.5 0\nl 1\nl 2\n"
        )
        .is_none());
        assert!(super::super::format::parse(
            "clipmark-seg 1\ndims 1 3 3\ndecoder 0 0 0 0\nforest b 0\nt\ns 0 0.5 2\nl 1\nl 2\n"
        )
        .is_none());
        assert!(super::super::format::parse(
            "clipmark-seg 1\ndims 1 3 3\ndecoder 0 0 0 0\nforest b 0\nt\ns 7 0.5 1\nl 1\nl 2\n"
        )
        .is_none());
        assert!(super::super::format::parse(
            "clipmark-seg 1\ndims 1 3 3\ndecoder 0 0 0 0\nforest b 0\nt\ns 2 0.5 1\nl 1\nl 2\n"
        )
        .is_some());
    }
}
