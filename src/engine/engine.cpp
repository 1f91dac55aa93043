#include "engine/engine.hpp"

#include <algorithm>
#include <cstdio>

#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "core/limits.hpp"
#include "core/options.hpp"
#include "core/utf8.hpp"
#include "journal/error_record.hpp"
#include "schema/validator.hpp"
#include "time/duration.hpp"

namespace crux {

using journal::Event;
using journal::Run;
using journal::Status;
using journal::WaitState;

namespace {

Json parse_argument(const std::string& text, const char* what) {
  if (text.empty()) return Json();
  try {
    return Json::parse(text);
  } catch (const Json::exception&) {
    throw Error(Code::InvalidArgument, std::string(what) + " is not valid JSON");
  }
}

void check_name(const std::string& name, const char* what) {
  const std::optional<size_t> length = utf8::valid_length(name);
  if (!length) throw Error(Code::InvalidArgument, std::string(what) + " is not valid Unicode text (UTF-8)");
  if (*length == 0 || *length > limits::kMaxNameChars) {
    throw Error(Code::InvalidArgument, std::string(what) + " must be a non-empty string of at most " +
                                           std::to_string(limits::kMaxNameChars) + " characters (Unicode code points)");
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      throw Error(Code::InvalidArgument, std::string(what) + " must not contain control characters");
    }
  }
}

std::string error_json(const Error& error) {
  return Json{{"name", "CruxError"}, {"code", code_name(error.code())}, {"message", error.what()}}.dump();
}

/// "failures" of a SIGNAL_INVALID: `[{ path, message }]`, and a message listing them.
Json failures_json(const std::vector<schema::Failure>& failures) {
  Json list = Json::array();
  for (const auto& f : failures) list.push_back({{"path", f.path}, {"message", f.message}});
  return list;
}

std::string failures_text(const std::vector<schema::Failure>& failures) {
  std::string text;
  for (const auto& f : failures) {
    if (!text.empty()) text += "; ";
    text += (f.path.empty() ? std::string("(root)") : f.path) + ": " + f.message;
  }
  return text;
}

/// The change a subscriber hears of: a run's events changed.
std::string flow_change(const std::string& flow_id) {
  return JsonObjectWriter().set("kind", "flow").set("id", flow_id).str();
}

/// The change a subscriber hears of: a plan is now `plan_json` ("null" once deleted).
std::string plan_change(const std::string& id, const std::string& plan_json) {
  return JsonObjectWriter().set("kind", "plan").set("id", id).raw("plan", plan_json).str();
}

}  // namespace

Engine::Engine(store::Directory& dir, EngineOptions options) : dir_(dir), options_(options) {
  std::random_device device;
  random_.seed((static_cast<uint64_t>(device()) << 32) ^ device());
  store_ = std::make_unique<store::Store>(dir, options_.store,
                                          [this](const store::Record& record) { load(record); });
  for (const auto& [id, run] : runs_) refresh_deadline(run);
}

// ---- persistence ----

std::string Engine::load(const store::Record& record, std::string* run_id) {
  Json meta;
  try {
    meta = Json::parse(record.meta);
    if (Event::is_event(meta)) {
      Event event = Event::from_record(meta, record.data);
      std::string id = event.flow_id;
      runs_.try_emplace(id, id).first->second.apply(std::move(event));
      if (run_id) *run_id = id;
      return flow_change(id);
    } else if (meta.value("op", "") == "put") {
      plans::Plan plan = plans::Plan::from_json(Json::parse(record.data));
      std::string change = plan_change(plan.id, record.data);
      plans_.put(std::move(plan));
      return change;
    } else if (meta.value("op", "") == "delete") {
      std::string id = meta.at("plan").get<std::string>();
      plans_.erase(id);
      return plan_change(id, "null");
    } else {
      throw Error(Code::StorageCorrupt, "record of unknown kind: " + record.meta.substr(0, 200));
    }
  } catch (const Json::exception& e) {
    throw Error(Code::StorageCorrupt, std::string("unreadable record: ") + e.what());
  }
}

