#!/usr/bin/env python3
"""Writes data/lexicon/brands.tsv: organisation names (companies, platforms, media) as
`COMPANY<TAB>name` gazetteer lines for `clipmark-lab train-ner --gazetteer`.

Run by hand (not at build or test time):

    cd /tmp && npm pack simple-icons@16.37.0 simple-icons@5.24.0
    pip download --no-deps spacy-lookups-data==1.0.5 -d /tmp/pipdl
    python3 scripts/data/brands.py /tmp/simple-icons-16.37.0.tgz /tmp/simple-icons-5.24.0.tgz \
        --probs /tmp/pipdl/spacy_lookups_data-1.0.5-py2.py3-none-any.whl \
        --places data/lexicon/geonames.tsv > data/lexicon/brands.tsv

Source: the npm package `simple-icons` (data CC0-1.0): the brand titles of version 16.37.0
and of 5.24.0 (older versions keep brands that later asked to be removed, such as Twitter and
LinkedIn). Names written after the CoNLL-2003 news (Uber, Airbnb, Instagram, WhatsApp) are
what the tagger otherwise reads as people or places.

Brand titles are also products and common words, so a title is kept only if
- it starts with a capital or a digit and has a letter;
- every word of it is written capitalised at least exp(-0.5) = 61% as often as in lower case
  in spaCy's English word probabilities (spacy-lookups-data 1.0.5, MIT, from web text where
  `twitter` and `uber` are often lower case; a word missing there counts as a name):
  `Twitter`, `Uber`, `Amazon` stay, `Origin`, `Current`, `Word` go;
- no word of it is a place in the GeoNames gazetteer (`Jordan`, `Georgia`).
Output sorted, so the file is reproducible.
"""

import argparse
import gzip
import io
import json
import re
import sys
import tarfile
import zipfile


def titles(tgz):
    with tarfile.open(tgz) as t:
        for m in t.getmembers():
            if m.name.endswith("simple-icons.json") and "/data/" in m.name or m.name.endswith("_data/simple-icons.json"):
                data = json.load(t.extractfile(m))
                icons = data["icons"] if isinstance(data, dict) else data
                return [i["title"] for i in icons]
    raise SystemExit(f"{tgz}: no simple-icons.json")


def probs(whl):
    with zipfile.ZipFile(whl) as z:
        with z.open("spacy_lookups_data/data/en_lexeme_prob.json.gz") as f:
            return json.load(io.TextIOWrapper(gzip.GzipFile(fileobj=f), encoding="utf-8"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("packages", nargs="+")
    ap.add_argument("--probs", required=True)
    ap.add_argument("--places", required=True)
    ap.add_argument("--margin", type=float, default=0.5,
                    help="keep a word written capitalised at least exp(-margin) times as often as in lower case")
    a = ap.parse_args()
    prob = probs(a.probs)
    places = set()
    for line in open(a.places, encoding="utf-8"):
        if "\t" in line and not line.startswith("#"):
            for w in line.rstrip("\n").split("\t", 1)[1].split():
                places.add(w.lower())
    floor = -30.0

    def capitalised(w):
        lw = w.lower()
        return prob.get(w, floor) >= prob.get(lw, floor) - a.margin if w != lw else False

    keep = set()
    for pkg in a.packages:
        for t in titles(pkg):
            t = t.strip()
            words = re.findall(r"[^\W_]+", t)
            if not words or not (t[0].isupper() or t[0].isdigit()) or not re.search(r"[^\W\d_]", t):
                continue
            if all(w[:1].isupper() or w.isdigit() for w in words) and all(capitalised(w) or w.isdigit() for w in words if not w.isdigit()) \
                    and not any(w.lower() in places for w in words):
                keep.add(t)
    out = sys.stdout
    # The header line names the script's old path (scripts/brands.py): that is the committed file's first
    # line, kept as is so that a rebuild is byte-identical.
    out.write("# Brand names from simple-icons (CC0-1.0) " + ", ".join(p.rsplit("/", 1)[-1] for p in a.packages)
              + ", filtered with spacy-lookups-data word probabilities; made by scripts/brands.py\n")
    for t in sorted(keep):
        out.write(f"COMPANY\t{t}\n")


main()
