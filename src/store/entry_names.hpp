#pragma once
// The names of a v2 store's entries. What opening a store reads is its index: every run's
// summary (name, status, wait, deadline) and every plan, kept as one snapshot entry (`i.index`)
// plus the summaries (`r.<id>`) and plans (`p.<id>`) written since it, which the next snapshot
// takes in. A run's journal (`j.<id>.<seq>`, one entry per event) is read when the run is
// driven or its history is read, and folds into `c.<id>` once the run is closed. Ids are escaped so that a name never holds
// '/' (a path separator for IDBFS) or '.' inside an id, and `j.<id>.` is a prefix of exactly
// one run's journal entries.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/entry.hpp"

namespace crux::store {

enum class EntryKind { Index, RunSummary, RunEvent, RunFolded, Plan, Legacy };

struct EntryName {
  EntryKind kind;
  std::string id;    ///< run or plan id, unescaped (empty for Legacy)
  uint64_t seq = 0;  ///< RunEvent only
};

/// The index snapshot: every run's summary and every plan as of when it was written.
inline constexpr std::string_view kIndexName = "i.index";
std::string run_summary_name(std::string_view run_id);
std::string run_event_name(std::string_view run_id, uint64_t seq);
std::string run_folded_name(std::string_view run_id);
std::string plan_name(std::string_view plan_id);
RunEntries run_entries(std::string_view run_id);
/// A run's journal from event `seq` on (and its folded entry, which holds all or nothing).
RunEntries run_entries_from(std::string_view run_id, uint64_t seq);

/// What an entry name names, or nothing for a name this version does not know (left alone).
/// Legacy: a file of the version-1 store (segments, snapshots), which opening converts.
std::optional<EntryName> parse_entry_name(std::string_view name);

}  // namespace crux::store
