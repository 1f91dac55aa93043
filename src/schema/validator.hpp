#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace crux::schema {

namespace detail {
struct CompiledSchema;
}

/// One reason an instance does not match: where (a JSON Pointer into the instance, "" for
/// the root) and why, in words a person can read.
struct Failure {
  std::string path;
  std::string message;
};

/// A compiled JSON Schema (draft 2020-12 keywords, plus draft-07 `definitions` and the array
/// form of `items`), used to validate signal payloads when they are sent.
class Validator {
 public:
  /// Throws Error(InvalidArgument) when `schema` is not a valid schema (wrong keyword types,
  /// unresolvable `$ref`, bad `pattern` regex, ...).
  explicit Validator(Json schema);
  /// Every failure, in document order; empty when the instance is valid.
  std::vector<Failure> validate(const Json& instance) const;

 private:
  std::shared_ptr<const detail::CompiledSchema> compiled_;  // built once; see compiled.hpp
};

}  // namespace crux::schema
