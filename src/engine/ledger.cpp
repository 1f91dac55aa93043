#include "engine/ledger.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "plans/plan_record.hpp"
#include "store/entry_codec.hpp"
#include "store/entry_names.hpp"
#include "store/memory_directory.hpp"

namespace crux {

using journal::Event;
using journal::Run;
using journal::RunOutcome;
using journal::RunSummary;
using store::Entry;
using store::EntryKind;

namespace {

struct Decoded {
  Json meta;
  std::string data;
};

/// The records of an entry with their meta parsed; STORAGE_CORRUPT names the entry.
std::vector<Decoded> decode(const Entry& entry) {
  std::vector<Decoded> records;
  for (const store::RecordView& view : store::decode_entry(entry.name, entry.bytes)) {
    Json meta = parse_json_or_discarded(view.meta);
    if (meta.is_discarded()) {
      raise(Code::StorageCorrupt, {"corrupt store entry ", entry.name, " at byte ", view.offset, ": its record is not JSON"});
    }
    records.push_back({std::move(meta), std::string(view.data)});
  }
  return records;
}

/// Runs `read` on the entry's records, turning what they lack into STORAGE_CORRUPT naming it.
template <typename F>
auto reading(const Entry& entry, F read) {
  try {
    return read(decode(entry));
  } catch (const Error& e) {
    if (e.code() == Code::StorageCorrupt) throw;
    raise(Code::StorageCorrupt, {"corrupt store entry ", entry.name, ": ", e.what()});
  }
}

/// A summary entry: the run's summary, or nothing for a deleted run's tombstone.
std::optional<RunSummary> summary_of(const Entry& entry, const std::string& id) {
  return reading(entry, [&](std::vector<Decoded> records) -> std::optional<RunSummary> {
    if (records.size() != 1 || !RunSummary::is_summary(records[0].meta)) {
      raise(Code::StorageCorrupt, {"not a run summary"});
    }
    if (records[0].meta.at("summary").get<std::string>() != id) raise(Code::StorageCorrupt, {"summary of another run"});
    if (RunSummary::is_tombstone(records[0].meta)) return std::nullopt;
    return RunSummary::from_record(records[0].meta);
  });
}

/// A plan entry: the plan (parsed when first used), or nothing for a deleted plan's tombstone.
std::optional<plans::StoredPlan> plan_of(const Entry& entry, const std::string& id) {
  return reading(entry, [&](std::vector<Decoded> records) -> std::optional<plans::StoredPlan> {
    if (records.size() != 1 || !plans::is_plan_record(records[0].meta)) raise(Code::StorageCorrupt, {"not a plan"});
    if (records[0].meta.at("plan").get<std::string>() != id) raise(Code::StorageCorrupt, {"holds another plan"});
    if (plans::is_plan_delete(records[0].meta)) return std::nullopt;
    return plans::StoredPlan(id, std::move(records[0].data), entry.name);
  });
}

/// The runs and plans an index snapshot holds.
struct Index {
  std::map<std::string, RunSummary> summaries;
  std::map<std::string, plans::StoredPlan> plans;
};

Index index_of(const Entry& entry) {
  return reading(entry, [&](std::vector<Decoded> records) {
    Index index;
    for (Decoded& record : records) {
      if (RunSummary::is_summary(record.meta)) {
        RunSummary summary = RunSummary::from_record(record.meta);
        index.summaries.insert_or_assign(summary.id, std::move(summary));
      } else if (plans::is_plan_record(record.meta) && !plans::is_plan_delete(record.meta)) {
        std::string id = record.meta.at("plan").get<std::string>();
        index.plans.insert_or_assign(id, plans::StoredPlan(id, std::move(record.data), entry.name));
      } else {
        raise(Code::StorageCorrupt, {"not a summary or a plan"});
      }
    }
    return index;
  });
}

/// What the index deltas of a store say: each run's summary or deletion, each plan or deletion.
struct Deltas {
  std::map<std::string, std::optional<RunSummary>> summaries;
  std::map<std::string, std::optional<plans::StoredPlan>> plans;
  std::set<std::string> names;
};

/// Reads an index entry (the snapshot, a summary or a plan) into `index` or `deltas`; false
/// for an entry of another kind.
bool read_index_entry(const Entry& entry, const store::EntryName& name, std::optional<Index>& index, Deltas& deltas) {
  switch (name.kind) {
    case EntryKind::Index: index = index_of(entry); return true;
    case EntryKind::RunSummary: deltas.summaries[name.id] = summary_of(entry, name.id); break;
    case EntryKind::Plan: deltas.plans[name.id] = plan_of(entry, name.id); break;
    default: return false;
  }
  deltas.names.insert(entry.name);
  return true;
}

std::vector<Event> events_of(const Entry& entry, const std::string& id) {
  return reading(entry, [&](std::vector<Decoded> records) {
    std::vector<Event> events;
    for (Decoded& record : records) {
      if (!Event::is_event(record.meta)) raise(Code::StorageCorrupt, {"not a run event"});
      events.push_back(Event::from_record(record.meta, std::move(record.data)));
      if (events.back().flow_id != id) raise(Code::StorageCorrupt, {"event of another run"});
    }
    return events;
  });
}

size_t event_bytes(const Event& event) { return event.data.size() + event.name.size() + 96; }

}  // namespace

// ---- loading ----

void Ledger::open(const std::vector<Entry>& entries) {
  std::vector<Entry> legacy;
  std::optional<Index> index;
  Deltas deltas;
  for (const Entry& entry : entries) {
    auto name = store::parse_entry_name(entry.name);
    if (!name || read_index_entry(entry, *name, index, deltas)) continue;
    if (name->kind == EntryKind::Legacy) legacy.push_back(entry);
  }
  Reader reader = std::move(reader_);
  *this = Ledger(cache_bytes_);
  reader_ = std::move(reader);
  if (!legacy.empty()) return convert_legacy(legacy);
  if (index) {
    summaries_ = std::move(index->summaries);
    for (auto& [id, plan] : index->plans) plans_.put(std::move(plan));
  }
  for (auto& [id, summary] : deltas.summaries) {
    if (summary) {
      summaries_.insert_or_assign(id, std::move(*summary));
    } else {
      summaries_.erase(id);
    }
  }
  for (auto& [id, plan] : deltas.plans) {
    if (plan) {
      plans_.put(std::move(*plan));
    } else {
      plans_.erase(id);
    }
  }
  deltas_ = std::move(deltas.names);
  for (const auto& [id, summary] : summaries_) deadlines_.set(id, summary.deadline);
}

void Ledger::convert_legacy(const std::vector<Entry>& legacy) {
  store::MemoryDirectory dir;
  for (const Entry& entry : legacy) dir.replace(entry.name, entry.bytes);
  std::map<std::string, Run> runs;
  store::Store old(dir, {}, [&](const store::Record& record) {
    // Whatever a record lacks is STORAGE_CORRUPT naming the file and byte (store::Store).
    const Json meta = parse_json(record.meta);
    if (Event::is_event(meta)) {
      Event event = Event::from_record(meta, record.data);
      std::string id = event.flow_id;
      runs.try_emplace(id, id).first->second.apply(std::move(event));
    } else if (plans::is_plan_delete(meta)) {
      plans_.erase(meta.at("plan").get<std::string>());
    } else if (plans::is_plan_record(meta)) {
      plans_.put(plans::Plan::from_json(parse_json(record.data)));
    } else {
      raise(Code::StorageCorrupt, {"record of unknown kind: ", std::string_view(record.meta).substr(0, 200)});
    }
  });
  for (auto& [id, run] : runs) {
    run_undo_[id] = RunUndo{};
    Loaded& loaded = runs_.emplace(id, Loaded{std::move(run)}).first->second;
    for (const Event& event : loaded.run.events()) loaded.bytes += event_bytes(event);
    loaded_bytes_ += loaded.bytes;
    set_summary(RunSummary::of(loaded.run));
  }
  for (const auto& [id, plan] : plans_.stored()) plan_undo_[id] = std::nullopt;
  for (const Entry& entry : legacy) remove(entry.name);
}

std::optional<store::RunEntries> Ledger::to_load(const std::string& id) const {
  if (runs_.count(id) || !summaries_.count(id)) return std::nullopt;
  return store::run_entries(id);
}

void Ledger::load_run(const std::string& id, const std::vector<Entry>& entries) {
  if (runs_.count(id) || !summaries_.count(id)) return;
  load_events(id, entries);
}

std::optional<store::RunEntries> Ledger::outcome_to_load(const std::string& id) const {
  auto summary = summaries_.find(id);
  if (runs_.count(id) || summary == summaries_.end() || !summary->second.closed()) return std::nullopt;
  if (auto held = outcomes_.find(id); held != outcomes_.end() && held->second.outcome.seq == summary->second.events) {
    return std::nullopt;
  }
  return store::run_entries_from(id, static_cast<uint64_t>(summary->second.events));
}

void Ledger::load_outcome(const std::string& id, const std::vector<Entry>& entries) {
  if (!outcome_to_load(id)) return;
  const RunSummary& summary = summaries_.at(id);
  std::optional<Event> closing;
  std::string where;
  for (const Entry& entry : entries) {
    auto name = store::parse_entry_name(entry.name);
    if (!name || name->id != id || (name->kind != EntryKind::RunFolded && name->kind != EntryKind::RunEvent)) continue;
    for (Event& event : events_of(entry, id)) {
      if (event.seq != summary.events) continue;
      closing = std::move(event);
      where = entry.name;
    }
  }
  if (!closing) {
    const uint64_t last = static_cast<uint64_t>(summary.events);
    raise(Code::StorageCorrupt, {"corrupt store: neither ", store::run_event_name(id, last), " nor ", store::run_folded_name(id),
                                " holds event ", last, ", the last that ", store::run_summary_name(id), " counts"});
  }
  try {
    HeldOutcome held{RunOutcome::of(summary, *closing), ++clock_};
    forget_outcome(id);
    loaded_bytes_ += held.outcome.data.size();
    outcomes_.insert_or_assign(id, std::move(held));
  } catch (const Error& e) {
    raise(Code::StorageCorrupt, {"corrupt store entry ", where, ": ", e.what()});
  }
}

const RunOutcome& Ledger::outcome(const std::string& id) {
  if (auto names = outcome_to_load(id)) {
    if (!reader_) raise(Code::StorageUnavailable, {"the outcome of flow run \"", id, "\" is not loaded"});
    load_outcome(id, reader_(*names));
  }
  HeldOutcome& held = outcomes_.at(id);
  held.used = ++clock_;
  return held.outcome;
}

void Ledger::forget_outcome(const std::string& id) {
  auto it = outcomes_.find(id);
  if (it == outcomes_.end()) return;
  loaded_bytes_ -= it->second.outcome.data.size();
  outcomes_.erase(it);
}

Ledger::Loaded& Ledger::load_events(const std::string& id, const std::vector<Entry>& entries) {
  std::vector<Event> folded;
  std::map<uint64_t, const Entry*> journal;
  for (const Entry& entry : entries) {
    auto name = store::parse_entry_name(entry.name);
    if (!name || name->id != id) continue;
    if (name->kind == EntryKind::RunFolded) folded = events_of(entry, id);
    if (name->kind == EntryKind::RunEvent) journal[name->seq] = &entry;
  }
  Loaded loaded{Run(id)};
  auto apply = [&](Event event, const std::string& where) {
    try {
      loaded.bytes += event_bytes(event);
      loaded.run.apply(std::move(event));
    } catch (const Error& e) {
      raise(Code::StorageCorrupt, {"corrupt store entry ", where, ": ", e.what()});
    }
  };
  const std::string folded_name = store::run_folded_name(id);
  for (Event& event : folded) apply(std::move(event), folded_name);
  loaded.folded = !folded.empty();
  for (const auto& [seq, entry] : journal) {
    if (static_cast<int64_t>(seq) < loaded.run.next_seq()) continue;  // also folded (an interrupted fold)
    for (Event& event : events_of(*entry, id)) apply(std::move(event), entry->name);
  }
  const RunSummary& summary = summaries_.at(id);
  if (loaded.run.next_seq() - 1 < summary.events) {
    raise(Code::StorageCorrupt, {"store entry ", store::run_summary_name(id), " counts ", summary.events,
                                " events but the journal holds ", loaded.run.next_seq() - 1});
  }
  loaded.committed = loaded.run.events().size();
  loaded.used = ++clock_;
  loaded_bytes_ += loaded.bytes;
  return runs_.insert_or_assign(id, std::move(loaded)).first->second;
}

void Ledger::follow(const std::vector<Entry>& entries) {
  // Everything is decoded before anything is applied: a corrupt entry changes nothing.
  struct Journal {
    std::string id;
    bool folded;
    uint64_t seq;
    std::vector<Event> events;
  };
  std::vector<Journal> journals;
  std::optional<Index> index;
  Deltas deltas;
  for (const Entry& entry : entries) {
    auto name = store::parse_entry_name(entry.name);
    if (!name || read_index_entry(entry, *name, index, deltas)) continue;
    const bool journal = name->kind == EntryKind::RunEvent || name->kind == EntryKind::RunFolded;
    if (journal && runs_.count(name->id)) {
      journals.push_back({name->id, name->kind == EntryKind::RunFolded, name->seq, events_of(entry, name->id)});
    }
  }
  // A plan that changed is announced with its JSON, so it is read now: one that does not parse
  // is STORAGE_CORRUPT before anything is applied.
  const auto read_if_changed = [&](const plans::StoredPlan& plan) {
    const plans::StoredPlan* held = plans_.stored(plan.id());
    if (!held || held->json() != plan.json()) plan.plan();
  };
  for (const auto& [id, plan] : deltas.plans) {
    if (plan) read_if_changed(*plan);
  }
  if (index) {
    for (const auto& [id, plan] : index->plans) read_if_changed(plan);
  }
  std::sort(journals.begin(), journals.end(), [](const Journal& a, const Journal& b) {
    return a.id != b.id ? a.id < b.id : a.seq < b.seq;
  });

  std::set<std::string> stale;  // loaded runs to read again when next used
  for (Journal& journal : journals) {
    Loaded& loaded = runs_.at(journal.id);
    if (stale.count(journal.id)) continue;
    if (journal.folded) {
      if (static_cast<int64_t>(journal.events.size()) >= loaded.run.next_seq()) stale.insert(journal.id);
      continue;
    }
    if (static_cast<int64_t>(journal.seq) > loaded.run.next_seq()) {  // a gap
      stale.insert(journal.id);
      continue;
    }
    for (Event& event : journal.events) {
      if (event.seq < loaded.run.next_seq()) continue;
      try {
        const size_t bytes = event_bytes(event);
        loaded.run.apply(std::move(event));
        loaded.bytes += bytes;
        loaded_bytes_ += bytes;
        loaded.committed = loaded.run.events().size();
      } catch (const Error&) {
        stale.insert(journal.id);
        break;
      }
    }
  }

  // A new snapshot is the whole index as of when it was written (the deltas before it are gone);
  // the deltas read with it are newer.
  std::map<std::string, std::optional<RunSummary>> summaries = std::move(deltas.summaries);
  std::map<std::string, std::optional<plans::StoredPlan>> plans = std::move(deltas.plans);
  if (index) {
    for (const auto& [id, summary] : summaries_) {
      if (!index->summaries.count(id)) summaries.try_emplace(id, std::nullopt);
    }
    for (auto& [id, summary] : index->summaries) summaries.try_emplace(id, std::move(summary));
    for (const auto& [id, plan] : plans_.stored()) {
      if (!index->plans.count(id)) plans.try_emplace(id, std::nullopt);
    }
    for (auto& [id, plan] : index->plans) plans.try_emplace(id, std::move(plan));
    deltas_.clear();
  }
  deltas_.insert(deltas.names.begin(), deltas.names.end());

  for (auto& [id, summary] : summaries) {
    auto held = summaries_.find(id);
    if (!summary) {
      if (held == summaries_.end()) continue;
      erase_summary(id);
      stale.insert(id);
      announce_run(id);
      continue;
    }
    auto run = runs_.find(id);
    if (run != runs_.end() && run->second.run.next_seq() - 1 != summary->events) stale.insert(id);
    if (held != summaries_.end() && held->second == *summary) continue;
    set_summary(*summary);
    announce_run(id);
  }
  for (auto& [id, plan] : plans) {
    const plans::StoredPlan* held = plans_.stored(id);
    if (!plan) {
      if (!held) continue;
      plans_.erase(id);
      announce_plan(id);
      continue;
    }
    if (held && held->json() == plan->json()) continue;
    plans_.put(std::move(*plan));
    announce_plan(id);
  }
  for (const std::string& id : stale) unload(id);
}

void Ledger::unload(const std::string& id) {
  auto it = runs_.find(id);
  if (it == runs_.end()) return;
  loaded_bytes_ -= it->second.bytes;
  runs_.erase(it);
}

// ---- runs ----

const RunSummary* Ledger::summary(const std::string& id) const {
  auto it = summaries_.find(id);
  return it == summaries_.end() ? nullptr : &it->second;
}

Run& Ledger::run(const std::string& id) {
  auto it = runs_.find(id);
  if (it != runs_.end()) {
    it->second.used = ++clock_;
    return it->second.run;
  }
  if (!summaries_.count(id)) raise(Code::FlowNotFound, {"no flow run with id \"", id, "\""});
  if (!reader_) raise(Code::StorageUnavailable, {"flow run \"", id, "\" is not loaded"});
  return load_events(id, reader_(store::run_entries(id))).run;
}

bool Ledger::any_loaded(const std::function<bool(const Run&)>& test) const {
  for (const auto& [id, loaded] : runs_) {
    if (test(loaded.run)) return true;
  }
  return false;
}

Run& Ledger::create_run(const std::string& id) {
  touch_run(id);
  Loaded loaded{Run(id)};
  loaded.used = ++clock_;
  return runs_.insert_or_assign(id, std::move(loaded)).first->second.run;
}

void Ledger::record(Run& run, Event event) {
  const std::string id = run.id();
  touch_run(id);
  Loaded& loaded = runs_.at(id);
  const size_t bytes = event_bytes(event);
  loaded.run.apply(std::move(event));
  loaded.bytes += bytes;
  loaded_bytes_ += bytes;
  set_summary(RunSummary::of(loaded.run));
  announce_run(id);
}

void Ledger::remove_run(const std::string& id) {
  if (!summaries_.count(id)) raise(Code::FlowNotFound, {"no flow run with id \"", id, "\""});
  touch_run(id);
  run_undo_[id].removed = true;
  erase_summary(id);
  unload(id);
  announce_run(id);
}

// ---- plans ----

const plans::Plan& Ledger::put_plan(const plans::StoredPlan& plan) {
  const std::string id = plan.id();
  touch_plan(id);
  plans_.put(plan);
  announce_plan(id);
  return *plans_.find(id);
}

void Ledger::remove_plan(const std::string& id) {
  if (!plans_.contains(id)) raise(Code::PlanNotFound, {"no plan with id \"", id, "\""});
  touch_plan(id);
  plans_.erase(id);
  announce_plan(id);
}

// ---- batches ----

void Ledger::touch_run(const std::string& id) {
  if (run_undo_.count(id)) return;
  RunUndo undo;
  if (auto it = summaries_.find(id); it != summaries_.end()) undo.summary = it->second;
  run_undo_.emplace(id, std::move(undo));
}

void Ledger::touch_plan(const std::string& id) {
  if (plan_undo_.count(id)) return;
  const plans::StoredPlan* held = plans_.stored(id);
  plan_undo_.emplace(id, held ? std::optional<plans::StoredPlan>(*held) : std::nullopt);
}

void Ledger::set_summary(const RunSummary& summary) {
  forget_outcome(summary.id);  // a run that changes is not the one the outcome was read from
  summaries_.insert_or_assign(summary.id, summary);
  deadlines_.set(summary.id, summary.deadline);
}

void Ledger::erase_summary(const std::string& id) {
  summaries_.erase(id);
  forget_outcome(id);
  deadlines_.set(id, std::nullopt);
}

void Ledger::announce_run(const std::string& id) {
  Change change{Change::Kind::Flow, id, std::nullopt, {}};
  if (auto it = summaries_.find(id); it != summaries_.end()) change.run = it->second;
  // One change per run and batch: its subscribers read the run as it is once the batch is durable.
  auto [at, added] = flow_change_at_.try_emplace(id, changes_.size());
  if (!added) {
    changes_[at->second] = std::move(change);
    return;
  }
  changes_.push_back(std::move(change));
}

void Ledger::announce_plan(const std::string& id) {
  const plans::StoredPlan* held = plans_.stored(id);
  Change change{Change::Kind::Plan, id, std::nullopt, held ? held->json() : "null"};
  changes_.push_back(std::move(change));
}

void Ledger::put(std::string name, std::string bytes) {
  removes_.erase(name);
  puts_.insert_or_assign(std::move(name), std::move(bytes));
}

void Ledger::remove(const std::string& name) {
  puts_.erase(name);
  removes_.insert(name);
}

void Ledger::remove_prefix(const std::string& prefix) {
  for (auto it = puts_.lower_bound(prefix); it != puts_.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
    it = puts_.erase(it);
  }
  remove_prefixes_.insert(prefix);
}

Outbox Ledger::take() {
  for (const auto& [id, undo] : run_undo_) {
    auto it = runs_.find(id);
    taken_committed_[id] = it == runs_.end() ? std::make_pair(size_t{0}, false)
                                             : std::make_pair(it->second.committed, it->second.folded);
    const store::RunEntries names = store::run_entries(id);
    auto summary = summaries_.find(id);
    if (summary == summaries_.end()) {  // deleted: a tombstone until the next snapshot
      put(store::run_summary_name(id), store::encode_entry(RunSummary::tombstone(id)));
      remove(names.folded);
      remove_prefix(names.prefix);
      continue;
    }
    if (undo.removed) {  // deleted and started again in one batch
      remove(names.folded);
      remove_prefix(names.prefix);
    }
    if (it != runs_.end()) {
      Loaded& loaded = it->second;
      const std::vector<Event>& events = loaded.run.events();
      if (loaded.run.closed() && !loaded.folded && loaded.bytes <= kFoldMaxBytes) {
        // A closed run's journal becomes one entry: reading it back is one read, not one per event.
        // (A journal too large to copy whole stays one entry per event.)
        std::vector<store::Record> records;
        records.reserve(events.size());
        for (const Event& event : events) records.push_back(event.to_record());
        remove_prefix(names.prefix);
        put(names.folded, store::encode_entry(records));
        loaded.folded = true;
      } else if (!loaded.folded) {
        // The batch's new events are one entry (in IndexedDB each put costs more than its bytes),
        // named by its first event; a closing event has an entry of its own, which a status reads alone.
        const size_t end = loaded.run.closed() ? events.size() - 1 : events.size();
        put_events(id, events, loaded.committed, end);
        put_events(id, events, std::max(end, loaded.committed), events.size());
      }
      loaded.committed = events.size();
    }
    put(store::run_summary_name(id), store::encode_entry(summary->second.to_record()));
  }
  for (const auto& [id, before] : plan_undo_) {
    const plans::StoredPlan* held = plans_.stored(id);
    put(store::plan_name(id), store::encode_entry(held ? plans::plan_record(*held) : plans::plan_tombstone(id)));
  }
  write_index();
  Outbox outbox;
  for (auto& [name, bytes] : puts_) outbox.writes.put.push_back({name, std::move(bytes)});
  outbox.writes.remove.assign(removes_.begin(), removes_.end());
  outbox.writes.remove_prefixes.assign(remove_prefixes_.begin(), remove_prefixes_.end());
  outbox.changes = std::move(changes_);
  flow_change_at_.clear();
  puts_.clear();
  removes_.clear();
  remove_prefixes_.clear();
  changes_.clear();
  for (auto& [id, undo] : run_undo_) taken_run_undo_.insert_or_assign(id, std::move(undo));
  for (auto& [id, before] : plan_undo_) taken_plan_undo_.emplace(id, std::move(before));
  run_undo_.clear();
  plan_undo_.clear();
  return outbox;
}

void Ledger::put_events(const std::string& id, const std::vector<Event>& events, size_t from, size_t to) {
  if (from >= to) return;
  std::vector<store::Record> records;
  records.reserve(to - from);
  for (size_t i = from; i < to; ++i) records.push_back(events[i].to_record());
  put(store::run_event_name(id, static_cast<uint64_t>(events[from].seq)), store::encode_entry(records));
}

void Ledger::write_index() {
  taken_deltas_ = deltas_;
  for (const auto& [name, bytes] : puts_) {
    auto parsed = store::parse_entry_name(name);
    if (parsed && (parsed->kind == EntryKind::RunSummary || parsed->kind == EntryKind::Plan)) deltas_.insert(name);
  }
  // Opening reads the snapshot and the deltas: once the deltas outgrow an eighth of the index,
  // a new snapshot takes them in (so its rewrite costs a bounded share of each commit).
  const size_t size = summaries_.size() + plans_.size();
  if (deltas_.size() <= std::max(kIndexDeltasMin, size / 8)) return;
  std::vector<store::Record> records;
  records.reserve(size);
  for (const auto& [id, summary] : summaries_) records.push_back(summary.to_record());
  for (const auto& [id, plan] : plans_.stored()) records.push_back(plans::plan_record(plan));
  put(std::string(store::kIndexName), store::encode_entry(records));
  for (const std::string& name : deltas_) remove(name);
  deltas_.clear();
}

std::set<std::string> Ledger::settled(bool durable) {
  std::set<std::string> rolled_back;
  if (!durable) {
    deltas_ = std::move(taken_deltas_);
    for (auto& [id, undo] : taken_run_undo_) {
      rolled_back.insert(id);
      auto it = runs_.find(id);
      if (!undo.summary) {
        erase_summary(id);
        if (it != runs_.end()) {
          loaded_bytes_ -= it->second.bytes;
          runs_.erase(it);
        }
        continue;
      }
      set_summary(*undo.summary);
      if (it == runs_.end()) continue;
      // Back to the events storage holds.
      const auto [committed, folded] = taken_committed_[id];
      Loaded fresh{Run(id)};
      const std::vector<Event>& events = it->second.run.events();
      for (size_t i = 0; i < committed && i < events.size(); ++i) {
        fresh.bytes += event_bytes(events[i]);
        fresh.run.apply(events[i]);
      }
      fresh.committed = fresh.run.events().size();
      fresh.folded = folded;
      fresh.used = it->second.used;
      loaded_bytes_ = loaded_bytes_ - it->second.bytes + fresh.bytes;
      it->second = std::move(fresh);
    }
    for (auto& [id, before] : taken_plan_undo_) {
      if (before) {
        plans_.put(*before);
      } else {
        plans_.erase(id);
      }
    }
  }
  taken_run_undo_.clear();
  taken_plan_undo_.clear();
  taken_committed_.clear();
  return rolled_back;
}

void Ledger::trim(const std::function<bool(const std::string&)>& pinned) {
  if (loaded_bytes_ <= cache_bytes_) return;
  struct Held {
    uint64_t used;
    std::string id;
    bool outcome;
    bool operator<(const Held& other) const { return used < other.used; }
  };
  std::vector<Held> by_use;
  for (const auto& [id, loaded] : runs_) {
    if (!pinned(id) && !run_undo_.count(id) && !taken_run_undo_.count(id)) by_use.push_back({loaded.used, id, false});
  }
  for (const auto& [id, held] : outcomes_) by_use.push_back({held.used, id, true});
  std::sort(by_use.begin(), by_use.end());
  for (const Held& held : by_use) {
    if (loaded_bytes_ <= cache_bytes_) break;
    if (held.outcome) {
      forget_outcome(held.id);
    } else {
      unload(held.id);
    }
  }
}

}  // namespace crux
