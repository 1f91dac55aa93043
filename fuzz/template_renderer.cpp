// libFuzzer target: the prompt template renderer.
// Input: [template bytes] NUL [input JSON]; with no NUL, or input that is not JSON, the input
// is a small fixed object. InvalidArgument (a missing variable, an unclosed or empty
// placeholder) is the expected outcome of a bad template; nothing else may be thrown.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ai/template.hpp"
#include "core/error.hpp"
#include "expected_error.hpp"
#include "core/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const size_t nul = bytes.find('\0');
  const std::string_view source = bytes.substr(0, nul);
  crux::Json input = crux::Json::object();
  if (nul != std::string_view::npos) {
    input = crux::Json::parse(bytes.substr(nul + 1), nullptr, /*allow_exceptions=*/false);
  }
  if (nul == std::string_view::npos || input.is_discarded()) {
    input = {{"name", "Ada"}, {"user", {{"tags", {"a", 1, nullptr}}}}, {"n", 2.5}};
  }
  try {
    const std::string out = crux::ai::render_template(source, input);
    // Text without a placeholder comes out unchanged.
    if (source.find("{{") == std::string_view::npos && out != source) std::abort();
  } catch (const crux::Error& error) {
    check_expected_error(error, crux::Code::InvalidArgument);
  }
  return 0;
}
