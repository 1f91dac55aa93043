// libFuzzer target: compiles a JSON Schema and validates an instance with it.
// Input: JSON text `[schema, instance]`; any other JSON is a schema validated against itself.
// A crux::Error (an invalid schema) is an expected outcome; anything else escaping is a bug.
// So is a validation that does not stop within its work budget: one that takes longer than
// kMaxValidationTime (kValidationBudget is measured at well under 100 ms; the margin covers
// the sanitizers) aborts.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "expected_error.hpp"
#include "core/json.hpp"
#include "schema/validator.hpp"

namespace {

constexpr std::chrono::milliseconds kMaxValidationTime{2000};

std::vector<crux::schema::Failure> timed_validate(const crux::schema::Validator& validator,
                                                  const crux::Json& instance) {
  const auto start = std::chrono::steady_clock::now();
  auto failures = validator.validate(instance);
  if (std::chrono::steady_clock::now() - start > kMaxValidationTime) std::abort();
  return failures;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string text(reinterpret_cast<const char*>(bytes), size);
  const crux::Json document = crux::Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return 0;
  const bool pair = document.is_array() && document.size() == 2;
  const crux::Json& schema = pair ? document[0] : document;
  const crux::Json& instance = pair ? document[1] : document;
  try {
    const crux::schema::Validator validator(schema);
    const auto failures = timed_validate(validator, instance);
    for (const auto& failure : failures) {
      // Every failure says something and names a place in the instance: one that exists, or
      // a missing member of an object that exists (a `required` failure).
      const crux::Json::json_pointer pointer(failure.path);
      const bool exists = instance.contains(pointer);
      const bool missing_member = !pointer.empty() && instance.contains(pointer.parent_pointer()) &&
                                  instance.at(pointer.parent_pointer()).is_object();
      if (!(exists || missing_member) || failure.message.empty()) std::abort();
    }
    // Validation is a pure function of the compiled schema and the instance.
    if (timed_validate(validator, instance).size() != failures.size()) std::abort();
  } catch (const crux::Error& error) {
    check_expected_error(error, crux::Code::InvalidArgument);
  }
  return 0;
}
