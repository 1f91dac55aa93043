#pragma once
// The engine's storage door as JavaScript sees it: entries in and out as one JSON list of
// names and lengths beside one byte buffer (so that bytes cross the boundary once, uncopied
// into strings), and each batch's outbox as one JSON reply. bindings/engine_binding.cpp
// forwards to these; the shapes are declared again in js/core/src/module.d.ts.
#include <optional>
#include <string>
#include <vector>

#include "engine/ledger.hpp"
#include "store/entry.hpp"

namespace crux::door {

/// Entries from `[[name, byteLength], ...]` and the bytes of all of them, in that order.
std::vector<store::Entry> entries_from(const std::string& layout_json, const std::string& bytes);

/// The changes as `[{ kind: "flow", id, name?, status?, deleted? } | { kind: "plan", id, plan }]`.
std::string changes_json(const std::vector<Change>& changes);

/// One batch's reply: `{ put: [[name, byteLength]], remove: [name], removePrefixes: [prefix],
/// changes, nextDeadline }`; `bytes` gets the put entries' bytes, in order.
std::string outbox_json(Outbox& outbox, std::optional<int64_t> next_deadline, std::string& bytes);

/// `{ prefix, folded, from? }` of the entries that hold a run's journal (or its tail), or null.
std::string run_entries_json(const std::optional<store::RunEntries>& entries);

}  // namespace crux::door
