#include "ai/openai.hpp"

#include "ai/failure.hpp"

namespace crux::ai {

namespace {

std::string finish_reason(const Json& value) {
  if (!value.is_string()) return "other";
  const std::string& reason = value.get_ref<const std::string&>();
  if (reason == "stop") return "stop";
  if (reason == "length") return "length";
  if (reason == "content_filter") return "content-filter";
  if (reason == "tool_calls" || reason == "function_call") return "tool-calls";
  return "other";
}

void read_model(const Json& reply, Completion& completion) {
  auto model = reply.find("model");
  if (model != reply.end() && model->is_string()) completion.model = *model;
}

const Json* first_choice(const Json& reply) {
  auto choices = reply.find("choices");
  if (choices == reply.end() || !choices->is_array() || choices->empty()) return nullptr;
  return &(*choices)[0];
}

}  // namespace

HttpRequest OpenAi::request(const Conversation& conversation, const CallSettings& settings) const {
  Json messages = Json::array();
  if (!conversation.system.empty()) messages.push_back({{"role", "system"}, {"content", conversation.system}});
  for (const Message& message : conversation.messages) {
    messages.push_back({{"role", message.role}, {"content", message.content}});
  }
  Json body = {{"model", settings.model}, {"messages", std::move(messages)}};
  if (settings.temperature) body["temperature"] = *settings.temperature;
  if (settings.max_tokens) body["max_tokens"] = *settings.max_tokens;
  if (settings.stream) {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
  }
  HttpRequest request;
  request.url = settings.base_url + "/chat/completions";
  request.headers = {{"content-type", "application/json"}};
  if (settings.stream) request.headers["accept"] = "text/event-stream";
  request.body = body.dump();
  request.auth_header = "authorization";
  request.auth_prefix = "Bearer ";
  return request;
}

Completion OpenAi::parse_body(std::string_view text) const {
  const Json reply = parse_reply_json(text);
  if (auto error = reply.find("error"); error != reply.end() && !error->is_null()) {
    throw AttemptFailed(stream_failure(*error));
  }
  Completion completion;
  read_model(reply, completion);
  read_usage(reply, "prompt_tokens", "completion_tokens", completion.usage);
  if (const Json* choice = first_choice(reply)) {
    auto message = choice->find("message");
    if (message != choice->end() && message->is_object()) {
      auto content = message->find("content");
      if (content != message->end() && content->is_string()) completion.text = *content;
    }
    auto reason = choice->find("finish_reason");
    if (reason != choice->end()) completion.finish_reason = finish_reason(*reason);
  }
  return completion;
}

bool OpenAi::stream_event(const SseEvent& event, Completion& completion, std::string& delta) const {
  if (event.data == "[DONE]") return true;
  const Json chunk = parse_reply_json(event.data);
  if (auto error = chunk.find("error"); error != chunk.end() && !error->is_null()) {
    throw AttemptFailed(stream_failure(*error));
  }
  read_model(chunk, completion);
  read_usage(chunk, "prompt_tokens", "completion_tokens", completion.usage);
  if (const Json* choice = first_choice(chunk)) {
    auto change = choice->find("delta");
    if (change != choice->end() && change->is_object()) {
      auto content = change->find("content");
      if (content != change->end() && content->is_string()) delta += content->get_ref<const std::string&>();
    }
    auto reason = choice->find("finish_reason");
    if (reason != choice->end() && !reason->is_null()) completion.finish_reason = finish_reason(*reason);
  }
  return false;
}

}  // namespace crux::ai
