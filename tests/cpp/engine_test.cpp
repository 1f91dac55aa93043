// The engine as JavaScript drives it: runs, passes over a body, replay, signals, deadlines.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine/door.hpp"
#include "engine/door_rules.hpp"
#include "engine/engine.hpp"
#include "engine_calls.hpp"
#include "thrown.hpp"
#include "store/memory_directory.hpp"

using crux::Code;
using crux::Engine;
using crux::Error;
using crux::Json;
using crux::journal::EventKind;

namespace {

Code code_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    return e.code();
  }
  FAIL("expected a crux::Error");
  return Code::InvalidArgument;
}

Json parse(const std::string& text) { return Json::parse(text); }



const std::string kApprovalSchema =
    R"({"type":"object","properties":{"approved":{"type":"boolean"},"revisions":{"type":"string"}},"required":["approved"],"additionalProperties":false})";

}  // namespace

TEST_CASE("a run starts once per flowId") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  CHECK(engine.start_run("writer", "f1", R"({"brief":"x"})", 10).created == true);
  CHECK(engine.start_run("writer", "f1", R"({"brief":"other"})", 20).created == false);
  CHECK(engine.history("f1").size() == 1);
  CHECK(code_of([&] { engine.start_run("other-flow", "f1", "", 0); }) == Code::InvalidArgument);
  CHECK(engine.start_run("writer", std::nullopt, "", 30).flow_id.rfind("flow_", 0) == 0);
}

TEST_CASE("new ids are the prefix, the time in 11+ hex digits, then 10 random hex digits") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  const auto is_hex = [](const std::string& text) {
    return text.find_first_not_of("0123456789abcdef") == std::string::npos;
  };
  const std::string flow = engine.start_run("writer", std::nullopt, "", 0x1a2b).flow_id;
  REQUIRE(flow.size() == 5 + 21);
  CHECK(flow.substr(0, 16) == "flow_00000001a2b");
  CHECK(is_hex(flow.substr(5)));
  const std::string plan = engine.plan_create(R"({"title":"t"})", 0).id;
  CHECK(plan.substr(0, 16) == "plan_00000000000");
  CHECK(is_hex(plan.substr(5)));
  CHECK(plan.size() == 5 + 21);
  // A time wider than 11 digits is written whole.
  const std::string late = engine.start_run("writer", std::nullopt, "", 0x123456789abcd).flow_id;
  CHECK(late.substr(0, 18) == "flow_123456789abcd");
  CHECK(late.size() == 5 + 13 + 10);
  CHECK(engine.start_run("writer", std::nullopt, "", -5).flow_id.substr(0, 16) == "flow_00000000000");
}

TEST_CASE("steps record once and replay their results; repeated names are numbered") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("loop", "f", "", 0);
  Pass first = Pass::begin(engine, "f");
  CHECK(first.step("fetch", "1") == 1);
  CHECK(first.step("fetch", "2") == 2);
  const crux::StepRun begin = as<crux::StepRun>(engine.step_begin("f", first.id, "fetch", "", 0));
  first.park();  // interrupted mid-step: fetch#3 never recorded

  Pass second = Pass::begin(engine, "f");
  CHECK(parsed(as<crux::StepReplay>(engine.step_begin("f", second.id, "fetch", "", 0)).result_json) == 1);
  CHECK(parsed(as<crux::StepReplay>(engine.step_begin("f", second.id, "fetch", "", 0)).result_json) == 2);
  CHECK(as<crux::StepRun>(engine.step_begin("f", second.id, "fetch", "", 0)).key == begin.key);
}

TEST_CASE("a step without a result (undefined) replays as no result") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  Pass pass = Pass::begin(engine, "r");
  const crux::StepRun begin = as<crux::StepRun>(engine.step_begin("r", pass.id, "void", "", 0));
  engine.step_complete("r", pass.id, begin.key, "", 0);
  pass.park();
  Pass again = Pass::begin(engine, "r");
  CHECK(as<crux::StepReplay>(engine.step_begin("r", again.id, "void", "", 0)).result_json.empty());
}

