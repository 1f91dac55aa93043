#include "replay/execution.hpp"

namespace crux::replay {

namespace {
std::string describe(const journal::Call& call) { return call.kind + " \"" + call.key + "\""; }
}  // namespace

void Execution::diverge(const std::string& message) {
  divergence_ = Error(Code::NonDeterministic, message);
  throw *divergence_;
}

Slot Execution::next(const journal::Run& run, const std::string& kind, const std::string& name) {
  if (divergence_) throw *divergence_;
  int count = ++occurrences_[kind + ":" + name];
  Slot slot{next_call_++, count == 1 ? name : name + "#" + std::to_string(count)};
  auto recorded = run.calls().find(slot.call);
  if (recorded != run.calls().end() &&
      (recorded->second.kind != kind || recorded->second.key != slot.key)) {
    diverge("flow \"" + run.name() + "\" run " + run.id() + " diverged from its journal: call " +
            std::to_string(slot.call + 1) + " was " + describe(recorded->second) +
            " when recorded, but the body now asks for " + kind + " \"" + slot.key + "\"");
  }
  return slot;
}

void Execution::check_finished(const journal::Run& run) {
  if (divergence_) throw *divergence_;
  auto unreached = run.calls().lower_bound(next_call_);
  if (unreached != run.calls().end()) {
    diverge("flow \"" + run.name() + "\" run " + run.id() +
            " diverged from its journal: the body returned without reaching recorded " +
            describe(unreached->second) + " (call " + std::to_string(unreached->first + 1) + ")");
  }
}

}  // namespace crux::replay
