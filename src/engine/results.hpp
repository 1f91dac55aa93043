#pragma once
// What the engine's rules answer. Payloads the engine passes through unread (inputs, results,
// errors, signal payloads) stay raw JSON text; src/engine/door_rules.cpp writes these as the
// JSON JavaScript gets.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "journal/event.hpp"
#include "journal/run.hpp"

namespace crux {

/// start_run: the run's id, and whether this call made it (false: it existed already).
struct StartResult {
  std::string flow_id;
  bool created = false;
};

/// A pass over a run's body, claimed by begin_execution.
struct PassStart {
  int64_t exec_id = 0;
  std::string name;
  std::string input_json;  ///< empty: no input
};

/// The pass waits on a signal or timer: the call runs in the next pass.
struct Parked {};

/// step_begin: the recorded result to replay (empty text: the step returned nothing).
struct StepReplay {
  std::string result_json;
};
/// step_begin: the step failed for good in an earlier pass.
struct StepFailed {
  std::string error_json;
};
/// step_begin: run the step now (not before `not_before` when this is a retry).
struct StepRun {
  std::string key;
  int call = 0;
  int attempt = 1;
  std::optional<int64_t> not_before;
};
using StepBegin = std::variant<StepReplay, StepFailed, StepRun, Parked>;

/// step_fail: another attempt is due at `retry_at`.
struct StepRetry {
  int64_t retry_at = 0;
};
/// step_fail: retries are spent.
struct StepFinal {};
using StepFailure = std::variant<StepRetry, StepFinal, Parked>;

/// A wait resolved by a signal (or a sleep's end): empty payload text is no payload.
struct WaitResolved {
  std::string key;
  std::string payload_json;
};
struct WaitTimedOut {};
/// Recorded before the body's schema refused the payloads that re-armed the wait.
struct WaitRejected {
  std::string failures_json;
};
/// The pass must stop here. No key when the wait is left for the pass after this one to record.
struct WaitWaiting {
  std::optional<std::string> key;
};
using WaitAnswer = std::variant<WaitResolved, WaitTimedOut, WaitRejected, WaitWaiting>;

/// A run as status() and listFlows describe it.
struct FlowStatus {
  std::string flow_id;
  std::string name;
  journal::Status status = journal::Status::Running;
  std::optional<std::string> waiting_for;  ///< while suspended
  /// How a closed run ended (its result if completed, else its error), when read: empty text
  /// is no value.
  std::optional<std::string> outcome_json;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

/// signal: delivered to the wait the run is parked on, or buffered for a later one.
struct SignalOutcome {
  bool delivered = false;
  std::optional<std::string> waiting_for;  ///< the run's pending wait when the signal came
  bool runnable = false;                   ///< a pass could take the run now
};

/// pending_wait: the suspend a run is parked on.
struct PendingWait {
  std::string key;
  std::string name;
};

/// tick: the runs a pass could take now, and the next deadline.
struct TickResult {
  std::vector<std::string> runnable;
  std::optional<int64_t> next_deadline;
};

struct Stats {
  size_t runs = 0;
  size_t plans = 0;
  size_t loaded = 0;
};

}  // namespace crux
