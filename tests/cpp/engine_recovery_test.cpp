// A damaged store never crashes the engine: it opens on a consistent prefix of what was
// recorded, or refuses with STORAGE_CORRUPT naming the place.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "engine_calls.hpp"
#include "store/memory_directory.hpp"

using crux::Code;
using crux::Engine;
using crux::Error;
using crux::Json;
using crux::store::MemoryDirectory;

namespace {

/// A store with runs in every state and some plans, spread over several segments.
MemoryDirectory recorded_store(crux::EngineOptions options) {
  MemoryDirectory dir;
  Engine engine(dir, options);
  for (int i = 0; i < 12; ++i) {
    std::string id = "run-" + std::to_string(i);
    engine.start_run("f", id, R"({"i":)" + std::to_string(i) + "}", i);
    Json exec = Json::parse(engine.begin_execution(id, i));
    int64_t exec_id = exec["execId"];
    Json step = Json::parse(engine.step_begin(id, exec_id, "s", "", i));
    engine.step_complete(id, exec_id, step["key"], R"({"value":"a result of some length"})", i);
    suspend_and_wait(engine, id, exec_id, "approval", R"({"type":"object"})", R"("1d")", i);
    engine.end_execution(id, exec_id);
    if (i % 3 == 0) engine.signal(id, "approval", R"({"ok":true})", i);
    if (i % 4 == 1) engine.cancel(id, R"("changed my mind")", i);
    Json plan = Json::parse(engine.plan_create(R"({"title":"p","metadata":{"n":0}})", i));
    engine.plan_update(plan["id"], R"({"metadata":{"n":1}})", "", i);
  }
  return dir;
}

/// Opens the engine and reads everything, which must be self-consistent; false if corrupt.
bool opens_consistently(MemoryDirectory& dir, crux::EngineOptions options) {
  try {
    Engine engine(dir, options);
    for (const Json& run : Json::parse(engine.list_flows(""))) {
      std::string id = run["flowId"];
      Json history = Json::parse(engine.history(id));
      REQUIRE(!history.empty());
      CHECK(history[0]["type"] == "started");
      for (size_t i = 0; i < history.size(); ++i) CHECK(history[i]["seq"] == i + 1);
    }
    for (const Json& plan : Json::parse(engine.plan_list())) CHECK(plan["version"].get<int>() >= 1);
    engine.start_run("f", "after-recovery", "", 0);  // and it keeps working
    return true;
  } catch (const Error& e) {
    CHECK(e.code() == Code::StorageCorrupt);
    CHECK(std::string(e.what()).find(" at byte ") != std::string::npos);
    return false;
  }
}

std::string last_segment(MemoryDirectory& dir) {
  std::string last;
  for (const auto& [name, bytes] : dir.files()) {
    if (name.rfind("seg-", 0) == 0) last = name;
  }
  return last;
}

}  // namespace

TEST_CASE("engine: a store cut at any byte of its last segment opens on a prefix") {
  crux::EngineOptions options;
  options.store.segment_bytes = 1024;
  const MemoryDirectory original = recorded_store(options);
  MemoryDirectory probe = original;
  const std::string segment = last_segment(probe);
  const size_t size = probe.files()[segment].size();
  size_t runs_before = Json::parse(Engine(probe, options).list_flows("")).size();
  for (size_t cut = 0; cut <= size; ++cut) {
    MemoryDirectory dir = original;
    dir.files()[segment].resize(cut);
    CAPTURE(cut);
    REQUIRE(opens_consistently(dir, options));
    CHECK(Json::parse(Engine(dir, options).list_flows("")).size() <= runs_before + 1);
  }
}

TEST_CASE("engine: flipped bytes give STORAGE_CORRUPT or a prefix, never a crash") {
  crux::EngineOptions options;
  options.store.segment_bytes = 1024;
  MemoryDirectory original = recorded_store(options);
  int corrupt = 0;
  for (const auto& [name, bytes] : original.files()) {
    for (size_t at = 0; at < bytes.size(); at += 7) {
      MemoryDirectory dir = original;
      dir.files()[name][at] ^= 0x5a;
      CAPTURE(name, at);
      if (!opens_consistently(dir, options)) ++corrupt;
    }
  }
  CHECK(corrupt > 0);
}

TEST_CASE("engine: a well-framed record it cannot read is STORAGE_CORRUPT at its place") {
  MemoryDirectory dir;
  {
    Engine engine(dir);
    engine.start_run("f", "r", "", 0);
  }
  {
    crux::store::Store store(dir, {}, [](const crux::store::Record&) {});
    store.append({R"({"flow":"r","seq":7,"type":"started","at":0})", ""});  // out of order
  }
  try {
    Engine engine(dir);
    FAIL("expected STORAGE_CORRUPT");
  } catch (const Error& e) {
    CHECK(e.code() == Code::StorageCorrupt);
    CHECK(std::string(e.what()).find("seg-000000000001.log at byte ") != std::string::npos);
    CHECK(std::string(e.what()).find("out of order") != std::string::npos);
  }
}
