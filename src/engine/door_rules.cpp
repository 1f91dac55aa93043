#include "engine/door_rules.hpp"

#include "core/json_writer.hpp"

namespace crux::door {

namespace {

const char* const kParked = R"({"parked":true})";

/// Raw JSON text, or null for none (undefined).
const std::string& or_null(const std::string& json) {
  static const std::string null = "null";
  return json.empty() ? null : json;
}

}  // namespace

std::string start_json(const StartResult& start) {
  return JsonObjectWriter().set("flowId", start.flow_id).set("created", start.created).str();
}

std::string pass_json(const std::optional<PassStart>& pass) {
  if (!pass) return "null";
  return JsonObjectWriter().set("execId", pass->exec_id).set("name", pass->name).raw("input", pass->input_json).str();
}

std::string step_begin_json(const StepBegin& begin) {
  if (auto* replay = std::get_if<StepReplay>(&begin)) {
    return JsonObjectWriter().set("replay", true).raw("result", replay->result_json).str();
  }
  if (auto* failed = std::get_if<StepFailed>(&begin)) return JsonObjectWriter().raw("failed", failed->error_json).str();
  if (auto* run = std::get_if<StepRun>(&begin)) {
    JsonObjectWriter out;
    out.set("key", run->key).set("call", run->call).set("attempt", run->attempt);
    if (run->not_before) out.set("notBefore", *run->not_before);
    return out.str();
  }
  return kParked;
}

std::string step_failure_json(const StepFailure& failure) {
  if (auto* retry = std::get_if<StepRetry>(&failure)) return JsonObjectWriter().set("retryAt", retry->retry_at).str();
  if (std::holds_alternative<StepFinal>(failure)) return R"({"final":true})";
  return kParked;
}

std::string wait_place_json(int call) { return JsonObjectWriter().set("wait", call).str(); }

std::string wait_answer_json(const WaitAnswer& answer) {
  JsonObjectWriter out;
  if (auto* resolved = std::get_if<WaitResolved>(&answer)) {
    out.set("state", "resolved").set("key", resolved->key).raw("payload", or_null(resolved->payload_json));
  } else if (std::holds_alternative<WaitTimedOut>(answer)) {
    out.set("state", "timed-out");
  } else if (auto* rejected = std::get_if<WaitRejected>(&answer)) {
    out.set("state", "rejected").raw("failures", rejected->failures_json);
  } else {
    const auto& waiting = std::get<WaitWaiting>(answer);
    out.set("state", "waiting");
    if (waiting.key) out.set("key", *waiting.key);
  }
  return out.str();
}

std::string status_json(const FlowStatus& status) {
  JsonObjectWriter out;
  out.set("flowId", status.flow_id).set("name", status.name).set("status", journal::status_name(status.status));
  if (status.waiting_for) out.set("waitingFor", *status.waiting_for);
  if (status.outcome_json) {
    out.raw(status.status == journal::Status::Completed ? "result" : "error", or_null(*status.outcome_json));
  }
  out.set("createdAt", status.created_at).set("updatedAt", status.updated_at);
  return out.str();
}

std::string statuses_json(const std::vector<FlowStatus>& statuses) {
  std::vector<std::string> items;
  items.reserve(statuses.size());
  for (const FlowStatus& status : statuses) items.push_back(status_json(status));
  return json_array_of(items);
}

std::string signal_json(const SignalOutcome& outcome) {
  JsonObjectWriter out;
  out.set("outcome", outcome.delivered ? "delivered" : "buffered");
  if (outcome.waiting_for) out.set("waitingFor", *outcome.waiting_for);
  out.set("runnable", outcome.runnable);
  return out.str();
}

std::string pending_wait_json(const std::optional<PendingWait>& wait) {
  if (!wait) return "null";
  return JsonObjectWriter().set("key", wait->key).set("name", wait->name).str();
}

std::string history_json(const std::vector<journal::Event>& events) {
  std::vector<std::string> items;
  items.reserve(events.size());
  for (const journal::Event& event : events) {
    JsonObjectWriter out;
    out.set("seq", event.seq).set("type", journal::event_kind_name(event.kind)).set("at", event.at);
    if (!event.name.empty()) out.set("name", event.name);
    if (auto occurrence = event.fields.find("occurrence"); occurrence != event.fields.end() && *occurrence != 1) {
      out.set("occurrence", *occurrence);
    }
    if (event.kind == journal::EventKind::Suspended) {  // its bookkeeping, without the schema
      Json data = {{"wait", event.fields.value("wait", event.name)}};
      for (const char* key : {"deadline", "sleep", "rejected", "signal"}) {
        if (event.fields.contains(key)) data[key] = event.fields.at(key);
      }
      out.set("data", data);
    } else {
      out.raw("data", event.data);
    }
    for (const char* key : {"attempt", "retryAt", "buffered"}) {
      if (event.fields.contains(key)) out.set(key, event.fields.at(key));
    }
    items.push_back(out.str());
  }
  return json_array_of(items);
}

std::string tick_json(const TickResult& tick) {
  return JsonObjectWriter()
      .set("runnable", Json(tick.runnable))
      .raw("nextDeadline", tick.next_deadline ? std::to_string(*tick.next_deadline) : "null")
      .str();
}

std::string ids_json(const std::vector<std::string>& ids) { return Json(ids).dump(); }

std::string plan_json(const plans::Plan* plan) { return plan ? plan->to_json().dump() : "null"; }

std::string plans_json(const std::vector<const plans::Plan*>& plans) {
  std::vector<std::string> items;
  items.reserve(plans.size());
  for (const plans::Plan* plan : plans) items.push_back(plan_json(plan));
  return json_array_of(items);
}

std::string stats_json(const Stats& stats) {
  return JsonObjectWriter().set("runs", stats.runs).set("plans", stats.plans).set("loaded", stats.loaded).str();
}

}  // namespace crux::door
