#include "plans/plan.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace crux::plans {
namespace {

/// Deeper JSON is refused: merging and copying recurse once per level.
constexpr size_t kMaxDepth = limits::kMaxJsonDepth;

/// `text` as a JSON string literal, for quoting ids and keys in messages.
std::string quote(const std::string& text) {
  return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

[[noreturn]] void invalid(const std::string& message) {
  raise(Code::InvalidArgument, {message});
}

/// Throws InvalidArgument if `value` nests arrays/objects more than kMaxDepth deep.
/// Iterative, so the check itself cannot overflow the stack.
void check_depth(const Json& value, const std::string& what) {
  std::vector<std::pair<const Json*, size_t>> pending{{&value, 0}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    if (depth + 1 > kMaxDepth) {
      invalid(what + " is nested more than " + std::to_string(kMaxDepth) + " levels deep");
    }
    for (const Json& child : *node) pending.emplace_back(&child, depth + 1);
  }
}

/// RFC 7386 section 2, MergePatch(Target, Patch); `patch` is already depth-checked.
Json apply_merge_patch(Json target, const Json& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = Json::object();
  for (const auto& [name, value] : patch.items()) {
    if (value.is_null()) {
      target.erase(name);
    } else {
      Json& member = target[name];
      member = apply_merge_patch(std::move(member), value);
    }
  }
  return target;
}

// --- Plan JSON ---

const Json& required_member(const Json& json, const char* key) {
  const auto it = json.find(key);
  if (it == json.end()) invalid(std::string("plan JSON is missing \"") + key + "\"");
  return *it;
}

[[noreturn]] void wrong_member_type(const char* key, const char* expected, const Json& value) {
  invalid(std::string("plan JSON \"") + key + "\" must be " + expected + ", got " +
          value.type_name());
}

std::string string_member(const Json& json, const char* key) {
  const Json& value = required_member(json, key);
  if (!value.is_string()) wrong_member_type(key, "a string", value);
  return value.get<std::string>();
}

int64_t integer_member(const Json& json, const char* key) {
  const Json& value = required_member(json, key);
  const bool fits =
      value.is_number_integer() &&
      !(value.is_number_unsigned() &&
        value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()));
  if (!fits) wrong_member_type(key, "a 64-bit integer", value);
  return value.get<int64_t>();
}

// --- PlanSet input ---

/// Checks that `object` is an object holding only title, content and metadata.
void require_plan_fields(const Json& object, const char* what) {
  if (!object.is_object()) {
    invalid(std::string(what) + " must be an object, got " + object.type_name());
  }
  for (const auto& [key, value] : object.items()) {
    if (key != "title" && key != "content" && key != "metadata") {
      invalid(std::string(what) + " has unknown key " + quote(key) +
              " (allowed: title, content, metadata)");
    }
  }
}

/// The string at `key`, if present; InvalidArgument naming the key if it is not a string.
std::optional<std::string> optional_string(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_string()) {
    invalid(std::string("plan \"") + key + "\" must be a string, got " + it->type_name());
  }
  return it->get<std::string>();
}

/// The object at "metadata", if present; InvalidArgument if it is anything but an object.
const Json* optional_metadata(const Json& object, const char* role) {
  const auto it = object.find("metadata");
  if (it == object.end()) return nullptr;
  if (!it->is_object()) {
    invalid(std::string("plan \"metadata\" must be an object (") + role + "), got " +
            it->type_name());
  }
  check_depth(*it, "plan \"metadata\"");
  return &*it;
}

[[noreturn]] void not_found(const std::string& id) {
  raise(Code::PlanNotFound, {"plan ", quote(id), " not found"});
}

}  // namespace

Json merge_patch(Json target, const Json& patch) {
  check_depth(patch, "merge patch");
  return apply_merge_patch(std::move(target), patch);
}

Json Plan::to_json() const {
  return Json{{"id", id},
              {"title", title},
              {"content", content},
              {"metadata", metadata},
              {"version", version},
              {"createdAt", created_at},
              {"updatedAt", updated_at}};
}

// Keys other than the seven are ignored, so a newer writer's extra fields do not break replay.
Plan Plan::from_json(const Json& json) {
  if (!json.is_object())
    invalid(std::string("plan JSON must be an object, got ") + json.type_name());
  Plan plan;
  plan.id = string_member(json, "id");
  if (plan.id.empty()) invalid("plan JSON \"id\" must not be empty");
  plan.title = string_member(json, "title");
  plan.content = string_member(json, "content");
  const Json& metadata = required_member(json, "metadata");
  if (!metadata.is_object()) wrong_member_type("metadata", "an object", metadata);
  check_depth(metadata, "plan JSON \"metadata\"");
  plan.metadata = metadata;
  plan.version = integer_member(json, "version");
  if (plan.version < 1) invalid("plan JSON \"version\" must be at least 1");
  plan.created_at = integer_member(json, "createdAt");
  plan.updated_at = integer_member(json, "updatedAt");
  return plan;
}

