#include "schema/uri.hpp"

#include <cctype>

namespace crux::schema::detail {
namespace {

bool is_scheme(const std::string& text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (const char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

/// RFC 3986 5.2.4.
std::string remove_dot_segments(std::string input) {
  std::string output;
  while (!input.empty()) {
    if (input.rfind("../", 0) == 0) {
      input.erase(0, 3);
    } else if (input.rfind("./", 0) == 0) {
      input.erase(0, 2);
    } else if (input.rfind("/./", 0) == 0) {
      input.erase(0, 2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.rfind("/../", 0) == 0 || input == "/..") {
      input = input.size() == 3 ? "/" : input.substr(3);
      const auto last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input.clear();
    } else {
      const auto end = input.find('/', 1);
      output += input.substr(0, end);
      input.erase(0, end == std::string::npos ? input.size() : end);
    }
  }
  return output;
}

/// RFC 3986 5.2.3.
std::string merge_paths(const UriReference& base, const std::string& path) {
  if (base.authority && base.path.empty()) return "/" + path;
  const auto last = base.path.rfind('/');
  return last == std::string::npos ? path : base.path.substr(0, last + 1) + path;
}

}  // namespace

std::string UriReference::without_fragment() const {
  std::string text;
  if (scheme) text += *scheme + ":";
  if (authority) text += "//" + *authority;
  text += path;
  if (query) text += "?" + *query;
  return text;
}

std::string UriReference::text() const { return fragment ? without_fragment() + "#" + *fragment : without_fragment(); }

std::optional<UriReference> parse_uri_reference(const std::string& text) {
  UriReference uri;
  std::size_t at = 0;
  const auto scheme_end = text.find_first_of(":/?#");
  if (scheme_end != std::string::npos && text[scheme_end] == ':' && scheme_end > 0) {
    std::string scheme = text.substr(0, scheme_end);
    if (!is_scheme(scheme)) return std::nullopt;
    for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    uri.scheme = std::move(scheme);
    at = scheme_end + 1;
  }
  if (text.compare(at, 2, "//") == 0) {
    const auto end = text.find_first_of("/?#", at + 2);
    uri.authority = text.substr(at + 2, end == std::string::npos ? std::string::npos : end - at - 2);
    at = end == std::string::npos ? text.size() : end;
  }
  const auto path_end = text.find_first_of("?#", at);
  uri.path = text.substr(at, path_end == std::string::npos ? std::string::npos : path_end - at);
  at = path_end == std::string::npos ? text.size() : path_end;
  if (at < text.size() && text[at] == '?') {
    const auto end = text.find('#', at);
    uri.query = text.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
    at = end == std::string::npos ? text.size() : end;
  }
  if (at < text.size()) uri.fragment = text.substr(at + 1);
  return uri;
}

UriReference resolve_uri(const UriReference& base, const UriReference& reference) {
  UriReference target;
  if (reference.scheme) {
    target = reference;
    target.path = remove_dot_segments(reference.path);
  } else {
    if (reference.authority) {
      target.authority = reference.authority;
      target.path = remove_dot_segments(reference.path);
      target.query = reference.query;
    } else {
      if (reference.path.empty()) {
        target.path = base.path;
        target.query = reference.query ? reference.query : base.query;
      } else {
        target.path = remove_dot_segments(reference.path[0] == '/' ? reference.path
                                                                   : merge_paths(base, reference.path));
        target.query = reference.query;
      }
      target.authority = base.authority;
    }
    target.scheme = base.scheme;
  }
  target.fragment = reference.fragment;
  return target;
}

std::optional<std::string> percent_decode(const std::string& text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }
    if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      return std::nullopt;
    }
    decoded += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return decoded;
}

}  // namespace crux::schema::detail
