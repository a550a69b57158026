#!/usr/bin/env bash
# Builds everything, then serves the annotator on http://127.0.0.1:8080 (PORT to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build/build.sh
exec node scripts/build/serve.mjs --port "${PORT:-8080}"
