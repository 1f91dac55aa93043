#include "core/names.hpp"

#include <optional>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/utf8.hpp"

namespace crux {

void check_name(const std::string& name, const char* what) {
  const std::optional<size_t> length = utf8::valid_length(name);
  if (!length) raise(Code::InvalidArgument, {what, " is not valid Unicode text (UTF-8)"});
  if (*length == 0 || *length > limits::kMaxNameChars) {
    raise(Code::InvalidArgument, {what, " must be a non-empty string of at most ", limits::kMaxNameChars,
                                 " characters (Unicode code points)"});
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      raise(Code::InvalidArgument, {what, " must not contain control characters"});
    }
  }
}

}  // namespace crux
