#!/usr/bin/env python3
"""F1 on the names a training file never shows: how a model does on new names, the part of
CoNLL-2003 test where it falls most behind dev (68 % of dev's names also occur as names in
train.txt). A diagnostic for dev work, not a target; use it on dev, not on test.

    cargo build --release -p clipmark-lab
    python3 scripts/eval/ner_unseen.py TRAIN.conll DEV.conll [--lab target/release/clipmark-lab] [--model FILE]

The scorer is the lab's: `clipmark-lab eval-ner DEV --seen TRAIN` tags DEV (the built-in
model, or --model FILE) and scores, with exact span and type per sentence (conlleval), the gold
and predicted names whose words never form a name in TRAIN (tags IOB1 or IOB2 in the last
column) apart from the rest; this script sums its per-document counts (`--counts`) and prints
how many dev names are unseen, and precision, recall and F1 on them and on the rest.
"""
import argparse

from lab_counts import DEFAULT_LAB, prf, run, total, tpfpfn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("dev")
    ap.add_argument("--lab", default=DEFAULT_LAB, help="the clipmark-lab binary")
    ap.add_argument("--model")
    a = ap.parse_args()
    args = ["eval-ner", a.dev, "--seen", a.train] + (["--model", a.model] if a.model else [])
    _, records = run(a.lab, args)
    counts = {new: total(tpfpfn(r["unseen" if new else "seen"]) for r in records) for new in (True, False)}
    total_gold = sum(c[0] + c[2] for c in counts.values())
    for new, name in ((True, "unseen"), (False, "seen")):
        tp, fp, fn = counts[new]
        p, r, f = prf(tp, fp, fn)
        print(f"{name:6} names {tp + fn:5} of {total_gold} ({100 * (tp + fn) / total_gold:.1f} %): precision {p:.2f} recall {r:.2f} F1 {f:.2f}")


if __name__ == "__main__":
    main()
