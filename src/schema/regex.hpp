#pragma once
#include <memory>
#include <stdexcept>
#include <string>

#include "schema/budget.hpp"

namespace crux::schema {

/// A compiled ECMA-262 regular expression with the `u` flag: the dialect JSON Schema's `pattern`
/// uses. One implementation for every build: regex_syntax.cpp parses, regex_matcher.cpp matches.
class Regex {
 public:
  virtual ~Regex() = default;
  /// Whether the pattern matches anywhere in `utf8` (RegExp.prototype.test), over code points.
  /// Spends one step of `budget` per machine instruction (about a few ns); BudgetExhausted
  /// (from `budget.spend`) once the match has cost more than `budget` allows.
  virtual bool search(const std::string& utf8, Budget& budget) const = 0;
};

/// A pattern that does not compile (or is too large once its repetitions are expanded).
class RegexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Compiles `source` (UTF-8); RegexError with the reason if it is not a valid pattern.
std::unique_ptr<Regex> compile_regex(const std::string& source);

}  // namespace crux::schema
