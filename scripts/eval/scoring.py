"""The scorers the evaluation scripts in scripts/eval/ share (a module they import, not run).

The reference scorers are `clipmark-lab eval-ner` (entities) and `clipmark-lab eval-seg` (body
characters); the functions here do the same counting for predictions those commands cannot
read (other systems' output, subsets of names, resamples) and were checked against them:

- entities: exact span and type. CoNLL files are scored per sentence, with IOB1 (CoNLL-2003's
  own) or IOB2 tags (`chunks(iob2(tags))`), as conlleval and `eval-ner FILE` do; pages are
  scored on code-point spans of PER/ORG/LOC/MISC entities, as `eval-ner --jsonl` does
  (compare_spacy.py prints both F1s side by side and says when they differ);
- body characters: every gold line takes the label of the predicted line or block that covers
  its start (`boilerplate` when none does), and its characters count as true or false
  positives or negatives of `body`; on two-class gold (body and boilerplate only) a predicted
  title or meta counts as body on dragnet pages (whose gold keeps the headline) and as
  boilerplate elsewhere, as `eval-seg` scores them (the same alignment as its `align`).

Percentages (0-100) for entities, fractions (0-1) for body characters, as the commands print them.
"""

NAMES = ("PER", "ORG", "LOC", "MISC")


# ----- entities -----

def iob2(tags):
    """IOB1 (CoNLL-2003's own) to IOB2; IOB2 is left as it is."""
    r, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        r.append(t)
        prev = t
    return r


def chunks(tags):
    """(start, end, type) of the names in IOB2 tags, in order."""
    out, cur = [], None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[2] != t[2:])):
            if cur:
                out.append((cur[0], i, cur[2]))
                cur = None
            if t != "O":
                cur = [i, None, t[2:]]
    return out


def spans(tags):
    """The set of (start, end, type) names of one sentence's IOB1 or IOB2 tags."""
    return set(chunks(iob2(tags)))


def counts(gold, pred):
    """(tp, fp, fn) of two sets of (start, end, type)."""
    gold, pred = set(gold), set(pred)
    return len(gold & pred), len(pred - gold), len(gold - pred)


def prf(tp, fp, fn):
    """Precision, recall and F1 in percent."""
    p = 100 * tp / (tp + fp) if tp + fp else 0.0
    r = 100 * tp / (tp + fn) if tp + fn else 0.0
    return p, r, f1(tp, fp, fn)


def f1(tp, fp, fn):
    """F1 in percent."""
    return 200.0 * tp / (2 * tp + fp + fn) if tp else 0.0


def by_type(pairs, types=NAMES):
    """Precision, recall and F1 per type and over all ("ALL") of (gold, pred) pairs of collections
    of (start, end, type), one pair per sentence or page: {type: (P, R, F1)}."""
    c = {t: [0, 0, 0] for t in list(types) + ["ALL"]}  # tp, fp, fn
    for gold, pred in pairs:
        gold, pred = set(gold), set(pred)
        for e in gold - pred:
            c[e[2]][2] += 1
        for e in pred:
            c[e[2]][0 if e in gold else 1] += 1
    for t in types:
        for k in range(3):
            c["ALL"][k] += c[t][k]
    return {t: prf(*v) for t, v in c.items()}


# ----- body characters -----

def aligned_labels(page, pred):
    """The predicted label of each gold line of `page` ({"lines": [{"start", "end", ...}]}):
    that of the predicted line or block (`pred`: [{"start", "end", "label"}], code points)
    covering the gold line's start, or `boilerplate`."""
    ps = sorted(pred, key=lambda x: x["start"])
    out, j = [], 0
    for gl in page["lines"]:
        a, b = gl["start"], gl["end"]
        while j < len(ps) and ps[j]["end"] <= a:
            j += 1
        out.append(ps[j]["label"] if j < len(ps) and ps[j]["start"] < max(b, a + 1) else "boilerplate")
    return out


def four_class(page):
    """Whether the gold page labels title and meta lines (the seeds) or only body and boilerplate."""
    return any(gl["label"] in ("title", "meta") for gl in page["lines"])


def is_body(label, source, four=False):
    """Whether a predicted label counts as body: on two-class gold, title and meta do too on
    dragnet pages."""
    return label == "body" or (not four and source == "dragnet" and label in ("title", "meta"))


def body_counts(page, pred):
    """(tp, fp, fn, line characters) of body characters on one gold page."""
    tp = fp = fn = chars = 0
    four = four_class(page)
    for gl, lab in zip(page["lines"], aligned_labels(page, pred)):
        py = is_body(lab, page.get("source"), four)
        gy = gl["label"] == "body"
        c = gl["end"] - gl["start"]
        chars += c
        tp += c * (gy and py)
        fp += c * (py and not gy)
        fn += c * (gy and not py)
    return tp, fp, fn, chars


def body_f1(tp, fp, fn):
    """Body character F1 as a fraction."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
