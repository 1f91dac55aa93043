// A pass parked on a wait: steps already running are still recorded (so their functions run
// once), and no new work starts in it.
#include <catch2/catch.hpp>

#include "engine/engine.hpp"
#include "engine_calls.hpp"
#include "store/memory_directory.hpp"

using crux::Engine;
using crux::Json;

namespace {

Json parse(const std::string& text) { return Json::parse(text); }


}  // namespace

TEST_CASE("a step running beside a suspend is recorded after the suspend parks the pass") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  int64_t pass = Pass::begin(engine, "r").id;
  // Promise.all([flow.suspend('go'), flow.step('b', fn)]): b begins, the suspend parks, b ends.
  std::string wait_name = GENERATE("suspend", "sleep");
  const crux::StepRun b = as<crux::StepRun>(engine.step_begin("r", pass, "b", "", 0));
  const crux::WaitAnswer wait = wait_name == "suspend" ? suspend_and_wait(engine, "r", pass, "go", "", "", 0)
                                                      : sleep_and_wait(engine, "r", pass, "go", R"("1s")", 0);
  CHECK(is<crux::WaitWaiting>(wait));
  engine.step_complete("r", pass, b.key, R"("b done")", 0);
  CHECK(is<crux::Parked>(engine.step_begin("r", pass, "c", "", 0)));
  CHECK(is<crux::WaitWaiting>(suspend_and_wait(engine, "r", pass, "other", "", "", 0)));
  engine.end_execution("r", pass);

  const crux::FlowStatus status = engine.status("r");
  CHECK(status.status == crux::journal::Status::Suspended);
  if (wait_name == "suspend") {
    CHECK(status.waiting_for == std::optional<std::string>("go"));
    engine.signal("r", "go", "1", 5);
  } else {
    engine.tick(1000);
  }
  int64_t next = Pass::begin(engine, "r").id;
  CHECK(parsed(as<crux::StepReplay>(engine.step_begin("r", next, "b", "", 0)).result_json) == "b done");
  const crux::WaitAnswer resumed = wait_name == "suspend" ? suspend_and_wait(engine, "r", next, "go", "", "", 0)
                                                         : sleep_and_wait(engine, "r", next, "go", R"("1s")", 0);
  CHECK_FALSE(is<crux::WaitWaiting>(resumed));
  CHECK(is<crux::StepRun>(engine.step_begin("r", next, "c", "", 0)));  // new work runs in the pass after the wait
}

TEST_CASE("a failed step due for a retry in a parked pass waits for the next pass") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  int64_t pass = Pass::begin(engine, "r").id;
  const crux::StepRun step = as<crux::StepRun>(engine.step_begin("r", pass, "flaky", R"({"retries":2,"backoff":"1s"})", 0));
  CHECK(is<crux::WaitWaiting>(suspend_and_wait(engine, "r", pass, "go", "", "", 0)));
  CHECK(is<crux::Parked>(engine.step_fail("r", pass, step.key, R"({"message":"boom"})", 0)));
  engine.end_execution("r", pass);
  engine.signal("r", "go", "1", 5);
  int64_t next = Pass::begin(engine, "r").id;
  const crux::StepRun retry = as<crux::StepRun>(engine.step_begin("r", next, "flaky", R"({"retries":2,"backoff":"1s"})", 10));
  CHECK(retry.attempt == 2);
  CHECK(*retry.not_before == 1000);
}
