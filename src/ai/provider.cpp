#include "ai/provider.hpp"

#include "ai/anthropic.hpp"
#include "ai/failure.hpp"
#include "ai/openai.hpp"
#include "core/error.hpp"

namespace crux::ai {

Json HttpRequest::to_json() const {
  return Json{{"url", url}, {"method", "POST"}, {"headers", headers}, {"body", body},
              {"auth", {{"header", auth_header}, {"prefix", auth_prefix}}}};
}

std::unique_ptr<Provider> make_provider(std::string_view name) {
  if (name == "openai") return std::make_unique<OpenAi>();
  if (name == "anthropic") return std::make_unique<Anthropic>();
  raise(Code::InvalidArgument, {"unknown model provider \"", name, "\""});
}

Json parse_reply_json(std::string_view text) {
  Json parsed = parse_json_or_discarded(text);
  if (parsed.is_discarded() || !parsed.is_object()) {
    Failure failure;
    failure.message = "the reply is not a JSON object: " + std::string(text.substr(0, 200));
    throw AttemptFailed(failure);
  }
  return parsed;
}

void read_usage(const Json& holder, const char* input_key, const char* output_key, Usage& usage) {
  auto found = holder.find("usage");
  if (found == holder.end() || !found->is_object()) return;
  auto input = found->find(input_key);
  if (input != found->end() && input->is_number_integer()) usage.input = input->get<int64_t>();
  auto output = found->find(output_key);
  if (output != found->end() && output->is_number_integer()) usage.output = output->get<int64_t>();
}

}  // namespace crux::ai
