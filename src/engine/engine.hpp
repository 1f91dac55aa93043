#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/limits.hpp"
#include "engine/results.hpp"
#include "engine/retry_policy.hpp"
#include "journal/run.hpp"
#include "plans/plan.hpp"
#include "replay/execution.hpp"
#include "schema/validator.hpp"
#include "engine/ledger.hpp"
#include "store/directory.hpp"
#include "store/entry.hpp"

namespace crux {

struct EngineOptions {
  /// Bytes of loaded journals kept in memory beyond the runs in use.
  size_t cache_bytes = size_t{16} * 1024 * 1024;
  /// Largest input, step result, signal payload, schema or plan, in bytes of JSON text.
  size_t max_payload_bytes = limits::kMaxPayloadBytes;
  /// Largest error a run or step records, in bytes of JSON text: larger ones are cut to fit
  /// (journal::recordable_error), so that a run can always record how it ended.
  size_t max_error_bytes = limits::kMaxErrorBytes;
  /// Longest cancel reason, in bytes of UTF-8 (it is recorded within the run's error).
  size_t max_reason_bytes = limits::kMaxReasonBytes;
};

/// The rules of Crux: runs and their journals, replay, signals, deadlines and plans. What is
/// stored is the ledger's (ledger.hpp); the engine decides what to record. Methods answer typed
/// results (results.hpp; src/engine/door_rules.cpp writes them as JSON), take JSON text where
/// JavaScript gives it (payloads pass through unparsed) and throw crux::Error on bad input,
/// leaving the state unchanged. Times are epoch milliseconds
/// supplied by the caller.
///
/// Two ways to keep it: over entries that JavaScript reads and writes (the browser: open() with
/// the store's summaries and plans, load_run() before a run is used, commit() after each batch
/// of calls and settled() once storage answered), or over a directory (native tools and tests:
/// read when constructed, runs loaded on demand, each call's entries written before it returns).
class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  /// Opens the store in `dir`; throws STORAGE_CORRUPT naming the bad entry.
  explicit Engine(store::Directory& dir, EngineOptions options = {});
  ~Engine();

  // ---- storage ----
  /// Takes in a store's summaries and plans (version-1 files are converted: commit() then
  /// writes them in this format and removes the old files).
  void open(const std::vector<store::Entry>& entries);
  /// The entries to read before run `flow_id` can be used; nothing if loaded or unknown.
  std::optional<store::RunEntries> to_load(const std::string& flow_id) const;
  void load_run(const std::string& flow_id, const std::vector<store::Entry>& entries);
  /// The entries to read before status() of a closed run answers without its journal (its
  /// closing event); nothing if not needed.
  std::optional<store::RunEntries> outcome_to_load(const std::string& flow_id) const;
  void load_outcome(const std::string& flow_id, const std::vector<store::Entry>& entries);
  /// Takes in the entries another writer (tab) wrote since this engine last looked.
  void follow(const std::vector<store::Entry>& entries);
  /// Over a directory: reads in what another writer of it recorded.
  void follow();
  /// What the calls since the last commit() recorded: the entries to write, the changes to
  /// announce once they are durable. Over a directory the entries are written already.
  Outbox commit();
  /// Storage answered for the last commit(): `durable`, or failed (everything it recorded is
  /// taken back, and the passes over those runs end).
  void settled(bool durable);

  // ---- runs ----
  /// A new run, or the existing one with that id (idempotent start).
  StartResult start_run(const std::string& name, const std::optional<std::string>& flow_id,
                        const std::string& input, int64_t now);
  /// Claims a runnable run for one pass of its body, or nothing if the run is closed, parked on
  /// a wait, or already being executed.
  std::optional<PassStart> begin_execution(const std::string& flow_id, int64_t now);
  /// Releases the run after a pass (finished, parked, or abandoned).
  void end_execution(const std::string& flow_id, int64_t exec_id);

