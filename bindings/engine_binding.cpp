// The door between JavaScript and the engine's flows, plans and store. Every method returns
// an envelope (envelope.hpp), so no C++ exception ever crosses into JavaScript.
#include <emscripten/bind.h>

#include <memory>
#include <new>
#include <string>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "envelope.hpp"
#include "engine/engine.hpp"
#include "store/directory.hpp"
#include "store/tracked_directory.hpp"

namespace {

using crux::Code;
using crux::Engine;
using crux::Error;
using crux::Json;
using crux::bindings::guard;

int64_t ms(double value) { return static_cast<int64_t>(value); }

class EngineBinding {
 public:
  std::string open(const std::string& path) {
    return guard([&] {
      auto dir = std::make_unique<crux::store::FileDirectory>(path);
      auto tracked = std::make_unique<crux::store::TrackedDirectory>(*dir);
      auto engine = std::make_unique<Engine>(*tracked);
      dir_ = std::move(dir);
      tracked_ = std::move(tracked);
      engine_ = std::move(engine);
      return engine_->stats();
    });
  }

  /// `has_flow_id` false: the engine makes up an id.
  std::string startRun(const std::string& name, bool has_flow_id, const std::string& flow_id,
                       const std::string& input, double now) {
    return guard([&] {
      return engine().start_run(name, has_flow_id ? std::optional<std::string>(flow_id) : std::nullopt, input, ms(now));
    });
  }
  std::string beginExecution(const std::string& flow_id, double now) {
    return guard([&] { return engine().begin_execution(flow_id, ms(now)); });
  }
  std::string endExecution(const std::string& flow_id, double exec_id) {
    return guard([&] { engine().end_execution(flow_id, ms(exec_id)); return std::string("null"); });
  }
  std::string stepBegin(const std::string& flow_id, double exec_id, const std::string& name,
                        const std::string& options, double now) {
    return guard([&] { return engine().step_begin(flow_id, ms(exec_id), name, options, ms(now)); });
  }
  std::string stepComplete(const std::string& flow_id, double exec_id, const std::string& key,
                           const std::string& result, double now) {
    return guard([&] { engine().step_complete(flow_id, ms(exec_id), key, result, ms(now)); return std::string("null"); });
  }
  std::string stepFail(const std::string& flow_id, double exec_id, const std::string& key,
                       const std::string& error, double now) {
    return guard([&] { return engine().step_fail(flow_id, ms(exec_id), key, error, ms(now)); });
  }
  std::string suspend(const std::string& flow_id, double exec_id, const std::string& name,
                      const std::string& schema, const std::string& timeout) {
    return guard([&] { return engine().suspend(flow_id, ms(exec_id), name, schema, timeout); });
  }
  std::string sleep(const std::string& flow_id, double exec_id, const std::string& name,
                    const std::string& duration) {
    return guard([&] { return engine().sleep(flow_id, ms(exec_id), name, duration); });
  }
  std::string wait(const std::string& flow_id, double exec_id, double call, double now) {
    return guard([&] { return engine().wait(flow_id, ms(exec_id), static_cast<int>(call), ms(now)); });
  }
  std::string complete(const std::string& flow_id, double exec_id, const std::string& result, double now) {
    return guard([&] { return engine().complete(flow_id, ms(exec_id), result, ms(now)); });
  }
  std::string fail(const std::string& flow_id, double exec_id, const std::string& error, double now) {
    return guard([&] { return engine().fail(flow_id, ms(exec_id), error, ms(now)); });
  }
  std::string signal(const std::string& flow_id, const std::string& name, const std::string& payload,
                     const std::string& options, double now) {
    return guard([&] { return engine().signal(flow_id, name, payload, options, ms(now)); });
  }
  std::string rejectSignal(const std::string& flow_id, double exec_id, const std::string& key,
                           const std::string& failures, double now) {
    return guard([&] { return engine().reject_signal(flow_id, ms(exec_id), key, failures, ms(now)); });
  }
  std::string pendingWait(const std::string& flow_id) {
    return guard([&] { return engine().pending_wait(flow_id); });
  }
  std::string cancel(const std::string& flow_id, const std::string& reason, double now) {
    return guard([&] { return engine().cancel(flow_id, reason, ms(now)); });
  }
  std::string status(const std::string& flow_id) {
    return guard([&] { return engine().status(flow_id); });
  }
  std::string history(const std::string& flow_id) {
    return guard([&] { return engine().history(flow_id); });
  }
  std::string listFlows(const std::string& filter) {
    return guard([&] { return engine().list_flows(filter); });
  }
  std::string tick(double now) {
    return guard([&] { return engine().tick(ms(now)); });
  }
  /// Takes in what other tabs recorded in the store directory (after their files were copied in).
  std::string follow() {
    return guard([&] { engine().follow(); return std::string("null"); });
  }
  /// The earliest recorded deadline (epoch ms) or null.
  std::string nextDeadline() {
    return guard([&] {
      auto deadline = engine().next_deadline();
      return deadline ? std::to_string(*deadline) : std::string("null");
    });
  }
  std::string runnable(const std::string& name) {
    return guard([&] { return engine().runnable(name); });
  }
  std::string planCreate(const std::string& fields, double now) {
    return guard([&] { return engine().plan_create(fields, ms(now)); });
  }
  std::string planUpdate(const std::string& id, const std::string& changes, const std::string& if_version, double now) {
    return guard([&] { return engine().plan_update(id, changes, if_version, ms(now)); });
  }
  std::string planGet(const std::string& id) {
    return guard([&] { return engine().plan_get(id); });
  }
  std::string planList() {
    return guard([&] { return engine().plan_list(); });
  }
  std::string planDelete(const std::string& id) {
    return guard([&] { engine().plan_delete(id); return std::string("null"); });
  }
  double mark() { return engine_ ? static_cast<double>(engine_->mark()) : 0; }
  std::string takeChanges(double mark) {
    return guard([&] { return engine().take_changes(static_cast<uint64_t>(mark)); });
  }
  std::string dropChangesAfter(double mark) {
    return guard([&] { engine().drop_changes_after(static_cast<uint64_t>(mark)); return std::string("null"); });
  }
  std::string stats() {
    return guard([&] { return engine().stats(); });
  }
  /// The store files changed since the last call: `{ write: [name], remove: [name] }`.
  std::string takeChangedFiles() {
    return guard([&] {
      if (!tracked_) return std::string(R"({"write":[],"remove":[]})");
      crux::store::ChangedFiles files = tracked_->take_changes();
      return Json{{"write", files.written}, {"remove", files.removed}}.dump();
    });
  }

