//! Mention clusters: mentions of the same entity within one document, with a canonical name.
//!
//! Rules, in order:
//! - titles before a person's name are ignored (`Secretary Blinken`, `Mr. Lavrov`);
//! - full person names join when their surnames are equal after transliteration folding and
//!   their first names are equal or one edit apart after it (`Sergey`/`Sergei Lavrov`,
//!   `Dmitry`/`Dmytro Kuleba`, `Jeyhun`/`Ceyhun Bayramov`, `Zelensky`/`Zelenskyy`);
//! - a one-word person mention joins the full name with that surname when there is exactly
//!   one (`Blinken` → `Antony Blinken`);
//! - an acronym joins its expansion when the text states it: `North Atlantic Treaty
//!   Organization (NATO)` or `NATO (North Atlantic Treaty Organization)`;
//! - other names join when their text is the same (case-insensitive, a leading `the` ignored).
//!
//! The canonical name is the longest mention with titles removed (the first of equals).
//! Dates, amounts and addresses are not clustered.

use crate::entities::{Entity, EntityLabel};
use std::collections::HashMap;

/// A group of mentions of one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// The label shared by its mentions (the first mention's, for an acronym and its
    /// expansion).
    pub label: EntityLabel,
    /// The fullest name among the mentions.
    pub canonical: String,
    /// How many mentions it has.
    pub mentions: usize,
}

fn clustered(label: EntityLabel) -> bool {
    matches!(label, EntityLabel::Per | EntityLabel::Org | EntityLabel::Loc | EntityLabel::Misc)
}

/// Words that may precede a person's name without being part of it (lower-case, no period).
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "foreign",
    "defense",
    "defence",
    "state",
    "general",
    "gen",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "chancellor",
    "premier",
    "ambassador",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "deputy",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "mayor",
    "judge",
    "justice",
    "speaker",
    "colonel",
    "col",
    "captain",
    "capt",
    "lt",
    "sgt",
    "adm",
    "admiral",
    "commander",
    "chairman",
    "chairwoman",
    "chief",
    "director",
    "new",
    "former",
    "acting",
];

/// The words of a person mention without leading titles (keeps at least one word).
fn person_words(surface: &str) -> Vec<&str> {
    let words: Vec<&str> = surface.split_whitespace().collect();
    let mut i = 0;
    while i + 1 < words.len()
        && TITLES.contains(&words[i].trim_end_matches('.').to_lowercase().as_str())
    {
        i += 1;
    }
    words[i..].to_vec()
}

