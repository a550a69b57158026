//! `train-seg`, `eval-seg` and `bench-seg`: training, scoring and timing the segmenter on
//! gold files in the line format of the articles data (JSONL, code-point offsets).

use crate::seg_train as train;
use crate::{print, read_text};
use crate::{seg_model, title_train};
use clipmark::segment::decode::{self, Decoder};
use clipmark::segment::{self, rules};
use clipmark::text::OffsetMap;
use clipmark::{BlockLabel, Error, Result};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::time::Instant;

/// One gold (or predicted) document: lines as code-point ranges with labels.
struct GoldDoc {
    id: String,
    source: String,
    site: String,
    text: String,
    lines: Vec<(usize, usize, BlockLabel)>,
    /// The seeds' `dates[0]`, normalised, when given.
    date: Option<String>,
}

fn source_name(s: &str) -> &str {
    if s.starts_with("zyte") {
        "zyte"
    } else if s.is_empty() {
        "seeds"
    } else {
        s
    }
}

fn read_gold(path: &str) -> Result<Vec<GoldDoc>> {
    let text = read_text(path)?;
    let mut out = Vec::new();
    for (n, row) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let bad = |what: &str| Error::invalid(format!("{path}:{}", n + 1), what.to_string());
        let v: Value = serde_json::from_str(row).map_err(|e| bad(&e.to_string()))?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let mut lines = Vec::new();
        for l in v.get("lines").and_then(Value::as_array).ok_or_else(|| bad("no `lines` array"))? {
            let num = |k: &str| l.get(k).and_then(Value::as_u64).map(|x| x as usize);
            let (Some(a), Some(b)) = (num("start"), num("end")) else {
                return Err(bad("line without start/end"));
            };
            let label = l
                .get("label")
                .and_then(Value::as_str)
                .and_then(BlockLabel::parse)
                .ok_or_else(|| bad("unknown label"))?;
            lines.push((a, b, label));
        }
        let date = v
            .get("dates")
            .and_then(Value::as_array)
            .and_then(|d| d.first())
            .and_then(|d| d.get("text"))
            .and_then(Value::as_str)
            .and_then(clipmark::segment::meta::normalize_date);
        let source = source_name(&s("source")).to_string();
        let site = if s("site").is_empty() { s("id") } else { s("site") };
        out.push(GoldDoc { id: s("id"), source, site, text: s("text"), lines, date });
    }
    Ok(out)
}

/// For each line of `gold`, the label of the first line of `pred` overlapping it (or
/// boilerplate). Both lists are sorted code-point ranges.
fn align(
    gold: &[(usize, usize, BlockLabel)],
    pred: &[(usize, usize, BlockLabel)],
) -> Vec<BlockLabel> {
    let mut j = 0;
    gold.iter()
        .map(|&(a, b, _)| {
            while j < pred.len() && pred[j].1 <= a {
                j += 1;
            }
            match pred.get(j) {
                Some(&(pa, _, l)) if pa < b.max(a + 1) => l,
                _ => BlockLabel::Boilerplate,
            }
        })
        .collect()
}

/// Our lines of `text` with the given per-line labels, as code-point ranges.
fn to_cp(
    text: &str,
    lines: &[clipmark::Line],
    labels: &[BlockLabel],
) -> Vec<(usize, usize, BlockLabel)> {
    let map = OffsetMap::new(text);
    lines
        .iter()
        .zip(labels)
        .map(|(l, &lab)| (map.to_codepoint(l.span.start), map.to_codepoint(l.span.end), lab))
        .collect()
}

/// The seeds are the kind of page users paste: each counts as four training pages, so that
/// what they teach (a "Related items" section of good prose is not the article) holds
/// whatever the epochs (with weight 1 it flipped at 4 and 10 epochs).
const SEED_WEIGHT: f32 = 4.0;

fn train_doc(g: &GoldDoc) -> train::TrainDoc {
    let lines = clipmark::lines(&g.text);
    let labels =
        align(&to_cp(&g.text, &lines, &vec![BlockLabel::Boilerplate; lines.len()]), &g.lines);
    // Which of our lines overlap any gold line at all.
    let cp = to_cp(&g.text, &lines, &vec![BlockLabel::Body; lines.len()]);
    let covered =
        align(&cp, &g.lines.iter().map(|&(a, b, _)| (a, b, BlockLabel::Body)).collect::<Vec<_>>());
    let mut target: Vec<Option<bool>> = labels
        .iter()
        .zip(&covered)
        .map(|(&l, &c)| match (c, l) {
            (BlockLabel::Boilerplate, _) => None,
            (_, BlockLabel::Body) => Some(true),
            (_, BlockLabel::Boilerplate) => Some(false),
            _ => None, // title and meta (seeds) are rules, not the body model's job
        })
        .collect();
    if g.source == "dragnet" {
        // Dragnet's gold counts the headline, byline and date as body, Zyte's does not: leave
        // the short body lines before the first real paragraph out of training.
        let words = |i: usize| g.text[lines[i].span.clone()].split_whitespace().count();
        let body: Vec<usize> = (0..lines.len()).filter(|&i| target[i] == Some(true)).collect();
        if let Some(k) = body.iter().take(6).position(|&i| words(i) >= 10) {
            for &i in &body[..k] {
                target[i] = None;
            }
        }
    }
    let weight = if g.source == "seeds" { SEED_WEIGHT } else { 1.0 };
    train::TrainDoc { text: g.text.clone(), lines, target, site: g.site.clone(), weight }
}

