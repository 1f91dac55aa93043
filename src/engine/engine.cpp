#include "engine/engine.hpp"

#include <unistd.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/options.hpp"
#include "engine/directory_writes.hpp"
#include "schema/validator.hpp"
#include "store/entry_names.hpp"
#include "time/duration.hpp"

namespace crux {

using journal::Event;
using journal::EventKind;
using journal::Run;
using journal::Status;
using journal::WaitState;

namespace {

std::vector<store::Entry> read_entries(store::Directory& dir, const std::function<bool(const std::string&)>& wanted) {
  std::vector<store::Entry> entries;
  for (const std::string& name : dir.list()) {
    if (!wanted(name)) continue;
    if (auto bytes = dir.read(name)) entries.push_back({name, std::move(*bytes)});
  }
  return entries;
}

/// `value` in lowercase hex, at least `digits` digits (zero-padded), as printf's %0*llx.
void append_hex(std::string& text, uint64_t value, int digits) {
  char reversed[16];
  int count = 0;
  do {
    reversed[count++] = "0123456789abcdef"[value & 0xf];
    value >>= 4;
  } while (value != 0);
  for (int pad = count; pad < digits; pad++) text += '0';
  while (count > 0) text += reversed[--count];
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.compare(0, prefix.size(), prefix) == 0; }

bool is_index_entry(const std::string& name) {
  auto parsed = store::parse_entry_name(name);
  return parsed && parsed->kind != store::EntryKind::RunEvent && parsed->kind != store::EntryKind::RunFolded;
}

}  // namespace

Engine::Engine(EngineOptions options) : options_(options), ledger_(options.cache_bytes) {
  // getentropy rather than std::random_device, whose error path links std::system_error into
  // crux.wasm. Ids need to be unlikely to collide, not secret: should it fail (it does not in
  // browsers or Node), the engine's address seeds the generator.
  uint64_t seed = reinterpret_cast<uintptr_t>(this);
  getentropy(&seed, sizeof seed);
  random_.seed(seed);
}

Engine::Engine(store::Directory& dir, EngineOptions options) : Engine(options) {
  dir_ = &dir;
  ledger_.set_reader([&dir](const store::RunEntries& names) {
    return read_entries(dir, [&](const std::string& name) { return names.holds(name); });
  });
  open(read_entries(dir, is_index_entry));
}

Engine::~Engine() = default;

// ---- storage ----

void Engine::open(const std::vector<store::Entry>& entries) {
  ledger_.open(entries);
  validators_.clear();
  active_.clear();
  write_through();
}

std::optional<store::RunEntries> Engine::to_load(const std::string& flow_id) const { return ledger_.to_load(flow_id); }

std::optional<store::RunEntries> Engine::outcome_to_load(const std::string& flow_id) const {
  return ledger_.outcome_to_load(flow_id);
}

void Engine::load_outcome(const std::string& flow_id, const std::vector<store::Entry>& entries) {
  ledger_.load_outcome(flow_id, entries);
}

void Engine::load_run(const std::string& flow_id, const std::vector<store::Entry>& entries) {
  ledger_.load_run(flow_id, entries);
}

void Engine::follow(const std::vector<store::Entry>& entries) {
  std::map<std::string, int64_t> held;  // events each pass in flight has seen
  for (const auto& [id, pass] : active_) {
    if (const journal::RunSummary* summary = ledger_.summary(id)) held[id] = summary->events;
  }
  ledger_.follow(entries);
  validators_.clear();
  // A pass goes on only if its run still holds every event it had (storage may have lost some).
  for (auto it = active_.begin(); it != active_.end();) {
    const journal::RunSummary* summary = ledger_.summary(it->first);
    it = summary && summary->events >= held[it->first] ? std::next(it) : active_.erase(it);
  }
}

void Engine::follow() {
  if (!dir_) return;
  // A directory has no stamps: read the whole index (the snapshot says what is gone) and the
  // journals of the loaded runs.
  follow(read_entries(*dir_, [&](const std::string& name) {
    auto parsed = store::parse_entry_name(name);
    if (!parsed || parsed->kind == store::EntryKind::Legacy) return false;
    if (parsed->kind == store::EntryKind::RunEvent || parsed->kind == store::EntryKind::RunFolded) {
      return ledger_.loaded(parsed->id);
    }
    return true;
  }));
  Outbox outbox = ledger_.take();  // what following announced
  ledger_.settled(true);
  for (Change& change : outbox.changes) written_changes_.push_back(std::move(change));
}

Outbox Engine::commit() {
  if (dir_) {
    Outbox outbox;
    outbox.changes = std::move(written_changes_);
    written_changes_.clear();
    return outbox;
  }
  return ledger_.take();
}

void Engine::settled(bool durable) {
  for (const std::string& id : ledger_.settled(durable)) {
    active_.erase(id);  // its pass recorded what storage does not hold: it ends
    forget_validators(id);
  }
  ledger_.trim([this](const std::string& id) { return active_.count(id) > 0; });
}

void Engine::write_through() {
  if (!dir_) return;
  Outbox outbox = ledger_.take();
  try {
    for (const store::Entry& entry : outbox.writes.put) dir_->replace(entry.name, entry.bytes);
    for (const std::string& name : outbox.writes.remove) dir_->remove(name);
    if (!outbox.writes.remove_prefixes.empty()) {
      std::set<std::string> kept;
      for (const store::Entry& entry : outbox.writes.put) kept.insert(entry.name);
      for (const std::string& name : dir_->list()) {
        for (const std::string& prefix : outbox.writes.remove_prefixes) {
          if (starts_with(name, prefix) && !kept.count(name)) dir_->remove(name);
        }
      }
    }
  } catch (...) {
    settled(false);
    throw;
  }
  settled(true);
  for (Change& change : outbox.changes) written_changes_.push_back(std::move(change));
}

Run& Engine::record(Run& run, Event event) {
  bool settles_wait = event.kind == EventKind::Resumed || event.kind == EventKind::TimedOut;
  std::string wait_key = event.name;
  ledger_.record(run, std::move(event));
  if (settles_wait) validators_.erase({run.id(), wait_key});
  if (run.closed()) forget_validators(run.id());
  return run;
}

void Engine::forget_validators(const std::string& flow_id) {
  auto it = validators_.lower_bound({flow_id, ""});
  while (it != validators_.end() && it->first.first == flow_id) it = validators_.erase(it);
}

const plans::Plan& Engine::record_plan(const plans::StoredPlan& plan) {
  check_size(plan.json(), "plan");
  return ledger_.put_plan(plan);
}

bool Engine::holds_schemas() const {
  for (const auto& [id, active] : active_) {
    for (const auto& [call, wait] : active.waits) {
      if (!wait.schema.is_null()) return true;
    }
  }
  return ledger_.any_loaded([](const Run& run) {
    const WaitState* wait = run.status() == Status::Suspended ? run.pending_wait() : nullptr;
    return wait && !wait->schema.is_null();
  });
}

const schema::Validator& Engine::validator_for(const Run& run, const std::string& key) {
  auto slot = std::make_pair(run.id(), key);
  auto cached = validators_.find(slot);
  if (cached == validators_.end()) cached = validators_.emplace(slot, schema::Validator(run.wait(key)->schema)).first;
  return cached->second;
}

// ---- lookups ----

Run& Engine::find_run(const std::string& flow_id) { return ledger_.run(flow_id); }

const Run& Engine::find_run(const std::string& flow_id) const {
  return const_cast<Engine*>(this)->find_run(flow_id);
}

Run& Engine::open_run(const std::string& flow_id) {
  Run& run = find_run(flow_id);
  if (run.closed()) {
    raise(Code::FlowClosed, {"flow run \"", flow_id, "\" is ", journal::status_name(run.status())});
  }
  return run;
}

replay::Execution& Engine::find_execution(const Run& run, int64_t exec_id) {
  auto it = active_.find(run.id());
  if (it == active_.end() || it->second.execution.id() != exec_id) {
    raise(Code::FlowClosed, {"this pass over flow run \"", run.id(), "\" is no longer current"});
  }
  return it->second.execution;
}

Event Engine::event_for(const Run& run, EventKind kind, int64_t now, std::string name,
                        std::string data) const {
  Event event;
  event.flow_id = run.id();
  event.seq = run.next_seq();
  event.kind = kind;
  event.at = now;
  event.name = std::move(name);
  event.data = std::move(data);
  return event;
}

Event Engine::call_event(const Run& run, EventKind kind, int64_t now, const journal::CallName& call,
                         std::string data) const {
  Event event = event_for(run, kind, now, {}, std::move(data));
  call.write(event.name, event.fields);
  return event;
}

void Engine::check_size(const std::string& payload, const char* what) const {
  if (payload.size() > options_.max_payload_bytes) {
    raise(Code::PayloadTooLarge, {what, " is ", payload.size(), " bytes of JSON; the limit is ", options_.max_payload_bytes});
  }
}

std::string Engine::new_id(const char* prefix, int64_t now) {
  for (;;) {
    // <prefix>_<now, 11+ hex digits><40 random bits, 10 hex digits>: ids sort by creation time.
    std::string id = std::string(prefix) + '_';
    append_hex(id, static_cast<uint64_t>(std::max<int64_t>(now, 0)), 11);
    append_hex(id, random_() & 0xffffffffffULL, 10);
    if (!ledger_.summary(id) && !ledger_.plans().contains(id)) return id;
  }
}

namespace {

/// A status: the run's summary, and for a closed run how it ended (its result or error).
FlowStatus status_from(const journal::RunSummary& run, const std::string* outcome) {
  FlowStatus status;
  status.flow_id = run.id;
  status.name = run.name;
  status.status = run.status;
  if (run.status == Status::Suspended) status.waiting_for = run.waiting_for;
  if (outcome) status.outcome_json = *outcome;
  status.created_at = run.created_at;
  status.updated_at = run.updated_at;
  return status;
}

}  // namespace

FlowStatus Engine::status_of(const Run& run) const {
  const std::string& outcome = run.status() == Status::Completed ? run.result() : run.error();
  return status_from(journal::RunSummary::of(run), run.closed() ? &outcome : nullptr);
}

// ---- runs ----

StartResult Engine::start_run(const std::string& name, const std::optional<std::string>& flow_id,
                              const std::string& input, int64_t now) {
  check_name(name, "flow name");
  if (flow_id) {
    check_name(*flow_id, "flowId");
    if (const journal::RunSummary* existing = ledger_.summary(*flow_id)) {
      if (existing->name != name) {
        raise(Code::InvalidArgument, {"flowId \"", *flow_id, "\" already belongs to flow \"", existing->name, "\""});
      }
      return StartResult{*flow_id, false};
    }
  }
  check_size(input, "flow input");
  std::string id = flow_id ? *flow_id : new_id("flow", now);
  DirectoryWrites writes(*this);
  Run& run = ledger_.create_run(id);
  record(run, event_for(run, EventKind::Started, now, name, input));
  return StartResult{id, true};
}

std::optional<PendingWait> Engine::pending_wait(const std::string& flow_id) const {
  const Run& run = find_run(flow_id);
  const WaitState* wait = run.status() == Status::Suspended ? run.pending_wait() : nullptr;
  if (!wait || wait->sleep) return std::nullopt;
  return PendingWait{run.pending_wait_key(), wait->name};
}

SignalOutcome Engine::signal(const std::string& flow_id, const std::string& name,
                             const std::string& payload, const std::string& options_text, int64_t now) {
  DirectoryWrites writes(*this);
  Run& run = open_run(flow_id);
  check_name(name, "signal name");
  check_size(payload, "signal payload");
  Json options = parse_argument(options_text, "signal options");
  if (!options.is_null() && !options.is_object()) raise(Code::InvalidArgument, {"signal options must be an object"});
  bool buffer = true;
  if (options.is_object()) {
    require_known_keys(options, {"buffer"}, "signal options");
    if (auto given = options.find("buffer"); given != options.end()) {
      if (!given->is_boolean()) raise(Code::InvalidArgument, {"signal option buffer must be true or false"});
      buffer = given->get<bool>();
    }
  }
  // A deadline due by now is applied first, as tick would: no signal lands after it unseen.
  if (auto due = run.deadline(); due && *due <= now) consume_or_expire(run, run.pending_wait_key(), now);
  const WaitState* last = run.last_wait();
  if (last && !last->sleep && last->name == name && last->state == WaitState::State::TimedOut) {
    raise(Code::SuspendTimeout,
         {"wait \"", name, "\" of flow run \"", flow_id, "\" timed out (deadline ", last->deadline.value_or(0),
          ") before this signal came; it was not recorded"},
         Json{{"wait", name}, {"deadline", last->deadline.value_or(0)}}.dump());
  }
  const WaitState* wait = run.status() == Status::Suspended ? run.pending_wait() : nullptr;
  bool delivered = wait && !wait->sleep && wait->name == name;
  if (!delivered && !buffer) {
    raise(Code::SignalInvalid,
         {"flow run \"", flow_id, "\" is not waiting for signal \"", name, "\" (",
          wait ? "it waits for \"" : "it is not parked on a wait", wait ? std::string_view(wait->name) : "",
          wait ? "\"" : "", "); with buffer: false nothing was recorded"},
         Json{{"waitingFor", wait ? Json(wait->name) : Json()}}.dump());
  }
  if (delivered && !wait->schema.is_null()) {
    auto failures = validator_for(run, run.pending_wait_key()).validate_text(payload, "signal payload");
    if (!failures.empty()) {
      raise(Code::SignalInvalid, {"signal \"", name, "\" does not match the schema of its wait: ", schema::failures_text(failures)},
           schema::failures_json(failures).dump());
    }
  }
  std::string waiting_for = wait ? wait->name : std::string();
  Event event = event_for(run, EventKind::Signaled, now, name, payload.empty() ? "null" : payload);
  if (!delivered) event.fields["buffered"] = true;
  record(run, std::move(event));
  SignalOutcome outcome;
  outcome.delivered = delivered;
  if (!waiting_for.empty()) outcome.waiting_for = waiting_for;
  outcome.runnable = run.status() == Status::Running && !active_.count(flow_id);
  return outcome;
}

FlowStatus Engine::cancel(const std::string& flow_id, const std::string& reason, int64_t now) {
  DirectoryWrites writes(*this);
  Run& run = open_run(flow_id);
  Json why = parse_argument(reason, "cancel reason");
  if (!why.is_null() && !why.is_string()) raise(Code::InvalidArgument, {"cancel reason must be a string"});
  if (why.is_string() && why.get_ref<const std::string&>().size() > options_.max_reason_bytes) {
    raise(Code::PayloadTooLarge, {"cancel reason is ", why.get_ref<const std::string&>().size(), " bytes of UTF-8; the limit is ",
                                 options_.max_reason_bytes});
  }
  std::string message = "flow run \"" + flow_id + "\" was cancelled";
  if (why.is_string()) message += ": " + why.get<std::string>();
  Json error = {{"name", "CruxError"}, {"code", "FLOW_CLOSED"}, {"message", message}};
  if (why.is_string()) error["reason"] = why;
  record(run, event_for(run, EventKind::Cancelled, now, {}, error.dump()));
  return status_of(run);
}

FlowStatus Engine::status(const std::string& flow_id) const {
  const journal::RunSummary* summary = ledger_.summary(flow_id);
  if (!summary || ledger_.loaded(flow_id)) return status_of(find_run(flow_id));
  if (!summary->closed()) return status_from(*summary, nullptr);
  return status_from(*summary, &const_cast<Ledger&>(ledger_).outcome(flow_id).data);
}

const std::vector<Event>& Engine::history(const std::string& flow_id) const { return find_run(flow_id).events(); }

std::vector<std::string> Engine::list_flow_ids(const std::string& filter_text) const {
  Json filter = parse_argument(filter_text, "listFlows filter");
  std::optional<Status> status;
  std::string name;
  if (!filter.is_null()) {
    if (!filter.is_object()) raise(Code::InvalidArgument, {"listFlows filter must be an object"});
    for (const auto& item : filter.items()) {
      if (item.key() == "status") {
        if (item.value().is_string()) status = journal::status_from_name(item.value().get<std::string>());
        if (!status) raise(Code::InvalidArgument, {"listFlows status must be one of running, suspended, completed, failed, cancelled"});
      } else if (item.key() == "name") {
        if (!item.value().is_string()) raise(Code::InvalidArgument, {"listFlows name must be a string"});
        name = item.value().get<std::string>();
      } else {
        raise(Code::InvalidArgument, {"listFlows: unknown filter \"", item.key(), "\""});
      }
    }
  }
  std::vector<const journal::RunSummary*> matching;
  for (const auto& [id, run] : ledger_.summaries()) {
    if ((!status || run.status == *status) && (name.empty() || run.name == name)) matching.push_back(&run);
  }
  std::sort(matching.begin(), matching.end(), [](const journal::RunSummary* a, const journal::RunSummary* b) {
    return a->created_at != b->created_at ? a->created_at < b->created_at : a->id < b->id;
  });
  std::vector<std::string> ids;
  for (const journal::RunSummary* run : matching) ids.push_back(run->id);
  return ids;
}

std::vector<FlowStatus> Engine::list_flows(const std::string& filter_text) const {
  std::vector<FlowStatus> out;
  for (const std::string& id : list_flow_ids(filter_text)) out.push_back(status_from(*ledger_.summary(id), nullptr));
  return out;
}

std::vector<std::string> Engine::due(int64_t now) const { return ledger_.deadlines().due(now); }

void Engine::delete_run(const std::string& flow_id) {
  DirectoryWrites writes(*this);
  ledger_.remove_run(flow_id);
  active_.erase(flow_id);
  forget_validators(flow_id);
}

std::vector<std::string> Engine::expire_closed(const std::string& retention, int64_t now) {
  const int64_t cutoff = now - parse_duration(parse_argument(retention, "retainClosedFor"));
  DirectoryWrites writes(*this);
  std::vector<std::string> expired;
  for (const auto& [id, run] : ledger_.summaries()) {
    if (run.closed() && run.updated_at < cutoff) expired.push_back(id);
  }
  for (const std::string& id : expired) delete_run(id);
  return expired;
}

TickResult Engine::tick(int64_t now) {
  DirectoryWrites writes(*this);
  TickResult result;
  for (const std::string& id : ledger_.deadlines().due(now)) {
    Run& run = find_run(id);
    consume_or_expire(run, run.pending_wait_key(), now);
    if (run.status() == Status::Running) result.runnable.push_back(id);
  }
  result.next_deadline = ledger_.deadlines().next();
  return result;
}

std::vector<std::string> Engine::runnable(const std::string& name) const {
  std::vector<std::string> ids;
  for (const auto& [id, run] : ledger_.summaries()) {
    if (run.name == name && run.status == Status::Running && !active_.count(id)) ids.push_back(id);
  }
  return ids;
}

// ---- plans ----

const plans::Plan& Engine::plan_create(const std::string& fields_text, int64_t now) {
  check_size(fields_text, "plan");
  Json fields = parse_argument(fields_text, "plan fields");
  plans::PlanSet scratch;
  const std::string& id = scratch.create(new_id("plan", now), fields, now).id;
  DirectoryWrites writes(*this);
  return record_plan(scratch.stored().at(id));
}

const plans::Plan& Engine::plan_update(const std::string& id, const std::string& changes_text,
                                       const std::string& if_version, int64_t now) {
  check_size(changes_text, "plan changes");
  Json changes = parse_argument(changes_text, "plan changes");
  Json version = parse_argument(if_version, "ifVersion");
  if (!if_version.empty() && !version.is_number_integer()) {  // absent is empty text; null is refused
    raise(Code::InvalidArgument, {"ifVersion must be an integer, got ", version.dump()});
  }
  const plans::StoredPlan* held = ledger_.plans().stored(id);
  if (!held) raise(Code::PlanNotFound, {"no plan with id \"", id, "\""});
  plans::PlanSet scratch;
  scratch.put(*held);
  scratch.update(id, changes, version.is_null() ? std::nullopt : std::optional<int64_t>(version.get<int64_t>()), now);
  DirectoryWrites writes(*this);
  return record_plan(scratch.stored().at(id));
}

const plans::Plan* Engine::plan_get(const std::string& id) const { return ledger_.plans().find(id); }

std::vector<const plans::Plan*> Engine::plan_list() const { return ledger_.plans().list(); }

void Engine::plan_delete(const std::string& id) {
  DirectoryWrites writes(*this);
  ledger_.remove_plan(id);
}

Stats Engine::stats() const {
  return Stats{ledger_.summaries().size(), ledger_.plans().size(), ledger_.loaded_count()};
}

}  // namespace crux
