#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/crc32.hpp"
#include "store/directory.hpp"
#include "store/file_codec.hpp"
#include "store/file_names.hpp"
#include "store/memory_directory.hpp"
#include "store/record_codec.hpp"
#include "store/store.hpp"

using crux::Code;
using crux::Error;
using Catch::Matchers::Contains;
using namespace crux::store;

namespace {

using Files = std::map<std::string, std::string>;

bool same_record(const Record& a, const Record& b) { return a.meta == b.meta && a.data == b.data; }

bool same_records(const std::vector<Record>& a, const std::vector<Record>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!same_record(a[i], b[i])) return false;
  }
  return true;
}

/// A record whose data is `data_bytes` of a pattern that includes NUL bytes.
Record make_record(int seq, size_t data_bytes) {
  Record record;
  record.meta = "{\"seq\":" + std::to_string(seq) + "}";
  record.data.resize(data_bytes);
  for (size_t j = 0; j < data_bytes; ++j) record.data[j] = static_cast<char>((seq * 31 + j * 7) & 0xFF);
  return record;
}

size_t frame_bytes(const Record& record) {
  std::string out;
  encode_record(out, record);
  return out.size();
}

std::vector<Record> open_all(Directory& dir, StoreOptions options = {}) {
  std::vector<Record> records;
  Store store(dir, options, [&](const Record& record) { records.push_back(record); });
  return records;
}

/// Opens the store expecting StorageCorrupt; returns the message.
std::string open_expecting_corrupt(Directory& dir, StoreOptions options = {}) {
  try {
    open_all(dir, options);
  } catch (const Error& error) {
    if (error.code() == Code::StorageCorrupt) return error.what();
    FAIL("expected StorageCorrupt, got " << crux::code_name(error.code()) << ": " << error.what());
  }
  FAIL("expected StorageCorrupt, but the store opened");
  return {};
}

Files dump_files(Directory& dir) {
  Files files;
  for (const std::string& name : dir.list()) files[name] = dir.read(name).value_or("");
  return files;
}

void load_files(Directory& dir, const Files& files) {
  for (const std::string& name : dir.list()) dir.remove(name);
  for (const auto& [name, bytes] : files) dir.append(name, bytes);
}

std::vector<std::string> segment_names(Directory& dir) {
  std::vector<std::string> names;
  for (const std::string& name : dir.list()) {
    if (parse_segment_file_name(name)) names.push_back(name);
  }
  return names;
}

StoreOptions small_segments(size_t segment_bytes, size_t compact_min_bytes = 1 << 20) {
  StoreOptions options;
  options.segment_bytes = segment_bytes;
  options.compact_min_bytes = compact_min_bytes;
  options.max_segments = SIZE_MAX;  // these tests are about bytes; the count cap has its own
  return options;
}

