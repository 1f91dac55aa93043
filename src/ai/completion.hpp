#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/json.hpp"

namespace crux::ai {

/// Token counts as the provider reported them (absent when it did not).
struct Usage {
  std::optional<int64_t> input;
  std::optional<int64_t> output;
};

/// What a generate call resolves to.
struct Completion {
  std::string text;
  Usage usage;
  std::string finish_reason;  // stop | length | content-filter | tool-calls | error | other; empty: not said (other)
  std::string model;

  /// `{ text, usage: { inputTokens, outputTokens, totalTokens }, finishReason, model }`,
  /// unknown counts as null.
  Json to_json() const;
};

}  // namespace crux::ai
