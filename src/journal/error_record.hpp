#pragma once
#include <cstddef>
#include <string>

#include "core/error.hpp"

namespace crux::journal {

/// The error a run records when the engine ends it (a divergence from its journal):
/// `{ name: "CruxError", code, message }` as JSON text.
std::string error_record(const Error& error);

/// The error a run or a step records, `{ name, message, code?, details? }` as JSON text, made
/// to fit in `limit` bytes so that an ending can always be recorded. Text within the limit is
/// kept as it is. A larger error keeps its name and code (each cut to a few hundred bytes) and
/// the start of its message; other members (details, ...) are dropped; `truncated: true` and a
/// note at the end of the message say what was cut. Text that is not a JSON object becomes the
/// message of an "Error".
std::string recordable_error(const std::string& error_json, std::size_t limit);

}  // namespace crux::journal