/// A temp directory on disk, removed afterwards.
struct TempDir {
  std::string path;
  TempDir() {
    char pattern[] = "/tmp/crux-store-test-XXXXXX";
    REQUIRE(mkdtemp(pattern) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

/// Records appended to a store with several segments, with where each one ends.
struct SegmentedLog {
  std::vector<Record> records;
  std::vector<std::string> segment_of;  // file holding each record
  std::vector<size_t> start;            // byte offset of each record in its file
  std::vector<size_t> end;
  Files files;
  std::string last_segment;
};

SegmentedLog build_segmented_log(Directory& dir, StoreOptions options, int count) {
  SegmentedLog log;
  Store store(dir, options, [](const Record&) {});
  for (int i = 0; i < count; ++i) {
    Record record = make_record(i, static_cast<size_t>((i * 37) % 120));
    store.append(record);
    const std::string segment = segment_names(dir).back();
    const size_t size = dir.read(segment)->size();
    log.records.push_back(record);
    log.segment_of.push_back(segment);
    log.start.push_back(size - frame_bytes(record));
    log.end.push_back(size);
  }
  log.files = dump_files(dir);
  log.last_segment = segment_names(dir).back();
  return log;
}

/// The records that survive when the last segment is cut to `cut` bytes.
std::vector<Record> surviving_prefix(const SegmentedLog& log, size_t cut) {
  std::vector<Record> records;
  for (size_t i = 0; i < log.records.size(); ++i) {
    if (log.segment_of[i] != log.last_segment || log.end[i] <= cut) records.push_back(log.records[i]);
  }
  return records;
}

/// Cuts the last segment at each offset in `cuts`; each reopen must give the whole records
/// before the cut, and an append afterwards must survive another reopen.
void check_torn_tails(Directory& dir, const std::vector<size_t>& cuts) {
  const StoreOptions options = small_segments(512);
  const SegmentedLog log = build_segmented_log(dir, options, 40);
  REQUIRE(segment_names(dir).size() >= 3);
  const Record extra = make_record(1000, 33);
  for (size_t cut : cuts) {
    CAPTURE(cut);
    Files files = log.files;
    files[log.last_segment].resize(cut);
    load_files(dir, files);
    std::vector<Record> expected = surviving_prefix(log, cut);
    {
      std::vector<Record> seen;
      Store store(dir, options, [&](const Record& record) { seen.push_back(record); });
      REQUIRE(same_records(seen, expected));
      store.append(extra);
    }
    expected.push_back(extra);
    REQUIRE(same_records(open_all(dir, options), expected));
  }
}

void check_round_trip(Directory& dir) {
  std::vector<Record> records;
  records.push_back({"", ""});
  records.push_back({"{}", ""});
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  records.push_back({"{\"binary\":true}", all_bytes});
  records.push_back({"{\"nul\":1}", std::string("a\0b\0\0c", 6)});
  records.push_back({std::string("meta\0with nul", 13), "x"});
  records.push_back(make_record(7, 1 << 20));
  for (int i = 0; i < 200; ++i) records.push_back(make_record(i, static_cast<size_t>(i % 50)));
  {
    Store store(dir, {}, [](const Record&) { FAIL("a new store has no records"); });
    for (const Record& record : records) store.append(record);
  }
  REQUIRE(same_records(open_all(dir), records));
  {
    Store store(dir, {}, [](const Record&) {});
    records.push_back(make_record(999, 10));
    store.append(records.back());
  }
  REQUIRE(same_records(open_all(dir), records));
}

void check_compaction_reopen(Directory& dir) {
  const StoreOptions options = small_segments(1024, 4096);
  const std::vector<Record> compacted = {{"{\"a\":1}", "A"}, {"{\"b\":2}", ""}, {"", "C"}};
  std::vector<Record> later;
  {
    Store store(dir, options, [](const Record&) {});
    for (int i = 0; i < 100; ++i) store.append(make_record(i, 60));
    REQUIRE(store.file_count() > 3);
    store.compact(compacted);
    REQUIRE(store.file_count() == 1);
    REQUIRE(dir.list().size() == 1);
    REQUIRE(parse_snapshot_file_name(dir.list()[0]));
    for (int i = 0; i < 5; ++i) {
      later.push_back(make_record(500 + i, 20));
      store.append(later.back());
    }
    REQUIRE(store.file_count() == 2);
  }
  std::vector<Record> expected = compacted;
  expected.insert(expected.end(), later.begin(), later.end());
  REQUIRE(same_records(open_all(dir, options), expected));
}

/// Fails the mutating call number `fail_at` (0-based), leaving half of any bytes written as a
/// cut-short write would; with `crash`, every later call fails too (the process is gone).
class FaultyDirectory : public Directory {
 public:
  FaultyDirectory(MemoryDirectory& inner, int fail_at, bool crash)
      : inner_(inner), fail_at_(fail_at), crash_(crash) {}
  std::vector<std::string> list() override { return inner_.list(); }
  std::optional<std::string> read(const std::string& name) override { return inner_.read(name); }
  void append(const std::string& name, std::string_view bytes) override {
    if (should_fail()) {
      inner_.append(name, bytes.substr(0, bytes.size() / 2));
      throw Error(Code::StorageUnavailable, "injected append failure");
    }
    inner_.append(name, bytes);
  }
  void replace(const std::string& name, std::string_view bytes) override {
    if (should_fail()) {
      inner_.replace(temp_file_name(name), bytes.substr(0, bytes.size() / 2));
      throw Error(Code::StorageUnavailable, "injected replace failure");
    }
    inner_.replace(name, bytes);
  }
  void truncate(const std::string& name, size_t size) override {
    if (should_fail()) throw Error(Code::StorageUnavailable, "injected truncate failure");
    inner_.truncate(name, size);
  }
  void remove(const std::string& name) override {
    if (should_fail()) throw Error(Code::StorageUnavailable, "injected remove failure");
    inner_.remove(name);
  }
  bool failed() const { return calls_ > fail_at_; }

 private:
  bool should_fail() {
    const int call = calls_++;
    return call == fail_at_ || (crash_ && call > fail_at_);
  }
  MemoryDirectory& inner_;
  int fail_at_;
  bool crash_;
  int calls_ = 0;
};

}  // namespace

// --- framing -------------------------------------------------------------------------------

TEST_CASE("store: crc32 matches the IEEE check value", "[store]") {
  REQUIRE(crc32("123456789") == 0xCBF43926u);
  REQUIRE(crc32("") == 0u);
  REQUIRE(crc32(std::string(1, '\0')) == 0xD202EF8Du);
  // Every length and alignment against the bit-at-a-time definition.
  auto bitwise = [](std::string_view bytes) {
    uint32_t c = 0xFFFFFFFFu;
    for (unsigned char byte : bytes) {
      c ^= byte;
      for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
    }
    return c ^ 0xFFFFFFFFu;
  };
  std::string bytes;
  for (int i = 0; i < 300; ++i) bytes.push_back(static_cast<char>((i * 131 + 7) & 0xFF));
  for (size_t from = 0; from < 4; ++from) {
    for (size_t length = 0; from + length <= bytes.size(); length += 7) {
      const std::string_view part = std::string_view(bytes).substr(from, length);
      REQUIRE(crc32(part) == bitwise(part));
    }
  }
}

TEST_CASE("store: a frame decodes to what was encoded", "[store]") {
  std::string bytes;
  encode_frame(bytes, FrameKind::Data, "meta", std::string("da\0ta", 5));
  encode_marker(bytes, FrameKind::SnapshotEnd, 0x0102030405060708ull);
  const Frame first = decode_frame(bytes, 0);
  REQUIRE(first.error == FrameError::None);
  REQUIRE(first.size == kFrameHeaderBytes + 5 + 4 + 5);
  REQUIRE(first.kind == FrameKind::Data);
  REQUIRE(first.meta == "meta");
  REQUIRE(first.data == std::string_view("da\0ta", 5));
  const Frame second = decode_frame(bytes, first.size);
  REQUIRE(second.error == FrameError::None);
  REQUIRE(second.kind == FrameKind::SnapshotEnd);
  REQUIRE(second.marker_value() == 0x0102030405060708ull);
  REQUIRE(first.size + second.size == bytes.size());
  REQUIRE(bytes.substr(0, 4) == "CRX1");
}

TEST_CASE("store: every cut-short frame reads as incomplete", "[store]") {
  std::string bytes;
  encode_record(bytes, make_record(1, 40));
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    CAPTURE(cut);
    REQUIRE(decode_frame(std::string_view(bytes).substr(0, cut), 0).error == FrameError::Incomplete);
  }
}

TEST_CASE("store: damaged frame headers are rejected without trusting the length", "[store]") {
  std::string bytes;
  encode_record(bytes, make_record(1, 40));
  std::string huge = bytes;
  huge[4] = huge[5] = huge[6] = huge[7] = '\xFF';
  REQUIRE(decode_frame(huge, 0).error == FrameError::BadLength);
  std::string tiny = bytes;
  tiny[4] = 4;
  tiny[5] = tiny[6] = tiny[7] = 0;
  REQUIRE(decode_frame(tiny, 0).error == FrameError::BadLength);
  std::string wrong_magic = bytes;
  wrong_magic[0] = 'X';
  REQUIRE(decode_frame(wrong_magic, 0).error == FrameError::BadMagic);
  std::string wrong_crc = bytes;
  wrong_crc[8] ^= 1;
  REQUIRE(decode_frame(wrong_crc, 0).error == FrameError::BadChecksum);
  std::string wrong_payload = bytes;
  wrong_payload.back() ^= 0x40;
  REQUIRE(decode_frame(wrong_payload, 0).error == FrameError::BadChecksum);

  const std::string garbage_then_frame = "garbageCRX" + bytes;
  REQUIRE(find_frame(garbage_then_frame, 0) == 10);
  REQUIRE(find_frame(garbage_then_frame, 11) == std::string_view::npos);
}

TEST_CASE("store: a record over 64 MiB is refused and nothing is written", "[store]") {
  MemoryDirectory dir;
  Store store(dir, {}, [](const Record&) {});
  Record big{"{}", std::string(kMaxPayloadBytes, 'x')};
  try {
    store.append(big);
    FAIL("expected PayloadTooLarge");
  } catch (const Error& error) {
    REQUIRE(error.code() == Code::PayloadTooLarge);
  }
  REQUIRE(dir.list().empty());
  REQUIRE(store.file_count() == 0);
}

TEST_CASE("store: file names round trip and temp files are recognised", "[store]") {
  REQUIRE(segment_file_name(1) == "seg-000000000001.log");
  REQUIRE(snapshot_file_name(7) == "snap-000000000007.dat");
  REQUIRE(parse_segment_file_name("seg-000000000042.log") == 42u);
  REQUIRE(parse_snapshot_file_name("snap-000000000042.dat") == 42u);
  REQUIRE_FALSE(parse_segment_file_name("seg-42.log"));
  REQUIRE_FALSE(parse_segment_file_name("seg-00000000004x.log"));
  REQUIRE_FALSE(parse_snapshot_file_name("seg-000000000042.log"));
  REQUIRE(is_store_temp_file(temp_file_name("snap-000000000003.dat")));
  REQUIRE_FALSE(is_store_temp_file("notes.tmp"));
}

// --- appends, segments, compaction ---------------------------------------------------------

TEST_CASE("store: records round trip in memory", "[store]") {
  MemoryDirectory dir;
  check_round_trip(dir);
}

TEST_CASE("store: records round trip on disk", "[store]") {
  TempDir temp;
  FileDirectory dir(temp.path + "/store");
  check_round_trip(dir);
}

TEST_CASE("store: segments stay bounded", "[store]") {
  MemoryDirectory dir;
  const StoreOptions options = small_segments(64 * 1024, size_t{1} << 30);
  std::vector<Record> records;
  {
    Store store(dir, options, [](const Record&) {});
    for (int i = 0; i < 10000; ++i) {
      records.push_back(make_record(i, 200));
      store.append(records.back());
    }
    REQUIRE(store.file_count() == dir.list().size());
    REQUIRE_FALSE(store.wants_compaction());
  }
  const size_t record_bytes = frame_bytes(records.back());
  const std::vector<std::string> segments = segment_names(dir);
  REQUIRE(segments.size() >= 30);
  for (const std::string& name : segments) {
    CAPTURE(name);
    REQUIRE(dir.files()[name].size() <= options.segment_bytes + record_bytes);
  }
  REQUIRE(same_records(open_all(dir, options), records));
}

TEST_CASE("store: more segments than max_segments want compaction, whatever their bytes", "[store]") {
  MemoryDirectory dir;
  StoreOptions options = small_segments(1024, size_t{1} << 30);
  options.max_segments = 4;
  Store store(dir, options, [](const Record&) {});
  int appended = 0;
  while (segment_names(dir).size() <= 4) {
    REQUIRE_FALSE(store.wants_compaction());
    store.append(make_record(appended++, 200));
  }
  REQUIRE(store.wants_compaction());
  store.compact({make_record(0, 10)});
  REQUIRE_FALSE(store.wants_compaction());
  REQUIRE(store.file_count() == 1);
}

TEST_CASE("store: compaction then reopen gives the compacted records and later appends", "[store]") {
  MemoryDirectory dir;
  check_compaction_reopen(dir);
}

TEST_CASE("store: compaction then reopen on disk", "[store]") {
  TempDir temp;
  FileDirectory dir(temp.path);
  check_compaction_reopen(dir);
}

TEST_CASE("store: compacting to nothing leaves an empty store", "[store]") {
  MemoryDirectory dir;
  {
    Store store(dir, {}, [](const Record&) {});
    store.append(make_record(1, 10));
    store.compact({});
    store.compact({});
    REQUIRE(store.file_count() == 1);
  }
  REQUIRE(dir.list().size() == 1);
  REQUIRE(open_all(dir).empty());
}

TEST_CASE("store: wants compaction once segments outgrow the minimum and the snapshot", "[store]") {
  MemoryDirectory dir;
  const StoreOptions options = small_segments(256, 1000);
  Store store(dir, options, [](const Record&) {});
  REQUIRE_FALSE(store.wants_compaction());
  const Record record = make_record(1, 100 - 12 - 5 - 9);  // a 100-byte frame
  REQUIRE(frame_bytes(record) == 100);
  for (int i = 0; i < 10; ++i) store.append(record);
  REQUIRE_FALSE(store.wants_compaction());  // exactly 1000 bytes
  store.append(record);
  REQUIRE(store.wants_compaction());

  // A snapshot bigger than the minimum raises the bar to its own size.
  store.compact(std::vector<Record>(20, record));
  REQUIRE_FALSE(store.wants_compaction());
  for (int i = 0; i < 15; ++i) store.append(record);
  REQUIRE_FALSE(store.wants_compaction());  // 1500 bytes < snapshot of ~2000
  for (int i = 0; i < 6; ++i) store.append(record);
  REQUIRE(store.wants_compaction());

  // Reopening restores the counts.
  Store reopened(dir, options, [](const Record&) {});
  REQUIRE(reopened.wants_compaction());
}

TEST_CASE("store: file count stays small across repeated compactions", "[store]") {
  MemoryDirectory dir;
  const StoreOptions options = small_segments(1024, 4096);
  std::map<int, std::string> state;  // what the engine would hold: key -> latest value
  auto replay = [](std::map<int, std::string>& into) {
    return [&into](const Record& record) { into[std::stoi(record.meta)] = record.data; };
  };
  int compactions = 0;
  size_t max_files = 0;
  {
    Store store(dir, options, [](const Record&) {});
    for (int step = 0; step < 3000; ++step) {
      const int key = (step * 7) % 50;
      const std::string value = std::to_string(step) + std::string(80, 'v');
      state[key] = value;
      store.append({std::to_string(key), value});
      if (store.wants_compaction()) {
        std::vector<Record> full;
        for (const auto& [k, v] : state) full.push_back({std::to_string(k), v});
        store.compact(full);
        ++compactions;
      }
      REQUIRE(store.file_count() == dir.list().size());
      max_files = std::max(max_files, store.file_count());
    }
  }
  REQUIRE(compactions >= 10);
  REQUIRE(max_files <= 12);
  std::map<int, std::string> reopened;
  Store store(dir, options, replay(reopened));
  REQUIRE(reopened == state);
}

// --- recovery ------------------------------------------------------------------------------

TEST_CASE("store: a last segment cut at every byte reopens to the whole records before the cut",
          "[store]") {
  MemoryDirectory probe_dir;
  const SegmentedLog probe = build_segmented_log(probe_dir, small_segments(512), 40);
  MemoryDirectory dir;
  std::vector<size_t> cuts;
  for (size_t cut = 0; cut <= probe.files.at(probe.last_segment).size(); ++cut) cuts.push_back(cut);
  check_torn_tails(dir, cuts);
}

TEST_CASE("store: a cut last segment on disk reopens to the whole records before the cut",
          "[store]") {
  TempDir temp;
  FileDirectory dir(temp.path);
  MemoryDirectory probe_dir;
  const SegmentedLog probe = build_segmented_log(probe_dir, small_segments(512), 40);
  const size_t size = probe.files.at(probe.last_segment).size();
  std::vector<size_t> cuts = {0, 1, 5, 11, 12, 13};
  for (size_t i = probe.records.size(); i-- > 0 && probe.segment_of[i] == probe.last_segment;) {
    cuts.push_back(probe.start[i] + 3);
    cuts.push_back(probe.end[i] - 1);
  }
  cuts.push_back(size);
  check_torn_tails(dir, cuts);
  for (const std::string& name : dir.list()) REQUIRE_FALSE(is_store_temp_file(name));
}

TEST_CASE("store: a cut or zero-filled tail is truncated away", "[store]") {
  MemoryDirectory dir;
  const SegmentedLog log = build_segmented_log(dir, small_segments(512), 20);
  dir.files()[log.last_segment].append(std::string(37, '\0'));
  REQUIRE(same_records(open_all(dir, small_segments(512)), log.records));
  REQUIRE(dir.files()[log.last_segment] == log.files.at(log.last_segment));
}

TEST_CASE("store: any damaged byte in a middle segment is reported with file and offset",
          "[store]") {
  MemoryDirectory dir;
  const StoreOptions options = small_segments(512);
  const SegmentedLog log = build_segmented_log(dir, options, 40);
  const std::vector<std::string> segments = segment_names(dir);
  REQUIRE(segments.size() >= 3);
  const std::string middle = segments[1];
  const std::string original = log.files.at(middle);
  for (size_t at = 0; at < original.size(); ++at) {
    CAPTURE(at);
    size_t record_start = 0;
    for (size_t i = 0; i < log.records.size(); ++i) {
      if (log.segment_of[i] == middle && log.start[i] <= at) record_start = log.start[i];
    }
    Files files = log.files;
    files[middle][at] ^= 0x5A;
    load_files(dir, files);
    const std::string message = open_expecting_corrupt(dir, options);
    REQUIRE_THAT(message, Contains(middle) && Contains("at byte " + std::to_string(record_start) + ":"));
  }
}

TEST_CASE("store: a damaged byte in the last segment is corruption unless in its final record",
          "[store]") {
  MemoryDirectory dir;
  const StoreOptions options = small_segments(512);
  const SegmentedLog log = build_segmented_log(dir, options, 40);
  const std::string& last = log.last_segment;
  const size_t final_start = log.start.back();
  REQUIRE(final_start > 0);  // the last segment holds several records
  std::vector<Record> all_but_final(log.records.begin(), log.records.end() - 1);
  for (size_t at = 0; at < log.files.at(last).size(); ++at) {
    CAPTURE(at);
    Files files = log.files;
    files[last][at] ^= 0x5A;
    load_files(dir, files);
    if (at >= final_start) {
      REQUIRE(same_records(open_all(dir, options), all_but_final));
      REQUIRE(dir.files()[last].size() == final_start);
    } else {
      size_t record_start = 0;
      for (size_t i = 0; i < log.records.size(); ++i) {
        if (log.segment_of[i] == last && log.start[i] <= at) record_start = log.start[i];
      }
      const std::string message = open_expecting_corrupt(dir, options);
      REQUIRE_THAT(message, Contains(last) && Contains("at byte " + std::to_string(record_start) + ":"));
      REQUIRE(dir.files()[last] == files[last]);  // corruption is reported, never repaired
    }
  }
}

TEST_CASE("store: a cut-short segment that is not the last is corruption", "[store]") {
  MemoryDirectory dir;
  const SegmentedLog log = build_segmented_log(dir, small_segments(512), 40);
  const std::string first = segment_names(dir)[0];
  dir.files()[first].resize(dir.files()[first].size() - 3);
  REQUIRE_THAT(open_expecting_corrupt(dir, small_segments(512)), Contains(first));
}

TEST_CASE("store: a missing segment is corruption", "[store]") {
  MemoryDirectory dir;
  build_segmented_log(dir, small_segments(512), 40);
  const std::string second = segment_names(dir)[1];
  dir.remove(second);
  REQUIRE_THAT(open_expecting_corrupt(dir), Contains(second));
}

TEST_CASE("store: a damaged snapshot is corruption", "[store]") {
  MemoryDirectory dir;
  std::vector<Record> state;
  for (int i = 0; i < 5; ++i) state.push_back(make_record(i, 30));
  {
    Store store(dir, {}, [](const Record&) {});
    store.append(make_record(100, 10));
    store.compact(state);
    store.append(make_record(101, 10));
  }
  const Files original = dump_files(dir);
  std::string snapshot;
  for (const auto& entry : original) {
    if (parse_snapshot_file_name(entry.first)) snapshot = entry.first;
  }
  REQUIRE_FALSE(snapshot.empty());
  const std::string bytes = original.at(snapshot);

  SECTION("any flipped byte") {
    for (size_t at = 0; at < bytes.size(); ++at) {
      CAPTURE(at);
      Files files = original;
      files[snapshot][at] ^= 0x21;
      load_files(dir, files);
      REQUIRE_THAT(open_expecting_corrupt(dir), Contains(snapshot) && Contains("at byte "));
    }
  }
  SECTION("cut at any byte, even at a record boundary") {
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
      CAPTURE(cut);
      Files files = original;
      files[snapshot].resize(cut);
      load_files(dir, files);
      REQUIRE_THAT(open_expecting_corrupt(dir), Contains(snapshot));
    }
  }
  SECTION("bytes after the end marker") {
    dir.files()[snapshot] += "x";
    REQUIRE_THAT(open_expecting_corrupt(dir), Contains("after the snapshot end marker"));
  }
  SECTION("a name that disagrees with the marker") {
    const uint64_t number = *parse_snapshot_file_name(snapshot);
    dir.remove(snapshot);
    dir.replace(snapshot_file_name(number + 1), bytes);
    REQUIRE_THAT(open_expecting_corrupt(dir), Contains(snapshot_file_name(number + 1)));
  }
  SECTION("a segment holding a snapshot marker") {
    dir.files()[segment_names(dir).back()] += bytes;
    REQUIRE_THAT(open_expecting_corrupt(dir), Contains("snapshot marker inside a segment"));
  }
}

