#include "ai/completion.hpp"

namespace crux::ai {

namespace {
Json count(const std::optional<int64_t>& value) { return value ? Json(*value) : Json(nullptr); }
}  // namespace

Json Completion::to_json() const {
  std::optional<int64_t> total;
  if (usage.input && usage.output) total = *usage.input + *usage.output;
  return Json{{"text", text},
              {"usage", {{"inputTokens", count(usage.input)}, {"outputTokens", count(usage.output)}, {"totalTokens", count(total)}}},
              {"finishReason", finish_reason.empty() ? "other" : finish_reason},
              {"model", model}};
}

}  // namespace crux::ai
