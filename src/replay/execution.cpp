#include "replay/execution.hpp"

namespace crux::replay {

namespace {
std::string describe(const journal::Call& call) { return call.kind + " " + call.name.display(); }
}  // namespace

void Execution::diverge(std::initializer_list<MessagePart> message) {
  divergence_ = Error(Code::NonDeterministic, message_of(message));
  throw *divergence_;
}

Slot Execution::next(const journal::Run& run, const std::string& kind, const std::string& name) {
  if (divergence_) throw *divergence_;
  const int occurrence = ++occurrences_[{kind, name}];
  Slot slot{next_call_++, journal::CallName{name, occurrence}};
  auto recorded = run.calls().find(slot.call);
  if (recorded == run.calls().end()) return slot;
  const journal::Call& call = recorded->second;
  if (call.kind != kind || !call.name.matches(name, occurrence)) {
    diverge({"flow \"", run.name(), "\" run ", run.id(), " diverged from its journal: call ", slot.call + 1, " was ",
             describe(call), " when recorded, but the body now asks for ", kind, " ", slot.name.display()});
  }
  slot.name = call.name;  // as the journal spells it, so that old stores keep their keys
  return slot;
}

void Execution::check_finished(const journal::Run& run) {
  if (divergence_) throw *divergence_;
  auto unreached = run.calls().lower_bound(next_call_);
  if (unreached != run.calls().end()) {
    diverge({"flow \"", run.name(), "\" run ", run.id(), " diverged from its journal: the body returned without reaching recorded ",
             describe(unreached->second), " (call ", unreached->first + 1, ")"});
  }
}

}  // namespace crux::replay