// --- interrupted compaction and failed writes ----------------------------------------------

TEST_CASE("store: reopening after a compaction interrupted at any point", "[store]") {
  const StoreOptions options = small_segments(256, 1024);
  std::vector<Record> before;
  MemoryDirectory base;
  {
    Store store(base, options, [](const Record&) {});
    for (int i = 0; i < 3; ++i) before.push_back(make_record(i, 20));
    store.compact(before);
    for (int i = 3; i < 30; ++i) {
      before.push_back(make_record(i, 40));
      store.append(before.back());
    }
  }
  const std::vector<Record> after = {make_record(900, 5), make_record(901, 0)};
  const Record extra = make_record(999, 7);
  bool reached_end = false;
  for (int fail_at = 0; !reached_end; ++fail_at) {
    CAPTURE(fail_at);
    MemoryDirectory dir;
    dir.files() = base.files();
    FaultyDirectory faulty(dir, fail_at, /*crash=*/true);
    try {
      Store store(faulty, options, [](const Record&) {});
      store.compact(after);
    } catch (const Error& error) {
      REQUIRE(error.code() == Code::StorageUnavailable);
    }
    reached_end = !faulty.failed();
    std::vector<Record> seen;
    {
      Store store(dir, options, [&](const Record& record) { seen.push_back(record); });
      REQUIRE((same_records(seen, before) || same_records(seen, after)));
      REQUIRE(store.file_count() == dir.list().size());
      store.append(extra);
    }
    seen.push_back(extra);
    REQUIRE(same_records(open_all(dir, options), seen));
  }
}

