// compile_regex for native builds, on std::regex over decoded code points (so `.` is one
// character, not one byte). Not linked into the WebAssembly module: see regex.hpp.
#include <regex>

#include "schema/regex.hpp"
#include "schema/text.hpp"

namespace crux::schema {

namespace {

/// libstdc++ reads a repetition count (`{n}`, `{n,m}`) or a backreference number (`\n`) into a
/// `long` with no overflow check: undefined behaviour past 19 digits, and past 9 the value is
/// cut to an int. No count that large could be matched (std::regex gives up past 100,000
/// states), so such a pattern is refused here, before std::regex reads it.
void refuse_huge_numbers(const std::wstring& source) {
  const auto digits_at = [&](size_t at) {
    size_t end = at;
    while (end < source.size() && source[end] >= L'0' && source[end] <= L'9') ++end;
    return end - at;
  };
  const auto check = [](size_t digits) {
    if (digits > 9) throw RegexError("a repetition count or backreference is too large");
  };
  bool in_class = false;
  for (size_t i = 0; i < source.size(); ++i) {
    if (source[i] == L'\\') {
      check(digits_at(i + 1));
      ++i;  // the escaped character
    } else if (in_class) {
      in_class = source[i] != L']';
    } else if (source[i] == L'[') {
      in_class = true;
    } else if (source[i] == L'{') {
      const size_t low = digits_at(i + 1);
      check(low);
      if (i + 1 + low < source.size() && source[i + 1 + low] == L',') check(digits_at(i + 2 + low));
    }
  }
}

/// With libstdc++ the regex is built in "polynomial" mode when it can be: the default
/// backtracking matcher recurses once per input character and overflows the stack on strings
/// of some 20k characters; polynomial mode does not (but has no backreferences).
std::wregex build(const std::wstring& source) {
#ifdef __GLIBCXX__
  try {
    return std::wregex(source, std::regex::ECMAScript | std::regex_constants::__polynomial);
  } catch (const std::regex_error&) {
    // A backreference, or a real syntax error that the line below reports.
  }
#endif
  return std::wregex(source, std::regex::ECMAScript);
}

class StdRegex : public Regex {
 public:
  explicit StdRegex(std::wregex regex) : regex_(std::move(regex)) {}
  bool search(const std::string& utf8, Budget& /*budget*/) const override {
    try {
      return std::regex_search(detail::decode_utf8(utf8), regex_);
    } catch (const std::regex_error& error) {
      throw RegexError(error.what());
    }
  }

 private:
  std::wregex regex_;
};

}  // namespace

std::unique_ptr<Regex> compile_regex(const std::string& source) {
  try {
    const std::wstring decoded = detail::decode_utf8(source);
    refuse_huge_numbers(decoded);
    return std::make_unique<StdRegex>(build(decoded));
  } catch (const std::regex_error& error) {
    throw RegexError(error.what());
  }
}

}  // namespace crux::schema
