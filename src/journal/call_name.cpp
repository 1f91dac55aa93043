#include "journal/call_name.hpp"

namespace crux::journal {

std::string CallName::key() const {
  if (legacy) return name;
  return name + '\x1f' + std::to_string(occurrence);
}

std::string CallName::display() const {
  std::string quoted = Json(name).dump(-1, ' ', false, Json::error_handler_t::replace);
  if (legacy || occurrence == 1) return quoted;
  return quoted + " (occurrence " + std::to_string(occurrence) + ")";
}

std::string CallName::legacy_key(const std::string& name, int occurrence) {
  return occurrence == 1 ? name : name + "#" + std::to_string(occurrence);
}

bool CallName::matches(const std::string& other_name, int other_occurrence) const {
  if (legacy) return name == legacy_key(other_name, other_occurrence);
  return name == other_name && occurrence == other_occurrence;
}

CallName CallName::read(const std::string& name, const Json& fields) {
  auto occurrence = fields.find("occurrence");
  if (occurrence == fields.end()) return CallName{name, 1, true};
  return CallName{name, occurrence->get<int>(), false};
}

void CallName::write(std::string& event_name, Json& fields) const {
  event_name = name;
  if (!legacy) fields["occurrence"] = occurrence;
}

}  // namespace crux::journal
