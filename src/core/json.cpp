#include "core/json.hpp"

#include "core/error.hpp"

namespace crux {

Json parse_json(std::string_view text) { return Json::parse(text.data(), text.data() + text.size()); }

Json parse_json_or_discarded(std::string_view text) {
  return Json::parse(text.data(), text.data() + text.size(), nullptr, false);
}

Json parse_argument(std::string_view text, const std::string& what) {
  if (text.empty()) return Json();
  try {
    return parse_json(text);
  } catch (const Json::exception&) {
    throw Error(Code::InvalidArgument, what + " is not valid JSON");
  }
}

}  // namespace crux
