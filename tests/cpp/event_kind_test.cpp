// Journal event kinds: one name table for what the store holds and history() shows.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "journal/event.hpp"
#include "store/memory_directory.hpp"
#include "store/store.hpp"
#include "thrown.hpp"

using crux::journal::EventKind;

TEST_CASE("each event kind is stored by its name and read back as itself", "[journal]") {
  const EventKind kinds[] = {EventKind::Started,   EventKind::StepCompleted, EventKind::StepFailed, EventKind::Suspended,
                             EventKind::Signaled,  EventKind::Resumed,       EventKind::TimedOut,   EventKind::Completed,
                             EventKind::Failed,    EventKind::Cancelled};
  for (EventKind kind : kinds) {
    crux::journal::Event event;
    event.flow_id = "r";
    event.seq = 1;
    event.kind = kind;
    const crux::store::Record record = event.to_record();
    const crux::Json meta = crux::Json::parse(record.meta);
    CHECK(meta["type"] == crux::journal::event_kind_name(kind));
    CHECK(crux::journal::Event::from_record(meta, record.data).kind == kind);
    CHECK_FALSE(crux::journal::Event::from_record(meta, record.data).fields.contains("type"));
  }
  CHECK(std::string(crux::journal::event_kind_name(EventKind::StepCompleted)) == "step-completed");
  CHECK(std::string(crux::journal::event_kind_name(EventKind::TimedOut)) == "timed-out");
  CHECK_FALSE(crux::journal::event_kind_from_name("paused"));
}

TEST_CASE("a store holding an event of an unknown kind is corrupt, and says which kind", "[journal]") {
  crux::store::MemoryDirectory dir;
  {
    crux::store::Store store(dir, {}, [](const crux::store::Record&) {});
    store.append({R"({"flow":"r","seq":1,"type":"started","at":0,"name":"f"})", ""});
    store.append({R"({"flow":"r","seq":2,"type":"paused","at":1})", ""});
  }
  const crux::testing::Thrown thrown = crux::testing::thrown_by([&] { crux::Engine engine(dir); });
  CHECK(thrown.code == "STORAGE_CORRUPT");
  CHECK(thrown.message.find("run r: unknown event type \"paused\"") != std::string::npos);
}
