// Signals a sender can trust: the answer says what happened (delivered or buffered), a caller can
// refuse to buffer, a due deadline is applied before a signal is recorded, and a payload rejected
// when its wait consumes it never fails the run: it is recorded as rejected and the wait goes on.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "engine_calls.hpp"
#include <filesystem>

#include "store/directory.hpp"
#include "store/memory_directory.hpp"
#include "store/store.hpp"

using crux::Code;
using crux::Engine;
using crux::Error;
using crux::Json;
using crux::journal::EventKind;

namespace {

Json parse(const std::string& text) { return Json::parse(text); }

Error error_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    return e;
  }
  FAIL("expected a crux::Error");
  return Error(Code::InvalidArgument, "");
}


const std::vector<crux::journal::Event>& history(Engine& engine, const std::string& flow) { return engine.history(flow); }

std::vector<EventKind> types(Engine& engine, const std::string& flow) {
  std::vector<EventKind> out;
  for (const crux::journal::Event& event : history(engine, flow)) out.push_back(event.kind);
  return out;
}

using crux::journal::Status;

const std::string kApprovalSchema =
    R"({"type":"object","properties":{"approved":{"type":"boolean"}},"required":["approved"]})";

/// A run parked on suspend "await-approval" (timeout `timeout`, suspended at time 0).
void park_on_approval(Engine& engine, const std::string& flow, const std::string& timeout = "") {
  engine.start_run("review", flow, "", 0);
  Pass pass = Pass::begin(engine, flow);
  REQUIRE(is<crux::WaitWaiting>(pass.suspend("await-approval", kApprovalSchema, timeout)));
  pass.park();
}

}  // namespace

TEST_CASE("a signal answers whether it was delivered to the wait the run is parked on, or buffered", "[signals]") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  park_on_approval(engine, "f");

  crux::SignalOutcome misspelled = engine.signal("f", "await-aproval", R"({"approved":true})", 5);
  CHECK_FALSE(misspelled.delivered);
  CHECK(misspelled.waiting_for == std::optional<std::string>("await-approval"));
  CHECK_FALSE(misspelled.runnable);
  CHECK(engine.status("f").waiting_for == std::optional<std::string>("await-approval"));
  const crux::journal::Event buffered = history(engine, "f").back();
  CHECK(buffered.kind == EventKind::Signaled);
  CHECK(buffered.fields["buffered"] == true);
  CHECK(parse(buffered.data)["approved"] == true);

  crux::SignalOutcome right = engine.signal("f", "await-approval", R"({"approved":true})", 6);
  CHECK(right.delivered);
  CHECK(right.waiting_for == std::optional<std::string>("await-approval"));
  CHECK(right.runnable);
  CHECK_FALSE(history(engine, "f").back().fields.contains("buffered"));

  // Running (no wait): buffered for a suspend to come, and no waitingFor.
  engine.start_run("review", "early", "", 0);
  crux::SignalOutcome early = engine.signal("early", "await-approval", "{}", 1);
  CHECK_FALSE(early.delivered);
  CHECK_FALSE(early.waiting_for);
}

TEST_CASE("with buffer: false a signal the run is not parked on is refused and nothing is recorded", "[signals]") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  park_on_approval(engine, "f");
  size_t events = history(engine, "f").size();

  Error refused = error_of([&] { engine.signal("f", "await-aproval", "{}", R"({"buffer":false})", 5); });
  CHECK(refused.code() == Code::SignalInvalid);
  CHECK(std::string(refused.what()).find("\"await-approval\"") != std::string::npos);
  CHECK(parse(refused.details())["waitingFor"] == "await-approval");
  CHECK(history(engine, "f").size() == events);

  for (const char* bad : {R"({"buffer":1})", R"({"bufer":false})", "[]", "{"}) {
    CHECK(error_of([&] { engine.signal("f", "await-approval", R"({"approved":true})", bad, 5); }).code() ==
          Code::InvalidArgument);
  }
  CHECK(history(engine, "f").size() == events);

  CHECK(engine.signal("f", "await-approval", R"({"approved":true})", R"({"buffer":false})", 6).delivered);
  // The wait now has its signal: another one would be buffered, so it is refused.
  CHECK(error_of([&] { engine.signal("f", "await-approval", R"({"approved":true})", R"({"buffer":false})", 7); })
            .code() == Code::SignalInvalid);
}

