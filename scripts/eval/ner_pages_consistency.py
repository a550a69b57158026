#!/usr/bin/env python3
"""List the surface strings whose occurrences are labelled inconsistently in the training pages.

usage: ner_pages_consistency.py --texts ARTICLES.jsonl PAGES.jsonl [PAGES.jsonl ...]
           [--min N] [--context C] [--nested] [--ignore-case] [--summary] [--max-per-kind N]
       ner_pages_consistency.py --texts ARTICLES.jsonl --apply FIXES.tsv PAGES.jsonl [...]

PAGES.jsonl are annotation-only gold pages (data/ner-pages/*.jsonl: id, entities with code-point
offsets); ARTICLES.jsonl holds their texts by `id` (e.g. $D/articles/dev.jsonl). For every string
that is an entity somewhere, every word-boundary match of the exact string in every page is
classified as
    PER/ORG/LOC/MISC  an entity with exactly this span and label,
    untagged          no entity overlaps the match,
    split             the match crosses an entity boundary or holds smaller entities
                      (`Apple Watch` where only `Apple` is tagged),
    inside            the match lies strictly inside a larger entity (`York` in `New York`).
A string is listed when its matches fall into two or more of the first three kinds (PER/ORG/LOC/
MISC count as different kinds); `inside` matches are shown but only count with --nested. Strings
are sorted by the number of matches involved (inside excluded), most first, and every match is
shown with its page (id prefix and site), offset and a short context; the entity in the context
is marked with [ ].

With --apply, the decisions in FIXES.tsv are applied to the PAGES files in place (same JSON
layout: sorted, non-overlapping entities, `text` equal to the slice), and a count of changes is
printed. One decision a line, tab-separated, `#` starts a comment:
    STRING  LABEL  [OCCURRENCES]
LABEL is PER/ORG/LOC/MISC: every word-boundary match of STRING becomes one LABEL entity: exact
entities are relabelled, untagged matches are tagged (except inside URLs, e-mail addresses and
@handles), and entities lying wholly inside the match are merged into it; matches inside a larger
entity or crossing an entity boundary are left alone (and reported). LABEL= only relabels exact
entities. LABEL O removes the exact entities of STRING. OCCURRENCES, if given, restricts the
decision to a comma-separated list of PAGEID:OFFSET (PAGEID may be a unique prefix of the id);
listed untagged matches are tagged even where the URL guard would skip them.
"""
import argparse
import collections
import json
import sys

LABELS = ("PER", "ORG", "LOC", "MISC")


