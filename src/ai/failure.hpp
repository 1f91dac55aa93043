#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/json.hpp"

namespace crux::ai {

/// Why an attempt failed, in the terms a retry decision needs.
struct Failure {
  std::string message;
  bool retryable = false;
  std::optional<int> status;                 // the HTTP status, when there was one
  std::optional<int64_t> retry_after_ms;     // what the server asked for, when it did
  std::string provider_message;              // the provider's own words
  std::string provider_type;                 // e.g. "rate_limit_error", "invalid_request_error"
  std::string provider_code;                 // e.g. "invalid_api_key"

  /// Error(GenerateFailed) with `{ provider, status?, retryable, retryAfterMs?, providerMessage?, type?, code?, attempt }` as details.
  Error to_error(std::string_view provider, int attempt) const;
};

/// Thrown by the wire formats when a reply shows the attempt failed; the Generation turns it
/// into Error(GenerateFailed) and remembers it for the retry decision.
struct AttemptFailed : std::runtime_error {
  explicit AttemptFailed(Failure failed) : std::runtime_error(failed.message), failure(std::move(failed)) {}
  Failure failure;
};

/// A reply with a non-2xx status: the provider's message and type from its error body
/// (`{"error":{"message","type","code"}}` of OpenAI and compatible servers, Anthropic's
/// `{"type":"error","error":{...}}`, or a plain `{"error":"..."}`), and whether to retry:
/// 408, 409, 429 and 5xx are retryable. `headers` is an object of lower-case names;
/// `retry-after-ms`, then `retry-after` (seconds or an HTTP date, against `now_ms`), give
/// the server's wait.
Failure http_failure(int status, const Json& headers, std::string_view body, int64_t now_ms);

/// An error object sent inside a stream (`{"message","type"}` or a string), e.g. Anthropic's
/// `overloaded_error` mid-stream: retryable when its type says the server was busy.
Failure stream_failure(const Json& error);

/// The milliseconds from `now_ms` until an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"),
/// at least 0; nullopt if `text` is not an IMF-fixdate.
std::optional<int64_t> ms_until_http_date(std::string_view text, int64_t now_ms);

}  // namespace crux::ai
