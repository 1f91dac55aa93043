#pragma once
#include <string>

namespace crux {

/// Checks a name given to the API (a flow, flowId, step, wait or signal name): valid UTF-8, 1 to
/// limits::kMaxNameChars code points, no control characters. InvalidArgument naming `what`
/// otherwise.
void check_name(const std::string& name, const char* what);

}  // namespace crux
