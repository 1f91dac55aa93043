#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ai/sse.hpp"

using crux::ai::SseEvent;
using crux::ai::SseParser;

namespace {

std::vector<SseEvent> parse_in_pieces(const std::string& stream, size_t piece) {
  SseParser parser;
  std::vector<SseEvent> events;
  for (size_t at = 0; at < stream.size(); at += piece) {
    for (auto& event : parser.feed(std::string_view(stream).substr(at, piece))) events.push_back(std::move(event));
  }
  return events;
}

std::string describe(const std::vector<SseEvent>& events) {
  std::string out;
  for (const auto& e : events) out += "[" + e.type + "|" + e.data + "|" + e.id + "]";
  return out;
}

}  // namespace

TEST_CASE("sse: events, types, multi-line data, ids, comments", "[ai][sse]") {
  const std::string stream =
      ": keep-alive\n"
      "data: first\n\n"
      "event: message_start\ndata: {\"a\":1}\n\n"
      "data: line one\ndata: line two\nid: 7\n\n"
      "data:no-space\n\n"
      "data\n\n"
      "event: ignored-without-data\n\n"
      "retry: 1500\nunknown: field\ndata: after\n\n";
  const auto events = parse_in_pieces(stream, stream.size());
  CHECK(describe(events) ==
        "[message|first|][message_start|{\"a\":1}|][message|line one\nline two|7][message|no-space|7]"
        "[message||7][message|after|7]");
}

TEST_CASE("sse: CRLF and CR line ends, also split between CR and LF", "[ai][sse]") {
  const std::string crlf = "data: a\r\n\r\nevent: x\r\ndata: b\r\n\r\n";
  const std::string cr = "data: a\r\rdata: b\r\r";
  for (size_t piece = 1; piece <= crlf.size(); ++piece) {
    INFO("piece " << piece);
    CHECK(describe(parse_in_pieces(crlf, piece)) == "[message|a|][x|b|]");
  }
  for (size_t piece = 1; piece <= cr.size(); ++piece) {
    CHECK(describe(parse_in_pieces(cr, piece)) == "[message|a|][message|b|]");
  }
}

TEST_CASE("sse: the same events at every chunk size, UTF-8 split anywhere", "[ai][sse]") {
  const std::string stream =
      "\xEF\xBB\xBF"  // a byte order mark opens the stream
      "event: content_block_delta\n"
      "data: {\"text\":\"wörld 👋 ✓\"}\n\n"
      "data: {\"choices\":[{\"delta\":{\"content\":\"日本語\"}}]}\n\n"
      "data: [DONE]\n\n";
  const std::string whole = describe(parse_in_pieces(stream, stream.size()));
  CHECK(whole ==
        "[content_block_delta|{\"text\":\"wörld 👋 ✓\"}|]"
        "[message|{\"choices\":[{\"delta\":{\"content\":\"日本語\"}}]}|][message|[DONE]|]");
  for (size_t piece = 1; piece < stream.size(); ++piece) {
    INFO("piece " << piece);
    CHECK(describe(parse_in_pieces(stream, piece)) == whole);
  }
  // Every single split point too.
  for (size_t cut = 0; cut <= stream.size(); ++cut) {
    SseParser parser;
    auto events = parser.feed(std::string_view(stream).substr(0, cut));
    for (auto& e : parser.feed(std::string_view(stream).substr(cut))) events.push_back(std::move(e));
    INFO("cut " << cut);
    CHECK(describe(events) == whole);
  }
}

TEST_CASE("sse: an unfinished event is held back, not dispatched", "[ai][sse]") {
  SseParser parser;
  CHECK(parser.feed("data: partial").empty());
  CHECK(parser.has_partial_event());
  CHECK(parser.feed("\n").empty());
  CHECK(parser.has_partial_event());
  auto events = parser.feed("\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "partial");
  CHECK_FALSE(parser.has_partial_event());
}

TEST_CASE("sse: a byte order mark only counts at the start", "[ai][sse]") {
  SseParser parser;
  auto events = parser.feed("data: x\n\n\xEF\xBB\xBF" "data: y\n\n");
  REQUIRE(events.size() == 1);  // the second "field" is named "\xEF\xBB\xBFdata" and ignored
  CHECK(events[0].data == "x");
  SseParser retry;
  retry.feed("retry: 250\n");
  CHECK(retry.retry_ms() == 250);
}
