// A damaged store never crashes the engine: every entry is written whole, so any damaged byte
// is STORAGE_CORRUPT naming the entry (when the store opens, or when the run it holds is read).
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "engine_calls.hpp"
#include "store/memory_directory.hpp"
#include "store/record_codec.hpp"
#include "thrown.hpp"

using crux::Code;
using crux::Engine;
using crux::Error;
using crux::Json;
using crux::journal::EventKind;
using crux::store::MemoryDirectory;

namespace {

/// A store with runs in every state and some plans, spread over several segments.
MemoryDirectory recorded_store(crux::EngineOptions options = {}) {
  MemoryDirectory dir;
  Engine engine(dir, options);
  for (int i = 0; i < 12; ++i) {
    std::string id = "run-" + std::to_string(i);
    engine.start_run("f", id, R"({"i":)" + std::to_string(i) + "}", i);
    int64_t exec_id = engine.begin_execution(id, i)->exec_id;
    const crux::StepRun step = as<crux::StepRun>(engine.step_begin(id, exec_id, "s", "", i));
    engine.step_complete(id, exec_id, step.key, R"({"value":"a result of some length"})", i);
    suspend_and_wait(engine, id, exec_id, "approval", R"({"type":"object"})", R"("1d")", i);
    engine.end_execution(id, exec_id);
    if (i % 3 == 0) engine.signal(id, "approval", R"({"ok":true})", i);
    if (i % 4 == 1) engine.cancel(id, R"("changed my mind")", i);
    const std::string plan_id = engine.plan_create(R"({"title":"p","metadata":{"n":0}})", i).id;
    engine.plan_update(plan_id, R"({"metadata":{"n":1}})", "", i);
  }
  return dir;
}

/// Opens the engine and reads everything, which must be self-consistent; false if corrupt.
bool opens_consistently(MemoryDirectory& dir) {
  try {
    Engine engine(dir);
    for (const crux::FlowStatus& run : engine.list_flows("")) {
      const std::vector<crux::journal::Event>& history = engine.history(run.flow_id);
      REQUIRE(!history.empty());
      CHECK(history[0].kind == EventKind::Started);
      for (size_t i = 0; i < history.size(); ++i) CHECK(history[i].seq == static_cast<int64_t>(i + 1));
    }
    for (const crux::plans::Plan* plan : engine.plan_list()) CHECK(plan->version >= 1);
    engine.start_run("f", "after-recovery", "", 0);  // and it keeps working
    return true;
  } catch (const Error& e) {
    CHECK(e.code() == Code::StorageCorrupt);
    CHECK(std::string(e.what()).find("store entry ") != std::string::npos);
    return false;
  }
}

}  // namespace

TEST_CASE("engine: a flipped byte in any entry is STORAGE_CORRUPT naming it, never a crash") {
  MemoryDirectory original = recorded_store();
  size_t checked = 0;
  for (const auto& [name, bytes] : original.files()) {
    for (size_t at = 0; at < bytes.size(); at += 5) {
      MemoryDirectory dir = original;
      dir.files()[name][at] ^= 0x5a;
      CAPTURE(name, at);
      CHECK_FALSE(opens_consistently(dir));
      ++checked;
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("engine: an entry cut short is STORAGE_CORRUPT naming it") {
  MemoryDirectory original = recorded_store();
  for (const auto& [name, bytes] : original.files()) {
    MemoryDirectory dir = original;
    dir.files()[name].resize(bytes.size() / 2);
    CAPTURE(name);
    CHECK_FALSE(opens_consistently(dir));
  }
}

TEST_CASE("engine: a well-framed record it cannot read is STORAGE_CORRUPT at its place") {
  MemoryDirectory dir;
  {
    Engine engine(dir);
    engine.start_run("f", "r", "", 0);
  }
  std::string record;
  crux::store::encode_record(record, {R"({"flow":"r","seq":7,"type":"started","at":0})", ""});  // out of order
  dir.files()["j.r.0000000002"] = record;
  Engine engine(dir);
  try {
    engine.history("r");
    FAIL("expected STORAGE_CORRUPT");
  } catch (const Error& e) {
    CHECK(e.code() == Code::StorageCorrupt);
    CHECK(std::string(e.what()).find("j.r.0000000002") != std::string::npos);
    CHECK(std::string(e.what()).find("out of order") != std::string::npos);
  }
  CHECK(engine.plan_list().empty());  // the rest of the store still works
}

TEST_CASE("engine: a stored plan is parsed when first read, so one that is not a plan is STORAGE_CORRUPT there") {
  MemoryDirectory dir;
  std::string kept, damaged;
  {
    Engine engine(dir);
    kept = engine.plan_create(R"({"title":"kept"})", 1).id;
    damaged = engine.plan_create(R"({"title":"damaged"})", 2).id;
  }
  // Well framed (its checksum holds), but the plan it holds is another one.
  dir.files()["p." + damaged] =
      plan_entry(damaged, R"({"id":"plan_other","title":"","content":"","metadata":{},"version":1,"createdAt":0,"updatedAt":0})");

  Engine engine(dir);  // opening reads no plan's document
  CHECK(engine.stats().plans == 2);
  const crux::testing::Thrown error = crux::testing::thrown_by([&] { engine.plan_get(damaged); });
  CHECK(error.code == "STORAGE_CORRUPT");
  CHECK(error.message.find("p." + damaged) != std::string::npos);
  CHECK(error.message.find("another plan") != std::string::npos);
  CHECK(crux::testing::thrown_by([&] { engine.plan_list(); }).code == "STORAGE_CORRUPT");
  CHECK(crux::testing::thrown_by([&] { engine.plan_update(damaged, R"({"title":"x"})", "", 3); }).code == "STORAGE_CORRUPT");

  // The rest works, a snapshot rewrite keeps the damaged text as it was, and the plan can be deleted.
  CHECK(engine.plan_get(kept)->title == "kept");
  for (int i = 0; i < 100; ++i) engine.start_run("f", "run-" + std::to_string(i), "{}", 3);
  CHECK(dir.files().count("p." + damaged) == 0);  // taken into the snapshot
  Engine reopened(dir);
  CHECK(crux::testing::thrown_by([&] { reopened.plan_get(damaged); }).message.find("i.index") != std::string::npos);
  reopened.plan_delete(damaged);
  CHECK(reopened.plan_get(damaged) == nullptr);
  CHECK(reopened.plan_list().size() == 1);
}
