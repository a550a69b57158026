#!/usr/bin/env bash
# Checks clipmark's spaCy and doccano exports with the real spaCy library.
#
# Builds the CLI, makes a Python environment under target/pyenv (a venv; `pip --user` when the
# venv module is missing), installs spaCy from PyPI only when it is not importable yet (no
# model package is needed: the test uses spacy.blank), and runs tests/python/*.py.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --quiet -p clipmark-cli

PY=${PYTHON:-python3}
ENV_DIR=target/pyenv
# Debian without Python, or without its venv module: install them (as CI would need).
if ! command -v "$PY" >/dev/null 2>&1 || { [ ! -x "$ENV_DIR/bin/python" ] && ! "$PY" -m venv --help >/dev/null 2>&1; } \
   || { [ ! -x "$ENV_DIR/bin/python" ] && ! "$PY" -c 'import ensurepip' >/dev/null 2>&1; }; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "test-python: installing Debian's python3, python3-venv and python3-pip" >&2
        if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 python3-venv python3-pip >/dev/null
    fi
fi
if [ ! -x "$ENV_DIR/bin/python" ]; then
    rm -rf "$ENV_DIR"
    if "$PY" -m venv "$ENV_DIR" 2>/dev/null; then
        :
    else
        echo "test-python: venv unavailable, using pip --user" >&2
        ENV_DIR=""
    fi
fi
if [ -n "$ENV_DIR" ]; then
    PY="$ENV_DIR/bin/python"
    PIP_ARGS=()
else
    PIP_ARGS=(--user)
fi

if ! "$PY" -c 'import spacy' 2>/dev/null; then
    "$PY" -m pip install --quiet --disable-pip-version-check "${PIP_ARGS[@]}" spacy
fi

CLIPMARK_BIN="$PWD/target/debug/clipmark" "$PY" tests/python/test_spacy_export.py
