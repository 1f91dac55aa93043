#!/usr/bin/env bash
# The main job: builds the engine, the packages and the demo page, then serves the built demo
# on localhost (PORT, default 4173; the next free port if that one is taken).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
bash scripts/build.sh
npm run build --workspace demo --silent -- --logLevel warn
echo "start: serving the Crux demo (demo/dist); open the address below, Ctrl-C stops it"
exec npx --workspace demo vite preview --port "${PORT:-4173}"
