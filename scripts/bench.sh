#!/usr/bin/env bash
# The benchmarks, against the freshly built packages.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
bash scripts/build.sh
node bench/run.mjs
