// The calls a pass over a flow's body repeats as it replays: it begins, and each step it reaches
// either answers from the journal or runs. Resuming a run after a reload makes step_begin once
// per recorded step, so this file is built for speed (CMakeLists.txt: CRUX_WASM_SPEED_FIRST);
// the rest of a pass's calls (pass_records.cpp) are built for size.
#include "engine/engine.hpp"

#include "core/names.hpp"

namespace crux {

using journal::Run;
using journal::Status;

std::optional<PassStart> Engine::begin_execution(const std::string& flow_id, int64_t /*now*/) {
  const Run& run = find_run(flow_id);
  if (run.status() != Status::Running || active_.count(flow_id)) return std::nullopt;
  int64_t exec_id = next_exec_id_++;
  active_.emplace(flow_id, Active{replay::Execution(exec_id), {}, {}});
  return PassStart{exec_id, run.name(), run.input()};
}

void Engine::end_execution(const std::string& flow_id, int64_t exec_id) {
  auto it = active_.find(flow_id);
  if (it != active_.end() && it->second.execution.id() == exec_id) active_.erase(it);
}

StepBegin Engine::step_begin(const std::string& flow_id, int64_t exec_id, const std::string& name,
                             const std::string& options, int64_t /*now*/) {
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  check_name(name, "step name");
  RetryPolicy policy = RetryPolicy::from_options(parse_argument(options, "step options"));
  replay::Slot slot = execution.next(run, "step", name);
  const journal::StepState* step = run.step(slot.key());
  if (step && step->completed) return StepReplay{step->result};
  if (step && step->failed) return StepFailed{step->error};
  if (execution.parked()) return Parked{};
  active_.at(flow_id).steps[slot.key()] = InFlightStep{slot.call, slot.name, policy};
  StepRun run_it{slot.key(), slot.call, step ? step->attempts + 1 : 1, std::nullopt};
  if (step && step->attempts > 0) run_it.not_before = step->retry_at;
  return run_it;
}

}  // namespace crux