void Engine::follow() {
  std::set<std::string> changed_runs;
  bool extended = store_->follow([&](const store::Record& record) {
    std::string run_id;
    std::string change = load(record, &run_id);
    changes_.push_back({++mark_, std::move(change)});
    if (!run_id.empty()) changed_runs.insert(run_id);
  });
  if (!extended) return reload();
  for (const std::string& id : changed_runs) run_changed(runs_.at(id));
}

void Engine::reload() {
  std::map<std::string, size_t> event_counts;
  for (const auto& [id, run] : runs_) event_counts[id] = run.events().size();
  std::map<std::string, std::string> plan_texts;
  for (const plans::Plan* plan : plans_.list()) plan_texts[plan->id] = plan->to_json().dump();

  auto old_runs = std::move(runs_);
  auto old_plans = std::move(plans_);
  runs_.clear();
  plans_ = plans::PlanSet();
  try {
    store_ = std::make_unique<store::Store>(dir_, options_.store,
                                            [this](const store::Record& record) { load(record); });
  } catch (...) {
    runs_ = std::move(old_runs);
    plans_ = std::move(old_plans);
    throw;
  }

  validators_.clear();
  deadlines_.clear();
  deadline_of_.clear();
  for (const auto& [id, run] : runs_) refresh_deadline(run);
  for (auto it = active_.begin(); it != active_.end();) {
    auto run = runs_.find(it->first);
    bool intact = run != runs_.end() && run->second.status() == Status::Running &&
                  run->second.events().size() >= event_counts[it->first];
    it = intact ? std::next(it) : active_.erase(it);
  }

  auto announce_loaded = [this](std::string change) { changes_.push_back({++mark_, std::move(change)}); };
  for (const auto& [id, run] : runs_) {
    auto before = event_counts.find(id);
    if (before == event_counts.end() || before->second != run.events().size()) announce_loaded(flow_change(id));
  }
  for (const auto& [id, count] : event_counts) {
    if (!runs_.count(id)) announce_loaded(flow_change(id));
  }
  for (const plans::Plan* plan : plans_.list()) {
    std::string text = plan->to_json().dump();
    auto before = plan_texts.find(plan->id);
    if (before == plan_texts.end() || before->second != text) announce_loaded(plan_change(plan->id, text));
  }
  for (const auto& [id, text] : plan_texts) {
    if (!plans_.find(id)) announce_loaded(plan_change(id, "null"));
  }
}

std::optional<int64_t> Engine::next_deadline() const {
  if (deadlines_.empty()) return std::nullopt;
  return deadlines_.begin()->first;
}

void Engine::run_changed(const Run& run) {
  auto it = validators_.lower_bound({run.id(), ""});
  while (it != validators_.end() && it->first.first == run.id()) it = validators_.erase(it);
  refresh_deadline(run);
}

void Engine::append(const store::Record& record) {
  store_->append(record);
  ++mark_;
}

void Engine::announce(std::string change) {
  changes_.push_back({mark_, std::move(change)});
  if (store_->wants_compaction()) store_->compact(snapshot());
}

std::vector<store::Record> Engine::snapshot() const {
  std::vector<store::Record> records;
  for (const auto& [id, run] : runs_) {
    for (const Event& event : run.events()) records.push_back(event.to_record());
  }
  for (const plans::Plan* plan : plans_.list()) {
    records.push_back({Json{{"plan", plan->id}, {"op", "put"}}.dump(), plan->to_json().dump()});
  }
  return records;
}

Run& Engine::record(Run& run, Event event) {
  append(event.to_record());
  bool settles_wait = event.type == "resumed" || event.type == "timed-out";
  std::string wait_key = event.name;
  run.apply(std::move(event));
  if (settles_wait) validators_.erase({run.id(), wait_key});
  if (run.closed()) {
    auto it = validators_.lower_bound({run.id(), ""});
    while (it != validators_.end() && it->first.first == run.id()) it = validators_.erase(it);
  }
  refresh_deadline(run);
  announce(flow_change(run.id()));
  return run;
}

void Engine::record_plan(const plans::Plan& plan) {
  std::string json = plan.to_json().dump();
  check_size(json, "plan");
  append({Json{{"plan", plan.id}, {"op", "put"}}.dump(), json});
  announce(plan_change(plan.id, json));
}

