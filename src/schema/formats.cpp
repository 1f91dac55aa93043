#include "schema/formats.hpp"

#include <cstddef>
#include <map>

namespace crux::schema::detail {
namespace {

// Byte classes over ASCII only: a non-ASCII byte is never a digit, letter or URI character.
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool all_of(const std::string& text, std::size_t from, std::size_t to, bool (*test)(char)) {
  for (std::size_t i = from; i < to; ++i) {
    if (!test(text[i])) return false;
  }
  return true;
}

/// The number in `count` ASCII digits at `at`, or -1.
int digits_at(const std::string& text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// ---- RFC 3339 ----

bool is_leap_year(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

bool is_full_date(const std::string& text, std::size_t from, std::size_t to) {
  if (to - from != 10 || text[from + 4] != '-' || text[from + 7] != '-') return false;
  const int year = digits_at(text, from, 4);
  const int month = digits_at(text, from + 5, 2);
  const int day = digits_at(text, from + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
  return day <= days;
}

/// time-hour ":" time-minute ":" time-second [time-secfrac] time-offset; a leap second only at
/// 23:59:60 UTC.
bool is_full_time(const std::string& text, std::size_t from, std::size_t to) {
  if (to - from < 9 || text[from + 2] != ':' || text[from + 5] != ':') return false;
  const int hour = digits_at(text, from, 2);
  const int minute = digits_at(text, from + 3, 2);
  const int second = digits_at(text, from + 6, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
  std::size_t at = from + 8;
  if (at < to && text[at] == '.') {
    const std::size_t start = ++at;
    while (at < to && is_digit(text[at])) ++at;
    if (at == start) return false;
  }
  if (at >= to) return false;
  int offset = 0;  // minutes east of UTC
  if (text[at] == 'Z' || text[at] == 'z') {
    if (at + 1 != to) return false;
  } else if (text[at] == '+' || text[at] == '-') {
    if (to - at != 6 || text[at + 3] != ':') return false;
    const int offset_hour = digits_at(text, at + 1, 2);
    const int offset_minute = digits_at(text, at + 4, 2);
    if (offset_hour < 0 || offset_hour > 23 || offset_minute < 0 || offset_minute > 59) return false;
    offset = (text[at] == '-' ? -1 : 1) * (offset_hour * 60 + offset_minute);
  } else {
    return false;
  }
  if (second == 60) {
    const int utc = ((hour * 60 + minute - offset) % 1440 + 1440) % 1440;
    if (utc != 23 * 60 + 59) return false;
  }
  return true;
}

bool is_date_time(const std::string& text) {
  const std::size_t t = 10;
  if (text.size() <= t || (text[t] != 'T' && text[t] != 't')) return false;
  return is_full_date(text, 0, t) && is_full_time(text, t + 1, text.size());
}

/// RFC 3339 Appendix A: "P" (dur-date / dur-time / dur-week), each unit at most once, in order,
/// none skipped between two present (Y then D needs M), whole numbers only.
bool is_duration(const std::string& text) {
  if (text.size() < 3 || text[0] != 'P') return false;
  std::size_t at = 1;
  // Reads runs of digits + unit letter from `units` in order; the units read must be contiguous.
  const auto read_units = [&](const std::string& units, bool& any) {
    std::size_t next_unit = 0;
    std::size_t last = std::string::npos;
    while (at < text.size() && is_digit(text[at])) {
      const std::size_t start = at;
      while (at < text.size() && is_digit(text[at])) ++at;
      if (at == start || at == text.size()) return false;
      const std::size_t unit = units.find(text[at], next_unit);
      if (unit == std::string::npos) return false;
      if (last != std::string::npos && unit != last + 1) return false;
      last = unit;
      next_unit = unit + 1;
      ++at;
      any = true;
    }
    return true;
  };
  if (text.size() >= 3 && text.back() == 'W') {
    return all_of(text, 1, text.size() - 1, is_digit);
  }
  bool date_part = false;
  if (!read_units("YMD", date_part)) return false;
  bool time_part = false;
  if (at < text.size()) {
    if (text[at] != 'T') return false;
    ++at;
    if (!read_units("HMS", time_part) || !time_part) return false;
  }
  return at == text.size() && (date_part || time_part);
}

// ---- IP addresses ----

bool is_ipv4(const std::string& text, std::size_t from, std::size_t to) {
  int parts = 0;
  std::size_t at = from;
  while (true) {
    const std::size_t start = at;
    while (at < to && is_digit(text[at])) ++at;
    const std::size_t length = at - start;
    if (length == 0 || length > 3 || (length > 1 && text[start] == '0')) return false;
    if (digits_at(text, start, length) > 255) return false;
    if (++parts == 4) return at == to;
    if (at >= to || text[at] != '.') return false;
    ++at;
  }
}

bool is_ipv6(const std::string& text, std::size_t from, std::size_t to) {
  int groups = 0;
  bool compressed = false;
  std::size_t at = from;
  if (to - from >= 2 && text[from] == ':' && text[from + 1] == ':') {
    compressed = true;
    at += 2;
    if (at == to) return true;
  } else if (at < to && text[at] == ':') {
    return false;
  }
  while (at < to) {
    std::size_t end = at;
    while (end < to && is_hex(text[end])) ++end;
    if (end < to && text[end] == '.') {  // a trailing IPv4 address: two groups
      if (!is_ipv4(text, at, to)) return false;
      groups += 2;
      at = to;
      break;
    }
    if (end == at || end - at > 4) return false;
    ++groups;
    at = end;
    if (at == to) break;
    if (text[at] != ':') return false;
    ++at;
    if (at < to && text[at] == ':') {
      if (compressed) return false;
      compressed = true;
      ++at;
      if (at == to) break;
    } else if (at == to) {
      return false;  // a single trailing ":"
    }
  }
  return compressed ? groups < 8 : groups == 8;
}

// ---- RFC 3986 ----

bool is_unreserved(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~'; }
bool is_sub_delim(char c) {
  switch (c) {
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',': case ';': case '=':
      return true;
    default:
      return false;
  }
}

/// Whether text[from, to) is made of unreserved, sub-delims, pct-encoded and the `extra` characters.
bool is_uri_text(const std::string& text, std::size_t from, std::size_t to, const char* extra) {
  for (std::size_t i = from; i < to; ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= to) return false;
      if (!is_hex(text[i + 1]) || !is_hex(text[i + 2])) return false;
      i += 2;
    } else if (!is_unreserved(c) && !is_sub_delim(c) && !(c != '\0' && std::string(extra).find(c) != std::string::npos)) {
      return false;
    }
  }
  return true;
}

/// authority = [ userinfo "@" ] host [ ":" port ]
bool is_authority(const std::string& text, std::size_t from, std::size_t to) {
  const std::size_t at_sign = text.find('@', from);
  if (at_sign != std::string::npos && at_sign < to) {
    if (!is_uri_text(text, from, at_sign, ":")) return false;
    from = at_sign + 1;
  }
  std::size_t host_end;
  if (from < to && text[from] == '[') {
    const std::size_t close = text.find(']', from);
    if (close == std::string::npos || close >= to) return false;
    const bool future = close > from + 1 && (text[from + 1] == 'v' || text[from + 1] == 'V');
    if (future) {
      const std::size_t dot = text.find('.', from + 2);
      if (dot == std::string::npos || dot >= close || dot == from + 2 || !all_of(text, from + 2, dot, is_hex) ||
          dot + 1 == close || !is_uri_text(text, dot + 1, close, ":")) {
        return false;
      }
    } else if (!is_ipv6(text, from + 1, close)) {
      return false;
    }
    host_end = close + 1;
  } else {
    host_end = from;
    while (host_end < to && text[host_end] != ':') ++host_end;
    if (!is_uri_text(text, from, host_end, "")) return false;
  }
  if (host_end == to) return true;
  return text[host_end] == ':' && all_of(text, host_end + 1, to, is_digit);
}

/// hier-part or relative-part, then [ "?" query ] [ "#" fragment ]; `relative` for relative-ref.
bool is_uri_after_scheme(const std::string& text, std::size_t at, bool relative) {
  const std::size_t end = text.find_first_of("?#", at);
  const std::size_t path_end = end == std::string::npos ? text.size() : end;
  std::size_t path_start = at;
  if (text.compare(at, 2, "//") == 0) {
    const std::size_t authority_end = std::min(text.find('/', at + 2), path_end);
    if (!is_authority(text, at + 2, authority_end)) return false;
    path_start = authority_end;
  } else if (relative) {
    // path-noscheme: no ":" in the first segment.
    const std::size_t first_slash = text.find('/', at);
    const std::size_t first_segment_end = std::min(first_slash, path_end);
    if (text.find(':', at) < first_segment_end) return false;
  }
  if (!is_uri_text(text, path_start, path_end, ":@/")) return false;
  if (end == std::string::npos) return true;
  const std::size_t hash = text.find('#', end);
  if (text[end] == '?' && !is_uri_text(text, end + 1, hash == std::string::npos ? text.size() : hash, ":@/?")) {
    return false;
  }
  return hash == std::string::npos || is_uri_text(text, hash + 1, text.size(), ":@/?");
}

/// The length of the scheme at the start of `text` ("http" in "http:..."), or 0.
std::size_t scheme_length(const std::string& text) {
  if (text.empty() || !is_alpha(text[0])) return 0;
  std::size_t at = 1;
  while (at < text.size() && (is_alpha(text[at]) || is_digit(text[at]) || text[at] == '+' || text[at] == '-' || text[at] == '.')) ++at;
  return at < text.size() && text[at] == ':' ? at : 0;
}

bool is_uri(const std::string& text) {
  const std::size_t scheme = scheme_length(text);
  return scheme > 0 && is_uri_after_scheme(text, scheme + 1, false);
}

bool is_uri_reference(const std::string& text) {
  return is_uri(text) || is_uri_after_scheme(text, 0, true);
}

// ---- Mail ----

bool is_atext(char c) {
  return is_alpha(c) || is_digit(c) || std::string("!#$%&'*+-/=?^_`{|}~").find(c) != std::string::npos;
}

/// RFC 5321 Domain: labels of letters, digits and inner hyphens; or an address literal.
bool is_mail_domain(const std::string& text, std::size_t from) {
  const std::size_t to = text.size();
  if (from < to && text[from] == '[') {
    if (text[to - 1] != ']') return false;
    if (text.compare(from + 1, 5, "IPv6:") == 0) return is_ipv6(text, from + 6, to - 1);
    return is_ipv4(text, from + 1, to - 1);
  }
  std::size_t label = from;
  while (true) {
    std::size_t end = label;
    while (end < to && text[end] != '.') ++end;
    if (end == label || end - label > 63 || text[label] == '-' || text[end - 1] == '-') return false;
    for (std::size_t i = label; i < end; ++i) {
      if (!is_alpha(text[i]) && !is_digit(text[i]) && text[i] != '-') return false;
    }
    if (end == to) return true;
    label = end + 1;
  }
}

/// RFC 5321 Mailbox: Local-part "@" Domain, the local part a dot-string or a quoted string.
bool is_email(const std::string& text) {
  if (text.empty()) return false;
  std::size_t at = 0;
  if (text[0] == '"') {
    for (at = 1; at < text.size() && text[at] != '"'; ++at) {
      const auto c = static_cast<unsigned char>(text[at]);
      if (c == '\\') {
        if (++at >= text.size() || static_cast<unsigned char>(text[at]) < 32 || static_cast<unsigned char>(text[at]) > 126) return false;
      } else if (c < 32 || c > 126) {
        return false;
      }
    }
    if (at >= text.size()) return false;
    ++at;  // the closing quote
  } else {
    bool after_dot = true;
    for (; at < text.size() && text[at] != '@'; ++at) {
      if (text[at] == '.') {
        if (after_dot) return false;
        after_dot = true;
      } else if (is_atext(text[at])) {
        after_dot = false;
      } else {
        return false;
      }
    }
    if (after_dot) return false;  // empty, or ends with a dot
  }
  return at < text.size() && text[at] == '@' && is_mail_domain(text, at + 1);
}

// ---- The rest ----

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
    if (hyphen ? text[i] != '-' : !is_hex(text[i])) return false;
  }
  return true;
}

bool is_json_pointer(const std::string& text, std::size_t from) {
  if (from < text.size() && text[from] != '/') return false;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '~' && (i + 1 == text.size() || (text[i + 1] != '0' && text[i + 1] != '1'))) return false;
  }
  return true;
}

/// A non-negative integer (no leading zero), then "#" or a JSON pointer.
bool is_relative_json_pointer(const std::string& text) {
  std::size_t at = 0;
  while (at < text.size() && is_digit(text[at])) ++at;
  if (at == 0 || (at > 1 && text[0] == '0')) return false;
  if (at < text.size() && text[at] == '#') return at + 1 == text.size();
  return is_json_pointer(text, at);
}

const std::map<std::string, Format>& formats_by_name() {
  static const std::map<std::string, Format> formats{
      {"date-time", Format::kDateTime},
      {"date", Format::kDate},
      {"time", Format::kTime},
      {"duration", Format::kDuration},
      {"email", Format::kEmail},
      {"ipv4", Format::kIpv4},
      {"ipv6", Format::kIpv6},
      {"uri", Format::kUri},
      {"uri-reference", Format::kUriReference},
      {"uuid", Format::kUuid},
      {"json-pointer", Format::kJsonPointer},
      {"relative-json-pointer", Format::kRelativeJsonPointer},
  };
  return formats;
}

}  // namespace

