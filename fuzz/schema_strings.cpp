// libFuzzer target: the schema validator's parsers of strings, on any bytes. The input is split
// into a URI reference (for `$id`/`$ref`, src/schema/uri.cpp) and checked against every format of
// src/schema/formats.cpp (signal payload strings, in the format-assertion dialect).
// Checked: splitting and joining a reference gives it back (its scheme lower-cased); resolving
// it against an absolute base gives an absolute URI that splits again; a valid "uri" has a scheme.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "schema/formats.hpp"
#include "schema/uri.hpp"

using namespace crux::schema::detail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string text(reinterpret_cast<const char*>(bytes), size);
  const auto reference = parse_uri_reference(text);
  if (reference) {
    std::string expected = text;
    if (reference->scheme) {
      for (std::size_t i = 0; i < reference->scheme->size(); ++i) {
        expected[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(expected[i])));
      }
    }
    if (reference->text() != expected) std::abort();
    static const UriReference base = *parse_uri_reference("https://example.com/a/b/c?q#f");
    const UriReference resolved = resolve_uri(base, *reference);
    if (!resolved.scheme) std::abort();
    const auto again = parse_uri_reference(resolved.text());
    if (!again || again->scheme != resolved.scheme) std::abort();
    (void)percent_decode(reference->fragment.value_or(""));
  }
  const Format formats[] = {Format::kDateTime, Format::kDate, Format::kTime, Format::kDuration, Format::kEmail,
                            Format::kIpv4, Format::kIpv6, Format::kUri, Format::kUriReference, Format::kUuid,
                            Format::kJsonPointer, Format::kRelativeJsonPointer};
  for (const Format format : formats) {
    const bool valid = matches_format(format, text);
    if (format == Format::kUri && valid && !(reference && reference->scheme)) std::abort();
  }
  return 0;
}
