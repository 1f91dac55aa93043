#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "schema/failures.hpp"

namespace crux::schema {

namespace detail {
struct CompiledSchema;
}

/// The work one validation may do, in Budget steps (budget.hpp): a step is one subschema applied
/// to one value, one comparison unit of const/enum/uniqueItems (a value, or 64 bytes of string),
/// 64 bytes of path or message copied, or one step of a pattern match. Measured in WASM under
/// Node (bench/schema_budget.mjs, see README "Limits"): the costliest payloads we could build
/// stop within this budget in well under 100 ms, while a 4 MiB array of small objects against
/// a typical zod object schema spends about a third of it.
constexpr std::uint64_t kValidationBudget = 2'000'000;

/// A compiled JSON Schema (draft 2020-12 keywords, plus draft-07 `definitions` and the array
/// form of `items`), used to validate signal payloads when they are sent.
class Validator {
 public:
  /// Throws Error(InvalidArgument) when `schema` is not a valid schema (wrong keyword types,
  /// unresolvable `$ref`, bad `pattern` regex, a `$ref` cycle or chain no value could get
  /// through, ...). `budget` is the work each validate() may do (tests pass smaller ones).
  explicit Validator(Json schema, std::uint64_t budget = kValidationBudget);
  /// Every failure, in document order; empty when the instance is valid. When checking would
  /// cost more than the budget, one failure at the root that says so.
  std::vector<Failure> validate(const Json& instance) const;
  /// validate() of `json`, JSON text (empty for null): INVALID_ARGUMENT "<what> is not valid
  /// JSON" when it is not. In WebAssembly the text goes to the validator's module as it is,
  /// rather than parsed here and written out again.
  std::vector<Failure> validate_text(std::string_view json, const std::string& what) const;

 private:
  std::shared_ptr<const detail::CompiledSchema> compiled_;  // built once; see compiled.hpp
  std::uint64_t budget_;
};

}  // namespace crux::schema
