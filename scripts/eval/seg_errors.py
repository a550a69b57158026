#!/usr/bin/env python3
"""Where the segmenter loses characters, page by page: an error listing for dev work.

    target/release/clipmark-lab train-seg $D/articles/dev.jsonl --seeds $D/seeds/gold.jsonl \
        -o /tmp/seg.model --oof /tmp/oof.jsonl --oof-body
    python3 scripts/eval/seg_errors.py $D/articles/dev.jsonl /tmp/oof.jsonl [--top 40] [--show ID]

Prints the pooled body character F1 of the predictions, then the pages with the most wrong
characters: (wrong, FP = boilerplate called body, FN = body missed), the page's true positives
('tp 0': the article was not found at all), id, source, site, lines, and the running share of
all errors. `--show ID` prints that page's lines instead, marked G (gold body) and P
(predicted body). Use it on dev only: the test split is for reporting.

Scored by scoring.py's body_counts, which follows the reference scorer `clipmark-lab eval-seg`
(same line alignment; title and meta count as body on dragnet pages).
"""
import argparse
import json

from scoring import aligned_labels, body_counts, body_f1, four_class, is_body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--show")
    a = ap.parse_args()
    gold = {}
    with open(a.gold, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            gold[d["id"]] = d
    rows, TP, FP, FN = [], 0, 0, 0
    with open(a.pred, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            g = gold.get(p["id"])
            if g is None:
                continue
            if a.show == g["id"]:
                t, four = g["text"], four_class(g)
                for i, (x, lab) in enumerate(zip(g["lines"], aligned_labels(g, p["lines"]))):
                    mark = ("G" if x["label"] == "body" else ".") + ("P" if is_body(lab, g.get("source"), four) else ".")
                    print(i, mark, t[x["start"]:x["end"]][:110])
                return
            tp, fp, fn, _ = body_counts(g, p["lines"])
            TP, FP, FN = TP + tp, FP + fp, FN + fn
            rows.append((fp + fn, fp, fn, tp, g["id"], g.get("source"), g.get("site"), len(g["lines"])))
    if a.show:
        raise SystemExit(f"seg_errors: no page {a.show!r} in both files")
    rows.sort(reverse=True)
    err = FP + FN
    print("pooled body char F1 %.4f  wrong %d  FP %d  FN %d" % (body_f1(TP, FP, FN), err, FP, FN))
    cum = 0
    for r in rows[: a.top]:
        cum += r[0]
        print(r[:3], "tp", r[3], r[4:], "cum %.2f" % (cum / max(1, err)))


if __name__ == "__main__":
    main()
