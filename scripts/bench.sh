#!/usr/bin/env bash
# The benchmarks, against the freshly built packages: the engine (bench/run.mjs), the LLM
# streaming path in WASM (bench/ai.mjs) and the SSE parser natively and in WASM (bench/sse_bench.cpp).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
bash scripts/build.sh
node bench/run.mjs "$@"
node bench/ai.mjs "$@"
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >build/native-configure.log 2>&1
cmake --build build/native -j2 --target crux_sse_bench >/dev/null
cmake --build build/wasm --target crux_sse_bench >/dev/null
echo "SSE, native (MB/s): $(build/native/crux_sse_bench)"
echo "SSE, WASM in Node (MB/s): $(node build/wasm/crux_sse_bench.cjs)"
