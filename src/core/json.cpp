#include "core/json.hpp"

#include "core/error.hpp"

namespace crux {

namespace {

// Json::parse builds the DOM through one of two SAX handlers, with or without a per-value
// callback, and so compiles its parser twice; Crux never passes a callback, so it drives the
// one handler it needs (the same handler, the same strict end of input). In WebAssembly this is
// one copy of the parser less (README: Module sizes). It keeps the parser's message instead of
// throwing it.
class Builder : public nlohmann::detail::json_sax_dom_parser<Json> {
 public:
  explicit Builder(Json& result) : json_sax_dom_parser(result, false) {}

  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    error_ = error.what();
    return false;
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

bool parse_into(std::string_view text, Builder& builder) {
  return Json::sax_parse(text.data(), text.data() + text.size(), &builder);
}

}  // namespace

void json_mismatch() { raise(Code::InvalidArgument, {"a JSON value is not of the expected shape"}); }

Json parse_json(std::string_view text) {
  Json result;
  Builder builder(result);
  if (!parse_into(text, builder)) raise(Code::InvalidArgument, {"not valid JSON: ", builder.error()});
  return result;
}

Json parse_json_or_discarded(std::string_view text) {
  Json result;
  Builder builder(result);
  if (!parse_into(text, builder)) return Json(Json::value_t::discarded);
  return result;
}

Json parse_argument(std::string_view text, const std::string& what) {
  if (text.empty()) return Json();
  Json result = parse_json_or_discarded(text);
  if (result.is_discarded()) raise(Code::InvalidArgument, {what, " is not valid JSON"});
  return result;
}

}  // namespace crux
