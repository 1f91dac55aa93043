#pragma once
#include "ai/provider.hpp"

namespace crux::ai {

/// Anthropic Messages (`POST {baseURL}/messages`, `anthropic-version: 2023-06-01`).
class Anthropic final : public Provider {
 public:
  const char* name() const override { return "anthropic"; }
  std::string default_base_url() const override { return "https://api.anthropic.com/v1"; }
  HttpRequest request(const Conversation& conversation, const CallSettings& settings) const override;
  Completion parse_body(std::string_view body) const override;
  bool stream_event(const SseEvent& event, Completion& completion, std::string& delta) const override;
};

}  // namespace crux::ai
