#!/usr/bin/env bash
# The main job: builds the engine, the packages and the demo page, then serves the built demo
# on localhost (PORT, default 4173; the next free port if that one is taken) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
bash scripts/build.sh
(cd demo && node ../node_modules/vite/bin/vite.js build --logLevel warn)
echo "start: the Crux demo (demo/dist) is served at the address below; Ctrl-C stops it"
cd demo
exec node ../node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "${PORT:-4173}"
