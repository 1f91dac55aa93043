// The engine's limits (core/limits.hpp): each is enforced where the engine is given something,
// with a message saying what is counted, and a run can always record how it ended.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "engine/engine.hpp"
#include "engine_calls.hpp"
#include "journal/error_record.hpp"
#include "store/memory_directory.hpp"
#include "thrown.hpp"

using crux::Engine;
using crux::Json;
using crux::testing::Thrown;
using crux::testing::thrown_by;

namespace {

Json parse(const std::string& text) { return Json::parse(text); }


}  // namespace

TEST_CASE("an error too large to record is cut to fit and says so") {
  const std::string huge(5 * 1024 * 1024, 'x');
  for (const Json& error : {Json{{"name", "Error"}, {"message", huge}},
                            Json{{"name", huge}, {"message", "m"}},
                            Json{{"name", "E"}, {"code", huge}, {"message", "m"}},
                            Json{{"name", "E"}, {"message", "m"}, {"details", {{"blob", huge}}}}}) {
    const std::string cut = crux::journal::recordable_error(error.dump(), crux::limits::kMaxErrorBytes);
    CHECK(cut.size() <= crux::limits::kMaxErrorBytes);
    const Json recorded = parse(cut);
    CHECK(recorded["truncated"] == true);
    CHECK(recorded["message"].get<std::string>().find("cut by Crux") != std::string::npos);
  }
  CHECK(crux::journal::recordable_error(R"({"name":"E","message":"small"})", 100) == R"({"name":"E","message":"small"})");
  // Not an object, and a cut inside a multi-byte character.
  CHECK(parse(crux::journal::recordable_error(std::string(200, '{'), 100))["name"] == "Error");
  const std::string accents = Json{{"message", std::string(300, 'a') + "\xC3\xA9\xC3\xA9\xC3\xA9"}}.dump();
  for (size_t limit = 150; limit < 320; ++limit) {
    CHECK_NOTHROW(parse(crux::journal::recordable_error(accents, limit)));
  }
}

TEST_CASE("a body's error larger than the payload limit still fails its run") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  int64_t pass = Pass::begin(engine, "r").id;
  const std::string error = Json{{"name", "Error"}, {"message", std::string(5 * 1024 * 1024, 'y')}}.dump();
  const crux::FlowStatus status = engine.fail("r", pass, error, 1);
  CHECK(status.status == crux::journal::Status::Failed);
  CHECK(outcome_of(status)["truncated"] == true);
  CHECK(status.outcome_json->size() < crux::limits::kMaxErrorBytes + 1000);
}

TEST_CASE("each limit is checked where the engine is given the value") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  int64_t pass = Pass::begin(engine, "r").id;

  SECTION("a schema larger than the payload limit is refused at suspend") {
    const std::string schema = R"({"description":")" + std::string(crux::limits::kMaxPayloadBytes, 'd') + R"("})";
    CHECK(thrown_by([&] { engine.suspend("r", pass, "w", schema, ""); }).code == "PAYLOAD_TOO_LARGE");
  }
  SECTION("a cancel reason larger than its limit is refused, and the run is not cancelled") {
    const std::string reason = Json(std::string(crux::limits::kMaxReasonBytes + 1, 'r')).dump();
    Thrown thrown = thrown_by([&] { engine.cancel("r", reason, 1); });
    CHECK(thrown.code == "PAYLOAD_TOO_LARGE");
    CHECK(thrown.message.find("bytes of UTF-8") != std::string::npos);
    CHECK(engine.status("r").status == crux::journal::Status::Running);
  }
  SECTION("names count code points, and must be valid UTF-8") {
    std::string accented;
    for (size_t i = 0; i < crux::limits::kMaxNameChars; ++i) accented += "\xC3\xA9";  // é: 2 bytes
    CHECK(is<crux::StepRun>(engine.step_begin("r", pass, accented, "", 0)));
    Thrown long_name = thrown_by([&] { engine.step_begin("r", pass, accented + "e", "", 0); });
    CHECK(long_name.code == "INVALID_ARGUMENT");
    CHECK(long_name.message.find("characters (Unicode code points)") != std::string::npos);
    for (const char* bad : {"a\xED\xA0\x80z" /* an encoded surrogate */, "a\xC3", "\xC0\xAF" /* overlong */}) {
      CHECK(thrown_by([&] { engine.step_begin("r", pass, bad, "", 0); }).code == "INVALID_ARGUMENT");
    }
  }
  SECTION("a timeout beyond 100 years is refused") {
    CHECK(thrown_by([&] { engine.suspend("r", pass, "w", "", "9007199254740992"); }).code == "INVALID_ARGUMENT");
    CHECK(thrown_by([&] { engine.sleep("r", pass, "w", R"("36526d")"); }).code == "INVALID_ARGUMENT");
    CHECK(is<crux::WaitWaiting>(sleep_and_wait(engine, "r", pass, "w", R"("36525d")", 0)));
  }
}

TEST_CASE("ifVersion null is refused, not taken as no condition") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  const std::string id = engine.plan_create(R"({"title":"t"})", 0).id;
  CHECK(thrown_by([&] { engine.plan_update(id, R"({"title":"u"})", "null", 1); }).code == "INVALID_ARGUMENT");
  CHECK(engine.plan_get(id)->version == 1);
  CHECK(engine.plan_update(id, R"({"title":"u"})", "1", 1).version == 2);
  CHECK(engine.plan_update(id, R"({"title":"v"})", "", 1).version == 3);
}
