#pragma once
// UTF-8 as the engine reads it: one decoder for every place that walks text by code point
// (names, schema lengths and patterns) or cuts it (messages, recorded errors).
#include <cstddef>
#include <optional>
#include <string>

namespace crux::utf8 {

/// Decodes the code point starting at `text[i]` and advances `i` past it. Overlong forms,
/// surrogates and truncated sequences decode as U+FFFD, consuming one byte.
char32_t next_code_point(const std::string& text, std::size_t& i);

/// The number of code points in `text`, or nothing if it is not valid UTF-8.
std::optional<std::size_t> valid_length(const std::string& text);

/// The first `bytes` bytes of `text`, or fewer so as not to end inside a character.
std::string prefix(const std::string& text, std::size_t bytes);

}  // namespace crux::utf8
