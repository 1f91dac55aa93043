#include "schema/flow_input.hpp"

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "schema/validator.hpp"

namespace crux::schema {

void check_flow_input(const std::string& flow_name, const std::string& schema_text, const std::string& input_text) {
  const std::string flow = "flow \"" + flow_name + "\"";
  std::optional<Validator> validator;
  try {
    validator.emplace(parse_argument(schema_text, "the input schema of " + flow));
  } catch (const Error& error) {
    raise(Code::InvalidArgument, {"the input schema of ", flow, " is not a valid schema: ", error.what()});
  }
  std::vector<Failure> failures = validator->validate_text(input_text, "the input of " + flow);
  if (failures.empty()) return;
  raise(Code::InvalidArgument,
        {"the input of ", flow, " does not match its declared schema: ", failures_text(failures), " (no run was started)"},
        failures_json(failures).dump(-1, ' ', false, Json::error_handler_t::replace));
}

}  // namespace crux::schema
