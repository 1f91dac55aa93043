#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "store/file_codec.hpp"
#include "store/store.hpp"

namespace crux::store {

/// The bytes of an entry holding `records`, each a checksummed frame.
std::string encode_entry(const std::vector<Record>& records);
std::string encode_entry(const Record& record);

/// The records of entry `name`. An entry is written whole (one IndexedDB put, or a file
/// replaced by rename), so any bad byte is corruption: Error(StorageCorrupt) naming the entry
/// and the byte offset.
std::vector<RecordView> decode_entry(const std::string& name, std::string_view bytes);

}  // namespace crux::store
