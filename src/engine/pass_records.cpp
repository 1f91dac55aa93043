// The rest of a pass's calls: a step's result or failure, its waits (suspend, sleep, wait,
// reject_signal) and the run's end. A replay makes none of them per recorded step (pass.cpp) and
// the wait calls once per recorded wait, so this file is built for size with the rest of the
// engine.
#include "engine/engine.hpp"

#include "core/error.hpp"
#include "core/names.hpp"
#include "engine/directory_writes.hpp"
#include "journal/error_record.hpp"
#include "schema/validator.hpp"
#include "time/duration.hpp"

namespace crux {

using journal::Event;
using journal::EventKind;
using journal::Run;
using journal::Status;
using journal::WaitState;

Engine::InFlightStep& Engine::in_flight(const std::string& flow_id, const std::string& key) {
  auto& steps = active_.at(flow_id).steps;
  auto it = steps.find(key);
  if (it == steps.end()) raise(Code::InvalidArgument, {"step \"", key, "\" is not in flight"});
  return it->second;
}

void Engine::step_complete(const std::string& flow_id, int64_t exec_id, const std::string& key,
                           const std::string& result, int64_t now) {
  DirectoryWrites writes(*this);
  Run& run = open_run(flow_id);
  find_execution(run, exec_id);
  const InFlightStep& step = in_flight(flow_id, key);
  check_size(result, ("result of step " + step.name.display()).c_str());
  Event event = call_event(run, EventKind::StepCompleted, now, step.name, result);
  event.fields["call"] = step.call;
  record(run, std::move(event));
  active_.at(flow_id).steps.erase(key);
}

StepFailure Engine::step_fail(const std::string& flow_id, int64_t exec_id, const std::string& key,
                              const std::string& error, int64_t now) {
  DirectoryWrites writes(*this);
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  InFlightStep step = in_flight(flow_id, key);
  const journal::StepState* previous = run.step(key);
  int attempt = (previous ? previous->attempts : 0) + 1;
  Event event = call_event(run, EventKind::StepFailed, now, step.name,
                           journal::recordable_error(error, options_.max_error_bytes));
  event.fields["call"] = step.call;
  event.fields["attempt"] = attempt;
  if (attempt <= step.policy.retries) {
    int64_t retry_at = now + step.policy.delay_after(attempt);
    event.fields["retryAt"] = retry_at;
    record(run, std::move(event));
    if (execution.parked()) {  // the retry waits for the pass after the wait
      active_.at(flow_id).steps.erase(key);
      return Parked{};
    }
    return StepRetry{retry_at};
  }
  event.fields["final"] = true;
  record(run, std::move(event));
  active_.at(flow_id).steps.erase(key);
  return StepFinal{};
}

void Engine::consume_or_expire(Run& run, const std::string& key, int64_t now) {
  const WaitState* wait = run.wait(key);
  if (!wait || wait->state != WaitState::State::Pending) return;
  const journal::PendingSignal* signal = wait->sleep ? nullptr : run.first_signal(wait->name);
  while (signal && (!wait->deadline || signal->at <= *wait->deadline)) {
    if (!wait->schema.is_null()) {
      auto failures = validator_for(run, key).validate_text(signal->payload, "a recorded signal payload");
      if (!failures.empty()) {  // a buffered payload that does not fit: rejected, the wait goes on
        rearm(run, key, schema::failures_json(failures), signal->seq, now);
        wait = run.wait(key);
        signal = run.first_signal(wait->name);
        continue;
      }
    }
    Event event = call_event(run, EventKind::Resumed, now, wait->call, signal->payload);
    event.fields["signal"] = signal->seq;
    record(run, std::move(event));
    return;
  }
  if (wait->deadline && *wait->deadline <= now) {
    if (wait->sleep) {
      record(run, call_event(run, EventKind::Resumed, now, wait->call));
    } else {
      record(run, call_event(run, EventKind::TimedOut, now, wait->call));
    }
  }
}

int Engine::suspend(const std::string& flow_id, int64_t exec_id, const std::string& name,
                    const std::string& schema_text, const std::string& timeout) {
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  check_name(name, "suspend name");
  ReservedWait wait;
  check_size(schema_text, "suspend schema");
  wait.schema = parse_argument(schema_text, "suspend schema");
  if (!timeout.empty()) wait.duration_ms = parse_duration(parse_argument(timeout, "suspend timeout"));
  wait.slot = execution.next(run, "wait", name);
  return reserve(flow_id, std::move(wait));
}

int Engine::sleep(const std::string& flow_id, int64_t exec_id, const std::string& name,
                  const std::string& duration) {
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  check_name(name, "sleep name");
  ReservedWait wait;
  wait.sleep = true;
  wait.duration_ms = parse_duration(parse_argument(duration, "sleep duration"));
  wait.slot = execution.next(run, "wait", name);
  return reserve(flow_id, std::move(wait));
}

int Engine::reserve(const std::string& flow_id, ReservedWait wait) {
  const int call = wait.slot.call;
  active_.at(flow_id).waits[call] = std::move(wait);
  return call;
}

WaitAnswer Engine::wait(const std::string& flow_id, int64_t exec_id, int call, int64_t now) {
  DirectoryWrites writes(*this);
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  auto& reserved = active_.at(flow_id).waits;
  auto it = reserved.find(call);
  if (it == reserved.end()) raise(Code::InvalidArgument, {"wait ", call, " was not begun"});
  ReservedWait reservation = std::move(it->second);
  reserved.erase(it);
  const std::string key = reservation.slot.key();
  if (!run.wait(key)) {
    if (execution.parked()) return WaitWaiting{};  // recorded by the pass after the wait
    // Compiled here rather than when the body asked: in WebAssembly, the host has loaded the
    // validator by now (holds_schemas()) without the body's calls waiting for it.
    if (!reservation.schema.is_null()) validators_.emplace(std::make_pair(flow_id, key), schema::Validator(reservation.schema));
    Event event = call_event(run, EventKind::Suspended, now, reservation.slot.name);
    event.fields["call"] = reservation.slot.call;
    if (reservation.sleep) event.fields["sleep"] = true;
    if (reservation.duration_ms) event.fields["deadline"] = now + *reservation.duration_ms;
    if (!reservation.schema.is_null()) event.fields["schema"] = std::move(reservation.schema);
    record(run, std::move(event));
  }
  consume_or_expire(run, key, now);
  if (run.wait(key)->state == WaitState::State::Pending) execution.park();
  return wait_answer(run, key);
}

void Engine::rearm(Run& run, const std::string& key, Json failures, int64_t signal_seq, int64_t now) {
  const WaitState& wait = *run.wait(key);
  Event event = call_event(run, EventKind::Suspended, now, wait.call);
  event.fields["wait"] = wait.name;
  if (wait.deadline) event.fields["deadline"] = *wait.deadline;
  event.fields["rejected"] = std::move(failures);
  event.fields["signal"] = signal_seq;
  record(run, std::move(event));
}

WaitAnswer Engine::wait_answer(const Run& run, const std::string& key) const {
  const WaitState& wait = *run.wait(key);
  switch (wait.state) {
    case WaitState::State::Resolved:
      // Recorded before rejected payloads re-armed the wait.
      if (!wait.rejected.is_null()) return WaitRejected{wait.rejected.dump()};
      return WaitResolved{key, wait.payload};
    case WaitState::State::TimedOut:
      return WaitTimedOut{};
    case WaitState::State::Pending:
      break;
  }
  return WaitWaiting{key};
}

WaitAnswer Engine::reject_signal(const std::string& flow_id, int64_t exec_id, const std::string& key,
                                 const std::string& failures_text, int64_t now) {
  DirectoryWrites writes(*this);
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  const WaitState* wait = run.wait(key);
  if (!wait || wait->sleep || wait->state != WaitState::State::Resolved || !wait->rejected.is_null() ||
      wait->signal == 0) {
    raise(Code::InvalidArgument, {"wait \"", key, "\" has no consumed signal to reject"});
  }
  check_size(failures_text, "signal failures");
  Json failures = parse_argument(failures_text, "signal failures");
  if (!failures.is_array()) raise(Code::InvalidArgument, {"signal failures must be an array"});
  rearm(run, key, std::move(failures), wait->signal, now);
  consume_or_expire(run, key, now);
  if (run.wait(key)->state == WaitState::State::Pending) execution.park();
  return wait_answer(run, key);
}

FlowStatus Engine::complete(const std::string& flow_id, int64_t exec_id, const std::string& result,
                            int64_t now) {
  DirectoryWrites writes(*this);
  Run& run = find_run(flow_id);
  if (run.closed()) return status_of(run);
  replay::Execution& execution = find_execution(run, exec_id);
  try {
    execution.check_finished(run);
  } catch (const Error& divergence) {
    record(run, event_for(run, EventKind::Failed, now, {}, journal::error_record(divergence)));
    return status_of(run);
  }
  check_size(result, "flow result");
  record(run, event_for(run, EventKind::Completed, now, {}, result));
  return status_of(run);
}

FlowStatus Engine::fail(const std::string& flow_id, int64_t exec_id, const std::string& error,
                        int64_t now) {
  DirectoryWrites writes(*this);
  Run& run = find_run(flow_id);
  if (run.closed()) return status_of(run);
  replay::Execution& execution = find_execution(run, exec_id);
  std::string recorded = execution.divergence() ? journal::error_record(*execution.divergence()) : error;
  record(run,
         event_for(run, EventKind::Failed, now, {}, journal::recordable_error(recorded, options_.max_error_bytes)));
  return status_of(run);
}

}  // namespace crux
