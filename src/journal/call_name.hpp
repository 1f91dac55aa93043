#pragma once
#include <string>

#include "core/json.hpp"

namespace crux::journal {

/// Which call of a body a step or wait event is about: the name the body gave, and its
/// occurrence among the body's calls of that kind and name (1, 2, ... in call order).
///
/// A run files each call under its key(). The occurrence is kept out of the name's string
/// space: names never hold control characters, and a key joins the two with U+001F, so no
/// name can equal another call's key, nor a key of an old store (below).
///
/// Stores written before this rule spelled the key into the name ("draft", "draft#2") and
/// record no occurrence: such a call is `legacy`, its key is that old spelling, and a body
/// matches it as it did then (legacy_key).
struct CallName {
  std::string name;
  int occurrence = 1;
  bool legacy = false;

  std::string key() const;
  /// For messages: `"draft"`, or `"draft" (occurrence 2)`.
  std::string display() const;
  /// The old spelling of (name, occurrence): "draft", "draft#2", ...
  static std::string legacy_key(const std::string& name, int occurrence);
  /// Whether the body's call (name, occurrence) is this recorded call.
  bool matches(const std::string& name, int occurrence) const;

  /// Reads the call from an event's `name` and meta fields (no `occurrence`: legacy).
  static CallName read(const std::string& name, const Json& fields);
  /// Writes it back the way read() takes it.
  void write(std::string& name, Json& fields) const;
};

}  // namespace crux::journal
