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
  Json b = parse(engine.step_begin("r", pass, "b", "", 0));
  Json wait = wait_name == "suspend" ? parse(suspend_and_wait(engine, "r", pass, "go", "", "", 0))
                                     : parse(sleep_and_wait(engine, "r", pass, "go", R"("1s")", 0));
  CHECK(wait["state"] == "waiting");
  engine.step_complete("r", pass, b["key"], R"("b done")", 0);
  CHECK(parse(engine.step_begin("r", pass, "c", "", 0)) == Json{{"parked", true}});
  CHECK(parse(suspend_and_wait(engine, "r", pass, "other", "", "", 0))["state"] == "waiting");
  engine.end_execution("r", pass);

  Json status = parse(engine.status("r"));
  CHECK(status["status"] == "suspended");
  if (wait_name == "suspend") {
    CHECK(status["waitingFor"] == "go");
    engine.signal("r", "go", "1", 5);
  } else {
    parse(engine.tick(1000));
  }
  int64_t next = Pass::begin(engine, "r").id;
  CHECK(parse(engine.step_begin("r", next, "b", "", 0))["result"] == "b done");
  Json resumed = wait_name == "suspend" ? parse(suspend_and_wait(engine, "r", next, "go", "", "", 0))
                                        : parse(sleep_and_wait(engine, "r", next, "go", R"("1s")", 0));
  CHECK(resumed["state"] != "waiting");
  Json c = parse(engine.step_begin("r", next, "c", "", 0));
  CHECK(c.contains("key"));  // new work runs in the pass after the wait
}

TEST_CASE("a failed step due for a retry in a parked pass waits for the next pass") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  int64_t pass = Pass::begin(engine, "r").id;
  Json step = parse(engine.step_begin("r", pass, "flaky", R"({"retries":2,"backoff":"1s"})", 0));
  CHECK(parse(suspend_and_wait(engine, "r", pass, "go", "", "", 0))["state"] == "waiting");
  CHECK(parse(engine.step_fail("r", pass, step["key"], R"({"message":"boom"})", 0)) == Json{{"parked", true}});
  engine.end_execution("r", pass);
  engine.signal("r", "go", "1", 5);
  int64_t next = Pass::begin(engine, "r").id;
  Json retry = parse(engine.step_begin("r", next, "flaky", R"({"retries":2,"backoff":"1s"})", 10));
  CHECK(retry["attempt"] == 2);
  CHECK(retry["notBefore"] == 1000);
}
