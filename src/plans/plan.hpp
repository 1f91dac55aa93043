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

/// A plan as a PlanSet holds it: the JSON text it is stored, sent and compared as, and the Plan
/// parsed from that text on first use. A plan read from a store stays text until then, so opening
/// a store parses none of its plans (a quarter of opening 10,000 suspended flows, each with a plan).
class StoredPlan {
 public:
  explicit StoredPlan(Plan plan);
  /// Plan `id` as store entry `entry` holds it, not yet parsed.
  StoredPlan(std::string id, std::string json, std::string entry);

  const std::string& id() const { return id_; }
  const std::string& json() const { return json_; }
  /// The plan, parsed on first use: STORAGE_CORRUPT naming the entry if the text is not plan `id`.
  const Plan& plan() const;

 private:
  std::string id_;
  std::string json_;
  std::string entry_;
  mutable std::optional<Plan> plan_;
};

/// All plans of a store, in memory. Validates every change; throws Error with
/// InvalidArgument, PlanNotFound or PlanConflict and leaves the set unchanged on failure.
/// Reading a stored plan that does not parse is STORAGE_CORRUPT (find, list, update).
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
  bool contains(const std::string& id) const { return plans_.count(id) != 0; }
  /// Every plan, oldest first (createdAt, then id).
  std::vector<const Plan*> list() const;
  size_t size() const { return plans_.size(); }
  /// Every plan as held, by id, none parsed: for writing, comparing and undoing.
  const std::map<std::string, StoredPlan>& stored() const { return plans_; }
  /// One plan as held, unparsed; nullptr if there is none with that id.
  const StoredPlan* stored(const std::string& id) const;

  /// Store replay: put a plan as recorded / erase it.
  void put(Plan plan);
  void put(StoredPlan plan);
  void erase(const std::string& id);

 private:
  std::map<std::string, StoredPlan> plans_;
};

}  // namespace crux::plans
