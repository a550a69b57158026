//! The text payloads of `models/seg.model` and `models/title.model`: what follows the header of
//! the model container (`src/model_file.rs`: `clipmark-model seg 1` or `clipmark-model title 1`,
//! then `features NAME…`, the features the model was trained with, in order, checked against
//! `layout::FEATURES` or `layout::title::NAMES` before the payload is read). Read by the build
//! script (`build.rs`, which embeds them decoded) and by the lab (`clipmark-lab eval-seg --model
//! FILE`, the trainers' tests), both through `model_file::load`. Depends on nothing else in the
//! crate, so that `build.rs` can include it.
//!
//! ```text
//! dims S1 S2 S3
//! decoder SWITCH REENTER MARKER LONG
//! a INDEX WEIGHT      (stage 1; b: stage 2, c: stage 3; weights not listed are 0)
//! ```
//!
//! ```text
//! NAME<TAB>WEIGHT     (one per feature; weights not listed are 0)
//! ```
//! Blank lines are skipped, and in the segmentation model lines starting with `#`.

/// A segmentation model's payload: the three stages' dimensions, the decoder's four costs
/// (switch, reenter, marker, long) and the three weight vectors.
pub struct Parsed {
    /// Sizes of the stage-1, stage-2 and stage-3 weight vectors.
    pub dims: [usize; 3],
    /// The decoder's costs: switch, reenter, marker, long.
    pub costs: [f32; 4],
    /// The three stages' weights.
    pub w: [Vec<f32>; 3],
}

/// The payload as text.
fn text(payload: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(payload).map_err(|e| format!("it is not UTF-8 ({e})"))
}

/// The numbers after `key ` on `line`, if there are `N` of them.
fn numbers<T: std::str::FromStr, const N: usize>(line: Option<&str>, key: &str) -> Option<[T; N]> {
    let v: Vec<T> = line?
        .strip_prefix(key)?
        .strip_prefix(' ')?
        .split(' ')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    v.try_into().ok()
}

/// Reads a segmentation model's payload; the error says which line is wrong.
pub fn parse(payload: &[u8]) -> Result<Parsed, String> {
    let mut it = text(payload)?.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let [d1, d2, d3] = numbers(it.next(), "dims").ok_or("no `dims S1 S2 S3` line first")?;
    let [switch, reenter, marker, long] = numbers(it.next(), "decoder")
        .ok_or("no `decoder SWITCH REENTER MARKER LONG` line after the dims")?;
    let mut w = [vec![0f32; d1], vec![0f32; d2], vec![0f32; d3]];
    for l in it {
        let bad = || format!("`{l}` is not a weight (`a|b|c INDEX WEIGHT`, within the dims)");
        let (stage, rest) = l.split_once(' ').ok_or_else(bad)?;
        let w = match stage {
            "a" => &mut w[0],
            "b" => &mut w[1],
            "c" => &mut w[2],
            _ => return Err(bad()),
        };
        let (k, v) = rest.split_once(' ').ok_or_else(bad)?;
        let (k, v) = (k.parse::<usize>().map_err(|_| bad())?, v.parse::<f32>().map_err(|_| bad())?);
        *w.get_mut(k).ok_or_else(bad)? = v;
    }
    Ok(Parsed { dims: [d1, d2, d3], costs: [switch, reenter, marker, long], w })
}

/// Reads a headline model's payload: one weight per feature of `features` (the model's feature
/// list, checked to be the engine's), in their order; the error says which line is wrong.
pub fn parse_title(payload: &[u8], features: &[&str]) -> Result<Vec<f32>, String> {
    let mut w = vec![0.0; features.len()];
    for l in text(payload)?.lines().filter(|l| !l.trim().is_empty()) {
        let bad = || format!("`{l}` is not `NAME<TAB>WEIGHT` with NAME among the features");
        let (name, v) = l.split_once('\t').ok_or_else(bad)?;
        let at = features.iter().position(|f| *f == name).ok_or_else(bad)?;
        w[at] = v.parse().map_err(|_| bad())?;
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_payloads_decode() {
        let seg = "dims 3 2 2\ndecoder 0 1 1 8\n# a comment\na 2 0.5\n\nc 1 -1\n";
        let m = parse(seg.as_bytes()).unwrap();
        assert_eq!((m.dims, m.costs), ([3, 2, 2], [0.0, 1.0, 1.0, 8.0]));
        assert_eq!(m.w, [vec![0.0, 0.0, 0.5], vec![0.0, 0.0], vec![0.0, -1.0]]);
        let title = "hits\t0.5\noverlap\t-1.25\n";
        let t = parse_title(title.as_bytes(), &["overlap", "hits", "rank"]).unwrap();
        assert_eq!(t, vec![-1.25, 0.5, 0.0]);
    }

    #[test]
    fn a_payload_that_does_not_decode_says_where() {
        let seg = "dims 3 2 2\ndecoder 0 1 1 8\na 2 0.5\nc 1 -1\n";
        let err = |s: &str| parse(s.as_bytes()).err().unwrap();
        assert_eq!(
            err(&seg.replace("a 2", "a 3")),
            "`a 3 0.5` is not a weight (`a|b|c INDEX WEIGHT`, within the dims)"
        );
        assert!(err(&seg.replace("c 1", "d 1")).starts_with("`d 1 -1` is not a weight"));
        assert_eq!(err(&seg.replace("dims 3 2 2", "dims 3 2")), "no `dims S1 S2 S3` line first");
        assert!(err(&seg.replace("decoder 0 1 1 8", "decoder 0 1 1")).starts_with("no `decoder"));
        assert!(err("dims 3 2 2\n\u{0}").starts_with("no `decoder"));
        assert!(parse(b"dims 1 1 1\ndecoder 0 0 0 0\n\xff").err().unwrap().contains("not UTF-8"));
        let title = |s: &str| parse_title(s.as_bytes(), &["overlap", "hits"]);
        assert!(title("rank\t0.5\n").unwrap_err().starts_with("`rank\t0.5` is not"));
        assert!(title("hits 0.5\n").is_err());
        assert!(title("hits\tmany\n").is_err());
    }
}
