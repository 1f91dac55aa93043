#include "store/store.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "store/file_codec.hpp"
#include "store/file_names.hpp"
#include "store/record_codec.hpp"

namespace crux::store {
namespace {

struct NumberedFile {
  uint64_t number;
  std::string name;
};

/// The directory's files sorted into what the store made; other files are left alone.
struct StoreFiles {
  std::vector<NumberedFile> segments;   // ascending
  std::vector<NumberedFile> snapshots;  // ascending
  std::vector<std::string> temps;       // leftovers of an interrupted Directory::replace
};

StoreFiles find_store_files(const std::vector<std::string>& names) {
  StoreFiles files;
  for (const std::string& name : names) {
    if (auto number = parse_segment_file_name(name)) {
      files.segments.push_back({*number, name});
    } else if (auto number = parse_snapshot_file_name(name)) {
      files.snapshots.push_back({*number, name});
    } else if (is_store_temp_file(name)) {
      files.temps.push_back(name);
    }
  }
  auto by_number = [](const NumberedFile& a, const NumberedFile& b) { return a.number < b.number; };
  std::sort(files.segments.begin(), files.segments.end(), by_number);
  std::sort(files.snapshots.begin(), files.snapshots.end(), by_number);
  return files;
}

/// The segments not covered by the newest snapshot (all of them without one). They must be
/// numbered on from it (from 1) without a gap: a missing one is STORAGE_CORRUPT.
std::vector<NumberedFile> live_segments(const StoreFiles& files) {
  const uint64_t covered = files.snapshots.empty() ? 0 : files.snapshots.back().number;
  std::vector<NumberedFile> live;
  for (const NumberedFile& segment : files.segments) {
    if (files.snapshots.empty() || segment.number > covered) live.push_back(segment);
  }
  for (size_t i = 0; i < live.size(); ++i) {
    const uint64_t expected = covered + 1 + i;
    if (live[i].number != expected) {
      raise(Code::StorageCorrupt, {"store file ", segment_file_name(expected), " is missing (found ", live[i].name, ")"});
    }
  }
  return live;
}

/// Applies a file's records in order. A record that decodes but that `apply` rejects (one
/// this version cannot read) is STORAGE_CORRUPT too, at its place in the file.
void apply_all(const std::string& file, const std::vector<RecordView>& views,
               const std::function<void(const Record&)>& apply) {
  Record record;
  for (const RecordView& view : views) {
    record.meta.assign(view.meta);
    record.data.assign(view.data);
    try {
      apply(record);
    } catch (const Error& error) {
      raise(Code::StorageCorrupt, {"corrupt store file ", file, " at byte ", view.offset, ": ", error.what()});
    }
  }
}

}  // namespace

Store::Store(Directory& dir, StoreOptions options,
             const std::function<void(const Record&)>& apply)
    : dir_(dir), options_(options) {
  const StoreFiles files = find_store_files(dir_.list());

  // Only the newest snapshot counts: an older one is a leftover of a finished compaction.
  std::string snapshot_bytes;
  std::vector<RecordView> snapshot_records;
  const bool has_snapshot = !files.snapshots.empty();
  const uint64_t covered = has_snapshot ? files.snapshots.back().number : 0;
  if (has_snapshot) {
    const NumberedFile& newest = files.snapshots.back();
    snapshot_bytes = dir_.read(newest.name).value_or("");
    snapshot_records = decode_snapshot(newest.name, snapshot_bytes, newest.number);
    snapshot_name_ = newest.name;
    snapshot_bytes_ = snapshot_bytes.size();
  }

  // Segments the snapshot covers are leftovers of a compaction interrupted before removing them.
  const std::vector<NumberedFile> live = live_segments(files);
  std::vector<std::string> superseded;
  for (const NumberedFile& segment : files.segments) {
    if (has_snapshot && segment.number <= covered) superseded.push_back(segment.name);
  }

  // Decode everything before applying anything, so a corrupt store applies nothing.
  std::vector<std::string> segment_bytes(live.size());
  std::vector<SegmentContents> segment_contents;
  for (size_t i = 0; i < live.size(); ++i) {
    segment_bytes[i] = dir_.read(live[i].name).value_or("");
    segment_contents.push_back(decode_segment(live[i].name, segment_bytes[i], i + 1 == live.size()));
  }
  apply_all(snapshot_name_, snapshot_records, apply);
  for (size_t i = 0; i < live.size(); ++i) apply_all(live[i].name, segment_contents[i].records, apply);

  if (!live.empty() && segment_contents.back().valid_bytes < segment_bytes.back().size()) {
    dir_.truncate(live.back().name, segment_contents.back().valid_bytes);
  }
  for (size_t i = 0; i + 1 < files.snapshots.size(); ++i) superseded.push_back(files.snapshots[i].name);
  superseded.insert(superseded.end(), files.temps.begin(), files.temps.end());
  for (const std::string& name : superseded) dir_.remove(name);

  for (size_t i = 0; i < live.size(); ++i) {
    segments_.push_back(live[i].name);
    segment_total_bytes_ += segment_contents[i].valid_bytes;
  }
  active_segment_ = live.empty() ? covered + 1 : live.back().number;
  active_bytes_ = live.empty() ? 0 : segment_contents.back().valid_bytes;
}

bool Store::follow(const std::function<void(const Record&)>& apply) {
  const StoreFiles files = find_store_files(dir_.list());
  const std::string newest_snapshot = files.snapshots.empty() ? "" : files.snapshots.back().name;
  if (newest_snapshot != snapshot_name_) return false;

  const std::vector<NumberedFile> live = live_segments(files);
  if (live.size() < segments_.size()) return false;
  for (size_t i = 0; i < segments_.size(); ++i) {
    if (live[i].name != segments_[i]) return false;
  }

  // Segments before the active one are closed; read on from where this store stopped: the
  // active segment from active_bytes_, the new ones whole.
  const size_t first = segments_.empty() ? 0 : segments_.size() - 1;
  std::vector<std::string> bytes(live.size() - first);
  std::vector<size_t> starts(live.size() - first, 0);
  std::vector<SegmentContents> contents;
  for (size_t i = first; i < live.size(); ++i) {
    std::string& file = bytes[i - first];
    file = dir_.read(live[i].name).value_or("");
    if (i < segments_.size()) starts[i - first] = active_bytes_;
    if (file.size() < starts[i - first]) return false;
    contents.push_back(decode_segment(live[i].name, file, i + 1 == live.size(), starts[i - first]));
  }
  for (size_t i = first; i < live.size(); ++i) apply_all(live[i].name, contents[i - first].records, apply);

  for (size_t i = first; i < live.size(); ++i) {
    segment_total_bytes_ += contents[i - first].valid_bytes - starts[i - first];
    if (i >= segments_.size()) segments_.push_back(live[i].name);
  }
  if (!live.empty()) {
    active_segment_ = live.back().number;
    active_bytes_ = contents.back().valid_bytes;
    if (active_bytes_ < bytes.back().size()) dir_.truncate(live.back().name, active_bytes_);
  }
  return true;
}

void Store::append(const Record& record) {
  std::string bytes;
  encode_record(bytes, record);
  if (active_bytes_ > 0 && active_bytes_ >= options_.segment_bytes) {
    ++active_segment_;
    active_bytes_ = 0;
  }
  const std::string name = segment_file_name(active_segment_);
  const bool new_file = segments_.empty() || segments_.back() != name;
  try {
    dir_.append(name, bytes);
  } catch (const Error&) {
    // A partly written record followed by later ones would read as corruption: undo it.
    try {
      if (new_file) {
        dir_.remove(name);
      } else {
        dir_.truncate(name, active_bytes_);
      }
    } catch (const Error&) {
    }
    throw;
  }
  if (new_file) segments_.push_back(name);
  active_bytes_ += bytes.size();
  segment_total_bytes_ += bytes.size();
}

bool Store::wants_compaction() const {
  return segment_total_bytes_ > std::max(options_.compact_min_bytes, snapshot_bytes_) ||
         segments_.size() > options_.max_segments;
}

void Store::compact(const std::vector<Record>& records) {
  const uint64_t covers = active_segment_;
  const std::string bytes = encode_snapshot(records, covers);
  const std::string name = snapshot_file_name(covers);
  dir_.replace(name, bytes);

  // The snapshot now holds the whole state. A crash while removing what it supersedes leaves
  // stale files that opening removes.
  std::vector<std::string> superseded = std::move(segments_);
  if (!snapshot_name_.empty() && snapshot_name_ != name) superseded.push_back(snapshot_name_);
  segments_.clear();
  snapshot_name_ = name;
  snapshot_bytes_ = bytes.size();
  active_segment_ = covers + 1;
  active_bytes_ = 0;
  segment_total_bytes_ = 0;
  for (const std::string& file : superseded) dir_.remove(file);
}

size_t Store::file_count() const { return segments_.size() + (snapshot_name_.empty() ? 0 : 1); }

}  // namespace crux::store
