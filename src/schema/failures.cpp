#include "schema/failures.hpp"

namespace crux::schema {

Json failures_json(const std::vector<Failure>& failures) {
  Json list = Json::array();
  for (const auto& f : failures) list.push_back({{"path", f.path}, {"message", f.message}});
  return list;
}

std::vector<Failure> failures_from_json(const Json& list) {
  std::vector<Failure> failures;
  for (const auto& f : list.get_ref<const Json::array_t&>()) {
    failures.push_back({f.at("path").get<std::string>(), f.at("message").get<std::string>()});
  }
  return failures;
}

std::string failures_text(const std::vector<Failure>& failures) {
  std::string text;
  for (const auto& f : failures) {
    if (!text.empty()) text += "; ";
    text += (f.path.empty() ? std::string("(root)") : f.path) + ": " + f.message;
  }
  return text;
}

}  // namespace crux::schema
