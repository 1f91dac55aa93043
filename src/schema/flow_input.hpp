#pragma once
// A flow's declared input (`flow(name, { input: schema }, body)`), checked when a run starts:
// before anything is recorded, so a refused input leaves no run behind.
#include <string>

namespace crux::schema {

/// Throws Error(InvalidArgument) when `input_text` (JSON text; empty for no input, checked as
/// null) does not match `schema_text` (a JSON Schema as JSON text), its details `[{ path,
/// message }]` and its message naming flow `flow_name` and each failing path; also when the
/// schema itself is not a valid JSON Schema or either text is not JSON.
void check_flow_input(const std::string& flow_name, const std::string& schema_text, const std::string& input_text);

}  // namespace crux::schema
