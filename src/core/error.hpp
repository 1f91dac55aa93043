#pragma once
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

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
  EngineUnavailable,  ///< a part of the engine could not be loaded (crux-schema.wasm)
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

/// One piece of an error message: text, or an integer written in decimal.
class MessagePart {
 public:
  MessagePart(std::string_view text) : text_(text) {}
  MessagePart(const char* text) : text_(text) {}
  MessagePart(const std::string& text) : text_(text) {}
  template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
  MessagePart(Integer number)
      : magnitude_(number < 0 ? 0 - static_cast<uint64_t>(number) : static_cast<uint64_t>(number)),
        is_number_(true),
        negative_(number < 0) {}

  void append_to(std::string& message) const;

 private:
  std::string_view text_;
  uint64_t magnitude_ = 0;
  bool is_number_ = false;
  bool negative_ = false;
};

/// The parts joined into one message.
std::string message_of(std::initializer_list<MessagePart> parts);

/// Throws Error(code) with the parts joined as its message. Throw sites call this rather than
/// building the message with `+`: each `+` makes a temporary string, and every temporary alive
/// at a call that may throw costs the function a cleanup path in crux.wasm.
[[noreturn]] void raise(Code code, std::initializer_list<MessagePart> message, std::string details = {});

}  // namespace crux
