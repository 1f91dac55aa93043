#include "time/duration.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace crux {
namespace {

using limits::kMaxDurationMs;
constexpr const char* kTooLarge = "too large (more than 100 years)";

constexpr const char* kExpectedForm =
    "Expected a non-negative integer number of milliseconds or a string of "
    "<integer><unit> parts, largest unit first, units ms, s, m, h, d, w "
    "(e.g. \"250ms\", \"30s\", \"1h30m\", \"7d\")";

struct Unit {
  const char* name;
  int64_t ms;
};

/// Largest first: a string's units must follow this order.
constexpr Unit kUnits[] = {
    {"w", 7 * 24 * 60 * 60 * 1000LL},
    {"d", 24 * 60 * 60 * 1000LL},
    {"h", 60 * 60 * 1000LL},
    {"m", 60 * 1000LL},
    {"s", 1000LL},
    {"ms", 1LL},
};
constexpr size_t kUnitCount = sizeof(kUnits) / sizeof(kUnits[0]);

/// The input as a JSON literal, cut short so a huge input cannot bloat the message.
std::string quote(const Json& value) {
  constexpr size_t kMaxQuoted = 80;
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > kMaxQuoted) text = text.substr(0, kMaxQuoted) + "...";
  return text;
}

[[noreturn]] void reject(const Json& input, const std::string& reason) {
  raise(Code::InvalidArgument, {"invalid duration ", quote(input), ": ", reason, ". ", kExpectedForm});
}

[[noreturn]] void reject_text(std::string_view text, const std::string& reason) {
  reject(Json(std::string(text)), reason);
}

/// Names the character at `pos` for a message, e.g. `"." at position 1`.
std::string character_at(std::string_view text, size_t pos) {
  const char c = text[pos];
  // Only printable ASCII is echoed: a lone byte of a UTF-8 sequence would corrupt the message.
  const std::string shown = (c >= 0x20 && c < 0x7f) ? "\"" + std::string(1, c) + "\"" : "character";
  return "unexpected " + shown + " at position " + std::to_string(pos);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Index of `name` in kUnits, or kUnitCount if it is not a unit.
size_t find_unit(std::string_view name) {
  for (size_t i = 0; i < kUnitCount; ++i) {
    if (name == kUnits[i].name) return i;
  }
  return kUnitCount;
}

/// Reads the digits at `pos` as a number no larger than kMaxDurationMs.
int64_t read_count(std::string_view text, size_t& pos) {
  int64_t count = 0;
  for (; pos < text.size() && is_digit(text[pos]); ++pos) {
    count = count * 10 + (text[pos] - '0');
    if (count > kMaxDurationMs) reject_text(text, kTooLarge);
  }
  return count;
}

int64_t parse_number(const Json& value) {
  if (value.is_number_unsigned()) {
    const uint64_t ms = value.get<uint64_t>();
    if (ms > static_cast<uint64_t>(kMaxDurationMs)) reject(value, kTooLarge);
    return static_cast<int64_t>(ms);
  }
  if (value.is_number_integer()) {
    const int64_t ms = value.get<int64_t>();
    if (ms < 0) reject(value, "negative");
    if (ms > kMaxDurationMs) reject(value, kTooLarge);
    return ms;
  }
  // A float is accepted only when it holds a whole number (JS hands every number over as one).
  const double ms = value.get<double>();
  if (!std::isfinite(ms)) reject(value, "not a finite number");
  if (ms < 0) reject(value, "negative");
  if (std::trunc(ms) != ms) reject(value, "not a whole number of milliseconds");
  if (ms > static_cast<double>(kMaxDurationMs)) reject(value, kTooLarge);
  return static_cast<int64_t>(ms);
}

}  // namespace

int64_t parse_duration(std::string_view text) {
  if (text.empty()) reject_text(text, "empty");
  int64_t total = 0;
  size_t next_allowed_unit = 0;  // index into kUnits: units may only get smaller
  size_t pos = 0;
  while (pos < text.size()) {
    if (pos == 0 && text[0] == '-') reject_text(text, "negative");
    if (!is_digit(text[pos])) reject_text(text, character_at(text, pos));
    const int64_t count = read_count(text, pos);

    const size_t unit_start = pos;
    while (pos < text.size() && is_letter(text[pos])) ++pos;
    const std::string_view unit_name = text.substr(unit_start, pos - unit_start);
    if (unit_name.empty()) {
      if (pos < text.size()) reject_text(text, character_at(text, pos) + ", wanted a unit");
      if (next_allowed_unit == 0) {  // the whole string is digits, e.g. "1500"
        reject_text(text, "a number in a string needs a unit (\"" + std::string(text) +
                              "ms\", or the plain number for milliseconds)");
      }
      reject_text(text, "missing unit after the last number");
    }
    const size_t unit = find_unit(unit_name);
    if (unit == kUnitCount) {
      reject_text(text, "unknown unit \"" + std::string(unit_name.substr(0, 10)) +
                            (unit_name.size() > 10 ? "...\"" : "\""));
    }
    if (unit < next_allowed_unit) {
      reject_text(text, "unit \"" + std::string(unit_name) + "\" repeated or out of order");
    }
    next_allowed_unit = unit + 1;

    // count <= kMaxDurationMs and the check keeps count * unit.ms and the sum within it.
    if (count > (kMaxDurationMs - total) / kUnits[unit].ms) {
      reject_text(text, kTooLarge);
    }
    total += count * kUnits[unit].ms;
  }
  return total;
}

int64_t parse_duration(const Json& value) {
  if (value.is_number()) return parse_number(value);
  if (value.is_string())
    return parse_duration(std::string_view(value.get_ref<const std::string&>()));
  reject(value, std::string("wrong type (") + value.type_name() + ")");
}

}  // namespace crux
