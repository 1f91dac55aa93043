#!/usr/bin/env bash
# Builds the engine to WebAssembly: crux.mjs + crux.wasm and the validator crux-schema.mjs +
# crux-schema.wasm into js/core/dist/ (@crux/core), crux-ai.mjs + crux-ai.wasm into js/ai/dist/
# (@crux/ai's LLM wire formats).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

# emcmake would set the emulator to `node --experimental-wasm-threads`, a flag Node 20
# rejects; plain node keeps a future ctest in build/wasm usable.
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" >build/wasm-configure.log 2>&1 ||
  { cat build/wasm-configure.log >&2; echo "build: configuring the WASM build failed" >&2; exit 1; }
cmake --build build/wasm -j2

mkdir -p js/core/dist js/ai/dist
cp build/wasm/crux.mjs build/wasm/crux.wasm build/wasm/crux-schema.mjs build/wasm/crux-schema.wasm js/core/dist/
cp build/wasm/crux-ai.mjs build/wasm/crux-ai.wasm js/ai/dist/
chmod 644 js/core/dist/crux.* js/core/dist/crux-schema.* js/ai/dist/crux-ai.* # em++ marks the .wasm executable
node scripts/minify-glue.mjs js/core/dist/crux.mjs js/core/dist/crux-schema.mjs js/ai/dist/crux-ai.mjs
echo "build: js/core/dist/crux.wasm ($(stat -c %s js/core/dist/crux.wasm) bytes)," \
  "js/core/dist/crux-schema.wasm ($(stat -c %s js/core/dist/crux-schema.wasm) bytes)," \
  "js/ai/dist/crux-ai.wasm ($(stat -c %s js/ai/dist/crux-ai.wasm) bytes)"
