#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace crux {

/// The deadlines of the runs parked on a wait that can expire, earliest first.
class DeadlineIndex {
 public:
  /// Sets (or, with nothing, clears) run `run_id`'s deadline.
  void set(const std::string& run_id, std::optional<int64_t> deadline);
  /// The earliest deadline, if any.
  std::optional<int64_t> next() const;
  /// The runs whose deadline is at or before `now`, earliest first.
  std::vector<std::string> due(int64_t now) const;

 private:
  std::set<std::pair<int64_t, std::string>> by_time_;
  std::map<std::string, int64_t> of_run_;
};

}  // namespace crux
