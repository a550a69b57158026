//! Entities: pattern entities (dates, money, percentages, URLs, e-mails) and names (people,
//! organisations, locations, other names).
//!
//! Names come from the learned tagger ([`crate::ner`]), run over the whole text as one
//! document; pattern entities come from the regular expressions of `patterns` and win where
//! the two overlap.

use crate::blocks::Source;
use crate::ner::{self, Model};
use crate::patterns;
use crate::text::{Line, Span};
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
    let mut found: Vec<Entity> =
        lines.iter().flat_map(|l| patterns_in(text, l.span.clone())).collect();
    let (toks, sents) = tagger_input(text, lines);
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
            // A person's name runs on over a hyphen and a capitalised word written together
            // (`Ocasio-Cortez`; the training text has such names as one token, the tokenizer
            // here splits them).
            while ty == 1
                && b + 1 < s.end
                && words[b] == "-"
                && toks[b - 1].span.end == toks[b].span.start
                && toks[b].span.end == toks[b + 1].span.start
                && words[b + 1].starts_with(char::is_uppercase)
            {
                b += 2;
            }
            // In a line without a lower-case word, words set apart by anything but one plain
            // space (a no-break space, a tab, several spaces) are items of a list of links, each
            // a name: `Facebook Twitter LinkedIn`. (In a sentence, a no-break space may join a
            // name: `Ceres Robotics`.)
            let list = {
                let line = &lines[lines
                    .partition_point(|l| l.span.end <= toks[a].span.start)
                    .min(lines.len() - 1)];
                !text[line.span.clone()]
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.starts_with(char::is_lowercase))
            };
            let mut from = a;
            for k in a + 1..=b {
                let plain = |k: usize| {
                    let gap = &text[toks[k - 1].span.end..toks[k].span.start];
                    !list || gap.is_empty() || gap == " "
                };
                if k < b && plain(k) {
                    continue;
                }
                let span = toks[from].span.start..toks[k - 1].span.end;
                from = k;
                // Patterns are sorted and disjoint: only the last one starting before the
                // name's end can overlap it.
                let j = found[..patterns].partition_point(|p| p.span.start < span.end);
                if j > 0 && found[j - 1].span.end > span.start {
                    continue;
                }
                let label =
                    [EntityLabel::Per, EntityLabel::Org, EntityLabel::Loc, EntityLabel::Misc]
                        [ty - 1];
                found.push(Entity::model(span, label));
            }
        }
    }
    site_names(text, lines, &toks, &mut found, patterns, model);
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

/// The tagger's input for `text`: its tokens, and sentences as ranges of token indices; every
/// line is tokenized and split into sentences on its own.
pub fn tagger_input(text: &str, lines: &[Line]) -> (Vec<Token>, Vec<std::ops::Range<usize>>) {
    let mut toks: Vec<Token> = Vec::new();
    let mut sents: Vec<std::ops::Range<usize>> = Vec::new();
    for line in lines {
        let lt = tokenize(text, line.span.clone());
        let base = toks.len();
        sents.extend(sentences(text, &lt).into_iter().map(|s| base + s.start..base + s.end));
        toks.extend(lt);
    }
    (toks, sents)
}

/// Top-level domains after which a bare `name.tld` is a site's name.
const TLDS: &[&str] =
    &["com", "org", "net", "gov", "edu", "io", "co", "tv", "info", "news", "uk", "au", "ca"];

/// The site label of a host name: `www.nypost.com` → `nypost`, `news.bbc.co.uk` → `bbc`.
fn site_label(host: &str) -> Option<&str> {
    let parts: Vec<&str> = host.split('.').filter(|p| !p.is_empty()).collect();
    let n = parts.len();
    if n < 2 || !TLDS.contains(&parts[n - 1].to_ascii_lowercase().as_str()) {
        return None;
    }
    let second_level = |p: &str| {
        matches!(p.to_ascii_lowercase().as_str(), "co" | "com" | "org" | "net" | "gov" | "ac")
    };
    let label = if n >= 3 && parts[n - 1].len() == 2 && second_level(parts[n - 2]) {
        parts[n - 3]
    } else {
        parts[n - 2]
    };
    (label.chars().count() >= 3
        && label.chars().any(|c| c.is_alphabetic())
        && !label.eq_ignore_ascii_case("www"))
    .then_some(label)
}

