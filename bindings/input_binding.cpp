// The door for a flow's declared input: checked by the engine's schema validator when a run
// starts, before anything is written (src/schema/flow_input.hpp). Returns an envelope.
#include <emscripten/bind.h>

#include <string>

#include "envelope.hpp"
#include "schema/flow_input.hpp"

namespace {

/// `{"ok":null}` when `input` fits `schema`; else INVALID_ARGUMENT with `[{ path, message }]`.
std::string checkFlowInput(const std::string& flow_name, const std::string& schema, const std::string& input) {
  return crux::bindings::guard([&] {
    crux::schema::check_flow_input(flow_name, schema, input);
    return std::string("null");
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(crux_input) { emscripten::function("checkFlowInput", &checkFlowInput); }
