#!/usr/bin/env python3
"""How far a test figure can be trusted: entity F1 with a 95 % bootstrap interval, resampling
whole documents (CoNLL `-DOCSTART-` documents, or pages of a JSONL gold file).

    cargo build --release -p clipmark-lab
    python3 scripts/eval/ner_bootstrap.py CONLL_FILE [--lab target/release/clipmark-lab] [--model F]
    python3 scripts/eval/ner_bootstrap.py --jsonl GOLD.jsonl [--lab target/release/clipmark-lab] [--model F]

The scorer is the lab's, `clipmark-lab eval-ner FILE` (or `--jsonl GOLD.jsonl`): the script
asks it for the counts of each document (`--counts`: true and false positives and false
negatives of exact span and type) and only resamples them. CoNLL: the file is tagged by the
built-in model (or --model F) and scored per sentence; documents with no gold and no predicted
name are left out of the resampling. JSONL: each page is analysed as `clipmark analyze` does
and its PER/ORG/LOC/MISC names are scored against the gold's (code-point offsets); every page
counts. Reporting only: it changes nothing, so it may run on a test split.
"""
import argparse
import random

from lab_counts import DEFAULT_LAB, f1, run, tpfpfn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?")
    ap.add_argument("--jsonl")
    ap.add_argument("--lab", default=DEFAULT_LAB, help="the clipmark-lab binary (`eval-ner`)")
    ap.add_argument("--model")
    ap.add_argument("--samples", type=int, default=2000)
    a = ap.parse_args()
    if bool(a.file) == bool(a.jsonl):
        ap.error("give a CoNLL file or --jsonl GOLD.jsonl")
    args = ["eval-ner"] + (["--jsonl", a.jsonl] if a.jsonl else [a.file]) + (["--model", a.model] if a.model else [])
    _, records = run(a.lab, args)
    docs = [tpfpfn(r) for r in records]
    if not a.jsonl:
        docs = [d for d in docs if any(d)]
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