std::string checked_format_names() {
  std::string names;
  for (const auto& [name, format] : formats_by_name()) names += (names.empty() ? "" : ", ") + name;
  return names;
}

std::optional<Format> format_named(const std::string& name) {
  const auto& formats = formats_by_name();
  const auto found = formats.find(name);
  return found == formats.end() ? std::nullopt : std::optional<Format>(found->second);
}

bool matches_format(Format format, const std::string& text) {
  switch (format) {
    case Format::kDateTime:
      return is_date_time(text);
    case Format::kDate:
      return is_full_date(text, 0, text.size());
    case Format::kTime:
      return is_full_time(text, 0, text.size());
    case Format::kDuration:
      return is_duration(text);
    case Format::kEmail:
      return is_email(text);
    case Format::kIpv4:
      return is_ipv4(text, 0, text.size());
    case Format::kIpv6:
      return is_ipv6(text, 0, text.size());
    case Format::kUri:
      return is_uri(text);
    case Format::kUriReference:
      return is_uri_reference(text);
    case Format::kUuid:
      return is_uuid(text);
    case Format::kJsonPointer:
      return is_json_pointer(text, 0);
    case Format::kRelativeJsonPointer:
      return is_relative_json_pointer(text);
  }
  return false;
}

}  // namespace crux::schema::detail
