#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace crux::store {

/// A record decoded from a file; views into the file's bytes, and where the record starts.
struct RecordView {
  std::string_view meta;
  std::string_view data;
  size_t offset = 0;
};

/// The records of a segment file and how many leading bytes hold them.
struct SegmentContents {
  std::vector<RecordView> records;
  /// Less than the file size only when a torn tail follows the records.
  size_t valid_bytes = 0;
};

/// The bytes of a snapshot file holding `records` and covering segments up to `covers`.
std::string encode_snapshot(const std::vector<Record>& records, uint64_t covers);

/// The records of snapshot file `name`. Throws Error(StorageCorrupt) naming the file and byte
/// offset unless it is one whole snapshot covering segments up to `covers`.
std::vector<RecordView> decode_snapshot(const std::string& name, std::string_view bytes,
                                        uint64_t covers);

/// The records of segment file `name` from byte `from` on (a record boundary). In the last
/// segment a torn record at the very end (one with no valid record anywhere after it) is left
/// out of valid_bytes; any other bad record throws Error(StorageCorrupt) naming the file and
/// byte offset.
SegmentContents decode_segment(const std::string& name, std::string_view bytes, bool last,
                               size_t from = 0);

}  // namespace crux::store
