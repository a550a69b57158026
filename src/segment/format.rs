//! The text format of `models/seg.model`, read by the crate ([`super::Model::parse`]) and by
//! the build script (`build.rs`, which embeds the model decoded). Depends on nothing else in the
//! crate, so that `build.rs` can include it.
//!
//! ```text
//! clipmark-seg 1
//! dims S1 S2 S3
//! decoder SWITCH REENTER MARKER LONG
//! a INDEX WEIGHT      (stage 1; b: stage 2, c: stage 3; weights not listed are 0)
//! forest b BASE       (optional: stage 2's trees follow, added to its linear score; c: stage 3)
//! t                   (a new tree of the last forest; its nodes follow, the root first)
//! s FEAT THR LEFT     (a split: x[FEAT] <= THR goes to node LEFT of the tree, else LEFT + 1)
//! l VALUE             (a leaf)
//! ```
//! Lines starting with `#` and blank lines are skipped.

/// One node of a regression tree: a split when `left > 0` (`x[feat] <= thr` goes to node
/// `left` of the same tree, otherwise to `left + 1`), else a leaf worth `value`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Node {
    /// The feature a split reads.
    pub feat: u32,
    /// The split's threshold.
    pub thr: f32,
    /// Index of the left child in the tree (0 for a leaf: the root is never a child).
    pub left: u32,
    /// A leaf's value.
    pub value: f32,
}

/// Gradient-boosted trees: `base` plus the sum of the trees' leaf values (log-odds).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Forest {
    /// The constant term.
    pub base: f32,
    /// The trees, each its nodes with the root first.
    pub trees: Vec<Vec<Node>>,
}

/// A model file's contents: the three stages' dimensions, the decoder's four costs (switch,
/// reenter, marker, long), the three weight vectors and the forests of stages 2 and 3.
pub struct Parsed {
    /// Sizes of the stage-1, stage-2 and stage-3 weight vectors.
    pub dims: [usize; 3],
    /// The decoder's costs: switch, reenter, marker, long.
    pub costs: [f32; 4],
    /// The three stages' weights.
    pub w: [Vec<f32>; 3],
    /// The trees of stages 2 and 3 (empty when the file has none).
    pub forests: [Forest; 2],
}

/// Whether every split of `tree` reads a feature below `dim` and points forward to nodes that
/// exist (so that walking it ends).
pub fn tree_ok(tree: &[Node], dim: usize) -> bool {
    !tree.is_empty()
        && tree.iter().enumerate().all(|(i, n)| {
            n.left == 0
                || ((n.feat as usize) < dim
                    && n.left as usize > i
                    && (n.left as usize) + 1 < tree.len())
        })
}

/// Reads a model file; `None` when it is not one (or a weight index is out of its stage).
pub fn parse(s: &str) -> Option<Parsed> {
    let mut it = s.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    if it.next()?.trim() != "clipmark-seg 1" {
        return None;
    }
    let dims: Vec<usize> = it
        .next()?
        .strip_prefix("dims ")?
        .split(' ')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    let [d1, d2, d3] = dims[..] else { return None };
    let costs: Vec<f32> = it
        .next()?
        .strip_prefix("decoder ")?
        .split(' ')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    let [switch, reenter, marker, long] = costs[..] else { return None };
    let mut w = [vec![0f32; d1], vec![0f32; d2], vec![0f32; d3]];
    let mut forests = [Forest::default(), Forest::default()];
    let mut cur: Option<usize> = None;
    for l in it {
        let mut p = l.split(' ');
        let which = p.next()?;
        match which {
            "forest" => {
                let k = match p.next()? {
                    "b" => 0,
                    "c" => 1,
                    _ => return None,
                };
                forests[k].base = p.next()?.parse().ok()?;
                cur = Some(k);
            }
            "t" => forests[cur?].trees.push(Vec::new()),
            "s" => {
                let (feat, thr, left) =
                    (p.next()?.parse().ok()?, p.next()?.parse().ok()?, p.next()?.parse().ok()?);
                if left == 0 {
                    return None;
                }
                forests[cur?].trees.last_mut()?.push(Node { feat, thr, left, value: 0.0 });
            }
            "l" => forests[cur?]
                .trees
                .last_mut()?
                .push(Node { value: p.next()?.parse().ok()?, ..Node::default() }),
            _ => {
                let (k, v) = (p.next()?.parse::<usize>().ok()?, p.next()?.parse::<f32>().ok()?);
                let w = match which {
                    "a" => &mut w[0],
                    "b" => &mut w[1],
                    "c" => &mut w[2],
                    _ => return None,
                };
                *w.get_mut(k)? = v;
            }
        }
    }
    if !forests.iter().zip([d2, d3]).all(|(f, d)| f.trees.iter().all(|t| tree_ok(t, d))) {
        return None;
    }
    Some(Parsed { dims: [d1, d2, d3], costs: [switch, reenter, marker, long], w, forests })
}