/// One line of a predictions file for `eval-seg --pred`: the page's id and its lines with
/// their labels, in code points.
fn pred_record(g: &GoldDoc, lines: &[clipmark::Line], labels: &[BlockLabel]) -> String {
    let lines: Vec<Value> = to_cp(&g.text, lines, labels)
        .into_iter()
        .map(|(a, b, l)| serde_json::json!({"start": a, "end": b, "label": l.as_str()}))
        .collect();
    serde_json::json!({"id": g.id, "lines": lines}).to_string() + "\n"
}

/// Multiplies each real page's weight by `n^-pow`, `n` the number of pages of its site (and
/// source), scaled so that the real pages' mean weight stays 1.
fn site_weights(docs: &mut [train::TrainDoc], gold: &[GoldDoc], pow: f32) {
    let key = |g: &GoldDoc| (g.source.clone(), g.site.clone());
    let mut n: HashMap<(String, String), usize> = HashMap::new();
    for g in gold.iter().filter(|g| g.source != "seeds") {
        *n.entry(key(g)).or_default() += 1;
    }
    let f = |g: &GoldDoc| (n[&key(g)] as f32).powf(-pow);
    let real: Vec<f32> = gold.iter().filter(|g| g.source != "seeds").map(f).collect();
    let mean = real.iter().sum::<f32>() / real.len().max(1) as f32;
    for (d, g) in docs.iter_mut().zip(gold).filter(|(_, g)| g.source != "seeds") {
        d.weight *= f(g) / mean;
    }
}

