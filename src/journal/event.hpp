#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "store/store.hpp"

namespace crux::journal {

/// What an event records. Stored and shown by name (event_kind_name): "started",
/// "step-completed", "step-failed", "suspended", "signaled", "resumed", "timed-out", "completed",
/// "failed", "cancelled".
enum class EventKind {
  Started,
  StepCompleted,
  StepFailed,
  Suspended,
  Signaled,
  Resumed,
  TimedOut,
  Completed,
  Failed,
  Cancelled,
  /// A name this engine does not know, read from a store: applying it fails (its name is kept in
  /// fields["type"] to say so).
  Unknown,
};
const char* event_kind_name(EventKind kind);
/// The kind named `name`; nothing for an unknown name.
std::optional<EventKind> event_kind_from_name(const std::string& name);

/// One entry of a run's journal. Every change to a run is an event, recorded in the store
/// and applied to the in-memory run by the same code on the live path and on load.
struct Event {
  std::string flow_id;
  int64_t seq = 0;
  EventKind kind = EventKind::Started;
  int64_t at = 0;
  /// The flow name (started), step or wait key (name#n), or signal name.
  std::string name;
  /// Raw JSON text the engine passes through (input, result, payload, error), or empty.
  std::string data;
  /// Bookkeeping the engine reads back: call index, attempt, deadlines, schema, ...
  Json fields = Json::object();

  store::Record to_record() const;
  /// True if the record holds a run event (its meta has "flow").
  static bool is_event(const Json& meta);
  static Event from_record(const Json& meta, std::string data);
};

}  // namespace crux::journal
