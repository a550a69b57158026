//! Entities through the public API: the built-in tagger on a news paste, pattern formats,
//! clusters, and the invariants that hold for any input.
#![allow(clippy::single_range_in_vec_init)]

use clipmark::{analyze, EntityLabel};
use proptest::prelude::*;

fn labelled(t: &str) -> Vec<(String, &'static str)> {
    analyze(t).entities.into_iter().map(|e| (t[e.span].to_string(), e.label.as_str())).collect()
}

fn has(got: &[(String, &str)], text: &str, label: &str) -> bool {
    got.iter().any(|(t, l)| t == text && *l == label)
}

#[test]
fn built_in_model_on_a_news_paste() {
    let t = include_str!("fixtures/news.txt");
    let got = labelled(t);
    for (text, label) in [
        ("Antony Blinken", "PER"),
        ("Sergey Lavrov", "PER"),
        ("Stockholm", "LOC"),
        ("Moscow", "LOC"),
        ("Ukraine", "LOC"),
        ("Nov. 17, 2021", "DATE"),
        ("€5m", "MONEY"),
        ("20%", "PERCENT"),
        ("2014", "DATE"),
    ] {
        assert!(has(&got, text, label), "{text} {label} missing from {got:?}");
    }
    // The possessive stays outside the name.
    assert!(has(&got, "Russia", "LOC"), "{got:?}");
    assert!(!got.iter().any(|(t, _)| t.contains("’s")), "{got:?}");
}

#[test]
fn hyphenated_names_are_tagged_apart() {
    let got = labelled("The Russia-Ukraine talks in Geneva ended.");
    assert!(has(&got, "Russia", "LOC") && has(&got, "Ukraine", "LOC"), "{got:?}");
}

#[test]
fn pattern_formats_of_pasted_pages() {
    for (t, want, label) in [
        ("Friday, 05 February 2021 14:44\n", "Friday, 05 February 2021 14:44", EntityLabel::Date),
        ("Press service, Nov. 17, 2021.", "Nov. 17, 2021", EntityLabel::Date),
        ("Updated 23.02.2022 09:46 by staff", "23.02.2022 09:46", EntityLabel::Date),
        ("a deal worth $ 3 billion was signed", "$ 3 billion", EntityLabel::Money),
        ("it costs €5m a year", "€5m", EntityLabel::Money),
        ("turnout was 20% lower", "20%", EntityLabel::Percent),
        ("see https://www.state.gov/a-b/ now", "https://www.state.gov/a-b/", EntityLabel::Url),
        ("write to press@example.org today", "press@example.org", EntityLabel::Email),
    ] {
        let a = analyze(t);
        assert!(
            a.entities.iter().any(|e| &t[e.span.clone()] == want && e.label == label),
            "{want:?} in {t:?}: {:?}",
            a.entities
        );
    }
}

#[test]
fn clusters_group_mentions() {
    let t = include_str!("fixtures/news.txt");
    let a = analyze(t);
    let lavrov: Vec<_> =
        a.entities.iter().filter(|e| t[e.span.clone()].contains("Lavrov")).collect();
    assert!(lavrov.len() >= 2);
    let c = lavrov[0].cluster.unwrap();
    assert!(lavrov.iter().all(|e| e.cluster == Some(c)));
    assert_eq!(a.clusters[c].canonical, "Sergey Lavrov");
    assert_eq!(a.clusters[c].label, EntityLabel::Per);
}

#[test]
fn other_scripts_and_odd_spaces() {
    let t = "Сергей Лавров\u{a0}встретился с Блинкеном.\u{200b} “Quoted” — ‘Dr. Who’ 👍";
    let a = analyze(t);
    for e in &a.entities {
        assert!(t.is_char_boundary(e.span.start) && t.is_char_boundary(e.span.end));
    }
}

fn check_invariants(t: &str) -> Result<(), TestCaseError> {
    let a = analyze(t);
    let mut last = 0;
    for e in &a.entities {
        prop_assert!(e.span.start < e.span.end && e.span.end <= t.len());
        prop_assert!(t.is_char_boundary(e.span.start) && t.is_char_boundary(e.span.end));
        prop_assert!(e.span.start >= last, "sorted and non-overlapping");
        last = e.span.end;
        if let Some(c) = e.cluster {
            prop_assert!(c < a.clusters.len());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_string_gives_valid_entities(t in any::<String>()) {
        check_invariants(&t)?;
    }

    #[test]
    fn news_like_strings_give_valid_entities(t in "([A-Z][a-z]{0,8}|[a-z]{1,8}|U\\.S\\.|'s|’s|-|\\(|\\)|\\$ ?[0-9]{1,3}|[0-9]{1,4}%?|Nov\\. [0-9]{1,2}, 20[0-9]{2}|[ \\n\\u{a0}]|Сергей|\\.)*") {
        check_invariants(&t)?;
    }
}

#[test]
fn one_long_line_keeps_its_entities_apart() {
    // Every entity of a 450 kB line, none overlapping. Time is not measured here (a quadratic
    // step would only make the test slow); src/patterns.rs counts its matchers' work.
    let t = "20% in 2014, Nov. 5, 2020, $5m a,b,c Lavrov ".repeat(8_000) + &"x".repeat(100_000);
    let a = analyze(&t);
    assert!(a.entities.len() >= 5 * 8_000);
    assert!(a.entities.windows(2).all(|w| w[0].span.end <= w[1].span.start));
}
