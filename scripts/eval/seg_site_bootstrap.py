"""Out-of-fold body character F1 per source with a bootstrap over sites (dev only).

Usage: python3 scripts/eval/seg_site_bootstrap.py GOLD.jsonl OOF.jsonl [LAB]
OOF.jsonl is `clipmark-lab train-seg ... --oof OOF.jsonl` output; LAB the clipmark-lab binary
(default target/release/clipmark-lab). The scorer is the lab's: `clipmark-lab eval-seg GOLD
--pred OOF --counts` gives each page's body character counts (title and meta count as body on
dragnet pages); pages OOF has no record for are left out. Prints, per source (the first five
letters of the gold's `source`), the pooled F1, the 2.5/50/97.5 percentiles of the pooled F1
over 2,000 resamples of the sites (with replacement, a site's pages together), and the mean of
the per-site F1s: how far a site-disjoint split of the same kind of pages may move the figure
by the luck of which sites it draws.
"""
import collections
import json
import random
import sys

from lab_counts import DEFAULT_LAB, run, tpfpfn

lab = sys.argv[3] if len(sys.argv) > 3 else DEFAULT_LAB
gold = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
_, records = run(lab, ['eval-seg', sys.argv[1], '--pred', sys.argv[2]])
per = collections.defaultdict(list)  # (source) -> list of (site, tp, fp, fn)
for g, r in zip(gold, records):
    if not r['predicted']: continue
    per[(g.get('source') or r['source'])[:5]].append((r['site'],) + tpfpfn(r['body_chars']))
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
