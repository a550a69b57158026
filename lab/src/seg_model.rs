//! The segmenter's model files as text (`src/segment/format.rs`): written by `train-seg` and
//! `train-title`, read back for `--model FILE` and the tests. The engine never reads them: its
//! build script embeds them decoded.

use clipmark::segment::decode::Decoder;
use clipmark::segment::format;
use clipmark::segment::layout::title;
use clipmark::segment::layout::{STAGE1_DIM, STAGE2_DIM};
use clipmark::segment::title::TitleModel;
use clipmark::segment::Model;

/// Reads a segmentation model file; `None` if it is malformed or not for this engine's features.
pub fn parse(s: &str) -> Option<Model> {
    let f = format::parse(s)?;
    if f.dims != [STAGE1_DIM, STAGE2_DIM, STAGE2_DIM] {
        return None;
    }
    let [switch, reenter, marker, long] = f.costs;
    let [w1, w2, w3] = f.w;
    Some(Model { w1, w2, w3, decoder: Decoder { switch, reenter, marker, long } })
}

/// A segmentation model as text (`src/segment/format.rs`), weights rounded to 4 decimals and those
/// that round to zero left out.
pub fn to_text(m: &Model) -> String {
    let mut s = String::from("clipmark-seg 1\n");
    let d = m.decoder;
    s += &format!(
        "dims {} {} {}\ndecoder {} {} {} {}\n",
        m.w1.len(),
        m.w2.len(),
        m.w3.len(),
        d.switch,
        d.reenter,
        d.marker,
        d.long
    );
    for (tag, w) in [("a", &m.w1), ("b", &m.w2), ("c", &m.w3)] {
        for (k, &v) in w.iter().enumerate() {
            let r = format!("{v:.4}");
            if r.trim_start_matches('-').trim_start_matches(['0', '.']).is_empty() {
                continue;
            }
            s += &format!("{tag} {k} {}\n", r.trim_end_matches('0'));
        }
    }
    s
}

/// The headline model as text: a `clipmark-title 1` line, then `name<TAB>weight` per feature.
pub fn title_to_text(m: &TitleModel) -> String {
    let mut out = String::from("clipmark-title 1\n");
    for (name, v) in title::NAMES.iter().zip(&m.w) {
        out += &format!("{name}\t{v:.5}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clipmark::segment::embedded_model;

    #[test]
    fn the_embedded_model_parses() {
        // A model file that does not parse would silently give the empty model.
        assert!(parse(include_str!("../../models/seg.model")).is_some());
    }

    #[test]
    fn the_embedded_model_is_the_model_file() {
        // Decoded by build.rs, exactly as parsing the text gives it.
        assert_eq!(
            embedded_model(),
            &parse(include_str!("../../models/seg.model")).unwrap_or_default()
        );
        assert_ne!(embedded_model(), &Model::default());
    }

    #[test]
    fn model_text_round_trips() {
        let mut m = Model {
            decoder: Decoder { switch: 1.5, reenter: 2.0, marker: 0.5, long: 3.0 },
            ..Model::default()
        };
        m.w1[3] = 0.25;
        m.w1[STAGE1_DIM - 1] = -1.125;
        m.w2[7] = 2.0;
        m.w3[0] = -0.5;
        let back = parse(&to_text(&m)).unwrap();
        assert_eq!(back, m);
        assert_eq!(parse("junk"), None);
        assert_eq!(parse("clipmark-seg 1\ndims 1 2 3\ndecoder 0 0 0\n"), None);
    }

    #[test]
    fn the_embedded_title_model_is_the_trained_one_and_round_trips() {
        use clipmark::segment::title::{embedded, TitleModel};
        let file = TitleModel::parse(include_str!("../../models/title.model"))
            .expect("models/title.model parses");
        assert_eq!(embedded(), &file);
        assert_ne!(embedded(), &TitleModel::rule(), "the crate fell back to the hand-set rule");
        assert_eq!(TitleModel::parse(&title_to_text(&file)), Some(file.clone()));
        assert!(TitleModel::parse("not a model").is_none());
    }
}
