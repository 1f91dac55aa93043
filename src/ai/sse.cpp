#include "ai/sse.hpp"

#include <cstring>

namespace crux::ai {

namespace {
constexpr std::string_view kBom = "\xEF\xBB\xBF";
}

std::vector<SseEvent> SseParser::feed(std::string_view bytes) {
  std::vector<SseEvent> out;
  if (!started_) {
    // A byte order mark may only open the stream, and may itself arrive split.
    line_.append(bytes);
    if (line_.size() < kBom.size() && kBom.substr(0, line_.size()) == line_) return out;
    started_ = true;
    std::string held = std::move(line_);
    line_.clear();
    std::string_view rest = held;
    if (rest.substr(0, kBom.size()) == kBom) rest.remove_prefix(kBom.size());
    auto events = feed(rest);
    return events;
  }
  size_t at = 0;
  if (after_cr_ && !bytes.empty()) {
    if (bytes[0] == '\n') at = 1;
    after_cr_ = false;
  }
  while (at < bytes.size()) {
    const char* begin = bytes.data() + at;
    const size_t left = bytes.size() - at;
    const void* lf = std::memchr(begin, '\n', left);
    const void* cr = std::memchr(begin, '\r', lf ? static_cast<const char*>(lf) - begin : left);
    const char* end = static_cast<const char*>(cr ? cr : lf);
    if (!end) {
      line_.append(begin, left);
      break;
    }
    const size_t length = static_cast<size_t>(end - begin);
    if (line_.empty()) {
      line(std::string_view(begin, length), out);
    } else {
      line_.append(begin, length);
      std::string whole = std::move(line_);
      line_.clear();
      line(whole, out);
    }
    at += length + 1;
    if (*end == '\r') {
      if (at < bytes.size()) {
        if (bytes[at] == '\n') ++at;
      } else {
        after_cr_ = true;
      }
    }
  }
  return out;
}

void SseParser::line(std::string_view text, std::vector<SseEvent>& out) {
  if (text.empty()) {
    if (!data_.empty()) {
      data_.pop_back();  // the "\n" after the last data line
      out.push_back(SseEvent{type_.empty() ? "message" : type_, std::move(data_), last_id_});
    }
    data_.clear();
    type_.clear();
    return;
  }
  if (text[0] == ':') return;  // a comment, e.g. a keep-alive
  const size_t colon = text.find(':');
  std::string_view field = text.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = text.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    data_.append(value);
    data_.push_back('\n');
  } else if (field == "event") {
    type_.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_id_.assign(value);
  } else if (field == "retry") {
    if (!value.empty() && value.size() < 16 && value.find_first_not_of("0123456789") == std::string_view::npos) {
      retry_ms_ = std::stoll(std::string(value));
    }
  }
}

}  // namespace crux::ai
