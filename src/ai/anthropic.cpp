#include "ai/anthropic.hpp"

#include "ai/failure.hpp"

namespace crux::ai {

namespace {

/// Messages requires max_tokens; this is what a call that sets none asks for.
constexpr int64_t kDefaultMaxTokens = 4096;

std::string finish_reason(const Json& value) {
  if (!value.is_string()) return "other";
  const std::string& reason = value.get_ref<const std::string&>();
  if (reason == "end_turn" || reason == "stop_sequence" || reason == "pause_turn") return "stop";
  if (reason == "max_tokens") return "length";
  if (reason == "tool_use") return "tool-calls";
  if (reason == "refusal") return "content-filter";
  return "other";
}

std::string string_at(const Json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

HttpRequest Anthropic::request(const Conversation& conversation, const CallSettings& settings) const {
  // Messages has no system role: system messages of a message array join the system text.
  std::string system = conversation.system;
  Json messages = Json::array();
  for (const Message& message : conversation.messages) {
    if (message.role == "system") {
      system += (system.empty() ? "" : "\n\n") + message.content;
    } else {
      messages.push_back({{"role", message.role}, {"content", message.content}});
    }
  }
  Json body = {{"model", settings.model},
               {"max_tokens", settings.max_tokens.value_or(kDefaultMaxTokens)},
               {"messages", std::move(messages)}};
  if (!system.empty()) body["system"] = system;
  if (settings.temperature) body["temperature"] = *settings.temperature;
  if (settings.stream) body["stream"] = true;
  HttpRequest request;
  request.url = settings.base_url + "/messages";
  request.headers = {{"content-type", "application/json"},
                     {"anthropic-version", "2023-06-01"},
                     // Without it the API refuses calls from a browser page (CORS).
                     {"anthropic-dangerous-direct-browser-access", "true"}};
  if (settings.stream) request.headers["accept"] = "text/event-stream";
  request.body = body.dump();
  request.auth_header = "x-api-key";
  return request;
}

Completion Anthropic::parse_body(std::string_view text) const {
  const Json reply = parse_reply_json(text);
  if (string_at(reply, "type") == "error") throw AttemptFailed(stream_failure(reply.value("error", Json())));
  Completion completion;
  completion.model = string_at(reply, "model");
  read_usage(reply, "input_tokens", "output_tokens", completion.usage);
  auto content = reply.find("content");
  if (content != reply.end() && content->is_array()) {
    for (const Json& block : *content) {
      if (block.is_object() && string_at(block, "type") == "text") completion.text += string_at(block, "text");
    }
  }
  auto reason = reply.find("stop_reason");
  if (reason != reply.end()) completion.finish_reason = finish_reason(*reason);
  return completion;
}

bool Anthropic::stream_event(const SseEvent& event, Completion& completion, std::string& delta) const {
  const Json data = parse_reply_json(event.data);
  const std::string type = event.type != "message" ? event.type : string_at(data, "type");
  if (type == "content_block_delta") {
    auto change = data.find("delta");
    if (change != data.end() && change->is_object() && string_at(*change, "type") == "text_delta") {
      delta += string_at(*change, "text");
    }
  } else if (type == "message_start") {
    auto message = data.find("message");
    if (message != data.end() && message->is_object()) {
      completion.model = string_at(*message, "model");
      read_usage(*message, "input_tokens", "output_tokens", completion.usage);
    }
  } else if (type == "message_delta") {
    auto change = data.find("delta");
    if (change != data.end() && change->is_object() && change->contains("stop_reason")) {
      completion.finish_reason = finish_reason(change->at("stop_reason"));
    }
    // message_delta's usage counts are cumulative: they replace message_start's.
    Usage later;
    read_usage(data, "input_tokens", "output_tokens", later);
    if (later.input) completion.usage.input = later.input;
    if (later.output) completion.usage.output = later.output;
  } else if (type == "message_stop") {
    return true;
  } else if (type == "error") {
    throw AttemptFailed(stream_failure(data.value("error", Json())));
  }
  return false;
}

}  // namespace crux::ai
