#!/usr/bin/env python3
"""Checks that a change to the engine leaves what users see byte-identical.

    python3 scripts/eval/same_output.py record BIN SNAPSHOT PAGES...
    python3 scripts/eval/same_output.py check  BIN SNAPSHOT PAGES...

Runs `BIN analyze -` (the `clipmark` command line) on every page of each PAGES file (a JSONL
file of `{"id", "text"}` records, such as `articles/dev.jsonl`, or a plain `.txt` paste) and
records the SHA-256 of each output in SNAPSHOT (one `file<TAB>id<TAB>sha256` line per page).
`check` runs the same pages again and exits 1, naming the first pages that differ, when any
output is not byte-identical to the recorded one. The data stays outside the repository, so
the snapshot does too.
"""
import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def pages(paths):
    for path in paths:
        name = os.path.basename(path)
        if path.endswith(".jsonl"):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        rec = json.loads(line)
                        yield name, str(rec["id"]), rec["text"].encode("utf-8")
        else:
            with open(path, "rb") as f:
                yield name, "-", f.read()


def digest(bin_path, text):
    out = subprocess.run([bin_path, "analyze", "-"], input=text, capture_output=True, check=True)
    return hashlib.sha256(out.stdout).hexdigest()


def main(argv):
    if len(argv) < 4 or argv[0] not in ("record", "check"):
        sys.exit(__doc__.strip().splitlines()[0] + "\nusage: same_output.py record|check BIN SNAPSHOT PAGES...")
    mode, bin_path, snapshot, paths = argv[0], argv[1], argv[2], argv[3:]
    todo = list(pages(paths))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        sums = list(pool.map(lambda p: digest(bin_path, p[2]), todo))
    rows = [f"{name}\t{id_}\t{s}" for (name, id_, _), s in zip(todo, sums)]
    if mode == "record":
        with open(snapshot, "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
        print(f"recorded {len(rows)} pages in {snapshot}")
        return 0
    with open(snapshot, encoding="utf-8") as f:
        want = {tuple(r.split("\t")[:2]): r.split("\t")[2] for r in f.read().splitlines() if r}
    got = {tuple(r.split("\t")[:2]): r.split("\t")[2] for r in rows}
    missing = [k for k in want if k not in got]
    differ = [k for k in got if k in want and got[k] != want[k]]
    extra = [k for k in got if k not in want]
    print(f"{len(got)} pages: {len(got) - len(differ) - len(extra)} identical, {len(differ)} differ, "
          f"{len(extra)} not in the snapshot, {len(missing)} of the snapshot not run")
    for name, id_ in differ[:10]:
        print(f"differs: {name} {id_}")
    return 1 if differ or missing or extra else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
