#!/usr/bin/env bash
# The main job: the "Plan with approval" recipe against the freshly built packages.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
bash scripts/build.sh
node examples/recipe.mjs
