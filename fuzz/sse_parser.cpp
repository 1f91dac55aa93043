// libFuzzer target: the SSE parser on arbitrary bytes, whole and in pieces.
// Input: [split u16 LE][stream bytes]. The stream is fed in one chunk, then split at
// `split % (size + 1)`, then one byte at a time: all three must give the same events, the
// same retry value and the same partial state, since chunk boundaries carry no meaning.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "ai/sse.hpp"

namespace {

struct Outcome {
  std::vector<crux::ai::SseEvent> events;
  long long retry_ms = -1;
  bool partial = false;
};

void take(std::vector<crux::ai::SseEvent>& into, std::vector<crux::ai::SseEvent> events) {
  for (auto& event : events) into.push_back(std::move(event));
}

Outcome finish(crux::ai::SseParser& parser, std::vector<crux::ai::SseEvent> events) {
  return {std::move(events), parser.retry_ms(), parser.has_partial_event()};
}

bool same(const Outcome& a, const Outcome& b) {
  if (a.events.size() != b.events.size() || a.retry_ms != b.retry_ms || a.partial != b.partial) {
    return false;
  }
  for (size_t i = 0; i < a.events.size(); ++i) {
    const auto& x = a.events[i];
    const auto& y = b.events[i];
    if (x.type != y.type || x.data != y.data || x.id != y.id) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const size_t split_seed = data[0] | (size_t{data[1]} << 8);
  const std::string_view stream(reinterpret_cast<const char*>(data + 2), size - 2);

  crux::ai::SseParser whole;
  const Outcome one = finish(whole, whole.feed(stream));
  for (const auto& event : one.events) {
    if (event.type.empty()) std::abort();  // an unnamed event is a "message"
  }

  crux::ai::SseParser halves;
  const size_t split = split_seed % (stream.size() + 1);
  std::vector<crux::ai::SseEvent> events = halves.feed(stream.substr(0, split));
  take(events, halves.feed(std::string_view()));
  take(events, halves.feed(stream.substr(split)));
  if (!same(one, finish(halves, std::move(events)))) std::abort();

  crux::ai::SseParser bytes;
  events.clear();
  for (size_t i = 0; i < stream.size(); ++i) take(events, bytes.feed(stream.substr(i, 1)));
  if (!same(one, finish(bytes, std::move(events)))) std::abort();
  return 0;
}