TEST_CASE("a deadline due when a signal comes is applied first, and the late signal is refused", "[signals]") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  park_on_approval(engine, "late", R"("1s")");
  park_on_approval(engine, "in-time", R"("1s")");

  CHECK(engine.signal("in-time", "await-approval", R"({"approved":true})", 999).delivered == true);

  Error late = error_of([&] { engine.signal("late", "await-approval", R"({"approved":true})", 1000); });
  CHECK(late.code() == Code::SuspendTimeout);
  CHECK(parse(late.details())["deadline"] == 1000);
  CHECK(types(engine, "late") == std::vector<EventKind>{EventKind::Started, EventKind::Suspended, EventKind::TimedOut});
  CHECK(status_of(engine, "late") == Status::Running);  // the body sees SUSPEND_TIMEOUT and goes on

  // Once recorded by tick or by a signal, the answer is the same; nothing more is recorded.
  CHECK(error_of([&] { engine.signal("late", "await-approval", "{}", 5000); }).code() == Code::SuspendTimeout);
  CHECK(types(engine, "late").size() == 3);

  // Once the body waits for something else, a signal of the old name is buffered as any other.
  Pass pass = Pass::begin(engine, "late", 6000);
  CHECK(is<crux::WaitTimedOut>(pass.suspend("await-approval", kApprovalSchema, R"("1s")", 6000)));
  CHECK(is<crux::WaitWaiting>(pass.suspend("escalate", "", "", 6000)));
  pass.park();
  crux::SignalOutcome after = engine.signal("late", "await-approval", R"({"approved":true})", 7000);
  CHECK_FALSE(after.delivered);
  CHECK(after.waiting_for == std::optional<std::string>("escalate"));
}

TEST_CASE("a buffered payload its wait's schema rejects is recorded as rejected, and the wait keeps waiting",
          "[signals]") {
  crux::store::MemoryDirectory dir;
  {
    Engine engine(dir);
    engine.start_run("review", "r", "", 0);
    engine.signal("r", "await-approval", R"({"approved":1})", 1);  // seq 2
    Pass pass = Pass::begin(engine, "r");
    CHECK(is<crux::WaitWaiting>(pass.suspend("await-approval", kApprovalSchema, R"("1h")", 2)));
    pass.park();
    crux::FlowStatus status_now = engine.status("r");
    CHECK(status_now.status == Status::Suspended);
    CHECK(status_now.waiting_for == std::optional<std::string>("await-approval"));
    const crux::journal::Event rejection = history(engine, "r").back();
    CHECK(rejection.kind == EventKind::Suspended);
    CHECK(rejection.fields["signal"] == 2);
    CHECK(rejection.fields["rejected"][0]["path"] == "/approved");
    CHECK(rejection.fields["deadline"] == 2 + 3600 * 1000);
    CHECK(engine.signal("r", "await-approval", R"({"approved":true})", 3).delivered == true);
  }
  Engine reopened(dir);
  Pass replay = Pass::begin(reopened, "r", 4);
  CHECK(payload_of(replay.suspend("await-approval", kApprovalSchema, R"("1h")", 4))["approved"] == true);
}

TEST_CASE("a bad buffered payload is skipped for the next good one", "[signals]") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("review", "r", "", 0);
  engine.signal("r", "await-approval", R"({"approved":"yes"})", 1);
  engine.signal("r", "await-approval", R"({"approved":false})", 2);
  Pass pass = Pass::begin(engine, "r");
  CHECK(payload_of(pass.suspend("await-approval", kApprovalSchema))["approved"] == false);
  CHECK(types(engine, "r") ==
        std::vector<EventKind>{EventKind::Started, EventKind::Signaled, EventKind::Signaled, EventKind::Suspended,
                               EventKind::Suspended, EventKind::Resumed});
}

