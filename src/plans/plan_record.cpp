#include "plans/plan_record.hpp"

namespace crux::plans {

store::Record plan_record(const StoredPlan& plan) {
  return {Json{{"plan", plan.id()}, {"op", "put"}}.dump(), plan.json()};
}

store::Record plan_tombstone(const std::string& id) { return {Json{{"plan", id}, {"op", "delete"}}.dump(), {}}; }

bool is_plan_record(const Json& meta) { return meta.contains("plan"); }

bool is_plan_delete(const Json& meta) { return meta.value("op", "") == "delete"; }

}  // namespace crux::plans
