#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ai/completion.hpp"
#include "ai/conversation.hpp"
#include "ai/failure.hpp"
#include "ai/provider.hpp"
#include "ai/sse.hpp"
#include "engine/retry_policy.hpp"

namespace crux::ai {

/// One generate call, attempt by attempt. JS does the I/O: it sends `begin_attempt()`'s
/// request with fetch, then hands back the reply (`read_body`, or `read_chunk` per streamed
/// chunk and `end_stream`, or `http_error` / `network_error`), and after a failure asks
/// `retry_delay` whether and when to try again. Every failure is Error(GenerateFailed).
class Generation {
 public:
  /// `{ provider: "openai"|"anthropic"|"offline", model, baseURL?, prompt, input?, system?,
  /// temperature?, maxTokens?, stream?, retries?, backoff? }`; bad input is Error(InvalidArgument).
  explicit Generation(const Json& spec);

  bool offline() const { return provider_ == nullptr; }
  /// The offline model's reply, and the tokens to stream it by.
  Completion offline_reply() const;

  /// The request of the next attempt; forgets what the previous attempt streamed.
  HttpRequest begin_attempt();
  /// A whole 2xx reply.
  Completion read_body(std::string_view body);
  /// The text deltas in a chunk of a streamed 2xx reply (split anywhere, even mid-character).
  std::vector<std::string> read_chunk(std::string_view bytes);
  /// The end of a streamed reply: what it said, or a failure if it stopped short.
  Completion end_stream();
  /// A reply with a non-2xx status. `headers` has lower-case names.
  [[noreturn]] void http_error(int status, const Json& headers, std::string_view body, int64_t now_ms);
  /// The request could not be sent or the connection broke.
  [[noreturn]] void network_error(std::string_view message);

  /// After a failed attempt: milliseconds to wait before the next, or -1 to give up (not
  /// retryable, retries used up, text already streamed to the caller, or a server wait
  /// beyond the backoff's max). `random01` in [0, 1) spreads the backoff (jitter).
  int64_t retry_delay(double random01) const;

  int attempt() const { return attempt_; }

 private:
  [[noreturn]] void fail(Failure failure);
  /// A reply as generate resolves to it: the requested model where the reply named none.
  Completion finished(Completion completion) const;

  std::unique_ptr<Provider> provider_;
  Conversation conversation_;
  CallSettings settings_;
  RetryPolicy retry_;
  int attempt_ = 0;
  std::optional<Failure> last_failure_;
  // The attempt being streamed.
  SseParser sse_;
  Completion streamed_;
  bool stream_done_ = false;
  bool delivered_ = false;
};

}  // namespace crux::ai
