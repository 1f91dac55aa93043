#include "journal/run.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace crux::journal {

const char* status_name(Status status) {
  switch (status) {
    case Status::Running: return "running";
    case Status::Suspended: return "suspended";
    case Status::Completed: return "completed";
    case Status::Failed: return "failed";
    case Status::Cancelled: return "cancelled";
  }
  return "running";
}

std::optional<Status> status_from_name(const std::string& name) {
  for (Status s : {Status::Running, Status::Suspended, Status::Completed, Status::Failed,
                   Status::Cancelled}) {
    if (name == status_name(s)) return s;
  }
  return std::nullopt;
}

void Run::record_call(const Event& event, const char* kind, const CallName& call) {
  calls_[event.fields.at("call").get<int>()] = Call{kind, call};
}

void Run::drop_signal(int64_t seq) {
  signals_.erase(std::remove_if(signals_.begin(), signals_.end(),
                                [&](const PendingSignal& s) { return s.seq == seq; }),
                 signals_.end());
}

void Run::apply(Event event) {
  if (event.seq != next_seq()) {
    raise(Code::StorageCorrupt, {"run ", id_, ": event ", event.seq, " out of order (expected ", next_seq(), ")"});
  }
  const EventKind kind = event.kind;
  const bool about_a_call = kind == EventKind::StepCompleted || kind == EventKind::StepFailed ||
                            kind == EventKind::Suspended || kind == EventKind::Resumed || kind == EventKind::TimedOut;
  const CallName call = about_a_call ? CallName::read(event.name, event.fields) : CallName{};
  const std::string key = call.key();
  if (kind == EventKind::Started) {
    name_ = event.name;
    input_ = event.data;
    created_at_ = event.at;
  } else if (kind == EventKind::StepCompleted) {
    record_call(event, "step", call);
    StepState& step = steps_[key];
    step.completed = true;
    step.result = event.data;
  } else if (kind == EventKind::StepFailed) {
    record_call(event, "step", call);
    StepState& step = steps_[key];
    step.attempts = event.fields.value("attempt", step.attempts + 1);
    step.error = event.data;
    step.failed = event.fields.value("final", false);
    step.retry_at = event.fields.value("retryAt", int64_t{0});
  } else if (kind == EventKind::Suspended && event.fields.contains("rejected") && waits_.count(key)) {
    // Re-armed: the payload consumed was rejected; the wait waits again, same deadline and schema.
    WaitState& wait = waits_[key];
    wait.state = WaitState::State::Pending;
    wait.payload.clear();
    wait.signal = 0;
    if (event.fields.contains("signal")) drop_signal(event.fields.at("signal").get<int64_t>());
    pending_wait_ = key;
  } else if (kind == EventKind::Suspended) {
    record_call(event, "wait", call);
    WaitState& wait = waits_[key];
    wait.call = call;
    wait.name = event.fields.value("wait", event.name);
    wait.sleep = event.fields.value("sleep", false);
    if (event.fields.contains("deadline")) wait.deadline = event.fields.at("deadline").get<int64_t>();
    wait.schema = event.fields.value("schema", Json());
    pending_wait_ = key;
  } else if (kind == EventKind::Signaled) {
    signals_.push_back({event.seq, event.at, event.name, event.data});
  } else if (kind == EventKind::Resumed) {
    WaitState& wait = waits_[key];
    wait.state = WaitState::State::Resolved;
    wait.payload = event.data;
    wait.rejected = event.fields.value("rejected", Json());
    wait.signal = event.fields.value("signal", int64_t{0});
    if (wait.signal) drop_signal(wait.signal);
    if (pending_wait_ == key) pending_wait_.clear();
  } else if (kind == EventKind::TimedOut) {
    waits_[key].state = WaitState::State::TimedOut;
    if (pending_wait_ == key) pending_wait_.clear();
  } else if (kind == EventKind::Completed) {
    terminal_ = Status::Completed;
    result_ = event.data;
  } else if (kind == EventKind::Failed) {
    terminal_ = Status::Failed;
    error_ = event.data;
  } else if (kind == EventKind::Cancelled) {
    terminal_ = Status::Cancelled;
    error_ = event.data;
  } else {
    const std::string type = event.fields.value("type", "");
    raise(Code::StorageCorrupt, {"run ", id_, ": unknown event type \"", type, "\""});
  }
  updated_at_ = std::max(updated_at_, event.at);
  events_.push_back(std::move(event));
}

Status Run::status() const {
  if (terminal_) return *terminal_;
  const WaitState* wait = pending_wait();
  if (wait && (wait->sleep || !first_signal(wait->name))) return Status::Suspended;
  return Status::Running;
}

const WaitState* Run::pending_wait() const {
  return pending_wait_.empty() ? nullptr : wait(pending_wait_);
}

const PendingSignal* Run::first_signal(const std::string& name) const {
  for (const PendingSignal& signal : signals_) {
    if (signal.name == name) return &signal;
  }
  return nullptr;
}

std::optional<int64_t> Run::deadline() const {
  if (status() != Status::Suspended) return std::nullopt;
  return pending_wait()->deadline;
}

const WaitState* Run::last_wait() const {
  for (auto it = calls_.rbegin(); it != calls_.rend(); ++it) {
    if (it->second.kind == "wait") return wait(it->second.name.key());
  }
  return nullptr;
}

const StepState* Run::step(const std::string& key) const {
  auto it = steps_.find(key);
  return it == steps_.end() ? nullptr : &it->second;
}

const WaitState* Run::wait(const std::string& key) const {
  auto it = waits_.find(key);
  return it == waits_.end() ? nullptr : &it->second;
}

}  // namespace crux::journal
