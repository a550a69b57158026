//! `train-ner`, `tag`, `eval-ner`, `bench-ner`: training, running and measuring the name
//! tagger on CoNLL-format column files (and on gold JSONL annotations of whole pages).

use crate::conll;
use crate::ner_train as train;
use crate::{print, read_text};
use clipmark::ner::{Model, Tagger};
use clipmark::{Error, ErrorKind, Result};
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// Runs one of the tagger's subcommands.
pub fn run(cmd: &str, args: &[String]) -> Result<()> {
    match cmd {
        "train-ner" => train_ner(args),
        "tag" => tag(args),
        "eval-ner" => eval_ner(args),
        _ => bench_ner(args),
    }
}

/// Positional arguments and `--flag value` pairs.
type Parsed<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);

/// Splits `args` into positional arguments and `--flag value` pairs.
fn parse<'a>(args: &'a [String], flags: &[&str], usage: &str) -> Result<Parsed<'a>> {
    let mut pos = Vec::new();
    let mut opts = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a.starts_with('-') && a.len() > 1 {
            if !flags.contains(&a.as_str()) {
                return Err(Error::usage(format!("unknown option {a}; usage: {usage}")));
            }
            let v = it
                .next()
                .ok_or_else(|| Error::usage(format!("{a} needs a value; usage: {usage}")))?;
            opts.push((a.as_str(), v.as_str()));
        } else {
            pos.push(a.as_str());
        }
    }
    Ok((pos, opts))
}

fn opt<'a>(opts: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    opts.iter().rev().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

fn number(s: &str, what: &str) -> Result<usize> {
    s.parse().map_err(|_| Error::usage(format!("{what} must be a number, not {s:?}")))
}

/// The model of `--model FILE`, or the built-in one.
fn model(opts: &[(&str, &str)]) -> Result<Model> {
    match opt(opts, "--model") {
        None => Ok(clipmark::ner::embedded().clone()),
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
            Model::from_bytes(&bytes)
                .map_err(|e| Error::new(ErrorKind::Usage(format!("{path}: {e}"))))
        }
    }
}

fn train_ner(args: &[String]) -> Result<()> {
    const USAGE: &str = "clipmark-lab train-ner TRAIN.txt --dev DEV.txt [-o models/ner.model] [--epochs N] [--bits B] [--gazetteer FILE]... [--clusters FILE] [--brown FILE] [--train-gazetteer no] [--folds K] [--fold-epochs N] [--seed N] [--runs N] [--title-case F] [--pages GOLD.jsonl]... [--page-texts PAGES.jsonl] [--prune Q]";
    let (pos, opts) = parse(
        args,
        &[
            "--dev",
            "-o",
            "--epochs",
            "--bits",
            "--gazetteer",
            "--folds",
            "--fold-epochs",
            "--clusters",
            "--brown",
            "--train-gazetteer",
            "--seed",
            "--runs",
            "--title-case",
            "--pages",
            "--page-texts",
            "--prune",
        ],
        USAGE,
    )?;
    let [train_path] = pos[..] else { return Err(Error::usage(format!("usage: {USAGE}"))) };
    let mut o = train::Options::default();
    if let Some(e) = opt(&opts, "--epochs") {
        o.epochs = number(e, "--epochs")?;
    }
    if let Some(b) = opt(&opts, "--bits") {
        o.bits = number(b, "--bits")?.clamp(10, 24) as u32;
    }
    if let Some(f) = opt(&opts, "--folds") {
        o.folds = number(f, "--folds")?;
    }
    if let Some(f) = opt(&opts, "--fold-epochs") {
        o.fold_epochs = number(f, "--fold-epochs")?;
    }
    if let Some(v) = opt(&opts, "--runs") {
        o.runs = number(v, "--runs")?;
    }
    if let Some(v) = opt(&opts, "--seed") {
        o.seed = number(v, "--seed")? as u64;
    }
    if let Some(v) = opt(&opts, "--train-gazetteer") {
        o.train_gazetteer = !matches!(v, "no" | "false" | "0");
    }
    if let Some(v) = opt(&opts, "--title-case") {
        o.title_case =
            v.parse().map_err(|_| Error::usage("--title-case must be a number in [0, 1]"))?;
    }
    let mut gaz = Vec::new();
    for (k, path) in &opts {
        if *k == "--gazetteer" {
            gaz.push(read_text(path)?);
        }
    }
    if let Some(v) = opt(&opts, "--prune") {
        o.prune = number(v, "--prune")?.min(127) as u8;
    }
    for (k, path) in &opts {
        if *k == "--pages" {
            o.pages.extend(training_pages(path, opt(&opts, "--page-texts"))?);
        }
    }
    let clusters = opt(&opts, "--clusters").map(read_text).transpose()?;
    let brown = opt(&opts, "--brown").map(read_text).transpose()?;
    o.lexicon =
        train::lexicon(gaz.iter().map(String::as_str), clusters.as_deref(), brown.as_deref());
    let train_docs = conll::read(&read_text(train_path)?);
    let dev_docs = match opt(&opts, "--dev") {
        Some(p) => conll::read(&read_text(p)?),
        None => Vec::new(),
    };
    let out = opt(&opts, "-o").unwrap_or("models/ner.model");
    let t0 = Instant::now();
    let m = train::train(&train_docs, &dev_docs, &o, &mut |s| {
        eprintln!("[{:6.1}s] {s}", t0.elapsed().as_secs_f64())
    });
    let bytes = m.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| Error::io(out, &e))?;
    eprintln!(
        "wrote {out}: {} bytes, {} weight rows, {} lexicon entries, {} Brown paths",
        bytes.len(),
        m.rows(),
        m.lexicon().len(),
        m.lexicon().brown_len()
    );
    if !dev_docs.is_empty() {
        print(&conll::evaluate(&dev_docs, &m).report())?;
    }
    Ok(())
}

