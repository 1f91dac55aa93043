#include "store/file_names.hpp"

namespace crux::store {
namespace {

constexpr std::string_view kSegmentPrefix = "seg-";
constexpr std::string_view kSegmentSuffix = ".log";
constexpr std::string_view kSnapshotPrefix = "snap-";
constexpr std::string_view kSnapshotSuffix = ".dat";
constexpr std::string_view kTempSuffix = ".tmp";
constexpr size_t kMinDigits = 12;
constexpr size_t kMaxDigits = 20;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string numbered_name(std::string_view prefix, uint64_t number, std::string_view suffix) {
  std::string digits = std::to_string(number);
  if (digits.size() < kMinDigits) digits.insert(0, kMinDigits - digits.size(), '0');
  return std::string(prefix) + digits + std::string(suffix);
}

std::optional<uint64_t> parse_numbered_name(std::string_view name, std::string_view prefix,
                                            std::string_view suffix) {
  if (!starts_with(name, prefix) || !ends_with(name, suffix)) return std::nullopt;
  if (name.size() < prefix.size() + suffix.size()) return std::nullopt;
  const std::string_view digits =
      name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  if (digits.size() < kMinDigits || digits.size() > kMaxDigits) return std::nullopt;
  uint64_t number = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (number > (UINT64_MAX - digit) / 10) return std::nullopt;
    number = number * 10 + digit;
  }
  return number;
}

}  // namespace

std::string segment_file_name(uint64_t number) {
  return numbered_name(kSegmentPrefix, number, kSegmentSuffix);
}

std::string snapshot_file_name(uint64_t number) {
  return numbered_name(kSnapshotPrefix, number, kSnapshotSuffix);
}

std::optional<uint64_t> parse_segment_file_name(std::string_view name) {
  return parse_numbered_name(name, kSegmentPrefix, kSegmentSuffix);
}

std::optional<uint64_t> parse_snapshot_file_name(std::string_view name) {
  return parse_numbered_name(name, kSnapshotPrefix, kSnapshotSuffix);
}

std::string temp_file_name(std::string_view name) {
  return std::string(name) + std::string(kTempSuffix);
}

bool is_store_temp_file(std::string_view name) {
  if (!ends_with(name, kTempSuffix)) return false;
  const std::string_view target = name.substr(0, name.size() - kTempSuffix.size());
  return parse_segment_file_name(target) || parse_snapshot_file_name(target);
}

}  // namespace crux::store
