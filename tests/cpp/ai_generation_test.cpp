#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ai/failure.hpp"
#include "ai/generation.hpp"
#include "thrown.hpp"

using crux::Json;
using crux::ai::Generation;
using crux::testing::thrown_by;

namespace {

Json spec(const char* provider, Json extra = Json::object()) {
  Json s = {{"provider", provider}, {"model", "m-1"}, {"prompt", "Plan: {{brief}}"}, {"input", {{"brief", "ship it"}}}};
  s.update(extra);
  return s;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += p;
  return out;
}

const std::string kOpenAiStream =
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-2024\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-2024\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello wö\"},\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-2024\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"rld 👋\"},\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-2024\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-2024\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}\n\n"
    "data: [DONE]\n\n";

const std::string kAnthropicStream =
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}\n\n"
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
    "event: ping\ndata: {\"type\": \"ping\"}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \"}}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"there ✓\"}}\n\n"
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

}  // namespace

TEST_CASE("openai: the request has the path, headers and body of Chat Completions, no key", "[ai][openai]") {
  Generation g(spec("openai", {{"system", "Be brief."}, {"temperature", 0.5}, {"maxTokens", 64},
                               {"baseURL", "http://127.0.0.1:9/v1/"}, {"stream", true}}));
  const Json request = g.begin_attempt().to_json();
  CHECK(request["url"] == "http://127.0.0.1:9/v1/chat/completions");
  CHECK(request["auth"] == Json::parse(R"({"header":"authorization","prefix":"Bearer "})"));
  CHECK(request["headers"]["content-type"] == "application/json");
  const Json body = Json::parse(request["body"].get<std::string>());
  CHECK(body == Json::parse(R"({"model":"m-1","messages":[{"role":"system","content":"Be brief."},
    {"role":"user","content":"Plan: ship it"}],"temperature":0.5,"max_tokens":64,"stream":true,
    "stream_options":{"include_usage":true}})"));
  Generation plain(spec("openai"));
  CHECK(plain.begin_attempt().url == "https://api.openai.com/v1/chat/completions");
}

TEST_CASE("openai: a JSON reply becomes text, usage, finish reason and model", "[ai][openai]") {
  Generation g(spec("openai"));
  g.begin_attempt();
  auto done = g.read_body(R"({"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-2024",
    "choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],
    "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}})");
  CHECK(done.to_json() == Json::parse(R"({"text":"Hello","usage":{"inputTokens":5,"outputTokens":1,"totalTokens":6},
    "finishReason":"stop","model":"gpt-4o-2024"})"));
}

TEST_CASE("openai: a stream gives deltas at every chunk size and the same result", "[ai][openai][sse]") {
  for (size_t piece : {size_t(1), size_t(2), size_t(3), size_t(7), size_t(64), kOpenAiStream.size()}) {
    INFO("piece " << piece);
    Generation g(spec("openai", {{"stream", true}}));
    g.begin_attempt();
    std::vector<std::string> deltas;
    for (size_t at = 0; at < kOpenAiStream.size(); at += piece) {
      for (auto& d : g.read_chunk(std::string_view(kOpenAiStream).substr(at, piece))) deltas.push_back(d);
    }
    CHECK(deltas == std::vector<std::string>{"Hello wö", "rld 👋"});
    auto done = g.end_stream().to_json();
    CHECK(done["text"] == "Hello wörld 👋");
    CHECK(done["finishReason"] == "length");
    CHECK(done["usage"]["totalTokens"] == 13);
    CHECK(done["model"] == "gpt-4o-2024");
  }
}

TEST_CASE("anthropic: the request has the Messages format, system lifted out, no key", "[ai][anthropic]") {
  Json s = spec("anthropic", {{"system", "Sys."}});
  s["prompt"] = Json::parse(R"([{"role":"system","content":"More."},{"role":"user","content":"Hi {{x}}"}])");
  Generation g(s);
  auto request = g.begin_attempt();
  CHECK(request.url == "https://api.anthropic.com/v1/messages");
  CHECK(request.auth_header == "x-api-key");
  CHECK(request.auth_prefix.empty());
  CHECK(request.headers["anthropic-version"] == "2023-06-01");
  CHECK(Json::parse(request.body) == Json::parse(R"({"model":"m-1","max_tokens":4096,"system":"Sys.\n\nMore.",
    "messages":[{"role":"user","content":"Hi {{x}}"}]})"));
}

