#!/usr/bin/env python3
"""Writes data/lexicon/wordnet.tsv: WordNet 3.0 instance nouns as a gazetteer for `clipmark-lab train-ner`.

Run by hand (not at build or test time), after `apt-get install -y wordnet-base` (Debian
package 1:3.0-37, WordNet 3.0, Princeton's WordNet licence: use, copy, modify and distribute
with the copyright notice kept):

    python3 scripts/data/wordnet_gazetteer.py /usr/share/wordnet/data.noun

Each synset with an instance-of pointer (`@i`: "Einstein" is an instance of physicist) is
classified by walking up the hypernyms of the classes it is an instance of: a person gives PER,
an organisation ORG, a city CITY, a country COUNTRY, a region REGION, another location, a body
of water or a geological formation LOC, and anything else MISC (with `--misc`; events, works,
...). Named organisations are mostly ordinary hyponyms in WordNet (NATO is a kind of alliance),
so capitalised words of any synset under organisation are ORG too. Lines `CATEGORY<TAB>phrase`,
sorted, only phrases with a capital letter.
"""

import argparse

# Synset offsets in WordNet 3.0's data.noun, most specific first.
CLASSES = [
    ("08524735", "CITY"),  # city, metropolis, urban center
    ("08544813", "COUNTRY"),  # country, state, land
    ("08630039", "REGION"),  # region, part
    ("00027167", "LOC"),  # location
    ("09225146", "LOC"),  # body of water (rivers, seas)
    ("09287968", "LOC"),  # geological formation (mountains, valleys)
    ("00007846", "PER"),  # person, individual
    ("08008335", "ORG"),  # organization, organisation
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_noun", help="WordNet's data.noun")
    ap.add_argument("-o", "--output", default="data/lexicon/wordnet.tsv")
    ap.add_argument("--misc", action="store_true", help="keep other instances as MISC")
    args = ap.parse_args()
    words, hyper, inst = {}, {}, {}
    with open(args.data_noun, encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            head = line.split(" | ")[0].split()
            off, wcnt = head[0], int(head[3], 16)
            words[off] = [head[4 + 2 * i].replace("_", " ") for i in range(wcnt)]
            k = 4 + 2 * wcnt
            pcnt = int(head[k])
            ptrs = [head[k + 1 + 4 * i : k + 5 + 4 * i] for i in range(pcnt)]
            hyper[off] = [p[1] for p in ptrs if p[0] == "@"]
            inst[off] = [p[1] for p in ptrs if p[0] == "@i"]

    def ancestors(off):
        seen, todo = set(), [off]
        while todo:
            o = todo.pop()
            if o not in seen:
                seen.add(o)
                todo.extend(hyper.get(o, []) + inst.get(o, []))
        return seen

    rows = set()
    for off, classes in inst.items():
        if classes:
            up = set().union(*(ancestors(c) for c in classes))
            cat = next((c for o, c in CLASSES if o in up), "MISC")
        elif "08008335" in ancestors(off):
            # Named organisations are mostly ordinary hyponyms (NATO is a kind of alliance).
            cat = "ORG"
        else:
            continue
        if cat == "MISC" and not args.misc:
            continue
        for w in words[off]:
            w = w.split("(")[0].strip()  # `Georgia(a)`-style markers
            if any(ch.isupper() for ch in w):
                rows.add((cat, w))
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write("# WordNet 3.0 instance nouns (Princeton WordNet licence), made by scripts/data/wordnet_gazetteer.py\n")
        for cat, w in sorted(rows):
            f.write(f"{cat}\t{w}\n")
    counts = {}
    for cat, _ in rows:
        counts[cat] = counts.get(cat, 0) + 1
    print(args.output, len(rows), sorted(counts.items()))


if __name__ == "__main__":
    main()
