#pragma once
#include "ai/provider.hpp"

namespace crux::ai {

/// OpenAI Chat Completions (`POST {baseURL}/chat/completions`), also spoken by Ollama,
/// llama.cpp's server, vLLM and LM Studio.
class OpenAi final : public Provider {
 public:
  const char* name() const override { return "openai"; }
  std::string default_base_url() const override { return "https://api.openai.com/v1"; }
  HttpRequest request(const Conversation& conversation, const CallSettings& settings) const override;
  Completion parse_body(std::string_view body) const override;
  bool stream_event(const SseEvent& event, Completion& completion, std::string& delta) const override;
};

}  // namespace crux::ai