 private:
  Engine& engine() {
    if (!engine_) throw Error(Code::StorageUnavailable, "the store is not open");
    return *engine_;
  }

  std::unique_ptr<crux::store::FileDirectory> dir_;
  std::unique_ptr<crux::store::TrackedDirectory> tracked_;
  std::unique_ptr<Engine> engine_;
};

/// The engine's limits (core/limits.hpp), for JS to refuse at the door what the engine would.
std::string limits() {
  using namespace crux::limits;
  return Json{{"maxNameChars", kMaxNameChars},   {"maxPayloadBytes", kMaxPayloadBytes},
              {"maxJsonDepth", kMaxJsonDepth},   {"maxErrorBytes", kMaxErrorBytes},
              {"maxReasonBytes", kMaxReasonBytes}, {"maxDurationMs", kMaxDurationMs}}
      .dump();
}

}  // namespace

EMSCRIPTEN_BINDINGS(crux) {
  emscripten::function("limits", &limits);
  emscripten::class_<EngineBinding>("Engine")
      .constructor<>()
      .function("open", &EngineBinding::open)
      .function("startRun", &EngineBinding::startRun)
      .function("beginExecution", &EngineBinding::beginExecution)
      .function("endExecution", &EngineBinding::endExecution)
      .function("stepBegin", &EngineBinding::stepBegin)
      .function("stepComplete", &EngineBinding::stepComplete)
      .function("stepFail", &EngineBinding::stepFail)
      .function("suspend", &EngineBinding::suspend)
      .function("sleep", &EngineBinding::sleep)
      .function("wait", &EngineBinding::wait)
      .function("complete", &EngineBinding::complete)
      .function("fail", &EngineBinding::fail)
      .function("signal", &EngineBinding::signal)
      .function("rejectSignal", &EngineBinding::rejectSignal)
      .function("pendingWait", &EngineBinding::pendingWait)
      .function("cancel", &EngineBinding::cancel)
      .function("status", &EngineBinding::status)
      .function("history", &EngineBinding::history)
      .function("listFlows", &EngineBinding::listFlows)
      .function("tick", &EngineBinding::tick)
      .function("follow", &EngineBinding::follow)
      .function("nextDeadline", &EngineBinding::nextDeadline)
      .function("runnable", &EngineBinding::runnable)
      .function("planCreate", &EngineBinding::planCreate)
      .function("planUpdate", &EngineBinding::planUpdate)
      .function("planGet", &EngineBinding::planGet)
      .function("planList", &EngineBinding::planList)
      .function("planDelete", &EngineBinding::planDelete)
      .function("mark", &EngineBinding::mark)
      .function("takeChanges", &EngineBinding::takeChanges)
      .function("dropChangesAfter", &EngineBinding::dropChangesAfter)
      .function("stats", &EngineBinding::stats)
      .function("takeChangedFiles", &EngineBinding::takeChangedFiles);
}
