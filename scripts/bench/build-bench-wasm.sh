#!/usr/bin/env bash
# Builds the page with a benchmark build of the engine into target/bench-www/: the same wasm
# as the page's plus `benchTagConll` (the engine's `bench` feature), which the page's own
# build never has. bench-wasm.mjs and tag-ab.mjs serve it; run `bash scripts/build/build.sh`
# once first (it installs wasm-bindgen and wasm-opt).
#   bash scripts/bench/build-bench-wasm.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/bench-www}
target=${CARGO_TARGET_DIR:-target}/bench
cargo build --release --locked -p clipmark --lib --target wasm32-unknown-unknown --features bench --target-dir "$target"
rm -rf "$out"
mkdir -p "$out"
cp -r www/index.html www/style.css www/js "$out/"
wasm-bindgen --target web --no-typescript --out-dir "$out/pkg" --out-name clipmark \
  "$target/wasm32-unknown-unknown/release/clipmark.wasm"
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue -o "$out/pkg/clipmark_bg.wasm" "$out/pkg/clipmark_bg.wasm"
echo "bench build: $out (wasm $(stat -c %s "$out/pkg/clipmark_bg.wasm") bytes)"
