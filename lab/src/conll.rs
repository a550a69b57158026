//! CoNLL column files (token first, NER tag last; `-DOCSTART-` lines start documents; a blank
//! line ends a sentence) and conlleval-style entity scoring.

use clipmark::ner::{labels_of, spans, Model, Tagger, L, TYPES};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::ops::Range;

/// One document of a column file.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Tokens (first column).
    pub tokens: Vec<String>,
    /// Gold labels in IOB2 (label indices), one per token.
    pub gold: Vec<u8>,
    /// Sentences: ranges of token indices.
    pub sents: Vec<Range<usize>>,
}

impl Doc {
    /// Tags the document with `tagger`.
    pub fn tag(&self, tagger: &mut Tagger) -> Vec<u8> {
        let toks: Vec<&str> = self.tokens.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        tagger.tag(&toks, &self.sents, &mut out);
        out
    }
}

/// A page with gold names as a training document for the tagger, tokenized and split into
/// sentences exactly as `clipmark::entities::find_with` does. `names` are byte spans with a type (1 PER, 2 ORG,
/// 3 LOC, 4 MISC), sorted and disjoint. A token is in a name when it starts inside it (a name
/// ending inside a glued token, `BBC` of `BBCSearch`, takes the whole token); a name's first
/// such token begins it. Also returns how many names no token starts inside.
pub fn training_doc(
    text: &str,
    lines: &[clipmark::Line],
    names: &[(clipmark::Span, usize)],
) -> (Doc, usize) {
    let (toks, sents) = clipmark::entities::tagger_input(text, lines);
    let mut token_spans: Vec<(usize, usize, usize)> = Vec::with_capacity(names.len());
    let mut lost = 0;
    for (span, ty) in names {
        let a = toks.partition_point(|t| t.span.start < span.start);
        let b = toks.partition_point(|t| t.span.start < span.end);
        // A name must not run over a sentence end: cut it at the first one.
        let mut b = sents.iter().find(|s| s.contains(&a)).map_or(b, |s| b.min(s.end));
        while b > a + 1 && !text[toks[b - 1].span.clone()].chars().any(char::is_alphanumeric) {
            b -= 1;
        }
        if a < b && token_spans.last().is_none_or(|l| l.1 <= a) {
            token_spans.push((a, b, *ty));
        } else {
            lost += 1;
        }
    }
    let doc = Doc {
        tokens: toks.iter().map(|t| text[t.span.clone()].to_string()).collect(),
        gold: clipmark::ner::labels_of(toks.len(), &token_spans),
        sents,
    };
    (doc, lost)
}

/// Entity spans of one sentence's tags in IOB1, IOB2 or IOBES: `B-`/`S-` start an entity,
/// `I-`/`E-` continue one of the same type (or start one after `O` or another type), `E-`/`S-`
/// end one. Unknown types are `O`.
pub fn tag_spans(tags: &[&str]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let parsed = tag
            .split_once('-')
            .and_then(|(k, t)| Some((k, TYPES.iter().position(|&x| x == t)? + 1)));
        let Some((k, t)) = parsed else {
            if let Some((s, ct)) = cur.take() {
                out.push((s, i, ct));
            }
            continue;
        };
        let continues = matches!(k, "I" | "E" | "L") && cur.is_some_and(|(_, ct)| ct == t);
        if !continues {
            if let Some((s, ct)) = cur.take() {
                out.push((s, i, ct));
            }
            cur = Some((i, t));
        }
        if matches!(k, "E" | "S" | "L" | "U") {
            if let Some((s, ct)) = cur.take() {
                out.push((s, i + 1, ct));
            }
        }
    }
    if let Some((s, ct)) = cur {
        out.push((s, tags.len(), ct));
    }
    out
}

/// Reads a CoNLL column file. A file without `-DOCSTART-` lines is one document.
pub fn read(text: &str) -> Vec<Doc> {
    read_columns(text, None).map(|(docs, _)| docs).unwrap_or_default()
}

/// Reads a CoNLL column file with a predicted column as well, conlleval-style: column `column`
/// (counted from 1, or from the end when negative: -1 is the last) holds the predicted tags
/// (IOB1, IOB2 or IOBES), and the gold tags are in the last column, or in the one before it
/// when the prediction is the last (as `tag --conll` writes them). Returns the documents (with
/// their gold labels) and each document's predicted labels.
pub fn read_with_pred(text: &str, column: isize) -> Result<(Vec<Doc>, Vec<Vec<u8>>), String> {
    read_columns(text, Some(column))
}

