// libFuzzer target: compiles a JSON Schema `pattern` with our matcher and searches a text.
// Input: the pattern's UTF-8, a 0xFF byte (never part of UTF-8), then the text; with no 0xFF
// the input is both. A RegexError (an invalid pattern) is the only way compiling may fail; a
// search answers or throws BudgetExhausted, and never spends more than its budget.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "schema/regex.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string data(reinterpret_cast<const char*>(bytes), size);
  const std::size_t split = data.find('\xFF');
  const std::string pattern = data.substr(0, split);
  const std::string text = split == std::string::npos ? data : data.substr(split + 1);

  std::unique_ptr<crux::schema::Regex> regex;
  try {
    regex = crux::schema::compile_regex(pattern);
  } catch (const crux::schema::RegexError& error) {
    if (std::string(error.what()).empty()) std::abort();
    return 0;
  }
  constexpr std::uint64_t kSteps = 200'000;
  int answers[2];
  for (int& answer : answers) {
    crux::schema::Budget budget(kSteps);
    try {
      answer = regex->search(text, budget) ? 1 : 0;
      if (budget.left() > kSteps) std::abort();
    } catch (const crux::schema::BudgetExhausted&) {
      if (budget.left() != 0) std::abort();
      answer = -1;
    }
  }
  // A compiled pattern keeps no state between searches.
  if (answers[0] != answers[1]) std::abort();
  return 0;
}
