#!/usr/bin/env python3
"""Where a split's body character F1 is lost: how concentrated the errors are, and F1 by how
much of each paste its gold calls article. Reporting only: it changes nothing, so it may run on
a test split (decisions stay on dev).

    cargo build --release -p clipmark-lab
    python3 scripts/eval/seg_breakdown.py GOLD.jsonl [--pred PRED.jsonl] [--lab target/release/clipmark-lab] [--model FILE]

The scorer is the lab's: `clipmark-lab eval-seg GOLD.jsonl --counts` gives each page's body
character counts (true and false positives, false negatives, and the characters of its gold
lines), with the same line alignment and conventions as its printed figures (title and meta
count as body on dragnet pages). Without --pred, the pages are labelled by the built-in models
(or the segmentation model --model FILE), as `clipmark analyze` labels them; with it, PRED.jsonl
holds `{"id", "lines": [{"start", "end", "label"}]}` records (code points), as `clipmark-lab
train-seg --oof` writes them, and the pages it has no record for are left out. Prints, per
source (the gold's `source`; `seeds` when it has none) and in all: pooled F1, the share of all
wrong characters held by the worst 1, 5, 10 and 40 pages, and F1 over the pages whose gold body
is at least 50 / 80 / 90 % of their line characters against the rest. No page text or id is
printed.
"""
import argparse
import collections
import json

from lab_counts import DEFAULT_LAB, body_f1, run, tpfpfn


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
    ap.add_argument("--lab", default=DEFAULT_LAB, help="the clipmark-lab binary (`eval-seg`)")
    ap.add_argument("--model", help="without --pred: a segmentation model file instead of the built-in one")
    a = ap.parse_args()
    if a.pred and a.model:
        ap.error("--model labels the pages; --pred gives their labels: not both")
    args = ["eval-seg", a.gold] + (["--pred", a.pred] if a.pred else []) + (["--model", a.model] if a.model else [])
    _, records = run(a.lab, args)
    with open(a.gold, encoding="utf-8") as f:
        sources = [json.loads(line).get("source") for line in f if line.strip()]
    by = collections.defaultdict(list)
    for r, source in zip(records, sources):
        if not r["predicted"]:
            continue
        row = tpfpfn(r["body_chars"]) + (r["chars"],)
        by[source or r["source"]].append(row)
        by["all"].append(row)
    for name in sorted(by):
        report(name, by[name])


if __name__ == "__main__":
    main()