TEST_CASE("anthropic: JSON reply and stream", "[ai][anthropic][sse]") {
  Generation g(spec("anthropic"));
  g.begin_attempt();
  auto done = g.read_body(R"({"id":"m","type":"message","role":"assistant","model":"claude-x",
    "content":[{"type":"text","text":"Hel"},{"type":"text","text":"lo"}],"stop_reason":"max_tokens",
    "stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":2}})");
  CHECK(done.to_json() == Json::parse(R"({"text":"Hello","usage":{"inputTokens":3,"outputTokens":2,"totalTokens":5},
    "finishReason":"length","model":"claude-x"})"));

  for (size_t piece = 1; piece <= kAnthropicStream.size(); piece += 13) {
    Generation s(spec("anthropic", {{"stream", true}}));
    s.begin_attempt();
    std::vector<std::string> deltas;
    for (size_t at = 0; at < kAnthropicStream.size(); at += piece) {
      for (auto& d : s.read_chunk(std::string_view(kAnthropicStream).substr(at, piece))) deltas.push_back(d);
    }
    CHECK(join(deltas) == "Hi there ✓");
    CHECK(s.end_stream().to_json() == Json::parse(R"({"text":"Hi there ✓","usage":{"inputTokens":11,"outputTokens":5,
      "totalTokens":16},"finishReason":"stop","model":"claude-x"})"));
  }
}

TEST_CASE("errors: HTTP statuses carry the provider's message, type and retryability", "[ai][errors]") {
  Generation g(spec("openai"));
  g.begin_attempt();
  auto unauthorized = thrown_by([&] {
    g.http_error(401, Json::object(), R"({"error":{"message":"Incorrect API key provided: sk-***","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})", 0);
  });
  CHECK(unauthorized.code == "GENERATE_FAILED");
  CHECK(unauthorized.message == "openai: HTTP 401: Incorrect API key provided: sk-***");
  CHECK(g.retry_delay(0.5) == -1);

  crux::ai::Failure busy = crux::ai::http_failure(529, Json::object(),
      R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", 0);
  CHECK(busy.retryable);
  CHECK(busy.provider_type == "overloaded_error");
  CHECK(busy.provider_message == "Overloaded");
  auto error = busy.to_error("anthropic", 2);
  CHECK(Json::parse(error.details()) == Json::parse(R"({"provider":"anthropic","retryable":true,"attempt":2,"status":529,
    "providerMessage":"Overloaded","type":"overloaded_error"})"));

  CHECK(crux::ai::http_failure(400, Json::object(), "not json at all", 0).provider_message == "not json at all");
  CHECK(crux::ai::http_failure(404, Json::object(), R"({"error":"model 'x' not found"})", 0).provider_message == "model 'x' not found");
  CHECK_FALSE(crux::ai::http_failure(400, Json::object(), "{}", 0).retryable);
  for (int status : {408, 409, 429, 500, 502, 503, 504}) CHECK(crux::ai::http_failure(status, Json::object(), "", 0).retryable);
}

TEST_CASE("errors: Retry-After in seconds, milliseconds or as an HTTP date", "[ai][errors]") {
  using crux::ai::http_failure;
  CHECK(http_failure(429, {{"retry-after", "2"}}, "", 0).retry_after_ms == 2000);
  CHECK(http_failure(429, {{"retry-after", "0"}}, "", 0).retry_after_ms == 0);
  CHECK(http_failure(429, {{"retry-after-ms", "150"}, {"retry-after", "9"}}, "", 0).retry_after_ms == 150);
  const int64_t now = 784111777000;  // Sun, 06 Nov 1994 08:49:37 GMT
  CHECK(http_failure(503, {{"retry-after", "Sun, 06 Nov 1994 08:49:40 GMT"}}, "", now).retry_after_ms == 3000);
  CHECK(http_failure(503, {{"retry-after", "Sun, 06 Nov 1994 08:49:00 GMT"}}, "", now).retry_after_ms == 0);
  CHECK_FALSE(http_failure(503, {{"retry-after", "soon"}}, "", now).retry_after_ms);
}

