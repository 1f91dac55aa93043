#pragma once
// The syntax tree of an ECMA-262 regular expression with the `u` flag, and its parser (the
// dialect of JSON Schema's `pattern`). The matcher (regex_matcher.cpp) compiles the tree.
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace crux::schema::regex {

/// A set of code points: a bitmap for ASCII, sorted disjoint ranges above it.
class CharSet {
 public:
  using Range = std::pair<char32_t, char32_t>;  // inclusive
  CharSet() = default;
  explicit CharSet(std::vector<Range> ranges);  // any order, may overlap
  bool contains(char32_t c) const {
    if (c < 128) return (ascii_[c >> 6] >> (c & 63)) & 1;
    return contains_above_ascii(c);
  }
  CharSet negated() const;
  const std::vector<Range>& ranges() const { return ranges_; }  // all of them, ASCII included

 private:
  bool contains_above_ascii(char32_t c) const;
  std::array<std::uint64_t, 2> ascii_{};
  std::vector<Range> ranges_;
};

enum class AssertKind { Begin, End, WordBoundary, NotWordBoundary };

struct Node {
  enum class Kind { Empty, Set, Seq, Alt, Group, Repeat, Assert, Look, Backref };
  Kind kind = Kind::Empty;
  std::vector<Node> children;  // Seq, Alt; Group, Repeat and Look have exactly one
  int set = -1;                // Set: index into Syntax::sets
  int group = -1;              // Group: capture number (0 for a non-capturing group); Backref: its target
  int min = 0, max = 0;        // Repeat; max < 0 means unbounded
  bool greedy = true;          // Repeat
  AssertKind assertion = AssertKind::Begin;
  bool behind = false, negative = false;  // Look
};

struct Syntax {
  Node root;
  std::vector<CharSet> sets;
  int groups = 0;  // capturing groups
  bool has_backreferences = false;
};

/// Parses `source` (UTF-8) with the `u` flag's strict grammar; RegexError with the reason
/// (and the offending code point's index) if it is not a valid pattern.
Syntax parse(const std::string& source);

/// The ranges of a Unicode property expression such as "L", "Script=Greek" (what goes between
/// the braces of \p{...}); false if the build does not know it. Linked from
/// unicode_property_table.cpp natively and from bindings/ (asking the host) in WebAssembly.
bool unicode_property(const std::string& expression, std::vector<CharSet::Range>& ranges);

}  // namespace crux::schema::regex
