#pragma once
#include <nlohmann/json.hpp>

#include <string_view>

#include "core/insertion_ordered_map.hpp"

namespace crux {
/// JSON with objects in insertion order (see core/insertion_ordered_map.hpp for why).
using Json = nlohmann::basic_json<InsertionOrderedMap>;

/// Json::parse over one input type. nlohmann/json instantiates its lexer and parser once per
/// input type (std::string's iterators, const char*, …); every read goes through here so the
/// module holds one copy. Throws Json::parse_error as Json::parse does.
Json parse_json(std::string_view text);
/// parse_json without throwing: a discarded value (is_discarded()) when `text` is not JSON.
Json parse_json_or_discarded(std::string_view text);
/// An argument from JavaScript: empty text means absent (null); text that is not JSON is
/// INVALID_ARGUMENT "<what> is not valid JSON".
Json parse_argument(std::string_view text, const std::string& what);
}