TEST_CASE("suspend parks the run until a valid signal; replay resumes after the pause") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("writer", "f", "{}", 0);
  Pass pass = Pass::begin(engine, "f");
  pass.step("draft", R"("the plan")");
  CHECK(is<crux::WaitWaiting>(pass.suspend("await-approval", kApprovalSchema, R"("7d")")));
  pass.park();
  const crux::FlowStatus status = engine.status("f");
  CHECK(status.status == crux::journal::Status::Suspended);
  CHECK(status.waiting_for == std::optional<std::string>("await-approval"));
  CHECK(!engine.begin_execution("f", 0));

  SECTION("an invalid payload is refused with every failing path, and nothing is recorded") {
    size_t events = engine.history("f").size();
    try {
      engine.signal("f", "await-approval", R"({"approved":"yes","extra":1})", 5);
      FAIL("expected SIGNAL_INVALID");
    } catch (const Error& e) {
      CHECK(e.code() == Code::SignalInvalid);
      CHECK(std::string(e.what()).find("/approved") != std::string::npos);
      CHECK(std::string(e.what()).find("/extra") != std::string::npos);
      CHECK(parse(e.details()).size() == 2);
    }
    CHECK(engine.history("f").size() == events);
    CHECK(status_of(engine, "f") == crux::journal::Status::Suspended);
  }

  CHECK(engine.signal("f", "await-approval", R"({"approved":true,"revisions":"shorter"})", 10).runnable == true);
  CHECK(status_of(engine, "f") == crux::journal::Status::Running);
  Pass resumed = Pass::begin(engine, "f", 20);
  CHECK(resumed.step("draft", R"("must not run")") == "the plan");
  CHECK(payload_of(resumed.suspend("await-approval", kApprovalSchema, R"("7d")", 20))["revisions"] == "shorter");
  CHECK(resumed.step("execute", R"("done")") == "done");
  CHECK(resumed.complete(R"({"ok":true})").status == crux::journal::Status::Completed);

  std::vector<EventKind> types;
  for (const crux::journal::Event& event : engine.history("f")) types.push_back(event.kind);
  CHECK(types == std::vector<EventKind>{EventKind::Started, EventKind::StepCompleted, EventKind::Suspended,
                                        EventKind::Signaled, EventKind::Resumed, EventKind::StepCompleted,
                                        EventKind::Completed});
  CHECK(code_of([&] { engine.signal("f", "await-approval", "{}", 30); }) == Code::FlowClosed);
}

TEST_CASE("signals sent before their wait are buffered and consumed in order") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("chain", "f", "", 0);
  engine.signal("f", "await-legal", R"({"by":"legal"})", 1);
  engine.signal("f", "revise", R"({"n":1})", 2);
  engine.signal("f", "revise", R"({"n":2})", 3);
  Pass pass = Pass::begin(engine, "f");
  CHECK(payload_of(pass.suspend("revise"))["n"] == 1);
  CHECK(payload_of(pass.suspend("revise"))["n"] == 2);
  CHECK(is<crux::WaitWaiting>(pass.suspend("revise")));
  pass.park();
  engine.signal("f", "revise", R"({"n":3})", 4);
  Pass next = Pass::begin(engine, "f");
  next.suspend("revise");
  next.suspend("revise");
  CHECK(payload_of(next.suspend("revise"))["n"] == 3);
  CHECK(is<crux::WaitWaiting>(next.suspend("await-finance")));
  next.park();
  engine.signal("f", "await-finance", "{}", 5);
  Pass last = Pass::begin(engine, "f");
  for (int i = 0; i < 3; ++i) last.suspend("revise");
  CHECK(is<crux::WaitResolved>(last.suspend("await-finance")));
  CHECK(payload_of(last.suspend("await-legal"))["by"] == "legal");
}

TEST_CASE("a buffered signal that fails the schema is rejected and the suspend waits, the same way on replay") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  engine.signal("r", "await-approval", R"({"approved":1})", 1);
  Pass pass = Pass::begin(engine, "r");
  CHECK(is<crux::WaitWaiting>(pass.suspend("await-approval", kApprovalSchema)));
  CHECK(engine.history("r").back().fields["rejected"][0]["path"] == "/approved");
  pass.park();
  engine.signal("r", "await-approval", R"({"approved":true})", 2);
  Pass replay = Pass::begin(engine, "r");
  CHECK(is<crux::WaitResolved>(replay.suspend("await-approval", kApprovalSchema)));
}

