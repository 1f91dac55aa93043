// libFuzzer target: two engines over one store directory, as two tabs over one IndexedDB
// database. Each input byte is one step by one of them: read in the other's records
// (Engine::follow), then create, update or delete a plan, start or signal a run, or make a
// change whose commit fails (the files are put back as they were, as storage.js does).
// Small segments make compactions, and so follow's reload, frequent.
//
// Invariants: the versions an engine announces for a plan never go back (subscribers hear the
// changes in order; after a failed commit the plan may be announced again as it was); and once
// both have followed, they and a third engine opened afresh over the directory hold the same
// plans and runs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "engine/engine.hpp"
#include "store/memory_directory.hpp"

namespace {

using crux::Code;
using crux::Engine;
using crux::Json;

/// The plan versions each engine has announced, by plan id: none may go back.
using Heard = std::map<std::string, int64_t>;

void check_changes(Engine& engine, Heard& heard) {
  for (const Json& change : Json::parse(engine.take_changes(engine.mark()))) {
    if (change["kind"] != "plan" || change["plan"].is_null()) continue;
    const std::string id = change["id"];
    const int64_t version = change["plan"]["version"];
    auto last = heard.find(id);
    if (last != heard.end() && version < last->second) std::abort();
    heard[id] = version;
  }
}

std::string nth_id(const Json& list, uint8_t pick, const char* key) {
  if (list.empty()) return "missing";
  return list[pick % list.size()][key];
}

/// Reads in the other engine's records, then makes one change; `followed` is the mark between.
void step(Engine& engine, uint8_t op, uint8_t arg, int64_t now, uint64_t& followed) {
  engine.follow();
  followed = engine.mark();
  switch (op % 5) {
    case 0:
      engine.plan_create(Json{{"title", "plan " + std::to_string(now)}}.dump(), now);
      break;
    case 1:
      engine.plan_update(nth_id(Json::parse(engine.plan_list()), arg, "id"),
                         Json{{"metadata", {{"k" + std::to_string(arg % 7), arg}}}}.dump(), "", now);
      break;
    case 2:
      engine.plan_delete(nth_id(Json::parse(engine.plan_list()), arg, "id"));
      break;
    case 3:
      engine.start_run("f", "run-" + std::to_string(arg % 16), Json{{"n", arg}}.dump(), now);
      break;
    default:
      engine.signal(nth_id(Json::parse(engine.list_flows("")), arg, "flowId"), "go",
                    Json{{"n", arg}}.dump(), now);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  crux::EngineOptions options;
  options.store.segment_bytes = 256;
  options.store.max_segments = 3;
  options.store.compact_min_bytes = 512;
  crux::store::MemoryDirectory dir;
  Engine a(dir, options);
  Engine b(dir, options);
  Heard heard_a;
  Heard heard_b;
  // At most 256 steps: longer inputs add time, not new situations.
  for (size_t i = 0; i + 1 < size && i < 512; i += 2) {
    const bool first = data[i] & 1;
    Engine& engine = first ? a : b;
    Heard& heard = first ? heard_a : heard_b;
    const uint8_t op = data[i] >> 1;
    const int64_t now = static_cast<int64_t>(i);
    const bool fails = op >= 96;  // the commit of this change fails: its files are put back
    const auto committed = dir.files();
    uint64_t followed = engine.mark();
    try {
      step(engine, op, data[i + 1], now, followed);
    } catch (const crux::Error& error) {
      const Code code = error.code();
      if (code != Code::PlanNotFound && code != Code::FlowNotFound && code != Code::FlowClosed) std::abort();
    }
    if (fails) {  // what storage.js and Crux do when the transaction aborts
      dir.files() = committed;
      engine.drop_changes_after(followed);
      engine.follow();
    }
    check_changes(engine, heard);
  }
  a.follow();
  b.follow();
  check_changes(a, heard_a);
  check_changes(b, heard_b);
  Engine fresh(dir, options);
  const std::string plans = a.plan_list();
  const std::string runs = a.list_flows("");
  if (b.plan_list() != plans || fresh.plan_list() != plans) std::abort();
  if (b.list_flows("") != runs || fresh.list_flows("") != runs) std::abort();
  return 0;
}
