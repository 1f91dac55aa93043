#pragma once
// The names of a v2 store's entries. Each run has a summary (`r.<id>`, what opening a store
// reads: name, status, wait, deadline), its journal (`j.<id>.<seq>`, one entry per event,
// read when the run is driven or its history is read) which folds into `c.<id>` once the run
// is closed, and each plan one entry (`p.<id>`). Ids are escaped so that a name never holds
// '/' (a path separator for IDBFS) or '.' inside an id, and `j.<id>.` is a prefix of exactly
// one run's journal entries.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/entry.hpp"

namespace crux::store {

enum class EntryKind { RunSummary, RunEvent, RunFolded, Plan, Legacy };

struct EntryName {
  EntryKind kind;
  std::string id;    ///< run or plan id, unescaped (empty for Legacy)
  uint64_t seq = 0;  ///< RunEvent only
};

std::string run_summary_name(std::string_view run_id);
std::string run_event_name(std::string_view run_id, uint64_t seq);
std::string run_folded_name(std::string_view run_id);
std::string plan_name(std::string_view plan_id);
RunEntries run_entries(std::string_view run_id);

/// What an entry name names, or nothing for a name this version does not know (left alone).
/// Legacy: a file of the version-1 store (segments, snapshots), which opening converts.
std::optional<EntryName> parse_entry_name(std::string_view name);

}  // namespace crux::store
