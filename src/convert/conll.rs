//! CoNLL IOB2 (export only).

use super::spacy::pieces;
use super::{each_doc, Bytes};
use crate::error::Result;
use crate::export::Document;
use crate::text::Span;
use crate::tokens::{sentences, Token};

/// CoNLL IOB2: for each document a `-DOCSTART- O` line and a blank line, then one `token TAG`
/// line per token (`B-PER`, `I-PER`, `O`) and a blank line after each sentence.
///
/// Tokens are those of the spaCy export without white space; sentences are split at line
/// breaks and by [`sentences`] within a line, but never inside an entity. CoNLL has no offsets
/// and no place for block labels, which are left out.
pub(super) fn to_conll(docs: &[Document]) -> Result<String> {
    let parts = each_doc(docs, |d| {
        let b = Bytes::new(d)?;
        let text = d.text.as_str();
        let ents = b.entity_spans();
        let words: Vec<Span> =
            pieces(text, &ents).into_iter().filter(|p| p.word).map(|p| p.span).collect();
        // The entity (index) of each word, if any.
        let mut ent_of = Vec::with_capacity(words.len());
        let mut ei = 0;
        for w in &words {
            while ei < ents.len() && ents[ei].end <= w.start {
                ei += 1;
            }
            ent_of.push(
                (ei < ents.len() && ents[ei].start <= w.start && w.end <= ents[ei].end)
                    .then_some(ei),
            );
        }
        // Groups of words on one line (a line break between two words of one entity does not
        // split them).
        let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = 0;
        for i in 1..words.len() {
            let gap = &text[words[i - 1].end..words[i].start];
            if gap.contains(['\n', '\r']) && (ent_of[i].is_none() || ent_of[i] != ent_of[i - 1]) {
                groups.push(start..i);
                start = i;
            }
        }
        if !words.is_empty() {
            groups.push(start..words.len());
        }
        let mut out = String::from("-DOCSTART- O\n\n");
        for g in groups {
            let toks: Vec<Token> =
                words[g.clone()].iter().map(|s| Token { span: s.clone() }).collect();
            let mut breaks: Vec<usize> = sentences(text, &toks)
                .into_iter()
                .map(|r| g.start + r.end)
                .filter(|&k| k < g.end)
                .collect();
            breaks.retain(|&k| ent_of[k].is_none() || ent_of[k] != ent_of[k - 1]);
            for i in g.clone() {
                let tag = match ent_of[i] {
                    None => "O".to_string(),
                    Some(e) if i == g.start || ent_of[i - 1] != Some(e) => {
                        format!("B-{}", b.entities[e].label.as_str())
                    }
                    Some(e) => format!("I-{}", b.entities[e].label.as_str()),
                };
                if breaks.contains(&i) {
                    out.push('\n');
                }
                out.push_str(&text[words[i].clone()]);
                out.push(' ');
                out.push_str(&tag);
                out.push('\n');
            }
            out.push('\n');
        }
        Ok(out)
    })?;
    Ok(parts.concat())
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::EntityLabel;

    #[test]
    fn conll_does_not_split_an_entity_across_sentences() {
        let t = "He met Mr. Lavrov.\nThen he left.";
        let d = doc(t, &[("Mr. Lavrov", EntityLabel::Per)]);
        let out = to_conll(&[d]).unwrap();
        assert_eq!(out, "-DOCSTART- O\n\nHe O\nmet O\nMr. B-PER\nLavrov I-PER\n. O\n\nThen O\nhe O\nleft O\n. O\n\n");
    }
}
