"""Per-document counts from the lab's scorers, for the evaluation scripts beside this module (a
module they import, not run).

The one scorer of names is `clipmark-lab eval-ner` and the one scorer of segmentation is
`clipmark-lab eval-seg`; no script here scores anything itself. With `--counts OUT.jsonl` both
write, beside the report they print, one JSON record per document (CoNLL `-DOCSTART-` document,
or page of a JSONL file) with the counts their printed figures are summed from:

- `eval-ner`: `tp`, `fp`, `fn` over all types and per type (`types`), and per file kind
  `tokens`/`tokens_correct` (CoNLL), `id`, `article`, `boilerplate` and `dates` (JSONL pages),
  `seen`/`unseen` (with `--seen TRAIN`), `predicted` (with `--pred`);
- `eval-seg`: `index`, `id`, `source`, `site`, `predicted`, `body_chars` and `body_lines` (`tp`,
  `fp`, `fn`), `chars` (the gold lines' characters), `four_class`, `title`, `date`, and
  `pred_body` (one character per gold line, `1` where the prediction counts as body).

This module runs those commands and reads the records; the scripts resample and report them.
The only arithmetic here is F1 of summed counts.
"""
import json
import os
import subprocess
import tempfile

DEFAULT_LAB = "target/release/clipmark-lab"


def run(lab, args):
    """Runs `lab ARGS --counts TMP` and returns (its standard output, the count records)."""
    fd, path = tempfile.mkstemp(prefix="clipmark-counts-", suffix=".jsonl")
    os.close(fd)
    try:
        out = subprocess.run([lab, *args, "--counts", path], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"{' '.join([lab, *args])} failed ({out.returncode}): {out.stderr.strip()}")
        with open(path, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
        return out.stdout, records
    finally:
        os.remove(path)


def tpfpfn(c):
    """(tp, fp, fn) of a record's `{"tp", "fp", "fn"}` object."""
    return c["tp"], c["fp"], c["fn"]


def total(counts):
    """The sum of (tp, fp, fn) triples."""
    s = [0, 0, 0]
    for c in counts:
        for k in range(3):
            s[k] += c[k]
    return tuple(s)


def f1(tp, fp, fn):
    """F1 in percent."""
    return 200.0 * tp / (2 * tp + fp + fn) if tp else 0.0


def prf(tp, fp, fn):
    """Precision, recall and F1 in percent."""
    p = 100 * tp / (tp + fp) if tp + fp else 0.0
    r = 100 * tp / (tp + fn) if tp + fn else 0.0
    return p, r, f1(tp, fp, fn)


def body_f1(tp, fp, fn):
    """Body character F1 as a fraction (eval-seg prints it so)."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
