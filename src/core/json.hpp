#pragma once

namespace crux {
/// Raised where nlohmann/json would throw one of its own exceptions (a missing key for `at`, a
/// value of another type for `get`, ...): Error(INVALID_ARGUMENT) "a JSON value is not of the
/// expected shape". Arguments from JavaScript are checked before they are read, so there it is a
/// last resort; readers of stored records rely on it and turn it into STORAGE_CORRUPT naming the
/// entry. Its message is generic because building nlohmann's messages and exception classes at
/// each of its throw sites cost crux.wasm 4.9 KiB (README: Module sizes).
[[noreturn]] void json_mismatch();
}  // namespace crux
#define JSON_THROW_USER(exception) ::crux::json_mismatch()
#include <nlohmann/json.hpp>

#include <string_view>

#include "core/insertion_ordered_map.hpp"

namespace crux {
/// JSON with objects in insertion order (see core/insertion_ordered_map.hpp for why).
using Json = nlohmann::basic_json<InsertionOrderedMap>;

/// Json::parse over one input type. nlohmann/json instantiates its lexer and parser once per
/// input type (std::string's iterators, const char*, …); every read goes through here so the
/// module holds one copy. Text that is not JSON is Error(INVALID_ARGUMENT) "not valid JSON: "
/// and the parser's account of where and why.
Json parse_json(std::string_view text);
/// parse_json without throwing: a discarded value (is_discarded()) when `text` is not JSON.
Json parse_json_or_discarded(std::string_view text);
/// An argument from JavaScript: empty text means absent (null); text that is not JSON is
/// INVALID_ARGUMENT "<what> is not valid JSON".
Json parse_argument(std::string_view text, const std::string& what);
}