/// `clipmark-lab train-seg DEV.jsonl [--seeds GOLD.jsonl] [-o models/seg.model]`
pub fn train_seg(args: &[String]) -> Result<()> {
    let usage = || {
        Error::usage("usage: clipmark-lab train-seg DEV.jsonl [--seeds GOLD.jsonl] [-o models/seg.model] [--oof PRED.jsonl [--oof-body]] [--scores F | --from-scores F] [--fold-salt N] [--site-weight P] [--outer K]")
    };
    let (mut dev, mut seeds, mut out) = (None, None, "models/seg.model".to_string());
    let mut opt = train::TrainOptions::default();
    let mut oof_path: Option<String> = None;
    let mut oof_body = false;
    // Pages of a site weigh n^-POW (normalised to a mean of 1), so that one site's many
    // pages do not teach its template; 0 (the default) weighs every page the same.
    let mut site_pow = 0.0f32;
    let mut outer: Option<u64> = None;
    let mut scores_path: Option<String> = None;
    let mut from_scores = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut num =
            || -> Result<f32> { it.next().and_then(|x| x.parse().ok()).ok_or_else(usage) };
        match a.as_str() {
            // Tuning knobs (defaults are the shipped model's); tune on dev only.
            "--epochs" => opt.epochs = num()? as usize,
            "--rate" => opt.rate = num()?,
            "--l2" => opt.l2 = num()?,
            "--min-sites" => opt.min_sites = num()? as usize,
            "--long-gap" => opt.long_gap = num()?,
            "--fold-salt" => opt.fold_salt = num()? as u64,
            "--site-weight" => site_pow = num()?,
            // Nested evaluation: `--outer K` leaves the pages of outer fold K (of 5, sites
            // hashed with salt 101) out of everything the trainer sees, and `--oof` then
            // writes the trained model's labels of those pages only: run K = 0..4 and score
            // the five outputs together with `eval-seg --pred`.
            "--outer" => outer = Some(num()? as u64),
            "--oof" => oof_path = Some(it.next().ok_or_else(usage)?.clone()),
            // With `--oof`: write the decoder's body/boilerplate lines only, before title and
            // meta are labelled (what `train-title --pred` needs to see the segmenter's own
            // article start).
            "--oof-body" => oof_body = true,
            // Tuning the rules after the Viterbi pass: `--scores F` also writes the
            // out-of-fold stage-3 log-odds and the decoder to F; `--from-scores F` reads them
            // back instead of training (nothing is written but `--oof`).
            "--scores" => scores_path = Some(it.next().ok_or_else(usage)?.clone()),
            "--from-scores" => {
                scores_path = Some(it.next().ok_or_else(usage)?.clone());
                from_scores = true;
            }
            "--seeds" => seeds = Some(it.next().ok_or_else(usage)?.clone()),
            "-o" => out = it.next().ok_or_else(usage)?.clone(),
            _ if dev.is_none() => dev = Some(a.clone()),
            _ => return Err(usage()),
        }
    }
    let dev = dev.ok_or_else(usage)?;
    let mut gold = read_gold(&dev)?;
    let mut held_out = Vec::new();
    if let Some(k) = outer {
        let (out, keep): (Vec<GoldDoc>, Vec<GoldDoc>) =
            gold.into_iter().partition(|g| segment::features::fnv(g.site.as_bytes(), 101) % 5 == k);
        (gold, held_out) = (keep, out);
    }
    if let Some(s) = &seeds {
        gold.extend(read_gold(s)?);
    }
    if gold.is_empty() {
        return Err(Error::invalid(dev, "no pages left to train on".to_string()));
    }
    let t0 = Instant::now();
    let mut docs: Vec<train::TrainDoc> = gold.iter().map(train_doc).collect();
    if site_pow != 0.0 {
        site_weights(&mut docs, &gold, site_pow);
    }
    let report = if from_scores {
        let p = scores_path.clone().unwrap_or_default();
        let s = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, &e))?;
        let v: Value = serde_json::from_str(&s).map_err(|_| usage())?;
        let mut model = seg_model::empty_model();
        let d = &v["decoder"];
        let f = |k: &str| d[k].as_f64().unwrap_or(0.0) as f32;
        model.decoder = Decoder {
            switch: f("switch"),
            reenter: f("reenter"),
            marker: f("marker"),
            long: f("long"),
        };
        let oof: Vec<Vec<f32>> = v["oof"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|z| {
                        z.as_array()
                            .map(|z| z.iter().map(|x| x.as_f64().unwrap_or(0.0) as f32).collect())
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let oof_prefix = vec![None; oof.len()];
        train::TrainReport { model, oof, oof_prefix }
    } else {
        let report = train::train(&docs, &opt);
        if let Some(p) = &scores_path {
            let dec = report.model.decoder;
            let j = serde_json::json!({"decoder": {"switch": dec.switch, "reenter": dec.reenter, "marker": dec.marker, "long": dec.long}, "oof": report.oof});
            std::fs::write(p, j.to_string()).map_err(|e| Error::io(p, &e))?;
        }
        report
    };
    let text = seg_model::to_text(&report.model);
    if !from_scores {
        std::fs::write(&out, &text).map_err(|e| Error::io(&out, &e))?;
    }
    let mut msg = format!(
        "trained on {} documents in {:.1} s; decoder {:?}; wrote {out} ({} bytes)\n",
        docs.len(),
        t0.elapsed().as_secs_f32(),
        report.model.decoder,
        text.len()
    );
    // Cross-validated figures (5 folds by site, out-of-fold stage 2, body vs the rest only).
    for src in ["zyte", "dragnet", "seeds"] {
        let idx: Vec<usize> = (0..docs.len()).filter(|&d| gold[d].source == src).collect();
        if idx.is_empty() {
            continue;
        }
        let sub: Vec<train::TrainDoc> = idx.iter().map(|&d| docs[d].clone()).collect();
        let pred: Vec<Vec<bool>> =
            idx.iter().map(|&d| oof_labels(&report, d, &gold[d].text, &docs[d].lines)).collect();
        let _ = writeln!(
            msg,
            "cross-validated body char F1 ({src}, headline lines of dragnet left out): {:.4}",
            train::char_f1(&sub, &pred)
        );
    }
    eprint!("{msg}");
    if let (Some(p), Some(_)) = (&oof_path, outer) {
        // The held-out outer fold, labelled by the model trained without it (with
        // `--oof-body`, its body lines only, before title and meta are labelled).
        let mut o = String::new();
        for g in &held_out {
            let lines = clipmark::lines(&g.text);
            let labels = if oof_body {
                body_labels(&report.model.predict(&g.text, &lines))
            } else {
                segment::label_lines_with(&report.model, &g.text, &lines)
            };
            o += &pred_record(g, &lines, &labels);
        }
        std::fs::write(p, o).map_err(|e| Error::io(p, &e))?;
        return Ok(());
    }
    if let Some(p) = oof_path {
        // Out-of-fold predictions in the gold shape, for `eval-seg --pred`.
        let mut o = String::new();
        for (d, g) in gold.iter().enumerate() {
            let body = oof_labels(&report, d, &g.text, &docs[d].lines);
            let labels = if oof_body {
                body_labels(&body)
            } else {
                segment::label_around_body(&g.text, &docs[d].lines, &body)
            };
            o += &pred_record(g, &docs[d].lines, &labels);
        }
        std::fs::write(&p, o).map_err(|e| Error::io(&p, &e))?;
    }
    Ok(())
}

/// Body lines as labels, before title and meta are labelled (`--oof-body`).
fn body_labels(body: &[bool]) -> Vec<BlockLabel> {
    body.iter().map(|&b| if b { BlockLabel::Body } else { BlockLabel::Boilerplate }).collect()
}

/// Document `d`'s out-of-fold body lines: [`decode::decode`], then
/// [`rules::before_comments`] on the out-of-fold scores of the lines above its
/// comments.
fn oof_labels(
    report: &train::TrainReport,
    d: usize,
    text: &str,
    lines: &[clipmark::Line],
) -> Vec<bool> {
    let dec = &report.model.decoder;
    let body = decode::decode(&report.oof[d], dec, text, lines);
    match report.oof_prefix.get(d).cloned().flatten() {
        Some((c, z)) => rules::before_comments(body, dec, text, lines, |c2| (c2 == c).then_some(z)),
        None => body,
    }
}

