#!/usr/bin/env python3
"""Where a split's body character F1 is lost: how concentrated the errors are, and F1 by how
much of each paste its gold calls article. Reporting only: it changes nothing, so it may run on
a test split (decisions stay on dev).

    cargo build --release
    python3 scripts/eval/seg_breakdown.py GOLD.jsonl [--pred PRED.jsonl] [--clipmark target/release/clipmark]

Without --pred, every page's text goes through `clipmark analyze` (the built-in models) and its
blocks are the prediction; with it, PRED.jsonl holds `{"id", "lines": [{"start", "end",
"label"}]}` records (code points), as `clipmark-lab train-seg --oof` writes them. Gold lines are
scored by scoring.py's body_counts, which follows the reference scorer `clipmark-lab eval-seg`
(same line alignment; title and meta count as body on dragnet pages). Prints, per
source and in all: pooled F1, the share of all wrong characters held by the worst 1, 5, 10 and
40 pages, and F1 over the pages whose gold body is at least 50 / 80 / 90 % of their line
characters against the rest. No page text or id is printed.
"""
import argparse
import collections
import json
import subprocess

from scoring import body_counts, body_f1


def predict(clipmark, text):
    r = subprocess.run([clipmark, "analyze", "-"], input=text.encode(), capture_output=True, check=True)
    return [{"start": b["start"], "end": b["end"], "label": b["label"]} for b in json.loads(r.stdout)["blocks"]]


def f1(rows):
    return body_f1(*(sum(r[k] for r in rows) for k in range(3)))


def report(name, rows):
    wrong = sorted((r[1] + r[2] for r in rows), reverse=True)
    total = sum(wrong) or 1
    tops = ", ".join(f"{k}: {sum(wrong[:k]) / total:.2f}" for k in (1, 5, 10, 40))
    print(f"{name}: {len(rows)} pages, body char F1 {f1(rows):.4f}; share of wrong characters in the worst pages {tops}")
    for th in (0.5, 0.8, 0.9):
        hi = [r for r in rows if (r[0] + r[2]) >= th * max(1, r[3])]
        lo = [r for r in rows if (r[0] + r[2]) < th * max(1, r[3])]
        gold = sum(r[0] + r[2] for r in hi) / max(1, sum(r[0] + r[2] for r in rows))
        print(f"  gold body >= {th:.0%} of the page: {len(hi)} pages ({gold:.0%} of gold body chars), F1 {f1(hi):.4f}; other pages F1 {f1(lo):.4f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--pred")
    ap.add_argument("--clipmark", default="target/release/clipmark")
    a = ap.parse_args()
    preds = {}
    if a.pred:
        with open(a.pred, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                preds[d["id"]] = d["lines"]
    by = collections.defaultdict(list)
    with open(a.gold, encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            pred = preds.get(g["id"]) if a.pred else predict(a.clipmark, g["text"])
            if pred is None:
                continue
            row = body_counts(g, pred)
            by[g["source"]].append(row)
            by["all"].append(row)
    for name in sorted(by):
        report(name, by[name])


if __name__ == "__main__":
    main()
