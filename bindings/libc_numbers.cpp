// The two calls nlohmann/json makes into libc's number formatting, answered without the parts of
// musl that only they would bring into a module. Each module links with
// -Wl,--wrap=strtod,--wrap=snprintf (CMakeLists.txt), so their calls land here:
//
// - strtod, for the text of every JSON number with a fraction or an exponent (integers the
//   lexer reads itself). musl computes it in 128-bit long double, which WebAssembly emulates in
//   software: that code (its divide, multiply, add, fmodl, scalbnl…, much of it inlined into
//   the parser) was 9 KiB of crux.wasm gzipped. JavaScript's Number() is correctly rounded, as
//   musl's strtod is, so the value is the same double.
// - snprintf, for "\u%04x" escapes when writing control characters and "<U+%.4X>" in a parse
//   error's message. Emscripten's libc has an integer-only vsnprintf (the one LLVM's printf
//   simplification calls iprintf); musl's full one brings floating-point formatting along.
#include <emscripten/emscripten.h>

#include <cstdarg>
#include <cstddef>
#include <cstdlib>
#include <cstring>

extern "C" int vsniprintf(char* buffer, size_t size, const char* format, va_list arguments);

namespace {

EM_JS(double, number_from_text, (const char* text, size_t length), {
  return Number(UTF8ToString(text, length));
});

/// Whether `format` converts a floating-point value (%f, %e, %g, %a in any case), which the
/// integer-only printf cannot write.
bool formats_floating_point(const char* format) {
  for (const char* at = std::strchr(format, '%'); at; at = std::strchr(at, '%')) {
    at += 1 + std::strspn(at + 1, "-+ #0123456789.*hlLjzt");
    if (*at == '\0') return false;
    if (std::strchr("aAeEfFgG", *at)) return true;
    at++;  // the conversion, or the second % of %%
  }
  return false;
}

}  // namespace

/// strtod for the numbers nlohmann/json's lexer has already checked: the longest run of number
/// characters from `text`; no conversion (0, `*end` = `text`) when that is not a number.
extern "C" double __wrap_strtod(const char* text, char** end) {
  const size_t length = std::strspn(text, "0123456789+-.eE");
  const double value = length == 0 ? __builtin_nan("") : number_from_text(text, length);
  const bool converted = value == value;
  if (end) *end = const_cast<char*>(converted ? text + length : text);
  return converted ? value : 0;
}

extern "C" int __wrap_snprintf(char* buffer, size_t size, const char* format, ...) {
  if (formats_floating_point(format)) std::abort();  // a new caller: give it musl's snprintf back
  va_list arguments;
  va_start(arguments, format);
  const int written = vsniprintf(buffer, size, format, arguments);
  va_end(arguments);
  return written;
}