TEST_CASE("store: leftovers of an interrupted compaction are cleaned up", "[store]") {
  MemoryDirectory dir;
  const StoreOptions options = small_segments(256);
  std::vector<Record> old_records;
  {
    Store store(dir, options, [](const Record&) {});
    store.compact({make_record(1, 10)});
    old_records.push_back(make_record(1, 10));
    for (int i = 2; i < 20; ++i) {
      old_records.push_back(make_record(i, 30));
      store.append(old_records.back());
    }
  }
  const Files before = dump_files(dir);
  const std::vector<Record> new_records = {make_record(50, 3)};
  {
    Store store(dir, options, [](const Record&) {});
    store.compact(new_records);
  }
  const Files after = dump_files(dir);
  REQUIRE(after.size() == 1);
  const std::string new_snapshot = after.begin()->first;

  SECTION("snapshot written, old segments and snapshot not yet removed") {
    Files crashed = before;
    crashed[new_snapshot] = after.at(new_snapshot);
    load_files(dir, crashed);
    Store store(dir, options, [](const Record&) {});
    REQUIRE(store.file_count() == 1);
    REQUIRE(dump_files(dir) == after);
    REQUIRE(same_records(open_all(dir, options), new_records));
  }
  SECTION("snapshot only partly written aside") {
    Files crashed = before;
    crashed[temp_file_name(new_snapshot)] = after.at(new_snapshot).substr(0, 9);
    load_files(dir, crashed);
    REQUIRE(same_records(open_all(dir, options), old_records));
    REQUIRE(dump_files(dir) == before);
  }
  SECTION("unrelated files are left alone") {
    Files crashed = after;
    crashed["notes.txt"] = "keep me";
    crashed["other.tmp"] = "keep me too";
    crashed["seg-abc.log"] = "not ours";
    load_files(dir, crashed);
    Store store(dir, options, [](const Record&) {});
    REQUIRE(store.file_count() == 1);
    REQUIRE(dump_files(dir) == crashed);
  }
}

