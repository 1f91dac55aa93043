#!/usr/bin/env bash
# Native hardening: the Catch2 suite under AddressSanitizer + UndefinedBehaviorSanitizer, then
# the libFuzzer targets of fuzz/ (one per parser of untrusted input): every committed seed and
# regression input replayed as a plain test, then each target fuzzed for a bounded time.
# CRUX_FUZZ_SECONDS sets that time per target (default 20; 0 skips fuzzing, replay still runs).
# A crash fails the script (once the other targets finish) and leaves libFuzzer's input in
# build/harden/artifacts/<target>/. Once the bug is fixed, commit that input to
# fuzz/regressions/<target>/ so it is replayed here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

seconds="${CRUX_FUZZ_SECONDS:-20}"
build=build/harden
targets=(schema_validator schema_strings regex_matcher record_decoder sse_parser template_renderer merge_patch engine_follow replay_calls store_entries)

# One clang build serves both halves: the engine and the Catch2 suite with ASan + UBSan, and the
# fuzzers on the same engine (its coverage hooks are no-ops in crux_tests). -O1: sanitizer
# reports stay readable and the build stays fast; Debug keeps nlohmann/json's assertions on.
mkdir -p "$build"
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" -DCRUX_SANITIZE=ON -DCRUX_FUZZ=ON >"$build/configure.log" 2>&1 ||
  { cat "$build/configure.log" >&2; echo "harden: configuring the sanitizer build failed" >&2; exit 1; }
cmake --build "$build" -j2 --target crux_tests "${targets[@]/#/fuzz_}"
echo "harden: built in ${SECONDS}s"

export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

echo "harden: Catch2 suite under ASan + UBSan"
# The schema validator recurses a few frames per level of instance (up to 512) and of $ref (up to
# 2048); ASan puts redzones around every stack variable, so those frames grow several times over
# and "schema: deep nesting gives a failure" passes 8 MiB (it needs some 12 MiB; without ASan,
# under 2). Those limits are what the test checks, not the stack size, so the sanitized suite
# gets a 64 MiB stack, in a subshell.
(
  ulimit -s 65536
  ctest --test-dir "$build" --output-on-failure
)

echo "harden: replaying fuzz seeds and regression inputs"
shopt -s nullglob
for target in "${targets[@]}"; do
  inputs=(fuzz/corpus/"$target"/* fuzz/regressions/"$target"/*)
  "$build/fuzz_$target" "${inputs[@]}" >"$build/replay-$target.log" 2>&1 ||
    { cat "$build/replay-$target.log" >&2; echo "harden: $target fails on a committed input" >&2; exit 1; }
done

[ "$seconds" -gt 0 ] || { echo "harden: CRUX_FUZZ_SECONDS=0, no fuzzing"; exit 0; }

# fuzz_one TARGET: fuzzes for $seconds. New inputs go to the first corpus directory only, a scratch
# copy under build/ started afresh each run; the committed seeds are read from the second.
fuzz_one() {
  local target="$1" work="$build/corpus/$1" artifacts="$build/artifacts/$1/"
  rm -rf "$work" && mkdir -p "$work" "$artifacts"
  if "$build/fuzz_$target" "$work" "fuzz/corpus/$target" -dict="fuzz/$target.dict" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix="$artifacts" -print_final_stats=1 >"$build/fuzz-$target.log" 2>&1; then
    echo "harden: fuzz_$target: $(grep -m1 -o 'stat::number_of_executed_units: [0-9]*' "$build/fuzz-$target.log" | grep -o '[0-9]*$') runs in ${seconds}s, no crash"
  else
    tail -n 60 "$build/fuzz-$target.log" >&2
    echo "harden: fuzz_$target FOUND A CRASH: input in $artifacts (fix it, then add it to fuzz/regressions/$target/)" >&2
    return 1
  fi
}

# Two targets at a time (CI machines have 2 cores); the first failure fails the script.
echo "harden: fuzzing each target for ${seconds}s"
failed=0
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge 2 ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  fuzz_one "$target" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
[ "$failed" = 0 ] || { echo "harden: FAILED" >&2; exit 1; }
echo "harden: passed in ${SECONDS}s"
