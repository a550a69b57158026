//! Entities: pattern entities (dates, money, percentages, URLs, e-mails) and names (people,
//! organisations, locations, other names).
//!
//! Names come from the learned tagger ([`crate::ner`]), run over the whole text as one
//! document; pattern entities come from the regular expressions of `patterns` and win where
//! the two overlap.

use crate::blocks::Source;
use crate::patterns;
use crate::text::{Line, Span};
use crate::ner::{self, Model};
use crate::tokens::{sentences, tokenize, Token};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityLabel {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation.
    #[serde(rename = "ORG")]
    Org,
    /// A location (including countries and cities, also when they stand for governments).
    #[serde(rename = "LOC")]
    Loc,
    /// Another name: nationalities, events, laws, products.
    #[serde(rename = "MISC")]
    Misc,
    /// An absolute date or time.
    #[serde(rename = "DATE")]
    Date,
    /// An amount of money.
    #[serde(rename = "MONEY")]
    Money,
    /// A percentage.
    #[serde(rename = "PERCENT")]
    Percent,
    /// A web address.
    #[serde(rename = "URL")]
    Url,
    /// An e-mail address.
    #[serde(rename = "EMAIL")]
    Email,
}

impl EntityLabel {
    /// All labels, in the order of the page's digit shortcuts (1 = PER, 2 = ORG, ...).
    pub const ALL: [EntityLabel; 9] = [
        EntityLabel::Per,
        EntityLabel::Org,
        EntityLabel::Loc,
        EntityLabel::Misc,
        EntityLabel::Date,
        EntityLabel::Money,
        EntityLabel::Percent,
        EntityLabel::Url,
        EntityLabel::Email,
    ];

    /// The label's name as written in `clipmark/v1`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
            EntityLabel::Date => "DATE",
            EntityLabel::Money => "MONEY",
            EntityLabel::Percent => "PERCENT",
            EntityLabel::Url => "URL",
            EntityLabel::Email => "EMAIL",
        }
    }

    /// Parses a label name as written in `clipmark/v1`.
    pub fn parse(s: &str) -> Option<EntityLabel> {
        EntityLabel::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// A labelled span of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Where it lies, in bytes.
    pub span: Span,
    /// Its type.
    pub label: EntityLabel,
    /// Who set it.
    pub source: Source,
    /// The mention cluster it belongs to (an index into the analysis's clusters), if any.
    pub cluster: Option<usize>,
}

impl Entity {
    fn model(span: Span, label: EntityLabel) -> Entity {
        Entity { span, label, source: Source::Model, cluster: None }
    }
}

/// Finds the entities of `text` with the built-in tagger model: sorted by start, never
/// overlapping. Pattern entities win over names where they overlap.
pub fn find(text: &str, lines: &[Line]) -> Vec<Entity> {
    find_with(text, lines, ner::embedded())
}

/// [`find`] with a given tagger model. The whole text is one document for the tagger's
/// document-level pass; every line is split into sentences on its own.
pub fn find_with(text: &str, lines: &[Line], model: &Model) -> Vec<Entity> {
    let mut toks: Vec<Token> = Vec::new();
    let mut sents: Vec<std::ops::Range<usize>> = Vec::new();
    let mut found: Vec<Entity> = Vec::new();
    for line in lines {
        found.extend(patterns_in(text, line.span.clone()));
        let lt = tokenize(text, line.span.clone());
        let base = toks.len();
        sents.extend(sentences(text, &lt).into_iter().map(|s| base + s.start..base + s.end));
        toks.extend(lt);
    }
    let words: Vec<&str> = toks.iter().map(|t| &text[t.span.clone()]).collect();
    let mut labels = Vec::new();
    ner::Tagger::new(model).tag(&words, &sents, &mut labels);
    let patterns = found.len();
    for s in &sents {
        for (a, b, ty) in ner::spans(&labels[s.clone()]) {
            let (mut a, mut b) = (s.start + a, s.start + b);
            // Quotes, brackets and a possessive never start or end a name.
            let edge = |w: &str| !w.chars().next().is_some_and(char::is_alphanumeric);
            while a < b && edge(words[a]) {
                a += 1;
            }
            while b > a && (edge(words[b - 1]) && !words[b - 1].ends_with('.')) {
                b -= 1;
            }
            if a == b {
                continue;
            }
            let span = toks[a].span.start..toks[b - 1].span.end;
            if is_menu_entry(text, lines, &span, model) {
                continue;
            }
            // Patterns are sorted and disjoint: only the last one starting before the name's
            // end can overlap it.
            let k = found[..patterns].partition_point(|p| p.span.start < span.end);
            if k > 0 && found[k - 1].span.end > span.start {
                continue;
            }
            let label = [EntityLabel::Per, EntityLabel::Org, EntityLabel::Loc, EntityLabel::Misc][ty - 1];
            found.push(Entity::model(span, label));
        }
    }
    found.sort_by_key(|e| (e.span.start, e.span.end));
    // Patterns never overlap each other and names never overlap patterns or each other; keep
    // the guarantee explicit anyway.
    let mut out: Vec<Entity> = Vec::with_capacity(found.len());
    for e in found {
        if out.last().is_none_or(|l| l.span.end <= e.span.start) {
            out.push(e);
        }
    }
    out
}

