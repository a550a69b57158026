//! The segmenter's model files (the model container, `src/model_file.rs`, with the text payloads
//! of `src/segment/format.rs`): written by `train-seg` and `train-title`, read back for
//! `eval-seg --model FILE` and the tests. The engine never reads them: its build script checks
//! them against the engine's features and embeds them decoded.

use clipmark::model_file::{self, Kind};
use clipmark::segment::decode::Decoder;
use clipmark::segment::format;
use clipmark::segment::layout::{title, FEATURES, STAGE1_DIM, STAGE2_DIM};
use clipmark::segment::title::TitleModel;
use clipmark::segment::Model;

/// A model with every weight 0 and the decoder's costs 0 (every line boilerplate).
pub fn empty_model() -> Model {
    Model {
        w1: vec![0.0; STAGE1_DIM],
        w2: vec![0.0; STAGE2_DIM],
        w3: vec![0.0; STAGE2_DIM],
        decoder: Decoder::default(),
    }
}

/// Reads a segmentation model file; the error says why it is not one, or not one for this
/// engine (of another kind or version, trained with other features: [`model_file::load`]).
pub fn parse(s: &str) -> Result<Model, String> {
    let f = model_file::load("the model", s.as_bytes(), Kind::Seg, &FEATURES, format::parse)?;
    if f.dims != [STAGE1_DIM, STAGE2_DIM, STAGE2_DIM] {
        return Err(format!(
            "dims {:?}, the engine {:?}",
            f.dims,
            [STAGE1_DIM, STAGE2_DIM, STAGE2_DIM]
        ));
    }
    let [switch, reenter, marker, long] = f.costs;
    let [w1, w2, w3] = f.w;
    Ok(Model { w1, w2, w3, decoder: Decoder { switch, reenter, marker, long } })
}

/// A segmentation model as text: the container's header with the engine's feature list, then
/// the payload (`src/segment/format.rs`), the weights rounded to 4 decimals, those that round
/// to zero left out.
pub fn to_text(m: &Model) -> String {
    let mut s = model_file::header(Kind::Seg, &FEATURES);
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

/// The headline model as text: the container's header with the engine's feature list, then
/// `name<TAB>weight` per feature.
pub fn title_to_text(m: &TitleModel) -> String {
    let mut out = model_file::header(Kind::Title, &title::NAMES);
    for (name, v) in title::NAMES.iter().zip(&m.w) {
        out += &format!("{name}\t{v:.5}\n");
    }
    out
}

/// Reads a headline model file written by [`title_to_text`]; the error says why it is not one,
/// or not one for this engine.
#[cfg(test)]
pub fn title_parse(s: &str) -> Result<TitleModel, String> {
    let parse = |p: &[u8]| format::parse_title(p, &title::NAMES);
    let w = model_file::load("the model", s.as_bytes(), Kind::Title, &title::NAMES, parse)?;
    let w = w.try_into().map_err(|_| "weights missing".to_string())?;
    Ok(TitleModel { w })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clipmark::segment::embedded_model;

    #[test]
    fn the_embedded_model_parses() {
        // The build checks it too: a model file that does not parse fails the build.
        assert!(parse(include_str!("../../models/seg.model")).is_ok());
    }

    #[test]
    fn the_embedded_model_is_the_model_file() {
        // Decoded by build.rs, exactly as parsing the text gives it.
        assert_eq!(Ok(embedded_model()), parse(include_str!("../../models/seg.model")).as_ref());
        assert_ne!(embedded_model(), &empty_model());
    }

    #[test]
    fn model_text_round_trips() {
        let mut m = empty_model();
        m.decoder = Decoder { switch: 1.5, reenter: 2.0, marker: 0.5, long: 3.0 };
        m.w1[3] = 0.25;
        m.w1[STAGE1_DIM - 1] = -1.125;
        m.w2[7] = 2.0;
        m.w3[0] = -0.5;
        let back = parse(&to_text(&m)).unwrap();
        assert_eq!(back, m);
        assert!(parse("junk").is_err());
        assert!(parse("clipmark-seg 1\ndims 1 2 3\ndecoder 0 0 0\n").is_err());
        let header = model_file::header(Kind::Seg, &FEATURES);
        let err = parse(&(header + "dims 1 2 3\ndecoder 0 0 0\n")).unwrap_err();
        assert!(err.contains("seg payload does not decode: no `decoder"), "{err}");
    }

    #[test]
    fn a_model_trained_with_reordered_features_is_refused() {
        let text = to_text(&empty_model());
        let (a, b) = (FEATURES[1], FEATURES[2]);
        let swapped = text.replacen(&format!(" {a} {b} "), &format!(" {b} {a} "), 1);
        assert_ne!(swapped, text);
        let err = parse(&swapped).unwrap_err();
        assert!(
            err.contains(&format!("feature 1 is `{b}` in the model and `{a}` in the engine")),
            "{err}"
        );
        // Without its feature list a model is not one.
        let bare: String = text
            .lines()
            .filter(|l| !l.starts_with("features "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(parse(&bare).is_err());
        let title = title_to_text(&crate::title_train::rule());
        let swapped = title.replacen("features overlap hits", "features hits overlap", 1);
        assert!(title_parse(&swapped).unwrap_err().contains("feature 0 is `hits`"));
    }

    #[test]
    fn the_embedded_title_model_is_the_trained_one_and_round_trips() {
        use clipmark::segment::title::embedded;
        let file = title_parse(include_str!("../../models/title.model"))
            .expect("models/title.model parses");
        assert_eq!(embedded(), &file);
        assert_ne!(embedded(), &crate::title_train::rule(), "the crate embeds the hand-set rule");
        assert_eq!(title_parse(&title_to_text(&file)), Ok(file.clone()));
        assert!(title_parse("not a model").is_err());
    }
}
