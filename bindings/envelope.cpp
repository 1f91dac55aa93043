#include "envelope.hpp"

#include <new>

#include "core/error.hpp"
#include "core/json.hpp"

namespace crux::bindings {

std::string error_envelope(const char* code, const std::string& message, const std::string& details) {
  // Codes are CODE_NAMES, written as they are; messages may quote a provider's bytes: invalid
  // UTF-8 is replaced rather than thrown about here.
  std::string text = "{\"error\":{\"code\":\"";
  text += code;
  text += "\",\"message\":";
  text += Json(message).dump(-1, ' ', false, Json::error_handler_t::replace);
  if (!details.empty()) {
    text += ",\"details\":";
    text += details;
  }
  text += "}}";
  return text;
}

std::string guarded(std::string (*body)(void* context), void* context) {
  try {
    return "{\"ok\":" + body(context) + "}";
  } catch (const Error& e) {
    return error_envelope(crux::code_name(e.code()), e.what(), e.details());
  } catch (const std::bad_alloc&) {
    return error_envelope("PAYLOAD_TOO_LARGE", "out of memory");
  } catch (const std::exception& e) {
    return error_envelope("INVALID_ARGUMENT", e.what());
  }
}

}  // namespace crux::bindings