const schema::Validator& Engine::validator_for(const Run& run, const std::string& key) {
  auto slot = std::make_pair(run.id(), key);
  auto cached = validators_.find(slot);
  if (cached == validators_.end()) cached = validators_.emplace(slot, schema::Validator(run.wait(key)->schema)).first;
  return cached->second;
}

void Engine::refresh_deadline(const Run& run) {
  auto old = deadline_of_.find(run.id());
  if (old != deadline_of_.end()) {
    deadlines_.erase({old->second, run.id()});
    deadline_of_.erase(old);
  }
  if (auto deadline = run.deadline()) {
    deadlines_.insert({*deadline, run.id()});
    deadline_of_[run.id()] = *deadline;
  }
}

// ---- lookups ----

Run& Engine::find_run(const std::string& flow_id) {
  auto it = runs_.find(flow_id);
  if (it == runs_.end()) throw Error(Code::FlowNotFound, "no flow run with id \"" + flow_id + "\"");
  return it->second;
}

const Run& Engine::find_run(const std::string& flow_id) const {
  return const_cast<Engine*>(this)->find_run(flow_id);
}

Run& Engine::open_run(const std::string& flow_id) {
  Run& run = find_run(flow_id);
  if (run.closed()) {
    throw Error(Code::FlowClosed, "flow run \"" + flow_id + "\" is " + journal::status_name(run.status()));
  }
  return run;
}

replay::Execution& Engine::find_execution(const Run& run, int64_t exec_id) {
  auto it = active_.find(run.id());
  if (it == active_.end() || it->second.execution.id() != exec_id) {
    throw Error(Code::FlowClosed, "this pass over flow run \"" + run.id() + "\" is no longer current");
  }
  return it->second.execution;
}

Event Engine::event_for(const Run& run, const char* type, int64_t now, std::string name,
                        std::string data) const {
  Event event;
  event.flow_id = run.id();
  event.seq = run.next_seq();
  event.type = type;
  event.at = now;
  event.name = std::move(name);
  event.data = std::move(data);
  return event;
}

Event Engine::call_event(const Run& run, const char* type, int64_t now, const journal::CallName& call,
                         std::string data) const {
  Event event = event_for(run, type, now, {}, std::move(data));
  call.write(event.name, event.fields);
  return event;
}

void Engine::check_size(const std::string& payload, const char* what) const {
  if (payload.size() > options_.max_payload_bytes) {
    throw Error(Code::PayloadTooLarge, std::string(what) + " is " + std::to_string(payload.size()) +
                                           " bytes of JSON; the limit is " +
                                           std::to_string(options_.max_payload_bytes));
  }
}

std::string Engine::new_id(const char* prefix, int64_t now) {
  char text[64];
  for (;;) {
    std::snprintf(text, sizeof text, "%s_%011llx%010llx", prefix,
                  static_cast<unsigned long long>(std::max<int64_t>(now, 0)),
                  static_cast<unsigned long long>(random_() & 0xffffffffffULL));
    if (!runs_.count(text) && !plans_.find(text)) return text;
  }
}

std::string Engine::status_json(const Run& run) const {
  JsonObjectWriter out;
  out.set("flowId", run.id()).set("name", run.name()).set("status", journal::status_name(run.status()));
  if (run.status() == Status::Suspended) out.set("waitingFor", run.pending_wait()->name);
  if (run.status() == Status::Completed) out.raw("result", run.result().empty() ? "null" : run.result());
  if (run.status() == Status::Failed || run.status() == Status::Cancelled) out.raw("error", run.error());
  out.set("createdAt", run.created_at()).set("updatedAt", run.updated_at());
  return out.str();
}

// ---- runs ----

std::string Engine::start_run(const std::string& name, const std::optional<std::string>& flow_id,
                              const std::string& input, int64_t now) {
  check_name(name, "flow name");
  if (flow_id) {
    check_name(*flow_id, "flowId");
    auto existing = runs_.find(*flow_id);
    if (existing != runs_.end()) {
      if (existing->second.name() != name) {
        throw Error(Code::InvalidArgument, "flowId \"" + *flow_id + "\" already belongs to flow \"" +
                                               existing->second.name() + "\"");
      }
      return Json{{"flowId", *flow_id}, {"created", false}}.dump();
    }
  }
  check_size(input, "flow input");
  std::string id = flow_id ? *flow_id : new_id("flow", now);
  Run& run = runs_.try_emplace(id, id).first->second;
  try {
    record(run, event_for(run, "started", now, name, input));
  } catch (...) {
    runs_.erase(id);
    throw;
  }
  return Json{{"flowId", id}, {"created", true}}.dump();
}

