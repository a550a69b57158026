#!/usr/bin/env python3
"""Writes data/lexicon/brown.tsv: Brown-cluster paths of English words, for `clipmark-lab train-ner --brown`.

Run by hand (not at build or test time):

    pip download --no-deps spacy-lookups-data==1.0.5 -d /tmp/pipdl
    python3 scripts/data/brown_clusters.py /tmp/pipdl/spacy_lookups_data-1.0.5-py2.py3-none-any.whl

Source: the PyPI package `spacy-lookups-data` 1.0.5 (MIT licence), files
`spacy_lookups_data/data/en_lexeme_cluster.json.gz` (Brown clusters of 1,000,001
case-sensitive words from spaCy v1's English data; 190,129 of them have a cluster) and
`en_lexeme_prob.json.gz` (their log probabilities).

spaCy stores each cluster as an integer whose low bit is the root of the Brown path (the bit
string reversed): path prefixes of length k are `v & ((1 << k) - 1)`, and words sharing low bits
are similar (checked by hand: the low 9 bits of `John` gather John, Paul, Bill, Michael, ...; the
low 7 bits of `said` gather says, asks, explains, ...). Value 0 means "no cluster". This script
writes each path root first, as a string of 0 and 1 (the deepest zeros of a path were lost in
spaCy's integer and cannot be recovered; prefixes are unaffected).

Kept: words with a cluster whose log probability is above `--min-logprob` (default -17: 74,561
words; chosen on CoNLL-2003 dev over -15, -16 and the table's floor -19.5, which keeps 124,513:
dev F1 about the same, the model 0.2 MB smaller gzipped).
Output lines `word<TAB>path`, sorted by word, so the file is reproducible.
"""

import argparse
import gzip
import io
import json
import sys
import zipfile

DATA = "spacy_lookups_data/data/"


def load(source, name):
    """Reads one gzipped JSON table from the wheel (or from an extracted data directory)."""
    if source.endswith(".whl"):
        with zipfile.ZipFile(source) as z:
            raw = z.read(DATA + name)
    else:
        with open(f"{source.rstrip('/')}/{name}", "rb") as f:
            raw = f.read()
    return json.load(io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source", help="spacy_lookups_data wheel, or its extracted data/ directory")
    ap.add_argument("-o", "--output", default="data/lexicon/brown.tsv")
    ap.add_argument("--min-logprob", type=float, default=-17.0)
    args = ap.parse_args()
    clusters = load(args.source, "en_lexeme_cluster.json.gz")
    probs = load(args.source, "en_lexeme_prob.json.gz")
    kept = []
    for word, v in clusters.items():
        if not v or probs.get(word, -99.0) <= args.min_logprob:
            continue
        if not word or any(c in word for c in "\t\n\r "):
            continue
        kept.append((word, bin(v)[2:][::-1]))
    kept.sort()
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        # The header line names the script's old path (scripts/brown_clusters.py): that is the committed file's first
        # line, kept as is so that a rebuild is byte-identical.
        f.write("# Brown clusters from spacy-lookups-data 1.0.5 (MIT), made by scripts/brown_clusters.py\n")
        for word, path in kept:
            f.write(f"{word}\t{path}\n")
    print(f"{args.output}: {len(kept)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
