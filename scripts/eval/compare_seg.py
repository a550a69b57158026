#!/usr/bin/env python3
"""Run jusText and trafilatura on the same pasted text as clipmark and score them with the
same scorer (`clipmark-lab eval-seg GOLD --pred PRED`, the reference scorer itself).

Not part of the test suite, and it installs nothing. First:

    pip install justext lxml_html_clean trafilatura

Usage:

    cargo build --release -p clipmark-lab
    python3 scripts/eval/compare_seg.py GOLD.jsonl [--out DIR] [--lab target/release/clipmark-lab]

Each document's `text` is turned into HTML with one `<p>` per line (HTML-escaped), inside a
minimal page. jusText's paragraphs map back to lines one to one (it keeps one paragraph per
`<p>`); a line is `body` when its paragraph is not boilerplate. trafilatura returns a text;
a line is `body` when its whitespace-normalised text is one of the lines of that output (or,
for long lines, contained in it). Predictions are written in the gold line shape
(`{"id", "lines": [{"start", "end", "label"}]}`, code-point offsets of the gold lines) and
then scored by `clipmark-lab eval-seg --per-source --pred`.
"""

import argparse
import html
import json
import os
import subprocess
import sys


def norm(s):
    return " ".join(s.split())


def page(lines):
    body = "\n".join("<p>%s</p>" % html.escape(l) for l in lines)
    return "<html><head><meta charset='utf-8'><title></title></head><body>\n%s\n</body></html>" % body


def justext_labels(lines, stoplist):
    import justext

    paras = justext.justext(page(lines).encode("utf-8"), stoplist, encoding="utf-8")
    # One paragraph per non-empty <p>; match them back in order by text.
    out = [False] * len(lines)
    j = 0
    for p in paras:
        t = norm(p.text)
        while j < len(lines) and norm(lines[j]) != t:
            j += 1
        if j < len(lines):
            out[j] = not p.is_boilerplate
            j += 1
    return out


def trafilatura_labels(lines):
    import trafilatura

    text = trafilatura.extract(page(lines), include_comments=False, include_tables=True, favor_recall=False) or ""
    got = set(norm(l) for l in text.split("\n") if l.strip())
    joined = norm(text)
    return [norm(l) in got or (len(l) > 40 and norm(l) in joined) for l in lines]


def stoplist_for(text):
    import justext

    # jusText needs a language: pick the stoplist with the most hits among common ones.
    words = [w.lower() for w in text.split()[:3000]]
    best, best_hits = "English", -1
    for lang in ["English", "German", "French", "Spanish", "Portuguese", "Italian", "Russian", "Dutch", "Japanese", "Korean", "Chinese"]:
        try:
            sl = justext.get_stoplist(lang)
        except (ValueError, KeyError):
            continue
        hits = sum(1 for w in words if w in sl)
        if hits > best_hits:
            best, best_hits = lang, hits
    return justext.get_stoplist(best)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--out", default="target/compare")
    ap.add_argument("--lab", default="target/release/clipmark-lab", help="the clipmark-lab binary (`eval-seg`)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    base = os.path.splitext(os.path.basename(a.gold))[0]
    files = {k: open(os.path.join(a.out, "%s.%s.jsonl" % (base, k)), "w") for k in ("justext", "trafilatura")}
    for row in open(a.gold, encoding="utf-8"):
        d = json.loads(row)
        t = d["text"]
        lines = [t[x["start"]:x["end"]] for x in d["lines"]]
        sl = stoplist_for(t)
        for k, f in (("justext", lambda: justext_labels(lines, sl)), ("trafilatura", lambda: trafilatura_labels(lines))):
            try:
                lab = f()
            except Exception as e:  # an extractor failing on a page counts as "no body"
                print("%s failed on %s: %s" % (k, d["id"], e), file=sys.stderr)
                lab = [False] * len(lines)
            pred = [{"start": x["start"], "end": x["end"], "label": "body" if b else "boilerplate"} for x, b in zip(d["lines"], lab)]
            files[k].write(json.dumps({"id": d["id"], "lines": pred}) + "\n")
    for f in files.values():
        f.close()
    for k in files:
        print("== %s on %s" % (k, a.gold), flush=True)
        subprocess.run([a.lab, "eval-seg", a.gold, "--per-source", "--pred", os.path.join(a.out, "%s.%s.jsonl" % (base, k))], check=True)


if __name__ == "__main__":
    main()
