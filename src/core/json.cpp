#include "core/json.hpp"

namespace crux {

Json parse_json(std::string_view text) { return Json::parse(text.data(), text.data() + text.size()); }

}  // namespace crux
