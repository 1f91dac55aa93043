// The door between JavaScript and the engine's flows, plans and store, declared again in
// js/core/src/module.d.ts. A module instance holds one engine (each createCrux instantiates
// crux.wasm), so the door is functions of the module rather than an Embind class, whose
// JavaScript runtime would cost the glue 2.4 KiB gzipped. Every function returns an envelope
// (envelope.hpp), so no C++ exception ever crosses into JavaScript; entries cross as
// src/engine/door.hpp lays them out.
#include <emscripten/bind.h>

#include <memory>
#include <new>
#include <string>

#include "core/error.hpp"
#include "core/json.hpp"
#include "bytes.hpp"
#include "envelope.hpp"
#include "engine/engine.hpp"
#include "engine/door.hpp"
#include "engine/door_rules.hpp"

namespace {

namespace door = crux::door;
using crux::Code;
using crux::Engine;
using crux::Error;
using crux::Json;
using crux::bindings::bytes_of;
using crux::bindings::guard;

int64_t ms(double value) { return static_cast<int64_t>(value); }

namespace calls {

// The module's engine, once open() has run.
std::unique_ptr<Engine> open_engine;
// The bytes of the last commit's put entries, which commit() hands JavaScript as a view.
std::string outbox_bytes;

Engine& engine() {
  if (!open_engine) crux::raise(Code::StorageUnavailable, {"the store is not open"});
  return *open_engine;
}

// ---- storage (the entry shapes are src/engine/door.hpp's) ----
/// Opens over the store's summaries and plans (and version-1 files, which convert): stats.
std::string open(const std::string& layout, const emscripten::val& bytes) {
  return guard([&] {
    auto engine = std::make_unique<Engine>();
    engine->open(door::entries_from(layout, bytes_of(bytes)));
    open_engine = std::move(engine);
    return door::stats_json(open_engine->stats());
  });
}
/// `{ prefix, folded }`: what to read before the run can be used; null when loaded or unknown.
std::string toLoad(const std::string& flow_id) {
  return guard([&] { return door::run_entries_json(engine().to_load(flow_id)); });
}
std::string loadRun(const std::string& flow_id, const std::string& layout, const emscripten::val& bytes) {
  return guard([&] { engine().load_run(flow_id, door::entries_from(layout, bytes_of(bytes))); return std::string("null"); });
}
/// `{ prefix, folded, from }`: what to read before a closed run's status answers; null when not needed.
std::string outcomeToLoad(const std::string& flow_id) {
  return guard([&] { return door::run_entries_json(engine().outcome_to_load(flow_id)); });
}
std::string loadOutcome(const std::string& flow_id, const std::string& layout, const emscripten::val& bytes) {
  return guard([&] { engine().load_outcome(flow_id, door::entries_from(layout, bytes_of(bytes))); return std::string("null"); });
}
/// Takes in the entries other tabs wrote since this engine last looked.
std::string follow(const std::string& layout, const emscripten::val& bytes) {
  return guard([&] { engine().follow(door::entries_from(layout, bytes_of(bytes))); return std::string("null"); });
}
/// The batch's outbox: `{ reply, bytes }`, reply the envelope of door::outbox_json and bytes a
/// view of the put entries' bytes, valid until the next call.
emscripten::val commit() {
  std::string reply = guard([&] {
    crux::Outbox outbox = engine().commit();
    return door::outbox_json(outbox, engine().next_deadline(), outbox_bytes);
  });
  emscripten::val out = emscripten::val::object();
  out.set("reply", reply);
  out.set("bytes", emscripten::val(emscripten::typed_memory_view(outbox_bytes.size(),
                                                                 reinterpret_cast<const uint8_t*>(outbox_bytes.data()))));
  return out;
}
std::string settled(bool durable) {
  return guard([&] {
    engine().settled(durable);
    outbox_bytes = std::string();
    return std::string("null");
  });
}
std::string due(double now) {
  return guard([&] { return door::ids_json(engine().due(ms(now))); });
}
std::string deleteRun(const std::string& flow_id) {
  return guard([&] { engine().delete_run(flow_id); return std::string("null"); });
}
std::string expireClosed(const std::string& retention, double now) {
  return guard([&] { return door::ids_json(engine().expire_closed(retention, ms(now))); });
}

/// `has_flow_id` false: the engine makes up an id.
std::string startRun(const std::string& name, bool has_flow_id, const std::string& flow_id,
                     const std::string& input, double now) {
  return guard([&] {
    return door::start_json(
        engine().start_run(name, has_flow_id ? std::optional<std::string>(flow_id) : std::nullopt, input, ms(now)));
  });
}
std::string beginExecution(const std::string& flow_id, double now) {
  return guard([&] { return door::pass_json(engine().begin_execution(flow_id, ms(now))); });
}
std::string endExecution(const std::string& flow_id, double exec_id) {
  return guard([&] { engine().end_execution(flow_id, ms(exec_id)); return std::string("null"); });
}
std::string stepBegin(const std::string& flow_id, double exec_id, const std::string& name,
                      const std::string& options, double now) {
  return guard([&] { return door::step_begin_json(engine().step_begin(flow_id, ms(exec_id), name, options, ms(now))); });
}
std::string stepComplete(const std::string& flow_id, double exec_id, const std::string& key,
                         const std::string& result, double now) {
  return guard([&] { engine().step_complete(flow_id, ms(exec_id), key, result, ms(now)); return std::string("null"); });
}
std::string stepFail(const std::string& flow_id, double exec_id, const std::string& key,
                     const std::string& error, double now) {
  return guard([&] { return door::step_failure_json(engine().step_fail(flow_id, ms(exec_id), key, error, ms(now))); });
}
std::string suspend(const std::string& flow_id, double exec_id, const std::string& name,
                    const std::string& schema, const std::string& timeout) {
  return guard([&] { return door::wait_place_json(engine().suspend(flow_id, ms(exec_id), name, schema, timeout)); });
}
std::string sleep(const std::string& flow_id, double exec_id, const std::string& name,
                  const std::string& duration) {
  return guard([&] { return door::wait_place_json(engine().sleep(flow_id, ms(exec_id), name, duration)); });
}
std::string wait(const std::string& flow_id, double exec_id, double call, double now) {
  return guard([&] { return door::wait_answer_json(engine().wait(flow_id, ms(exec_id), static_cast<int>(call), ms(now))); });
}
std::string complete(const std::string& flow_id, double exec_id, const std::string& result, double now) {
  return guard([&] { return door::status_json(engine().complete(flow_id, ms(exec_id), result, ms(now))); });
}
std::string fail(const std::string& flow_id, double exec_id, const std::string& error, double now) {
  return guard([&] { return door::status_json(engine().fail(flow_id, ms(exec_id), error, ms(now))); });
}
std::string signal(const std::string& flow_id, const std::string& name, const std::string& payload,
                   const std::string& options, double now) {
  return guard([&] { return door::signal_json(engine().signal(flow_id, name, payload, options, ms(now))); });
}
std::string rejectSignal(const std::string& flow_id, double exec_id, const std::string& key,
                         const std::string& failures, double now) {
  return guard([&] { return door::wait_answer_json(engine().reject_signal(flow_id, ms(exec_id), key, failures, ms(now))); });
}
std::string pendingWait(const std::string& flow_id) {
  return guard([&] { return door::pending_wait_json(engine().pending_wait(flow_id)); });
}
std::string cancel(const std::string& flow_id, const std::string& reason, double now) {
  return guard([&] { return door::status_json(engine().cancel(flow_id, reason, ms(now))); });
}
std::string status(const std::string& flow_id) {
  return guard([&] { return door::status_json(engine().status(flow_id)); });
}
std::string history(const std::string& flow_id) {
  return guard([&] { return door::history_json(engine().history(flow_id)); });
}
std::string listFlows(const std::string& filter) {
  return guard([&] { return door::statuses_json(engine().list_flows(filter)); });
}
std::string tick(double now) {
  return guard([&] { return door::tick_json(engine().tick(ms(now))); });
}
/// The earliest recorded deadline (epoch ms) or null.
std::string nextDeadline() {
  return guard([&] {
    auto deadline = engine().next_deadline();
    return deadline ? std::to_string(*deadline) : std::string("null");
  });
}
/// Whether the next calls may validate against a JSON Schema (Engine::holds_schemas): then
/// JavaScript gives this module crux-schema.wasm first (bindings/host_validator.cpp).
bool holdsSchemas() { return open_engine && open_engine->holds_schemas(); }
std::string runnable(const std::string& name) {
  return guard([&] { return door::ids_json(engine().runnable(name)); });
}
std::string planCreate(const std::string& fields, double now) {
  return guard([&] { return door::plan_json(&engine().plan_create(fields, ms(now))); });
}
std::string planUpdate(const std::string& id, const std::string& changes, const std::string& if_version, double now) {
  return guard([&] { return door::plan_json(&engine().plan_update(id, changes, if_version, ms(now))); });
}
std::string planGet(const std::string& id) {
  return guard([&] { return door::plan_json(engine().plan_get(id)); });
}
std::string planList() {
  return guard([&] { return door::plans_json(engine().plan_list()); });
}
std::string planDelete(const std::string& id) {
  return guard([&] { engine().plan_delete(id); return std::string("null"); });
}

}  // namespace calls

}  // namespace

