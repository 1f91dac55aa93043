#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace crux::plans {

/// The persistent document a UI renders: title and content replace, metadata merges.
struct Plan {
  std::string id;
  std::string title;
  std::string content;
  Json metadata = Json::object();
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;

  /// `{ id, title, content, metadata, version, createdAt, updatedAt }`
  Json to_json() const;
  static Plan from_json(const Json& json);
};

/// RFC 7386 JSON Merge Patch: returns `target` with `patch` applied.
Json merge_patch(Json target, const Json& patch);

/// All plans of a store, in memory. Validates every change; throws Error with
/// InvalidArgument, PlanNotFound or PlanConflict and leaves the set unchanged on failure.
class PlanSet {
 public:
  /// `fields` is `{ title, content, metadata }`: title and content strings (default ""),
  /// metadata an object (default {}); unknown keys are InvalidArgument.
  const Plan& create(const std::string& id, const Json& fields, int64_t now);
  /// `changes` is `{ title?, content?, metadata? }`: title/content replace, metadata is a
  /// merge patch (must be an object). `if_version` mismatch is PlanConflict.
  const Plan& update(const std::string& id, const Json& changes,
                     std::optional<int64_t> if_version, int64_t now);
  /// PlanNotFound if missing.
  void remove(const std::string& id);

  const Plan* find(const std::string& id) const;
  /// Every plan, oldest first (createdAt, then id).
  std::vector<const Plan*> list() const;
  size_t size() const { return plans_.size(); }

  /// Store replay: put a plan as recorded / erase it.
  void put(Plan plan);
  void erase(const std::string& id);

 private:
  std::map<std::string, Plan> plans_;
};

}  // namespace crux::plans
