#include "store/crc32.hpp"

#include <array>

namespace crux::store {
namespace {

using Tables = std::array<std::array<uint32_t, 256>, 4>;

/// Slicing-by-4: table k gives a byte's CRC contribution k bytes further on, so that four bytes
/// take four lookups and no dependency chain between them (an index is megabytes checked on open).
Tables make_tables() {
  Tables t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (size_t k = 1; k < 4; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFFu];
  }
  return t;
}

/// Computed on first use rather than at compile time: 4 KiB of table in the .wasm would not
/// compress, and computing it takes microseconds.
const Tables& tables() {
  static const Tables computed = make_tables();
  return computed;
}

}  // namespace

uint32_t crc32(std::string_view bytes) {
  const Tables& t = tables();
  uint32_t c = 0xFFFFFFFFu;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  for (; n >= 4; n -= 4, p += 4) {
    c ^= uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
    c = t[3][c & 0xFFu] ^ t[2][(c >> 8) & 0xFFu] ^ t[1][(c >> 16) & 0xFFu] ^ t[0][c >> 24];
  }
  for (; n > 0; --n, ++p) c = t[0][(c ^ *p) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

}  // namespace crux::store
