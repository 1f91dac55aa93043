#pragma once
// URI references as JSON Schema uses them for `$id`, `$ref` and `$dynamicRef` (RFC 3986): split
// into parts, and resolved against a base URI. Internal to src/schema.
#include <optional>
#include <string>

namespace crux::schema::detail {

/// A URI reference split by RFC 3986 Appendix B. Absent parts are std::nullopt, so "a?" (empty
/// query) and "a" differ, as RFC 3986 says they do.
struct UriReference {
  std::optional<std::string> scheme;     ///< Lower-cased.
  std::optional<std::string> authority;  ///< After "//".
  std::string path;
  std::optional<std::string> query;
  std::optional<std::string> fragment;   ///< As written (still percent-encoded).

  /// The reference as text (RFC 3986 5.3).
  std::string text() const;
  /// The reference without its fragment, as text: what names a schema resource.
  std::string without_fragment() const;
};

/// Splits `text`. Lenient about characters (a `$ref` to "#/$defs/a b" is common enough);
/// std::nullopt only when what stands before the first ":" (and before any "/", "?", "#") is not
/// a scheme, ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
std::optional<UriReference> parse_uri_reference(const std::string& text);

/// `reference` resolved against `base`, an absolute URI (RFC 3986 5.2.2, dot segments removed).
UriReference resolve_uri(const UriReference& base, const UriReference& reference);

/// "%41" -> "A"; std::nullopt when a "%" is not followed by two hex digits.
std::optional<std::string> percent_decode(const std::string& text);

}  // namespace crux::schema::detail
