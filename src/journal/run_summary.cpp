#include "journal/run_summary.hpp"

#include "core/error.hpp"

namespace crux::journal {

RunSummary RunSummary::of(const Run& run) {
  RunSummary summary;
  summary.id = run.id();
  summary.name = run.name();
  summary.status = run.status();
  if (summary.status == Status::Suspended) summary.waiting_for = run.pending_wait()->name;
  summary.deadline = run.deadline();
  summary.created_at = run.created_at();
  summary.updated_at = run.updated_at();
  summary.events = run.next_seq() - 1;
  return summary;
}

bool RunSummary::operator==(const RunSummary& o) const {
  return id == o.id && name == o.name && status == o.status && waiting_for == o.waiting_for &&
         deadline == o.deadline && created_at == o.created_at && updated_at == o.updated_at && events == o.events;
}

store::Record RunSummary::to_record() const {
  Json meta = {{"summary", id}, {"name", name}, {"status", status_name(status)},
               {"createdAt", created_at}, {"updatedAt", updated_at}, {"events", events}};
  if (!waiting_for.empty()) meta["waitingFor"] = waiting_for;
  if (deadline) meta["deadline"] = *deadline;
  return {meta.dump(), {}};
}

store::Record RunSummary::tombstone(const std::string& id) { return {Json{{"summary", id}, {"deleted", true}}.dump(), {}}; }

bool RunSummary::is_tombstone(const Json& meta) { return meta.value("deleted", false); }

bool RunSummary::is_summary(const Json& meta) { return meta.contains("summary"); }

RunSummary RunSummary::from_record(const Json& meta) {
  RunSummary summary;
  summary.id = meta.at("summary").get<std::string>();
  summary.name = meta.at("name").get<std::string>();
  auto status = status_from_name(meta.at("status").get<std::string>());
  if (!status) raise(Code::StorageCorrupt, {"run summary with an unknown status"});
  summary.status = *status;
  summary.waiting_for = meta.value("waitingFor", "");
  if (meta.contains("deadline")) summary.deadline = meta.at("deadline").get<int64_t>();
  summary.created_at = meta.at("createdAt").get<int64_t>();
  summary.updated_at = meta.at("updatedAt").get<int64_t>();
  summary.events = meta.at("events").get<int64_t>();
  return summary;
}

RunOutcome RunOutcome::of(const RunSummary& summary, const Event& closing) {
  // A closing event's kind is named as the status it closes the run with.
  if (!summary.closed() || closing.seq != summary.events ||
      std::string(event_kind_name(closing.kind)) != status_name(summary.status)) {
    raise(Code::StorageCorrupt, {"event ", closing.seq, " of run ", summary.id, " is not the closing event its summary counts"});
  }
  return {closing.seq, closing.data};
}

}  // namespace crux::journal
