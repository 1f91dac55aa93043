#include "schema/text.hpp"

#include "core/utf8.hpp"

namespace crux::schema::detail {
namespace {

static_assert(sizeof(wchar_t) >= 4, "decode_utf8 stores one code point per wchar_t");

}  // namespace

std::size_t count_code_points(const std::string& text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) utf8::next_code_point(text, i);
  return count;
}

std::wstring decode_utf8(const std::string& text) {
  std::wstring decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    decoded.push_back(static_cast<wchar_t>(utf8::next_code_point(text, i)));
  }
  return decoded;
}

std::string shortened(std::string text, std::size_t max_chars) {
  if (text.size() <= max_chars) return text;
  return utf8::prefix(text, max_chars) + "...";
}

std::string json_text(const Json& value, std::size_t max_chars) {
  return shortened(value.dump(-1, ' ', false, Json::error_handler_t::replace), max_chars);
}

std::string quoted(const std::string& text) { return json_text(Json(text), 120); }

std::string escape_pointer_token(const std::string& token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

}  // namespace crux::schema::detail
