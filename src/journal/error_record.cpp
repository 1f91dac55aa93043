#include "journal/error_record.hpp"

#include <algorithm>

#include "core/json.hpp"
#include "core/utf8.hpp"

namespace crux::journal {
namespace {

constexpr std::size_t kMaxNameBytes = 256;

std::string string_member(const Json& error, const char* key, const std::string& fallback) {
  auto it = error.find(key);
  return it != error.end() && it->is_string() ? it->get<std::string>() : fallback;
}

}  // namespace

std::string error_record(const Error& error) {
  return Json{{"name", "CruxError"}, {"code", code_name(error.code())}, {"message", error.what()}}.dump();
}

std::string recordable_error(const std::string& error_json, std::size_t limit) {
  if (error_json.size() <= limit) return error_json;
  Json error = parse_json_or_discarded(error_json);
  if (!error.is_object()) error = Json{{"message", error.is_string() ? error.get<std::string>() : error_json}};

  Json cut = Json::object();
  cut["name"] = utf8::prefix(string_member(error, "name", "Error"), kMaxNameBytes);
  if (auto code = error.find("code"); code != error.end() && code->is_string()) {
    cut["code"] = utf8::prefix(code->get<std::string>(), kMaxNameBytes);
  }
  const std::string message = string_member(error, "message", "");
  const bool dropped = std::any_of(error.items().begin(), error.items().end(), [](const auto& item) {
    return item.key() != "name" && item.key() != "code" && item.key() != "message";
  });
  const std::string note = " [cut by Crux: the error was " + std::to_string(error_json.size()) +
                           " bytes of JSON, and a journal records at most " + std::to_string(limit) +
                           (dropped ? "; its other members were left out]" : "]");
  cut["truncated"] = true;
  // Escaping can only grow the text: cut until the whole record fits.
  std::size_t room = limit > note.size() + 64 ? limit - note.size() - 64 : 0;
  for (;;) {
    cut["message"] = utf8::prefix(message, room) + note;
    std::string text = cut.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() <= limit || room == 0) return text;
    room = std::min(room, message.size()) / 2;
  }
}

}  // namespace crux::journal
