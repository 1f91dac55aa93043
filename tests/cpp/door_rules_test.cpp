// The JSON JavaScript gets for each rule answer (src/engine/door_rules.hpp), byte for byte: member
// order and which members are left out are part of what js/core reads.
#include <catch2/catch.hpp>

#include <string>

#include "engine/door_rules.hpp"
#include "engine/engine.hpp"
#include "engine_calls.hpp"
#include "store/memory_directory.hpp"

using crux::journal::Status;
namespace door = crux::door;

TEST_CASE("door: starts, passes and step answers", "[door]") {
  CHECK(door::start_json({"f1", true}) == R"({"flowId":"f1","created":true})");
  CHECK(door::pass_json(crux::PassStart{3, "writer", R"({"b":1,"a":2})"}) ==
        R"({"execId":3,"name":"writer","input":{"b":1,"a":2}})");
  CHECK(door::pass_json(crux::PassStart{3, "writer", ""}) == R"({"execId":3,"name":"writer"})");
  CHECK(door::pass_json(std::nullopt) == "null");

  CHECK(door::step_begin_json(crux::StepReplay{R"({"z":1,"y":2})"}) == R"({"replay":true,"result":{"z":1,"y":2}})");
  CHECK(door::step_begin_json(crux::StepReplay{""}) == R"({"replay":true})");
  CHECK(door::step_begin_json(crux::StepFailed{R"({"message":"boom"})"}) == R"({"failed":{"message":"boom"}})");
  CHECK(door::step_begin_json(crux::StepRun{"fetch#2", 4, 1, std::nullopt}) == R"({"key":"fetch#2","call":4,"attempt":1})");
  CHECK(door::step_begin_json(crux::StepRun{"fetch", 0, 2, 1100}) ==
        R"({"key":"fetch","call":0,"attempt":2,"notBefore":1100})");
  CHECK(door::step_begin_json(crux::Parked{}) == R"({"parked":true})");

  CHECK(door::step_failure_json(crux::StepRetry{4100}) == R"({"retryAt":4100})");
  CHECK(door::step_failure_json(crux::StepFinal{}) == R"({"final":true})");
  CHECK(door::step_failure_json(crux::Parked{}) == R"({"parked":true})");
}

TEST_CASE("door: waits", "[door]") {
  CHECK(door::wait_place_json(2) == R"({"wait":2})");
  CHECK(door::wait_answer_json(crux::WaitResolved{"go", R"({"ok":true})"}) ==
        R"({"state":"resolved","key":"go","payload":{"ok":true}})");
  CHECK(door::wait_answer_json(crux::WaitResolved{"nap", ""}) == R"({"state":"resolved","key":"nap","payload":null})");
  CHECK(door::wait_answer_json(crux::WaitTimedOut{}) == R"({"state":"timed-out"})");
  CHECK(door::wait_answer_json(crux::WaitRejected{R"([{"path":"/a","message":"no"}])"}) ==
        R"({"state":"rejected","failures":[{"path":"/a","message":"no"}]})");
  CHECK(door::wait_answer_json(crux::WaitWaiting{"go"}) == R"({"state":"waiting","key":"go"})");
  CHECK(door::wait_answer_json(crux::WaitWaiting{}) == R"({"state":"waiting"})");
  CHECK(door::pending_wait_json(crux::PendingWait{"go#2", "go"}) == R"({"key":"go#2","name":"go"})");
  CHECK(door::pending_wait_json(std::nullopt) == "null");
}

TEST_CASE("door: statuses and signals", "[door]") {
  crux::FlowStatus suspended{"f", "review", Status::Suspended, "approval", std::nullopt, 1, 2};
  CHECK(door::status_json(suspended) ==
        R"({"flowId":"f","name":"review","status":"suspended","waitingFor":"approval","createdAt":1,"updatedAt":2})");
  crux::FlowStatus completed{"f", "review", Status::Completed, std::nullopt, R"({"ok":true})", 1, 3};
  CHECK(door::status_json(completed) ==
        R"({"flowId":"f","name":"review","status":"completed","result":{"ok":true},"createdAt":1,"updatedAt":3})");
  completed.outcome_json = "";  // the body returned undefined
  CHECK(door::status_json(completed) ==
        R"({"flowId":"f","name":"review","status":"completed","result":null,"createdAt":1,"updatedAt":3})");
  crux::FlowStatus cancelled{"f", "review", Status::Cancelled, std::nullopt, R"({"code":"FLOW_CLOSED"})", 1, 4};
  CHECK(door::status_json(cancelled) ==
        R"({"flowId":"f","name":"review","status":"cancelled","error":{"code":"FLOW_CLOSED"},"createdAt":1,"updatedAt":4})");
  completed.outcome_json.reset();  // a summary, as listFlows answers
  CHECK(door::statuses_json({completed, suspended}) ==
        R"([{"flowId":"f","name":"review","status":"completed","createdAt":1,"updatedAt":3},)"
        R"({"flowId":"f","name":"review","status":"suspended","waitingFor":"approval","createdAt":1,"updatedAt":2}])");
  CHECK(door::statuses_json({}) == "[]");

  CHECK(door::signal_json({true, std::string("approval"), true}) ==
        R"({"outcome":"delivered","waitingFor":"approval","runnable":true})");
  CHECK(door::signal_json({false, std::nullopt, false}) == R"({"outcome":"buffered","runnable":false})");
}

TEST_CASE("door: ticks, ids, plans and stats", "[door]") {
  CHECK(door::tick_json({{"a", "b"}, 7000}) == R"({"runnable":["a","b"],"nextDeadline":7000})");
  CHECK(door::tick_json({{}, std::nullopt}) == R"({"runnable":[],"nextDeadline":null})");
  CHECK(door::ids_json({"x", "y"}) == R"(["x","y"])");
  CHECK(door::ids_json({}) == "[]");

  crux::plans::Plan plan;
  plan.id = "p1";
  plan.title = "T";
  plan.metadata = crux::Json::parse(R"({"z":1,"a":2})");
  CHECK(door::plan_json(&plan) ==
        R"({"id":"p1","title":"T","content":"","metadata":{"z":1,"a":2},"version":1,"createdAt":0,"updatedAt":0})");
  CHECK(door::plan_json(nullptr) == "null");
  CHECK(door::plans_json({}) == "[]");
  CHECK(door::stats_json({3, 2, 1}) == R"({"runs":3,"plans":2,"loaded":1})");
}

TEST_CASE("door: a journal as history lists it", "[door]") {
  crux::store::MemoryDirectory dir;
  crux::Engine engine(dir);
  engine.start_run("review", "r", R"({"brief":"x"})", 10);
  Pass pass = Pass::begin(engine, "r");
  pass.step("draft", R"("plan")", 11);
  pass.step("draft", R"("again")", 12);
  pass.suspend("approval", R"({"type":"object"})", "1000", 13);
  pass.park();
  engine.signal("r", "other", "{}", 14);
  CHECK(door::history_json(engine.history("r")) ==
        R"([{"seq":1,"type":"started","at":10,"name":"review","data":{"brief":"x"}},)"
        R"({"seq":2,"type":"step-completed","at":11,"name":"draft","data":"plan"},)"
        R"({"seq":3,"type":"step-completed","at":12,"name":"draft","occurrence":2,"data":"again"},)"
        R"({"seq":4,"type":"suspended","at":13,"name":"approval","data":{"wait":"approval","deadline":1013}},)"
        R"({"seq":5,"type":"signaled","at":14,"name":"other","data":{},"buffered":true}])");
}
