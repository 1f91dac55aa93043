#include "store/record_codec.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "store/crc32.hpp"

namespace crux::store {
namespace {

constexpr std::string_view kMagic = "CRX1";
constexpr size_t kMinPayloadBytes = 5;  // kind + meta length

void put_u32(std::string& out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
}

void put_u32_at(std::string& out, size_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>((value >> (8 * i)) & 0xFFu);
}

uint32_t get_u32(std::string_view bytes, size_t at) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= uint32_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  return value;
}

}  // namespace

void encode_frame(std::string& out, FrameKind kind, std::string_view meta, std::string_view data) {
  constexpr size_t kMaxContentBytes = kMaxPayloadBytes - kMinPayloadBytes;
  if (meta.size() > kMaxContentBytes || data.size() > kMaxContentBytes - meta.size()) {
    raise(Code::PayloadTooLarge, {"a stored record may hold at most 64 MiB (meta ", meta.size(), " bytes, data ", data.size(), " bytes)"});
  }
  const size_t payload_bytes = kMinPayloadBytes + meta.size() + data.size();
  const size_t start = out.size();
  // Grow geometrically: reserving the exact size made encoding n records copy O(n²) bytes.
  const size_t needed = start + kFrameHeaderBytes + payload_bytes;
  if (out.capacity() < needed) out.reserve(std::max(needed, out.capacity() * 2));
  out.append(kMagic);
  put_u32(out, static_cast<uint32_t>(payload_bytes));
  put_u32(out, 0);  // checksum, filled in below
  out.push_back(static_cast<char>(kind));
  put_u32(out, static_cast<uint32_t>(meta.size()));
  out.append(meta);
  out.append(data);
  const std::string_view payload(out.data() + start + kFrameHeaderBytes, payload_bytes);
  put_u32_at(out, start + 8, crc32(payload));
}

void encode_record(std::string& out, const Record& record) {
  encode_frame(out, FrameKind::Data, record.meta, record.data);
}

void encode_marker(std::string& out, FrameKind kind, uint64_t value) {
  std::string data;
  for (int i = 0; i < 8; ++i) data.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
  encode_frame(out, kind, {}, data);
}

const char* describe(FrameError error) {
  switch (error) {
    case FrameError::None: return "valid record";
    case FrameError::Incomplete: return "incomplete record";
    case FrameError::BadMagic: return "bad record magic";
    case FrameError::BadLength: return "impossible record length";
    case FrameError::BadChecksum: return "checksum mismatch";
    case FrameError::BadLayout: return "malformed record payload";
  }
  return "unknown error";
}

bool could_be_torn(FrameError error) {
  return error != FrameError::None && error != FrameError::BadLayout;
}

std::optional<uint64_t> Frame::marker_value() const {
  if (data.size() != 8) return std::nullopt;
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= uint64_t{static_cast<unsigned char>(data[i])} << (8 * i);
  return value;
}

Frame decode_frame(std::string_view bytes, size_t offset) {
  Frame frame;
  const std::string_view rest = bytes.substr(offset);
  // Compare only the magic bytes present, so a file cut inside the magic reads as incomplete.
  const size_t magic_present = std::min(rest.size(), kMagic.size());
  if (rest.substr(0, magic_present) != kMagic.substr(0, magic_present)) {
    frame.error = FrameError::BadMagic;
    return frame;
  }
  if (rest.size() < kFrameHeaderBytes) {
    frame.error = FrameError::Incomplete;
    return frame;
  }
  const size_t payload_bytes = get_u32(rest, 4);
  if (payload_bytes < kMinPayloadBytes || payload_bytes > kMaxPayloadBytes) {
    frame.error = FrameError::BadLength;
    return frame;
  }
  if (rest.size() - kFrameHeaderBytes < payload_bytes) {
    frame.error = FrameError::Incomplete;
    return frame;
  }
  const std::string_view payload = rest.substr(kFrameHeaderBytes, payload_bytes);
  if (crc32(payload) != get_u32(rest, 8)) {
    frame.error = FrameError::BadChecksum;
    return frame;
  }
  const auto kind = static_cast<unsigned char>(payload[0]);
  const size_t meta_bytes = get_u32(payload, 1);
  if (kind > static_cast<unsigned char>(FrameKind::SnapshotEnd) ||
      meta_bytes > payload_bytes - kMinPayloadBytes) {
    frame.error = FrameError::BadLayout;
    return frame;
  }
  frame.size = kFrameHeaderBytes + payload_bytes;
  frame.kind = static_cast<FrameKind>(kind);
  frame.meta = payload.substr(kMinPayloadBytes, meta_bytes);
  frame.data = payload.substr(kMinPayloadBytes + meta_bytes);
  return frame;
}

size_t find_frame(std::string_view bytes, size_t from) {
  for (size_t at = bytes.find(kMagic, from); at != std::string_view::npos;
       at = bytes.find(kMagic, at + 1)) {
    if (decode_frame(bytes, at).error == FrameError::None) return at;
  }
  return std::string_view::npos;
}

}  // namespace crux::store
