#!/usr/bin/env bash
# Builds everything: the native CLI, the wasm module for the page (www/pkg/) and the npm
# package (pkg/). Nothing it writes is committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/build/setup.sh

echo "build: native command lines (target/release/clipmark, target/release/clipmark-lab)"
cargo build --release --locked -p clipmark-cli
# Built on its own so that the engine in `clipmark` is compiled without the lab feature.
cargo build --release --locked -p clipmark-lab

echo "build: wasm"
cargo build --release --locked -p clipmark --lib --target wasm32-unknown-unknown
rm -rf www/pkg pkg
wasm-bindgen --target web --no-typescript --out-dir www/pkg --out-name clipmark \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/clipmark.wasm"
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue -o www/pkg/clipmark_bg.wasm www/pkg/clipmark_bg.wasm

echo "build: npm package (pkg/)"
mkdir -p pkg
cp www/pkg/clipmark.js www/pkg/clipmark_bg.wasm pkg/
cp pkg-template/index.js pkg-template/index.d.ts pkg-template/README.md pkg/
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" pkg-template/package.json > pkg/package.json

raw=$(stat -c %s www/pkg/clipmark_bg.wasm)
gz=$(gzip -9 -c www/pkg/clipmark_bg.wasm | wc -c)
echo "build: www/pkg/clipmark_bg.wasm is $raw bytes ($gz gzipped)"
