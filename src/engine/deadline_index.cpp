#include "engine/deadline_index.hpp"

namespace crux {

void DeadlineIndex::set(const std::string& run_id, std::optional<int64_t> deadline) {
  auto old = of_run_.find(run_id);
  if (old != of_run_.end()) {
    if (deadline && *deadline == old->second) return;
    by_time_.erase({old->second, run_id});
    of_run_.erase(old);
  }
  if (!deadline) return;
  by_time_.insert({*deadline, run_id});
  of_run_[run_id] = *deadline;
}

std::optional<int64_t> DeadlineIndex::next() const {
  if (by_time_.empty()) return std::nullopt;
  return by_time_.begin()->first;
}

std::vector<std::string> DeadlineIndex::due(int64_t now) const {
  std::vector<std::string> ids;
  for (const auto& [deadline, id] : by_time_) {
    if (deadline > now) break;
    ids.push_back(id);
  }
  return ids;
}

}  // namespace crux
