#pragma once
// The compiled form of a schema, shared by the compiler (compile.cpp) and the evaluator
// (validator.cpp). Internal to src/schema.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "schema/formats.hpp"
#include "schema/regex.hpp"

namespace crux::schema::detail {

/// The seven JSON Schema type names as bits, so `"type": ["string", "null"]` is one mask test.
enum TypeBit : unsigned {
  kNullType = 1u << 0,
  kBooleanType = 1u << 1,
  kObjectType = 1u << 2,
  kArrayType = 1u << 3,
  kNumberType = 1u << 4,
  kStringType = 1u << 5,
  kIntegerType = 1u << 6,
};

/// A `pattern` (or `patternProperties` key) compiled once.
struct Pattern {
  std::string source;
  std::shared_ptr<const Regex> regex;
};

/// One numeric limit: `minimum` (inclusive) or `exclusiveMinimum`, and the same for maxima.
struct Bound {
  Json limit;
  bool exclusive = false;
};

/// One schema object or boolean schema, with its keywords read and checked. Subschemas are
/// pointers into the owning CompiledSchema; a null pointer means the keyword is absent.
struct Node {
  std::string pointer;          ///< Where this schema sits in its document ("" for the root).
  std::optional<bool> boolean;  ///< Set for the schemas `true` and `false`; nothing else is.
  std::size_t resource = 0;     ///< The schema resource (`$id` scope) it belongs to, by index.

  // Any instance.
  unsigned types = 0;      ///< TypeBit mask; 0 when there is no `type` keyword.
  std::string type_names;  ///< `type` in words, e.g. "string or null".
  std::optional<Json> const_value;
  std::optional<Json> enum_values;  ///< An array.
  std::string const_text, enum_text;  ///< How failures quote them (cut short), made once.
  std::uint64_t const_cost = 0, enum_cost = 0;  ///< Work budget one check spends (comparison_cost).
  const Node* ref = nullptr;
  /// `$dynamicRef`: where it points as a `$ref` would, and, when that is a `$dynamicAnchor` of
  /// the name its fragment gives, every resource with a `$dynamicAnchor` of that name: the
  /// outermost of them in the dynamic scope is the one applied.
  const Node* dynamic_ref = nullptr;
  std::vector<std::pair<std::size_t, const Node*>> dynamic_targets;
  std::vector<const Node*> all_of, any_of, one_of;
  const Node* not_schema = nullptr;
  const Node* if_schema = nullptr;
  const Node* then_schema = nullptr;
  const Node* else_schema = nullptr;

  /// `format`, when this schema's dialect asserts it and Crux knows the format.
  std::optional<Format> format;
  std::string format_name;

  // Numbers.
  std::vector<Bound> lower_bounds, upper_bounds;
  std::optional<Json> multiple_of;

  // Strings.
  std::optional<std::size_t> min_length, max_length;
  std::optional<Pattern> pattern;

  // Arrays.
  std::vector<const Node*> prefix_items;
  const Node* items = nullptr;  ///< Applies to every item after `prefix_items`.
  const Node* contains = nullptr;
  std::size_t min_contains = 1;
  std::optional<std::size_t> max_contains;
  std::optional<std::size_t> min_items, max_items;
  bool unique_items = false;
  const Node* unevaluated_items = nullptr;

  // Objects.
  std::map<std::string, const Node*> properties;
  std::vector<std::pair<Pattern, const Node*>> pattern_properties;
  const Node* additional_properties = nullptr;
  const Node* property_names = nullptr;
  std::vector<std::string> required;
  std::map<std::string, std::vector<std::string>> dependent_required;
  std::map<std::string, const Node*> dependent_schemas;
  std::optional<std::size_t> min_properties, max_properties;
  const Node* unevaluated_properties = nullptr;
};

/// Every node of one schema; a deque so node addresses stay put while compiling.
struct CompiledSchema {
  std::deque<Node> nodes;
  const Node* root = nullptr;
  std::size_t resource_count = 0;  ///< Node::resource is below this.
};

/// Whether `value` is a number with no fractional part (1.0 is; JSON Schema's "integer").
inline bool is_integral(const Json& value) {
  if (value.is_number_integer()) return true;  // also true for unsigned
  if (!value.is_number_float()) return false;
  const double number = value.get<double>();
  return std::isfinite(number) && std::trunc(number) == number;
}

/// What comparing `value` with another value may cost, in work budget steps: one per value
/// it holds, plus one per 64 bytes of its strings. An upper bound on `value == other`.
std::uint64_t comparison_cost(const Json& value);

/// Compiles `schema`; throws Error(InvalidArgument) naming the bad keyword's location.
std::shared_ptr<const CompiledSchema> compile_schema(const Json& schema);

}  // namespace crux::schema::detail