fn tag(args: &[String]) -> Result<()> {
    const USAGE: &str = "clipmark-lab tag --conll FILE [--model M]";
    let (pos, opts) = parse(args, &["--conll", "--model"], USAGE)?;
    let path = match (opt(&opts, "--conll"), pos.as_slice()) {
        (Some(p), []) => p,
        _ => return Err(Error::usage(format!("usage: {USAGE}"))),
    };
    let m = model(&opts)?;
    print(&conll::tag_file(&read_text(path)?, &m))
}

fn eval_ner(args: &[String]) -> Result<()> {
    const USAGE: &str = "clipmark-lab eval-ner FILE [--model M | --pred-column N] [--seen TRAIN] [--counts OUT.jsonl] | clipmark-lab eval-ner --jsonl GOLD.jsonl [--model M [--online STEP] | --pred PRED.jsonl] [--page-texts PAGES.jsonl] [--counts OUT.jsonl]";
    let (pos, opts) = parse(
        args,
        &[
            "--jsonl",
            "--model",
            "--page-texts",
            "--online",
            "--counts",
            "--pred-column",
            "--pred",
            "--seen",
        ],
        USAGE,
    )?;
    let usage = || Error::usage(format!("usage: {USAGE}"));
    let online = opt(&opts, "--online")
        .map(|v| number(v, "--online"))
        .transpose()?
        .map(|v| v.clamp(1, 127) as u8);
    let counts = opt(&opts, "--counts");
    let with_model = opt(&opts, "--model").is_some() || online.is_some();
    let (report, records) = match (opt(&opts, "--jsonl"), pos.as_slice()) {
        (None, [path]) => {
            if opt(&opts, "--pred").is_some() {
                return Err(usage());
            }
            let column = match opt(&opts, "--pred-column") {
                Some(_) if with_model => return Err(usage()),
                Some(v) => Some(v.parse::<isize>().ok().filter(|&c| c != 0).ok_or_else(|| {
                    Error::usage(format!("--pred-column must be a column number (1, 2, ... or -1 for the last), not {v:?}"))
                })?),
                None => None,
            };
            let seen = opt(&opts, "--seen")
                .map(|p| read_text(p).map(|t| conll::names(&conll::read(&t))))
                .transpose()?;
            eval_conll(path, column, seen.as_ref(), &model(&opts)?)?
        }
        (Some(path), []) => {
            if opt(&opts, "--pred-column").is_some() || opt(&opts, "--seen").is_some() {
                return Err(usage());
            }
            let pred = match opt(&opts, "--pred") {
                Some(_) if with_model => return Err(usage()),
                Some(p) => Some(predicted_names(p)?),
                None => None,
            };
            let texts = opt(&opts, "--page-texts");
            eval_jsonl(path, texts, model(&opts)?, online, pred.as_ref())?
        }
        _ => return Err(usage()),
    };
    if let Some(out) = counts {
        std::fs::write(out, records).map_err(|e| Error::io(out, &e))?;
    }
    print(&report)
}

