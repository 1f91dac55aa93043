#pragma once
// Engine calls the way js/core makes them, for tests that do not care about the two halves.
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