TEST_CASE("a payload the body rejects on resume re-arms the wait with its deadline", "[signals]") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("review", "r", "", 0);
  Pass pass = Pass::begin(engine, "r");
  CHECK(is<crux::WaitWaiting>(pass.suspend("w", "", R"("1h")")));
  pass.park();
  CHECK(engine.signal("r", "w", R"({"n":5})", 10).delivered == true);

  Pass resumed = Pass::begin(engine, "r", 20);
  const std::string key = as<crux::WaitResolved>(resumed.suspend("w", "", R"("1h")", 20)).key;
  CHECK(error_of([&] { engine.reject_signal("r", resumed.id, "nope", "[]", 20); }).code() == Code::InvalidArgument);
  CHECK(error_of([&] { engine.reject_signal("r", resumed.id, key, "{}", 20); }).code() == Code::InvalidArgument);
  CHECK(is<crux::WaitWaiting>(engine.reject_signal("r", resumed.id, key, R"([{"path":"/n","message":"too small"}])", 30)));
  CHECK(error_of([&] { engine.reject_signal("r", resumed.id, key, "[]", 30); }).code() == Code::InvalidArgument);
  resumed.park();

  CHECK(status_of(engine, "r") == Status::Suspended);
  CHECK(engine.status("r").waiting_for == std::optional<std::string>("w"));
  CHECK(engine.next_deadline() == 3600 * 1000);  // the original deadline
  CHECK(engine.pending_wait("r")->key == key);
  const crux::journal::Event rejection = history(engine, "r").back();
  CHECK(rejection.kind == EventKind::Suspended);
  CHECK(rejection.fields["rejected"][0]["message"] == "too small");
  CHECK(rejection.fields["signal"] == 3);

  CHECK(engine.signal("r", "w", R"({"n":11})", 40).delivered == true);
  Pass last = Pass::begin(engine, "r", 50);
  CHECK(payload_of(last.suspend("w", "", R"("1h")", 50))["n"] == 11);

  SECTION("re-armed past its deadline, the wait times out at once") {
    engine.start_run("review", "t", "", 0);
    Pass first = Pass::begin(engine, "t");
    first.suspend("w", "", R"("1s")");
    first.park();
    engine.signal("t", "w", "{}", 500);
    Pass second = Pass::begin(engine, "t", 600);
    std::string k = as<crux::WaitResolved>(second.suspend("w", "", R"("1s")", 600)).key;
    CHECK(is<crux::WaitTimedOut>(engine.reject_signal("t", second.id, k, "[]", 2000)));
  }
}

TEST_CASE("runs recorded before rejected payloads re-armed their wait replay as they did", "[signals]") {
  crux::store::MemoryDirectory dir;
  {
    // The records the engine wrote before this change for a buffered payload that failed the schema.
    crux::store::Store store(dir, {}, [](const crux::store::Record&) {});
    store.append({R"({"flow":"r","seq":1,"type":"started","at":0,"name":"review"})", ""});
    store.append({R"({"flow":"r","seq":2,"type":"signaled","at":1,"name":"await-approval"})", R"({"approved":1})"});
    store.append({R"({"call":0,"flow":"r","seq":3,"type":"suspended","at":2,"name":"await-approval",)"
                  R"("wait":"await-approval","schema":)" + kApprovalSchema + "}",
                  ""});
    store.append({R"({"flow":"r","seq":4,"type":"resumed","at":2,"name":"await-approval","signal":2,)"
                  R"("rejected":[{"path":"/approved","message":"must be boolean"}]})",
                  R"({"approved":1})"});
  }
  Engine engine(dir);
  CHECK(status_of(engine, "r") == Status::Running);
  Pass replay = Pass::begin(engine, "r");
  CHECK(parse(as<crux::WaitRejected>(replay.suspend("await-approval", kApprovalSchema)).failures_json)[0]["path"] == "/approved");
  CHECK_FALSE(history(engine, "r")[1].fields.contains("buffered"));  // unknown for old records
}

