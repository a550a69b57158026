//! spaCy / Prodigy JSONL (export only), and the pieces a text is cut into for spaCy's tokens
//! and CoNLL's.

use super::{each_doc, jsonl, Bytes};
use crate::error::{Error, Result};
use crate::export::Document;
use crate::text::{is_invisible, Span};
use crate::tokens::tokenize;
use serde::Serialize;
use std::collections::HashSet;

/// A run of the text between two cut points: part of a token (`word`) or of the space between
/// tokens.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) span: Span,
    pub(super) word: bool,
}

/// Cuts the whole text into pieces at every token boundary and every entity boundary, so that
/// each entity starts and ends on a piece boundary.
///
/// Tokens are [`tokenize`]'s, except that tokens separated only by zero-width characters are
/// joined (the family emoji 👩‍👩‍👧 is one token, not three with joiners between), and a token
/// with an entity boundary inside it is split there (`東京で` with the entity `東京`).
pub(super) fn pieces(text: &str, entities: &[Span]) -> Vec<Piece> {
    let mut toks: Vec<Span> = Vec::new();
    for t in tokenize(text, 0..text.len()) {
        if let Some(last) = toks.last_mut() {
            let gap = &text[last.end..t.span.start];
            if !gap.is_empty() && gap.chars().all(|c| is_invisible(c) && !c.is_whitespace()) {
                last.end = t.span.end;
                continue;
            }
        }
        toks.push(t.span);
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(toks.iter().flat_map(|t| [t.start, t.end]));
    cuts.extend(entities.iter().flat_map(|e| [e.start, e.end]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut ti = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while ti < toks.len() && toks[ti].end <= a {
            ti += 1;
        }
        let word = ti < toks.len() && toks[ti].start <= a && b <= toks[ti].end;
        out.push(Piece { span: a..b, word });
    }
    out
}

#[derive(Serialize)]
struct SpacyLine<'a> {
    text: &'a str,
    tokens: Vec<SpacyToken<'a>>,
    spans: Vec<SpacySpan>,
    blocks: Vec<SpacyBlock>,
}

#[derive(Serialize)]
struct SpacyToken<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

#[derive(Serialize)]
struct SpacySpan {
    start: usize,
    end: usize,
    label: &'static str,
    token_start: usize,
    token_end: usize,
}

#[derive(Serialize)]
struct SpacyBlock {
    start: usize,
    end: usize,
    label: &'static str,
}

/// spaCy's tokens of a text in bytes: `(span, ws)` where `ws` means "followed by one space".
///
/// A single space after a word becomes that word's `ws`; any other white space (line breaks,
/// NBSP, runs of spaces) becomes a token of its own, as spaCy's tokenizer does, so that
/// `Doc(vocab, words, spaces)` gives back the exact text. A space is not folded into `ws` when
/// an entity starts on it or ends just after it, so every entity boundary stays a token
/// boundary.
fn spacy_tokens(text: &str, entities: &[Span]) -> Vec<(Span, bool)> {
    let starts: HashSet<usize> = entities.iter().map(|e| e.start).collect();
    let ends: HashSet<usize> = entities.iter().map(|e| e.end).collect();
    let mut out: Vec<(Span, bool)> = Vec::new();
    let mut after_word = false;
    for p in pieces(text, entities) {
        let a = p.span.start;
        if p.word {
            out.push((p.span, false));
            after_word = true;
            continue;
        }
        if after_word
            && text[a..].starts_with(' ')
            && !starts.contains(&a)
            && !ends.contains(&(a + 1))
        {
            out.last_mut().expect("after a word").1 = true;
            if p.span.end > a + 1 {
                out.push((a + 1..p.span.end, false));
            }
        } else {
            out.push((p.span, false));
        }
        after_word = false;
    }
    out
}

/// spaCy / Prodigy JSONL, one line per document: `{"text", "tokens": [{"text", "start", "end",
/// "id", "ws"}], "spans": [{"start", "end", "label", "token_start", "token_end"}], "blocks":
/// [{"start", "end", "label"}]}`.
///
/// Offsets are code points (Python string indices, what `Doc.char_span` takes); `token_end` is
/// inclusive, as in Prodigy. Tokens are clipmark's, cut where an entity boundary falls inside
/// one, with white space other than a single trailing space as tokens of their own (see
/// `spacy_tokens` in the source): `Doc(nlp.vocab, words, spaces)` rebuilds the exact text and
/// `doc.char_span(start, end)` finds every span. `spans` holds entities only; block labels go to
/// the extra `blocks` key.
pub(super) fn to_spacy(docs: &[Document]) -> Result<String> {
    let lines = each_doc(docs, |d| {
        let b = Bytes::new(d)?;
        let ents = b.entity_spans();
        let toks = spacy_tokens(&d.text, &ents);
        let tokens: Vec<SpacyToken> = toks
            .iter()
            .enumerate()
            .map(|(id, (s, ws))| SpacyToken {
                text: &d.text[s.clone()],
                start: b.cp(s.start),
                end: b.cp(s.end),
                id,
                ws: *ws,
            })
            .collect();
        let mut spans = Vec::new();
        for (i, e) in b.entities.iter().enumerate() {
            let first = toks.iter().position(|(s, _)| s.start == e.start);
            let last = toks.iter().position(|(s, _)| s.end == e.end);
            let (Some(token_start), Some(token_end)) = (first, last) else {
                // Unreachable by construction (entity boundaries are token boundaries); kept as
                // an error rather than a panic.
                return Err(Error::invalid(
                    format!("entity {i}"),
                    "its boundaries do not fall on token boundaries",
                ));
            };
            spans.push(SpacySpan {
                start: b.cp(e.start),
                end: b.cp(e.end),
                label: e.label.as_str(),
                token_start,
                token_end,
            });
        }
        let blocks = b
            .blocks
            .iter()
            .map(|k| SpacyBlock { start: b.cp(k.start), end: b.cp(k.end), label: k.label.as_str() })
            .collect();
        Ok(SpacyLine { text: &d.text, tokens, spans, blocks })
    })?;
    Ok(jsonl(&lines))
}

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::*;
    use crate::EntityLabel;

    #[test]
    fn spacy_tokens_rebuild_the_text_and_align_entities() {
        let t = "👩\u{200D}👩\u{200D}👧 met  Сергей\u{00A0}Лавров in 東京で.\r\nOK";
        let d = doc(t, &[("Сергей\u{00A0}Лавров", EntityLabel::Per), ("東京", EntityLabel::Loc)]);
        let b = Bytes::new(&d).unwrap();
        let toks = spacy_tokens(t, &b.entity_spans());
        let rebuilt: String = toks
            .iter()
            .map(|(s, ws)| format!("{}{}", &t[s.clone()], if *ws { " " } else { "" }))
            .collect();
        assert_eq!(rebuilt, t);
        let words: Vec<&str> = toks.iter().map(|(s, _)| &t[s.clone()]).collect();
        assert_eq!(
            words,
            [
                "👩\u{200D}👩\u{200D}👧",
                "met",
                " ",
                "Сергей",
                "\u{00A0}",
                "Лавров",
                "in",
                "東京",
                "で",
                ".",
                "\r\n",
                "OK"
            ]
        );
    }

    #[test]
    fn an_entity_starting_on_a_space_keeps_the_space_a_token() {
        let t = "met  Lavrov";
        let d = doc(t, &[(" Lavrov", EntityLabel::Per)]);
        let b = Bytes::new(&d).unwrap();
        let toks = spacy_tokens(t, &b.entity_spans());
        let words: Vec<(&str, bool)> = toks.iter().map(|(s, ws)| (&t[s.clone()], *ws)).collect();
        assert_eq!(words, [("met", true), (" ", false), ("Lavrov", false)]);
    }
}
