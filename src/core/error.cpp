#include "core/error.hpp"

#include <charconv>

namespace crux {

const char* code_name(Code code) {
  switch (code) {
    case Code::InvalidArgument: return "INVALID_ARGUMENT";
    case Code::FlowNotFound: return "FLOW_NOT_FOUND";
    case Code::FlowClosed: return "FLOW_CLOSED";
    case Code::SignalInvalid: return "SIGNAL_INVALID";
    case Code::SuspendTimeout: return "SUSPEND_TIMEOUT";
    case Code::NonDeterministic: return "NON_DETERMINISTIC";
    case Code::NotSerializable: return "NOT_SERIALIZABLE";
    case Code::PlanNotFound: return "PLAN_NOT_FOUND";
    case Code::PlanConflict: return "PLAN_CONFLICT";
    case Code::StorageCorrupt: return "STORAGE_CORRUPT";
    case Code::StorageUnavailable: return "STORAGE_UNAVAILABLE";
    case Code::GenerateFailed: return "GENERATE_FAILED";
    case Code::PayloadTooLarge: return "PAYLOAD_TOO_LARGE";
    case Code::EngineUnavailable: return "ENGINE_UNAVAILABLE";
  }
  return "INVALID_ARGUMENT";
}

void MessagePart::append_to(std::string& message) const {
  if (!is_number_) {
    message.append(text_);
    return;
  }
  if (negative_) message += '-';
  char digits[20];
  message.append(digits, std::to_chars(digits, digits + sizeof digits, magnitude_).ptr);
}

std::string message_of(std::initializer_list<MessagePart> parts) {
  std::string message;
  for (const MessagePart& part : parts) part.append_to(message);
  return message;
}

void raise(Code code, std::initializer_list<MessagePart> message, std::string details) {
  throw Error(code, message_of(message), std::move(details));
}

}  // namespace crux