#[derive(Default, Clone)]
struct Tally {
    docs: usize,
    tp: [f64; 2],
    fp: [f64; 2],
    fneg: [f64; 2],
    /// Characters of the gold lines.
    chars: f64,
    four_ok: usize,
    four_n: usize,
    title_ok: usize,
    title_line_ok: usize,
    title_n: usize,
    date_shown: usize,
    date_found: usize,
    date_ok: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.docs += o.docs;
        for k in 0..2 {
            self.tp[k] += o.tp[k];
            self.fp[k] += o.fp[k];
            self.fneg[k] += o.fneg[k];
        }
        self.chars += o.chars;
        self.four_ok += o.four_ok;
        self.four_n += o.four_n;
        self.title_ok += o.title_ok;
        self.title_line_ok += o.title_line_ok;
        self.title_n += o.title_n;
        self.date_shown += o.date_shown;
        self.date_found += o.date_found;
        self.date_ok += o.date_ok;
    }

    fn prf(&self, k: usize) -> (f64, f64, f64) {
        let p = self.tp[k] / (self.tp[k] + self.fp[k]).max(1e-9);
        let r = self.tp[k] / (self.tp[k] + self.fneg[k]).max(1e-9);
        (p, r, if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
    }

    /// The counts of one page as the fields of a JSON record (`eval-seg --counts`): body
    /// characters and body lines (`tp`, `fp`, `fn`), the gold lines' characters, and the
    /// right/scored counts behind the 4-class accuracy, title and date figures.
    fn record(&self) -> serde_json::Map<String, Value> {
        let prf = |k: usize| serde_json::json!({"tp": self.tp[k] as u64, "fp": self.fp[k] as u64, "fn": self.fneg[k] as u64});
        let json = serde_json::json!({
            "body_chars": prf(0),
            "body_lines": prf(1),
            "chars": self.chars as u64,
            "four_class": {"right": self.four_ok, "of": self.four_n},
            "title": {"right": self.title_ok, "same_line": self.title_line_ok, "of": self.title_n},
            "date": {"found": self.date_found, "agrees": self.date_ok, "of": self.date_shown},
        });
        match json {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    fn row(&self, name: &str) -> String {
        let (cp, cr, cf) = self.prf(0);
        let (lp, lr, lf) = self.prf(1);
        let frac = |a: usize, b: usize| {
            if b == 0 {
                "-".to_string()
            } else {
                format!("{:.3} ({a}/{b})", a as f64 / b as f64)
            }
        };
        format!(
            "{name:<8} docs {:>4}  body chars P {cp:.4} R {cr:.4} F1 {cf:.4}  lines P {lp:.4} R {lr:.4} F1 {lf:.4}  4-class acc {}  title acc {} (same line {})  date found {} agrees {}\n",
            self.docs,
            frac(self.four_ok, self.four_n),
            frac(self.title_ok, self.title_n),
            frac(self.title_line_ok, self.title_n),
            frac(self.date_found, self.date_shown),
            frac(self.date_ok, self.date_shown),
        )
    }
}

/// A title's text for comparison: letters and digits only, lower case.
fn title_norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn headline_like(s: &str) -> bool {
    let w = s.split_whitespace().count();
    (3..=25).contains(&w)
        && !s.trim_end_matches(['"', '”', '’']).ends_with(['.', '!', '?'])
        && segment::meta::first_date(s).is_none()
}

/// The gold title line of `g` (an index into `g.lines`): the seeds' `title` line; in dragnet,
/// the first gold body line when it reads as a headline. Zyte's gold has no headline.
fn gold_title(g: &GoldDoc) -> Option<usize> {
    if g.lines.iter().any(|l| matches!(l.2, BlockLabel::Title | BlockLabel::Meta)) {
        return g.lines.iter().position(|l| l.2 == BlockLabel::Title);
    }
    if g.source != "dragnet" {
        return None;
    }
    let i = g.lines.iter().position(|l| l.2 == BlockLabel::Body)?;
    let (a, b, _) = g.lines[i];
    let line: String = g.text.chars().skip(a).take(b.saturating_sub(a)).collect();
    headline_like(&line).then_some(i)
}

/// Scores one document. `pred` holds per-line labels aligned to the gold lines;
/// `published` is the predicted publication date (`None` for external predictions).
/// `titles`: whether the predictor labels titles at all (external body/boilerplate
/// predictors do not, and are not scored on them). Also returns, for each gold line, whether
/// its predicted label counts as body.
fn score(
    g: &GoldDoc,
    pred: &[BlockLabel],
    published: Option<Option<String>>,
    titles: bool,
) -> (Tally, Vec<bool>) {
    let mut t = Tally { docs: 1, ..Tally::default() };
    let mut pred_body = Vec::with_capacity(g.lines.len());
    let four = g.lines.iter().any(|l| matches!(l.2, BlockLabel::Title | BlockLabel::Meta));
    let cps: Vec<char> = g.text.chars().collect();
    let line_text =
        |a: usize, b: usize| cps[a.min(cps.len())..b.min(cps.len())].iter().collect::<String>();
    for (&(a, b, gl), &pl) in g.lines.iter().zip(pred) {
        let mapped = match pl {
            BlockLabel::Title | BlockLabel::Meta if !four => {
                if g.source == "dragnet" {
                    BlockLabel::Body
                } else {
                    BlockLabel::Boilerplate
                }
            }
            l => l,
        };
        let (gy, py) = (gl == BlockLabel::Body, mapped == BlockLabel::Body);
        pred_body.push(py);
        let c = (b - a) as f64;
        t.chars += c;
        for (k, w) in [(0, c), (1, 1.0)] {
            match (gy, py) {
                (true, true) => t.tp[k] += w,
                (false, true) => t.fp[k] += w,
                (true, false) => t.fneg[k] += w,
                _ => {}
            }
        }
        if four {
            t.four_n += 1;
            t.four_ok += usize::from(gl == pl);
        }
    }
    if let Some(i) = gold_title(g).filter(|_| titles) {
        t.title_n += 1;
        let first_pred_title = pred.iter().position(|&l| l == BlockLabel::Title);
        t.title_line_ok += usize::from(first_pred_title == Some(i));
        // Right when the title we give reads the same as the gold headline (letters and
        // digits, case-folded): a page often shows its headline twice (in a menu of recent
        // posts and over the article), and the gold's line alignment takes the first copy.
        let n = |k: usize| title_norm(&line_text(g.lines[k].0, g.lines[k].1));
        t.title_ok += usize::from(first_pred_title.is_some_and(|k| k == i || n(k) == n(i)));
    }
    // Date: shown when a line near the article's start (the 6 lines before the first gold
    // body/title line and the first 3 body lines) holds a full date.
    if let Some(published) = published {
        let start =
            g.lines.iter().position(|l| matches!(l.2, BlockLabel::Body | BlockLabel::Title));
        if let Some(s) = start {
            let shown: Vec<String> = (s.saturating_sub(6)..(s + 3).min(g.lines.len()))
                .filter_map(|i| segment::meta::first_date(&line_text(g.lines[i].0, g.lines[i].1)))
                .collect();
            let shown = if let Some(d) = &g.date { vec![d.clone()] } else { shown };
            if !shown.is_empty() {
                t.date_shown += 1;
                if let Some(p) = published {
                    t.date_found += 1;
                    t.date_ok += usize::from(shown.iter().any(|d| d.get(..10) == p.get(..10)));
                }
            }
        }
    }
    (t, pred_body)
}

/// `clipmark-lab eval-seg GOLD.jsonl [--per-source] [--pred PRED.jsonl] [--model FILE]
/// [--dump OUT.jsonl] [--counts OUT.jsonl]`. `--counts` writes one JSON record per gold page
/// (in file order) with the counts its figures are summed from ([`Tally::record`]), the page's
/// `index`, `id`, `source` (as in the per-source rows) and `site`, `predicted` (false when
/// `--pred` has no record for the page: it is scored as all boilerplate) and `pred_body`, a
/// string with one character per gold line, `1` when its predicted label counts as body.
pub fn eval_seg(args: &[String]) -> Result<()> {
    let usage = || {
        Error::usage("usage: clipmark-lab eval-seg GOLD.jsonl [--per-source] [--pred PRED.jsonl] [--model FILE] [--dump OUT.jsonl] [--counts OUT.jsonl]")
    };
    let mut counts: Option<String> = None;
    let mut records = String::new();
    let (mut gold, mut pred, mut model_path, mut per_source) = (None, None, None, false);
    let mut dump: Option<String> = None;
    let mut dumped = String::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--per-source" => per_source = true,
            "--pred" => pred = Some(it.next().ok_or_else(usage)?.clone()),
            "--model" => model_path = Some(it.next().ok_or_else(usage)?.clone()),
            "--dump" => dump = Some(it.next().ok_or_else(usage)?.clone()),
            "--counts" => counts = Some(it.next().ok_or_else(usage)?.clone()),
            _ if gold.is_none() => gold = Some(a.clone()),
            _ => return Err(usage()),
        }
    }
    let gold = read_gold(&gold.ok_or_else(usage)?)?;
    let model = match &model_path {
        Some(p) => seg_model::parse(&read_text(p)?).map_err(|e| Error::invalid(p.clone(), e))?,
        None => segment::embedded_model().clone(),
    };
    let external: Option<HashMap<String, GoldDoc>> = match &pred {
        Some(p) => Some(read_gold(p)?.into_iter().map(|d| (d.id.clone(), d)).collect()),
        None => None,
    };
    let titles = external
        .as_ref()
        .is_none_or(|e| e.values().any(|d| d.lines.iter().any(|l| l.2 == BlockLabel::Title)));
    let mut by_source: BTreeMap<String, Tally> = BTreeMap::new();
    for (index, g) in gold.iter().enumerate() {
        let mut predicted = true;
        let (labels, published) = match &external {
            Some(ext) => {
                predicted = ext.contains_key(&g.id);
                let lines = ext.get(&g.id).map(|d| d.lines.as_slice()).unwrap_or(&[]);
                (align(&g.lines, lines), None)
            }
            None => {
                let lines = clipmark::lines(&g.text);
                let labels = segment::label_lines_with(&model, &g.text, &lines);
                let mut blocks = clipmark::blocks::split(&lines);
                for (b, &l) in blocks.iter_mut().zip(&labels) {
                    b.label = l;
                }
                let md = segment::metadata(&g.text, &blocks);
                let cp = to_cp(&g.text, &lines, &labels);
                if dump.is_some() {
                    let ls: Vec<Value> =
                        cp.iter().map(|&(a, b, l)| serde_json::json!({"start": a, "end": b, "label": l.as_str()})).collect();
                    dumped +=
                        &serde_json::json!({"id": g.id, "lines": ls, "metadata": md}).to_string();
                    dumped.push('\n');
                }
                (align(&g.lines, &cp), Some(md.published))
            }
        };
        let (tally, pred_body) = score(g, &labels, published, titles);
        by_source.entry(g.source.clone()).or_default().add(&tally);
        if counts.is_some() {
            let mut rec = serde_json::Map::new();
            rec.insert("index".into(), index.into());
            rec.insert("id".into(), g.id.clone().into());
            rec.insert("source".into(), g.source.clone().into());
            rec.insert("site".into(), g.site.clone().into());
            rec.insert("predicted".into(), predicted.into());
            rec.extend(tally.record());
            let bits: String = pred_body.iter().map(|&b| if b { '1' } else { '0' }).collect();
            rec.insert("pred_body".into(), bits.into());
            records += &Value::Object(rec).to_string();
            records.push('\n');
        }
    }
    if let Some(p) = &counts {
        std::fs::write(p, &records).map_err(|e| Error::io(p, &e))?;
    }
    if let Some(p) = &dump {
        std::fs::write(p, &dumped).map_err(|e| Error::io(p, &e))?;
    }
    let mut all = Tally::default();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# body scored per gold line; title/meta predictions count as body on dragnet pages and as boilerplate on zyte pages (their gold conventions); 4-class gold (seeds) is scored as is"
    );
    for (src, t) in &by_source {
        all.add(t);
        if per_source {
            out += &t.row(src);
        }
    }
    out += &all.row("all");
    print(&out)
}

