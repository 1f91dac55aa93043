// The engine's limits (core/limits.hpp), for JS to refuse at the door what the engine would.
// Both modules (crux.wasm, crux-ai.wasm) carry it: each one's JS learns them from its own module.
#include <emscripten/bind.h>

#include <string>

#include "core/json.hpp"
#include "core/limits.hpp"

namespace {

std::string limits() {
  using namespace crux::limits;
  return crux::Json{{"maxNameChars", kMaxNameChars},   {"maxPayloadBytes", kMaxPayloadBytes},
                    {"maxJsonDepth", kMaxJsonDepth},   {"maxErrorBytes", kMaxErrorBytes},
                    {"maxReasonBytes", kMaxReasonBytes}, {"maxDurationMs", kMaxDurationMs}}
      .dump();
}

}  // namespace

EMSCRIPTEN_BINDINGS(crux_limits) { emscripten::function("limits", &limits); }
