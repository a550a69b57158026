#!/usr/bin/env bash
# Builds the wasm core for Node and checks that the page's converters (convertDocument,
# importAs) give exactly the command line's output (tests/node/convert_parity.js).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --bin clipmark
cargo build --quiet --lib --target wasm32-unknown-unknown
wasm-bindgen --target nodejs --out-dir target/wasm-node target/wasm32-unknown-unknown/debug/clipmark.wasm
node tests/node/convert_parity.js
