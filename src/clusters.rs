//! Mention clusters: mentions of the same entity within one document, with a canonical name.
//!
//! Baseline rules: mentions with the same label and the same text (case-insensitive) join;
//! a one-word person mention joins the person cluster whose full name ends with that word
//! (Blinken → Antony Blinken) when exactly one such cluster exists. The canonical name is the
//! longest mention. Dates, amounts and addresses are not clustered.

use crate::entities::{Entity, EntityLabel};
use std::collections::HashMap;

/// A group of mentions of one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// The label shared by its mentions.
    pub label: EntityLabel,
    /// The fullest name among the mentions.
    pub canonical: String,
    /// How many mentions it has.
    pub mentions: usize,
}

fn clustered(label: EntityLabel) -> bool {
    matches!(label, EntityLabel::Per | EntityLabel::Org | EntityLabel::Loc | EntityLabel::Misc)
}

/// Assigns `entity.cluster` for every name entity and returns the clusters, in order of
/// first mention.
pub fn cluster(text: &str, entities: &mut [Entity]) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_key: HashMap<(EntityLabel, String), usize> = HashMap::new();
    // Full person names by last word, to attach surname-only mentions.
    let mut surnames: HashMap<String, Vec<String>> = HashMap::new();
    for e in entities.iter().filter(|e| e.label == EntityLabel::Per) {
        let words: Vec<&str> = text[e.span.clone()].split_whitespace().collect();
        if words.len() >= 2 {
            let full = words.join(" ").to_lowercase();
            let v = surnames.entry(words[words.len() - 1].to_lowercase()).or_default();
            if !v.contains(&full) {
                v.push(full);
            }
        }
    }
    for e in entities.iter_mut() {
        if !clustered(e.label) {
            e.cluster = None;
            continue;
        }
        let surface = text[e.span.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
        let mut key = surface.to_lowercase();
        if e.label == EntityLabel::Per && !key.contains(' ') {
            if let Some(full) = surnames.get(&key).filter(|v| v.len() == 1) {
                key = full[0].clone();
            }
        }
        let id = *by_key.entry((e.label, key)).or_insert_with(|| {
            clusters.push(Cluster { label: e.label, canonical: surface.clone(), mentions: 0 });
            clusters.len() - 1
        });
        let c = &mut clusters[id];
        c.mentions += 1;
        if surface.chars().count() > c.canonical.chars().count() {
            c.canonical = surface;
        }
        e.cluster = Some(id);
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Source;

    #[test]
    fn surname_joins_full_name() {
        let t = "Blinken met Antony Blinken and Lavrov.";
        let mk = |s: &str, l| {
            let start = t.find(s).unwrap();
            Entity { span: start..start + s.len(), label: l, source: Source::Model, cluster: None }
        };
        let mut es = vec![mk("Blinken", EntityLabel::Per), mk("Antony Blinken", EntityLabel::Per), mk("Lavrov", EntityLabel::Per)];
        let cs = cluster(t, &mut es);
        assert_eq!(cs.len(), 2);
        assert_eq!(es[0].cluster, es[1].cluster);
        assert_eq!(cs[0].canonical, "Antony Blinken");
        assert_eq!(cs[0].mentions, 2);
    }
}
