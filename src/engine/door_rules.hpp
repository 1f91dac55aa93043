#pragma once
// The engine's rule answers (results.hpp) as the JSON JavaScript gets: bindings/engine_binding.cpp
// forwards to these, and js/core/src/module.d.ts declares the shapes again. Raw JSON text the
// engine passes through is spliced in unparsed; member order is part of the shape.
#include <optional>
#include <string>
#include <vector>

#include "engine/results.hpp"
#include "journal/event.hpp"
#include "plans/plan.hpp"

namespace crux::door {

/// `{ flowId, created }`
std::string start_json(const StartResult& start);
/// `{ execId, name, input }`, or null when no pass could begin.
std::string pass_json(const std::optional<PassStart>& pass);
/// `{ replay: true, result }` | `{ failed: error }` | `{ key, call, attempt, notBefore? }` | `{ parked: true }`
std::string step_begin_json(const StepBegin& begin);
/// `{ retryAt }` | `{ final: true }` | `{ parked: true }`
std::string step_failure_json(const StepFailure& failure);
/// `{ wait: call }`: a suspend's or sleep's place in call order.
std::string wait_place_json(int call);
/// `{ state: "resolved", key, payload }` | `{ state: "timed-out" }` | `{ state: "rejected", failures }` |
/// `{ state: "waiting", key? }`
std::string wait_answer_json(const WaitAnswer& answer);
/// `{ flowId, name, status, waitingFor?, result? | error?, createdAt, updatedAt }`
std::string status_json(const FlowStatus& status);
std::string statuses_json(const std::vector<FlowStatus>& statuses);
/// `{ outcome: "delivered" | "buffered", waitingFor?, runnable }`
std::string signal_json(const SignalOutcome& outcome);
/// `{ key, name }`, or null.
std::string pending_wait_json(const std::optional<PendingWait>& wait);
/// `[{ seq, type, at, name?, occurrence?, data, attempt?, retryAt?, buffered? }]`; a suspended
/// event's data is its bookkeeping (wait, deadline, sleep, rejected, signal), not its schema.
std::string history_json(const std::vector<journal::Event>& events);
/// `{ runnable: [flowId], nextDeadline }`
std::string tick_json(const TickResult& tick);
/// `[id, ...]`
std::string ids_json(const std::vector<std::string>& ids);
/// `{ id, title, content, metadata, version, createdAt, updatedAt }`, or null.
std::string plan_json(const plans::Plan* plan);
std::string plans_json(const std::vector<const plans::Plan*>& plans);
/// `{ runs, plans, loaded }`
std::string stats_json(const Stats& stats);

}  // namespace crux::door
