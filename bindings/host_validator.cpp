// schema::Validator for crux.wasm. The validator is its own module, crux-schema.wasm: JavaScript
// loads it once the engine holds a schema (Engine::holds_schemas) and hands it to this module
// as Module.cruxSchemas. A schema crosses as JSON text, a payload as the bytes of its JSON text
// (copied once, into the other module's memory), failures come back as the JSON
// schema/failures.hpp writes, and the other module keeps each schema compiled.
#include <emscripten/val.h>

#include <string>

#include "core/error.hpp"
#include "core/json.hpp"
#include "schema/validator.hpp"

namespace crux::schema {

namespace detail {
struct CompiledSchema {
  std::string text;
};
}  // namespace detail

namespace {

/// The validator module's answer for `schema` and `instance`, JSON text as a Uint8Array over
/// this module's memory (null: only check the schema).
Json ask(const std::string& schema, const emscripten::val& instance, const std::string& what, std::uint64_t budget) {
  emscripten::val schemas = emscripten::val::module_property("cruxSchemas");
  if (schemas.isUndefined()) {  // JavaScript could not load it: js/core/src/engine-door.js keeps why
    emscripten::val why = emscripten::val::module_property("cruxSchemasFailure");
    raise(Code::EngineUnavailable,
          {why.isString() ? why.as<std::string>() : "the JSON Schema validator (crux-schema.wasm) was not loaded"});
  }
  Json reply = parse_json(schemas.call<std::string>("validate", schema, instance, what, static_cast<double>(budget)));
  if (auto error = reply.find("error"); error != reply.end()) {
    Code code = error->at("code") == "PAYLOAD_TOO_LARGE" ? Code::PayloadTooLarge : Code::InvalidArgument;
    auto details = error->find("details");
    raise(code, {error->at("message").get_ref<const std::string&>()}, details == error->end() ? "" : details->dump());
  }
  return std::move(reply.at("ok"));
}

}  // namespace

Validator::Validator(Json schema, std::uint64_t budget)
    : compiled_(std::make_shared<const detail::CompiledSchema>(detail::CompiledSchema{schema.dump()})), budget_(budget) {
  ask(compiled_->text, emscripten::val::null(), "", budget_);
}

std::vector<Failure> Validator::validate(const Json& instance) const { return validate_text(instance.dump(), "a payload"); }

std::vector<Failure> Validator::validate_text(std::string_view json, const std::string& what) const {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(json.data());
  return failures_from_json(ask(compiled_->text, emscripten::val(emscripten::typed_memory_view(json.size(), bytes)), what, budget_));
}

}  // namespace crux::schema
