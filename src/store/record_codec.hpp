#pragma once
// The byte framing shared by segment and snapshot files. Each frame is
//
//   [magic "CRX1" 4 bytes][payload length u32 LE][CRC-32 of payload u32 LE][payload]
//   payload = [kind u8][meta length u32 LE][meta bytes][data bytes]
//
// A payload is at least 5 bytes and at most kMaxPayloadBytes; a length outside that range is
// corruption, so a damaged length never makes the reader allocate or read out of bounds.
// Kind Data carries a Record. Snapshot files are framed the same way:
//   [SnapshotBegin: covered segment number][Data]...[SnapshotEnd: number of Data frames]
// where a marker has empty meta and its value as u64 LE in data.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace crux::store {

/// Bytes before the payload: magic, length, checksum.
inline constexpr size_t kFrameHeaderBytes = 12;
/// The largest payload a frame may hold (64 MiB).
inline constexpr size_t kMaxPayloadBytes = size_t{64} * 1024 * 1024;

/// What a frame holds.
enum class FrameKind : uint8_t { Data = 0, SnapshotBegin = 1, SnapshotEnd = 2 };

/// Appends one frame to `out`; throws Error(PayloadTooLarge) if the payload exceeds the cap.
void encode_frame(std::string& out, FrameKind kind, std::string_view meta, std::string_view data);
/// Appends a Data frame holding `record` to `out`.
void encode_record(std::string& out, const Record& record);
/// Appends a snapshot marker frame holding `value` to `out`.
void encode_marker(std::string& out, FrameKind kind, uint64_t value);

/// Why the bytes at an offset are not a valid frame.
enum class FrameError { None, Incomplete, BadMagic, BadLength, BadChecksum, BadLayout };

/// A short phrase for an error, e.g. "checksum mismatch".
const char* describe(FrameError error);
/// True if an interrupted write can leave this error behind; BadLayout passed its checksum,
/// so it was written whole and is corruption wherever it is.
bool could_be_torn(FrameError error);

/// One decoded frame; `meta` and `data` view the decoded bytes.
struct Frame {
  FrameError error = FrameError::None;
  /// Bytes the whole frame takes (valid when error is None).
  size_t size = 0;
  FrameKind kind = FrameKind::Data;
  std::string_view meta;
  std::string_view data;

  /// The value of a marker frame, or nothing if data is not 8 bytes.
  std::optional<uint64_t> marker_value() const;
};

/// Decodes the frame starting at `offset` of `bytes` (offset <= bytes.size()).
Frame decode_frame(std::string_view bytes, size_t offset);
/// Offset of the first valid frame starting at or after `from`, or npos if there is none.
size_t find_frame(std::string_view bytes, size_t from);

}  // namespace crux::store
