// Pattern matcher throughput in WebAssembly against the host's RegExp, in the same Node process
// (CPU time from process.cpuUsage, so a loaded machine does not skew the ratio much), and the
// cost of exhausting a 2,000,000-step budget. Not part of the build; after `npm run build`:
//   NODE_PATH=/usr/share/nodejs em++ -O2 -std=c++17 -fwasm-exceptions -Isrc bench/regex_bench.cpp \
//     bindings/host_unicode_property.cpp build/wasm/libcrux_engine.a -sENVIRONMENT=node \
//     -sALLOW_MEMORY_GROWTH=1 -sSINGLE_FILE=1 -o build/regex_bench.cjs && node build/regex_bench.cjs
#include <emscripten.h>
#include <chrono>
#include <cstdio>
#include <string>
#include "schema/regex.hpp"
using namespace crux::schema;
static double now_ms() { return EM_ASM_DOUBLE({ var u = process.cpuUsage(); return (u.user + u.system) / 1000; }); }
static void run(const char* pattern, const std::string& text, int reps) {
  auto re = compile_regex(pattern);
  bool r = false; std::uint64_t steps = 0;
  double t0 = now_ms();
  for (int i = 0; i < reps; ++i) { Budget b(1ull << 40); r = re->search(text, b); steps = (1ull << 40) - b.left(); }
  double ms = (now_ms() - t0) / reps;
  double js = EM_ASM_DOUBLE({
    var p = UTF8ToString($0); var s = UTF8ToString($1, $2); var re = new RegExp(p, 'u'); var c = process.cpuUsage(); var t0 = (c.user + c.system) / 1000; var r;
    for (var i = 0; i < $3; i++) r = re.test(s);
    var d = process.cpuUsage(); return ((d.user + d.system) / 1000 - t0) / $3; }, pattern, text.data(), (int)text.size(), reps);
  std::printf("%-45s %8zu B -> %d: ours %.2f ms (%.0f MB/s, %llu steps), RegExp %.2f ms (%.0f MB/s)\n", pattern, text.size(), r, ms,
              text.size() / ms / 1000, (unsigned long long)steps, js, text.size() / js / 1000);
}
int main() {
  std::string mib; while (mib.size() < (1 << 20)) mib += "someone.else";
  run("^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$", mib + "@example.com", 5);
  run("^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$", mib, 5);
  run("^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$", mib + "@example.com", 5);
  run("^[a-z.]+$", mib, 5);
  run("needle", mib, 5);
  run("^(\\w+\\s?)+$", mib + "!", 2);
  // zod 4 patterns on ordinary values, many times
  std::string date = "2024-02-29T12:34:56.789Z";
  run("^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z))$", date, 20000);
  run("^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$", "123e4567-e89b-12d3-a456-426614174000", 20000);
  // the hostile case against a budget of 2,000,000 steps
  for (const char* p : {"^(a+)+$", "^(a+)+\\1$"}) {
    auto re = compile_regex(p);
    Budget b(2'000'000);
    double t0 = now_ms();
    const char* outcome = "answered";
    try { bool r = re->search(std::string(30, 'a') + "b", b); outcome = r ? "matched" : "no match"; } catch (const BudgetExhausted&) { outcome = "BudgetExhausted"; }
    std::printf("%s vs 30 a's + b, budget 2e6: %s after %.2f ms, %llu steps spent\n", p, outcome, now_ms() - t0, (unsigned long long)(2'000'000 - b.left()));
  }
}
