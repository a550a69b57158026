//! The container of clipmark's three model files (`models/seg.model`, `models/title.model`,
//! `models/ner.model`): a two-line text header, then the kind's payload.
//!
//! ```text
//! clipmark-model KIND VERSION     (KIND: seg, title or ner; VERSION: of that kind's payload)
//! features NAME NAME …            (the features the model was trained with, in order)
//! PAYLOAD                         (seg, title: text, src/segment/format.rs; ner: binary,
//!                                  src/ner/format.rs)
//! ```
//!
//! [`load`] reads the header, checks it against what the engine expects (the kind, the version
//! of its payload, and the engine's feature names, name for name and in order: [`Kind`] says
//! where each kind's list is) and hands the payload to the kind's decoder; every refusal names
//! the file and what differs first. The build script decodes the committed models with it (a
//! refusal fails the build), and the lab reads `--model FILE` with it; the lab's trainers write
//! the header with [`header`]. Depends on nothing else in the crate, so that `build.rs` can
//! include it.

/// What a model file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The segmenter's line model and decoder costs (`src/segment/layout.rs` names its
    /// features).
    Seg,
    /// The headline model (`src/segment/layout.rs`, `title`).
    Title,
    /// The name tagger (`src/ner/templates.rs` names its feature templates).
    Ner,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 3] = [Kind::Seg, Kind::Title, Kind::Ner];

    /// The kind's name in the header.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Seg => "seg",
            Kind::Title => "title",
            Kind::Ner => "ner",
        }
    }

    /// The version of the kind's payload that this engine reads and the lab writes (each
    /// continues the numbering of the kind's format before the container: `clipmark-seg 1`,
    /// `clipmark-title 1`, `CMNER004`).
    pub fn version(self) -> u32 {
        match self {
            Kind::Seg | Kind::Title => 1,
            Kind::Ner => 4,
        }
    }

    /// Where the engine names the kind's features.
    fn names_in(self) -> &'static str {
        match self {
            Kind::Seg | Kind::Title => "src/segment/layout.rs",
            Kind::Ner => "src/ner/templates.rs",
        }
    }

    /// The lab command that trains a model of the kind.
    fn trainer(self) -> &'static str {
        match self {
            Kind::Seg => "clipmark-lab train-seg",
            Kind::Title => "clipmark-lab train-title",
            Kind::Ner => "clipmark-lab train-ner",
        }
    }
}

/// The first word of every model file.
pub const MAGIC: &str = "clipmark-model";

/// The header of a model of `kind` trained with `features`, up to its payload.
pub fn header(kind: Kind, features: &[&str]) -> String {
    format!("{MAGIC} {} {}\nfeatures {}\n", kind.name(), kind.version(), features.join(" "))
}

/// A model file's header as written, not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header<'a> {
    /// The kind's name.
    pub kind: &'a str,
    /// The payload's version, as written.
    pub version: &'a str,
    /// The feature names, in order.
    pub features: Vec<&'a str>,
}

/// Splits a model file into its header and its payload; `None` if it does not start with the
/// two header lines.
pub fn split(b: &[u8]) -> Option<(Header<'_>, &[u8])> {
    let (first, rest) = line(b)?;
    let (second, payload) = line(rest)?;
    let mut words = first.split(' ');
    let (Some(MAGIC), Some(kind), Some(version), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return None;
    };
    let features = second.strip_prefix("features ")?.split(' ').collect();
    Some((Header { kind, version, features }, payload))
}

/// The first line of `b` (without its `\n`, or `\r\n`) and what follows it; `None` without a
/// line end or if the line is not UTF-8.
fn line(b: &[u8]) -> Option<(&str, &[u8])> {
    let end = b.iter().position(|&c| c == b'\n')?;
    let l = std::str::from_utf8(&b[..end]).ok()?;
    Some((l.strip_suffix('\r').unwrap_or(l), &b[end + 1..]))
}

/// Reads the model file `b` (`what` names it in errors) as a model of `kind` for an engine
/// whose features are `engine` ([`open`]), and decodes its payload with `decode` (the kind's
/// decoder; its error says what is wrong with the payload).
pub fn load<'a, T>(
    what: &str,
    b: &'a [u8],
    kind: Kind,
    engine: &[&str],
    decode: impl FnOnce(&'a [u8]) -> Result<T, String>,
) -> Result<T, String> {
    let payload = open(what, b, kind, engine)?;
    decode(payload).map_err(|e| {
        format!(
            "{what}: its {} payload does not decode: {e}. Retrain it with {}.",
            kind.name(),
            kind.trainer()
        )
    })
}

