// libFuzzer target: opens a store from arbitrary entries — run summaries, journal entries,
// folded journals, plans, and version-1 files that opening converts — then reads every run,
// takes the same entries in as another tab's (follow), and records something new.
// Input: [flags u8] then entries as [name u8][length u8][bytes]; the name byte picks one of
// kNames. Flag bit 0 recomputes the checksum of every frame-shaped run of bytes first (random
// bytes almost never carry a right CRC-32, and past it is where the record checks live).
// STORAGE_CORRUPT is the expected outcome of bad bytes (FLOW_NOT_FOUND for a run that is not
// there); a store that opens must give back, through commit(), entries that open again to the
// same plans and runs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "engine/door_rules.hpp"
#include "engine/engine.hpp"
#include "expected_error.hpp"
#include "store/crc32.hpp"
#include "store/record_codec.hpp"

namespace {

using crux::Code;
using crux::Engine;
using crux::store::Entry;

const char* const kNames[] = {"r.a", "r.b", "j.a.0000000001", "j.a.0000000002", "j.a.0000000003", "j.b.0000000001",
                              "c.a", "c.b", "p.x", "p.y", "seg-000000000001.log", "seg-000000000002.log",
                              "snap-000000000001.dat"};

uint32_t get_u32(const char* at) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= uint32_t{static_cast<unsigned char>(at[i])} << (8 * i);
  return value;
}

void fix_checksums(std::string& bytes) {
  for (size_t at = 0; at + crux::store::kFrameHeaderBytes <= bytes.size(); ++at) {
    if (std::memcmp(bytes.data() + at, "CRX1", 4) != 0) continue;
    const size_t payload = get_u32(bytes.data() + at + 4);
    if (payload > bytes.size() - at - crux::store::kFrameHeaderBytes) continue;
    const uint32_t crc = crux::store::crc32(std::string_view(bytes.data() + at + crux::store::kFrameHeaderBytes, payload));
    for (int i = 0; i < 4; ++i) bytes[at + 8 + i] = static_cast<char>((crc >> (8 * i)) & 0xFFu);
  }
}

/// Runs `call`; STORAGE_CORRUPT or FLOW_NOT_FOUND are expected, anything else aborts. False if it threw.
template <typename F>
bool expecting_corruption(F call) {
  try {
    call();
    return true;
  } catch (const crux::Error& error) {
    if (error.code() != Code::StorageCorrupt && error.code() != Code::FlowNotFound) std::abort();
    check_expected_error(error, error.code());
    return false;
  }
}

std::string everything(Engine& engine) {
  std::string out = crux::door::plans_json(engine.plan_list());
  for (const std::string& id : engine.list_flow_ids("")) {
    out += crux::door::history_json(engine.history(id)) + crux::door::status_json(engine.status(id));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const bool fix = data[0] & 1;
  std::map<std::string, std::string> stored;
  for (size_t at = 1; at + 2 <= size;) {
    const char* name = kNames[data[at] % (sizeof kNames / sizeof kNames[0])];
    const size_t length = std::min<size_t>(data[at + 1], size - at - 2);
    std::string bytes(reinterpret_cast<const char*>(data + at + 2), length);
    if (fix) fix_checksums(bytes);
    stored[name] += bytes;  // a name given twice gets both parts
    at += 2 + length;
  }
  std::vector<Entry> entries;
  for (const auto& [name, bytes] : stored) entries.push_back({name, bytes});

  Engine engine;
  if (!expecting_corruption([&] { engine.open(entries); })) return 0;
  crux::Outbox converted = engine.commit();
  engine.settled(true);
  for (const std::string& name : converted.writes.remove) stored.erase(name);
  for (const auto& entry : converted.writes.put) stored[entry.name] = entry.bytes;
  for (const std::string& id : engine.list_flow_ids("")) {
    if (auto names = engine.to_load(id)) {
      std::vector<Entry> journal;
      for (const auto& [name, bytes] : stored) {
        if (name.rfind(names->prefix, 0) == 0 || name == names->folded) journal.push_back({name, bytes});
      }
      expecting_corruption([&] { engine.load_run(id, journal); });
    }
  }
  std::vector<Entry> now;
  for (const auto& [name, bytes] : stored) now.push_back({name, bytes});
  expecting_corruption([&] { engine.follow(now); });

  // Whatever opened keeps working: a new run and plan are recorded, and the store they make
  // opens again to the same state as the runs that read whole.
  engine.start_run("f", "fuzz-new-run", "{}", 1);
  engine.plan_create(R"({"title":"new"})", 1);
  crux::Outbox outbox = engine.commit();
  engine.settled(true);
  for (const auto& entry : outbox.writes.put) stored[entry.name] = entry.bytes;
  Engine fresh;
  std::vector<Entry> index;
  for (const auto& [name, bytes] : stored) index.push_back({name, bytes});
  if (!expecting_corruption([&] { fresh.open(index); })) return 0;
  if (crux::door::plans_json(fresh.plan_list()) != crux::door::plans_json(engine.plan_list())) std::abort();
  return 0;
}
