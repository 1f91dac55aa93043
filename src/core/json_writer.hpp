#pragma once
#include <string>

#include "core/json.hpp"

namespace crux {

/// Builds the text of a JSON object member by member, so that raw JSON text the engine
/// only passes through (step results, payloads) is spliced in without being parsed.
class JsonObjectWriter {
 public:
  JsonObjectWriter& set(const std::string& key, const Json& value) {
    return raw(key, value.dump());
  }
  /// `json` must already be valid JSON text; empty means "leave the member out".
  JsonObjectWriter& raw(const std::string& key, const std::string& json) {
    if (json.empty()) return *this;
    text_ += text_.empty() ? "{" : ",";
    text_ += Json(key).dump();
    text_ += ':';
    text_ += json;
    return *this;
  }
  std::string str() const { return text_.empty() ? "{}" : text_ + "}"; }

 private:
  std::string text_;
};

/// `[a,b,c]` from already-serialized elements.
template <typename Range>
std::string json_array_of(const Range& elements) {
  std::string text = "[";
  for (const auto& element : elements) {
    if (text.size() > 1) text += ',';
    text += element;
  }
  return text + "]";
}

}  // namespace crux
