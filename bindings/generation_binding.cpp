// The door between JavaScript and the engine's LLM wire formats: one Generation per generate
// call, named by an id from start to end. JS does the fetching and hands bytes back; every
// function but end and retryDelay returns an envelope.
#include <emscripten/bind.h>

#include <map>
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

// Generations in progress, by the id start() gave them, until end(). Functions of the module
// with an id rather than an Embind class: the class runtime would cost the glue 2.4 KiB gzipped.
std::map<int, std::unique_ptr<Generation>> generations;
int last_id = 0;

Generation& generation(int id) {
  auto found = generations.find(id);
  if (found == generations.end()) crux::raise(Code::InvalidArgument, {"generation ", id, " has not started or has ended"});
  return *found->second;
}

/// `{ id, offline }` once the spec is accepted; the id names the generation until endGeneration.
std::string start_generation(const std::string& spec) {
  return guard([&] {
    auto started = std::make_unique<Generation>(parse_json(spec));
    const bool offline = started->offline();
    generations.emplace(++last_id, std::move(started));
    return dump(Json{{"id", last_id}, {"offline", offline}});
  });
}
void end_generation(int id) { generations.erase(id); }
/// The offline model's completion and the tokens to stream it by.
std::string offlineReply(int id) {
  return guard([&] {
    crux::ai::Completion completion = generation(id).offline_reply();
    return dump(Json{{"completion", completion.to_json()}, {"tokens", crux::ai::offline_tokens(completion.text)}});
  });
}
std::string beginAttempt(int id) {
  return guard([&] { return dump(generation(id).begin_attempt().to_json()); });
}
std::string readBody(int id, const std::string& body) {
  return guard([&] { return dump(generation(id).read_body(body).to_json()); });
}
/// `bytes` may be a Uint8Array: Embind copies its bytes as they are.
std::string readChunk(int id, const std::string& bytes) {
  return guard([&] { return dump(Json(generation(id).read_chunk(bytes))); });
}
std::string endStream(int id) {
  return guard([&] { return dump(generation(id).end_stream().to_json()); });
}
std::string httpError(int id, int status, const std::string& headers, const std::string& body, double now) {
  return guard([&]() -> std::string {
    generation(id).http_error(status, parse_json(headers), body, static_cast<int64_t>(now));
  });
}
std::string networkError(int id, const std::string& message) {
  return guard([&]() -> std::string { generation(id).network_error(message); });
}
/// Milliseconds to wait before the next attempt, or -1 to give up.
double retryDelay(int id, double random01) {
  auto found = generations.find(id);
  return found == generations.end() ? -1 : static_cast<double>(found->second->retry_delay(random01));
}

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
  emscripten::function("startGeneration", &start_generation);
  emscripten::function("endGeneration", &end_generation);
  emscripten::function("offlineReply", &offlineReply);
  emscripten::function("beginAttempt", &beginAttempt);
  emscripten::function("readBody", &readBody);
  emscripten::function("readChunk", &readChunk);
  emscripten::function("endStream", &endStream);
  emscripten::function("httpError", &httpError);
  emscripten::function("networkError", &networkError);
  emscripten::function("retryDelay", &retryDelay);
}
