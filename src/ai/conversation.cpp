#include "ai/conversation.hpp"

#include "ai/template.hpp"
#include "core/error.hpp"

namespace crux::ai {

namespace {

Message message_from(const Json& item, size_t index) {
  const std::string where = "prompt message " + std::to_string(index);
  if (!item.is_object()) raise(Code::InvalidArgument, {where, " must be an object like { role, content }"});
  auto role = item.find("role");
  if (role == item.end() || !role->is_string() ||
      (*role != "system" && *role != "user" && *role != "assistant")) {
    raise(Code::InvalidArgument, {where, " needs a role of \"system\", \"user\" or \"assistant\""});
  }
  auto content = item.find("content");
  if (content == item.end() || !content->is_string()) {
    raise(Code::InvalidArgument, {where, " needs a string content"});
  }
  return Message{role->get<std::string>(), content->get<std::string>()};
}

}  // namespace

Conversation conversation_from(const Json& spec) {
  static const Json kNoInput = Json::object();
  auto found_input = spec.find("input");
  const Json& input = found_input == spec.end() || found_input->is_null() ? kNoInput : *found_input;
  if (!input.is_object()) raise(Code::InvalidArgument, {"generate input must be an object"});

  Conversation conversation;
  auto system = spec.find("system");
  if (system != spec.end() && !system->is_null()) {
    if (!system->is_string()) raise(Code::InvalidArgument, {"generate system must be a string"});
    conversation.system = render_template(system->get_ref<const std::string&>(), input);
  }

  auto prompt = spec.find("prompt");
  if (prompt != spec.end() && prompt->is_string()) {
    conversation.messages.push_back(Message{"user", render_template(prompt->get_ref<const std::string&>(), input)});
  } else if (prompt != spec.end() && prompt->is_array() && !prompt->empty()) {
    for (size_t i = 0; i < prompt->size(); ++i) conversation.messages.push_back(message_from((*prompt)[i], i));
  } else {
    raise(Code::InvalidArgument, {"generate needs a prompt: a template string or a non-empty array of { role, content } messages"});
  }
  return conversation;
}

}  // namespace crux::ai
