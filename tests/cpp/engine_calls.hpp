#pragma once
// Engine calls the way js/core makes them, for tests that do not care about the two halves.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "core/json.hpp"
#include "engine/engine.hpp"
#include "store/record_codec.hpp"

/// A plan entry as the store frames it (its checksum holds) around any `document`: for tests of
/// plans that are damaged inside a well-formed record.
inline std::string plan_entry(const std::string& id, const std::string& document) {
  std::string entry;
  crux::store::encode_record(entry, {R"({"plan":")" + id + R"(","op":"put"})", document});
  return entry;
}

/// Whether a variant answer is the alternative `T`.
template <typename T, typename Variant>
bool is(const Variant& answer) {
  return std::holds_alternative<T>(answer);
}

/// The alternative `T` of a variant answer, failing the test if it is another.
template <typename T, typename Variant>
const T& as(const Variant& answer) {
  REQUIRE(std::holds_alternative<T>(answer));
  return std::get<T>(answer);
}

/// Raw JSON text the engine passed through, parsed (empty text is no value: null).
inline crux::Json parsed(const std::string& json) { return json.empty() ? crux::Json() : crux::Json::parse(json); }

/// The payload a wait resolved to.
inline crux::Json payload_of(const crux::WaitAnswer& answer) { return parsed(as<crux::WaitResolved>(answer).payload_json); }

/// How a closed run ended: its result or error, parsed.
inline crux::Json outcome_of(const crux::FlowStatus& status) {
  REQUIRE(status.outcome_json);
  return parsed(*status.outcome_json);
}

inline crux::journal::Status status_of(crux::Engine& engine, const std::string& flow) {
  return engine.status(flow).status;
}

/// A suspend: its place in call order, then its recording (Engine::suspend + Engine::wait).
inline crux::WaitAnswer suspend_and_wait(crux::Engine& engine, const std::string& flow, int64_t exec,
                                         const std::string& name, const std::string& schema,
                                         const std::string& timeout, int64_t now) {
  return engine.wait(flow, exec, engine.suspend(flow, exec, name, schema, timeout), now);
}

/// A sleep: its place in call order, then its recording (Engine::sleep + Engine::wait).
inline crux::WaitAnswer sleep_and_wait(crux::Engine& engine, const std::string& flow, int64_t exec,
                                       const std::string& name, const std::string& duration, int64_t now) {
  return engine.wait(flow, exec, engine.sleep(flow, exec, name, duration), now);
}

/// One pass of a body, as js/core's runner makes it.
struct Pass {
  crux::Engine& engine;
  std::string flow;
  int64_t id;

  static Pass begin(crux::Engine& engine, const std::string& flow, int64_t now = 0) {
    const std::optional<crux::PassStart> exec = engine.begin_execution(flow, now);
    REQUIRE(exec);
    return Pass{engine, flow, exec->exec_id};
  }
  /// A step: replays the recorded result, or "runs" by recording `result`.
  crux::Json step(const std::string& name, const std::string& result, int64_t now = 0) {
    const crux::StepBegin begun = engine.step_begin(flow, id, name, "", now);
    if (auto* replay = std::get_if<crux::StepReplay>(&begun)) return parsed(replay->result_json);
    engine.step_complete(flow, id, as<crux::StepRun>(begun).key, result, now);
    return crux::Json::parse(result);
  }
  crux::WaitAnswer suspend(const std::string& name, const std::string& schema = "", const std::string& timeout = "",
                           int64_t now = 0) {
    return suspend_and_wait(engine, flow, id, name, schema, timeout, now);
  }
  crux::FlowStatus complete(const std::string& result, int64_t now = 0) {
    crux::FlowStatus status = engine.complete(flow, id, result, now);
    engine.end_execution(flow, id);
    return status;
  }
  /// Ends the pass without an ending: parked on a wait, or interrupted.
  void park() { engine.end_execution(flow, id); }
};
