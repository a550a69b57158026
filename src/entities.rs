//! Entities: pattern entities (dates, money, percentages, URLs, e-mails) and names (people,
//! organisations, locations, other names).
//!
//! The name tagger here is the **baseline** of the end-to-end issue: runs of capitalised
//! tokens, typed by a few cue words. The learned tagger of the entity issue replaces
//! [`names`]; the pattern entities and the merging rules stay.

use crate::blocks::Source;
use crate::patterns;
use crate::text::{Line, Span};
use crate::tokens::{sentences, tokenize};
use serde::{Deserialize, Serialize};

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

/// Finds the entities of `text`, line by line: sorted by start, never overlapping. Pattern
/// entities win over names where they overlap.
pub fn find(text: &str, lines: &[Line]) -> Vec<Entity> {
    let mut out = Vec::new();
    for line in lines {
        let mut found = patterns_in(text, line.span.clone());
        let names = names(text, line.span.clone());
        let kept: Vec<Entity> = names
            .into_iter()
            .filter(|n| !found.iter().any(|p| p.span.start < n.span.end && n.span.start < p.span.end))
            .collect();
        found.extend(kept);
        found.sort_by_key(|e| e.span.start);
        out.extend(found);
    }
    out
}

/// Pattern entities in `text[range]`, non-overlapping (earlier and longer matches win; URL and
/// e-mail first, then money, percentages and dates).
pub fn patterns_in(text: &str, range: Span) -> Vec<Entity> {
    let slice = &text[range.clone()];
    let mut out: Vec<Entity> = Vec::new();
    let kinds: [(&regex::Regex, EntityLabel); 5] = [
        (&patterns::URL, EntityLabel::Url),
        (&patterns::EMAIL, EntityLabel::Email),
        (&patterns::MONEY, EntityLabel::Money),
        (&patterns::PERCENT, EntityLabel::Percent),
        (&patterns::DATE, EntityLabel::Date),
    ];
    for (re, label) in kinds {
        for m in re.find_iter(slice) {
            let span = range.start + m.start()..range.start + m.end();
            if !out.iter().any(|e| e.span.start < span.end && span.start < e.span.end) {
                out.push(Entity::model(span, label));
            }
        }
    }
    out.sort_by_key(|e| e.span.start);
    out
}

/// Words that are capitalised for grammar, not because they name something.
const FUNCTION_WORDS: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "You", "His", "Her", "Their", "Our", "My", "Your", "In", "On", "At", "For", "From", "To",
    "Of", "And", "But", "Or", "If", "When", "While", "After", "Before", "As", "With", "By", "Some",
    "Many", "Most", "All", "No", "Not", "There", "Here", "What", "Who", "Why", "How", "Where",
    "Speaking", "According", "FILE", "Read", "Published", "Source", "Related", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Secretary", "President", "Minister",
    "Foreign", "State", "Mr.", "Mrs.", "Ms.", "Dr.",
];
/// Last words that make a run an organisation.
const ORG_CUES: &[&str] = &[
    "Ministry", "Department", "Council", "Committee", "Agency", "Bank", "Inc", "Inc.", "Corp",
    "Corp.", "Ltd", "Company", "University", "Party", "Association", "Organization",
    "Organisation", "Union", "Group", "Press", "News", "Institute", "Service", "Office", "Court",
    "Parliament", "Commission", "Forces", "Staff", "Times", "Post", "Reuters", "NATO", "UN", "EU",
];
/// Runs that are places.
const LOC_WORDS: &[&str] = &[
    "Russia", "Ukraine", "Georgia", "United States", "U.S.", "US", "USA", "China", "France",
    "Germany", "Britain", "Europe", "Moscow", "Washington", "London", "Paris", "Berlin", "Kyiv",
    "Kiev", "Iran", "Turkey", "Azerbaijan", "Armenia", "Kazakhstan", "Turkmenistan", "Crimea",
    "Latvia", "Riga", "Stockholm", "Tbilisi", "Baku", "Japan", "India", "Israel", "Syria", "Iraq",
];
/// Suffixes of nationality adjectives (MISC).
const MISC_SUFFIXES: &[&str] = &["ian", "ean", "ese", "ish", "ic", "an"];

/// Baseline name finder: maximal runs of capitalised tokens (allowing `of`, `the`, `for`
/// inside), skipping a lone sentence-initial function word, typed by cue words.
pub fn names(text: &str, range: Span) -> Vec<Entity> {
    let toks = tokenize(text, range);
    let mut out = Vec::new();
    for sent in sentences(text, &toks) {
        let words: Vec<&str> = toks[sent.clone()].iter().map(|t| &text[t.span.clone()]).collect();
        let cap = |w: &str| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) && !FUNCTION_WORDS.contains(&w)
        };
        let mut i = 0;
        while i < words.len() {
            if !cap(words[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < words.len() {
                if cap(words[j]) {
                    j += 1;
                } else if matches!(words[j], "de" | "van" | "von" | "da" | "bin" | "al")
                    && j + 1 < words.len()
                    && cap(words[j + 1])
                {
                    // Name particles: Maria de Vries, Ludwig van Beethoven.
                    j += 2;
                } else if matches!(words[j], "of" | "for" | "the")
                    && j + 1 < words.len()
                    && cap(words[j + 1])
                    && !(words[j] == "the" && j == i + 1)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let run = &words[i..j];
            let span = toks[sent.start + i].span.start..toks[sent.start + j - 1].span.end;
            let phrase = &text[span.clone()];
            let all_caps_menu = run.len() == 1 && phrase.len() > 5 && phrase.chars().all(|c| !c.is_lowercase());
            if !all_caps_menu {
                let label = if run.iter().any(|w| ORG_CUES.contains(w)) {
                    EntityLabel::Org
                } else if LOC_WORDS.contains(&phrase) {
                    EntityLabel::Loc
                } else if run.len() == 1 && MISC_SUFFIXES.iter().any(|s| phrase.ends_with(s)) && phrase.len() > 4 {
                    EntityLabel::Misc
                } else if (2..=3).contains(&run.len()) {
                    EntityLabel::Per
                } else if run.len() == 1 {
                    EntityLabel::Per
                } else {
                    EntityLabel::Misc
                };
                out.push(Entity::model(span, label));
            }
            i = j;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    fn labelled(t: &str) -> Vec<(&str, &'static str)> {
        find(t, &lines(t)).into_iter().map(|e| (&t[e.span], e.label.as_str())).collect()
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
