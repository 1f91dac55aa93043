#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace crux::ai {

/// One Server-Sent Event: its type ("message" when the stream names none) and its data
/// (the `data:` lines joined by "\n").
struct SseEvent {
  std::string type;
  std::string data;
  std::string id;
};

/// An incremental `text/event-stream` parser (WHATWG HTML, "Server-sent events"): bytes go in
/// as they arrive, in chunks of any size, and whole events come out. Lines may end in LF,
/// CRLF or CR, even when a chunk ends between CR and LF; a UTF-8 character split across
/// chunks is kept whole because only complete lines are decoded.
class SseParser {
 public:
  /// The events completed by `bytes`, in order.
  std::vector<SseEvent> feed(std::string_view bytes);
  /// Bytes received that do not yet end an event (what the end of the stream would discard).
  bool has_partial_event() const { return !line_.empty() || !data_.empty() || !type_.empty(); }
  /// The last `retry:` value the stream sent, in milliseconds, or -1.
  long long retry_ms() const { return retry_ms_; }

 private:
  void line(std::string_view text, std::vector<SseEvent>& out);

  std::string line_;
  std::string data_;
  std::string type_;
  std::string last_id_;
  long long retry_ms_ = -1;
  bool after_cr_ = false;
  bool started_ = false;
};

}  // namespace crux::ai
