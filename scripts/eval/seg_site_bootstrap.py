"""Out-of-fold body character F1 per source with a bootstrap over sites (dev only).

Usage: python3 scripts/eval/seg_site_bootstrap.py GOLD.jsonl OOF.jsonl
OOF.jsonl is `clipmark-lab train-seg ... --oof OOF.jsonl` output. Prints, per source, the pooled
F1 (scoring.py's body_counts, which follows the reference scorer `clipmark-lab eval-seg`: title
and meta count as body on dragnet pages), the 2.5/50/97.5
percentiles of the pooled F1 over 2,000 resamples of the sites (with replacement, a site's
pages together), and the mean of the per-site F1s: how far a site-disjoint split of the same
kind of pages may move the figure by the luck of which sites it draws.
"""
import collections
import json
import random
import sys

from scoring import body_counts

gold = {}
for l in open(sys.argv[1]):
    d = json.loads(l); gold[d['id']] = d
pred = {}
for l in open(sys.argv[2]):
    d = json.loads(l); pred[d['id']] = d['lines']
per = collections.defaultdict(list)  # (source) -> list of (site, tp, fp, fn)
for i, g in gold.items():
    if i not in pred: continue
    tp, fp, fn, _ = body_counts(g, pred[i])
    per[g['source'][:5]].append((g['site'], tp, fp, fn))
random.seed(1)
for src, rows in per.items():
    f = lambda rs: 2*sum(r[1] for r in rs)/max(1, 2*sum(r[1] for r in rs)+sum(r[2] for r in rs)+sum(r[3] for r in rs))
    sites = collections.defaultdict(list)
    for r in rows: sites[r[0]].append(r)
    keys = list(sites)
    bs = []
    for _ in range(2000):
        rs = [r for k in random.choices(keys, k=len(keys)) for r in sites[k]]
        bs.append(f(rs))
    bs.sort()
    macro = sum(f(v) for v in sites.values())/len(sites)
    print(src, 'pooled', round(f(rows),4), 'site-bootstrap 2.5/50/97.5%', round(bs[50],4), round(bs[1000],4), round(bs[1950],4), 'site-macro', round(macro,4), 'sites', len(keys))
