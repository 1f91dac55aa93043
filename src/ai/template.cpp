#include "ai/template.hpp"

#include "core/error.hpp"

namespace crux::ai {

namespace {

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_index(std::string_view part) {
  if (part.empty() || part.size() > 9) return false;
  for (char c : part) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Error missing(std::string_view path, std::string_view why) {
  // The path is template bytes, which need not be UTF-8: replace what is not, rather than throw.
  const Json details = {{"variable", std::string(path)}};
  return Error(Code::InvalidArgument,
               "template variable {{" + std::string(path) + "}} " + std::string(why),
               details.dump(-1, ' ', false, Json::error_handler_t::replace));
}

const Json& lookup(const Json& input, std::string_view path) {
  const Json* value = &input;
  std::string_view rest = path;
  for (;;) {
    const size_t dot = rest.find('.');
    const std::string_view part = rest.substr(0, dot);
    if (part.empty()) raise(Code::InvalidArgument, {"template variable {{", path, "}} has an empty name"});
    if (value->is_object()) {
      auto found = value->find(std::string(part));
      if (found == value->end()) throw missing(path, "is missing from input");
      value = &*found;
    } else if (value->is_array() && is_index(part)) {
      const size_t index = std::stoul(std::string(part));
      if (index >= value->size()) throw missing(path, "is missing from input");
      value = &(*value)[index];
    } else {
      throw missing(path, "is missing from input");
    }
    if (dot == std::string_view::npos) return *value;
    rest.remove_prefix(dot + 1);
  }
}

}  // namespace

std::string render_template(std::string_view source, const Json& input) {
  std::string out;
  out.reserve(source.size());
  size_t at = 0;
  while (at < source.size()) {
    const size_t open = source.find("{{", at);
    if (open == std::string_view::npos) {
      out.append(source.substr(at));
      break;
    }
    out.append(source.substr(at, open - at));
    if (source.compare(open, 4, "{{{{") == 0) {
      out.append("{{");
      at = open + 4;
      continue;
    }
    const size_t close = source.find("}}", open + 2);
    if (close == std::string_view::npos) {
      raise(Code::InvalidArgument, {"template has an unclosed {{ at offset ", open});
    }
    const std::string_view path = trim(source.substr(open + 2, close - open - 2));
    if (path.empty()) {
      raise(Code::InvalidArgument, {"template has an empty {{}} at offset ", open});
    }
    const Json& value = lookup(input, path);
    if (value.is_string()) {
      out.append(value.get_ref<const std::string&>());
    } else if (!value.is_null()) {
      out.append(value.dump());
    }
    at = close + 2;
  }
  return out;
}

}  // namespace crux::ai
