#!/usr/bin/env bash
# Builds the engine to WebAssembly and copies crux.mjs + crux.wasm into js/core/dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

# emcmake would set the emulator to `node --experimental-wasm-threads`, a flag Node 20
# rejects; plain node keeps a future ctest in build/wasm usable.
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" >build/wasm-configure.log 2>&1 ||
  { cat build/wasm-configure.log >&2; echo "build: configuring the WASM build failed" >&2; exit 1; }
cmake --build build/wasm -j2

mkdir -p js/core/dist
cp build/wasm/crux.mjs build/wasm/crux.wasm js/core/dist/
chmod 644 js/core/dist/crux.mjs js/core/dist/crux.wasm # em++ marks the .wasm executable
echo "build: js/core/dist/crux.mjs + crux.wasm ($(stat -c %s js/core/dist/crux.wasm) bytes)"