std::string Engine::begin_execution(const std::string& flow_id, int64_t /*now*/) {
  const Run& run = find_run(flow_id);
  if (run.status() != Status::Running || active_.count(flow_id)) return "null";
  int64_t exec_id = next_exec_id_++;
  active_.emplace(flow_id, Active{replay::Execution(exec_id), {}, {}});
  return JsonObjectWriter().set("execId", exec_id).set("name", run.name()).raw("input", run.input()).str();
}

void Engine::end_execution(const std::string& flow_id, int64_t exec_id) {
  auto it = active_.find(flow_id);
  if (it != active_.end() && it->second.execution.id() == exec_id) active_.erase(it);
}

std::string Engine::step_begin(const std::string& flow_id, int64_t exec_id, const std::string& name,
                               const std::string& options, int64_t /*now*/) {
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  check_name(name, "step name");
  RetryPolicy policy = RetryPolicy::from_options(parse_argument(options, "step options"));
  replay::Slot slot = execution.next(run, "step", name);
  const journal::StepState* step = run.step(slot.key());
  if (step && step->completed) return JsonObjectWriter().set("replay", true).raw("result", step->result).str();
  if (step && step->failed) return JsonObjectWriter().raw("failed", step->error).str();
  if (execution.parked()) return R"({"parked":true})";
  active_.at(flow_id).steps[slot.key()] = InFlightStep{slot.call, slot.name, policy};
  JsonObjectWriter out;
  out.set("key", slot.key()).set("call", slot.call).set("attempt", step ? step->attempts + 1 : 1);
  if (step && step->attempts > 0) out.set("notBefore", step->retry_at);
  return out.str();
}

Engine::InFlightStep& Engine::in_flight(const std::string& flow_id, const std::string& key) {
  auto& steps = active_.at(flow_id).steps;
  auto it = steps.find(key);
  if (it == steps.end()) throw Error(Code::InvalidArgument, "step \"" + key + "\" is not in flight");
  return it->second;
}

void Engine::step_complete(const std::string& flow_id, int64_t exec_id, const std::string& key,
                           const std::string& result, int64_t now) {
  Run& run = open_run(flow_id);
  find_execution(run, exec_id);
  const InFlightStep& step = in_flight(flow_id, key);
  check_size(result, ("result of step " + step.name.display()).c_str());
  Event event = call_event(run, "step-completed", now, step.name, result);
  event.fields["call"] = step.call;
  record(run, std::move(event));
  active_.at(flow_id).steps.erase(key);
}

std::string Engine::step_fail(const std::string& flow_id, int64_t exec_id, const std::string& key,
                              const std::string& error, int64_t now) {
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  InFlightStep step = in_flight(flow_id, key);
  const journal::StepState* previous = run.step(key);
  int attempt = (previous ? previous->attempts : 0) + 1;
  Event event = call_event(run, "step-failed", now, step.name,
                           journal::recordable_error(error, options_.max_error_bytes));
  event.fields["call"] = step.call;
  event.fields["attempt"] = attempt;
  if (attempt <= step.policy.retries) {
    int64_t retry_at = now + step.policy.delay_after(attempt);
    event.fields["retryAt"] = retry_at;
    record(run, std::move(event));
    if (execution.parked()) {  // the retry waits for the pass after the wait
      active_.at(flow_id).steps.erase(key);
      return R"({"parked":true})";
    }
    return Json{{"retryAt", retry_at}}.dump();
  }
  event.fields["final"] = true;
  record(run, std::move(event));
  active_.at(flow_id).steps.erase(key);
  return Json{{"final", true}}.dump();
}