TEST_CASE("deadlines expire waits durably, and a signal sent before the deadline wins") {
  const int64_t day = 24 * 3600 * 1000;
  crux::store::MemoryDirectory dir;
  {
    Engine engine(dir);
    engine.start_run("f", "late", "", 0);
    engine.start_run("f", "early", "", 0);
    for (const char* id : {"late", "early"}) {
      Pass pass = Pass::begin(engine, id);
      CHECK(is<crux::WaitWaiting>(pass.suspend("await-approval", "", R"("7d")")));
      pass.park();
    }
    CHECK(engine.tick(0).next_deadline == 7 * day);
    engine.signal("early", "await-approval", "{}", 6 * day);
    CHECK(engine.tick(6 * day).runnable.empty());
    CHECK(status_of(engine, "late") == crux::journal::Status::Suspended);
  }
  Engine reopened(dir);  // a reload
  const crux::TickResult tick = reopened.tick(7 * day + 1);
  CHECK(tick.runnable == std::vector<std::string>{"late"});
  CHECK_FALSE(tick.next_deadline);
  Pass late = Pass::begin(reopened, "late");
  CHECK(is<crux::WaitTimedOut>(late.suspend("await-approval", "", R"("7d")")));
  Pass early = Pass::begin(reopened, "early");
  CHECK(is<crux::WaitResolved>(early.suspend("await-approval", "", R"("7d")", 8 * day)));
}

TEST_CASE("sleep is a durable timer") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 1000);
  Pass pass = Pass::begin(engine, "r", 1000);
  CHECK(is<crux::WaitWaiting>(sleep_and_wait(engine, "r", pass.id, "nap", R"("1h30m")", 1000)));
  pass.park();
  CHECK(engine.tick(1000).next_deadline == 1000 + 90 * 60 * 1000);
  CHECK(engine.tick(1000 + 90 * 60 * 1000).runnable.size() == 1);
  Pass after = Pass::begin(engine, "r");
  CHECK(is<crux::WaitResolved>(sleep_and_wait(engine, "r", after.id, "nap", R"("1h30m")", 0)));
  CHECK(code_of([&] { sleep_and_wait(engine, "r", after.id, "bad", R"("soon")", 0); }) == Code::InvalidArgument);
}

TEST_CASE("a replay that diverges from the journal is NON_DETERMINISTIC") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  Pass pass = Pass::begin(engine, "r");
  pass.step("a", "1");
  pass.step("b", "2");
  pass.suspend("wait");
  pass.park();
  engine.signal("r", "wait", "{}", 0);

  SECTION("a different step where a recorded one stood") {
    Pass replay = Pass::begin(engine, "r");
    replay.step("a", "1");
    CHECK(code_of([&] { replay.step("c", "3"); }) == Code::NonDeterministic);
    CHECK(code_of([&] { replay.step("b", "2"); }) == Code::NonDeterministic);  // stays diverged
    const crux::FlowStatus status = engine.fail("r", replay.id, R"({"name":"Error","message":"caught"})", 0);
    CHECK(status.status == crux::journal::Status::Failed);
    CHECK(outcome_of(status)["code"] == "NON_DETERMINISTIC");
  }
  SECTION("a suspend where a step was recorded") {
    Pass replay = Pass::begin(engine, "r");
    replay.step("a", "1");
    CHECK(code_of([&] { replay.suspend("b"); }) == Code::NonDeterministic);
  }
  SECTION("returning before recorded work") {
    Pass replay = Pass::begin(engine, "r");
    replay.step("a", "1");
    const crux::FlowStatus status = replay.complete("null");
    CHECK(status.status == crux::journal::Status::Failed);
    CHECK(outcome_of(status)["code"] == "NON_DETERMINISTIC");
    CHECK(outcome_of(status)["message"].get<std::string>().find("step \"b\"") != std::string::npos);
  }
}