/// The reader of [`read`] and [`read_with_pred`]: documents, and with `pred`, the predicted
/// labels of each document from that column.
fn read_columns(text: &str, pred: Option<isize>) -> Result<(Vec<Doc>, Vec<Vec<u8>>), String> {
    let mut docs = vec![(Doc::default(), Vec::new())];
    let mut tags: Vec<&str> = Vec::new();
    let mut pred_tags: Vec<&str> = Vec::new();
    let end_sentence = |d: &mut (Doc, Vec<u8>), tags: &mut Vec<&str>, pred_tags: &mut Vec<&str>| {
        if !tags.is_empty() {
            let (d, p) = d;
            let start = d.tokens.len() - tags.len();
            d.sents.push(start..d.tokens.len());
            d.gold.extend(labels_of(tags.len(), &tag_spans(tags)));
            if pred.is_some() {
                p.extend(labels_of(pred_tags.len(), &tag_spans(pred_tags)));
            }
            tags.clear();
            pred_tags.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let mut cols = line.split_whitespace();
        let Some(tok) = cols.next() else {
            end_sentence(docs.last_mut().unwrap(), &mut tags, &mut pred_tags);
            continue;
        };
        if tok == "-DOCSTART-" {
            end_sentence(docs.last_mut().unwrap(), &mut tags, &mut pred_tags);
            if !docs.last().unwrap().0.tokens.is_empty() {
                docs.push((Doc::default(), Vec::new()));
            }
            continue;
        }
        match pred {
            None => tags.push(line.split_whitespace().last().unwrap_or("O")),
            Some(c) => {
                let cols: Vec<&str> = line.split_whitespace().collect();
                let k = cols.len() as isize;
                let p = if c < 0 { k + c } else { c - 1 };
                let g = if p == k - 1 { k - 2 } else { k - 1 };
                if c == 0 || p < 1 || p >= k || g < 1 {
                    return Err(format!(
                        "line {}: no gold and predicted column {c} among {k} columns",
                        n + 1
                    ));
                }
                tags.push(cols[g as usize]);
                pred_tags.push(cols[p as usize]);
            }
        }
        docs.last_mut().unwrap().0.tokens.push(tok.to_string());
    }
    end_sentence(docs.last_mut().unwrap(), &mut tags, &mut pred_tags);
    docs.retain(|d| !d.0.tokens.is_empty());
    Ok(docs.into_iter().unzip())
}

/// Writes `text` (a column file) back with one more column, the predicted IOB2 tag; tokens,
/// blank lines and `-DOCSTART-` lines (tagged `O`) are kept.
pub fn tag_file(text: &str, model: &Model) -> String {
    let docs = read(text);
    let mut tagger = Tagger::new(model);
    let mut labels = docs.iter().flat_map(|d| d.tag(&mut tagger)).collect::<Vec<_>>().into_iter();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        match line.split_whitespace().next() {
            None => out.push_str(line),
            Some("-DOCSTART-") => {
                out.push_str(line);
                out.push_str(" O");
            }
            Some(_) => {
                out.push_str(line);
                out.push(' ');
                out.push_str(clipmark::ner::iob2(labels.next().unwrap_or(0)));
            }
        }
        out.push('\n');
    }
    out
}

/// Entity counts for one type (or all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entities in the gold standard.
    pub gold: usize,
    /// Entities predicted.
    pub pred: usize,
    /// Predicted entities with the gold span and type.
    pub correct: usize,
}

impl Counts {
    /// Adds `o`'s counts.
    pub fn merge(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.correct += o.correct;
    }
    /// `{"tp", "fp", "fn"}`: true positives, false positives and false negatives.
    pub fn json(&self) -> Value {
        serde_json::json!({
            "tp": self.correct,
            "fp": self.pred - self.correct,
            "fn": self.gold - self.correct,
        })
    }
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            100.0 * self.correct as f64 / self.pred as f64
        }
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            100.0 * self.correct as f64 / self.gold as f64
        }
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Entity-level scores: overall and per type (PER, ORG, LOC, MISC).
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// All types together.
    pub all: Counts,
    /// By type, in [`TYPES`] order.
    pub by_type: [Counts; 4],
    /// Tokens seen.
    pub tokens: usize,
    /// Tokens whose label was right.
    pub tokens_correct: usize,
}