StoredPlan::StoredPlan(Plan plan) : id_(plan.id), json_(plan.to_json().dump()), plan_(std::move(plan)) {}

StoredPlan::StoredPlan(std::string id, std::string json, std::string entry)
    : id_(std::move(id)), json_(std::move(json)), entry_(std::move(entry)) {}

const Plan& StoredPlan::plan() const {
  if (plan_) return *plan_;
  const auto corrupt = [&](std::string_view why, std::string_view what, std::string_view after = {}) {
    raise(Code::StorageCorrupt, {"corrupt store entry ", entry_, ": plan ", quote(id_), " ", why, what, after});
  };
  const Json json = parse_json_or_discarded(json_);
  if (json.is_discarded()) corrupt("is not JSON", "");
  Plan plan;
  try {
    plan = Plan::from_json(json);
  } catch (const Error& e) {
    corrupt("is not a plan: ", e.what());
  }
  if (plan.id != id_) corrupt("holds another plan (", quote(plan.id), ")");
  plan_ = std::move(plan);
  return *plan_;
}

const Plan& PlanSet::create(const std::string& id, const Json& fields, int64_t now) {
  if (id.empty()) invalid("plan id must not be empty");
  if (plans_.count(id) != 0) invalid("plan " + quote(id) + " already exists");
  require_plan_fields(fields, "plan fields");

  Plan plan;
  plan.id = id;
  plan.title = optional_string(fields, "title").value_or("");
  plan.content = optional_string(fields, "content").value_or("");
  if (const Json* metadata = optional_metadata(fields, "the initial metadata")) {
    plan.metadata = *metadata;
  }
  plan.created_at = now;
  plan.updated_at = now;
  return plans_.emplace(id, StoredPlan(std::move(plan))).first->second.plan();
}

// Order of checks: a missing plan, then a stale if_version, then malformed changes.
const Plan& PlanSet::update(const std::string& id, const Json& changes,
                            std::optional<int64_t> if_version, int64_t now) {
  const auto it = plans_.find(id);
  if (it == plans_.end()) not_found(id);
  const Plan& current = it->second.plan();
  if (if_version && *if_version != current.version) {
    raise(Code::PlanConflict, {"plan ", quote(id), " is at version ", current.version, ", but the update expected version ",
                              *if_version});
  }
  require_plan_fields(changes, "plan changes");

  // Built on a copy and swapped in at the end, so a failure leaves the plan untouched.
  Plan next = current;
  if (auto title = optional_string(changes, "title")) next.title = std::move(*title);
  if (auto content = optional_string(changes, "content")) next.content = std::move(*content);
  // null is refused rather than read as "clear all metadata"; clearing is {"key": null}.
  if (const Json* patch = optional_metadata(changes, "a merge patch; null is not allowed")) {
    next.metadata = apply_merge_patch(std::move(next.metadata), *patch);
  }
  next.version = current.version + 1;
  next.updated_at = std::max(now, current.updated_at);
  it->second = StoredPlan(std::move(next));
  return it->second.plan();
}

void PlanSet::remove(const std::string& id) {
  if (plans_.erase(id) == 0) not_found(id);
}

const Plan* PlanSet::find(const std::string& id) const {
  const StoredPlan* plan = stored(id);
  return plan ? &plan->plan() : nullptr;
}

const StoredPlan* PlanSet::stored(const std::string& id) const {
  const auto it = plans_.find(id);
  return it == plans_.end() ? nullptr : &it->second;
}

std::vector<const Plan*> PlanSet::list() const {
  std::vector<const Plan*> result;
  result.reserve(plans_.size());
  for (const auto& [id, plan] : plans_) result.push_back(&plan.plan());
  // plans_ is keyed by id, so a stable sort on createdAt keeps ids ascending among ties.
  std::stable_sort(result.begin(), result.end(),
                   [](const Plan* a, const Plan* b) { return a->created_at < b->created_at; });
  return result;
}

void PlanSet::put(Plan plan) { put(StoredPlan(std::move(plan))); }

void PlanSet::put(StoredPlan plan) {
  std::string id = plan.id();
  plans_.insert_or_assign(std::move(id), std::move(plan));
}

void PlanSet::erase(const std::string& id) { plans_.erase(id); }

}  // namespace crux::plans
