#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "journal/run.hpp"

namespace crux::replay {

/// Where one call of the body stands in the run: its index in call order and its key.
struct Slot {
  int call = 0;
  std::string key;
};

/// One pass of a flow body over its run (the first, or a replay after a reload or a signal).
/// It hands out call indices and keys in the order the body makes its calls, and checks each
/// call against the journal: the body must ask, at each index, for what was recorded there.
///
/// The rule: a recorded call at index i with kind K and key k must be met by a call of kind K
/// and key k at index i. Anything else would skip or repeat recorded work and raises
/// NON_DETERMINISTIC. Indices with nothing recorded (new work, or a step interrupted before
/// it finished) run normally. Returning while recorded calls remain unreached is
/// NON_DETERMINISTIC too.
class Execution {
 public:
  explicit Execution(int64_t id) : id_(id) {}
  int64_t id() const { return id_; }

  /// The next call: a "step" or a "wait" (suspend or sleep) named `name`. Keys number repeated
  /// names: "draft", "draft#2", ... Throws NON_DETERMINISTIC on divergence (and remembers it).
  Slot next(const journal::Run& run, const std::string& kind, const std::string& name);
  /// Throws NON_DETERMINISTIC if the journal holds calls this pass never reached.
  void check_finished(const journal::Run& run);

  /// Once diverged, every later call of this pass fails the same way.
  const std::optional<Error>& divergence() const { return divergence_; }

 private:
  [[noreturn]] void diverge(const std::string& message);

  int64_t id_;
  int next_call_ = 0;
  std::map<std::string, int> occurrences_;
  std::optional<Error> divergence_;
};

}  // namespace crux::replay
