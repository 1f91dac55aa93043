// The two calls nlohmann/json makes into libc's number formatting, answered without the parts of
// musl that only they would bring into a module. Each module links with
// -Wl,--wrap=strtod,--wrap=snprintf (CMakeLists.txt), so their calls land here:
//
// - strtod, for the text of every JSON number with a fraction or an exponent, and of integers
//   that do not fit in 64 bits (the others go to strtoll/strtoull). musl computes it in 128-bit
//   long double, which WebAssembly emulates in software: that code (its divide, multiply, add,
//   fmodl, scalbnl…, much of it inlined into the parser) was 9 KiB of crux.wasm gzipped.
//   JavaScript's Number() rounds correctly in V8, SpiderMonkey and JavaScriptCore, as musl's
//   strtod does, so the value is the same double. (The language lets an engine round past the
//   20th significant digit; those three do not.)
// - snprintf, which Crux's use of nlohmann/json reaches only for "\u%04x" escapes when writing
//   control characters and "<U+%.4X>" in a parse error's message. Emscripten's libc has an
//   integer-only vsnprintf (the one LLVM's printf simplification calls iprintf); musl's full one
//   brings floating-point formatting along.
//
// Both take only what nlohmann/json gives them and abort on anything else, so a new caller
// fails at once in the tests rather than reading or writing a number wrongly.
#include <emscripten/emscripten.h>

#include <cerrno>
#include <cmath>
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
    at += 1 + std::strspn(at + 1, "-+ #0123456789.*$hlLjzt");
    if (*at == '\0') return false;
    if (std::strchr("aAeEfFgG", *at)) return true;
    at++;  // the conversion, or the second % of %%
  }
  return false;
}

}  // namespace

/// strtod for a number token nlohmann/json's lexer has already checked: the whole of `text` is
/// the number. Overflow sets ERANGE, as strtod does (nlohmann/json then refuses the infinite
/// value); an underflow to zero does not, which nlohmann/json never asks about.
extern "C" double __wrap_strtod(const char* text, char** end) {
  const size_t length = std::strspn(text, "0123456789+-.eE");
  if (length == 0 || text[length] != '\0') std::abort();  // not a lone number: not nlohmann's
  const double value = number_from_text(text, length);
  if (std::isnan(value)) std::abort();
  if (std::isinf(value)) errno = ERANGE;
  if (end) *end = const_cast<char*>(text + length);
  return value;
}

extern "C" int __wrap_snprintf(char* buffer, size_t size, const char* format, ...) {
  if (formats_floating_point(format)) std::abort();  // a new caller: give it musl's snprintf back
  va_list arguments;
  va_start(arguments, format);
  const int written = vsniprintf(buffer, size, format, arguments);
  va_end(arguments);
  return written;
}