/// The report and the per-document counts (JSONL, one record per `-DOCSTART-` document) of a
/// CoNLL file, tagged by `m` or with its predictions in column `column` ([`conll::read_with_pred`]).
/// With `seen` (the names of a training file), the names whose words are not among them are
/// also scored apart from the rest.
fn eval_conll(
    path: &str,
    column: Option<isize>,
    seen: Option<&HashSet<String>>,
    m: &Model,
) -> Result<(String, String)> {
    let text = read_text(path)?;
    let (docs, preds) = match column {
        Some(c) => conll::read_with_pred(&text, c).map_err(|e| Error::invalid(path, e))?,
        None => {
            let docs = conll::read(&text);
            let preds = conll::tag_docs(&docs, m);
            (docs, preds)
        }
    };
    let mut total = conll::Scores::default();
    let mut split = [conll::Scores::default(), conll::Scores::default()];
    let mut records = String::new();
    for (n, (d, pred)) in docs.iter().zip(&preds).enumerate() {
        let s = conll::score_doc(d, pred);
        total.merge(&s);
        let mut rec = serde_json::Map::new();
        rec.insert("doc".into(), n.into());
        rec.extend(s.json());
        if let Some(seen) = seen {
            let parts = conll::score_doc_seen(d, pred, seen);
            for (k, (name, p)) in ["unseen", "seen"].iter().zip(&parts).enumerate() {
                split[k].merge(p);
                rec.insert(name.to_string(), p.all.json());
            }
        }
        records += &serde_json::Value::Object(rec).to_string();
        records.push('\n');
    }
    let mut report = total.report();
    if seen.is_some() {
        for (name, sc) in
            [("unseen in the training file", &split[0]), ("seen in the training file", &split[1])]
        {
            report += &format!(
                "names {name}: {} gold; precision {:.2}%; recall {:.2}%; FB1 {:.2}\n",
                sc.all.gold,
                sc.all.precision(),
                sc.all.recall(),
                sc.all.f1()
            );
        }
    }
    Ok((report, records))
}

/// Predicted names of whole pages for `eval-ner --jsonl GOLD --pred PRED`: JSONL records
/// `{"id", "entities": [{"start", "end", "label"}]}` (code points, end exclusive), by id.
/// PER, ORG, LOC and MISC are names and `DATE` dates; other labels are left out.
fn predicted_names(path: &str) -> Result<HashMap<String, Predicted>> {
    let mut out = HashMap::new();
    for (n, line) in read_text(path)?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Error::usage(format!("{path}: line {}: not JSON: {e}", n + 1)))?;
        let mut p = Predicted::default();
        for e in v["entities"].as_array().into_iter().flatten() {
            let (Some(a), Some(b), Some(l)) =
                (e["start"].as_u64(), e["end"].as_u64(), e["label"].as_str())
            else {
                return Err(Error::usage(format!(
                    "{path}: line {}: an entity without start, end and label",
                    n + 1
                )));
            };
            let (a, b) = (a as usize, b as usize);
            match clipmark::ner::TYPES.iter().position(|&t| t == l) {
                Some(t) => p.names.push((a, b, t + 1)),
                None if l == "DATE" => p.dates.push((a, b, 1)),
                None => {}
            }
        }
        out.insert(v["id"].as_str().unwrap_or("").to_string(), p);
    }
    Ok(out)
}

/// Entities of a page: `(start, end, type)`, code points.
type Spans = Vec<(usize, usize, usize)>;

/// One page's predicted names and dates, from a file.
#[derive(Default)]
struct Predicted {
    names: Spans,
    dates: Spans,
}

