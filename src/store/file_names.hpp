#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crux::store {

/// "seg-000000000042.log": segment number 42.
std::string segment_file_name(uint64_t number);
/// "snap-000000000042.dat": the snapshot covering segments up to and including 42.
std::string snapshot_file_name(uint64_t number);
/// The number in a segment file name, or nothing if `name` is not one.
std::optional<uint64_t> parse_segment_file_name(std::string_view name);
/// The number in a snapshot file name, or nothing if `name` is not one.
std::optional<uint64_t> parse_snapshot_file_name(std::string_view name);

/// The name Directory::replace writes aside before renaming over `name`.
std::string temp_file_name(std::string_view name);
/// True for a leftover temp file of one of the store's own files.
bool is_store_temp_file(std::string_view name);

}  // namespace crux::store
