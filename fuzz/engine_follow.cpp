// libFuzzer target: two engines over one store, as two tabs over one IndexedDB database, driven
// the way JavaScript drives them: each input byte is one step by one of them — read in the
// other's entries (Engine::follow), load the runs it needs, then create, update or delete a
// plan, start or signal a run; then commit the batch, or fail it (storage refused: nothing is
// written and the engine takes the batch back with settled(false)).
//
// Invariants: the versions an engine announces for a plan never go back (subscribers hear the
// changes in order; after a failed commit the plan may be announced again as it was); and once
// both have followed, they and a third engine opened afresh over the store hold the same plans
// and runs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "engine/door.hpp"
#include "engine/door_rules.hpp"
#include "engine/engine.hpp"
#include "store/entry.hpp"

namespace {

using crux::Code;
using crux::Engine;
using crux::Json;

/// The plan versions each engine has announced, by plan id: none may go back.
using Heard = std::map<std::string, int64_t>;
/// What the store holds, by entry name.
using Stored = std::map<std::string, std::string>;

void check_changes(const std::vector<crux::Change>& changes, Heard& heard) {
  for (const Json& change : Json::parse(crux::door::changes_json(changes))) {
    if (change["kind"] != "plan" || change["plan"].is_null()) continue;
    const std::string id = change["id"];
    const int64_t version = change["plan"]["version"];
    auto last = heard.find(id);
    if (last != heard.end() && version < last->second) std::abort();
    heard[id] = version;
  }
}

std::vector<crux::store::Entry> all_of(const Stored& stored) {
  std::vector<crux::store::Entry> entries;
  for (const auto& [name, bytes] : stored) entries.push_back({name, bytes});
  return entries;
}

/// Reads in what the store holds that changed since the engine last looked (as JavaScript reads
/// what has a newer stamp).
void follow(Engine& engine, const Stored& stored, const Stored& before) {
  std::vector<crux::store::Entry> changed;
  for (const auto& [name, bytes] : stored) {
    auto old = before.find(name);
    if (old == before.end() || old->second != bytes) changed.push_back({name, bytes});
  }
  engine.follow(changed);
}

void load(Engine& engine, const Stored& stored, const std::string& id) {
  auto names = engine.to_load(id);
  if (!names) return;
  std::vector<crux::store::Entry> entries;
  for (const auto& [name, bytes] : stored) {
    if (name.rfind(names->prefix, 0) == 0 || name == names->folded) entries.push_back({name, bytes});
  }
  engine.load_run(id, entries);
}

void write(Stored& stored, const crux::store::Writes& writes) {
  for (const std::string& name : writes.remove) stored.erase(name);
  for (const std::string& prefix : writes.remove_prefixes) {
    for (auto it = stored.lower_bound(prefix); it != stored.end() && it->first.rfind(prefix, 0) == 0;) it = stored.erase(it);
  }
  for (const auto& entry : writes.put) stored[entry.name] = entry.bytes;
}

std::string nth_plan(const std::vector<const crux::plans::Plan*>& plans, uint8_t pick) {
  return plans.empty() ? "missing" : plans[pick % plans.size()]->id;
}

std::string nth(const std::vector<std::string>& ids, uint8_t pick) {
  return ids.empty() ? "missing" : ids[pick % ids.size()];
}

/// Makes one change.
void step(Engine& engine, const Stored& stored, uint8_t op, uint8_t arg, int64_t now) {
  switch (op % 5) {
    case 0:
      engine.plan_create(Json{{"title", "plan " + std::to_string(now)}}.dump(), now);
      break;
    case 1:
      engine.plan_update(nth_plan(engine.plan_list(), arg),
                         Json{{"metadata", {{"k" + std::to_string(arg % 7), arg}}}}.dump(), "", now);
      break;
    case 2:
      engine.plan_delete(nth_plan(engine.plan_list(), arg));
      break;
    case 3: {
      const std::string id = "run-" + std::to_string(arg % 16);
      load(engine, stored, id);
      engine.start_run("f", id, Json{{"n", arg}}.dump(), now);
      break;
    }
    default: {
      const std::string id = nth(engine.list_flow_ids(""), arg);
      load(engine, stored, id);
      engine.signal(id, "go", Json{{"n", arg}}.dump(), now);
      break;
    }
  }
}

std::string all_flows(Engine& engine, const Stored& stored) {
  for (const std::string& id : engine.list_flow_ids("")) load(engine, stored, id);
  return crux::door::statuses_json(engine.list_flows(""));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Stored stored;
  Engine a;
  Engine b;
  a.open({});
  b.open({});
  Stored seen_a, seen_b;  // what each engine last read in
  Heard heard_a;
  Heard heard_b;
  // At most 256 steps: longer inputs add time, not new situations.
  for (size_t i = 0; i + 1 < size && i < 512; i += 2) {
    const bool first = data[i] & 1;
    Engine& engine = first ? a : b;
    Heard& heard = first ? heard_a : heard_b;
    Stored& seen = first ? seen_a : seen_b;
    const uint8_t op = data[i] >> 1;
    const int64_t now = static_cast<int64_t>(i);
    const bool fails = op >= 96;  // storage refuses this batch
    follow(engine, stored, seen);
    seen = stored;
    check_changes(engine.commit().changes, heard);
    engine.settled(true);
    try {
      step(engine, stored, op, data[i + 1], now);
    } catch (const crux::Error& error) {
      const Code code = error.code();
      if (code != Code::PlanNotFound && code != Code::FlowNotFound && code != Code::FlowClosed) std::abort();
    }
    crux::Outbox outbox = engine.commit();
    if (fails) {
      engine.settled(false);
      follow(engine, stored, seen);  // as JavaScript reads the store again after a failure
    } else {
      write(stored, outbox.writes);
      seen = stored;
      engine.settled(true);
      check_changes(outbox.changes, heard);
    }
    check_changes(engine.commit().changes, heard);
    engine.settled(true);
  }
  follow(a, stored, seen_a);
  follow(b, stored, seen_b);
  check_changes(a.commit().changes, heard_a);
  check_changes(b.commit().changes, heard_b);
  Engine fresh;
  fresh.open(all_of(stored));
  const std::string plans = crux::door::plans_json(a.plan_list());
  const std::string runs = all_flows(a, stored);
  if (crux::door::plans_json(b.plan_list()) != plans || crux::door::plans_json(fresh.plan_list()) != plans) std::abort();
  if (all_flows(b, stored) != runs || all_flows(fresh, stored) != runs) std::abort();
  return 0;
}
