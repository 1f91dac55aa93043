#include "engine/door.hpp"

#include "core/error.hpp"
#include "core/json_writer.hpp"

namespace crux::door {

std::vector<store::Entry> entries_from(const std::string& layout_json, const std::string& bytes) {
  const Json layout = parse_json_or_discarded(layout_json);
  if (layout.is_discarded()) raise(Code::InvalidArgument, {"entry layout is not JSON"});
  if (!layout.is_array()) raise(Code::InvalidArgument, {"entry layout must be an array"});
  std::vector<store::Entry> entries;
  entries.reserve(layout.size());
  size_t at = 0;
  for (const Json& item : layout) {
    if (!item.is_array() || item.size() != 2 || !item[0].is_string() || !item[1].is_number_unsigned()) {
      raise(Code::InvalidArgument, {"entry layout items are [name, byteLength]"});
    }
    const size_t length = item[1].get<size_t>();
    if (length > bytes.size() - at) raise(Code::InvalidArgument, {"entry layout overruns the bytes"});
    entries.push_back({item[0].get<std::string>(), bytes.substr(at, length)});
    at += length;
  }
  if (at != bytes.size()) raise(Code::InvalidArgument, {"bytes left over after the entry layout"});
  return entries;
}

std::string changes_json(const std::vector<Change>& changes) {
  std::vector<std::string> items;
  items.reserve(changes.size());
  for (const Change& change : changes) {
    JsonObjectWriter out;
    if (change.kind == Change::Kind::Plan) {
      out.set("kind", "plan").set("id", change.id).raw("plan", change.plan_json);
    } else {
      out.set("kind", "flow").set("id", change.id);
      if (change.run) {
        out.set("name", change.run->name).set("status", journal::status_name(change.run->status));
      } else {
        out.set("deleted", true);
      }
    }
    items.push_back(out.str());
  }
  return json_array_of(items);
}

std::string outbox_json(Outbox& outbox, std::optional<int64_t> next_deadline, std::string& bytes) {
  Json put = Json::array();
  size_t total = 0;
  for (const store::Entry& entry : outbox.writes.put) total += entry.bytes.size();
  bytes.clear();
  bytes.reserve(total);
  for (const store::Entry& entry : outbox.writes.put) {
    put.push_back(Json::array({entry.name, entry.bytes.size()}));
    bytes += entry.bytes;
  }
  return JsonObjectWriter()
      .raw("put", put.dump())
      .raw("remove", Json(outbox.writes.remove).dump())
      .raw("removePrefixes", Json(outbox.writes.remove_prefixes).dump())
      .raw("changes", changes_json(outbox.changes))
      .raw("nextDeadline", next_deadline ? std::to_string(*next_deadline) : "null")
      .str();
}

std::string run_entries_json(const std::optional<store::RunEntries>& entries) {
  if (!entries) return "null";
  JsonObjectWriter out;
  out.set("prefix", entries->prefix).set("folded", entries->folded);
  if (!entries->from.empty()) out.set("from", entries->from);
  return out.str();
}

}  // namespace crux::door
