#!/usr/bin/env python3
"""Writes data/lexicon/faker-names.tsv: international person-name gazetteer lines
(`FIRST<TAB>name`, `LAST<TAB>name`) for `clipmark train-ner --gazetteer`, from the person
providers of every locale of the PyPI package `Faker` (MIT licence; the name lists ship inside
the package, `faker/providers/person/<locale>/__init__.py`). Measured on branch `nerkb`
(session 8, docs/ner.md) and not kept: CoNLL-2003 dev unchanged, the tuning pages down, so the
file is not committed and the model does not use it.

Run by hand (not at build or test time):

    pip download --no-deps faker==40.63.0 spacy-lookups-data==1.0.5 -d /tmp/pipdl
    python3 scripts/faker_names.py /tmp/pipdl/faker-40.63.0-py3-none-any.whl \
        --probs /tmp/pipdl/spacy_lookups_data-1.0.5-py2.py3-none-any.whl \
        --known data/lexicon/names.tsv > data/lexicon/faker-names.tsv

What is kept:
- single words in Latin script (accents allowed; `-` and `'` inside), from every attribute
  of a locale's person provider named first_names*, last_names* or *romanized* (ja_JP, zh_CN,
  zh_TW give romanised names); Cyrillic names of ru_RU, uk_UA, bg_BG are transliterated
  (a plain English-style table: Шевченко -> Shevchenko), since news in English spells them so;
- a word written capitalised at least exp(-0.5) = 61% as often as in lower case in spaCy's
  English word probabilities (spacy-lookups-data 1.0.5, MIT; a word missing there counts as a
  name), as scripts/brands.py does: `Will`, `Rose`, `Long` go;
- not already in the same category of `--known` (the US Census lists), so the file holds only
  what is new.
Output sorted, so the file is reproducible.
"""

import argparse
import gzip
import importlib
import io
import json
import os
import re
import sys
import tempfile
import zipfile

CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
               ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
                "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g"]))
CYR_LOCALES = ("ru_RU", "uk_UA", "bg_BG")
WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def translit(w):
    out = "".join(CYR.get(c.lower(), c) for c in w)
    return out[:1].upper() + out[1:]


def latin(w):
    return all(ord(c) < 0x250 or c in "'’-" for c in w)


def probs(whl):
    with zipfile.ZipFile(whl) as z:
        with z.open("spacy_lookups_data/data/en_lexeme_prob.json.gz") as f:
            return json.load(io.TextIOWrapper(gzip.GzipFile(fileobj=f), encoding="utf-8"))


def names(whl):
    """(category, name) pairs from every locale's person provider."""
    tmp = tempfile.mkdtemp()
    with zipfile.ZipFile(whl) as z:
        z.extractall(tmp)
    sys.path.insert(0, tmp)
    base = os.path.join(tmp, "faker", "providers", "person")
    for loc in sorted(os.listdir(base)):
        if loc.startswith("_") or not os.path.isdir(os.path.join(base, loc)):
            continue
        try:
            prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except Exception as e:  # a locale that needs more than the standard library
            print(f"# skipped {loc}: {e}", file=sys.stderr)
            continue
        for attr in sorted(dir(prov)):
            m = re.match(r"(first|last)_(?:romanized_)?names?(?:_\w+)?$", attr) or re.match(r"(first|last)_romanized", attr)
            if not m:
                continue
            v = getattr(prov, attr)
            if isinstance(v, dict):
                v = list(v.keys())
            if not isinstance(v, (list, tuple)):
                continue
            cat = "FIRST" if m.group(1) == "first" else "LAST"
            for w in v:
                if not isinstance(w, str):
                    continue
                w = w.strip()
                if loc in CYR_LOCALES and not latin(w):
                    w = translit(w)
                if WORD.match(w) and latin(w) and w[0].isupper():
                    yield cat, w


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("faker")
    ap.add_argument("--probs", required=True)
    ap.add_argument("--known", action="append", default=[])
    ap.add_argument("--margin", type=float, default=0.5)
    a = ap.parse_args()
    prob = probs(a.probs)
    floor = -30.0

    def capitalised(w):
        lw = w.lower()
        return prob.get(w, floor) >= prob.get(lw, floor) - a.margin

    known = set()
    for path in a.known:
        for line in open(path, encoding="utf-8"):
            if "\t" in line and not line.startswith("#"):
                c, p = line.rstrip("\n").split("\t", 1)
                known.add((c, p.lower()))
    keep = set()
    for cat, w in names(a.faker):
        if (cat, w.lower()) in known or not capitalised(w):
            continue
        keep.add((cat, w))
    sys.stdout.write(f"# International person names from PyPI {os.path.basename(a.faker)} (MIT), all locales' person providers, "
                     "filtered with spacy-lookups-data word probabilities; made by scripts/faker_names.py\n")
    for cat, w in sorted(keep):
        sys.stdout.write(f"{cat}\t{w}\n")


main()
