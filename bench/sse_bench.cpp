// Native throughput of the SSE parser alone and of a whole streamed OpenAI reply (SSE + JSON
// + deltas), in MB/s, over the same stream bench/sse_stream.mjs writes. Run by `npm run bench`.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "ai/generation.hpp"
#include "ai/sse.hpp"

namespace {

std::string open_ai_stream(int tokens) {
  auto chunk = [](const std::string& delta, const char* finish) {
    return "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
           "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n";
  };
  std::string out = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null");
  for (int i = 0; i < tokens; ++i) {
    out += chunk(i % 7 == 0 ? "{\"content\":\" wörld\"}" : "{\"content\":\" tok" + std::to_string(i % 100) + "\"}", "null");
  }
  out += chunk("{}", "\"stop\"");
  out += "data: [DONE]\n\n";
  return out;
}

template <class Body>
double best_mb_per_s(const std::string& stream, int rounds, Body body) {
  double best = 0;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    body();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::max(best, stream.size() / 1e6 / s);
  }
  return best;
}

}  // namespace

int main() {
  const std::string stream = open_ai_stream(20000);
  const size_t piece = 16 * 1024;
  size_t sink = 0;
  double sse = best_mb_per_s(stream, 7, [&] {
    crux::ai::SseParser parser;
    for (size_t at = 0; at < stream.size(); at += piece) sink += parser.feed(std::string_view(stream).substr(at, piece)).size();
  });
  double whole = best_mb_per_s(stream, 7, [&] {
    crux::ai::Generation g(crux::Json{{"provider", "openai"}, {"model", "gpt-4o"}, {"prompt", "x"}, {"stream", true}});
    g.begin_attempt();
    for (size_t at = 0; at < stream.size(); at += piece) sink += g.read_chunk(std::string_view(stream).substr(at, piece)).size();
    sink += g.end_stream().text.size();
  });
  std::printf("{\"streamBytes\":%zu,\"sseParserMBps\":%.1f,\"openAiStreamMBps\":%.1f,\"sink\":%zu}\n", stream.size(), sse, whole, sink);
  return 0;
}
