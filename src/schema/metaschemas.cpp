#include "schema/metaschemas.hpp"

#include <map>

namespace crux::schema::detail {

const Json* known_document(const std::string& uri) {
  static const std::map<std::string, Json> documents = [] {
    std::map<std::string, Json> by_id;
    for (const char* text : metaschema_texts()) {
      Json document = parse_json(text);
      const std::string id = document.at("$id").get<std::string>();
      by_id.emplace(id, std::move(document));
    }
    return by_id;
  }();
  const auto found = documents.find(uri);
  return found == documents.end() ? nullptr : &found->second;
}

}  // namespace crux::schema::detail