TEST_CASE("retries: 2 by default, exponential with jitter, honouring Retry-After", "[ai][retry]") {
  Generation g(spec("openai", {{"backoff", "100ms"}}));
  g.begin_attempt();
  thrown_by([&] { g.http_error(500, Json::object(), "", 0); });
  CHECK(g.retry_delay(0.0) == 50);
  CHECK(g.retry_delay(0.999999) == 99);
  g.begin_attempt();
  thrown_by([&] { g.http_error(429, {{"retry-after", "1"}}, "", 0); });
  CHECK(g.retry_delay(0.3) == 1000);
  g.begin_attempt();
  thrown_by([&] { g.http_error(500, Json::object(), "", 0); });
  CHECK(g.retry_delay(0.3) == -1);  // three attempts made: two retries used

  Generation none(spec("openai", {{"retries", 0}}));
  none.begin_attempt();
  thrown_by([&] { none.network_error("ECONNREFUSED"); });
  CHECK(none.retry_delay(0.5) == -1);

  Generation patient(spec("openai", {{"retries", 5}, {"backoff", {{"initial", "1s"}, {"max", "3s"}}}}));
  patient.begin_attempt();
  thrown_by([&] { patient.http_error(429, {{"retry-after", "60"}}, "", 0); });
  CHECK(patient.retry_delay(0.5) == -1);  // the server asks for longer than the backoff's max
  patient.begin_attempt();
  patient.begin_attempt();
  patient.begin_attempt();
  thrown_by([&] { patient.http_error(503, Json::object(), "", 0); });
  CHECK(patient.retry_delay(1.0) == 3000);  // capped at max
}

TEST_CASE("streams: an error event fails the attempt; after text was streamed it is not retried", "[ai][sse][errors]") {
  Generation early(spec("anthropic", {{"stream", true}}));
  early.begin_attempt();
  auto overloaded = thrown_by([&] {
    early.read_chunk("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
  });
  CHECK(overloaded.code == "GENERATE_FAILED");
  CHECK_THAT(overloaded.message, Catch::Contains("Overloaded"));
  CHECK(early.retry_delay(0) >= 0);

  Generation late(spec("openai", {{"stream", true}}));
  late.begin_attempt();
  CHECK(late.read_chunk("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial\"}}]}\n\n").size() == 1);
  CHECK(thrown_by([&] { late.read_chunk("data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}\n\n"); }).code == "GENERATE_FAILED");
  CHECK(late.retry_delay(0) == -1);

  Generation cut(spec("openai", {{"stream", true}}));
  cut.begin_attempt();
  cut.read_chunk("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"}}]}\n\n");
  CHECK_THAT(thrown_by([&] { cut.end_stream(); }).message, Catch::Contains("ended before"));
  CHECK(cut.retry_delay(0) >= 0);

  Generation garbage(spec("openai", {{"stream", true}}));
  garbage.begin_attempt();
  CHECK(thrown_by([&] { garbage.read_chunk("data: <html>\n\n"); }).code == "GENERATE_FAILED");
}

TEST_CASE("generate options: bad values are INVALID_ARGUMENT", "[ai][options]") {
  CHECK(thrown_by([] { Generation(spec("nope")); }).message == "unknown model provider \"nope\"");
  CHECK(thrown_by([] { Generation(spec("openai", {{"model", ""}})); }).code == "INVALID_ARGUMENT");
  CHECK(thrown_by([] { Generation(spec("openai", {{"baseURL", "ftp://x"}})); }).code == "INVALID_ARGUMENT");
  CHECK(thrown_by([] { Generation(spec("openai", {{"temperature", 3}})); }).code == "INVALID_ARGUMENT");
  CHECK(thrown_by([] { Generation(spec("openai", {{"maxTokens", 0}})); }).code == "INVALID_ARGUMENT");
  CHECK(thrown_by([] { Generation(spec("openai", {{"retries", -1}})); }).message.find("generate option retries") == 0);
  CHECK(thrown_by([] { Generation(spec("openai", {{"apiKey", "sk"}})); }).message == "generate: unknown option \"apiKey\"");
  CHECK(thrown_by([] { Generation(spec("openai", {{"prompt", Json::array()}})); }).code == "INVALID_ARGUMENT");
  CHECK(thrown_by([] { Generation(spec("openai", {{"prompt", Json::parse(R"([{"role":"tool","content":"x"}])")}})); }).code == "INVALID_ARGUMENT");
  CHECK(thrown_by([] { Generation(spec("openai", {{"input", {{"other", 1}}}})); }).message.find("{{brief}}") != std::string::npos);
}

TEST_CASE("offline: no request; the reply comes from the conversation", "[ai][offline]") {
  Generation g(spec("offline", {{"model", "offline"}}));
  CHECK(g.offline());
  CHECK(g.offline_reply().text.rfind("# Plan: ship it", 0) == 0);
  CHECK(thrown_by([&] { g.begin_attempt(); }).code == "INVALID_ARGUMENT");
}

TEST_CASE("a reply that names no model reports the model asked for", "[ai][openai]") {
  Generation g(spec("openai"));
  g.begin_attempt();
  CHECK(g.read_body(R"({"choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"stop"}]})").model == "m-1");
  Generation s(spec("openai", {{"stream", true}}));
  s.begin_attempt();
  s.read_chunk("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\n");
  CHECK(s.end_stream().model == "m-1");
}