void Engine::consume_or_expire(Run& run, const std::string& key, int64_t now) {
  const WaitState* wait = run.wait(key);
  if (!wait || wait->state != WaitState::State::Pending) return;
  const journal::PendingSignal* signal = wait->sleep ? nullptr : run.first_signal(wait->name);
  while (signal && (!wait->deadline || signal->at <= *wait->deadline)) {
    if (!wait->schema.is_null()) {
      auto failures = validator_for(run, key).validate(Json::parse(signal->payload));
      if (!failures.empty()) {  // a buffered payload that does not fit: rejected, the wait goes on
        rearm(run, key, failures_json(failures), signal->seq, now);
        wait = run.wait(key);
        signal = run.first_signal(wait->name);
        continue;
      }
    }
    Event event = call_event(run, "resumed", now, wait->call, signal->payload);
    event.fields["signal"] = signal->seq;
    record(run, std::move(event));
    return;
  }
  if (wait->deadline && *wait->deadline <= now) {
    if (wait->sleep) {
      record(run, call_event(run, "resumed", now, wait->call));
    } else {
      record(run, call_event(run, "timed-out", now, wait->call));
    }
  }
}

std::string Engine::suspend(const std::string& flow_id, int64_t exec_id, const std::string& name,
                            const std::string& schema_text, const std::string& timeout) {
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  check_name(name, "suspend name");
  ReservedWait wait;
  check_size(schema_text, "suspend schema");
  wait.schema = parse_argument(schema_text, "suspend schema");
  if (!wait.schema.is_null()) wait.validator.emplace(wait.schema);
  if (!timeout.empty()) wait.duration_ms = parse_duration(parse_argument(timeout, "suspend timeout"));
  wait.slot = execution.next(run, "wait", name);
  return reserve(flow_id, std::move(wait));
}