EMSCRIPTEN_BINDINGS(crux) {
  emscripten::function("open", &calls::open);
  emscripten::function("toLoad", &calls::toLoad);
  emscripten::function("loadRun", &calls::loadRun);
  emscripten::function("outcomeToLoad", &calls::outcomeToLoad);
  emscripten::function("loadOutcome", &calls::loadOutcome);
  emscripten::function("follow", &calls::follow);
  emscripten::function("commit", &calls::commit);
  emscripten::function("settled", &calls::settled);
  emscripten::function("due", &calls::due);
  emscripten::function("deleteRun", &calls::deleteRun);
  emscripten::function("expireClosed", &calls::expireClosed);
  emscripten::function("startRun", &calls::startRun);
  emscripten::function("beginExecution", &calls::beginExecution);
  emscripten::function("endExecution", &calls::endExecution);
  emscripten::function("stepBegin", &calls::stepBegin);
  emscripten::function("stepComplete", &calls::stepComplete);
  emscripten::function("stepFail", &calls::stepFail);
  emscripten::function("suspend", &calls::suspend);
  emscripten::function("sleep", &calls::sleep);
  emscripten::function("wait", &calls::wait);
  emscripten::function("complete", &calls::complete);
  emscripten::function("fail", &calls::fail);
  emscripten::function("signal", &calls::signal);
  emscripten::function("rejectSignal", &calls::rejectSignal);
  emscripten::function("pendingWait", &calls::pendingWait);
  emscripten::function("cancel", &calls::cancel);
  emscripten::function("status", &calls::status);
  emscripten::function("history", &calls::history);
  emscripten::function("listFlows", &calls::listFlows);
  emscripten::function("tick", &calls::tick);
  emscripten::function("nextDeadline", &calls::nextDeadline);
  emscripten::function("runnable", &calls::runnable);
  emscripten::function("holdsSchemas", &calls::holdsSchemas);
  emscripten::function("planCreate", &calls::planCreate);
  emscripten::function("planUpdate", &calls::planUpdate);
  emscripten::function("planGet", &calls::planGet);
  emscripten::function("planList", &calls::planList);
  emscripten::function("planDelete", &calls::planDelete);
}
