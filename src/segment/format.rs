//! The text format of `models/seg.model`, read by the build script (`build.rs`, which embeds the
//! model decoded) and by the lab (`clipmark-lab eval-seg --model FILE`). Depends on nothing else
//! in the crate, so that `build.rs` can include it.
//!
//! ```text
//! clipmark-seg 1
//! dims S1 S2 S3
//! decoder SWITCH REENTER MARKER LONG
//! a INDEX WEIGHT      (stage 1; b: stage 2, c: stage 3; weights not listed are 0)
//! ```
//! Lines starting with `#` and blank lines are skipped.

/// A model file's contents: the three stages' dimensions, the decoder's four costs (switch,
/// reenter, marker, long) and the three weight vectors.
pub struct Parsed {
    /// Sizes of the stage-1, stage-2 and stage-3 weight vectors.
    pub dims: [usize; 3],
    /// The decoder's costs: switch, reenter, marker, long.
    pub costs: [f32; 4],
    /// The three stages' weights.
    pub w: [Vec<f32>; 3],
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
    for l in it {
        let mut p = l.split(' ');
        let w = match p.next()? {
            "a" => &mut w[0],
            "b" => &mut w[1],
            "c" => &mut w[2],
            _ => return None,
        };
        let (k, v) = (p.next()?.parse::<usize>().ok()?, p.next()?.parse::<f32>().ok()?);
        *w.get_mut(k)? = v;
    }
    Some(Parsed { dims: [d1, d2, d3], costs: [switch, reenter, marker, long], w })
}