/// Site names, which a tagger trained on 1996 newswire cannot know: a bare domain standing
/// as a word (`TheHill.com`, `realtor.com`) is an organisation, and so is a word, or up to
/// three capitalised words written together, spelling the site label of a web or e-mail
/// address or bare domain on the same page (`my6sense` after `www.my6sense.com`, `CT Post`
/// after `https://www.ctpost.com/`, `Twitter` after `twitter.com/…`). An all-lower-case
/// ordinary word (`time` of `time.com`) is left alone. Such a name replaces the tagger's names
/// inside it and relabels the tagger's name of exactly its span; a longer name of the tagger
/// that holds it (`WSJ Video`) stays.
fn site_names(
    text: &str,
    lines: &[Line],
    toks: &[Token],
    found: &mut Vec<Entity>,
    patterns: usize,
    model: &Model,
) {
    let mut labels: Vec<String> = Vec::new();
    for e in &found[..patterns] {
        let s = &text[e.span.clone()];
        let host = match e.label {
            EntityLabel::Email => s.rsplit('@').next().unwrap_or(""),
            EntityLabel::Url => {
                let s = s.split_once("://").map_or(s, |(_, r)| r);
                s.split(['/', '?', '#', ':']).next().unwrap_or("")
            }
            _ => continue,
        };
        labels.extend(site_label(host).map(str::to_lowercase));
    }
    // Bare domains: a whitespace-separated chunk of the form `name.tld`.
    let mut sites: Vec<Span> = Vec::new();
    for line in lines {
        let l = &text[line.span.clone()];
        let mut off = 0;
        for chunk in l.split(|c: char| c.is_whitespace()) {
            let start = line.span.start + off;
            off += chunk.len();
            off += l[off..].chars().next().map_or(0, char::len_utf8);
            let lead = chunk.len() - chunk.trim_start_matches(['(', '"', '\'', '“', '‘']).len();
            let body = chunk[lead..]
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '”', '’']);
            if body.is_empty()
                || body.contains(['/', '@'])
                || body.to_ascii_lowercase().starts_with("www.")
            {
                continue;
            }
            let ok = body
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'));
            if !ok || !body.chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Some(label) = site_label(body) else { continue };
            if !body.split('.').next().is_some_and(|p| p.chars().any(char::is_alphabetic))
                || body.split('.').count() > 3
            {
                continue;
            }
            let span = start + lead..start + lead + body.len();
            if overlaps_sorted(&found[..patterns], |e| &e.span, &span) {
                continue;
            }
            labels.push(label.to_lowercase());
            sites.push(span);
        }
    }
    labels.sort();
    labels.dedup();
    let mut add: Vec<(Span, Span)> = sites.iter().map(|s| (s.clone(), s.clone())).collect();
    if !labels.is_empty() {
        let free = |span: &Span| {
            !overlaps_sorted(&found[..patterns], |e| &e.span, span)
                && !overlaps_sorted(&sites, |s| s, span)
        };
        let word = |t: &Token| text[t.span.clone()].chars().all(char::is_alphanumeric);
        let mut i = 0;
        while i < toks.len() {
            let mut hit = 0;
            for n in 1..=3.min(toks.len() - i) {
                let run = &toks[i..i + n];
                if !run.iter().all(word) {
                    break;
                }
                if n > 1 && text[run[n - 2].span.end..run[n - 1].span.start] != *" " {
                    break;
                }
                let joined: String =
                    run.iter().map(|t| &text[t.span.clone()]).collect::<String>().to_lowercase();
                if labels.binary_search(&joined).is_err() {
                    continue;
                }
                let first = &text[run[0].span.clone()];
                let capital = |t: &Token| {
                    text[t.span.clone()]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                };
                // A single word: not an ordinary word in lower case or Title Case (`Space` of
                // space.com); an acronym, a word with an inner capital or a digit, or a rare word.
                let ok = if n == 1 {
                    first.chars().skip(1).any(|c| c.is_uppercase() || c.is_ascii_digit())
                        || !ner::is_known_word(model, first)
                } else {
                    run.iter().all(capital)
                };
                // A word before or after that glues to it (`my6sense.com`) is no site name here.
                // `The Hill` of thehill.com: the name is `Hill`, as the article is never part of one.
                let from = if n > 1 && first.eq_ignore_ascii_case("the") { 1 } else { 0 };
                let span = run[from].span.start..run[n - 1].span.end;
                let glued = text[..span.start].ends_with(['.', '@', '/'])
                    || text[span.end..].starts_with(['@', '/'])
                    || (text[span.end..].starts_with('.')
                        && text[span.end + 1..].starts_with(char::is_alphanumeric));
                if ok && !glued && free(&span) {
                    hit = n;
                    add.push((run[0].span.start..run[n - 1].span.end, span));
                    break;
                }
            }
            i += hit.max(1);
        }
    }
    // The names so far, by start: they never overlap, so the one that could hold or cross a
    // span is found by a lookup, and a page with many site names stays linear-logarithmic.
    let mut names: BTreeMap<usize, Entity> =
        found.drain(patterns..).map(|e| (e.span.start, e)).collect();
    for (run, span) in add {
        // A longer name of the tagger that holds the site name wins; the tagger's names inside
        // it or crossing it give way.
        if names
            .range(..=run.start)
            .next_back()
            .is_some_and(|(_, e)| run.end <= e.span.end && e.span != run)
        {
            continue;
        }
        let gone: Vec<usize> = names
            .range(..span.end)
            .rev()
            .take_while(|(_, e)| e.span.end > span.start)
            .map(|(&k, _)| k)
            .collect();
        for k in gone {
            names.remove(&k);
        }
        names.insert(span.start, Entity::model(span, EntityLabel::Org));
    }
    found.extend(names.into_values());
}