/// Scores `analyze`'s names (or, with `external`, the names of a predictions file, by page id)
/// against gold JSONL pages (`{"text", "entities": [{"start", "end", "label"}]}`, code-point
/// offsets): exact span and type. With `online`, the pages are a stream an analyst corrects in
/// file order: each page is scored with the model as it stands, then the model learns from the
/// page's gold names ([`clipmark::ner::learn`], that step size). Returns the report and the
/// per-page counts (JSONL).
fn eval_jsonl(
    path: &str,
    texts: Option<&str>,
    mut m: Model,
    online: Option<u8>,
    external: Option<&HashMap<String, Predicted>>,
) -> Result<(String, String)> {
    let mut scores = conll::Scores::default();
    let mut dates = conll::Scores::default();
    // Names split by where they stand: the article's lines (title, meta, body) or the rest.
    let mut in_article = conll::Scores::default();
    let mut in_boilerplate = conll::Scores::default();
    let mut learned = 0;
    let mut records = String::new();
    for (n, g) in pages_with_texts(path, texts)?.iter().enumerate() {
        let (page, gold, gold_dates, article) = (g.text.as_str(), &g.names, &g.dates, &g.article);
        let inside_article = |s: usize| article.iter().any(|&(a, b)| a <= s && s < b);
        let (pred, pred_dates, predicted) = match external {
            Some(ext) => match ext.get(&g.id) {
                Some(p) => (p.names.clone(), p.dates.clone(), true),
                None => (Vec::new(), Vec::new(), false),
            },
            None => {
                let (pred, dates) = find_names(page, &m);
                (pred, dates, true)
            }
        };
        // Gold dates cover only title, meta and body lines: score predictions there.
        let pred_dates: Vec<(usize, usize, usize)> =
            pred_dates.into_iter().filter(|&(s, _, _)| inside_article(s)).collect();
        if std::env::var_os("CLIPMARK_NER_ERRORS").is_some() {
            // Debug aid: the page's misses and false names on stderr.
            let chars: Vec<char> = page.chars().collect();
            let show = |&(a, b, t): &(usize, usize, usize)| {
                format!(
                    "{}\t{:?}",
                    clipmark::ner::TYPES[t - 1],
                    chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>()
                )
            };
            for g in gold.iter().filter(|g| !pred.contains(g)) {
                eprintln!("MISS\t{}", show(g));
            }
            for p in pred.iter().filter(|p| !gold.contains(p)) {
                eprintln!("FALSE\t{}", show(p));
            }
        }
        let mut page_scores = conll::Scores::default();
        page_scores.add_spans(gold, &pred);
        let mut page_dates = conll::Scores::default();
        page_dates.add_spans(gold_dates, &pred_dates);
        let split = |spans: &[(usize, usize, usize)]| -> (Vec<_>, Vec<_>) {
            spans.iter().partition(|s| inside_article(s.0))
        };
        let ((ga, gb), (pa, pb)) = (split(gold), split(&pred));
        let mut page_article = conll::Scores::default();
        page_article.add_spans(&ga, &pa);
        let mut page_boilerplate = conll::Scores::default();
        page_boilerplate.add_spans(&gb, &pb);
        scores.merge(&page_scores);
        dates.merge(&page_dates);
        in_article.merge(&page_article);
        in_boilerplate.merge(&page_boilerplate);
        let mut rec = serde_json::Map::new();
        rec.insert("doc".into(), n.into());
        rec.insert("id".into(), g.id.clone().into());
        if external.is_some() {
            rec.insert("predicted".into(), predicted.into());
        }
        rec.extend(page_scores.json());
        rec.insert("article".into(), page_article.all.json());
        rec.insert("boilerplate".into(), page_boilerplate.all.json());
        rec.insert("dates".into(), page_dates.all.json());
        records += &serde_json::Value::Object(rec).to_string();
        records.push('\n');
        if let Some(step) = online {
            let (doc, _) = page_doc(g)
                .map_err(|e| Error::usage(format!("{path}: page {} ({}): {e}", n + 1, g.id)))?;
            let toks: Vec<&str> = doc.tokens.iter().map(String::as_str).collect();
            learned += clipmark::ner::learn(&mut m, &toks, &doc.sents, &doc.gold, step);
        }
    }
    let mut s = scores.report();
    if let Some(step) = online {
        s += &format!("online: scored each page before learning from it (step {step}); {learned} wrong tokens corrected in all\n");
    }
    for (name, sc) in
        [("article lines (title, meta, body)", &in_article), ("boilerplate lines", &in_boilerplate)]
    {
        s += &format!(
            "names in {name}: precision {:.2}%; recall {:.2}%; FB1 {:.2}\n",
            sc.all.precision(),
            sc.all.recall(),
            sc.all.f1()
        );
    }
    if dates.all.gold == 0 {
        s += "DATE: the gold has no dates\n";
    } else {
        s += &format!(
            "DATE (in gold title/meta/body lines): precision {:.2}%; recall {:.2}%; FB1 {:.2}\n",
            dates.all.precision(),
            dates.all.recall(),
            dates.all.f1()
        );
    }
    Ok((s, records))
}

