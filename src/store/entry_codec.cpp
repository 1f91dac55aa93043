#include "store/entry_codec.hpp"

#include "core/error.hpp"
#include "store/record_codec.hpp"

namespace crux::store {

std::string encode_entry(const std::vector<Record>& records) {
  std::string bytes;
  for (const Record& record : records) encode_record(bytes, record);
  return bytes;
}

std::string encode_entry(const Record& record) {
  std::string bytes;
  encode_record(bytes, record);
  return bytes;
}

std::vector<RecordView> decode_entry(const std::string& name, std::string_view bytes) {
  std::vector<RecordView> records;
  for (size_t at = 0; at < bytes.size();) {
    const Frame frame = decode_frame(bytes, at);
    if (frame.error != FrameError::None || frame.kind != FrameKind::Data) {
      raise(Code::StorageCorrupt, {"corrupt store entry ", name, " at byte ", at, ": ",
                                  frame.error != FrameError::None ? describe(frame.error) : "not a record frame"});
    }
    records.push_back({frame.meta, frame.data, at});
    at += frame.size;
  }
  if (records.empty()) raise(Code::StorageCorrupt, {"corrupt store entry ", name, ": it is empty"});
  return records;
}

}  // namespace crux::store
