// The door between JavaScript and the engine's LLM wire formats: one Generation per generate
// call. JS does the fetching and hands bytes back; every method returns an envelope.
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include "ai/conversation.hpp"
#include "ai/generation.hpp"
#include "ai/offline.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "envelope.hpp"

namespace {

using crux::Code;
using crux::Error;
using crux::Json;
using crux::parse_json;
using crux::ai::Generation;
using crux::bindings::guard;

std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

class GenerationBinding {
 public:
  /// `{ offline }` once the spec is accepted.
  std::string start(const std::string& spec) {
    return guard([&] {
      Json parsed = parse_json(spec);
      generation_ = std::make_unique<Generation>(parsed);
      return dump(Json{{"offline", generation_->offline()}});
    });
  }
  /// The offline model's completion and the tokens to stream it by.
  std::string offlineReply() {
    return guard([&] {
      crux::ai::Completion completion = generation().offline_reply();
      return dump(Json{{"completion", completion.to_json()}, {"tokens", crux::ai::offline_tokens(completion.text)}});
    });
  }
  std::string beginAttempt() {
    return guard([&] { return dump(generation().begin_attempt().to_json()); });
  }
  std::string readBody(const std::string& body) {
    return guard([&] { return dump(generation().read_body(body).to_json()); });
  }
  /// `bytes` may be a Uint8Array: Embind copies its bytes as they are.
  std::string readChunk(const std::string& bytes) {
    return guard([&] { return dump(Json(generation().read_chunk(bytes))); });
  }
  std::string endStream() {
    return guard([&] { return dump(generation().end_stream().to_json()); });
  }
  std::string httpError(int status, const std::string& headers, const std::string& body, double now) {
    return guard([&]() -> std::string {
      generation().http_error(status, parse_json(headers), body, static_cast<int64_t>(now));
    });
  }
  std::string networkError(const std::string& message) {
    return guard([&]() -> std::string { generation().network_error(message); });
  }
  /// Milliseconds to wait before the next attempt, or -1 to give up.
  double retryDelay(double random01) {
    return generation_ ? static_cast<double>(generation_->retry_delay(random01)) : -1;
  }

 private:
  Generation& generation() {
    if (!generation_) crux::raise(Code::InvalidArgument, {"the generation has not started"});
    return *generation_;
  }

  std::unique_ptr<Generation> generation_;
};

/// `{ system, messages }` of a generate call's prompt, input and system, for a model the
/// engine does not speak to itself (an AI SDK model object).
std::string renderConversation(const std::string& spec) {
  return guard([&] {
    crux::ai::Conversation conversation = crux::ai::conversation_from(parse_json(spec));
    Json messages = Json::array();
    for (const auto& message : conversation.messages) messages.push_back({{"role", message.role}, {"content", message.content}});
    return dump(Json{{"system", conversation.system}, {"messages", std::move(messages)}});
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(crux_ai) {
  emscripten::function("renderConversation", &renderConversation);
  emscripten::class_<GenerationBinding>("Generation")
      .constructor<>()
      .function("start", &GenerationBinding::start)
      .function("offlineReply", &GenerationBinding::offlineReply)
      .function("beginAttempt", &GenerationBinding::beginAttempt)
      .function("readBody", &GenerationBinding::readBody)
      .function("readChunk", &GenerationBinding::readChunk)
      .function("endStream", &GenerationBinding::endStream)
      .function("httpError", &GenerationBinding::httpError)
      .function("networkError", &GenerationBinding::networkError)
      .function("retryDelay", &GenerationBinding::retryDelay);
}
