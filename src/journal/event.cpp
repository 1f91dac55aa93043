#include "journal/event.hpp"

namespace crux::journal {

store::Record Event::to_record() const {
  Json meta = fields;
  meta["flow"] = flow_id;
  meta["seq"] = seq;
  meta["type"] = type;
  meta["at"] = at;
  if (!name.empty()) meta["name"] = name;
  return {meta.dump(), data};
}

bool Event::is_event(const Json& meta) { return meta.contains("flow"); }

Event Event::from_record(const Json& meta, std::string data) {
  Event event;
  event.flow_id = meta.at("flow").get<std::string>();
  event.seq = meta.at("seq").get<int64_t>();
  event.type = meta.at("type").get<std::string>();
  event.at = meta.at("at").get<int64_t>();
  event.name = meta.value("name", "");
  event.data = std::move(data);
  event.fields = meta;
  for (const char* key : {"flow", "seq", "type", "at", "name"}) event.fields.erase(key);
  return event;
}

}  // namespace crux::journal