TEST_CASE("store: a failed append is undone so later appends stay readable", "[store]") {
  const StoreOptions options = small_segments(200);
  for (int fail_at = 0; fail_at < 12; ++fail_at) {
    CAPTURE(fail_at);
    MemoryDirectory dir;
    std::vector<Record> written;
    {
      FaultyDirectory faulty(dir, fail_at, /*crash=*/false);
      Store store(faulty, options, [](const Record&) {});
      for (int i = 0; i < 10; ++i) {
        const Record record = make_record(i, 50);
        try {
          store.append(record);
          written.push_back(record);
        } catch (const Error& error) {
          REQUIRE(error.code() == Code::StorageUnavailable);
        }
      }
    }
    REQUIRE(same_records(open_all(dir, options), written));
  }
}

TEST_CASE("store: a crash during an append keeps every append that returned", "[store]") {
  const StoreOptions options = small_segments(200);
  for (int fail_at = 0; fail_at < 12; ++fail_at) {
    CAPTURE(fail_at);
    MemoryDirectory dir;
    std::vector<Record> written;
    try {
      FaultyDirectory faulty(dir, fail_at, /*crash=*/true);
      Store store(faulty, options, [](const Record&) {});
      for (int i = 0; i < 10; ++i) {
        const Record record = make_record(i, 50);
        store.append(record);
        written.push_back(record);
      }
    } catch (const Error& error) {
      REQUIRE(error.code() == Code::StorageUnavailable);
    }
    REQUIRE(same_records(open_all(dir, options), written));
  }
}

