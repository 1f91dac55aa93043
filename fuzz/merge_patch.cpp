// libFuzzer target: RFC 7386 JSON Merge Patch (plans' metadata updates).
// Input: JSON text `[target, patch]`; any other JSON is a patch applied to a fixed target.
// InvalidArgument (a patch nested too deep) is the expected outcome of a bad patch. The result
// must be JSON that survives a dump and parse unchanged, hold no member the patch sets to
// null, and applying the same patch again must change nothing (merge patches are idempotent).
// Members keep their order: the target's keys the patch keeps stay where they were, then the
// patch's new keys follow in the patch's order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "expected_error.hpp"
#include "core/json.hpp"
#include "plans/plan.hpp"

namespace {

std::vector<std::string> keys_of(const crux::Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

/// The keys of merge_patch(target, patch), both objects, in the order they must come out.
std::vector<std::string> expected_keys(const crux::Json& target, const crux::Json& patch) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : target.items()) {
    const auto change = patch.find(key);
    if (change == patch.end() || !change->is_null()) keys.push_back(key);
  }
  for (const auto& [key, value] : patch.items()) {
    if (!value.is_null() && !target.contains(key)) keys.push_back(key);
  }
  return keys;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const crux::Json document = crux::Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return 0;
  const bool pair = document.is_array() && document.size() == 2;
  const crux::Json target =
      pair ? document[0] : crux::Json{{"status", "draft"}, {"tags", {"a"}}, {"owner", {{"id", 1}}}};
  const crux::Json& patch = pair ? document[1] : document;
  try {
    const crux::Json result = crux::plans::merge_patch(target, patch);
    if (crux::Json::parse(result.dump()) != result) std::abort();
    if (patch.is_object()) {
      if (!result.is_object()) std::abort();
      if (target.is_object() && keys_of(result) != expected_keys(target, patch)) std::abort();
      for (const auto& [key, value] : patch.items()) {
        if (value.is_null() && result.contains(key)) std::abort();
      }
    }
    if (crux::plans::merge_patch(result, patch) != result) std::abort();
  } catch (const crux::Error& error) {
    check_expected_error(error, crux::Code::InvalidArgument);
  }
  return 0;
}
