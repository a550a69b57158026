#!/usr/bin/env python3
"""Splits data/ner-pages/dev-pages.jsonl into 4 folds by site for a cross-validation over the
labelled pages (docs/evaluation.md): writes OUT/train{i}.jsonl (the other folds' pages,
for `clipmark-lab train-ner --pages`) and OUT/test{i}.jsonl (for
`clipmark-lab eval-ner --jsonl ... --page-texts`).

    python3 scripts/eval/ner_pages_cv.py data/ner-pages/dev-pages.jsonl $D/articles/dev.jsonl /tmp/cv

A page's site is the `site` of its record in the articles file (123 sites for the 216 pages).
Sites are taken largest first (ties by the MD5 of the name) and each goes to the fold with the
fewest pages so far, so every fold has 54 pages and no site is in two folds. Deterministic.
Score each fold's model on its test file and pool the counts (gold, found, correct) over the
four folds.
"""
import collections
import hashlib
import json
import os
import sys


def main():
    pages_path, articles_path, out = sys.argv[1:4]
    site = {}
    for line in open(articles_path, encoding="utf-8"):
        r = json.loads(line)
        site[r["id"]] = r.get("site")
    pages = [json.loads(line) for line in open(pages_path, encoding="utf-8")]
    by_site = collections.defaultdict(list)
    for p in pages:
        by_site[site.get(p["id"]) or p["id"]].append(p)
    order = sorted(by_site, key=lambda s: (-len(by_site[s]), hashlib.md5(s.encode()).hexdigest()))
    folds, sizes = [[] for _ in range(4)], [0] * 4
    for s in order:
        f = min(range(4), key=lambda i: sizes[i])
        folds[f].append(s)
        sizes[f] += len(by_site[s])
    os.makedirs(out, exist_ok=True)
    for i in range(4):
        test = [p for s in folds[i] for p in by_site[s]]
        train = [p for j in range(4) if j != i for s in folds[j] for p in by_site[s]]
        with open(os.path.join(out, f"test{i}.jsonl"), "w", encoding="utf-8") as f:
            f.writelines(json.dumps(p) + "\n" for p in test)
        with open(os.path.join(out, f"train{i}.jsonl"), "w", encoding="utf-8") as f:
            f.writelines(json.dumps(p) + "\n" for p in train)
        print(f"fold {i}: {len(test)} test pages, {len(train)} training pages, {len(folds[i])} sites", file=sys.stderr)


main()
