// Several writers over one store directory, as the tabs of one app are: each engine takes in
// what the others recorded (follow) before it writes, and hears of it as changes.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine/door.hpp"
#include "engine/engine.hpp"
#include "engine_calls.hpp"
#include "store/memory_directory.hpp"
#include "thrown.hpp"

using crux::Engine;
using crux::Error;
using crux::Json;
using crux::journal::EventKind;
using crux::store::MemoryDirectory;

namespace {

Json changes_of(Engine& engine) { return Json::parse(crux::door::changes_json(engine.commit().changes)); }

/// A run of flow "f" parked on suspend "approval"; returns its id.
std::string suspended_run(Engine& engine, const std::string& id) {
  engine.start_run("f", id, "", 1);
  int64_t exec_id = engine.begin_execution(id, 1)->exec_id;
  const crux::StepRun step = as<crux::StepRun>(engine.step_begin(id, exec_id, "draft", "", 1));
  engine.step_complete(id, exec_id, step.key, R"("plan")", 1);
  CHECK(is<crux::WaitWaiting>(suspend_and_wait(engine, id, exec_id, "approval", "", "", 1)));
  engine.end_execution(id, exec_id);
  return id;
}

}  // namespace

TEST_CASE("follow: interleaved plan updates from two writers all land, in order") {
  MemoryDirectory dir;
  Engine a(dir);
  Engine b(dir);
  std::string id = a.plan_create(R"({"title":"shared"})", 1).id;
  b.follow();
  changes_of(a);
  changes_of(b);
  for (int i = 0; i < 50; ++i) {
    Engine& writer = i % 2 == 0 ? a : b;
    writer.follow();
    writer.plan_update(id, R"({"metadata":{"k)" + std::to_string(i) + R"(":)" + std::to_string(i) + "}}", "", 2 + i);
  }
  a.follow();
  b.follow();
  const crux::plans::Plan* from_a = a.plan_get(id);
  REQUIRE(from_a);
  CHECK(from_a->to_json() == b.plan_get(id)->to_json());
  CHECK(from_a->version == 51);
  CHECK(from_a->metadata.size() == 50);

  // a heard of each of b's 25 updates, in version order, each with the plan as it then was.
  Json heard = changes_of(a);
  std::vector<int> versions;
  for (const Json& change : heard) {
    if (change["kind"] == "plan" && change["id"] == id) versions.push_back(change["plan"]["version"]);
  }
  REQUIRE(versions.size() == 50);  // its own 25 and b's 25
  for (size_t i = 0; i < versions.size(); ++i) CHECK(versions[i] == static_cast<int>(i) + 2);
}

TEST_CASE("follow: a writer without the flow signals it; the other resumes it once") {
  MemoryDirectory dir;
  Engine runner(dir);
  Engine approver(dir);
  suspended_run(runner, "r1");
  approver.follow();
  CHECK(status_of(approver, "r1") == crux::journal::Status::Suspended);
  CHECK(approver.signal("r1", "approval", R"({"ok":true})", 5).runnable == true);

  runner.follow();
  CHECK(status_of(runner, "r1") == crux::journal::Status::Running);
  const std::optional<crux::PassStart> execution = runner.begin_execution("r1", 6);
  REQUIRE(execution);
  int64_t exec_id = execution->exec_id;
  CHECK(is<crux::StepReplay>(runner.step_begin("r1", exec_id, "draft", "", 6)));
  CHECK(is<crux::WaitResolved>(suspend_and_wait(runner, "r1", exec_id, "approval", "", "", 6)));

  runner.complete("r1", exec_id, "1", 7);

  approver.follow();
  CHECK(status_of(approver, "r1") == crux::journal::Status::Completed);
  int resumed = 0;
  for (const crux::journal::Event& event : approver.history("r1")) resumed += event.kind == EventKind::Resumed;
  CHECK(resumed == 1);
  CHECK_THROWS_AS(approver.signal("r1", "approval", "{}", 8), Error);  // FLOW_CLOSED, not a second resume
}