std::string Engine::sleep(const std::string& flow_id, int64_t exec_id, const std::string& name,
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

std::string Engine::reserve(const std::string& flow_id, ReservedWait wait) {
  const int call = wait.slot.call;
  active_.at(flow_id).waits[call] = std::move(wait);
  return Json{{"wait", call}}.dump();
}

std::string Engine::wait(const std::string& flow_id, int64_t exec_id, int call, int64_t now) {
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  auto& reserved = active_.at(flow_id).waits;
  auto it = reserved.find(call);
  if (it == reserved.end()) throw Error(Code::InvalidArgument, "wait " + std::to_string(call) + " was not begun");
  ReservedWait reservation = std::move(it->second);
  reserved.erase(it);
  const std::string key = reservation.slot.key();
  if (!run.wait(key)) {
    if (execution.parked()) return R"({"state":"waiting"})";  // recorded by the pass after the wait
    if (reservation.validator) validators_.emplace(std::make_pair(flow_id, key), std::move(*reservation.validator));
    Event event = call_event(run, "suspended", now, reservation.slot.name);
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
  Event event = call_event(run, "suspended", now, wait.call);
  event.fields["wait"] = wait.name;
  if (wait.deadline) event.fields["deadline"] = *wait.deadline;
  event.fields["rejected"] = std::move(failures);
  event.fields["signal"] = signal_seq;
  record(run, std::move(event));
}

std::string Engine::wait_answer(const Run& run, const std::string& key) const {
  const WaitState& wait = *run.wait(key);
  switch (wait.state) {
    case WaitState::State::Resolved:
      if (!wait.rejected.is_null()) {  // recorded before rejected payloads re-armed the wait
        return Json{{"state", "rejected"}, {"failures", wait.rejected}}.dump();
      }
      return JsonObjectWriter()
          .set("state", "resolved")
          .set("key", key)
          .raw("payload", wait.payload.empty() ? "null" : wait.payload)
          .str();
    case WaitState::State::TimedOut:
      return Json{{"state", "timed-out"}}.dump();
    case WaitState::State::Pending:
      break;
  }
  return Json{{"state", "waiting"}, {"key", key}}.dump();
}

std::string Engine::reject_signal(const std::string& flow_id, int64_t exec_id, const std::string& key,
                                  const std::string& failures_text, int64_t now) {
  Run& run = open_run(flow_id);
  replay::Execution& execution = find_execution(run, exec_id);
  const WaitState* wait = run.wait(key);
  if (!wait || wait->sleep || wait->state != WaitState::State::Resolved || !wait->rejected.is_null() ||
      wait->signal == 0) {
    throw Error(Code::InvalidArgument, "wait \"" + key + "\" has no consumed signal to reject");
  }
  check_size(failures_text, "signal failures");
  Json failures = parse_argument(failures_text, "signal failures");
  if (!failures.is_array()) throw Error(Code::InvalidArgument, "signal failures must be an array");
  rearm(run, key, std::move(failures), wait->signal, now);
  consume_or_expire(run, key, now);
  if (run.wait(key)->state == WaitState::State::Pending) execution.park();
  return wait_answer(run, key);
}

std::string Engine::pending_wait(const std::string& flow_id) const {
  const Run& run = find_run(flow_id);
  const WaitState* wait = run.status() == Status::Suspended ? run.pending_wait() : nullptr;
  if (!wait || wait->sleep) return "null";
  return Json{{"key", run.pending_wait_key()}, {"name", wait->name}}.dump();
}

std::string Engine::complete(const std::string& flow_id, int64_t exec_id, const std::string& result,
                             int64_t now) {
  Run& run = find_run(flow_id);
  if (run.closed()) return status_json(run);
  replay::Execution& execution = find_execution(run, exec_id);
  try {
    execution.check_finished(run);
  } catch (const Error& divergence) {
    record(run, event_for(run, "failed", now, {}, error_json(divergence)));
    return status_json(run);
  }
  check_size(result, "flow result");
  record(run, event_for(run, "completed", now, {}, result));
  return status_json(run);
}

std::string Engine::fail(const std::string& flow_id, int64_t exec_id, const std::string& error,
                         int64_t now) {
  Run& run = find_run(flow_id);
  if (run.closed()) return status_json(run);
  replay::Execution& execution = find_execution(run, exec_id);
  std::string recorded = execution.divergence() ? error_json(*execution.divergence()) : error;
  record(run, event_for(run, "failed", now, {}, journal::recordable_error(recorded, options_.max_error_bytes)));
  return status_json(run);
}

std::string Engine::signal(const std::string& flow_id, const std::string& name,
                           const std::string& payload, const std::string& options_text, int64_t now) {
  Run& run = open_run(flow_id);
  check_name(name, "signal name");
  check_size(payload, "signal payload");
  Json options = parse_argument(options_text, "signal options");
  if (!options.is_null() && !options.is_object()) throw Error(Code::InvalidArgument, "signal options must be an object");
  bool buffer = true;
  if (options.is_object()) {
    require_known_keys(options, {"buffer"}, "signal options");
    if (auto given = options.find("buffer"); given != options.end()) {
      if (!given->is_boolean()) throw Error(Code::InvalidArgument, "signal option buffer must be true or false");
      buffer = given->get<bool>();
    }
  }
  // A deadline due by now is applied first, as tick would: no signal lands after it unseen.
  if (auto due = run.deadline(); due && *due <= now) consume_or_expire(run, run.pending_wait_key(), now);
  const WaitState* last = run.last_wait();
  if (last && !last->sleep && last->name == name && last->state == WaitState::State::TimedOut) {
    throw Error(Code::SuspendTimeout,
                "wait \"" + name + "\" of flow run \"" + flow_id + "\" timed out (deadline " +
                    std::to_string(last->deadline.value_or(0)) + ") before this signal came; it was not recorded",
                Json{{"wait", name}, {"deadline", last->deadline.value_or(0)}}.dump());
  }
  const WaitState* wait = run.status() == Status::Suspended ? run.pending_wait() : nullptr;
  bool delivered = wait && !wait->sleep && wait->name == name;
  if (!delivered && !buffer) {
    throw Error(Code::SignalInvalid,
                "flow run \"" + flow_id + "\" is not waiting for signal \"" + name + "\" (" +
                    (wait ? "it waits for \"" + wait->name + "\"" : std::string("it is not parked on a wait")) +
                    "); with buffer: false nothing was recorded",
                Json{{"waitingFor", wait ? Json(wait->name) : Json()}}.dump());
  }
  if (delivered && !wait->schema.is_null()) {
    Json value = payload.empty() ? Json() : parse_argument(payload, "signal payload");
    auto failures = validator_for(run, run.pending_wait_key()).validate(value);
    if (!failures.empty()) {
      throw Error(Code::SignalInvalid,
                  "signal \"" + name + "\" does not match the schema of its wait: " + failures_text(failures),
                  failures_json(failures).dump());
    }
  }
  std::string waiting_for = wait ? wait->name : std::string();
  Event event = event_for(run, "signaled", now, name, payload.empty() ? "null" : payload);
  if (!delivered) event.fields["buffered"] = true;
  record(run, std::move(event));
  JsonObjectWriter out;
  out.set("outcome", delivered ? "delivered" : "buffered");
  if (!waiting_for.empty()) out.set("waitingFor", waiting_for);
  out.set("runnable", run.status() == Status::Running && !active_.count(flow_id));
  return out.str();
}

std::string Engine::cancel(const std::string& flow_id, const std::string& reason, int64_t now) {
  Run& run = open_run(flow_id);
  Json why = parse_argument(reason, "cancel reason");
  if (!why.is_null() && !why.is_string()) throw Error(Code::InvalidArgument, "cancel reason must be a string");
  if (why.is_string() && why.get_ref<const std::string&>().size() > options_.max_reason_bytes) {
    throw Error(Code::PayloadTooLarge, "cancel reason is " + std::to_string(why.get_ref<const std::string&>().size()) +
                                           " bytes of UTF-8; the limit is " + std::to_string(options_.max_reason_bytes));
  }
  std::string message = "flow run \"" + flow_id + "\" was cancelled";
  if (why.is_string()) message += ": " + why.get<std::string>();
  Json error = {{"name", "CruxError"}, {"code", "FLOW_CLOSED"}, {"message", message}};
  if (why.is_string()) error["reason"] = why;
  record(run, event_for(run, "cancelled", now, {}, error.dump()));
  return status_json(run);
}

std::string Engine::status(const std::string& flow_id) const { return status_json(find_run(flow_id)); }

std::string Engine::history(const std::string& flow_id) const {
  std::vector<std::string> events;
  for (const Event& event : find_run(flow_id).events()) {
    JsonObjectWriter out;
    out.set("seq", event.seq).set("type", event.type).set("at", event.at);
    if (!event.name.empty()) out.set("name", event.name);
    if (auto occurrence = event.fields.find("occurrence"); occurrence != event.fields.end() && *occurrence != 1) {
      out.set("occurrence", *occurrence);
    }
    if (event.type == "suspended") {
      Json data = {{"wait", event.fields.value("wait", event.name)}};
      for (const char* key : {"deadline", "sleep", "rejected", "signal"}) {
        if (event.fields.contains(key)) data[key] = event.fields.at(key);
      }
      out.set("data", data);
    } else {
      out.raw("data", event.data);
    }
    for (const char* key : {"attempt", "retryAt", "buffered"}) {
      if (event.fields.contains(key)) out.set(key, event.fields.at(key));
    }
    events.push_back(out.str());
  }
  return json_array_of(events);
}

std::string Engine::list_flows(const std::string& filter_text) const {
  Json filter = parse_argument(filter_text, "listFlows filter");
  std::optional<Status> status;
  std::string name;
  if (!filter.is_null()) {
    if (!filter.is_object()) throw Error(Code::InvalidArgument, "listFlows filter must be an object");
    for (const auto& item : filter.items()) {
      if (item.key() == "status") {
        if (item.value().is_string()) status = journal::status_from_name(item.value().get<std::string>());
        if (!status) throw Error(Code::InvalidArgument, "listFlows status must be one of running, suspended, completed, failed, cancelled");
      } else if (item.key() == "name") {
        if (!item.value().is_string()) throw Error(Code::InvalidArgument, "listFlows name must be a string");
        name = item.value().get<std::string>();
      } else {
        throw Error(Code::InvalidArgument, "listFlows: unknown filter \"" + item.key() + "\"");
      }
    }
  }
  std::vector<const Run*> matching;
  for (const auto& [id, run] : runs_) {
    if ((!status || run.status() == *status) && (name.empty() || run.name() == name)) matching.push_back(&run);
  }
  std::sort(matching.begin(), matching.end(), [](const Run* a, const Run* b) {
    return a->created_at() != b->created_at() ? a->created_at() < b->created_at() : a->id() < b->id();
  });
  std::vector<std::string> out;
  for (const Run* run : matching) out.push_back(status_json(*run));
  return json_array_of(out);
}

std::string Engine::tick(int64_t now) {
  std::vector<std::string> due;
  for (const auto& [deadline, id] : deadlines_) {
    if (deadline > now) break;
    due.push_back(id);
  }
  Json runnable = Json::array();
  for (const std::string& id : due) {
    Run& run = runs_.at(id);
    consume_or_expire(run, run.pending_wait_key(), now);
    if (run.status() == Status::Running) runnable.push_back(id);
  }
  Json next = deadlines_.empty() ? Json() : Json(deadlines_.begin()->first);
  return Json{{"runnable", runnable}, {"nextDeadline", next}}.dump();
}

std::string Engine::runnable(const std::string& name) const {
  Json ids = Json::array();
  for (const auto& [id, run] : runs_) {
    if (run.name() == name && run.status() == Status::Running && !active_.count(id)) ids.push_back(id);
  }
  return ids.dump();
}

// ---- plans ----

std::string Engine::plan_create(const std::string& fields_text, int64_t now) {
  check_size(fields_text, "plan");
  Json fields = parse_argument(fields_text, "plan fields");
  std::string id = new_id("plan", now);
  const plans::Plan& plan = plans_.create(id, fields, now);
  try {
    record_plan(plan);
  } catch (...) {
    plans_.erase(id);
    throw;
  }
  return plan.to_json().dump();
}

std::string Engine::plan_update(const std::string& id, const std::string& changes_text,
                                const std::string& if_version, int64_t now) {
  check_size(changes_text, "plan changes");
  Json changes = parse_argument(changes_text, "plan changes");
  Json version = parse_argument(if_version, "ifVersion");
  if (!if_version.empty() && !version.is_number_integer()) {  // absent is empty text; null is refused
    throw Error(Code::InvalidArgument, "ifVersion must be an integer, got " + version.dump());
  }
  const plans::Plan* current = plans_.find(id);
  if (!current) throw Error(Code::PlanNotFound, "no plan with id \"" + id + "\"");
  plans::Plan before = *current;
  const plans::Plan& plan = plans_.update(
      id, changes, version.is_null() ? std::nullopt : std::optional<int64_t>(version.get<int64_t>()), now);
  try {
    record_plan(plan);
  } catch (...) {
    plans_.put(before);
    throw;
  }
  return plan.to_json().dump();
}

std::string Engine::plan_get(const std::string& id) const {
  const plans::Plan* plan = plans_.find(id);
  return plan ? plan->to_json().dump() : "null";
}

std::string Engine::plan_list() const {
  std::vector<std::string> out;
  for (const plans::Plan* plan : plans_.list()) out.push_back(plan->to_json().dump());
  return json_array_of(out);
}

void Engine::plan_delete(const std::string& id) {
  if (!plans_.find(id)) throw Error(Code::PlanNotFound, "no plan with id \"" + id + "\"");
  append({Json{{"plan", id}, {"op", "delete"}}.dump(), {}});
  plans_.erase(id);
  announce(plan_change(id, "null"));
}

// ---- change notification ----

std::string Engine::take_changes(uint64_t mark) {
  auto end = std::find_if(changes_.begin(), changes_.end(), [&](const Change& c) { return c.mark > mark; });
  std::vector<std::string> out;
  for (auto it = changes_.begin(); it != end; ++it) out.push_back(std::move(it->json));
  changes_.erase(changes_.begin(), end);
  return json_array_of(out);
}

void Engine::drop_changes_after(uint64_t mark) {
  auto first = std::find_if(changes_.begin(), changes_.end(), [&](const Change& c) { return c.mark > mark; });
  changes_.erase(first, changes_.end());
}

std::string Engine::stats() const {
  return Json{{"runs", runs_.size()}, {"plans", plans_.list().size()}, {"files", store_->file_count()}}.dump();
}

}  // namespace crux