/// `clipmark-lab bench-seg FILE [MB]`: segments the texts of a JSONL file (or a text file),
/// concatenated and repeated to at least MB megabytes (default 5), and prints the speed.
pub fn bench_seg(args: &[String]) -> Result<()> {
    let usage = || Error::usage("usage: clipmark-lab bench-seg FILE [MB]");
    let path = args.first().ok_or_else(usage)?;
    let mb: f64 = args.get(1).map(|s| s.parse().map_err(|_| usage())).transpose()?.unwrap_or(5.0);
    let raw = read_text(path)?;
    let mut texts = String::new();
    for l in raw.lines() {
        match serde_json::from_str::<Value>(l)
            .ok()
            .and_then(|v| v.get("text").and_then(Value::as_str).map(String::from))
        {
            Some(t) => {
                texts += &t;
                texts.push('\n');
            }
            None => {
                texts += l;
                texts.push('\n');
            }
        }
    }
    if texts.is_empty() {
        return Err(usage());
    }
    let mut input = String::new();
    while (input.len() as f64) < mb * 1e6 {
        input += &texts;
    }
    let cpu0 = cpu_ns();
    let t0 = Instant::now();
    let lines = clipmark::lines(&input);
    let mut blocks = clipmark::blocks::split(&lines);
    segment::label(&input, &lines, &mut blocks);
    let md = segment::metadata(&input, &blocks);
    let secs = t0.elapsed().as_secs_f64();
    let cpu = match (cpu0, cpu_ns()) {
        (Some(a), Some(b)) => format!(
            "; on-CPU {:.3} s: {:.1} MB/s",
            (b - a) as f64 / 1e9,
            input.len() as f64 / 1e6 / ((b - a) as f64 / 1e9)
        ),
        _ => String::new(),
    };
    let body = blocks.iter().filter(|b| b.label == BlockLabel::Body).count();
    print(&format!(
        "segmented {:.2} MB ({} lines, {body} body, title found: {}) in {secs:.3} s wall: {:.1} MB/s{cpu}\n",
        input.len() as f64 / 1e6,
        lines.len(),
        md.title.is_some(),
        input.len() as f64 / 1e6 / secs,
    ))
}