TEST_CASE("follow: the other writer's plans and folded runs arrive, and a pass in flight goes on") {
  MemoryDirectory dir;
  Engine runner(dir);
  Engine planner(dir);
  runner.start_run("f", "r1", "", 1);
  int64_t exec_id = runner.begin_execution("r1", 1)->exec_id;
  const crux::StepRun step = as<crux::StepRun>(runner.step_begin("r1", exec_id, "slow", "", 1));

  planner.follow();
  std::string id = planner.plan_create(R"({"title":"p"})", 2).id;
  for (int i = 0; i < 40; ++i) planner.plan_update(id, R"({"content":"version )" + std::to_string(i) + R"("})", "", 3);
  planner.start_run("g", "r2", "", 3);
  planner.cancel("r2", "", 3);
  CHECK(dir.files().count("c.r2") == 1);  // a closed run's journal is one entry

  changes_of(runner);
  runner.follow();
  CHECK(runner.plan_get(id)->version == 41);
  CHECK(runner.status("r2").status == crux::journal::Status::Cancelled);
  Json heard = changes_of(runner);
  REQUIRE(heard.size() == 2);  // the run, and the plan as it now is
  CHECK(heard[0]["status"] == "cancelled");
  CHECK(heard[1]["plan"]["version"] == 41);

  runner.step_complete("r1", exec_id, step.key, "1", 4);
  runner.complete("r1", exec_id, "2", 4);
  planner.follow();
  CHECK(status_of(planner, "r1") == crux::journal::Status::Completed);
}

TEST_CASE("follow: files put back after a failed commit undo its changes and end its pass") {
  MemoryDirectory dir;
  Engine engine(dir);
  std::string id = engine.plan_create(R"({"title":"kept"})", 1).id;
  engine.start_run("f", "r1", "", 1);
  int64_t exec_id = engine.begin_execution("r1", 1)->exec_id;
  const crux::StepRun step = as<crux::StepRun>(engine.step_begin("r1", exec_id, "s", "", 1));
  changes_of(engine);
  const std::map<std::string, std::string> committed = dir.files();

  engine.plan_update(id, R"({"title":"lost"})", "", 2);
  engine.step_complete("r1", exec_id, step.key, "1", 2);
  dir.files() = committed;  // what IndexedDB still holds
  changes_of(engine);
  engine.follow();

  CHECK(engine.plan_get(id)->title == "kept");
  CHECK(engine.history("r1").size() == 1);
  CHECK_THROWS_AS(engine.step_begin("r1", exec_id, "next", "", 3), Error);  // the pass is no longer current
  CHECK(engine.begin_execution("r1", 3).has_value());  // a new pass can start
  Json heard = changes_of(engine);
  CHECK(heard.size() == 2);  // the plan and the run, as they are again
}

TEST_CASE("follow: a corrupt entry from another writer is STORAGE_CORRUPT and changes nothing") {
  MemoryDirectory dir;
  Engine a(dir);
  Engine b(dir);
  std::string id = a.plan_create(R"({"title":"one"})", 1).id;
  b.follow();
  a.plan_update(id, R"({"title":"two"})", "", 2);
  a.start_run("f", "r1", "", 2);
  dir.files()["p." + id][20] ^= 0x5a;
  changes_of(b);
  const crux::testing::Thrown error = crux::testing::thrown_by([&] { b.follow(); });
  CHECK(error.code == "STORAGE_CORRUPT");
  CHECK(error.message.find("p." + id) != std::string::npos);
  CHECK(b.plan_get(id)->title == "one");
  CHECK_THROWS_AS(b.status("r1"), Error);  // nothing of that follow was taken in
  CHECK(changes_of(b).empty());
}

TEST_CASE("follow: a changed plan from another writer that is not a plan is STORAGE_CORRUPT and changes nothing") {
  MemoryDirectory dir;
  Engine a(dir);
  Engine b(dir);
  std::string id = a.plan_create(R"({"title":"one"})", 1).id;
  b.follow();
  changes_of(b);
  a.plan_update(id, R"({"title":"two"})", "", 2);
  // Well framed (its checksum holds), so only reading the plan finds it is not one.
  dir.files()["p." + id] = plan_entry(id, R"({"id":")" + id + R"(","title":2})");
  const crux::testing::Thrown error = crux::testing::thrown_by([&] { b.follow(); });
  CHECK(error.code == "STORAGE_CORRUPT");
  CHECK(error.message.find("p." + id) != std::string::npos);
  CHECK(b.plan_get(id)->title == "one");
  CHECK(changes_of(b).empty());  // nothing was announced
}
