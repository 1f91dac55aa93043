#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/directory.hpp"

namespace crux::store {

/// One durable record. `meta` is small JSON text the engine parses; `data` is opaque bytes
/// (usually JSON text the engine only passes through, such as a step's result).
struct Record {
  std::string meta;
  std::string data;
};

struct StoreOptions {
  /// A segment file is closed and a new one started once it holds this many bytes.
  /// IDBFS rewrites a changed file whole at each sync, so this bounds a commit's cost.
  size_t segment_bytes = 32 * 1024;
  /// Compaction is wanted once the segments hold more than max(this, last snapshot size),
  /// which keeps the bytes rewritten by compaction proportional to the bytes appended...
  size_t compact_min_bytes = 1024 * 1024;
  /// ...or once there are more segments than this, which keeps the file count (and so the
  /// cost of every IDBFS sync, which visits each file) bounded whatever the store's size.
  size_t max_segments = 32;
};

/// The append-only log of records: checksummed records in bounded segment files, plus a
/// snapshot that compaction writes, so that a commit writes a small bounded amount and the
/// number of files stays small.
class Store {
 public:
  /// Opens the store over `dir`: feeds every record of the newest snapshot and of the
  /// segments after it to `apply`, in order. A torn or corrupt record at the very end of the
  /// last segment is dropped (and truncated away); a corrupt record anywhere else throws
  /// Error(StorageCorrupt) naming the file and byte offset.
  Store(Directory& dir, StoreOptions options, const std::function<void(const Record&)>& apply);

  /// Reads what another writer of the same directory (another tab) appended since this store
  /// last read or wrote it, feeding the new records to `apply` in order. Returns false, having
  /// applied nothing, when the directory no longer extends what this store read (the other
  /// writer compacted, or a failed commit's files were put back as they were): the caller must
  /// then open the store again. Corruption throws as when opening.
  bool follow(const std::function<void(const Record&)>& apply);

  /// Appends one record to the active segment (written to the directory before returning).
  void append(const Record& record);
  /// True once the segments have grown enough that a compaction pays off.
  bool wants_compaction() const;
  /// Writes a snapshot holding exactly `records` (the full current state), then removes the
  /// segments it replaces. Crash-safe at every point: reopening sees the old or the new state.
  void compact(const std::vector<Record>& records);

  /// Number of files the store currently keeps (segments + snapshot).
  size_t file_count() const;

 private:
  Directory& dir_;
  StoreOptions options_;
  uint64_t active_segment_ = 0;
  size_t active_bytes_ = 0;
  size_t segment_total_bytes_ = 0;
  size_t snapshot_bytes_ = 0;
  std::vector<std::string> segments_;
  std::string snapshot_name_;
};

}  // namespace crux::store