/// Folds spelling variants of transliterated names: lower case, `y` → `i`, `j` → `i` after a
/// vowel, `ks` → `x`, `ph` → `f`, `w` → `v`, a leading `c` before `e`/`i`/`y` → `j`, doubled
/// letters once; a trailing possessive is dropped.
pub fn fold_name(word: &str) -> String {
    let w = word.trim_end_matches("'s").trim_end_matches("’s").to_lowercase();
    let chars: Vec<char> = w.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let mapped = match (c, next) {
            ('k', Some('s')) => {
                i += 1;
                'x'
            }
            ('p', Some('h')) => {
                i += 1;
                'f'
            }
            ('c', Some('e' | 'i' | 'y')) if i == 0 => 'j',
            ('y', _) => 'i',
            ('j', _) if out.last().is_some_and(|p| "aeiou".contains(*p)) => 'i',
            ('w', _) => 'v',
            _ => c,
        };
        if out.last() != Some(&mapped) {
            out.push(mapped);
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Levenshtein distance, stopping early above 1.
fn within_one(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// Whether two folded first names are variants of one name.
fn same_first_name(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 4 && b.chars().count() >= 4 && within_one(a, b))
}

/// The initials of a phrase's capitalised words (`North Atlantic Treaty Organization` →
/// `NATO`), and the letters of an acronym (`U.N.` → `UN`).
fn initials(phrase: &str) -> String {
    phrase
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn acronym_letters(s: &str) -> Option<String> {
    let letters: String = s.chars().filter(|&c| c != '.' && c != '&').collect();
    let ok = letters.chars().count() >= 2
        && letters.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    ok.then_some(letters)
}

/// What a mention is keyed by before merging.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// A person group (index into the person groups).
    Person(usize),
    /// Another name: label and folded text.
    Name(EntityLabel, String),
}

/// Assigns `entity.cluster` for every name entity and returns the clusters, in order of
/// first mention.
pub fn cluster(text: &str, entities: &mut [Entity]) -> Vec<Cluster> {
    let surface =
        |e: &Entity| text[e.span.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
    // Person groups from full names: (folded surname, folded first name).
    let mut groups: Vec<(String, String)> = Vec::new();
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    let mut keys: Vec<Option<Key>> = vec![None; entities.len()];
    let mut display: Vec<String> = vec![String::new(); entities.len()];
    for (k, e) in entities.iter().enumerate() {
        if e.label != EntityLabel::Per {
            continue;
        }
        let s = surface(e);
        let words = person_words(&s);
        display[k] = words.join(" ");
        if words.len() >= 2 {
            let last = fold_name(words[words.len() - 1]);
            let first = fold_name(words[0]);
            let same = by_surname.entry(last.clone()).or_default();
            let g = match same.iter().copied().find(|&g| same_first_name(&groups[g].1, &first)) {
                Some(g) => g,
                None => {
                    groups.push((last, first));
                    same.push(groups.len() - 1);
                    groups.len() - 1
                }
            };
            keys[k] = Some(Key::Person(g));
        }
    }
    for (k, e) in entities.iter().enumerate() {
        if e.label != EntityLabel::Per || keys[k].is_some() {
            continue;
        }
        let last = fold_name(&display[k]);
        let matching = by_surname.get(&last).map_or(&[][..], Vec::as_slice);
        keys[k] = Some(match *matching {
            [g] => Key::Person(g),
            _ => Key::Name(EntityLabel::Per, last),
        });
    }
    // Other names; acronyms stated next to their expansion.
    let mut alias: HashMap<String, usize> = HashMap::new(); // acronym letters → entity index
    for (k, e) in entities.iter().enumerate() {
        if !clustered(e.label) {
            continue;
        }
        if e.label != EntityLabel::Per {
            let s = surface(e);
            let folded = s.to_lowercase();
            let folded = folded.strip_prefix("the ").unwrap_or(&folded).to_string();
            display[k] = s;
            keys[k] = Some(Key::Name(e.label, folded));
        }
        // "Expansion (ACR)" or "ACR (Expansion)": the next entity, inside brackets.
        let Some(next) = entities.get(k + 1) else { continue };
        let between = &text[e.span.end..next.span.start.max(e.span.end)];
        let close = text[next.span.end..].trim_start().starts_with(')');
        if between.trim() != "(" || !close || !clustered(next.label) {
            continue;
        }
        let (a, b) = (&text[e.span.clone()], &text[next.span.clone()]);
        if let Some(acr) = acronym_letters(b) {
            if initials(a) == acr {
                alias.insert(acr, k);
            }
        } else if let Some(acr) = acronym_letters(a) {
            if initials(b) == acr {
                alias.insert(acr, k + 1);
            }
        }
    }
    // Resolve aliases: every mention of an acronym takes its expansion's key.
    for k in 0..entities.len() {
        if !clustered(entities[k].label) {
            continue;
        }
        if let Some(acr) = acronym_letters(&text[entities[k].span.clone()]) {
            if let Some(&x) = alias.get(&acr) {
                keys[k] = keys[x].clone();
            }
        }
    }
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_key: HashMap<Key, usize> = HashMap::new();
    for (k, e) in entities.iter_mut().enumerate() {
        let Some(key) = keys[k].take().filter(|_| clustered(e.label)) else {
            e.cluster = None;
            continue;
        };
        let name = std::mem::take(&mut display[k]);
        let id = *by_key.entry(key).or_insert_with(|| {
            clusters.push(Cluster { label: e.label, canonical: name.clone(), mentions: 0 });
            clusters.len() - 1
        });
        let c = &mut clusters[id];
        c.mentions += 1;
        if name.chars().count() > c.canonical.chars().count() {
            c.canonical = name;
        }
        e.cluster = Some(id);
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Source;

    fn run(t: &str, mentions: &[(&str, EntityLabel)]) -> (Vec<Entity>, Vec<Cluster>) {
        let mut from = 0;
        let mut es: Vec<Entity> = mentions
            .iter()
            .map(|&(s, l)| {
                let start = from + t[from..].find(s).unwrap();
                from = start + s.len();
                Entity {
                    span: start..start + s.len(),
                    label: l,
                    source: Source::Model,
                    cluster: None,
                }
            })
            .collect();
        let cs = cluster(t, &mut es);
        (es, cs)
    }

    use EntityLabel::{Loc, Org, Per};

    #[test]
    fn surname_joins_full_name() {
        let (es, cs) = run(
            "Blinken met Antony Blinken and Lavrov.",
            &[("Blinken", Per), ("Antony Blinken", Per), ("Lavrov", Per)],
        );
        assert_eq!(cs.len(), 2);
        assert_eq!(es[0].cluster, es[1].cluster);
        assert_eq!(cs[0].canonical, "Antony Blinken");
        assert_eq!(cs[0].mentions, 2);
    }

    #[test]
    fn titles_and_transliterations() {
        let t = "Sergey Lavrov met Dmitry Kuleba. Sergei Lavrov said Mr. Kuleba and Dmytro Kuleba agreed; Jeyhun Bayramov and Ceyhun Bayramov too. Secretary Lavrov left.";
        let (es, cs) = run(
            t,
            &[
                ("Sergey Lavrov", Per),
                ("Dmitry Kuleba", Per),
                ("Sergei Lavrov", Per),
                ("Mr. Kuleba", Per),
                ("Dmytro Kuleba", Per),
                ("Jeyhun Bayramov", Per),
                ("Ceyhun Bayramov", Per),
                ("Secretary Lavrov", Per),
            ],
        );
        assert_eq!(cs.len(), 3, "{cs:?}");
        assert_eq!(cs[0].mentions, 3);
        assert_eq!(cs[1].mentions, 3);
        assert_eq!(cs[2].mentions, 2);
        assert_eq!(es[7].cluster, es[0].cluster);
        assert_eq!(cs[1].canonical, "Dmitry Kuleba");
    }

    #[test]
    fn different_people_stay_apart() {
        let (_, cs) = run(
            "John Smith and Jane Smith met Smith.",
            &[("John Smith", Per), ("Jane Smith", Per), ("Smith", Per)],
        );
        assert_eq!(cs.len(), 3);
    }

    #[test]
    fn acronyms_join_their_expansion() {
        let t = "The North Atlantic Treaty Organization (NATO) met. NATO said the EU (European Union) and the European Union agree.";
        let (es, cs) = run(
            t,
            &[
                ("North Atlantic Treaty Organization", Org),
                ("NATO", Org),
                ("NATO", Org),
                ("EU", Org),
                ("European Union", Org),
                ("European Union", Org),
            ],
        );
        assert_eq!(cs.len(), 2, "{cs:?}");
        assert_eq!(cs[0].canonical, "North Atlantic Treaty Organization");
        assert_eq!(cs[0].mentions, 3);
        assert_eq!(es[3].cluster, es[5].cluster);
        assert_eq!(cs[1].canonical, "European Union");
    }

    #[test]
    fn same_text_joins_and_labels_split() {
        let (es, cs) = run(
            "Georgia and georgia; Georgia",
            &[("Georgia", Loc), ("georgia", Loc), ("Georgia", Org)],
        );
        assert_eq!(cs.len(), 2);
        assert_eq!(es[0].cluster, es[1].cluster);
    }

    #[test]
    fn folding() {
        assert_eq!(fold_name("Zelenskyy"), fold_name("Zelensky"));
        assert_eq!(fold_name("Navalnyy"), fold_name("Navalny"));
        assert_eq!(fold_name("Alexei"), fold_name("Aleksei"));
        assert!(within_one("dmitri", "dmitro"));
        assert!(!within_one("john", "jane"));
    }
}
