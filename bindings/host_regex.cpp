// compile_regex for the WebAssembly module, on the host's RegExp with the `u` flag: the
// ECMA-262 dialect JSON Schema specifies (\p{…}, lookbehind, named groups), no stack
// overflow on long inputs, and no std::regex in the .wasm. See src/schema/regex.hpp.
#include <emscripten.h>

#include <string>

#include "schema/regex.hpp"

// Regexes live in a table on the module, by id; text crosses as UTF-8 bytes with a length
// (a JSON string may hold U+0000, where UTF8ToString would stop).
EM_JS(int, crux_regex_compile, (const char* source, int length, char* error, int error_size), {
  var table = Module.cruxRegexes || (Module.cruxRegexes = { next: 1, byId: new Map() });
  try {
    var regex = new RegExp(new TextDecoder().decode(HEAPU8.subarray(source, source + length)), 'u');
  } catch (e) {
    stringToUTF8(String(e && e.message || e), error, error_size);
    return 0;
  }
  var id = table.next++;
  table.byId.set(id, regex);
  return id;
});

// 1 match, 0 no match, -1 the matcher gave up (e.g. a RangeError on a pathological input).
EM_JS(int, crux_regex_search, (int id, const char* text, int length), {
  try {
    return Module.cruxRegexes.byId.get(id).test(new TextDecoder().decode(HEAPU8.subarray(text, text + length))) ? 1 : 0;
  } catch (e) {
    return -1;
  }
});

EM_JS(void, crux_regex_free, (int id), { Module.cruxRegexes.byId.delete(id); });

namespace crux::schema {

namespace {

class HostRegex : public Regex {
 public:
  explicit HostRegex(int id) : id_(id) {}
  ~HostRegex() override { crux_regex_free(id_); }
  HostRegex(const HostRegex&) = delete;
  HostRegex& operator=(const HostRegex&) = delete;

  bool search(const std::string& utf8, Budget& /*budget*/) const override {
    int found = crux_regex_search(id_, utf8.data(), static_cast<int>(utf8.size()));
    if (found < 0) throw RegexError("the pattern could not be matched against this input");
    return found == 1;
  }

 private:
  int id_;
};

}  // namespace

std::unique_ptr<Regex> compile_regex(const std::string& source) {
  char error[256] = {0};
  int id = crux_regex_compile(source.data(), static_cast<int>(source.size()), error, sizeof error);
  if (id == 0) throw RegexError(error);
  return std::make_unique<HostRegex>(id);
}

}  // namespace crux::schema