TEST_CASE("a store written before signals had outcomes loads and replays as it did", "[signals]") {
  // Written by tests/fixtures/stores/make-signals-before-rearm.cpp with the engine of commit 7c13b38.
  const auto path = std::filesystem::path(__FILE__).parent_path() / "../fixtures/stores/signals-before-rearm";
  crux::store::FileDirectory fixture(path.string());
  crux::store::MemoryDirectory dir;  // a copy: replaying appends
  for (const std::string& name : fixture.list()) dir.files()[name] = *fixture.read(name);
  REQUIRE_FALSE(dir.files().empty());
  Engine engine(dir);

  // The suspend that took a payload its schema rejected still rejects (the body caught it then).
  Pass rejected = Pass::begin(engine, "rejected", 10);
  const crux::WaitAnswer wait = rejected.suspend("await-approval", kApprovalSchema, R"("1h")", 10);
  CHECK(parse(as<crux::WaitRejected>(wait).failures_json)[0]["path"] == "/approved");
  CHECK(parsed(as<crux::StepReplay>(engine.step_begin("rejected", rejected.id, "after", "", 10)).result_json) == "caught");
  CHECK(engine.complete("rejected", rejected.id, R"("done")", 10).status == Status::Completed);

  // Signals recorded without an outcome: the wait takes the one of its name, the other stays.
  for (const crux::journal::Event& event : history(engine, "misspelled")) CHECK_FALSE(event.fields.contains("buffered"));
  Pass misspelled = Pass::begin(engine, "misspelled", 10);
  CHECK(payload_of(misspelled.suspend("await-approval", kApprovalSchema, R"("7d")", 10))["approved"] == false);
  CHECK(payload_of(misspelled.suspend("await-aproval", "", "", 10))["approved"] == true);
}

TEST_CASE("an engine holds schemas while a wait reserved with one, or a run in memory parked on one, may validate",
          "[signals]") {
  crux::store::MemoryDirectory dir;
  {
    Engine engine(dir);
    CHECK_FALSE(engine.holds_schemas());
    engine.start_run("review", "plain", "", 0);
    Pass plain = Pass::begin(engine, "plain");
    REQUIRE(is<crux::WaitWaiting>(plain.suspend("go")));
    plain.park();
    CHECK_FALSE(engine.holds_schemas());  // parked on a wait without a schema

    engine.start_run("review", "f", "", 0);
    Pass pass = Pass::begin(engine, "f");
    const int call = engine.suspend("f", pass.id, "await-approval", kApprovalSchema, "");
    CHECK(engine.holds_schemas());  // reserved: recording the wait compiles its schema
    REQUIRE(is<crux::WaitWaiting>(engine.wait("f", pass.id, call, 1)));
    pass.park();
    CHECK(engine.holds_schemas());  // parked on it: a signal is checked against it
    CHECK(engine.signal("f", "await-approval", R"({"approved":true})", 2).delivered);
    CHECK_FALSE(engine.holds_schemas());  // resolved: nothing left to check

    park_on_approval(engine, "g");
    CHECK(engine.holds_schemas());
  }
  // Opened again: only runs in memory count; "g" is read in when used.
  Engine reopened(dir);
  CHECK_FALSE(reopened.holds_schemas());
  CHECK(reopened.history("g").back().kind == EventKind::Suspended);
  CHECK(reopened.holds_schemas());
  auto error = error_of([&] { reopened.signal("g", "await-approval", R"({"approved":"yes"})", 3); });
  CHECK(error.code() == Code::SignalInvalid);
}

TEST_CASE("a suspend's schema is compiled when its wait is recorded: an invalid one records nothing", "[signals]") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("review", "f", "", 0);
  Pass pass = Pass::begin(engine, "f");
  const int call = engine.suspend("f", pass.id, "await-approval", R"({"type":"no such type"})", "");
  auto error = error_of([&] { engine.wait("f", pass.id, call, 1); });
  CHECK(error.code() == Code::InvalidArgument);
  CHECK(types(engine, "f") == std::vector<EventKind>{EventKind::Started});
  CHECK_FALSE(engine.holds_schemas());
}
