// unicode_property for the WebAssembly module: the host's RegExp knows every Unicode property
// ECMAScript does (and the Unicode version of the browser), so it is asked once per property;
// the ranges are then matched by our own matcher (src/schema/regex_matcher.cpp).
#include <emscripten.h>

#include <cstdint>

#include "schema/regex_syntax.hpp"

// Fills `out` with up to `capacity` [first, last] pairs and returns how many pairs the property
// has (-1 if the host does not know it). The host finds the runs of \p{...} in one string of
// every code point but the surrogates; both the string and each answer are kept on the module.
EM_JS(int, crux_unicode_property, (const char* expression, int length, uint32_t* out, int capacity), {
  var name = UTF8ToString(expression, length);
  var cache = Module.cruxUnicodeProperties || (Module.cruxUnicodeProperties = new Map());
  if (!cache.has(name)) {
    var ranges = null;
    try {
      var runs = new RegExp(String.fromCharCode(92) + 'p{' + name + '}+', 'gu');  // no backslash in EM_JS
      if (!Module.cruxAllCodePoints) {
        var parts = [];
        for (var first = 0; first <= 0x10FFFF; first += 0x1000) {
          var chunk = [];
          for (var cp = first; cp < first + 0x1000; cp++) {
            if (cp < 0xD800 || cp > 0xDFFF) chunk.push(cp);
          }
          if (chunk.length) parts.push(String.fromCodePoint.apply(null, chunk));
        }
        Module.cruxAllCodePoints = parts.join("");
      }
      // UTF-16 index in that string -> code point
      var at = function(i) { return i < 0xD800 ? i : i < 0xF800 ? i + 0x800 : 0x10000 + ((i - 0xF800) >> 1); };
      ranges = [];
      for (var match of Module.cruxAllCodePoints.matchAll(runs)) {
        ranges.push(at(match.index), at(match.index + match[0].length) - 1);
      }
    } catch (e) {
      ranges = null;
    }
    cache.set(name, ranges);
  }
  var found = cache.get(name);
  if (!found) return -1;
  for (var k = 0; k < found.length && k < 2 * capacity; k++) HEAPU32[(out >> 2) + k] = found[k];
  return found.length / 2;
});

namespace crux::schema::regex {

bool unicode_property(const std::string& expression, std::vector<CharSet::Range>& ranges) {
  std::vector<std::uint32_t> pairs(2 * 256);
  int count = crux_unicode_property(expression.data(), static_cast<int>(expression.size()), pairs.data(), 256);
  if (count < 0) return false;
  if (count > 256) {
    pairs.resize(2 * static_cast<std::size_t>(count));
    crux_unicode_property(expression.data(), static_cast<int>(expression.size()), pairs.data(), count);
  }
  ranges.clear();
  for (int i = 0; i < count; ++i) ranges.emplace_back(pairs[2 * i], pairs[2 * i + 1]);
  return true;
}

}  // namespace crux::schema::regex
