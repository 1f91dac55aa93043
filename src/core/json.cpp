#include "core/json.hpp"

#include "core/error.hpp"

namespace crux {

namespace {

// Json::parse builds the DOM through one of two SAX handlers, with or without a per-value
// callback, and so compiles its parser twice; Crux never passes a callback, so it drives the
// one handler it needs (the same handler, the same parse_error exceptions, the same strict end
// of input). In WebAssembly this is one copy of the parser less (README: Module sizes).
bool parse_into(std::string_view text, Json& result, bool allow_exceptions) {
  nlohmann::detail::json_sax_dom_parser<Json> builder(result, allow_exceptions);
  return Json::sax_parse(text.data(), text.data() + text.size(), &builder);
}

}  // namespace

Json parse_json(std::string_view text) {
  Json result;
  parse_into(text, result, true);
  return result;
}

Json parse_json_or_discarded(std::string_view text) {
  Json result;
  if (!parse_into(text, result, false)) return Json(Json::value_t::discarded);
  return result;
}

Json parse_argument(std::string_view text, const std::string& what) {
  if (text.empty()) return Json();
  try {
    return parse_json(text);
  } catch (const Json::exception&) {
    raise(Code::InvalidArgument, {what, " is not valid JSON"});
  }
}

}  // namespace crux
