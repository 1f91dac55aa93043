#pragma once
#include <cstdint>
#include <string_view>

#include "core/json.hpp"

namespace crux {

/// Parses a duration into milliseconds: a non-negative integer number of ms, or a string of
/// one or more `<integer><unit>` parts with units ms, s, m, h, d, w (e.g. "30s", "1h30m").
/// Units must appear largest first and at most once ("1h30m", not "30m1h" or "1m1m"); no
/// spaces, lower case only; a string without a unit ("1500") is rejected as ambiguous.
/// Results above 2^53 ms are rejected. Anything else is Error(InvalidArgument) with a
/// message quoting the input and saying what was expected.
int64_t parse_duration(const Json& value);
int64_t parse_duration(std::string_view text);

}  // namespace crux
