#include "store/file_codec.hpp"

#include "core/error.hpp"
#include "store/record_codec.hpp"

namespace crux::store {
namespace {

[[noreturn]] void corrupt(const std::string& name, size_t offset, const std::string& reason) {
  raise(Code::StorageCorrupt, {"corrupt store file ", name, " at byte ", offset, ": ", reason});
}

Frame decode_or_throw(const std::string& name, std::string_view bytes, size_t offset) {
  Frame frame = decode_frame(bytes, offset);
  if (frame.error != FrameError::None) corrupt(name, offset, describe(frame.error));
  return frame;
}

}  // namespace

std::string encode_snapshot(const std::vector<Record>& records, uint64_t covers) {
  std::string out;
  encode_marker(out, FrameKind::SnapshotBegin, covers);
  for (const Record& record : records) encode_record(out, record);
  encode_marker(out, FrameKind::SnapshotEnd, records.size());
  return out;
}

std::vector<RecordView> decode_snapshot(const std::string& name, std::string_view bytes,
                                        uint64_t covers) {
  // The snapshot was written atomically, so every defect here is corruption, never a torn write.
  const Frame begin = decode_or_throw(name, bytes, 0);
  if (begin.kind != FrameKind::SnapshotBegin || !begin.marker_value()) {
    corrupt(name, 0, "snapshot does not start with its begin marker");
  }
  if (*begin.marker_value() != covers) {
    corrupt(name, 0, "snapshot covers segment " + std::to_string(*begin.marker_value()) +
                         " but its name says " + std::to_string(covers));
  }
  std::vector<RecordView> records;
  for (size_t at = begin.size;;) {
    if (at == bytes.size()) corrupt(name, at, "snapshot has no end marker");
    const Frame frame = decode_or_throw(name, bytes, at);
    if (frame.kind == FrameKind::Data) {
      records.push_back({frame.meta, frame.data, at});
      at += frame.size;
      continue;
    }
    if (frame.kind == FrameKind::SnapshotBegin) corrupt(name, at, "second snapshot begin marker");
    if (!frame.marker_value()) corrupt(name, at, "malformed snapshot end marker");
    if (*frame.marker_value() != records.size()) {
      corrupt(name, at, "end marker counts " + std::to_string(*frame.marker_value()) +
                            " records but the snapshot holds " + std::to_string(records.size()));
    }
    at += frame.size;
    if (at != bytes.size()) corrupt(name, at, "bytes after the snapshot end marker");
    return records;
  }
}

SegmentContents decode_segment(const std::string& name, std::string_view bytes, bool last,
                               size_t from) {
  SegmentContents contents;
  size_t at = from;
  while (at < bytes.size()) {
    const Frame frame = decode_frame(bytes, at);
    if (frame.error != FrameError::None) {
      // A torn tail: the last write was cut short, so nothing valid can follow it.
      const bool torn_tail = last && could_be_torn(frame.error) &&
                             find_frame(bytes, at + 1) == std::string_view::npos;
      if (!torn_tail) corrupt(name, at, describe(frame.error));
      break;
    }
    if (frame.kind != FrameKind::Data) corrupt(name, at, "snapshot marker inside a segment");
    contents.records.push_back({frame.meta, frame.data, at});
    at += frame.size;
  }
  contents.valid_bytes = at;
  return contents;
}

}  // namespace crux::store