TEST_CASE("failing steps are retried with durable exponential backoff, then fail for good") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  Pass pass = Pass::begin(engine, "r");
  const std::string options = R"({"retries":2,"backoff":{"initial":"1s","factor":3}})";
  const crux::StepRun begin = as<crux::StepRun>(engine.step_begin("r", pass.id, "call", options, 0));
  CHECK(begin.attempt == 1);
  CHECK(as<crux::StepRetry>(engine.step_fail("r", pass.id, begin.key, R"({"message":"boom"})", 100)).retry_at == 1100);
  pass.park();  // reload during the backoff: the deadline was recorded
  Pass again = Pass::begin(engine, "r");
  const crux::StepRun retry = as<crux::StepRun>(engine.step_begin("r", again.id, "call", options, 200));
  CHECK(retry.attempt == 2);
  CHECK(*retry.not_before == 1100);
  CHECK(as<crux::StepRetry>(engine.step_fail("r", again.id, retry.key, R"({"message":"boom"})", 1100)).retry_at == 4100);
  CHECK(is<crux::StepFinal>(engine.step_fail("r", again.id, retry.key, R"({"message":"boom 3"})", 4100)));
  again.park();
  Pass replay = Pass::begin(engine, "r");
  CHECK(parse(as<crux::StepFailed>(engine.step_begin("r", replay.id, "call", options, 0)).error_json)["message"] == "boom 3");
  CHECK(code_of([&] { engine.step_begin("r", replay.id, "x", R"({"retries":-1})", 0); }) == Code::InvalidArgument);
  CHECK(code_of([&] { engine.step_begin("r", replay.id, "x", R"({"backoff":"fast"})", 0); }) == Code::InvalidArgument);
}

TEST_CASE("cancel closes a run; stale passes and unknown runs are refused") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  Pass pass = Pass::begin(engine, "r");
  const crux::FlowStatus status = engine.cancel("r", R"("no longer needed")", 5);
  CHECK(status.status == crux::journal::Status::Cancelled);
  CHECK(outcome_of(status)["code"] == "FLOW_CLOSED");
  CHECK(code_of([&] { pass.step("a", "1"); }) == Code::FlowClosed);
  CHECK(code_of([&] { engine.cancel("r", "", 0); }) == Code::FlowClosed);
  CHECK(code_of([&] { engine.status("missing"); }) == Code::FlowNotFound);
  CHECK(code_of([&] { engine.signal("missing", "x", "{}", 0); }) == Code::FlowNotFound);
  CHECK(code_of([&] { engine.step_begin("r", 999, "a", "", 0); }) == Code::FlowClosed);
}

TEST_CASE("bad arguments are typed errors and change nothing") {
  crux::store::MemoryDirectory dir;
  crux::EngineOptions options;
  options.max_payload_bytes = 1000;
  Engine engine(dir, options);
  CHECK(code_of([&] { engine.start_run("", std::nullopt, "", 0); }) == Code::InvalidArgument);
  CHECK(code_of([&] { engine.start_run("f", "", "", 0); }) == Code::InvalidArgument);
  CHECK(code_of([&] { engine.start_run("f", std::string(300, 'x'), "", 0); }) == Code::InvalidArgument);
  CHECK(code_of([&] { engine.start_run("f", "a\nb", "", 0); }) == Code::InvalidArgument);
  CHECK(code_of([&] { engine.start_run("f", "big", std::string(2000, '1'), 0); }) == Code::PayloadTooLarge);
  CHECK(code_of([&] { engine.status("big"); }) == Code::FlowNotFound);
  engine.start_run("f", "r", "", 0);
  Pass pass = Pass::begin(engine, "r");
  CHECK(code_of([&] { pass.suspend("w", R"({"type":5})"); }) == Code::InvalidArgument);
  CHECK(code_of([&] { pass.suspend("w", "{not json"); }) == Code::InvalidArgument);
  CHECK(code_of([&] { pass.suspend("w", "", R"("5 minutes")"); }) == Code::InvalidArgument);
  CHECK(code_of([&] { engine.list_flows(R"({"status":"sleeping"})"); }) == Code::InvalidArgument);
  CHECK(code_of([&] { engine.plan_create(R"({"title":5})", 0); }) == Code::InvalidArgument);
  CHECK(code_of([&] { engine.plan_update("nope", "{}", "", 0); }) == Code::PlanNotFound);
  CHECK(engine.plan_list().empty());
  // the failed calls above consumed no call index: the body can still suspend normally
  CHECK(is<crux::WaitWaiting>(pass.suspend("w")));
}

