#!/usr/bin/env python3
"""Writes a title-cased copy of a CoNLL column file, labels unchanged: a synthetic check of how
the tagger does on headlines in Title Case, which CoNLL-2003 hardly has.

    python3 scripts/data/title_case_conll.py $D/dev.txt > /tmp/dev-title.txt          # every sentence
    python3 scripts/data/title_case_conll.py $D/dev.txt --every 4 > /tmp/dev-t4.txt    # sentences 0, 4, 8, ...
    python3 scripts/data/title_case_conll.py $D/dev.txt --style headline ...           # a, of, the... stay lower

Each token that starts with a lower-case letter gets its first letter in upper case
(`--style headline` keeps the short function words of `SMALL` in lower case except at the
start of the sentence). Sentences are numbered over the whole file; `--every K` changes only
the sentences whose number is a multiple of K, so the rest keep their document context.
"""
import argparse
import sys

SMALL = {"a", "an", "the", "and", "but", "or", "nor", "of", "in", "on", "at", "to", "for", "by", "as", "vs", "via"}


def title(tok, first, style):
    if not tok[:1].islower():
        return tok
    if style == "headline" and not first and tok in SMALL:
        return tok
    return tok[0].upper() + tok[1:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--style", choices=["all", "headline"], default="all")
    a = ap.parse_args()
    sent, pos, out = 0, 0, sys.stdout
    with open(a.file, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split(" ")
            if not cols[0]:
                if pos:
                    sent += 1
                pos = 0
                out.write(line)
                continue
            if cols[0] == "-DOCSTART-":
                out.write(line)
                continue
            if sent % a.every == 0:
                cols[0] = title(cols[0], pos == 0, a.style)
            pos += 1
            out.write(" ".join(cols) + "\n")


if __name__ == "__main__":
    main()