/// Whether `span` overlaps one of `items`, whose spans (`span_of`) are sorted and do not
/// overlap (so their ends are sorted too): a binary search, so that a page with thousands of
/// links stays linear-logarithmic.
fn overlaps_sorted<T>(items: &[T], span_of: impl Fn(&T) -> &Span, span: &Span) -> bool {
    let k = items.partition_point(|x| span_of(x).end <= span.start);
    items.get(k).is_some_and(|x| span_of(x).start < span.end)
}

/// Pattern entities in `text[range]`, non-overlapping (earlier and longer matches win; URL and
/// e-mail first, then money, percentages, dates, and last years in context such as `in 2014`).
pub fn patterns_in(text: &str, range: Span) -> Vec<Entity> {
    let slice = &text[range.clone()];
    // Kept by start; a candidate is checked against its two neighbours only, so a long line
    // with many matches stays linear-logarithmic.
    let mut out: BTreeMap<usize, Entity> = BTreeMap::new();
    let mut add = |span: Span, label: EntityLabel| {
        let before =
            out.range(..span.end).next_back().is_some_and(|(_, e)| e.span.end > span.start);
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
        if a1 == Some('%')
            || (matches!(a1, Some('.' | ',')) && a2.is_some_and(|c| c.is_ascii_digit()))
        {
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
    fn overlap_with_sorted_spans_is_found_by_search() {
        let spans: Vec<Span> = vec![2..5, 8..9, 12..20];
        let hit = |s: Span| overlaps_sorted(&spans, |x| x, &s);
        assert!(hit(4..6) && hit(0..3) && hit(8..9) && hit(19..30) && hit(0..100));
        assert!(!hit(0..2) && !hit(5..8) && !hit(9..12) && !hit(20..25));
        assert!(!overlaps_sorted(&[] as &[Span], |x| x, &(0..10)));
    }

    #[test]
    fn site_names_of_the_page_are_organisations() {
        let t = "About my6sense\nmy6sense offers a platform, said its chief.\nFor more, visit www.my6sense.com.\n© 2019 OregonLive.com. All rights reserved.\nThe time is now.\nSee https://time.com/x\n";
        let got = labelled(t);
        assert!(got.contains(&("my6sense", "ORG")), "{got:?}");
        assert!(got.contains(&("OregonLive.com", "ORG")), "{got:?}");
        assert!(got.contains(&("www.my6sense.com", "URL")), "{got:?}");
        assert!(!got.iter().any(|&(s, _)| s.eq_ignore_ascii_case("time")), "{got:?}");
        assert_eq!(site_label("news.bbc.co.uk"), Some("bbc"));
        assert_eq!(site_label("www.nypost.com"), Some("nypost"));
        assert_eq!(site_label("localhost"), None);
    }

    #[test]
    fn a_list_of_links_is_split_at_no_break_spaces() {
        let t = "Share\nFacebook\u{a0}Twitter\u{a0}LinkedIn\u{a0}\nThe deal with Ceres\u{a0}Robotics was signed.\n";
        let got = labelled(t);
        assert!(!got.iter().any(|&(s, _)| s.starts_with("Facebook\u{a0}")), "{got:?}");
        assert!(!got.iter().any(|&(s, _)| s == "Robotics"), "{got:?}");
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