TEST_CASE("listFlows filters by status and name") {
  crux::store::MemoryDirectory dir;
  Engine engine(dir);
  engine.start_run("a", "1", "", 1);
  engine.start_run("b", "2", "", 2);
  Pass pass = Pass::begin(engine, "2");
  pass.complete("7");
  CHECK(engine.list_flows("").size() == 2);
  const std::vector<crux::FlowStatus> done = engine.list_flows(R"({"status":"completed"})");
  REQUIRE(done.size() == 1);
  CHECK(done[0].flow_id == "2");
  CHECK(!done[0].outcome_json);  // summaries: the result is the status's
  CHECK(outcome_of(engine.status("2")) == 7);
  CHECK(engine.list_flows(R"({"name":"a"})")[0].flow_id == "1");
}

TEST_CASE("a closed run's status reads its last event, not its journal") {
  crux::store::MemoryDirectory dir;
  {
    Engine engine(dir);
    for (const char* id : {"done", "broken", "stopped", "big"}) engine.start_run("f", std::string(id), "{}", 1);
    Pass done = Pass::begin(engine, "done");
    done.step("s", R"("step")");
    done.complete(R"({"ok":true})", 5);
    Pass broken = Pass::begin(engine, "broken");
    engine.fail("broken", broken.id, R"({"name":"Error","message":"no"})", 6);
    engine.cancel("stopped", R"("enough")", 7);
    Pass big = Pass::begin(engine, "big");  // a journal over the fold limit stays one entry per event
    const std::string chunk = "\"" + std::string(1 << 20, 'x') + "\"";
    for (int i = 0; i < 9; ++i) big.step("s" + std::to_string(i), chunk);
    big.complete("42", 8);
  }
  CHECK(dir.files().count("c.big") == 0);
  Engine reopened(dir);
  // Natively the engine reads what it needs itself; no journal gets loaded.
  CHECK(outcome_of(reopened.status("done")) == Json{{"ok", true}});
  CHECK(outcome_of(reopened.status("broken"))["message"] == "no");
  CHECK(outcome_of(reopened.status("stopped"))["reason"] == "enough");
  CHECK(outcome_of(reopened.status("big")) == 42);
  CHECK(reopened.stats().loaded == 0);

  // The browser's way: the engine names the entries, JavaScript reads them.
  Engine browser;
  std::vector<crux::store::Entry> index;
  for (const auto& [name, bytes] : dir.files()) {
    if (name[0] == 'r' || name[0] == 'i') index.push_back({name, bytes});
  }
  browser.open(index);
  CHECK(code_of([&] { browser.status("big"); }) == Code::StorageUnavailable);
  auto names = browser.outcome_to_load("big");
  REQUIRE(names);
  std::vector<crux::store::Entry> tail;
  for (const auto& [name, bytes] : dir.files()) {
    if (names->holds(name)) tail.push_back({name, bytes});
  }
  CHECK(tail.size() == 1);  // the closing event alone, of 11
  browser.load_outcome("big", tail);
  CHECK(!browser.outcome_to_load("big"));
  CHECK(outcome_of(browser.status("big")) == 42);
  CHECK(browser.stats().loaded == 0);
  CHECK(!browser.outcome_to_load("unknown"));

  // An entry that is not the closing event the summary counts is corrupt, and says where.
  tail[0].bytes = dir.files().at("j.big.0000000002");
  Engine other;
  other.open(index);
  const crux::testing::Thrown error = crux::testing::thrown_by([&] { other.load_outcome("big", tail); });
  CHECK(error.code == "STORAGE_CORRUPT");
  CHECK(error.message.find("j.big.0000000011") != std::string::npos);
}

