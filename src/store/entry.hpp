#pragma once
#include <string>
#include <vector>

namespace crux::store {

/// One stored entry: a name in the store's flat namespace (entry_names.hpp) and its bytes,
/// which are checksummed record frames (record_codec.hpp). In the browser an entry is one
/// IndexedDB value in IDBFS's shape (`{ timestamp, mode, contents }` keyed by its path), so the
/// store stays a directory Emscripten's IDBFS can mount; natively it is one file.
struct Entry {
  std::string name;
  std::string bytes;
};

/// What a batch of engine calls asks storage to do, all in one transaction.
struct Writes {
  std::vector<Entry> put;
  std::vector<std::string> remove;
  /// Every entry whose name starts with one of these goes too (a run's journal).
  std::vector<std::string> remove_prefixes;

  bool empty() const { return put.empty() && remove.empty() && remove_prefixes.empty(); }
};

/// Which entries hold one run's journal, or its tail: those named with `prefix` (from `from` on,
/// in name order, when `from` is set), and `folded`.
struct RunEntries {
  std::string prefix;
  std::string folded;
  std::string from;

  bool holds(const std::string& name) const {
    return name == folded || (name.compare(0, prefix.size(), prefix) == 0 && name >= from);
  }
};

}  // namespace crux::store
