#include "core/error.hpp"

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
  }
  return "INVALID_ARGUMENT";
}

}  // namespace crux
