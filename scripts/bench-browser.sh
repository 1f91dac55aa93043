#!/usr/bin/env bash
# The browser benchmark (bench/browser/run.mjs) in Debian's Chromium: installs what is missing,
# builds when there is no build or the engine's sources are newer than it, then runs.
#   npm run bench:browser [-- --rows=1,2,3] [--runs=N] [--large] [--write-readme]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
if [ ! -f js/core/dist/crux.wasm ] || [ ! -f js/core/dist/crux.mjs ] || [ ! -f js/core/dist/crux-schema.wasm ] ||
  [ ! -f js/ai/dist/crux-ai.wasm ] ||
  [ -n "$(find src bindings CMakeLists.txt -newer js/core/dist/crux.wasm -print -quit)" ]; then
  bash scripts/build.sh
fi
node bench/browser/run.mjs "$@"