TEST_CASE("plans persist and report each committed change in order") {
  crux::store::MemoryDirectory dir;
  std::string id;
  {
    Engine engine(dir);
    id = engine.plan_create(R"({"title":"T","content":"C","metadata":{"status":"draft","flowId":"f"}})", 1).id;
    Json created = parse(crux::door::changes_json(engine.commit().changes));
    REQUIRE(created.size() == 1);
    CHECK(created[0]["plan"]["version"] == 1);
    engine.plan_update(id, R"({"metadata":{"status":"approved","flowId":null}})", "1", 2);
    CHECK(code_of([&] { engine.plan_update(id, R"({"content":"x"})", "1", 3); }) == Code::PlanConflict);
    Json changes = parse(crux::door::changes_json(engine.commit().changes));
    REQUIRE(changes.size() == 1);  // the update; the conflict changed nothing
    CHECK(changes[0]["plan"]["metadata"] == Json{{"status", "approved"}});
    CHECK(engine.commit().changes.empty());
  }
  Engine reopened(dir);
  const crux::plans::Plan* plan = reopened.plan_get(id);
  REQUIRE(plan);
  CHECK(plan->version == 2);
  CHECK(plan->metadata == Json{{"status", "approved"}});
  reopened.plan_delete(id);
  CHECK(reopened.plan_get(id) == nullptr);
  CHECK(code_of([&] { reopened.plan_delete(id); }) == Code::PlanNotFound);
  Engine again(dir);
  CHECK(again.plan_get(id) == nullptr);
}

TEST_CASE("state survives reopening; a closed run is folded into one entry") {
  crux::store::MemoryDirectory dir;
  std::string history;
  {
    Engine engine(dir);
    for (int i = 0; i < 200; ++i) {
      std::string id = "run-" + std::to_string(i);
      engine.start_run("f", id, R"({"i":)" + std::to_string(i) + "}", i);
      Pass pass = Pass::begin(engine, id);
      pass.step("s", std::to_string(i));
      if (i % 2) pass.suspend("w"), pass.park();
      else pass.complete("true");
    }
    history = crux::door::history_json(engine.history("run-17"));
  }
  size_t summaries = 0, folded = 0, events = 0;
  for (const auto& [name, bytes] : dir.files()) {
    summaries += name.rfind("r.", 0) == 0;
    folded += name.rfind("c.", 0) == 0;
    events += name.rfind("j.", 0) == 0;
  }
  CHECK(dir.files().count("i.index") == 1);  // the summaries are in the index snapshot...
  CHECK(summaries <= 64);                     // ...but for those written since
  CHECK(folded == 100);      // the completed runs
  CHECK(events == 100 * 3);  // started, the step, the suspend of each suspended run
  Engine reopened(dir);
  CHECK(reopened.stats().loaded == 0);  // opening reads summaries, not journals
  CHECK(crux::door::history_json(reopened.history("run-17")) == history);
  CHECK(reopened.list_flows(R"({"status":"suspended"})").size() == 100);
  CHECK(reopened.list_flows(R"({"status":"completed"})").size() == 100);
}

TEST_CASE("the index snapshot takes deltas in; deleted runs and plans stay deleted across snapshots") {
  crux::store::MemoryDirectory dir;
  std::string plan_id;
  {
    Engine engine(dir);
    plan_id = engine.plan_create(R"({"title":"doomed"})", 1).id;
    engine.start_run("f", std::string("doomed"), "{}", 1);
    for (int i = 0; i < 100; ++i) engine.start_run("f", "run-" + std::to_string(i), "{}", 2);  // a snapshot
    CHECK(dir.files().count("i.index") == 1);
    engine.delete_run("doomed");
    engine.plan_delete(plan_id);
    CHECK(dir.files().count("r.doomed") == 1);  // a tombstone until the next snapshot
    CHECK(dir.files().count("p." + plan_id) == 1);
  }
  {
    Engine reopened(dir);
    CHECK(code_of([&] { reopened.status("doomed"); }) == Code::FlowNotFound);
    CHECK(reopened.plan_get(plan_id) == nullptr);
    for (int i = 100; i < 200; ++i) reopened.start_run("f", "run-" + std::to_string(i), "{}", 3);  // another snapshot
    CHECK(dir.files().count("r.doomed") == 0);
  }
  Engine again(dir);
  CHECK(code_of([&] { again.status("doomed"); }) == Code::FlowNotFound);
  CHECK(again.plan_get(plan_id) == nullptr);
  CHECK(again.list_flows("").size() == 200);
}

