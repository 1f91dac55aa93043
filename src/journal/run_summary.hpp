#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "journal/run.hpp"
#include "store/store.hpp"

namespace crux::journal {

/// What a store keeps of every run where opening it reads it: enough to list runs, find the
/// ones that can go on, and arm deadlines, without loading any journal.
struct RunSummary {
  std::string id;
  std::string name;
  Status status = Status::Running;
  std::string waiting_for;          ///< the pending wait's name while suspended
  std::optional<int64_t> deadline;  ///< when the pending wait expires
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t events = 0;  ///< seq of the run's last event

  static RunSummary of(const Run& run);
  bool closed() const { return status == Status::Completed || status == Status::Failed || status == Status::Cancelled; }
  bool operator==(const RunSummary& other) const;

  store::Record to_record() const;
  /// What a deleted run's summary entry holds until the next index snapshot.
  static store::Record tombstone(const std::string& id);
  static bool is_tombstone(const Json& meta);
  static bool is_summary(const Json& meta);
  static RunSummary from_record(const Json& meta);
};

/// How a closed run ended: its result (completed) or error (failed, cancelled) as JSON text,
/// from its closing event. What a closed run's status adds to its summary, read without its journal.
struct RunOutcome {
  int64_t seq = 0;  ///< the closing event's
  std::string data;

  /// The outcome `closing` records for a run that `summary` says is closed; STORAGE_CORRUPT if it
  /// is not that run's closing event.
  static RunOutcome of(const RunSummary& summary, const Event& closing);
};

}  // namespace crux::journal
