#include "journal/event.hpp"

namespace crux::journal {

namespace {

/// The one table of kind names: what the store holds and history() shows.
struct KindName {
  EventKind kind;
  const char* name;
};
constexpr KindName kKindNames[] = {
    {EventKind::Started, "started"},
    {EventKind::StepCompleted, "step-completed"},
    {EventKind::StepFailed, "step-failed"},
    {EventKind::Suspended, "suspended"},
    {EventKind::Signaled, "signaled"},
    {EventKind::Resumed, "resumed"},
    {EventKind::TimedOut, "timed-out"},
    {EventKind::Completed, "completed"},
    {EventKind::Failed, "failed"},
    {EventKind::Cancelled, "cancelled"},
};

}  // namespace

const char* event_kind_name(EventKind kind) {
  for (const KindName& entry : kKindNames) {
    if (entry.kind == kind) return entry.name;
  }
  return "unknown";
}

std::optional<EventKind> event_kind_from_name(const std::string& name) {
  for (const KindName& entry : kKindNames) {
    if (name == entry.name) return entry.kind;
  }
  return std::nullopt;
}

store::Record Event::to_record() const {
  Json meta = fields;
  meta["flow"] = flow_id;
  meta["seq"] = seq;
  meta["type"] = event_kind_name(kind);
  meta["at"] = at;
  if (!name.empty()) meta["name"] = name;
  return {meta.dump(), data};
}

bool Event::is_event(const Json& meta) { return meta.contains("flow"); }

Event Event::from_record(const Json& meta, std::string data) {
  Event event;
  event.flow_id = meta.at("flow").get<std::string>();
  event.seq = meta.at("seq").get<int64_t>();
  const std::string type = meta.at("type").get<std::string>();
  event.kind = event_kind_from_name(type).value_or(EventKind::Unknown);
  event.at = meta.at("at").get<int64_t>();
  event.name = meta.value("name", "");
  event.data = std::move(data);
  event.fields = meta;
  for (const char* key : {"flow", "seq", "at", "name"}) event.fields.erase(key);
  if (event.kind != EventKind::Unknown) event.fields.erase("type");
  return event;
}

}  // namespace crux::journal
