#pragma once
// Text helpers of the schema validator: UTF-8 decoding (on core/utf8.hpp) and JSON-ish quoting
// for messages.
#include <cstddef>
#include <string>

#include "core/json.hpp"

namespace crux::schema::detail {

/// The number of Unicode code points in UTF-8 `text` (what `minLength`/`maxLength` count);
/// each byte of an invalid sequence counts as one.
std::size_t count_code_points(const std::string& text);

/// `text` decoded from UTF-8 into one wchar_t per code point (for std::wregex); each byte of an
/// invalid sequence becomes U+FFFD.
std::wstring decode_utf8(const std::string& text);

/// `text` cut to at most `max_chars` bytes (on a UTF-8 character boundary) plus "..." when longer.
std::string shortened(std::string text, std::size_t max_chars);

/// `value` as compact JSON text, never throwing on invalid UTF-8, cut to about `max_chars`.
std::string json_text(const Json& value, std::size_t max_chars = 200);

/// `text` as a JSON string literal, e.g. "approved" with its quotes.
std::string quoted(const std::string& text);

/// One JSON Pointer reference token: "~" becomes "~0" and "/" becomes "~1" (RFC 6901).
std::string escape_pointer_token(const std::string& token);

}  // namespace crux::schema::detail