// --- FileDirectory -------------------------------------------------------------------------

TEST_CASE("store: FileDirectory reads and writes files", "[store]") {
  TempDir temp;
  FileDirectory dir(temp.path + "/nested/store/");
  REQUIRE(dir.path() == temp.path + "/nested/store");
  REQUIRE(dir.list().empty());
  REQUIRE_FALSE(dir.read("a"));
  dir.append("b", "hello ");
  dir.append("b", std::string("wor\0ld", 6));
  REQUIRE(dir.read("b") == std::string("hello wor\0ld", 12));
  dir.replace("a", "first");
  dir.replace("a", "second");
  REQUIRE(dir.read("a") == "second");
  REQUIRE(dir.list() == std::vector<std::string>{"a", "b"});
  dir.truncate("b", 5);
  REQUIRE(dir.read("b") == "hello");
  dir.remove("b");
  dir.remove("b");
  REQUIRE(dir.list() == std::vector<std::string>{"a"});

  // A second handle on the same path sees the same files.
  FileDirectory again(temp.path + "/nested/store");
  REQUIRE(again.read("a") == "second");
}

TEST_CASE("store: FileDirectory failures are StorageUnavailable naming the path", "[store]") {
  TempDir temp;
  FileDirectory dir(temp.path);
  dir.append("plain", "x");
  try {
    FileDirectory bad(temp.path + "/plain/sub");
    FAIL("expected StorageUnavailable");
  } catch (const Error& error) {
    REQUIRE(error.code() == Code::StorageUnavailable);
    REQUIRE_THAT(std::string(error.what()), Contains(temp.path + "/plain"));
  }
  try {
    dir.truncate("missing", 0);
    FAIL("expected StorageUnavailable");
  } catch (const Error& error) {
    REQUIRE(error.code() == Code::StorageUnavailable);
    REQUIRE_THAT(std::string(error.what()), Contains("missing") && Contains("No such file"));
  }
}

TEST_CASE("store: on disk, a temp file of an interrupted snapshot is removed", "[store]") {
  TempDir temp;
  FileDirectory dir(temp.path);
  const std::vector<Record> records = {make_record(1, 10), make_record(2, 20)};
  {
    Store store(dir, {}, [](const Record&) {});
    for (const Record& record : records) store.append(record);
  }
  dir.append(temp_file_name(snapshot_file_name(1)), "CRX1 half a snapshot");
  REQUIRE(same_records(open_all(dir), records));
  REQUIRE(dir.list() == std::vector<std::string>{segment_file_name(1)});
}
