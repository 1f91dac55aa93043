#!/usr/bin/env bash
# Installs what building and testing Crux needs on Debian bookworm, if it is missing:
# Emscripten, CMake, g++, nlohmann/json, Catch2, Chromium for the browser tests, clang and its
# libFuzzer runtime for scripts/harden.sh (apt) and the npm workspace (npm ci).
# Idempotent and quiet when all is there; prints the log and fails when something breaks.
# Run it, or source it from another script (it then also exports NODE_PATH for em++).

crux_ensure_deps() {
  local root log
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  log="$root/build/ensure-deps.log"
  mkdir -p "$root/build"
  : >"$log"

  # crux_deps_fail MESSAGE [show-log]
  crux_deps_fail() {
    echo "ensure-deps: FAILED: $1" >&2
    if [ -n "${2:-}" ]; then
      echo "---- last lines of $log ----" >&2
      tail -n 40 "$log" >&2
    fi
    return 1
  }

  # em++ runs Emscripten's JS optimizer, which requires Debian's acorn from here.
  export NODE_PATH=/usr/share/nodejs

  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    crux_deps_fail "node and npm are needed (Node.js 20 or newer; Debian's nodejs package is too old)" || return 1
  fi
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    crux_deps_fail "Node.js 20 or newer is needed, found $(node --version)" || return 1
  fi

  local missing=()
  command -v em++ >/dev/null 2>&1 || missing+=(em++)
  command -v cmake >/dev/null 2>&1 || missing+=(cmake)
  command -v g++ >/dev/null 2>&1 || missing+=(g++)
  command -v make >/dev/null 2>&1 || missing+=(make)
  [ -f /usr/include/nlohmann/json.hpp ] || missing+=(nlohmann/json.hpp)
  [ -f /usr/include/catch2/catch.hpp ] || missing+=(catch2/catch.hpp)
  [ -d /usr/share/nodejs/acorn ] || missing+=(acorn)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v clang++ >/dev/null 2>&1 || missing+=(clang++)
  compgen -G '/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a' >/dev/null || missing+=(libFuzzer)

  if [ ${#missing[@]} -gt 0 ]; then
    echo "ensure-deps: installing apt packages (missing: ${missing[*]})"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || { crux_deps_fail "not root and no sudo: install emscripten nlohmann-json3-dev catch2 cmake g++ make chromium clang libclang-rt-14-dev with apt-get" || return 1; }
      sudo=(sudo)
    fi
    {
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
          emscripten nlohmann-json3-dev catch2 cmake g++ make chromium clang libclang-rt-14-dev
    } >>"$log" 2>&1 || { crux_deps_fail "apt-get install" show-log || return 1; }
  fi

  if [ ! -f "$root/node_modules/.package-lock.json" ] ||
    [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    echo "ensure-deps: npm ci"
    (cd "$root" && npm ci --no-audit --no-fund) >>"$log" 2>&1 || { crux_deps_fail "npm ci" show-log || return 1; }
  fi

  export CRUX_DEPS_READY=1
}

if [ "${CRUX_DEPS_READY:-}" != 1 ]; then
  if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    crux_ensure_deps
  else
    crux_ensure_deps || return 1
  fi
fi