impl Scores {
    /// Adds `o`'s counts (another document's, say).
    pub fn merge(&mut self, o: &Scores) {
        self.all.merge(&o.all);
        for (a, b) in self.by_type.iter_mut().zip(&o.by_type) {
            a.merge(b);
        }
        self.tokens += o.tokens;
        self.tokens_correct += o.tokens_correct;
    }

    /// The counts as the fields of a JSON record: `tp`, `fp`, `fn` over all types, `types`
    /// (the same per type) and, when tokens were scored, `tokens` and `tokens_correct`.
    pub fn json(&self) -> Map<String, Value> {
        let mut m = Map::new();
        if let Value::Object(all) = self.all.json() {
            m.extend(all);
        }
        let types: Map<String, Value> =
            TYPES.iter().zip(&self.by_type).map(|(t, c)| (t.to_string(), c.json())).collect();
        m.insert("types".into(), Value::Object(types));
        if self.tokens > 0 {
            m.insert("tokens".into(), self.tokens.into());
            m.insert("tokens_correct".into(), self.tokens_correct.into());
        }
        m
    }

    /// Adds a set of gold and predicted entities `(start, end, type 1..=4)` of one unit.
    pub fn add_spans(&mut self, gold: &[(usize, usize, usize)], pred: &[(usize, usize, usize)]) {
        for g in gold {
            self.all.gold += 1;
            self.by_type[g.2 - 1].gold += 1;
        }
        for p in pred {
            self.all.pred += 1;
            self.by_type[p.2 - 1].pred += 1;
            if gold.contains(p) {
                self.all.correct += 1;
                self.by_type[p.2 - 1].correct += 1;
            }
        }
    }

    /// Adds one sentence's gold and predicted labels.
    pub fn add(&mut self, gold: &[u8], pred: &[u8]) {
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(pred).filter(|(a, b)| a == b).count();
        self.add_spans(&spans(gold), &spans(pred));
    }

    /// A conlleval-style report.
    pub fn report(&self) -> String {
        let mut s = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n",
            self.tokens, self.all.gold, self.all.pred, self.all.correct
        );
        if self.tokens > 0 {
            s += &format!(
                "accuracy: {:6.2}%; ",
                100.0 * self.tokens_correct as f64 / self.tokens as f64
            );
        }
        s += &format!(
            "precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            self.all.precision(),
            self.all.recall(),
            self.all.f1()
        );
        for (t, c) in TYPES.iter().zip(&self.by_type) {
            s += &format!(
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                t,
                c.precision(),
                c.recall(),
                c.f1(),
                c.pred
            );
        }
        s
    }
}

/// Tags `docs` with `model`: each document's predicted labels.
pub fn tag_docs(docs: &[Doc], model: &Model) -> Vec<Vec<u8>> {
    let mut tagger = Tagger::new(model);
    docs.iter().map(|d| d.tag(&mut tagger)).collect()
}

/// Scores one document's predicted labels against its gold labels, sentence by sentence.
pub fn score_doc(doc: &Doc, pred: &[u8]) -> Scores {
    let mut scores = Scores::default();
    for s in &doc.sents {
        scores.add(&doc.gold[s.clone()], &pred[s.clone()]);
    }
    scores
}

/// Tags `docs` with `model` and scores the result against their gold labels.
pub fn evaluate(docs: &[Doc], model: &Model) -> Scores {
    let mut scores = Scores::default();
    for (d, pred) in docs.iter().zip(tag_docs(docs, model)) {
        scores.merge(&score_doc(d, &pred));
    }
    let _ = L;
    scores
}

/// The names of `docs`' gold labels, as their words joined by a space.
pub fn names(docs: &[Doc]) -> HashSet<String> {
    let mut out = HashSet::new();
    for d in docs {
        for s in &d.sents {
            for (a, b, _) in spans(&d.gold[s.clone()]) {
                out.insert(d.tokens[s.start + a..s.start + b].join(" "));
            }
        }
    }
    out
}

