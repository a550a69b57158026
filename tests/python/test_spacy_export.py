"""Checks clipmark's spaCy/Prodigy and doccano exports with the real spaCy library.

Runs the built CLI (`clipmark convert --to spacy|doccano`) on the fixture, whose text has an
emoji ZWJ sequence, CJK, Cyrillic, combining marks, NBSP and CRLF, then:
- `Doc(vocab, words, spaces)` built from our tokens reproduces the text exactly, and each
  token's text, start and end agree with spaCy's token;
- `Doc.char_span(start, end, label=...)` finds every span of both exports (strict alignment
  on our tokens; for doccano, also "expand" on spaCy's own tokenizer), with the span's text
  equal to the slice of the text;
- `token_start`/`token_end` (inclusive) name the span's first and last tokens.

Run with `scripts/build/test-python.sh` (plain asserts; also collected by pytest).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "convert" / "article.clipmark.json"
BIN = Path(os.environ.get("CLIPMARK_BIN", ROOT / "target" / "debug" / "clipmark"))


def export(fmt):
    out = subprocess.run(
        [str(BIN), "convert", "--to", fmt, str(FIXTURE)], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def source_text():
    # newline="" keeps the CRLF line ends.
    with open(FIXTURE, encoding="utf-8", newline="") as f:
        return json.load(f)["text"]


def test_spacy_export_loads_in_spacy():
    nlp = spacy.blank("en")
    (rec,) = export("spacy")
    text = source_text()
    assert rec["text"] == text
    assert "\r\n" in text and "\u00a0" in text and "\u200d" in text

    words = [t["text"] for t in rec["tokens"]]
    spaces = [t["ws"] for t in rec["tokens"]]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    assert doc.text == text, "Doc(words, spaces) must rebuild the exact text"
    assert len(doc) == len(rec["tokens"])
    for tok, ours in zip(doc, rec["tokens"]):
        assert tok.i == ours["id"]
        assert tok.text == ours["text"] == text[ours["start"]:ours["end"]]
        assert tok.idx == ours["start"]
        assert tok.idx + len(tok.text) == ours["end"]
        assert bool(tok.whitespace_) == ours["ws"]

    assert len(rec["spans"]) == 16
    ents = []
    for s in rec["spans"]:
        span = doc.char_span(s["start"], s["end"], label=s["label"])
        assert span is not None, f"char_span({s['start']}, {s['end']}) is None: {text[s['start']:s['end']]!r}"
        assert span.text == text[s["start"]:s["end"]]
        assert span.start == s["token_start"]
        assert span.end - 1 == s["token_end"], "token_end is inclusive"
        ents.append(span)
    doc.ents = ents  # non-overlapping, so spaCy accepts them as entities
    assert [e.label_ for e in doc.ents] == [s["label"] for s in rec["spans"]]
    # Blocks travel beside the spans.
    assert [b["label"] for b in rec["blocks"]] == ["title", "meta", "body", "boilerplate"]


def test_doccano_export_aligns_with_spacy():
    nlp = spacy.blank("en")
    (rec,) = export("doccano")
    text = source_text()
    assert rec["text"] == text
    (spacy_rec,) = export("spacy")
    ours = Doc(nlp.vocab, words=[t["text"] for t in spacy_rec["tokens"]], spaces=[t["ws"] for t in spacy_rec["tokens"]])
    theirs = nlp(text)
    assert len(rec["label"]) == 16
    for start, end, label in rec["label"]:
        # Code-point offsets: Python slices give the entity's text.
        assert text[start:end].strip() == text[start:end] and text[start:end]
        span = ours.char_span(start, end, label=label)
        assert span is not None and span.text == text[start:end], (start, end, label)
        # With spaCy's own tokenizer the offsets still name the same characters.
        loose = theirs.char_span(start, end, label=label, alignment_mode="expand")
        assert loose is not None and text[start:end] in loose.text, (start, end, loose)
    for start, end, label in rec["blocks"]:
        assert label in ("title", "meta", "body", "boilerplate")
        assert 0 <= start < end <= len(text)


if __name__ == "__main__":
    failed = 0
    for name, fn in sorted(globals().items()):
        if name.startswith("test_") and callable(fn):
            try:
                fn()
                print(f"ok   {name}")
            except Exception as e:  # report every failure, then exit non-zero
                failed += 1
                print(f"FAIL {name}: {type(e).__name__}: {e}")
    print(f"spaCy {spacy.__version__}: {'all passed' if not failed else f'{failed} failed'}")
    sys.exit(1 if failed else 0)