/// Checks the header of the model file `b` (`what` names it in errors): a model of `kind`, of
/// the version this engine reads, trained with the features `engine` (name for name and in
/// order, [`check_features`]). Returns its payload.
pub fn open<'a>(what: &str, b: &'a [u8], kind: Kind, engine: &[&str]) -> Result<&'a [u8], String> {
    let Some((h, payload)) = split(b) else {
        let old = ["clipmark-seg ", "clipmark-title ", "CMNER"]
            .iter()
            .any(|m| b.starts_with(m.as_bytes()));
        return Err(if old {
            format!(
                "{what} is in a format from before the `{MAGIC}` header: retrain it with {}",
                kind.trainer()
            )
        } else {
            format!(
                "{what} is not a clipmark model: it does not start with the lines \
                 `{MAGIC} KIND VERSION` and `features NAME…`"
            )
        });
    };
    let Some(found) = Kind::ALL.into_iter().find(|k| k.name() == h.kind) else {
        return Err(format!(
            "{what} is a model of unknown kind `{}` (this engine reads seg, title and ner)",
            h.kind
        ));
    };
    if found != kind {
        return Err(format!(
            "{what} is a `{}` model where a `{}` model is expected",
            found.name(),
            kind.name()
        ));
    }
    if h.version != kind.version().to_string() {
        return Err(format!(
            "{what} is a `{}` model of version {}, and this engine reads version {}: retrain it \
             with {}",
            kind.name(),
            h.version,
            kind.version(),
            kind.trainer()
        ));
    }
    check_features(what, kind, &h.features, engine)?;
    Ok(payload)
}

