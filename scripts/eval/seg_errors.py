#!/usr/bin/env python3
"""Where the segmenter loses characters, page by page: an error listing for dev work.

    target/release/clipmark-lab train-seg $D/articles/dev.jsonl --seeds $D/seeds/gold.jsonl \
        -o /tmp/seg.model --oof /tmp/oof.jsonl --oof-body
    python3 scripts/eval/seg_errors.py $D/articles/dev.jsonl /tmp/oof.jsonl [--top 40] [--show ID] [--lab BIN]

Prints the pooled body character F1 of the predictions, then the pages with the most wrong
characters: (wrong, FP = boilerplate called body, FN = body missed), the page's true positives
('tp 0': the article was not found at all), id, source, site, lines, and the running share of
all errors. `--show ID` prints that page's lines instead, marked G (gold body) and P
(predicted body). Use it on dev only: the test split is for reporting. Pages the predictions
have no record for are left out.

The scorer is the lab's: `clipmark-lab eval-seg GOLD --pred OOF --counts` gives each page's body
character counts and which gold lines its prediction counts as body (same line alignment and
conventions as its printed figures: title and meta count as body on dragnet pages).
"""
import argparse
import json

from lab_counts import DEFAULT_LAB, body_f1, run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--show")
    ap.add_argument("--lab", default=DEFAULT_LAB, help="the clipmark-lab binary (`eval-seg`)")
    a = ap.parse_args()
    with open(a.gold, encoding="utf-8") as f:
        gold = [json.loads(line) for line in f if line.strip()]
    _, records = run(a.lab, ["eval-seg", a.gold, "--pred", a.pred])
    pages = [(g, r) for g, r in zip(gold, records) if r["predicted"]]
    if a.show:
        for g, r in pages:
            if g["id"] == a.show:
                t = g["text"]
                for i, (x, p) in enumerate(zip(g["lines"], r["pred_body"])):
                    mark = ("G" if x["label"] == "body" else ".") + ("P" if p == "1" else ".")
                    print(i, mark, t[x["start"]:x["end"]][:110])
                return
        raise SystemExit(f"seg_errors: no page {a.show!r} in both files")
    rows, TP, FP, FN = [], 0, 0, 0
    for g, r in pages:
        c = r["body_chars"]
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        TP, FP, FN = TP + tp, FP + fp, FN + fn
        rows.append((fp + fn, fp, fn, tp, g["id"], g.get("source"), g.get("site"), len(g["lines"])))
    rows.sort(reverse=True)
    err = FP + FN
    print("pooled body char F1 %.4f  wrong %d  FP %d  FN %d" % (body_f1(TP, FP, FN), err, FP, FN))
    cum = 0
    for r in rows[: a.top]:
        cum += r[0]
        print(r[:3], "tp", r[3], r[4:], "cum %.2f" % (cum / max(1, err)))


if __name__ == "__main__":
    main()
