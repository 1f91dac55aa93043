// The engine's limits (core/limits.hpp), for JS to refuse at the door what the engine would.
// Each module (crux.wasm, crux-schema.wasm, crux-ai.wasm) carries it: the JS of each learns them
// from its own module.
#include <emscripten/bind.h>

#include <string>

#include "core/limits.hpp"

namespace {

/// `{"maxNameChars":…,…}`. Written by hand rather than as a Json object: its initializer list
/// was 1.5 KB of code in each module, and the names need no escaping.
std::string limits() {
  using namespace crux::limits;
  std::string text;
  const auto member = [&text](const char* name, long long value) {
    text += text.empty() ? "{\"" : ",\"";
    text += name;
    text += "\":";
    text += std::to_string(value);
  };
  member("maxNameChars", kMaxNameChars);
  member("maxPayloadBytes", kMaxPayloadBytes);
  member("maxJsonDepth", kMaxJsonDepth);
  member("maxErrorBytes", kMaxErrorBytes);
  member("maxReasonBytes", kMaxReasonBytes);
  member("maxDurationMs", kMaxDurationMs);
  return text + "}";
}

}  // namespace

EMSCRIPTEN_BINDINGS(crux_limits) { emscripten::function("limits", &limits); }