/// Time this thread has spent on a CPU, in nanoseconds (Linux `/proc/thread-self/schedstat`),
/// so the figure holds on a busy machine.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The index of our line (`cp`: our lines as code-point ranges) holding the gold title of
/// `g` ([`gold_title`]).
fn gold_title_line(g: &GoldDoc, cp: &[(usize, usize, BlockLabel)]) -> Option<usize> {
    let (a, b, _) = g.lines[gold_title(g)?];
    cp.iter().position(|&(pa, pb, _)| pa < b.max(a + 1) && a < pb)
}

/// `clipmark-lab train-title GOLD.jsonl... [--pred PRED.jsonl] [-o models/title.model]`: learns the
/// headline model from the pages' gold titles, with body lines from the embedded segmenter (or
/// from PRED, e.g. `train-seg --oof` output), and prints 5-fold cross-validated title accuracy
/// (folds by site) against the rule it replaced. `--misses` prints the cross-validation's
/// wrong picks where the gold title was among the candidates.
pub fn train_title(args: &[String]) -> Result<()> {
    use clipmark::segment::title;
    let usage = || {
        Error::usage("usage: clipmark-lab train-title GOLD.jsonl... [--pred PRED.jsonl] [--eval-pred PRED.jsonl] [-o OUT] [--epochs N] [--rate R] [--l2 L] [--misses] [--why] [--drop F,G]")
    };
    let (mut files, mut pred, mut out) = (Vec::new(), None, None);
    let (mut epochs, mut rate, mut l2) = (30usize, 0.1f32, 1e-3f32);
    let mut misses = false;
    let mut why = false;
    let mut eval_pred: Option<String> = None;
    let mut drop: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut num =
            || -> Result<f32> { it.next().and_then(|v| v.parse().ok()).ok_or_else(usage) };
        match a.as_str() {
            "--pred" => pred = Some(it.next().ok_or_else(usage)?.clone()),
            // Error analysis: one line per page with a gold title, saying where it was lost.
            "--why" => why = true,
            // Cross-validation scores candidates from these body lines (e.g. out of fold)
            // while training on those of `--pred` or the embedded segmenter.
            "--eval-pred" => eval_pred = Some(it.next().ok_or_else(usage)?.clone()),
            // Ablation: leave the named features (comma-separated) out.
            "--drop" => drop = it.next().ok_or_else(usage)?.split(',').map(String::from).collect(),
            "-o" => out = Some(it.next().ok_or_else(usage)?.clone()),
            "--epochs" => epochs = num()? as usize,
            "--rate" => rate = num()?,
            "--l2" => l2 = num()?,
            "--misses" => misses = true,
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        return Err(usage());
    }
    let mut gold = Vec::new();
    for f in &files {
        gold.extend(read_gold(f)?);
    }
    let external: Option<HashMap<String, GoldDoc>> = match &pred {
        Some(p) => Some(read_gold(p)?.into_iter().map(|d| (d.id.clone(), d)).collect()),
        None => None,
    };
    let eval_ext: Option<HashMap<String, GoldDoc>> = match &eval_pred {
        Some(p) => Some(read_gold(p)?.into_iter().map(|d| (d.id.clone(), d)).collect()),
        None => None,
    };
    let model = segment::embedded_model();
    // Per page: source, site, candidates (line, features) and the gold title line.
    struct Page {
        text: String,
        lines: Vec<clipmark::Line>,
        source: String,
        site: String,
        cands: Vec<(usize, title::Feats)>,
        /// Candidates scored in cross-validation (from `--eval-pred`, else `cands`).
        eval: Vec<(usize, title::Feats)>,
        gold: usize,
        /// The gold title's text ([`title_norm`]).
        gold_norm: String,
        id: String,
        region: Option<(usize, usize, usize)>,
        gold_start: Option<usize>,
    }
    impl Page {
        /// Whether line `i` is the gold title or reads the same (see [`score`]).
        fn right(&self, i: usize) -> bool {
            i == self.gold || title_norm(&self.text[self.lines[i].span.clone()]) == self.gold_norm
        }
    }
    let mut pages = Vec::new();
    for g in &gold {
        let lines = clipmark::lines(&g.text);
        let cp = to_cp(&g.text, &lines, &vec![BlockLabel::Boilerplate; lines.len()]);
        let Some(gl) = gold_title_line(g, &cp) else { continue };
        let body: Vec<bool> = match external.as_ref().and_then(|e| e.get(&g.id)) {
            Some(p) => align(&cp, &p.lines).iter().map(|&l| l != BlockLabel::Boilerplate).collect(),
            None => model.predict(&g.text, &lines),
        };
        let region = title_train::title_region(&g.text, &lines, &body);
        let mut cands = match region {
            Some((lo, first, end)) => title::candidates(&g.text, &lines, &body, lo, first, end),
            None => Vec::new(),
        };
        let mut eval = match eval_ext.as_ref().and_then(|e| e.get(&g.id)) {
            Some(p) => {
                let body: Vec<bool> =
                    align(&cp, &p.lines).iter().map(|&l| l != BlockLabel::Boilerplate).collect();
                match title_train::title_region(&g.text, &lines, &body) {
                    Some((lo, first, end)) => {
                        title::candidates(&g.text, &lines, &body, lo, first, end)
                    }
                    None => Vec::new(),
                }
            }
            None => cands.clone(),
        };
        let dropped: Vec<u32> = clipmark::segment::layout::title::NAMES
            .iter()
            .enumerate()
            .filter(|(_, n)| drop.iter().any(|d| d == *n))
            .map(|(k, _)| k as u32)
            .collect();
        for c in cands.iter_mut().chain(eval.iter_mut()) {
            c.1.retain(|(k, _)| !dropped.contains(k));
        }
        // Our line holding the first gold body line after the title (the article's start).
        let gold_start = g.lines.iter().position(|l| l.2 == BlockLabel::Body).and_then(|i| {
            let (a, b, _) = g.lines[i];
            cp.iter().position(|&(pa, pb, _)| pa < b.max(a + 1) && a < pb)
        });
        pages.push(Page {
            text: g.text.clone(),
            lines: lines.clone(),
            source: g.source.clone(),
            site: g.site.clone(),
            cands,
            eval,
            gold: gl,
            gold_norm: title_norm(&g.text[lines[gl].span.clone()]),
            id: g.id.clone(),
            region,
            gold_start,
        });
    }
    let fold = |site: &str| {
        (site.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        }) % 5) as usize
    };
    let examples = |keep: &dyn Fn(&Page) -> bool| -> Vec<title_train::TitleExample> {
        pages
            .iter()
            .filter(|p| keep(p))
            .filter_map(|p| {
                let gold = p.cands.iter().position(|c| p.right(c.0))?;
                (p.cands.len() > 1).then(|| title_train::TitleExample {
                    cands: p.cands.iter().map(|c| c.1.clone()).collect(),
                    gold,
                })
            })
            .collect()
    };
    let best = |m: &title::TitleModel, p: &Page| {
        let mut b: Option<(f32, usize)> = None;
        for (i, f) in &p.eval {
            let s: f32 = f.iter().map(|&(k, v)| m.w[k as usize] * v).sum();
            if b.is_none_or(|x| s > x.0) {
                b = Some((s, *i));
            }
        }
        b.map(|x| x.1)
    };
    // (pages, reachable, rule right, learned right) per source.
    let mut tally: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let rule = title_train::rule();
    for k in 0..5 {
        let m = title_train::train(&examples(&|p: &Page| fold(&p.site) != k), epochs, rate, l2);
        for p in pages.iter().filter(|p| fold(&p.site) == k) {
            let t = tally.entry(p.source.clone()).or_default();
            t[0] += 1;
            t[1] += usize::from(p.eval.iter().any(|c| p.right(c.0)));
            t[2] += usize::from(best(&rule, p).is_some_and(|i| p.right(i)));
            t[3] += usize::from(best(&m, p).is_some_and(|i| p.right(i)));
            if why {
                let lt =
                    |i: usize| p.text[p.lines[i].span.clone()].chars().take(80).collect::<String>();
                let pick = best(&m, p);
                let bucket = match p.region {
                    _ if pick.is_some_and(|i| p.right(i)) => "ok".to_string(),
                    None => "no-region".to_string(),
                    Some(_) if p.eval.iter().any(|c| p.right(c.0)) => "scored".to_string(),
                    Some((lo, _, _)) if p.gold < lo => "above-lo".to_string(),
                    Some((_, _, end)) if p.gold >= end => "below-end".to_string(),
                    Some(_) => format!(
                        "not-cand:{}",
                        title_train::title_like_reject(&lt(p.gold)).unwrap_or("dup")
                    ),
                };
                let (lo, first, end) = p.region.unwrap_or((0, 0, 0));
                eprintln!(
                    "WHY\t{bucket}\t{}\tgold {} start {:?} region {lo}..{end} first {first} ncand {}\t{:?}\t{:?}",
                    p.id,
                    p.gold,
                    p.gold_start,
                    p.cands.len(),
                    lt(p.gold),
                    pick.map(lt)
                );
            }
            if misses
                && !best(&m, p).is_some_and(|i| p.right(i))
                && p.eval.iter().any(|c| p.right(c.0))
            {
                let lt =
                    |i: usize| p.text[p.lines[i].span.clone()].chars().take(90).collect::<String>();
                eprintln!("MISS gold: {:?}\n     pick: {:?}", lt(p.gold), best(&m, p).map(lt));
            }
        }
    }
    let mut report = String::from(
        "# title accuracy, 5-fold cross-validation by site (pages with a gold title)\n",
    );
    let mut all = [0usize; 4];
    for (src, t) in &tally {
        for (a, b) in all.iter_mut().zip(t) {
            *a += b;
        }
        let pct = |x: usize| x as f64 / t[0].max(1) as f64;
        let _ = writeln!(
            report,
            "{src:8} pages {:4}  gold among candidates {:.3}  rule {:.3}  learned {:.3}",
            t[0],
            pct(t[1]),
            pct(t[2]),
            pct(t[3])
        );
    }
    let pct = |x: usize| x as f64 / all[0].max(1) as f64;
    let _ = writeln!(
        report,
        "{:8} pages {:4}  gold among candidates {:.3}  rule {:.3}  learned {:.3}",
        "all",
        all[0],
        pct(all[1]),
        pct(all[2]),
        pct(all[3])
    );
    let m = title_train::train(&examples(&|_| true), epochs, rate, l2);
    if let Some(o) = &out {
        std::fs::write(o, seg_model::title_to_text(&m)).map_err(|e| Error::io(o, &e))?;
        let _ = writeln!(report, "wrote {o}");
    }
    print(&report)
}
