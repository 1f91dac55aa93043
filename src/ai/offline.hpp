#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ai/completion.hpp"
#include "ai/conversation.hpp"

namespace crux::ai {

/// A deterministic stand-in for a model, for the demo and for tests without a network. A
/// conversation that asks to execute or carry out a plan gets an execution report of the
/// plan's numbered steps (and any revisions it names); anything else gets a multi-step plan
/// for the brief it names. The same conversation always gets the same text.
Completion offline_reply(const Conversation& conversation);

/// How a streamed reply of `text` arrives: each word with the whitespace before it. Joined
/// they give `text` back.
std::vector<std::string> offline_tokens(std::string_view text);

}  // namespace crux::ai
