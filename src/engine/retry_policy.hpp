#pragma once
#include <cstdint>

#include "core/json.hpp"

namespace crux {

/// How a failing step is retried: `retries` more attempts after the first, each after an
/// exponentially growing delay that is recorded as a durable deadline.
struct RetryPolicy {
  int retries = 0;
  int64_t initial_ms = 1000;
  double factor = 2.0;
  int64_t max_ms = 3600 * 1000;

  /// From options `{ retries?, backoff? }` (a step's, a generate call's) over `defaults`;
  /// backoff is a duration (the first delay) or `{ initial?, factor?, max? }`. Bad options
  /// are Error(InvalidArgument) naming `what` ("step"), and so are other keys unless `other_keys`.
  static RetryPolicy from_options(const Json& options, const RetryPolicy& defaults, const char* what,
                                  bool other_keys);
  /// A step's options over the defaults above.
  static RetryPolicy from_options(const Json& options);
  /// The delay before attempt `failed_attempts + 1`.
  int64_t delay_after(int failed_attempts) const;
};

}  // namespace crux