/// The names and dates `m` finds on a page, as `analyze` does: `(start, end, type)` in code
/// points (type 1 PER, 2 ORG, 3 LOC, 4 MISC; 1 for dates).
fn find_names(page: &str, m: &Model) -> (Spans, Spans) {
    let ty = |l: &str| clipmark::ner::TYPES.iter().position(|&t| t == l).map(|i| i + 1);
    // Byte offsets to code points.
    let mut cp = vec![0usize; page.len() + 1];
    let mut k = 0;
    for (b, c) in page.char_indices() {
        for x in &mut cp[b..b + c.len_utf8()] {
            *x = k;
        }
        k += 1;
    }
    cp[page.len()] = k;
    let lines = clipmark::lines(page);
    let ents = clipmark::entities::find_with(page, &lines, m);
    let names = ents
        .iter()
        .filter_map(|e| Some((cp[e.span.start], cp[e.span.end], ty(e.label.as_str())?)))
        .collect();
    let dates = ents
        .iter()
        .filter(|e| e.label == clipmark::EntityLabel::Date)
        .map(|e| (cp[e.span.start], cp[e.span.end], 1))
        .collect();
    (names, dates)
}

/// A page of a gold JSONL file (`{"text", "lines", "entities", "dates"}`, code-point offsets).
struct GoldPage {
    /// The record's `id` (may be empty).
    id: String,
    text: String,
    /// The names' own `text` fields (code points), when given, in the order of `names`.
    name_texts: Vec<Option<String>>,
    /// Names: `(start, end, type)`, type 1 PER, 2 ORG, 3 LOC, 4 MISC.
    names: Vec<(usize, usize, usize)>,
    /// Dates: `(start, end, 1)`.
    dates: Vec<(usize, usize, usize)>,
    /// The title, meta and body lines: `(start, end)`.
    article: Vec<(usize, usize)>,
}

/// Reads a gold JSONL file.
fn gold_pages(text: &str) -> Result<Vec<GoldPage>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Error::usage(format!("line {}: not JSON: {e}", n + 1)))?;
        let ty = |l: &str| clipmark::ner::TYPES.iter().position(|&t| t == l).map(|i| i + 1);
        let range = |e: &serde_json::Value| {
            Some((e["start"].as_u64()? as usize, e["end"].as_u64()? as usize))
        };
        let (names, name_texts) = v["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let (a, b) = range(e)?;
                Some(((a, b, ty(e["label"].as_str()?)?), e["text"].as_str().map(str::to_string)))
            })
            .unzip();
        let dates = v["dates"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| range(e).map(|(a, b)| (a, b, 1)))
            .collect();
        let article = v["lines"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|l| matches!(l["label"].as_str(), Some("title" | "meta" | "body")))
            .filter_map(range)
            .collect();
        out.push(GoldPage {
            id: v["id"].as_str().unwrap_or("").to_string(),
            text: v["text"].as_str().unwrap_or("").to_string(),
            name_texts,
            names,
            dates,
            article,
        });
    }
    Ok(out)
}

/// The gold pages of `path`. A page without `text` takes the text of the record with its `id`
/// in `texts` (JSONL records `{"id", "text"}`), so that annotations can be kept apart from the
/// pages.
fn pages_with_texts(path: &str, texts: Option<&str>) -> Result<Vec<GoldPage>> {
    let mut by_id: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    if let Some(tp) = texts {
        for (n, line) in read_text(tp)?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| Error::usage(format!("{tp}: line {}: not JSON: {e}", n + 1)))?;
            if let (Some(id), Some(t)) = (v["id"].as_str(), v["text"].as_str()) {
                by_id.insert(id.to_string(), t.to_string());
            }
        }
    }
    let mut pages = gold_pages(&read_text(path)?)?;
    for (n, g) in pages.iter_mut().enumerate().filter(|(_, g)| g.text.is_empty()) {
        g.text = match by_id.get(&g.id) {
            Some(t) => t.clone(),
            None if texts.is_some() => {
                return Err(Error::usage(format!(
                    "{path}: page {} ({}): no record with this id in the page texts",
                    n + 1,
                    g.id
                )))
            }
            None => {
                return Err(Error::usage(format!(
                    "{path}: page {} ({}): no text (give the page texts with --page-texts)",
                    n + 1,
                    g.id
                )))
            }
        };
    }
    Ok(pages)
}