/// Checks that a model's feature list (`file`, as its `features` line gives it) is the engine's
/// (`engine`), name for name and in order; the error says where they part and what to do.
/// `what` names the model (`models/seg.model`), `kind` its kind.
pub fn check_features(
    what: &str,
    kind: Kind,
    file: &[&str],
    engine: &[&str],
) -> Result<(), String> {
    let at = file.iter().zip(engine).position(|(f, e)| f != e);
    let at = match at {
        None if file.len() == engine.len() => return Ok(()),
        None => file.len().min(engine.len()),
        Some(at) => at,
    };
    let name = |n: Option<&&str>| n.map_or("nothing".to_string(), |n| format!("`{n}`"));
    Err(format!(
        "{what} was trained with other features than this engine's ({}): feature {at} is {} in \
         the model and {} in the engine ({} features against {}). Retrain it with {}, or \
         restore the feature order it was trained with.",
        kind.names_in(),
        name(file.get(at)),
        name(engine.get(at)),
        file.len(),
        engine.len(),
        kind.trainer()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGINE: [&str; 3] = ["bias", "chars", "words"];

    /// A model file of `kind` with `features`, then a payload of two bytes that are no text.
    fn file(kind: &str, version: &str, features: &str) -> Vec<u8> {
        let mut b = format!("{MAGIC} {kind} {version}\nfeatures {features}\n").into_bytes();
        b.extend_from_slice(&[0xff, 0]);
        b
    }

    fn open_seg(b: &[u8]) -> Result<&[u8], String> {
        open("m.model", b, Kind::Seg, &ENGINE)
    }

    #[test]
    fn the_header_is_written_as_read() {
        let mut b = header(Kind::Ner, &ENGINE).into_bytes();
        assert_eq!(b, b"clipmark-model ner 4\nfeatures bias chars words\n");
        b.extend_from_slice(b"\x00\n\xffpayload");
        let (h, payload) = split(&b).unwrap();
        assert_eq!(h, Header { kind: "ner", version: "4", features: ENGINE.to_vec() });
        assert_eq!(payload, b"\x00\n\xffpayload");
        assert_eq!(open("m", &b, Kind::Ner, &ENGINE), Ok(&b"\x00\n\xffpayload"[..]));
        let text = header(Kind::Seg, &ENGINE).replace('\n', "\r\n") + "dims 1";
        assert_eq!(open_seg(text.as_bytes()), Ok(&b"dims 1"[..]));
    }

    #[test]
    fn a_model_of_another_kind_is_refused() {
        let e = open_seg(&file("title", "1", "bias chars words")).unwrap_err();
        assert_eq!(e, "m.model is a `title` model where a `seg` model is expected");
        let e = open_seg(&file("segment", "1", "bias chars words")).unwrap_err();
        assert!(e.starts_with("m.model is a model of unknown kind `segment`"), "{e}");
    }

    #[test]
    fn a_model_of_another_version_is_refused() {
        for v in ["2", "0", "01", "1.0", ""] {
            let e = open_seg(&file("seg", v, "bias chars words")).unwrap_err();
            assert!(
                e.starts_with(&format!(
                    "m.model is a `seg` model of version {v}, and this engine reads version 1"
                )),
                "{e}"
            );
        }
        assert!(open("m", &file("ner", "3", "bias chars words"), Kind::Ner, &ENGINE).is_err());
        assert!(open("m", &file("ner", "4", "bias chars words"), Kind::Ner, &ENGINE).is_ok());
    }

    #[test]
    fn a_reordered_feature_list_is_refused() {
        assert!(open_seg(&file("seg", "1", "bias chars words")).is_ok());
        let e = open_seg(&file("seg", "1", "bias words chars")).unwrap_err();
        let expected = "m.model was trained with other features than this engine's \
            (src/segment/layout.rs): feature 1 is `words` in the model and `chars` in the engine \
            (3 features against 3)";
        assert!(e.starts_with(expected), "{e}");
        assert!(e.contains("clipmark-lab train-seg"), "{e}");
    }

    #[test]
    fn an_extra_or_missing_feature_is_refused() {
        let e = open_seg(&file("seg", "1", "bias chars words cjk")).unwrap_err();
        assert!(
            e.contains(
                "feature 3 is `cjk` in the model and nothing in the engine (4 features against 3)"
            ),
            "{e}"
        );
        let e = open_seg(&file("seg", "1", "bias chars")).unwrap_err();
        let expected = "feature 2 is nothing in the model and `words` in the engine (2 features \
            against 3)";
        assert!(e.contains(expected), "{e}");
        let e = open_seg(&file("seg", "1", "bias words")).unwrap_err();
        assert!(e.contains("feature 1 is `words` in the model and `chars` in the engine"), "{e}");
        let e = open_seg(&file("seg", "1", "bias  chars words")).unwrap_err();
        assert!(e.contains("feature 1 is `` in the model"), "{e}");
        let ner = file("ner", "4", "bias chars words");
        let e = open("m", &ner, Kind::Ner, &ENGINE[..2]).unwrap_err();
        assert!(e.contains("(src/ner/templates.rs): feature 2 is `words`"), "{e}");
    }

    #[test]
    fn a_file_without_the_header_is_refused() {
        for b in [
            &b""[..],
            b"clipmark-model seg 1",
            b"clipmark-model seg 1\n",
            b"clipmark-model seg 1\ndims 1 2 3\n",
            b"clipmark-model seg 1 2\nfeatures bias chars words\n",
            b"clipmark-model seg\nfeatures bias chars words\n",
            b"\xffclipmark-model seg 1\nfeatures bias chars words\n",
            b"features bias chars words\nclipmark-model seg 1\n",
        ] {
            let e = open_seg(b).unwrap_err();
            assert!(e.starts_with("m.model is not a clipmark model"), "{e}");
        }
        let old = open_seg(b"clipmark-seg 1\nfeatures bias chars words\n").unwrap_err();
        assert!(old.contains("a format from before the `clipmark-model` header"), "{old}");
        let old = open("m.model", b"CMNER004\x12\0\0\0", Kind::Ner, &ENGINE).unwrap_err();
        assert!(old.contains("retrain it with clipmark-lab train-ner"), "{old}");
    }

    #[test]
    fn a_payload_that_does_not_decode_is_refused_with_the_decoders_reason() {
        let b = file("seg", "1", "bias chars words");
        let text = |p: &[u8]| std::str::from_utf8(p).map(str::len).map_err(|_| "not UTF-8".into());
        let e = load("m.model", &b, Kind::Seg, &ENGINE, text).unwrap_err();
        assert!(e.starts_with("m.model: its seg payload does not decode: not UTF-8."), "{e}");
        let b = header(Kind::Title, &ENGINE) + "words\t1\n";
        assert_eq!(load("m", b.as_bytes(), Kind::Title, &ENGINE, text), Ok(8));
    }
}
