#!/usr/bin/env bash
# Every test: the engine natively (Catch2, then sanitized and fuzzed by scripts/harden.sh), then
# the packages in Node against the WASM build, then the packages and the demo in real Chromium
# (Debian's, driven by playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >build/native-configure.log 2>&1 ||
  { cat build/native-configure.log >&2; echo "test: configuring the native build failed" >&2; exit 1; }
cmake --build build/native -j2
ctest --test-dir build/native --output-on-failure
# The same suite under ASan + UBSan, then the fuzz targets (fuzz/) replayed and run for a bounded time.
bash scripts/harden.sh

bash scripts/build.sh
# The size bar: each build's gzipped bytes against size-budget.json.
node scripts/check-size.mjs

# Node 20's --test does not expand globs itself: the shell passes the files.
node --test --test-concurrency=1 tests/node/*.test.mjs
node --test --test-concurrency=1 tests/browser/*.test.mjs
