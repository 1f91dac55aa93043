#pragma once
#include <cstdint>
#include <string_view>

namespace crux::store {

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) of `bytes`, as zlib computes it.
uint32_t crc32(std::string_view bytes);

}  // namespace crux::store
