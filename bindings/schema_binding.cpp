// The door of crux-schema.wasm, the JSON Schema validator as its own module (@crux/core loads it
// when a run first meets a schema). Declared again in js/core/src/module.d.ts; every function
// returns an envelope (envelope.hpp).
#include <emscripten/bind.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "core/json.hpp"
#include "bytes.hpp"
#include "envelope.hpp"
#include "schema/flow_input.hpp"
#include "schema/validator.hpp"

namespace {

using crux::Json;
using crux::bindings::guard;
using crux::schema::Validator;

/// Schemas compiled so far, by text and budget: crux.wasm asks with the same text for every
/// payload of a wait. Few schemas are in play at once; past this many, all are compiled again.
constexpr std::size_t kMaxCompiled = 64;

const Validator& compiled(const std::string& schema, std::uint64_t budget) {
  static std::map<std::pair<std::string, std::uint64_t>, Validator> validators;
  auto key = std::make_pair(schema, budget);
  auto found = validators.find(key);
  if (found != validators.end()) return found->second;
  Validator validator(crux::parse_json(schema), budget);  // may throw: nothing is evicted then
  if (validators.size() >= kMaxCompiled) validators.clear();
  return validators.emplace(std::move(key), std::move(validator)).first->second;
}

/// `{"ok":[{ path, message }...]}`: how `instance` (the bytes of JSON text; empty for null)
/// fails `schema`; with a null instance `{"ok":null}` once the schema compiles. An invalid
/// schema, or an instance that is not JSON ("<what> is not valid JSON"), is INVALID_ARGUMENT.
std::string validate(const std::string& schema, const emscripten::val& instance, const std::string& what, double budget) {
  return guard([&] {
    const Validator& validator = compiled(schema, static_cast<std::uint64_t>(budget));
    if (instance.isNull()) return std::string("null");
    auto failures = validator.validate_text(crux::bindings::bytes_of(instance), what);
    return crux::schema::failures_json(failures).dump(-1, ' ', false, Json::error_handler_t::replace);
  });
}

/// `{"ok":null}` when `input` fits `schema`; else INVALID_ARGUMENT with `[{ path, message }]`
/// (src/schema/flow_input.hpp): checked when a run starts, before anything is written.
std::string checkFlowInput(const std::string& flow_name, const std::string& schema, const std::string& input) {
  return guard([&] {
    crux::schema::check_flow_input(flow_name, schema, input);
    return std::string("null");
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(crux_schema) {
  emscripten::function("validate", &validate);
  emscripten::function("checkFlowInput", &checkFlowInput);
}
