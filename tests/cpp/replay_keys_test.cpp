// Call keys: a body's calls are told apart by name and occurrence, and no name the API accepts
// can be mistaken for another call's occurrence. Stores written before that rule still replay.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "engine_calls.hpp"
#include "store/directory.hpp"
#include "store/memory_directory.hpp"

using crux::Engine;
using crux::Json;

namespace {

Json parse(const std::string& text) { return Json::parse(text); }


/// A copy of a committed store directory in memory, so the test cannot change the fixture.
void copy_fixture(const std::string& name, crux::store::Directory& into) {
  crux::store::FileDirectory fixture(std::string(CRUX_FIXTURES_DIR) + "/" + name);
  for (const std::string& file : fixture.list()) into.replace(file, *fixture.read(file));
}

}  // namespace

TEST_CASE("a step named like another step's second occurrence is a call of its own") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  Pass first = Pass::begin(engine, "r");
  CHECK(first.step("a", "1") == 1);
  CHECK(first.step("a#2", "2") == 2);
  CHECK(first.step("a", "3") == 3);  // the second "a", not "a#2"
  first.park();

  Pass replay = Pass::begin(engine, "r");
  CHECK(replay.step("a", "0") == 1);
  CHECK(replay.step("a#2", "0") == 2);
  CHECK(replay.step("a", "0") == 3);
  const std::vector<crux::journal::Event>& history = engine.history("r");
  CHECK(history[3].name == "a");
  CHECK(history[3].fields["occurrence"] == 2);
  CHECK(history[2].fields.value("occurrence", 1) == 1);
}

TEST_CASE("a wait named like another wait's second occurrence is a wait of its own") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  Pass first = Pass::begin(engine, "r");
  CHECK(is<crux::WaitWaiting>(first.suspend("w")));
  first.park();
  engine.signal("r", "w", R"("for w")", 0);
  Pass second = Pass::begin(engine, "r");
  CHECK(payload_of(second.suspend("w")) == "for w");
  CHECK(is<crux::WaitWaiting>(second.suspend("w#2")));
  second.park();
  engine.signal("r", "w#2", R"("for w#2")", 0);
  Pass third = Pass::begin(engine, "r");
  CHECK(payload_of(third.suspend("w")) == "for w");
  CHECK(payload_of(third.suspend("w#2")) == "for w#2");
  CHECK(is<crux::WaitWaiting>(third.suspend("w")));  // the second "w" has had no signal
  third.park();
  CHECK(engine.status("r").waiting_for == std::optional<std::string>("w"));
}

TEST_CASE("a run recorded with the old name#2 keys resumes as it would have before") {
  crux::store::MemoryDirectory dir;
  copy_fixture("stores/legacy-call-keys", dir);  // see tests/fixtures/stores/make-legacy-call-keys.cpp
  Engine engine(dir);

  SECTION("steps") {
    REQUIRE(engine.status("steps-run").status == crux::journal::Status::Suspended);
    engine.signal("steps-run", "w", "true", 10);
    Pass pass = Pass::begin(engine, "steps-run");
    CHECK(pass.step("a", "0") == 1);
    CHECK(pass.step("a", "0") == 2);  // recorded as "a#2"
    CHECK(payload_of(pass.suspend("w")) == true);
    CHECK(pass.step("a#2", R"("new")") == "new");  // not the old "a#2"
    CHECK(pass.step("a", "3") == 3);
    engine.complete("steps-run", pass.id, "null", 11);
    CHECK(engine.status("steps-run").status == crux::journal::Status::Completed);
  }

  SECTION("waits") {
    REQUIRE(engine.status("waits-run").waiting_for == std::optional<std::string>("w"));
    engine.signal("waits-run", "w", R"({"n":2})", 10);
    Pass pass = Pass::begin(engine, "waits-run");
    CHECK(payload_of(pass.suspend("w"))["n"] == 1);
    CHECK(payload_of(pass.suspend("w"))["n"] == 2);  // recorded as "w#2"
    CHECK(is<crux::WaitWaiting>(pass.suspend("w#2")));
    pass.park();
    CHECK(engine.status("waits-run").waiting_for == std::optional<std::string>("w#2"));
  }

  SECTION("a body that asks for other calls than were recorded still diverges") {
    engine.signal("steps-run", "w", "true", 10);
    Pass pass = Pass::begin(engine, "steps-run");
    pass.step("a", "0");
    CHECK_THROWS_AS(pass.step("b", "0"), crux::Error);
  }
}
