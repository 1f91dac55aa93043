#pragma once
#include <string>
#include <vector>

#include "core/json.hpp"

namespace crux::ai {

struct Message {
  std::string role;  // "system", "user" or "assistant"
  std::string content;
};

/// What is sent to a model: an optional system text and the messages.
struct Conversation {
  std::string system;
  std::vector<Message> messages;
};

/// The conversation of a generate call's `prompt`, `input` and `system`: a template prompt
/// (and `system`) is rendered with `input` and becomes one user message; a message array
/// (`[{ role, content }]`) is taken as it is. Bad shapes are Error(InvalidArgument).
Conversation conversation_from(const Json& spec);

}  // namespace crux::ai
