#include "engine/retry_policy.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/options.hpp"
#include "time/duration.hpp"

namespace crux {

namespace {
constexpr int kMaxRetries = 1000;

}  // namespace

RetryPolicy RetryPolicy::from_options(const Json& options, const RetryPolicy& defaults, const char* what,
                                      bool other_keys) {
  RetryPolicy policy = defaults;
  if (options.is_null()) return policy;
  if (!options.is_object()) raise(Code::InvalidArgument, {what, " options must be an object"});
  if (!other_keys) require_known_keys(options, {"retries", "backoff"}, std::string(what) + " options");
  const std::string option = std::string(what) + " option ";
  if (options.contains("retries")) {
    const Json& retries = options.at("retries");
    if (!retries.is_number_integer() || retries.get<int64_t>() < 0 || retries.get<int64_t>() > kMaxRetries) {
      raise(Code::InvalidArgument, {option, "retries must be an integer from 0 to ", kMaxRetries, ", got ", retries.dump()});
    }
    policy.retries = retries.get<int>();
  }
  if (options.contains("backoff")) {
    const Json& backoff = options.at("backoff");
    if (backoff.is_object()) {
      require_known_keys(backoff, {"initial", "factor", "max"}, option + "backoff");
      if (backoff.contains("initial")) policy.initial_ms = parse_duration(backoff.at("initial"));
      if (backoff.contains("max")) policy.max_ms = parse_duration(backoff.at("max"));
      if (backoff.contains("factor")) {
        const Json& factor = backoff.at("factor");
        if (!factor.is_number() || factor.get<double>() < 1 || factor.get<double>() > 100) {
          raise(Code::InvalidArgument, {option, "backoff.factor must be a number from 1 to 100, got ", factor.dump()});
        }
        policy.factor = factor.get<double>();
      }
    } else {
      policy.initial_ms = parse_duration(backoff);
    }
  }
  return policy;
}

RetryPolicy RetryPolicy::from_options(const Json& options) {
  return from_options(options, RetryPolicy(), "step", false);
}

int64_t RetryPolicy::delay_after(int failed_attempts) const {
  // Multiplied out, not std::pow: musl's pow would bring its tables (~7 KiB) into crux.wasm for
  // this one line. At most kMaxRetries rounds, fewer once the delay reaches the cap.
  const double cap = static_cast<double>(max_ms);
  double delay = static_cast<double>(initial_ms);
  for (int attempt = 1; attempt < failed_attempts && delay < cap; attempt++) delay *= factor;
  return static_cast<int64_t>(std::min(delay, cap));
}

}  // namespace crux
