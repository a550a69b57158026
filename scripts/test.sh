#!/usr/bin/env bash
# Runs every test: native cargo tests, the wasm package tests in Node, and the browser
# end-to-end tests in Debian's Chromium (installed when missing). CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build/build.sh

echo "test: style (cargo fmt, cargo clippy)"
cargo fmt --all --check
# The workspace (the engine with the lab feature), the engine and command line as they ship
# (so code only the lab uses shows as dead), and the wasm boundary.
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p clipmark -p clipmark-cli --all-targets --locked -- -D warnings
cargo clippy -p clipmark --lib --target wasm32-unknown-unknown --locked -- -D warnings
# The engine's public docs build without broken or private links.
RUSTDOCFLAGS="-D warnings" cargo doc -p clipmark --no-deps --locked

echo "test: native (cargo test)"
cargo test --workspace --locked
# The engine's doc examples as a user of the crate sees it (without the lab feature).
cargo test -p clipmark --doc --locked

echo "test: spaCy and doccano exports load in the real spaCy (Python)"
bash scripts/build/test-python.sh

echo "test: wasm package in Node"
node --test tests/wasm/

echo "test: page modules in Node"
node --test tests/page/

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "test: installing Debian's chromium"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

echo "test: browser end to end (Chromium)"
node --test --test-concurrency=1 tests/e2e/
