#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ai/completion.hpp"
#include "ai/conversation.hpp"
#include "ai/sse.hpp"
#include "core/json.hpp"

namespace crux::ai {

/// The HTTP request of one attempt. The secret is not in it: JS adds the header named
/// `auth_header` with `auth_prefix` + the API key, so keys never enter the engine.
struct HttpRequest {
  std::string url;
  Json headers = Json::object();
  std::string body;
  std::string auth_header;
  std::string auth_prefix;

  Json to_json() const;
};

/// The settings of a call that the wire format needs.
struct CallSettings {
  std::string model;
  std::string base_url;  // without a trailing slash
  std::optional<double> temperature;
  std::optional<int64_t> max_tokens;
  bool stream = false;
};

/// One LLM provider's wire format: the request it expects and the replies it sends.
class Provider {
 public:
  virtual ~Provider() = default;
  /// "openai", "anthropic": how errors and results name the provider.
  virtual const char* name() const = 0;
  virtual std::string default_base_url() const = 0;
  virtual HttpRequest request(const Conversation& conversation, const CallSettings& settings) const = 0;
  /// A whole (non-streamed) 2xx reply; an error inside it throws AttemptFailed.
  virtual Completion parse_body(std::string_view body) const = 0;
  /// One event of a streamed reply: appends its text to `delta` and updates `completion`;
  /// true once the stream says it is complete. An error event throws AttemptFailed.
  virtual bool stream_event(const SseEvent& event, Completion& completion, std::string& delta) const = 0;
};

/// The provider named `name` ("openai", "anthropic"); anything else is Error(InvalidArgument).
std::unique_ptr<Provider> make_provider(std::string_view name);

/// A JSON object sent by the provider; anything else is AttemptFailed.
Json parse_reply_json(std::string_view text);

/// Reads the token counts in `holder`'s "usage" object, which the provider names `input_key`
/// and `output_key`; a count that is missing or not an integer leaves `usage` as it was.
void read_usage(const Json& holder, const char* input_key, const char* output_key, Usage& usage);

}  // namespace crux::ai