def load(texts_path, pages_paths):
    wanted = {}
    pages = []
    for path in pages_paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    p = json.loads(line)
                    p["_file"] = path
                    pages.append(p)
                    wanted[p["id"]] = None
    with open(texts_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in wanted:
                wanted[r["id"]] = (r["text"], r.get("site") or "")
    for p in pages:
        t = wanted[p["id"]]
        if t is None:
            sys.exit(f"{p['_file']}: page {p['id']} not in {texts_path}")
        p["_text"], p["_site"] = t
        for e in p["entities"]:
            if p["_text"][e["start"]:e["end"]] != e["text"]:
                sys.exit(f"{p['_file']}: page {p['id']}: entity {e} does not match the text")
    return pages


def is_word(c):
    return c.isalnum() or c == "_"


def matches(text, s, lower=None):
    """Start offsets of word-boundary matches of s in text (case-insensitive if lower is given)."""
    hay = lower if lower is not None else text
    needle = s.lower() if lower is not None else s
    out = []
    i = hay.find(needle)
    while i >= 0:
        j = i + len(s)
        left_ok = i == 0 or not (is_word(text[i - 1]) and is_word(text[i]))
        right_ok = j >= len(text) or not (is_word(text[j]) and is_word(text[j - 1]))
        if left_ok and right_ok:
            out.append(i)
        i = hay.find(needle, i + 1)
    return out


def classify(ents, starts, ends, a, b):
    """Kind of the match [a, b) against the page's sorted, non-overlapping entities."""
    import bisect
    k = bisect.bisect_right(starts, a) - 1
    if k >= 0 and ends[k] > a:  # an entity begins at or before a and covers a
        e = ents[k]
        if e["start"] == a and e["end"] == b:
            return e["label"], e
        if e["start"] <= a and e["end"] >= b:
            return "inside", e
        return "split", e
    # no entity covers a: look for entities starting inside (a, b)
    k2 = bisect.bisect_left(starts, a)
    if k2 < len(ents) and ents[k2]["start"] < b:
        return "split", ents[k2]
    return "untagged", None


def context(text, a, b, width):
    left = text[max(0, a - width):a]
    right = text[b:b + width]
    s = f"{left}[{text[a:b]}]{right}"
    return s.replace("\n", " | ").replace("\t", " ")


def url_like(text, a, b):
    """Whether the match [a, b) is part of a URL, an e-mail address or an @handle."""
    left = text[a - 1] if a > 0 else " "
    right = text[b] if b < len(text) else " "
    right2 = text[b + 1] if b + 1 < len(text) else " "
    if left in "@./:" or right in "@/":
        return True
    if right == "." and is_word(right2):
        return True
    # the whitespace-delimited token holding the match
    i, j = a, b
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    while j < len(text) and not text[j].isspace():
        j += 1
    tok = text[i:j].lower()
    return "http" in tok or "www." in tok or ".com" in tok or "@" in tok


def apply_fixes(pages, fixes_path):
    rules = []
    with open(fixes_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            cols = cols[:2] + [c for c in cols[2:] if c.strip() and not c.lstrip().startswith("#")]
            if len(cols) < 2:
                sys.exit(f"{fixes_path}:{n}: need STRING<TAB>LABEL")
            s, lab = cols[0], cols[1]
            occ = None
            if len(cols) > 2:
                occ = []
                for o in cols[2].split(","):
                    pid, off = o.strip().rsplit(":", 1)
                    occ.append((pid, int(off)))
            if lab.rstrip("=") not in LABELS + ("O",):
                sys.exit(f"{fixes_path}:{n}: bad label {lab}")
            rules.append((n, s, lab, occ))
    stats = collections.Counter()
    for n, s, lab, occ in rules:
        listed = None
        if occ is not None:
            listed = set()
            for pid, off in occ:
                cand = [p for p in pages if p["id"].startswith(pid)]
                if len(cand) != 1:
                    sys.exit(f"{fixes_path}:{n}: page {pid} matches {len(cand)} pages")
                if cand[0]["_text"][off:off + len(s)] != s:
                    sys.exit(f"{fixes_path}:{n}: {s!r} is not at {pid}:{off}")
                listed.add((cand[0]["id"], off))
        done = 0
        for p in pages:
            text = p["_text"]
            ents = p["entities"]
            for i in matches(text, s):
                if listed is not None and (p["id"], i) not in listed:
                    continue
                j = i + len(s)
                starts = [e["start"] for e in ents]
                ends = [e["end"] for e in ents]
                kind, e = classify(ents, starts, ends, i, j)
                base = lab.rstrip("=")
                if lab == "O":
                    if kind in LABELS:
                        ents.remove(e)
                        stats["removed"] += 1
                        done += 1
                    continue
                if kind in LABELS:
                    if kind != base:
                        e["label"] = base
                        stats["relabelled"] += 1
                        done += 1
                    continue
                if lab.endswith("="):
                    continue
                if kind == "untagged":
                    if listed is None and url_like(text, i, j):
                        continue
                    ents.append({"start": i, "end": j, "label": base, "text": s})
                    ents.sort(key=lambda e: e["start"])
                    stats["added"] += 1
                    done += 1
                elif kind == "split":
                    inner = [e for e in ents if e["start"] < j and e["end"] > i]
                    if all(i <= e["start"] and e["end"] <= j for e in inner):
                        for e in inner:
                            ents.remove(e)
                        ents.append({"start": i, "end": j, "label": base, "text": s})
                        ents.sort(key=lambda e: e["start"])
                        stats["merged"] += 1
                        stats["merged away"] += len(inner)
                        done += 1
                    else:
                        print(f"  skipped (crosses an entity): {s!r} at {p['id'][:8]}:{i}", file=sys.stderr)
                elif kind == "inside" and listed is not None:
                    print(f"  skipped (inside {e['text']!r}): {s!r} at {p['id'][:8]}:{i}", file=sys.stderr)
        if listed is not None and done < len(listed):
            print(f"{fixes_path}:{n}: {s!r}: {done} of {len(listed)} listed occurrences changed", file=sys.stderr)
        stats["rules"] += 1
    return stats


def write_pages(pages, paths):
    for path in paths:
        with open(path, "w", encoding="utf-8") as f:
            for p in pages:
                if p["_file"] != path:
                    continue
                ents = sorted(p["entities"], key=lambda e: e["start"])
                for a, b in zip(ents, ents[1:]):
                    assert a["end"] <= b["start"], (p["id"], a, b)
                for e in ents:
                    t = p["_text"]
                    assert t[e["start"]:e["end"]] == e["text"] and "\n" not in e["text"], (p["id"], e)
                    assert e["text"] == e["text"].strip(), (p["id"], e)
                out = {k: v for k, v in p.items() if not k.startswith("_")}
                out["entities"] = [{"start": e["start"], "end": e["end"], "label": e["label"], "text": e["text"]} for e in ents]
                f.write(json.dumps(out, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", required=True)
    ap.add_argument("pages", nargs="+")
    ap.add_argument("--min", type=int, default=2, help="list strings with at least N matches involved")
    ap.add_argument("--context", type=int, default=30)
    ap.add_argument("--nested", action="store_true", help="count matches inside larger entities as a kind")
    ap.add_argument("--ignore-case", action="store_true", help="match strings case-insensitively")
    ap.add_argument("--summary", action="store_true", help="one line per string, no contexts")
    ap.add_argument("--max-per-kind", type=int, default=0, help="show at most N contexts per kind (0: all)")
    ap.add_argument("--apply", metavar="FIXES.tsv", help="apply the decisions of FIXES.tsv to PAGES in place")
    a = ap.parse_args()

    pages = load(a.texts, a.pages)
    if a.apply:
        before = collections.Counter(e["label"] for p in pages for e in p["entities"])
        stats = apply_fixes(pages, a.apply)
        write_pages(pages, a.pages)
        after = collections.Counter(e["label"] for p in pages for e in p["entities"])
        print(" ".join(f"{k} {v}" for k, v in sorted(stats.items())))
        print("names before:", sum(before.values()), dict(before), "after:", sum(after.values()), dict(after))
        return
    strings = sorted({e["text"] for p in pages for e in p["entities"]})
    if a.ignore_case:
        by_lower = collections.OrderedDict()
        for s in strings:
            by_lower.setdefault(s.lower(), s)
        strings = list(by_lower.values())
    for p in pages:
        p["_starts"] = [e["start"] for e in p["entities"]]
        p["_ends"] = [e["end"] for e in p["entities"]]
        p["_lower"] = p["_text"].lower() if a.ignore_case else None
        if a.ignore_case and len(p["_lower"]) != len(p["_text"]):
            p["_lower"] = None  # lowercasing changed lengths: fall back to exact matching

    report = []
    for s in strings:
        occ = []
        for p in pages:
            text = p["_text"]
            for i in matches(text, s, p["_lower"]):
                kind, e = classify(p["entities"], p["_starts"], p["_ends"], i, i + len(s))
                occ.append((kind, p, i, e))
        kinds = collections.Counter(k for k, *_ in occ if a.nested or k != "inside")
        if len(kinds) < 2:
            continue
        n = sum(kinds.values())
        if n < a.min:
            continue
        report.append((n, s, kinds, occ))
    report.sort(key=lambda r: (-r[0], r[1]))

    out = sys.stdout
    out.write(f"# {len(report)} inconsistent strings over {len(pages)} pages\n")
    for n, s, kinds, occ in report:
        inside = sum(1 for k, *_ in occ if k == "inside")
        ks = ", ".join(f"{k} {c}" for k, c in kinds.most_common())
        if inside and not a.nested:
            ks += f" (inside a larger entity {inside})"
        out.write(f"\n{json.dumps(s, ensure_ascii=False)}\t{n}\t{ks}\n")
        if a.summary:
            continue
        order = {k: r for r, (k, _) in enumerate(kinds.most_common())}
        shown = collections.Counter()
        for kind, p, i, e in sorted(occ, key=lambda o: (order.get(o[0], 99), o[1]["id"], o[2])):
            shown[kind] += 1
            if a.max_per_kind and shown[kind] > a.max_per_kind:
                if shown[kind] == a.max_per_kind + 1:
                    out.write(f"  {kind:8} ... {kinds[kind] - a.max_per_kind} more\n")
                continue
            extra = ""
            if kind in ("split", "inside"):
                extra = f" {e['label']}:{json.dumps(e['text'], ensure_ascii=False)}"
            ctx = context(p["_text"], i, i + len(s), a.context)
            out.write(f"  {kind:8} {p['id'][:8]} {p['_site'][:18]:18} {i:6}{extra}  {ctx}\n")


if __name__ == "__main__":
    main()