  /// Replay the recorded result, the step failed for good, run it, or parked (the pass waits on
  /// a signal or timer: this step runs in the next pass).
  StepBegin step_begin(const std::string& flow_id, int64_t exec_id, const std::string& name,
                       const std::string& options, int64_t now);
  void step_complete(const std::string& flow_id, int64_t exec_id, const std::string& key,
                     const std::string& result, int64_t now);
  /// A retry when another attempt is due, final when retries are spent, parked when another
  /// attempt is due but the pass is parked.
  StepFailure step_fail(const std::string& flow_id, int64_t exec_id, const std::string& key,
                        const std::string& error, int64_t now);
  /// A wait of the body, in two halves. suspend() and sleep() check the arguments and take the
  /// wait's place in call order when the body makes the call: its call index. wait() then
  /// records it (in the transaction) and answers resolved, timed out, rejected, or waiting (the
  /// pass must stop here). Taking the place at once keeps call order the body's own when other
  /// calls run beside the wait.
  int suspend(const std::string& flow_id, int64_t exec_id, const std::string& name,
              const std::string& schema, const std::string& timeout);
  int sleep(const std::string& flow_id, int64_t exec_id, const std::string& name,
            const std::string& duration);
  WaitAnswer wait(const std::string& flow_id, int64_t exec_id, int call, int64_t now);
  /// Ends the run with the body's return value (or NON_DETERMINISTIC): its status.
  FlowStatus complete(const std::string& flow_id, int64_t exec_id, const std::string& result,
                       int64_t now);
  /// Ends the run with the body's error `{ name, message, code? }`: its status.
  FlowStatus fail(const std::string& flow_id, int64_t exec_id, const std::string& error,
                   int64_t now);

  /// Records a signal, after applying the run's deadline if it is due by `now`. Delivered when
  /// the run is parked on a suspend of that name (validated now against its schema:
  /// SIGNAL_INVALID records nothing), else buffered for the next suspend of that name.
  /// `options` is `{ buffer?: boolean }` or empty; with `buffer: false` a signal that would be
  /// buffered is refused (SIGNAL_INVALID, nothing recorded). A signal named for the run's latest
  /// wait, which timed out, is refused with SUSPEND_TIMEOUT (nothing recorded but the timeout).
  SignalOutcome signal(const std::string& flow_id, const std::string& name,
                       const std::string& payload, const std::string& options, int64_t now);
  SignalOutcome signal(const std::string& flow_id, const std::string& name,
                       const std::string& payload, int64_t now) {
    return signal(flow_id, name, payload, std::string(), now);
  }
  /// The body's Standard Schema refused the payload a suspend resolved to: records the refusal
  /// (`failures`: `[{ path, message }]`) and re-arms wait `key` with its deadline. Answers as
  /// suspend does (the next buffered signal, a timeout, or waiting).
  WaitAnswer reject_signal(const std::string& flow_id, int64_t exec_id, const std::string& key,
                           const std::string& failures, int64_t now);
  /// The suspend the run is parked on, if any.
  std::optional<PendingWait> pending_wait(const std::string& flow_id) const;
  FlowStatus cancel(const std::string& flow_id, const std::string& reason, int64_t now);

  FlowStatus status(const std::string& flow_id) const;
  /// The run's journal, oldest event first.
  const std::vector<journal::Event>& history(const std::string& flow_id) const;
  /// Summaries: statuses without result or error (read from the index, no journal), oldest
  /// first. `filter` is `{ status?, name? }` or empty.
  std::vector<FlowStatus> list_flows(const std::string& filter) const;

  /// Records every deadline due by `now` (load the runs due() names first): the runs a pass
  /// could take, and the next deadline.
  TickResult tick(int64_t now);
  /// The runs whose deadline is due by `now`.
  std::vector<std::string> due(int64_t now) const;
  /// Ids of the runs listFlows would list for `filter`.
  std::vector<std::string> list_flow_ids(const std::string& filter) const;
  /// Deletes a run, whatever its state: its journal and summary (FLOW_NOT_FOUND if unknown).
  void delete_run(const std::string& flow_id);
  /// Deletes every closed run last changed longer ago than `retention` (a duration, JSON text:
  /// milliseconds or a string like "30d"): their ids.
  std::vector<std::string> expire_closed(const std::string& retention, int64_t now);
  /// Ids of the runs of flow `name` that a pass could take (record due deadlines with tick
  /// first: this only reads).
  std::vector<std::string> runnable(const std::string& name) const;

