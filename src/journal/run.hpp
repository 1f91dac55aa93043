#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "journal/call_name.hpp"
#include "journal/event.hpp"

namespace crux::journal {

enum class Status { Running, Suspended, Completed, Failed, Cancelled };
const char* status_name(Status status);
/// Parses "running", "suspended", ...; nothing for an unknown name.
std::optional<Status> status_from_name(const std::string& name);

/// What the body asked for at one call index: a step or a wait (suspend or sleep).
struct Call {
  std::string kind;
  CallName name;
};

struct StepState {
  int attempts = 0;   // failed attempts so far
  int64_t retry_at = 0;
  bool completed = false;
  bool failed = false;  // failed for good: retries exhausted
  std::string result;   // raw JSON
  std::string error;    // raw JSON
};

struct WaitState {
  enum class State { Pending, Resolved, TimedOut };
  CallName call;     // the suspend or sleep call that waits
  std::string name;  // the signal name it waits for (the call's name)
  bool sleep = false;
  std::optional<int64_t> deadline;
  Json schema;  // null when the wait has none
  State state = State::Pending;
  std::string payload;  // raw JSON of the consumed signal
  int64_t signal = 0;   // seq of the consumed signal's event
  /// Stores written before re-arming: the schema failures of a consumed signal that did not
  /// validate, which rejected the suspend. A rejected payload now re-arms the wait instead.
  Json rejected;
};

/// A signal recorded but not consumed by a suspend yet.
struct PendingSignal {
  int64_t seq = 0;
  int64_t at = 0;
  std::string name;
  std::string payload;
};

/// One run of a flow: its journal and the state folded from it. `apply` is the only way in,
/// both when an event is new and when it is read back from the store.
class Run {
 public:
  explicit Run(std::string flow_id) : id_(std::move(flow_id)) {}

  /// Folds one event into the state. Events must come in seq order.
  void apply(Event event);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::string& input() const { return input_; }
  int64_t created_at() const { return created_at_; }
  int64_t updated_at() const { return updated_at_; }
  const std::vector<Event>& events() const { return events_; }
  int64_t next_seq() const { return static_cast<int64_t>(events_.size()) + 1; }

  Status status() const;
  bool closed() const { return terminal_.has_value(); }
  /// The pending wait (suspend or sleep), if the body is parked on one.
  const WaitState* pending_wait() const;
  const std::string& pending_wait_key() const { return pending_wait_; }
  /// The oldest unconsumed signal of that name, if any.
  const PendingSignal* first_signal(const std::string& name) const;
  /// When the pending wait expires, if it can (no signal already waiting for it).
  std::optional<int64_t> deadline() const;
  /// The wait (suspend or sleep) of the body's latest wait call, if it made one.
  const WaitState* last_wait() const;

  const std::map<int, Call>& calls() const { return calls_; }
  const StepState* step(const std::string& key) const;
  const WaitState* wait(const std::string& key) const;
  const std::string& result() const { return result_; }
  const std::string& error() const { return error_; }

 private:
  void record_call(const Event& event, const char* kind, const CallName& call);
  void drop_signal(int64_t seq);

  std::string id_;
  std::string name_;
  std::string input_;
  int64_t created_at_ = 0;
  int64_t updated_at_ = 0;
  std::vector<Event> events_;
  std::map<int, Call> calls_;
  std::map<std::string, StepState> steps_;
  std::map<std::string, WaitState> waits_;
  std::vector<PendingSignal> signals_;
  std::string pending_wait_;
  std::optional<Status> terminal_;
  std::string result_;
  std::string error_;
};

}  // namespace crux::journal