TEST_CASE("follow: a snapshot from the other writer says which runs and plans are gone") {
  crux::store::MemoryDirectory dir;
  Engine a(dir);
  Engine b(dir);
  std::string plan_id = a.plan_create(R"({"title":"doomed"})", 1).id;
  a.start_run("f", std::string("doomed"), "{}", 1);
  b.follow();
  CHECK(b.status("doomed").status == crux::journal::Status::Running);
  a.delete_run("doomed");
  a.plan_delete(plan_id);
  for (int i = 0; i < 100; ++i) a.start_run("f", "run-" + std::to_string(i), "{}", 2);  // the tombstones go
  CHECK(dir.files().count("r.doomed") == 0);
  b.commit();
  b.follow();
  CHECK(code_of([&] { b.status("doomed"); }) == Code::FlowNotFound);
  CHECK(b.plan_get(plan_id) == nullptr);
  Json heard = parse(crux::door::changes_json(b.commit().changes));
  size_t deleted = 0;
  for (const Json& change : heard) deleted += change.value("deleted", false) || (change["kind"] == "plan" && change["plan"].is_null());
  CHECK(deleted == 2);
}

TEST_CASE("a closed run whose journal is too large to copy whole stays one entry per event") {
  crux::store::MemoryDirectory dir;
  const std::string big = "\"" + std::string(512 * 1024, 'x') + "\"";
  {
    Engine engine(dir);
    engine.start_run("f", std::string("large"), "{}", 1);
    Pass pass = Pass::begin(engine, "large");
    for (int i = 0; i < 20; ++i) pass.step("s", big);  // 10 MiB of results
    pass.complete("true");
    engine.start_run("f", std::string("small"), "{}", 1);
    Pass::begin(engine, "small").complete("true");
  }
  CHECK(dir.files().count("c.large") == 0);
  CHECK(dir.files().count("j.large.0000000022") == 1);  // started, 20 steps, completed
  CHECK(dir.files().count("c.small") == 1);
  Engine reopened(dir);
  CHECK(reopened.status("large").status == crux::journal::Status::Completed);
  CHECK(reopened.history("large").size() == 22);
}

TEST_CASE("a batch's new events are one journal entry; a closing event is one of its own") {
  Engine writer;  // the browser's way: a batch of calls, then commit()
  writer.open({});
  writer.start_run("f", std::string("r"), "{}", 1);
  Pass pass = Pass::begin(writer, "r");
  for (int i = 0; i < 3; ++i) pass.step("s" + std::to_string(i), std::to_string(i));
  crux::store::MemoryDirectory dir;
  crux::Outbox outbox = writer.commit();
  writer.settled(true);
  std::vector<std::string> journal;
  for (const crux::store::Entry& entry : outbox.writes.put) {
    dir.replace(entry.name, entry.bytes);
    if (entry.name.rfind("j.", 0) == 0) journal.push_back(entry.name);
  }
  CHECK(journal == std::vector<std::string>{"j.r.0000000001"});  // started and three steps

  // Over the fold limit, the run stays one entry per batch, its closing event alone.
  const std::string chunk = "\"" + std::string(3 << 20, 'x') + "\"";
  for (int i = 0; i < 3; ++i) pass.step("big" + std::to_string(i), chunk);
  pass.complete("7");
  outbox = writer.commit();
  writer.settled(true);
  journal.clear();
  for (const crux::store::Entry& entry : outbox.writes.put) {
    dir.replace(entry.name, entry.bytes);
    if (entry.name.rfind("j.", 0) == 0) journal.push_back(entry.name);
  }
  CHECK(journal == std::vector<std::string>{"j.r.0000000005", "j.r.0000000008"});

  // Read back by another engine: the status from the closing entry alone, then the whole history.
  Engine reader(dir);
  CHECK(outcome_of(reader.status("r")) == 7);
  CHECK(reader.stats().loaded == 0);
  CHECK(crux::door::history_json(reader.history("r")) == crux::door::history_json(writer.history("r")));
  CHECK(reader.history("r").size() == 8);
}
