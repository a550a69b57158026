#!/usr/bin/env python3
"""Writes word clusters for `clipmark-lab train-ner --clusters`: lines `word<TAB>fine<TAB>mid<TAB>coarse`
(lower-cased words; 1024 / 256 / 64 clusters, each level a grouping of the one below).

Unlabelled text: the tokens of CoNLL-2003 train (first column; research use only) and the page
texts of ../shared/data/articles/dev.jsonl (Zyte benchmark, MIT; Dragnet, AGPLv3; research
use). Method: each word of the 50,000 most frequent (count >= 3) is described by positive PMI
with its left and right neighbours among the 1,000 most frequent words, reduced to 100
dimensions (eigenvectors of the context Gram matrix), and clustered by k-means (fixed seed)
into 1024 clusters, whose centroids are clustered into 256, then 64.

    pip install numpy
    python3 scripts/data/word_clusters.py ../shared/data/conll2003/train.txt ../shared/data/articles/dev.jsonl > data/lexicon/clusters.tsv
"""
import json
import re
import sys
from collections import Counter

import numpy as np

TOKEN = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")


def sentences(paths):
    for path in paths:
        if path.endswith(".jsonl"):
            for line in open(path, encoding="utf-8"):
                d = json.loads(line)
                for para in d.get("text", "").split("\n"):
                    toks = TOKEN.findall(para.lower())
                    if toks:
                        yield toks
        else:
            sent = []
            for line in open(path, encoding="utf-8"):
                cols = line.split()
                if not cols or cols[0] == "-DOCSTART-":
                    if sent:
                        yield sent
                    sent = []
                else:
                    sent.append(cols[0].lower())
            if sent:
                yield sent


def kmeans(x, k, seed, iters=25, w=None):
    rng = np.random.default_rng(seed)
    c = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iters):
        d = (x * x).sum(1)[:, None] - 2 * x @ c.T + (c * c).sum(1)[None, :]
        a = d.argmin(1)
        for j in range(k):
            m = a == j
            if m.any():
                c[j] = x[m].mean(0) if w is None else (x[m] * w[m, None]).sum(0) / w[m].sum()
    return a, c


def main():
    sents = list(sentences(sys.argv[1:]))
    counts = Counter(t for s in sents for t in s)
    vocab = [w for w, n in counts.most_common(50000) if n >= 3]
    idx = {w: i for i, w in enumerate(vocab)}
    nctx = 1000
    rows, cols = [], []
    for s in sents:
        ids = [idx.get(t, -1) for t in s]
        for i, a in enumerate(ids):
            if a < 0:
                continue
            left = ids[i - 1] if i > 0 else -2
            right = ids[i + 1] if i + 1 < len(ids) else -2
            # Context columns: 0..nctx-1 left word, nctx..2nctx-1 right word, 2nctx / 2nctx+1 sentence edges.
            if 0 <= left < nctx:
                rows.append(a); cols.append(left)
            elif left == -2:
                rows.append(a); cols.append(2 * nctx)
            if 0 <= right < nctx:
                rows.append(a); cols.append(nctx + right)
            elif right == -2:
                rows.append(a); cols.append(2 * nctx + 1)
    v, c = len(vocab), 2 * nctx + 2
    m = np.bincount(np.array(rows) * c + np.array(cols), minlength=v * c).reshape(v, c).astype(np.float64)
    total = m.sum()
    pw = m.sum(1, keepdims=True) / total
    pc = m.sum(0, keepdims=True) ** 0.75
    pc /= pc.sum()
    with np.errstate(divide="ignore"):
        pmi = np.log(np.maximum(m / total, 1e-300) / (pw * pc))
    ppmi = np.where(m > 0, np.maximum(pmi, 0), 0).astype(np.float32)
    gram = ppmi.T @ ppmi
    evals, evecs = np.linalg.eigh(gram)
    e = ppmi @ evecs[:, -100:]
    e /= np.linalg.norm(e, axis=1, keepdims=True) + 1e-9
    fine, cf = kmeans(e, 1024, 1)
    sizes = np.bincount(fine, minlength=1024).astype(np.float32) + 1e-3
    mid_of, cm = kmeans(cf, 256, 2, w=sizes)
    coarse_of, _ = kmeans(cm, 64, 3)
    out = sys.stdout
    for w in sorted(vocab):
        f = fine[idx[w]]
        out.write(f"{w}\t{f}\t{mid_of[f]}\t{coarse_of[mid_of[f]]}\n")


main()
