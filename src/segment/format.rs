//! The text formats of `models/seg.model` and `models/title.model`, read by the build script
//! (`build.rs`, which checks them against the engine's features and embeds them decoded) and by
//! the lab (`clipmark-lab eval-seg --model FILE`, the trainers' tests). Depends on nothing else
//! in the crate, so that `build.rs` can include it.
//!
//! ```text
//! clipmark-seg 1
//! features NAME…      (the dense features the model was trained with, in order: FEATURES)
//! dims S1 S2 S3
//! decoder SWITCH REENTER MARKER LONG
//! a INDEX WEIGHT      (stage 1; b: stage 2, c: stage 3; weights not listed are 0)
//! ```
//!
//! ```text
//! clipmark-title 1
//! features NAME…      (the headline's features, in order: title::NAMES)
//! NAME<TAB>WEIGHT     (one per feature; weights not listed are 0)
//! ```
//! In the segmentation model, lines starting with `#` and blank lines are skipped; in both,
//! blank lines are.

/// A segmentation model file's contents: the features it was trained with, the three stages'
/// dimensions, the decoder's four costs (switch, reenter, marker, long) and the three weight
/// vectors.
pub struct Parsed {
    /// The names of its dense features, in order (`layout::FEATURES` when it was trained).
    pub features: Vec<String>,
    /// Sizes of the stage-1, stage-2 and stage-3 weight vectors.
    pub dims: [usize; 3],
    /// The decoder's costs: switch, reenter, marker, long.
    pub costs: [f32; 4],
    /// The three stages' weights.
    pub w: [Vec<f32>; 3],
}

/// A `features NAME…` line's names.
fn features(line: &str) -> Option<Vec<String>> {
    Some(line.strip_prefix("features ")?.split(' ').map(String::from).collect())
}

/// Reads a segmentation model file; `None` when it is not one (or a weight index is out of its
/// stage).
pub fn parse(s: &str) -> Option<Parsed> {
    let mut it = s.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    if it.next()?.trim() != "clipmark-seg 1" {
        return None;
    }
    let features = features(it.next()?)?;
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
    Some(Parsed { features, dims: [d1, d2, d3], costs: [switch, reenter, marker, long], w })
}

/// A headline model file's contents.
pub struct ParsedTitle {
    /// The names of its features, in order (`layout::title::NAMES` when it was trained).
    pub features: Vec<String>,
    /// One weight per feature, in the order of `features`.
    pub w: Vec<f32>,
}

/// Reads a headline model file; `None` when it is not one (or names a weight that is not among
/// its features).
pub fn parse_title(s: &str) -> Option<ParsedTitle> {
    let mut it = s.lines().filter(|l| !l.trim().is_empty());
    if it.next()? != "clipmark-title 1" {
        return None;
    }
    let features = features(it.next()?)?;
    let mut w = vec![0.0; features.len()];
    for l in it {
        let (name, v) = l.split_once('\t')?;
        *w.get_mut(features.iter().position(|f| f == name)?)? = v.parse().ok()?;
    }
    Some(ParsedTitle { features, w })
}

/// Checks that a model's feature list (`file`, as its `features` line gives it) is the engine's
/// (`engine`), name for name and in order; the error says where they part and what to do.
/// `what` names the model (`models/seg.model`).
pub fn check_features(what: &str, file: &[String], engine: &[&str]) -> Result<(), String> {
    let at = file.iter().zip(engine).position(|(f, e)| f != e);
    let at = match at {
        None if file.len() == engine.len() => return Ok(()),
        None => file.len().min(engine.len()),
        Some(at) => at,
    };
    let name = |n: Option<&str>| n.map_or("nothing".to_string(), |n| format!("`{n}`"));
    Err(format!(
        "{what} was trained with other features than this engine's (src/segment/layout.rs): \
         feature {at} is {} in the model and {} in the engine ({} features against {}). \
         Retrain it with clipmark-lab (train-seg, train-title), or restore the feature order it \
         was trained with.",
        name(file.get(at).map(String::as_str)),
        name(engine.get(at).copied()),
        file.len(),
        engine.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn a_reordered_or_changed_feature_list_is_rejected() {
        let engine = ["bias", "chars", "words"];
        assert_eq!(check_features("m", &names("bias chars words"), &engine), Ok(()));
        let swapped = check_features("m", &names("bias words chars"), &engine).unwrap_err();
        assert!(
            swapped.contains("feature 1 is `words` in the model and `chars` in the engine"),
            "{swapped}"
        );
        let short = check_features("m", &names("bias chars"), &engine).unwrap_err();
        assert!(short.contains("feature 2 is nothing in the model and `words`"), "{short}");
        let long = check_features("m", &names("bias chars words cjk"), &engine).unwrap_err();
        assert!(long.contains("(4 features against 3)"), "{long}");
    }

    #[test]
    fn both_formats_need_their_feature_list() {
        let seg =
            "clipmark-seg 1\nfeatures bias chars\ndims 3 2 2\ndecoder 0 1 1 8\na 2 0.5\nc 1 -1\n";
        let m = parse(seg).unwrap();
        assert_eq!(
            (m.features, m.dims, m.costs),
            (names("bias chars"), [3, 2, 2], [0.0, 1.0, 1.0, 8.0])
        );
        assert_eq!(m.w, [vec![0.0, 0.0, 0.5], vec![0.0, 0.0], vec![0.0, -1.0]]);
        assert!(parse(&seg.replace("features bias chars\n", "")).is_none());
        assert!(parse(&seg.replace("a 2", "a 3")).is_none());
        let title = "clipmark-title 1\nfeatures overlap hits\nhits\t0.5\noverlap\t-1.25\n";
        let t = parse_title(title).unwrap();
        assert_eq!((t.features, t.w), (names("overlap hits"), vec![-1.25, 0.5]));
        assert!(parse_title(&title.replace("features overlap hits\n", "")).is_none());
        assert!(parse_title(&title.replace("hits\t", "rank\t")).is_none());
    }
}
