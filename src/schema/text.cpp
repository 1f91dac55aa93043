#include "schema/text.hpp"

namespace crux::schema::detail {
namespace {

static_assert(sizeof(wchar_t) >= 4, "decode_utf8 stores one code point per wchar_t");

constexpr char32_t kReplacementCharacter = 0xFFFD;

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

char32_t next_code_point(const std::string& text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  char32_t code_point = 0;
  char32_t smallest = 0;  // below this the sequence is an overlong form
  if (lead < 0x80) {
    ++i;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, smallest = 0x10000;
  } else {
    ++i;
    return kReplacementCharacter;
  }
  if (i + length > text.size()) {
    ++i;
    return kReplacementCharacter;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[i + k]);
    if (!is_continuation(byte)) {
      ++i;
      return kReplacementCharacter;
    }
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  const bool is_surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < smallest || code_point > 0x10FFFF || is_surrogate) {
    ++i;
    return kReplacementCharacter;
  }
  i += length;
  return code_point;
}

std::size_t count_code_points(const std::string& text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) next_code_point(text, i);
  return count;
}

std::wstring decode_utf8(const std::string& text) {
  std::wstring decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    decoded.push_back(static_cast<wchar_t>(next_code_point(text, i)));
  }
  return decoded;
}

std::string shortened(std::string text, std::size_t max_chars) {
  if (text.size() <= max_chars) return text;
  std::size_t cut = max_chars;
  while (cut > 0 && is_continuation(static_cast<unsigned char>(text[cut]))) --cut;
  text.resize(cut);
  return text + "...";
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