  // ---- plans ----
  const plans::Plan& plan_create(const std::string& fields, int64_t now);
  const plans::Plan& plan_update(const std::string& id, const std::string& changes,
                                 const std::string& if_version, int64_t now);
  /// The plan with that id, if any.
  const plans::Plan* plan_get(const std::string& id) const;
  /// Every plan, oldest first.
  std::vector<const plans::Plan*> plan_list() const;
  void plan_delete(const std::string& id);

  /// The earliest recorded deadline (epoch ms), if any: tick(now) has work once now reaches it.
  std::optional<int64_t> next_deadline() const { return ledger_.deadlines().next(); }
  /// Whether a call may now validate against a JSON Schema: a wait reserved with one, or a run in
  /// memory parked on one. In WebAssembly the validator is its own module (crux-schema.wasm),
  /// which the host loads before such a call; an app that never meets a schema never loads it.
  bool holds_schemas() const;
  /// Whether a pass over the run is in progress.
  bool active(const std::string& flow_id) const { return active_.count(flow_id) > 0; }

  Stats stats() const;

 private:
  class DirectoryWrites;
  /// Over a directory: writes what the batch recorded (every public call that records makes one).
  void write_through();
  journal::Run& record(journal::Run& run, journal::Event event);
  void forget_validators(const std::string& flow_id);

  journal::Run& find_run(const std::string& flow_id);
  const journal::Run& find_run(const std::string& flow_id) const;
  journal::Run& open_run(const std::string& flow_id);
  replay::Execution& find_execution(const journal::Run& run, int64_t exec_id);
  journal::Event event_for(const journal::Run& run, journal::EventKind kind, int64_t now,
                           std::string name = {}, std::string data = {}) const;
  /// An event about one call of the body (a step or a wait), naming it as the journal does.
  journal::Event call_event(const journal::Run& run, journal::EventKind kind, int64_t now,
                            const journal::CallName& call, std::string data = {}) const;
  FlowStatus status_of(const journal::Run& run) const;
  void check_size(const std::string& payload, const char* what) const;
  std::string new_id(const char* prefix, int64_t now);
  /// Resolves a pending wait from a buffered signal, or expires it past its deadline.
  void consume_or_expire(journal::Run& run, const std::string& key, int64_t now);
  /// Records that the signal `signal_seq` was rejected by wait `key` and re-arms the wait.
  void rearm(journal::Run& run, const std::string& key, Json failures, int64_t signal_seq, int64_t now);
  /// What suspend answers for wait `key` as it now stands.
  WaitAnswer wait_answer(const journal::Run& run, const std::string& key) const;
  /// Records a plan as it now is (PAYLOAD_TOO_LARGE past the limit, recording nothing).
  const plans::Plan& record_plan(const plans::StoredPlan& plan);
  /// The compiled schema of a recorded wait, compiled once per wait and kept while it is pending.
  const schema::Validator& validator_for(const journal::Run& run, const std::string& key);

  store::Directory* dir_ = nullptr;
  EngineOptions options_;
  Ledger ledger_;
  /// Over a directory: the changes written through, until commit() hands them over.
  std::vector<Change> written_changes_;

  struct InFlightStep {
    int call;
    journal::CallName name;
    RetryPolicy policy;
  };
  /// A wait the body asked for whose recording is pending (see wait()).
  struct ReservedWait {
    replay::Slot slot;
    bool sleep = false;
    Json schema;
    std::optional<int64_t> duration_ms;
  };
  struct Active {
    replay::Execution execution;
    std::map<std::string, InFlightStep> steps;  // by key
    std::map<int, ReservedWait> waits;          // by call index
  };
  int reserve(const std::string& flow_id, ReservedWait wait);
  InFlightStep& in_flight(const std::string& flow_id, const std::string& key);
  std::map<std::string, Active> active_;
  int64_t next_exec_id_ = 1;

  std::map<std::pair<std::string, std::string>, schema::Validator> validators_;  // by run, wait key
  std::mt19937_64 random_;
};

}  // namespace crux
