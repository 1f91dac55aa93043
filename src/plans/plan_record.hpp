#pragma once
#include <string>

#include "core/json.hpp"
#include "plans/plan.hpp"
#include "store/store.hpp"

namespace crux::plans {

/// How a plan is stored: meta `{ plan: id, op: "put" }`, data the plan's JSON. Version-1
/// stores also hold `{ plan: id, op: "delete" }` records, which opening them applies.
store::Record plan_record(const StoredPlan& plan);
/// What a deleted plan's entry holds until the next index snapshot.
store::Record plan_tombstone(const std::string& id);
bool is_plan_record(const Json& meta);
bool is_plan_delete(const Json& meta);

}  // namespace crux::plans