/// A gold page as a training document for the tagger, and how many of its names no token
/// starts in. A name whose offsets or `text` do not fit the page is an error.
fn page_doc(g: &GoldPage) -> std::result::Result<(conll::Doc, usize), String> {
    let map = clipmark::text::OffsetMap::new(&g.text);
    let mut names = Vec::with_capacity(g.names.len());
    for (k, &(a, b, t)) in g.names.iter().enumerate() {
        let span = match (map.byte_of_codepoint(a), map.byte_of_codepoint(b)) {
            (Some(a), Some(b)) if a < b => a..b,
            _ => return Err(format!("name {a}..{b} is not in the text")),
        };
        if let Some(Some(want)) = g.name_texts.get(k) {
            if &g.text[span.clone()] != want {
                return Err(format!("name {a}..{b} reads {:?}, not {want:?}", &g.text[span]));
            }
        }
        names.push((span, t));
    }
    names.sort_by_key(|(s, _)| (s.start, s.end));
    Ok(crate::conll::training_doc(&g.text, &clipmark::lines(&g.text), &names))
}

/// The gold pages of `path` as training documents ([`pages_with_texts`], [`page_doc`]).
fn training_pages(path: &str, texts: Option<&str>) -> Result<Vec<conll::Doc>> {
    let mut docs = Vec::new();
    let mut lost = 0;
    for (n, g) in pages_with_texts(path, texts)?.iter().enumerate() {
        let (doc, l) = page_doc(g)
            .map_err(|e| Error::usage(format!("{path}: page {} ({}): {e}", n + 1, g.id)))?;
        lost += l;
        docs.push(doc);
    }
    eprintln!(
        "{path}: {} pages, {} tokens, {lost} names no token starts in",
        docs.len(),
        docs.iter().map(|d| d.tokens.len()).sum::<usize>()
    );
    Ok(docs)
}

fn bench_ner(args: &[String]) -> Result<()> {
    const USAGE: &str = "clipmark-lab bench-ner FILE [--model M]";
    let (pos, opts) = parse(args, &["--model"], USAGE)?;
    let [path] = pos[..] else { return Err(Error::usage(format!("usage: {USAGE}"))) };
    let m = model(&opts)?;
    let docs = conll::read(&read_text(path)?);
    let toks: Vec<Vec<&str>> =
        docs.iter().map(|d| d.tokens.iter().map(String::as_str).collect()).collect();
    let n: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let mut tagger = Tagger::new(&m);
    let mut out = Vec::new();
    let mut rounds = 0usize;
    let mut checksum = 0usize;
    let cpu0 = thread_cpu_seconds();
    let t0 = Instant::now();
    while rounds < 3 || t0.elapsed().as_secs_f64() < 2.0 {
        for (d, t) in docs.iter().zip(&toks) {
            tagger.tag(t, &d.sents, &mut out);
            checksum += out.iter().filter(|&&l| l != 0).count();
        }
        rounds += 1;
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = thread_cpu_seconds().map(|c| c - cpu0.unwrap_or(0.0));
    let rate = (n * rounds) as f64 / secs;
    let mut s = format!(
        "{} tokens x {} rounds in {:.3} s: {:.0} tokens/s (one thread, file reading excluded; {} name tokens per round)\n",
        n,
        rounds,
        secs,
        rate,
        checksum / rounds.max(1)
    );
    if let Some(c) = cpu.filter(|&c| c > 0.0) {
        s += &format!("thread CPU time {:.2} s: {:.0} tokens per CPU second (less sensitive to a busy machine)\n", c, (n * rounds) as f64 / c);
    }
    print(&s)
}

/// This thread's user + system CPU time, from `/proc/thread-self/stat` (Linux only).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let (u, s): (f64, f64) = (f.get(11)?.parse().ok()?, f.get(12)?.parse().ok()?);
    Some((u + s) / 100.0)
}
