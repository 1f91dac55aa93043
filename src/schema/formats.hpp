#pragma once
// The `format`s Crux checks when a schema's dialect asserts them (see README, Schemas): each by
// its RFC, in one pass over the string. Internal to src/schema.
#include <optional>
#include <string>

namespace crux::schema::detail {

enum class Format {
  kDateTime,             ///< RFC 3339 date-time
  kDate,                 ///< RFC 3339 full-date
  kTime,                 ///< RFC 3339 full-time
  kDuration,             ///< RFC 3339 Appendix A duration
  kEmail,                ///< RFC 5321 Mailbox
  kIpv4,                 ///< RFC 2673 dotted-quad
  kIpv6,                 ///< RFC 4291
  kUri,                  ///< RFC 3986 URI
  kUriReference,         ///< RFC 3986 URI-reference
  kUuid,                 ///< RFC 4122
  kJsonPointer,          ///< RFC 6901
  kRelativeJsonPointer,  ///< draft-handrews-relative-json-pointer-01
};

/// The format of that name, or std::nullopt when Crux does not check it.
std::optional<Format> format_named(const std::string& name);

/// The names of the formats Crux checks, for messages: "date-time, date, ... or uuid".
std::string checked_format_names();

/// Whether `text` is valid in `format`. Linear in the length of `text`.
bool matches_format(Format format, const std::string& text);

}  // namespace crux::schema::detail