/// Whether a name found by the tagger is a menu entry: it is a whole line by itself, of at
/// most four words, each an ordinary English word ([`ner::is_common_word`]): "Finance",
/// "Real Estate", "Energy & Environment", "Podcasts". Pasted pages are full of them, and the
/// tagger, trained on news sentences where a capitalised phrase is mostly a name, reads them
/// as organisations. Names that are ordinary words too ("Apple") stay when a gazetteer lists
/// them.
fn is_menu_entry(text: &str, lines: &[Line], span: &Span, model: &Model) -> bool {
    let Some(line) = lines.get(lines.partition_point(|l| l.span.end <= span.start)) else { return false };
    if text[line.span.clone()].trim() != &text[span.clone()] {
        return false;
    }
    let words: Vec<&str> = text[span.clone()].split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    !words.is_empty() && words.len() <= 4 && words.iter().all(|w| ner::is_common_word(model, w))
}

/// Pattern entities in `text[range]`, non-overlapping (earlier and longer matches win; URL and
/// e-mail first, then money, percentages, dates, and last years in context such as `in 2014`).
pub fn patterns_in(text: &str, range: Span) -> Vec<Entity> {
    let slice = &text[range.clone()];
    // Kept by start; a candidate is checked against its two neighbours only, so a long line
    // with many matches stays linear-logarithmic.
    let mut out: BTreeMap<usize, Entity> = BTreeMap::new();
    let mut add = |span: Span, label: EntityLabel| {
        let before = out.range(..span.end).next_back().is_some_and(|(_, e)| e.span.end > span.start);
        if !before {
            out.insert(span.start, Entity::model(span, label));
        }
    };
    let kinds: [(&patterns::Pattern, EntityLabel); 5] = [
        (&patterns::URL, EntityLabel::Url),
        (&patterns::EMAIL, EntityLabel::Email),
        (&patterns::MONEY, EntityLabel::Money),
        (&patterns::PERCENT, EntityLabel::Percent),
        (&patterns::DATE, EntityLabel::Date),
    ];
    for (re, label) in kinds {
        for m in re.find_iter(slice) {
            add(range.start + m.start()..range.start + m.end(), label);
        }
    }
    // Years in context (`in 2014`): only the year, and not part of a number (`in 2014.5`,
    // `in 2014%`).
    for m in patterns::YEAR.find_iter(slice) {
        // The year is the match's last four characters (ASCII digits).
        let y = m.end() - 4..m.end();
        let mut after = slice[y.end..].chars();
        let (a1, a2) = (after.next(), after.next());
        if a1 == Some('%') || (matches!(a1, Some('.' | ',')) && a2.is_some_and(|c| c.is_ascii_digit())) {
            continue;
        }
        add(range.start + y.start..range.start + y.end, EntityLabel::Date);
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    fn labelled(t: &str) -> Vec<(&str, &'static str)> {
        find(t, &lines(t)).into_iter().map(|e| (&t[e.span], e.label.as_str())).collect()
    }

    #[test]
    fn menu_entries_of_ordinary_words_are_not_names() {
        let t = "Finance\nReal Estate\nEnergy & Environment\nNational Security\nNATO\n\nAntony Blinken met Sergey Lavrov in Stockholm.\n";
        let got = labelled(t);
        for menu in ["Finance", "Real Estate", "Energy & Environment", "National Security"] {
            assert!(!got.iter().any(|&(s, _)| s == menu), "{menu} tagged: {got:?}");
        }
        // An acronym alone on its line and names inside sentences stay.
        assert!(got.contains(&("NATO", "ORG")), "{got:?}");
        assert!(got.contains(&("Antony Blinken", "PER")), "{got:?}");
        assert!(got.contains(&("Stockholm", "LOC")), "{got:?}");
    }

    #[test]
    fn baseline_on_a_news_sentence() {
        let got = labelled("U.S. Secretary of State Antony Blinken met Sergey Lavrov in Stockholm on Dec. 1, 2021.");
        assert!(got.contains(&("Antony Blinken", "PER")), "{got:?}");
        assert!(got.contains(&("Sergey Lavrov", "PER")), "{got:?}");
        assert!(got.contains(&("Stockholm", "LOC")), "{got:?}");
        assert!(got.contains(&("Dec. 1, 2021", "DATE")), "{got:?}");
    }

    #[test]
    fn patterns_win_and_nothing_overlaps() {
        let t = "Visit https://Example.com/News or write to Jane@Example.com, 20% off $5m.";
        let es = find(t, &lines(t));
        for w in es.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
        let got: Vec<_> = es.iter().map(|e| (&t[e.span.clone()], e.label.as_str())).collect();
        assert!(got.contains(&("https://Example.com/News", "URL")));
        assert!(got.contains(&("Jane@Example.com", "EMAIL")));
        assert!(got.contains(&("20%", "PERCENT")));
        assert!(got.contains(&("$5m", "MONEY")));
    }
}
