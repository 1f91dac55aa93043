#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "engine/deadline_index.hpp"
#include "journal/run.hpp"
#include "journal/run_summary.hpp"
#include "plans/plan.hpp"
#include "store/entry.hpp"

namespace crux {

/// A change subscribers hear of once the batch that made it is durable.
struct Change {
  enum class Kind { Flow, Plan };
  Kind kind = Kind::Flow;
  std::string id;
  /// Flow: the run's summary after the change (nothing once deleted).
  std::optional<journal::RunSummary> run;
  /// Plan: the plan's JSON, or "null" once deleted.
  std::string plan_json;
};

/// What one batch of engine calls hands to JavaScript: what to write, what to announce.
struct Outbox {
  store::Writes writes;
  std::vector<Change> changes;
};

/// The runs and plans of one store as this engine holds them, and what a batch adds to them.
/// Every run's summary is held; a run's journal only once loaded (when driven or read), up to a
/// byte budget; plans all. Recording changes memory at once and queues the entries to write;
/// take() hands them over and settled() makes them final, or rolls the batch back when storage
/// failed, so the ledger always holds what storage holds plus the batch in progress.
class Ledger {
 public:
  /// Reads a run's journal entries synchronously (native stores); none in the browser, where
  /// JavaScript loads a run (load_run) before the calls that need it.
  using Reader = std::function<std::vector<store::Entry>(const store::RunEntries&)>;

  explicit Ledger(size_t cache_bytes = size_t{16} * 1024 * 1024) : cache_bytes_(cache_bytes) {}
  void set_reader(Reader reader) { reader_ = std::move(reader); }

  // ---- loading ----
  /// Takes in a store's summaries and plans. Version-1 files among them are converted: their
  /// runs and plans are loaded whole and the next take() writes them in this format and removes
  /// the old files (one transaction). Corruption throws STORAGE_CORRUPT naming the entry.
  void open(const std::vector<store::Entry>& entries);
  /// The entries to read before run `id` can be used; nothing if it is loaded or unknown.
  std::optional<store::RunEntries> to_load(const std::string& id) const;
  /// Loads run `id`'s journal from its entries.
  void load_run(const std::string& id, const std::vector<store::Entry>& entries);
  /// The entries to read before a closed run's outcome is known without its journal (its last
  /// event, or its folded journal); nothing if the run is loaded, not closed, unknown, or its
  /// outcome is held.
  std::optional<store::RunEntries> outcome_to_load(const std::string& id) const;
  /// Takes in a closed run's outcome from the entries outcome_to_load() named.
  void load_outcome(const std::string& id, const std::vector<store::Entry>& entries);
  /// Takes in the entries another writer wrote (summaries, journals, plans, a new index
  /// snapshot). Each run or plan that differs is announced; a loaded run whose journal no
  /// longer matches its summary is unloaded (read again when next used).
  void follow(const std::vector<store::Entry>& entries);

  // ---- runs ----
  const journal::RunSummary* summary(const std::string& id) const;
  /// How closed run `id` ended, when it is not loaded: read natively, else held since
  /// load_outcome() (STORAGE_UNAVAILABLE if not).
  const journal::RunOutcome& outcome(const std::string& id);
  const std::map<std::string, journal::RunSummary>& summaries() const { return summaries_; }
  bool loaded(const std::string& id) const { return runs_.count(id) > 0; }
  /// The run, loaded (FLOW_NOT_FOUND if unknown).
  journal::Run& run(const std::string& id);
  /// A new run, recorded once its first event is.
  journal::Run& create_run(const std::string& id);
  /// Appends `event` to `run` (applies it and queues it).
  void record(journal::Run& run, journal::Event event);
  /// Deletes a run: its summary and journal.
  void remove_run(const std::string& id);

  // ---- plans ----
  const plans::PlanSet& plans() const { return plans_; }
  /// Records a plan as it now is (new or changed).
  const plans::Plan& put_plan(const plans::StoredPlan& plan);
  void remove_plan(const std::string& id);

  const DeadlineIndex& deadlines() const { return deadlines_; }

  // ---- batches ----
  /// This batch's writes and changes. Its undo stays kept until settled().
  Outbox take();
  /// `durable`: the batch is recorded, forget its undo. Otherwise storage failed: put back every
  /// run and plan the batch touched (rolled back runs are returned) and forget its changes.
  std::set<std::string> settled(bool durable);
  /// Unloads least recently used journals and outcomes beyond the byte budget, except `pinned` runs.
  void trim(const std::function<bool(const std::string&)>& pinned);

  size_t loaded_count() const { return runs_.size(); }
  /// Whether any run in memory satisfies `test`.
  bool any_loaded(const std::function<bool(const journal::Run&)>& test) const;

 private:
  struct Loaded {
    journal::Run run;
    size_t committed = 0;  ///< events storage holds
    bool folded = false;   ///< storage holds them folded (c.<id>)
    size_t bytes = 0;
    uint64_t used = 0;
  };
  struct HeldOutcome {
    journal::RunOutcome outcome;
    uint64_t used = 0;
  };
  struct RunUndo {
    std::optional<journal::RunSummary> summary;
    bool removed = false;
  };

  Loaded& load_events(const std::string& id, const std::vector<store::Entry>& entries);
  void convert_legacy(const std::vector<store::Entry>& legacy);
  void unload(const std::string& id);
  void forget_outcome(const std::string& id);
  /// Counts the batch's summaries and plans as deltas and writes a snapshot when they are due.
  void write_index();
  void touch_run(const std::string& id);
  void touch_plan(const std::string& id);
  void set_summary(const journal::RunSummary& summary);
  void erase_summary(const std::string& id);
  void announce_run(const std::string& id);
  void announce_plan(const std::string& id);
  void put(std::string name, std::string bytes);
  /// Puts events [from, to) of run `id` as one journal entry.
  void put_events(const std::string& id, const std::vector<journal::Event>& events, size_t from, size_t to);
  void remove(const std::string& name);
  void remove_prefix(const std::string& prefix);

  /// Closed runs whose journal holds more than this stay one entry per event instead of folding.
  static constexpr size_t kFoldMaxBytes = size_t{8} * 1024 * 1024;
  /// Deltas allowed beside the index snapshot before a new one, at least.
  static constexpr size_t kIndexDeltasMin = 64;

  size_t cache_bytes_;
  Reader reader_;
  std::map<std::string, journal::RunSummary> summaries_;
  std::map<std::string, Loaded> runs_;
  /// Outcomes of closed runs read without their journals, within the same byte budget.
  std::map<std::string, HeldOutcome> outcomes_;
  plans::PlanSet plans_;
  DeadlineIndex deadlines_;
  uint64_t clock_ = 0;
  size_t loaded_bytes_ = 0;

  // The batch in progress.
  std::map<std::string, RunUndo> run_undo_;
  std::map<std::string, std::optional<plans::StoredPlan>> plan_undo_;
  std::vector<Change> changes_;
  std::map<std::string, size_t> flow_change_at_;  ///< where a run's change is in changes_
  std::map<std::string, std::string> puts_;
  std::set<std::string> removes_;
  std::set<std::string> remove_prefixes_;
  // Taken but not settled.
  std::map<std::string, RunUndo> taken_run_undo_;
  std::map<std::string, std::optional<plans::StoredPlan>> taken_plan_undo_;
  std::map<std::string, std::pair<size_t, bool>> taken_committed_;  // run → (events, folded) before
  /// Names of the summary and plan entries stored beside the index snapshot.
  std::set<std::string> deltas_;
  std::set<std::string> taken_deltas_;
};

}  // namespace crux
