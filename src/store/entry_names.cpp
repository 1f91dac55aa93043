#include "store/entry_names.hpp"

#include "store/file_names.hpp"

namespace crux::store {
namespace {

constexpr size_t kSeqDigits = 10;

std::string escaped(std::string_view id) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(id.size());
  for (char c : id) {
    if (c == '%' || c == '.' || c == '/') {
      out += '%';
      out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += hex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> unescaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' || c == '/') return std::nullopt;
    if (c != '%') {
      out += c;
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    auto digit = [](char h) -> int {
      if (h >= '0' && h <= '9') return h - '0';
      if (h >= 'A' && h <= 'F') return h - 'A' + 10;
      return -1;
    };
    const int high = digit(text[i + 1]);
    const int low = digit(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

}  // namespace

std::string run_summary_name(std::string_view run_id) { return "r." + escaped(run_id); }

std::string run_event_name(std::string_view run_id, uint64_t seq) {
  std::string digits = std::to_string(seq);
  if (digits.size() < kSeqDigits) digits.insert(0, kSeqDigits - digits.size(), '0');
  return "j." + escaped(run_id) + "." + digits;
}

std::string run_folded_name(std::string_view run_id) { return "c." + escaped(run_id); }

std::string plan_name(std::string_view plan_id) { return "p." + escaped(plan_id); }

RunEntries run_entries(std::string_view run_id) {
  return {"j." + escaped(run_id) + ".", run_folded_name(run_id), {}};
}

RunEntries run_entries_from(std::string_view run_id, uint64_t seq) {
  RunEntries entries = run_entries(run_id);
  entries.from = run_event_name(run_id, seq);
  return entries;
}

std::optional<EntryName> parse_entry_name(std::string_view name) {
  if (parse_segment_file_name(name) || parse_snapshot_file_name(name) || is_store_temp_file(name)) {
    return EntryName{EntryKind::Legacy, {}, 0};
  }
  if (name == kIndexName) return EntryName{EntryKind::Index, {}, 0};
  if (name.size() < 3 || name[1] != '.') return std::nullopt;
  const std::string_view rest = name.substr(2);
  EntryKind kind;
  switch (name[0]) {
    case 'r': kind = EntryKind::RunSummary; break;
    case 'c': kind = EntryKind::RunFolded; break;
    case 'p': kind = EntryKind::Plan; break;
    case 'j': {
      const size_t dot = rest.rfind('.');
      if (dot == std::string_view::npos || rest.size() - dot - 1 != kSeqDigits) return std::nullopt;
      uint64_t seq = 0;
      for (char c : rest.substr(dot + 1)) {
        if (c < '0' || c > '9') return std::nullopt;
        seq = seq * 10 + static_cast<uint64_t>(c - '0');
      }
      auto id = unescaped(rest.substr(0, dot));
      if (!id || id->empty()) return std::nullopt;
      return EntryName{EntryKind::RunEvent, std::move(*id), seq};
    }
    default: return std::nullopt;
  }
  auto id = unescaped(rest);
  if (!id || id->empty()) return std::nullopt;
  return EntryName{kind, std::move(*id), 0};
}

}  // namespace crux::store
