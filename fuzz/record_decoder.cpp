// libFuzzer target: decodes store files (segments and snapshots) from arbitrary bytes.
// Input: [flags u8][file bytes]. Flags: bit 0 decode as the last segment (a torn tail is
// allowed), bit 1 recompute the checksum of every frame-shaped run of bytes first (random
// bytes almost never carry a right CRC-32, and past it is where the layout checks live).
// The file bytes sit in a buffer of exactly their size, so any read past the end is an
// AddressSanitizer report. StorageCorrupt is the expected outcome of bad bytes; whatever
// decodes must re-encode to exactly the bytes it came from.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "expected_error.hpp"
#include "store/crc32.hpp"
#include "store/file_codec.hpp"
#include "store/record_codec.hpp"

namespace {

uint32_t get_u32(const char* at) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= uint32_t{static_cast<unsigned char>(at[i])} << (8 * i);
  return value;
}

void fix_checksums(char* bytes, size_t size) {
  for (size_t at = 0; at + crux::store::kFrameHeaderBytes <= size; ++at) {
    if (std::memcmp(bytes + at, "CRX1", 4) != 0) continue;
    const size_t payload = get_u32(bytes + at + 4);
    if (payload > size - at - crux::store::kFrameHeaderBytes) continue;
    const uint32_t crc =
        crux::store::crc32(std::string_view(bytes + at + crux::store::kFrameHeaderBytes, payload));
    for (int i = 0; i < 4; ++i) bytes[at + 8 + i] = static_cast<char>((crc >> (8 * i)) & 0xFFu);
  }
}

bool inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.size() <= whole.size() &&
         part.data() - whole.data() <= static_cast<std::ptrdiff_t>(whole.size() - part.size());
}

void check_records(const std::vector<crux::store::RecordView>& records, std::string_view file,
                   std::string_view expected) {
  std::string encoded;
  for (const auto& record : records) {
    if (!inside(record.meta, file) || !inside(record.data, file)) std::abort();
    if (record.offset != encoded.size()) std::abort();  // records follow each other
    crux::store::encode_frame(encoded, crux::store::FrameKind::Data, record.meta, record.data);
  }
  if (encoded != expected) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  const size_t file_size = size - 1;
  const std::unique_ptr<char[]> buffer(new char[file_size]);
  if (file_size > 0) std::memcpy(buffer.get(), data + 1, file_size);
  if (flags & 2) fix_checksums(buffer.get(), file_size);
  const std::string_view file(buffer.get(), file_size);

  try {
    const auto segment = crux::store::decode_segment("segment", file, flags & 1);
    if (segment.valid_bytes > file.size()) std::abort();
    if (!(flags & 1) && segment.valid_bytes != file.size()) std::abort();
    check_records(segment.records, file, file.substr(0, segment.valid_bytes));
  } catch (const crux::Error& error) {
    check_expected_error(error, crux::Code::StorageCorrupt);
  }

  // As a snapshot, named after the segment its first frame says it covers.
  const crux::store::Frame first = crux::store::decode_frame(file, 0);
  const uint64_t covers = first.error == crux::store::FrameError::None
                              ? first.marker_value().value_or(0)
                              : 0;
  try {
    const auto records = crux::store::decode_snapshot("snapshot", file, covers);
    std::vector<crux::store::Record> copies;
    for (const auto& record : records) {
      if (!inside(record.meta, file) || !inside(record.data, file)) std::abort();
      copies.push_back({std::string(record.meta), std::string(record.data)});
    }
    if (crux::store::encode_snapshot(copies, covers) != file) std::abort();
  } catch (const crux::Error& error) {
    check_expected_error(error, crux::Code::StorageCorrupt);
  }
  return 0;
}
