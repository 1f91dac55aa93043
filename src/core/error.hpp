#pragma once
#include <stdexcept>
#include <string>

namespace crux {

/// The stable error codes of the public API (DESIGN.md); JS maps each to a CruxError subclass.
enum class Code {
  InvalidArgument,
  FlowNotFound,
  FlowClosed,
  SignalInvalid,
  SuspendTimeout,
  NonDeterministic,
  NotSerializable,
  PlanNotFound,
  PlanConflict,
  StorageCorrupt,
  StorageUnavailable,
  GenerateFailed,
  PayloadTooLarge,
};

/// The wire name of a code, e.g. "INVALID_ARGUMENT".
const char* code_name(Code code);

/// Every error the engine raises on purpose. `details` is JSON text (or empty) with
/// structured extras, e.g. the failing paths of a SIGNAL_INVALID.
class Error : public std::runtime_error {
 public:
  Error(Code code, const std::string& message, std::string details = {})
      : std::runtime_error(message), code_(code), details_(std::move(details)) {}
  Code code() const { return code_; }
  const std::string& details() const { return details_; }

 private:
  Code code_;
  std::string details_;
};

}  // namespace crux
