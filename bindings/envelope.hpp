#pragma once
// Replies across the Embind door: `{"ok":<value>}` or `{"error":{"code","message","details"?}}`,
// so no C++ exception ever crosses into JavaScript and the module stays usable after any error.
#include <string>
#include <type_traits>

namespace crux::bindings {

std::string error_envelope(const char* code, const std::string& message, const std::string& details = {});

/// Runs `body(context)` (JSON text) and wraps its value or its exception in an envelope. One
/// function holds the only try/catch, rather than a copy inlined into every bound method.
std::string guarded(std::string (*body)(void* context), void* context);

/// `body()` returns JSON text; its value or its exception becomes an envelope.
template <typename Body>
std::string guard(Body&& body) {
  using Callable = std::remove_reference_t<Body>;
  return guarded([](void* context) { return (*static_cast<Callable*>(context))(); }, &body);
}

}  // namespace crux::bindings
