//! Invariants that hold for any input: no panic, blocks cover every non-empty line exactly
//! once, spans on character boundaries, entities sorted, non-overlapping and slicing the text
//! exactly, and export → import round-trips in both offset units.

use clipmark::{analyze, lines, Document, Unit};
use proptest::prelude::*;

fn check(text: &str) {
    let a = analyze(text);
    let ls = lines(text);
    // Every non-empty line in exactly one block, in order; a block never splits a line.
    let covered: Vec<usize> = a.blocks.iter().flat_map(|b| b.lines.clone()).collect();
    assert_eq!(covered, (0..ls.len()).collect::<Vec<_>>());
    for b in &a.blocks {
        assert_eq!(b.span.start, ls[b.lines.start].span.start);
        assert_eq!(b.span.end, ls[b.lines.end - 1].span.end);
    }
    // The metadata's title is the title block's text; a publication date is ISO 8601.
    if let Some(title) = &a.metadata.title {
        let block = a
            .blocks
            .iter()
            .find(|b| b.label == clipmark::BlockLabel::Title)
            .expect("a title block");
        assert_eq!(
            *title,
            text[block.span.clone()].split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
    if let Some(p) = &a.metadata.published {
        let b = p.as_bytes();
        assert!(p.len() == 10 || (p.len() == 16 && b[10] == b'T' && b[13] == b':'), "{p}");
        assert!(b[4] == b'-' && b[7] == b'-' && p[..4].bytes().all(|c| c.is_ascii_digit()), "{p}");
    }
    let mut prev = 0;
    for e in &a.entities {
        assert!(e.span.start >= prev && e.span.start < e.span.end && e.span.end <= text.len());
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        prev = e.span.end;
    }
    for unit in [Unit::Codepoint, Unit::Utf16] {
        let doc = Document::from_analysis(text, &a, unit);
        doc.validate().unwrap();
        let back = Document::from_json(&doc.to_json()).unwrap();
        assert_eq!(back, doc);
        let other = if unit == Unit::Codepoint { Unit::Utf16 } else { Unit::Codepoint };
        assert_eq!(doc.convert(other).unwrap().convert(unit).unwrap(), doc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_string(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn news_like_strings(parts in proptest::collection::vec(prop_oneof![
        Just("Antony Blinken".to_string()), Just("U.S.".to_string()), Just("Nov. 17, 2021".to_string()),
        Just("😀".to_string()), Just("東京".to_string()), Just("Київ".to_string()), Just("e\u{301}".to_string()),
        Just("\u{a0}".to_string()), Just("\r\n".to_string()), Just("\r".to_string()), Just("\n\n".to_string()),
        Just(" ".to_string()), Just(".".to_string()), Just("$5m".to_string()), Just("20%".to_string()),
        Just("https://x.org/a".to_string()), Just("a@b.co".to_string()), Just("Related items".to_string()),
        Just("By Jane Doe".to_string()), Just("SATURDAY, OCTOBER 20, 2012".to_string()), Just("Read 301 times".to_string()),
        Just("Home | News".to_string()), Just("2021-02-05T14:44".to_string()), Just("Photo: Reuters".to_string()),
        "[a-zA-Z]{1,12}".prop_map(|s| s),
    ], 0..60)) {
        check(&parts.concat());
    }
}

#[test]
fn must_hold_inputs() {
    let long_line = "word ".repeat(200_000);
    let junk: String =
        (0..20_000u32).filter_map(|i| char::from_u32((i * 7919) % 0x2FFFF)).collect();
    for text in [
        "",
        "   \n\t\u{a0}\r\n",
        "One single line",
        "A\r\nB\r\n\r\nC",
        "lone\rcarriage\rreturns",
        &long_line,
        &junk,
        "שלום עולם. זהו מאמר בעברית עם מספיק מילים כדי להיראות כמו פסקה של טקסט.\nمرحبا بالعالم",
        "東京都は２０２１年に新しい計画を発表した。これは長い段落の一部です。",
    ] {
        check(text);
    }
}
