// unicode_property for native builds: only the properties that need no Unicode database.
// The WebAssembly module asks the host's RegExp instead (bindings/host_unicode_property.cpp),
// which knows every property ECMAScript does; natively any other \p{...} is a RegexError.
#include "schema/regex_syntax.hpp"

namespace crux::schema::regex {

bool unicode_property(const std::string& expression, std::vector<CharSet::Range>& ranges) {
  if (expression == "Any") {
    ranges = {{0, 0x10FFFF}};
  } else if (expression == "ASCII") {
    ranges = {{0, 0x7F}};
  } else if (expression == "ASCII_Hex_Digit" || expression == "AHex") {
    ranges = {{'0', '9'}, {'A', 'F'}, {'a', 'f'}};
  } else {
    return false;
  }
  return true;
}

}  // namespace crux::schema::regex
