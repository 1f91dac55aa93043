#pragma once
#include <memory>
#include <stdexcept>
#include <string>

#include "schema/budget.hpp"

namespace crux::schema {

/// A compiled ECMA-262 regular expression: the dialect JSON Schema's `pattern` uses.
/// The build links exactly one implementation of compile_regex: std::regex natively
/// (std_regex.cpp), the host's own RegExp in WebAssembly (bindings/host_regex.cpp), which
/// is the reference dialect, handles any input length, and keeps std::regex out of the .wasm.
class Regex {
 public:
  virtual ~Regex() = default;
  /// Whether the pattern matches anywhere in `utf8`; RegexError if the matcher gives up,
  /// BudgetExhausted (from `budget.spend`) once the match has cost more than `budget` allows.
  virtual bool search(const std::string& utf8, Budget& budget) const = 0;
};

/// A pattern that does not compile, or an input the matcher could not finish.
class RegexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Compiles `source` (UTF-8); RegexError with the reason if it is not a valid pattern.
std::unique_ptr<Regex> compile_regex(const std::string& source);

}  // namespace crux::schema
