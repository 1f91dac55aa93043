#pragma once
// What a validation found, in the words the engine records and reports. Linked into the engine
// itself: in WebAssembly the validator is its own module (crux-schema.wasm) and its failures
// cross to the engine as the JSON below.
#include <string>
#include <vector>

#include "core/json.hpp"

namespace crux::schema {

/// One reason an instance does not match: where (a JSON Pointer into the instance, "" for
/// the root) and why, in words a person can read.
struct Failure {
  std::string path;
  std::string message;
};

/// Failures as JSON, `[{ path, message }]`: the details of a SIGNAL_INVALID, and what a wait
/// records of a payload it rejected.
Json failures_json(const std::vector<Failure>& failures);
/// The failures `failures_json` wrote; throws Error(InvalidArgument) for any other shape.
std::vector<Failure> failures_from_json(const Json& list);
/// Failures for a message: `path: message` joined by "; ", the root as "(root)".
std::string failures_text(const std::vector<Failure>& failures);

}  // namespace crux::schema
