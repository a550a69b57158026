#!/usr/bin/env python3
"""How far a test figure can be trusted: entity F1 with a 95 % bootstrap interval, resampling
whole documents (CoNLL `-DOCSTART-` documents, or pages of a JSONL gold file).

    cargo build --release && cargo build --release -p clipmark-lab
    python3 scripts/eval/ner_bootstrap.py CONLL_FILE [--lab target/release/clipmark-lab] [--model F]
    python3 scripts/eval/ner_bootstrap.py --jsonl GOLD.jsonl [--clipmark target/release/clipmark]   (built-in model)

CoNLL: tags the file with `clipmark-lab tag --conll` and scores exact spans and types per
sentence. JSONL: runs `clipmark analyze` on each page's text and scores its PER/ORG/LOC/MISC
entities against the gold's (code-point offsets). Both with scoring.py, the counting of the
reference scorer `clipmark-lab eval-ner` (FILE, and `--jsonl`; the F1 matched `eval-ner
--jsonl` on zyte-dev-8, zyte-test-8 and zyte-test-8b). Reporting only: it changes nothing, so
it may run on a test split.
"""
import argparse
import json
import random
import subprocess

from scoring import NAMES, counts, f1, spans


def conll_counts(a):
    cmd = [a.lab, "tag", "--conll", a.file] + (["--model", a.model] if a.model else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    docs, cur, w, g, p = [], [0, 0, 0], [], [], []

    def close_sentence():
        if g:
            for k, n in enumerate(counts(spans(g), spans(p))):
                cur[k] += n
        g.clear()
        p.clear()

    for line in out.split("\n"):
        if line.startswith("-DOCSTART-"):
            close_sentence()
            if any(cur):
                docs.append(tuple(cur))
            cur = [0, 0, 0]
            continue
        if not line.strip():
            close_sentence()
            continue
        f = line.split()
        g.append(f[-2])
        p.append(f[-1])
    close_sentence()
    if any(cur):
        docs.append(tuple(cur))
    return docs


def jsonl_counts(a):
    docs = []
    with open(a.jsonl, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            cmd = [a.clipmark, "analyze", "-"]
            r = subprocess.run(cmd, input=d["text"].encode(), capture_output=True, check=True)
            ents = json.loads(r.stdout)["entities"]
            pred = {(e["start"], e["end"], e["label"]) for e in ents if e["label"] in NAMES}
            gold = {(e["start"], e["end"], e["label"]) for e in d["entities"] if e["label"] in NAMES}
            docs.append(counts(gold, pred))
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?")
    ap.add_argument("--jsonl")
    ap.add_argument("--clipmark", default="target/release/clipmark", help="for --jsonl: `analyze`")
    ap.add_argument("--lab", default="target/release/clipmark-lab", help="for a CoNLL file: `tag --conll`")
    ap.add_argument("--model")
    ap.add_argument("--samples", type=int, default=2000)
    a = ap.parse_args()
    if bool(a.file) == bool(a.jsonl):
        ap.error("give a CoNLL file or --jsonl GOLD.jsonl")
    if a.jsonl and a.model:
        ap.error("--model works with a CoNLL file only (`analyze` uses the built-in model)")
    docs = jsonl_counts(a) if a.jsonl else conll_counts(a)
    tot = [sum(d[k] for d in docs) for k in range(3)]
    rng = random.Random(1)
    fs = []
    for _ in range(a.samples):
        s = [0, 0, 0]
        for _ in docs:
            d = docs[rng.randrange(len(docs))]
            for k in range(3):
                s[k] += d[k]
        fs.append(f1(*s))
    fs.sort()
    lo, hi = fs[int(0.025 * len(fs))], fs[int(0.975 * len(fs)) - 1]
    print(f"{len(docs)} documents, {tot[0] + tot[2]} gold names: F1 {f1(*tot):.2f}, "
          f"95% bootstrap interval over documents {lo:.2f}-{hi:.2f} ({a.samples} samples)")


if __name__ == "__main__":
    main()
