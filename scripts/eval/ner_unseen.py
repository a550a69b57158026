#!/usr/bin/env python3
"""F1 on the names a training file never shows: how a model does on new names, the part of
CoNLL-2003 test where it falls most behind dev (68 % of dev's names also occur as names in
train.txt). A diagnostic for dev work, not a target; use it on dev, not on test.

    cargo build --release -p clipmark-lab
    python3 scripts/eval/ner_unseen.py TRAIN.conll DEV.conll [--lab target/release/clipmark-lab] [--model FILE]

Tags DEV with `clipmark-lab tag --conll` (the built-in model, or --model FILE) and scores, with
exact span and type per sentence, only the gold and predicted names whose words never form a
name in TRAIN (tags IOB1 or IOB2 in the last column). Prints how many dev names are unseen,
and precision, recall and F1 on them and on the rest. The scorer is scoring.py's, the counting
of the reference scorer `clipmark-lab eval-ner FILE` (conlleval: exact span and type per
sentence), applied to the two subsets of names.
"""
import argparse
import subprocess

from scoring import chunks, iob2, prf


def read(lines, col):
    """Sentences as (words, tags of column `col`)."""
    sents, w, g = [], [], []
    for line in lines:
        line = line.rstrip("\n")
        if not line or line.startswith("-DOCSTART-"):
            if w:
                sents.append((w, g))
                w, g = [], []
            continue
        f = line.split()
        w.append(f[0])
        g.append(f[col])
    if w:
        sents.append((w, g))
    return sents


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("dev")
    ap.add_argument("--lab", default="target/release/clipmark-lab", help="the clipmark-lab binary")
    ap.add_argument("--model")
    a = ap.parse_args()
    with open(a.train, encoding="utf-8") as f:
        seen = {" ".join(w[s:e]) for w, g in read(f, -1) for s, e, _ in chunks(iob2(g))}
    cmd = [a.lab, "tag", "--conll", a.dev] + (["--model", a.model] if a.model else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
    counts = {True: [0, 0, 0], False: [0, 0, 0]}
    for (w, g), (_, p) in zip(read(out, -2), read(out, -1)):
        gold, pred = set(chunks(iob2(g))), set(chunks(iob2(p)))
        for new in (True, False):
            keep = lambda c: (" ".join(w[c[0]:c[1]]) not in seen) == new
            G, P = {c for c in gold if keep(c)}, {c for c in pred if keep(c)}
            counts[new][0] += len(G & P)
            counts[new][1] += len(P - G)
            counts[new][2] += len(G - P)
    total = sum(c[0] + c[2] for c in counts.values())
    for new, name in ((True, "unseen"), (False, "seen")):
        tp, fp, fn = counts[new]
        p, r, f = prf(tp, fp, fn)
        print(f"{name:6} names {tp + fn:5} of {total} ({100 * (tp + fn) / total:.1f} %): precision {p:.2f} recall {r:.2f} F1 {f:.2f}")


if __name__ == "__main__":
    main()
