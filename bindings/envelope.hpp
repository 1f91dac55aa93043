#pragma once
// Replies across the Embind door: `{"ok":<value>}` or `{"error":{"code","message","details"?}}`,
// so no C++ exception ever crosses into JavaScript and the module stays usable after any error.
#include <new>
#include <string>

#include "core/error.hpp"
#include "core/json.hpp"

namespace crux::bindings {

inline std::string error_envelope(const char* code, const std::string& message, const std::string& details = {}) {
  Json error = {{"code", code}, {"message", message}};
  // Messages may quote a provider's bytes: replace invalid UTF-8 rather than throw here.
  std::string text = error.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (!details.empty()) text.insert(text.size() - 1, ",\"details\":" + details);
  return "{\"error\":" + text + "}";
}

/// `body()` returns JSON text; its value or its exception becomes an envelope.
template <typename Body>
std::string guard(Body&& body) {
  try {
    return "{\"ok\":" + body() + "}";
  } catch (const Error& e) {
    return error_envelope(crux::code_name(e.code()), e.what(), e.details());
  } catch (const std::bad_alloc&) {
    return error_envelope("PAYLOAD_TOO_LARGE", "out of memory");
  } catch (const std::exception& e) {
    return error_envelope("INVALID_ARGUMENT", e.what());
  }
}

}  // namespace crux::bindings