/// Scores one document as [`score_doc`] does, apart for the gold and predicted names whose
/// words are not in `seen` (first) and those whose words are (second).
pub fn score_doc_seen(doc: &Doc, pred: &[u8], seen: &HashSet<String>) -> [Scores; 2] {
    let mut out = [Scores::default(), Scores::default()];
    for s in &doc.sents {
        let is_seen = |&&(a, b, _): &&(usize, usize, usize)| {
            seen.contains(&doc.tokens[s.start + a..s.start + b].join(" "))
        };
        let (g_seen, g_new): (Vec<_>, Vec<_>) =
            spans(&doc.gold[s.clone()]).into_iter().partition(|x| is_seen(&x));
        let (p_seen, p_new): (Vec<_>, Vec<_>) =
            spans(&pred[s.clone()]).into_iter().partition(|x| is_seen(&x));
        out[0].add_spans(&g_new, &p_new);
        out[1].add_spans(&g_seen, &p_seen);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nItaly NNP I-NP I-LOC\nSpain NNP I-NP B-LOC\n";

    #[test]
    fn reads_iob1_as_iob2() {
        let docs = read(SAMPLE);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].tokens, ["EU", "rejects", "German", "Peter", "Blackburn"]);
        assert_eq!(docs[0].sents, [0..3, 3..5]);
        let names =
            |d: &Doc| d.gold.iter().map(|&l| clipmark::ner::LABELS[l as usize]).collect::<Vec<_>>();
        assert_eq!(names(&docs[0]), ["U-ORG", "O", "U-MISC", "B-PER", "L-PER"]);
        assert_eq!(names(&docs[1]), ["U-LOC", "U-LOC"]);
        assert_eq!(
            tag_spans(&["B-PER", "I-PER", "E-PER", "S-LOC", "I-ORG", "B-ORG"]),
            [(0, 3, 1), (3, 4, 3), (4, 5, 2), (5, 6, 2)]
        );
    }

    #[test]
    fn tag_file_adds_a_column() {
        let out = tag_file(SAMPLE, &Model::empty(8));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), SAMPLE.lines().count());
        assert_eq!(lines[0], "-DOCSTART- -X- O O O");
        assert_eq!(lines[1], "");
        assert_eq!(lines[2], "EU NNP I-NP I-ORG O");
    }

    #[test]
    fn scoring() {
        let mut s = Scores::default();
        s.add(&labels_of(4, &[(0, 2, 1), (3, 4, 3)]), &labels_of(4, &[(0, 2, 1), (3, 4, 2)]));
        assert_eq!(s.all, Counts { gold: 2, pred: 2, correct: 1 });
        assert_eq!(s.by_type[0], Counts { gold: 1, pred: 1, correct: 1 });
        assert!((s.all.f1() - 50.0).abs() < 1e-9);
    }

    #[test]
    fn a_gold_page_becomes_a_training_document() {
        // Names over several tokens, a possessive outside the name, a name ending inside a
        // glued token, a name crossing a sentence end (cut there, before the full stop), and multi-byte text.
        let t = "Search the BBCSearch\nAntony Blinken’s talks in Kyiv. Дмитро Кулеба came.\n";
        let at = |s: &str| t.find(s).unwrap();
        let names = [
            (at("BBC")..at("BBC") + 3, 2),
            (at("Antony")..at("’s"), 1),
            (at("Kyiv")..at("Дмитро") + "Дмитро".len(), 3),
            (at("Кулеба")..at("Кулеба") + "Кулеба".len(), 1),
        ];
        let (doc, lost) = training_doc(t, &clipmark::lines(t), &names);
        assert_eq!(lost, 0);
        let tagged: Vec<(&str, &str)> = doc
            .tokens
            .iter()
            .zip(&doc.gold)
            .filter(|(_, &g)| g != 0)
            .map(|(w, &g)| (w.as_str(), clipmark::ner::iob2(g)))
            .collect();
        assert_eq!(
            tagged,
            [
                ("BBCSearch", "B-ORG"),
                ("Antony", "B-PER"),
                ("Blinken", "I-PER"),
                ("Kyiv", "B-LOC"),
                ("Кулеба", "B-PER")
            ],
            "{:?}",
            doc.tokens
        );
        // Tokens and sentences are the ones the tagger sees on the same text.
        assert_eq!(doc.sents.len(), 3);
        assert_eq!(doc.gold.len(), doc.tokens.len());
        // A name no token starts in is counted, not placed.
        let (_, lost) = training_doc(t, &clipmark::lines(t), &[(at("BBC") + 1..at("BBC") + 3, 2)]);
        assert_eq!(lost, 1);
    }
}
