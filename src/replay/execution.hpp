#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "journal/run.hpp"

namespace crux::replay {

/// Where one call of the body stands in the run: its index in call order and which call it
/// is (for a call recorded before, as the journal spells it).
struct Slot {
  int call = 0;
  journal::CallName name;
  std::string key() const { return name.key(); }
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

  /// The next call: a "step" or a "wait" (suspend or sleep) named `name`, numbered among the
  /// pass's calls of that kind and name (see journal::CallName). Throws NON_DETERMINISTIC on
  /// divergence (and remembers it).
  Slot next(const journal::Run& run, const std::string& kind, const std::string& name);
  /// Throws NON_DETERMINISTIC if the journal holds calls this pass never reached.
  void check_finished(const journal::Run& run);

  /// The body waits on a signal or a timer that has not come: the pass is over once the steps
  /// already running have been recorded. Until then no new work starts in it (a step not
  /// recorded yet, another wait): the pass after the wait is over does that work.
  void park() { parked_ = true; }
  bool parked() const { return parked_; }

  /// Once diverged, every later call of this pass fails the same way.
  const std::optional<Error>& divergence() const { return divergence_; }

 private:
  [[noreturn]] void diverge(std::initializer_list<MessagePart> message);

  int64_t id_;
  int next_call_ = 0;
  std::map<std::pair<std::string, std::string>, int> occurrences_;  // by kind, name
  std::optional<Error> divergence_;
  bool parked_ = false;
};

}  // namespace crux::replay
