// crux::Json (insertion-ordered objects, core/insertion_ordered_map.hpp) against nlohmann::json
// (std::map, sorted) and nlohmann::ordered_json (linear-scan lookups) on big objects: parse +
// dump of a ~4 MiB object of 300k keys, and a merge patch of 10k keys onto a 100k-key object.
// Header-only; build and run by hand (not part of CMake):
//   g++ -std=c++17 -O2 -Isrc bench/json_order_bench.cpp -o /tmp/json_order_bench && /tmp/json_order_bench
//   em++ -std=c++17 -O2 -fwasm-exceptions -Isrc -Ibuild/wasm/json-include bench/json_order_bench.cpp \
//     -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -sSINGLE_FILE=1 -o /tmp/json_order_bench.cjs && node /tmp/json_order_bench.cjs
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>

#include "core/json.hpp"

namespace {

/// `{"k<n>":n,...}` with `count` members in a scrambled (unsorted) order.
std::string object_text(int count) {
  std::string text = "{";
  for (int i = 0; i < count; ++i) {
    const long n = (static_cast<long>(i) * 7919) % count;  // 7919 is prime: a permutation
    if (i > 0) text += ',';
    text += "\"k" + std::to_string(n) + "\":" + std::to_string(n);
  }
  return text + "}";
}

/// 10k members: 5k existing keys changed, 2k removed (null), 3k new.
std::string patch_text(int target_count) {
  std::string text = "{";
  auto add = [&](const std::string& member) {
    if (text.size() > 1) text += ',';
    text += member;
  };
  for (int i = 0; i < 5000; ++i) add("\"k" + std::to_string(i * 13 % target_count) + "\":{\"v\":1}");
  for (int i = 0; i < 2000; ++i) add("\"k" + std::to_string(i * 17 % target_count + 1) + "\":null");
  for (int i = 0; i < 3000; ++i) add("\"new" + std::to_string(i) + "\":" + std::to_string(i));
  return text + "}";
}

/// The best of `rounds` runs of `body`, in ms of this process's CPU time (the machine is shared).
template <class Body>
double best_ms(int rounds, Body body) {
  double best = 1e18;
  for (int r = 0; r < rounds; ++r) {
    const std::clock_t start = std::clock();
    body();
    best = std::min(best, 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
  }
  return best;
}

template <class J>
void measure(const char* name, int keys, int patch_target, int rounds) {
  const std::string big = object_text(keys);
  size_t dumped = 0;
  const double parse_dump = best_ms(rounds, [&] { dumped = J::parse(big).dump().size(); });

  const J target = J::parse(object_text(patch_target));
  const J patch = J::parse(patch_text(patch_target));
  size_t merged = 0;
  const double merge = best_ms(rounds, [&] {
    J copy = target;
    copy.merge_patch(patch);
    merged = copy.size();
  });
  const double copy_only = best_ms(rounds, [&] { J copy = target; merged += copy.size() > 0; });
  std::printf("%-28s parse+dump %d keys (%.2f MiB): %8.1f ms | merge 10k onto %dk: %8.1f ms (of which copy %6.1f ms)%s\n",
              name, keys, big.size() / 1048576.0, parse_dump, patch_target / 1000, merge, copy_only,
              dumped == big.size() && merged > 0 ? "" : "  MISMATCH");
}

}  // namespace

int main() {
  measure<crux::Json>("crux::Json (ordered+index)", 300000, 100000, 3);
  measure<nlohmann::json>("nlohmann::json (std::map)", 300000, 100000, 3);
  // ordered_json scans linearly: shown at sizes where it still finishes, to show the growth.
  measure<crux::Json>("crux::Json (ordered+index)", 20000, 20000, 3);
  measure<nlohmann::ordered_json>("nlohmann::ordered_json", 20000, 20000, 1);
  measure<nlohmann::ordered_json>("nlohmann::ordered_json", 40000, 40000, 1);
  return 0;
}
