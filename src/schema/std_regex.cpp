// compile_regex for native builds, on std::regex over decoded code points (so `.` is one
// character, not one byte). Not linked into the WebAssembly module: see regex.hpp.
#include <regex>

#include "schema/regex.hpp"
#include "schema/text.hpp"

namespace crux::schema {

namespace {

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
  bool search(const std::string& utf8) const override {
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
    return std::make_unique<StdRegex>(build(detail::decode_utf8(source)));
  } catch (const std::regex_error& error) {
    throw RegexError(error.what());
  }
}

}  // namespace crux::schema
