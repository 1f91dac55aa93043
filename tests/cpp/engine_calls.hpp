#pragma once
// Engine calls the way js/core makes them, for tests that do not care about the two halves.
#include <catch2/catch.hpp>

#include <string>

#include "core/json.hpp"
#include "engine/engine.hpp"

/// A suspend: its place in call order, then its recording (Engine::suspend + Engine::wait).
inline std::string suspend_and_wait(crux::Engine& engine, const std::string& flow, int64_t exec,
                                    const std::string& name, const std::string& schema,
                                    const std::string& timeout, int64_t now) {
  const crux::Json wait = crux::Json::parse(engine.suspend(flow, exec, name, schema, timeout));
  return engine.wait(flow, exec, wait["wait"].get<int>(), now);
}

/// A sleep: its place in call order, then its recording (Engine::sleep + Engine::wait).
inline std::string sleep_and_wait(crux::Engine& engine, const std::string& flow, int64_t exec,
                                  const std::string& name, const std::string& duration, int64_t now) {
  const crux::Json wait = crux::Json::parse(engine.sleep(flow, exec, name, duration));
  return engine.wait(flow, exec, wait["wait"].get<int>(), now);
}

/// One pass of a body, as js/core's runner makes it.
struct Pass {
  crux::Engine& engine;
  std::string flow;
  int64_t id;

  static Pass begin(crux::Engine& engine, const std::string& flow, int64_t now = 0) {
    const crux::Json exec = crux::Json::parse(engine.begin_execution(flow, now));
    REQUIRE(exec.is_object());
    return Pass{engine, flow, exec["execId"].get<int64_t>()};
  }
  /// A step: replays the recorded result, or "runs" by recording `result`.
  crux::Json step(const std::string& name, const std::string& result, int64_t now = 0) {
    const crux::Json begun = crux::Json::parse(engine.step_begin(flow, id, name, "", now));
    if (begun.value("replay", false)) return begun.value("result", crux::Json());
    engine.step_complete(flow, id, begun["key"], result, now);
    return crux::Json::parse(result);
  }
  crux::Json suspend(const std::string& name, const std::string& schema = "", const std::string& timeout = "",
                     int64_t now = 0) {
    return crux::Json::parse(suspend_and_wait(engine, flow, id, name, schema, timeout, now));
  }
  crux::Json complete(const std::string& result, int64_t now = 0) {
    const crux::Json status = crux::Json::parse(engine.complete(flow, id, result, now));
    engine.end_execution(flow, id);
    return status;
  }
  /// Ends the pass without an ending: parked on a wait, or interrupted.
  void park() { engine.end_execution(flow, id); }
};
