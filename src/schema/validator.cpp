// Validating an instance against a compiled schema (compiled.hpp): every keyword that fails
// adds a Failure at the JSON Pointer of the value it judged.
#include "schema/validator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "schema/compiled.hpp"
#include "schema/text.hpp"

namespace crux::schema {
namespace {

using detail::Node;

/// Deeper instances get a failure instead of being walked, so validating never exhausts the stack.
constexpr int kMaxInstanceDepth = 512;
/// The most subschemas being applied at once, counted along the path from the root value to
/// the deepest value being judged, so validating never exhausts the stack. Each value adds at
/// most kMaxInPlaceChain (compile.cpp, checked when the schema is compiled); only deep payloads
/// against recursive schemas can reach this.
constexpr int kMaxSchemaFrames = 2048;
/// Budget steps per this many bytes copied or scanned (paths, property names, string lengths).
constexpr std::uint64_t kBytesPerStep = 64;
/// A failure (and a branch evaluated apart, for anyOf/oneOf/not/if/contains) costs about this
/// many plain steps in WASM: its path and message are new strings. Valid payloads pay none.
constexpr std::uint64_t kStepsPerFailure = 24;
/// An anyOf/oneOf failure quotes the first failure of at most this many branches, each message
/// cut to this many bytes (nested anyOf summaries would otherwise grow without bound).
constexpr std::size_t kMaxBranchesInSummary = 4;
constexpr std::size_t kMaxBranchSummaryChars = 160;

/// The detail::TypeBit names `value` satisfies: an integral number is a "number" and an "integer".
unsigned type_bits_of(const Json& value) {
  using namespace detail;
  switch (value.type()) {
    case Json::value_t::null:
      return kNullType;
    case Json::value_t::boolean:
      return kBooleanType;
    case Json::value_t::object:
      return kObjectType;
    case Json::value_t::array:
      return kArrayType;
    case Json::value_t::string:
      return kStringType;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return is_integral(value) ? kNumberType | kIntegerType : kNumberType;
    default:
      return 0;
  }
}

bool is_negative_integer(const Json& value) {
  return value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() < 0;
}

/// -1, 0 or 1 as `a` is below, equal to or above `b`; exact when both are integers.
int compare_numbers(const Json& a, const Json& b) {
  if (a.is_number_float() || b.is_number_float()) {
    const double x = a.get<double>();
    const double y = b.get<double>();
    return (x > y) - (x < y);
  }
  const bool a_negative = is_negative_integer(a);
  if (a_negative != is_negative_integer(b)) return a_negative ? -1 : 1;
  if (a_negative) {
    const auto x = a.get<std::int64_t>();
    const auto y = b.get<std::int64_t>();
    return (x > y) - (x < y);
  }
  const auto x = a.get<std::uint64_t>();
  const auto y = b.get<std::uint64_t>();
  return (x > y) - (x < y);
}

std::uint64_t magnitude(const Json& integer) {
  return is_negative_integer(integer) ? 0 - static_cast<std::uint64_t>(integer.get<std::int64_t>())
                                      : integer.get<std::uint64_t>();
}

/// Exact for integers; for fractions, a relative tolerance absorbs binary rounding (0.3 / 0.1).
bool is_multiple_of(const Json& value, const Json& divisor) {
  if (value.is_number_integer() && divisor.is_number_integer()) {
    return magnitude(value) % divisor.get<std::uint64_t>() == 0;
  }
  const double quotient = value.get<double>() / divisor.get<double>();
  if (!std::isfinite(quotient)) return false;
  return std::abs(quotient - std::round(quotient)) <= 1e-10 * std::max(1.0, std::abs(quotient));
}

/// A hash that agrees with Json's ==, which finds 1 and 1.0 (and 0.0 and -0.0) equal; nlohmann's
/// own std::hash does not.
std::size_t hash_of(const Json& value) {
  // The golden ratio's bits, as wide as size_t is (64 natively, 32 in wasm32).
  constexpr std::size_t kMix = sizeof(std::size_t) >= 8 ? static_cast<std::size_t>(0x9e3779b97f4a7c15ull) : 0x9e3779b9u;
  std::size_t hash = static_cast<std::size_t>(value.type() == Json::value_t::number_unsigned ||
                                                      value.type() == Json::value_t::number_integer
                                                  ? Json::value_t::number_float
                                                  : value.type());
  const auto combine = [&](std::size_t part) { hash ^= part + kMix + (hash << 6) + (hash >> 2); };
  if (value.is_number()) {
    const double number = value.get<double>();
    combine(std::hash<double>{}(number == 0 ? 0.0 : number));
  } else if (value.is_string()) {
    combine(std::hash<std::string>{}(value.get_ref<const std::string&>()));
  } else if (value.is_boolean()) {
    combine(value.get<bool>());
  } else if (value.is_array()) {
    for (const Json& item : value) combine(hash_of(item));
  } else if (value.is_object()) {
    // Objects keep their key order, but == ignores it: members are summed, in any order alike.
    std::size_t members = 0;
    for (const auto& [name, member] : value.items()) {
      const std::size_t name_hash = std::hash<std::string>{}(name);
      members += name_hash ^ (hash_of(member) + kMix + (name_hash << 6) + (name_hash >> 2));
    }
    combine(members);
  }
  return hash;
}

/// "1 item", "2 items".
std::string count_of(std::size_t count, const char* singular, const char* plural) {
  return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

std::string pattern_text(const detail::Pattern& pattern) { return "\"" + pattern.source + "\""; }

/// Which members of one object, or items of one array, some keyword has evaluated (by position),
/// for `unevaluatedProperties` and `unevaluatedItems`: the annotations of 2020-12's applicators.
/// One bit per member or item, so that merging costs what spend_bytes charges for it.
class Evaluated {
 public:
  explicit Evaluated(std::size_t size) : words_((size + 63) / 64, 0), size_(size) {}
  std::size_t size() const { return size_; }
  void mark(std::size_t index) { words_[index / 64] |= std::uint64_t{1} << (index % 64); }
  void mark_all() { all_ = true; }
  bool all() const { return all_; }
  bool has(std::size_t index) const { return all_ || (words_[index / 64] >> (index % 64) & 1) != 0; }
  void merge(const Evaluated& other) {
    all_ = all_ || other.all_;
    if (all_) return;
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
  }

 private:
  std::vector<std::uint64_t> words_;
  std::size_t size_;
  bool all_ = false;
};

/// Walks one instance against one compiled schema, collecting failures.
class Evaluation {
 public:
  Evaluation(std::vector<Failure>& failures, std::uint64_t budget, std::size_t resources)
      : failures_(&failures), first_entry_(resources, kNotInScope), budget_(budget) {}

  /// Applies `node` to `instance`. `evaluated`, when given, collects the members or items of
  /// `instance` (an object or array) that `node` evaluates, for an `unevaluated*` above it.
  void apply(const Node& node, const Json& instance, Evaluated* evaluated = nullptr) {
    budget_.spend();
    if (frames_ >= kMaxSchemaFrames) {
      fail("more than " + std::to_string(kMaxSchemaFrames) +
           " subschemas apply at once along the path to this value (recursive schema, deep value)");
      return;
    }
    ++frames_;
    // The dynamic scope: the resources entered on the way here, for $dynamicRef.
    const bool enters = scope_.empty() || scope_.back() != node.resource;
    if (enters) {
      if (first_entry_[node.resource] == kNotInScope) first_entry_[node.resource] = scope_.size();
      scope_.push_back(node.resource);
    }
    apply_keywords(node, instance, evaluated);
    if (enters) {
      scope_.pop_back();
      if (first_entry_[node.resource] == scope_.size()) first_entry_[node.resource] = kNotInScope;
    }
    --frames_;
  }

 private:
  static constexpr std::size_t kNotInScope = static_cast<std::size_t>(-1);

  void apply_keywords(const Node& node, const Json& instance, Evaluated* outer) {
    if (node.boolean) {
      if (!*node.boolean) fail("no value is allowed here");
      return;
    }
    const bool container = instance.is_object() || instance.is_array();
    Evaluated* evaluated = container ? outer : nullptr;
    std::optional<Evaluated> own;
    if ((instance.is_object() && node.unevaluated_properties) || (instance.is_array() && node.unevaluated_items)) {
      spend_bytes(instance.size());
      own.emplace(instance.size());
      evaluated = &*own;
    }
    if (node.ref) apply(*node.ref, instance, evaluated);
    if (node.dynamic_ref) apply(dynamic_target(node), instance, evaluated);
    check_type(node, instance);
    check_const_and_enum(node, instance);
    if (instance.is_number()) check_number(node, instance);
    if (instance.is_string()) check_string(node, instance.get_ref<const std::string&>());
    check_any_of(node, instance, evaluated);
    check_one_of(node, instance, evaluated);
    check_not(node, instance);
    check_conditional(node, instance, evaluated);
    for (const Node* branch : node.all_of) apply(*branch, instance, evaluated);
    if (instance.is_array()) check_array(node, instance, evaluated);
    if (instance.is_object()) check_object(node, instance, evaluated);
    if (own) {
      check_unevaluated(node, instance, *own);
      if (outer) merge(*outer, *own);
    }
  }

  /// A `$dynamicRef`'s target: the outermost resource in the dynamic scope with the anchor, if
  /// it is dynamic; where it points as a `$ref`, else.
  const Node& dynamic_target(const Node& node) {
    const Node* target = node.dynamic_ref;
    std::size_t outermost = kNotInScope;
    for (const auto& [resource, anchored] : node.dynamic_targets) {
      budget_.spend();
      if (first_entry_[resource] < outermost) {
        outermost = first_entry_[resource];
        target = anchored;
      }
    }
    return *target;
  }

  void merge(Evaluated& into, const Evaluated& from) {
    spend_bytes(from.size());
    into.merge(from);
  }

  /// `unevaluatedItems` / `unevaluatedProperties`: applies to what no other keyword evaluated.
  void check_unevaluated(const Node& node, const Json& instance, Evaluated& evaluated) {
    if (!evaluated.all()) {
      spend_bytes(instance.size());
      std::size_t index = 0;
      if (instance.is_array()) {
        for (; index < instance.size(); ++index) {
          if (!evaluated.has(index)) apply_to_item(*node.unevaluated_items, index, instance[index]);
        }
      } else {
        for (const auto& [name, value] : instance.items()) {
          if (!evaluated.has(index++)) apply_to_property(*node.unevaluated_properties, name, value);
        }
      }
    }
    evaluated.mark_all();
  }

  void check_type(const Node& node, const Json& instance) {
    if (node.types != 0 && (node.types & type_bits_of(instance)) == 0) {
      fail("expected " + node.type_names + ", got " + instance.type_name());
    }
  }

  void check_const_and_enum(const Node& node, const Json& instance) {
    if (node.const_value) {
      budget_.spend(node.const_cost);
      if (instance != *node.const_value) fail("must equal " + node.const_text);
    }
    if (node.enum_values) {
      budget_.spend(node.enum_cost);
      const auto& values = *node.enum_values;
      if (std::find(values.begin(), values.end(), instance) == values.end()) {
        fail("must be one of " + node.enum_text);
      }
    }
  }

  void check_number(const Node& node, const Json& number) {
    for (const auto& bound : node.lower_bounds) {
      const int order = compare_numbers(number, bound.limit);
      if (bound.exclusive ? order <= 0 : order < 0) {
        fail(std::string("must be ") + (bound.exclusive ? "> " : ">= ") + detail::json_text(bound.limit));
      }
    }
    for (const auto& bound : node.upper_bounds) {
      const int order = compare_numbers(number, bound.limit);
      if (bound.exclusive ? order >= 0 : order > 0) {
        fail(std::string("must be ") + (bound.exclusive ? "< " : "<= ") + detail::json_text(bound.limit));
      }
    }
    if (node.multiple_of && !is_multiple_of(number, *node.multiple_of)) {
      fail("must be a multiple of " + detail::json_text(*node.multiple_of));
    }
  }

  void check_string(const Node& node, const std::string& text) {
    if (node.format) {
      spend_bytes(text.size());
      if (!detail::matches_format(*node.format, text)) fail("must be a valid " + node.format_name + " (format)");
    }
    if (node.min_length || node.max_length) {
      spend_bytes(text.size());
      const std::size_t length = detail::count_code_points(text);
      if (node.min_length && length < *node.min_length) {
        fail("must be at least " + count_of(*node.min_length, "character", "characters") + " long");
      }
      if (node.max_length && length > *node.max_length) {
        fail("must be at most " + count_of(*node.max_length, "character", "characters") + " long");
      }
    }
    if (node.pattern) {
      try {
        if (!search(*node.pattern, text)) {
          fail("must match pattern " + pattern_text(*node.pattern));
        }
      } catch (const RegexError&) {
        fail("could not be matched against pattern " + pattern_text(*node.pattern) + " (too complex)");
      }
    }
  }

  /// With `evaluated`, every branch is applied: each one that matches adds what it evaluated.
  void check_any_of(const Node& node, const Json& instance, Evaluated* evaluated) {
    if (node.any_of.empty()) return;
    std::vector<std::vector<Failure>> branches;
    bool matched = false;
    for (const Node* branch : node.any_of) {
      branches.push_back(branch_failures(*branch, instance, evaluated));
      if (branches.back().empty()) {
        matched = true;
        if (!evaluated) return;
      }
    }
    if (!matched) fail("must match at least one schema in anyOf (" + describe_branches(branches) + ")");
  }

  void check_one_of(const Node& node, const Json& instance, Evaluated* evaluated) {
    if (node.one_of.empty()) return;
    std::vector<std::vector<Failure>> branches;
    std::size_t matched = 0;
    for (const Node* branch : node.one_of) {
      branches.push_back(branch_failures(*branch, instance, evaluated));
      if (branches.back().empty()) ++matched;
    }
    if (matched == 1) return;
    const std::string message = "must match exactly one schema in oneOf (matched " + std::to_string(matched);
    fail(matched == 0 ? message + "; " + describe_branches(branches) + ")" : message + ")");
  }

  void check_not(const Node& node, const Json& instance) {
    if (node.not_schema && failures_of(*node.not_schema, instance).empty()) {
      fail("must not match the schema in \"not\"");
    }
  }

  void check_conditional(const Node& node, const Json& instance, Evaluated* evaluated) {
    if (!node.if_schema) return;
    const Node* outcome =
        branch_failures(*node.if_schema, instance, evaluated).empty() ? node.then_schema : node.else_schema;
    if (outcome) apply(*outcome, instance, evaluated);
  }

  /// The failures of a branch applied apart (anyOf, oneOf, if); what it evaluated counts only
  /// when it matches.
  std::vector<Failure> branch_failures(const Node& branch, const Json& instance, Evaluated* evaluated) {
    if (!evaluated) return failures_of(branch, instance);
    spend_bytes(instance.size());
    Evaluated own(instance.size());
    auto failures = failures_of(branch, instance, &own);
    if (failures.empty()) merge(*evaluated, own);
    return failures;
  }

  void check_array(const Node& node, const Json& array, Evaluated* evaluated) {
    if (node.min_items && array.size() < *node.min_items) {
      fail("must have at least " + count_of(*node.min_items, "item", "items"));
    }
    if (node.max_items && array.size() > *node.max_items) {
      fail("must have at most " + count_of(*node.max_items, "item", "items"));
    }
    if (node.unique_items) check_unique(array);
    if (node.contains) check_contains(node, array, evaluated);
    for (std::size_t i = 0; i < array.size(); ++i) {
      const Node* schema = i < node.prefix_items.size() ? node.prefix_items[i] : node.items;
      if (!schema) continue;
      apply_to_item(*schema, i, array[i]);
      if (evaluated) evaluated->mark(i);
    }
  }

  /// Reports only the first equal pair (lowest i, then lowest j): one failure says enough.
  /// Items are grouped by hash, so only items whose hashes are equal are compared.
  void check_unique(const Json& array) {
    struct Item {
      std::size_t hash;
      std::size_t index;
      std::uint64_t cost;
    };
    std::vector<Item> items;
    items.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
      const std::uint64_t cost = detail::comparison_cost(array[i]);
      budget_.spend(2 * cost);  // counting the cost and hashing each walk the item once
      items.push_back({hash_of(array[i]), i, cost});
    }
    std::uint64_t log2_size = 1;
    while ((std::uint64_t{1} << log2_size) < items.size()) ++log2_size;
    budget_.spend(items.size() * log2_size);  // the sort
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.hash != b.hash ? a.hash < b.hash : a.index < b.index;
    });
    std::optional<std::pair<std::size_t, std::size_t>> first;
    for (std::size_t start = 0; start < items.size();) {
      std::size_t end = start + 1;
      while (end < items.size() && items[end].hash == items[start].hash) ++end;
      for (std::size_t a = start; a < end && !(first && items[a].index > first->first); ++a) {
        for (std::size_t b = a + 1; b < end; ++b) {
          budget_.spend(std::min(items[a].cost, items[b].cost));
          if (array[items[a].index] == array[items[b].index]) {
            const std::pair<std::size_t, std::size_t> pair{items[a].index, items[b].index};
            if (!first || pair < *first) first = pair;
            break;
          }
        }
        if (first && first->first == items[a].index) break;
      }
      start = end;
    }
    if (first) {
      fail("items must be unique (items " + std::to_string(first->first) + " and " +
           std::to_string(first->second) + " are equal)");
    }
  }

  void check_contains(const Node& node, const Json& array, Evaluated* evaluated) {
    std::size_t found = 0;
    for (std::size_t i = 0; i < array.size(); ++i) {
      if (!failures_of(*node.contains, array[i]).empty()) continue;
      ++found;
      if (evaluated) evaluated->mark(i);
    }
    const std::string found_text = " (found " + std::to_string(found) + ")";
    if (found < node.min_contains) {
      fail("must contain at least " + count_of(node.min_contains, "item", "items") +
           " matching \"contains\"" + found_text);
    }
    if (node.max_contains && found > *node.max_contains) {
      fail("must contain at most " + count_of(*node.max_contains, "item", "items") +
           " matching \"contains\"" + found_text);
    }
  }

  void check_object(const Node& node, const Json& object, Evaluated* evaluated) {
    for (const std::string& name : node.required) {
      if (!object.contains(name)) fail_at_property(name, "missing required property " + detail::quoted(name));
    }
    for (const auto& [trigger, names] : node.dependent_required) {
      if (!object.contains(trigger)) continue;
      for (const std::string& name : names) {
        if (!object.contains(name)) {
          fail_at_property(name, "missing property " + detail::quoted(name) + " (required when " +
                                     detail::quoted(trigger) + " is present)");
        }
      }
    }
    if (node.min_properties && object.size() < *node.min_properties) {
      fail("must have at least " + count_of(*node.min_properties, "property", "properties"));
    }
    if (node.max_properties && object.size() > *node.max_properties) {
      fail("must have at most " + count_of(*node.max_properties, "property", "properties"));
    }
    if (node.property_names) check_property_names(*node.property_names, object);
    // Only a schema with member keywords walks the members (each walk is charged): so an
    // allOf of many schemas without them costs no walk of a big object each.
    if (!node.properties.empty() || !node.pattern_properties.empty() || node.additional_properties) {
      spend_bytes(object.size());
      std::size_t index = 0;
      for (const auto& [name, value] : object.items()) {
        if (check_property(node, name, value) && evaluated) evaluated->mark(index);
        ++index;
      }
    }
    for (const auto& [trigger, schema] : node.dependent_schemas) {
      if (object.contains(trigger)) apply(*schema, object, evaluated);
    }
  }

  /// `properties`, then every matching `patternProperties`, else `additionalProperties`; whether
  /// one of them applied.
  bool check_property(const Node& node, const std::string& name, const Json& value) {
    bool evaluated = false;
    if (const auto property = node.properties.find(name); property != node.properties.end()) {
      apply_to_property(*property->second, name, value);
      evaluated = true;
    }
    for (const auto& [pattern, schema] : node.pattern_properties) {
      try {
        if (!search(pattern, name)) continue;
      } catch (const RegexError&) {
        fail_at_property(name, "property name could not be matched against pattern " + pattern_text(pattern) + " (too complex)");
        evaluated = true;
        continue;
      }
      apply_to_property(*schema, name, value);
      evaluated = true;
    }
    if (!evaluated && node.additional_properties) {
      apply_to_property(*node.additional_properties, name, value);
      evaluated = true;
    }
    return evaluated;
  }

  void check_property_names(const Node& names_schema, const Json& object) {
    for (const auto& entry : object.items()) {
      const std::string& name = entry.key();
      if (names_schema.boolean == false) {
        fail_at_property(name, "property " + detail::quoted(name) + " is not allowed");
        continue;
      }
      for (const Failure& failure : failures_of(names_schema, Json(name))) {
        fail_at_property(name, "property name " + detail::quoted(name) + ": " + failure.message);
      }
    }
  }

  void apply_to_property(const Node& schema, const std::string& name, const Json& value) {
    in_child(name, [&] {
      if (schema.boolean == false) {
        fail("property " + detail::quoted(name) + " is not allowed");
      } else {
        apply(schema, value);
      }
    });
  }

  void apply_to_item(const Node& schema, std::size_t index, const Json& item) {
    in_child(std::to_string(index), [&] {
      if (schema.boolean == false) {
        fail("item " + std::to_string(index) + " is not allowed");
      } else {
        apply(schema, item);
      }
    });
  }

  /// Runs `body` with the path extended by `token`, unless that is too deep.
  template <typename Body>
  void in_child(const std::string& token, Body&& body) {
    spend_bytes(token.size());
    const std::size_t parent_length = path_.size();
    path_ += '/';
    path_ += detail::escape_pointer_token(token);
    if (depth_ >= kMaxInstanceDepth) {
      fail("value is nested more than " + std::to_string(kMaxInstanceDepth) + " levels deep");
    } else {
      ++depth_;
      body();
      --depth_;
    }
    path_.resize(parent_length);
  }

  /// The failures `node` alone finds in `instance`, kept out of the main list.
  std::vector<Failure> failures_of(const Node& node, const Json& instance, Evaluated* evaluated = nullptr) {
    std::vector<Failure> branch_failures;
    budget_.spend(kStepsPerFailure);  // a list of its own, and a summary of it when it fails
    std::vector<Failure>* const outer = std::exchange(failures_, &branch_failures);
    apply(node, instance, evaluated);
    failures_ = outer;
    return branch_failures;
  }

  /// "branch 0: expected string, got number; branch 1: ... at /name (+1 more)".
  std::string describe_branches(const std::vector<std::vector<Failure>>& branches) const {
    std::string text;
    std::size_t described = 0;
    for (std::size_t i = 0; i < branches.size(); ++i) {
      if (branches[i].empty()) continue;
      if (described++ == kMaxBranchesInSummary) {
        text += "; ...";
        break;
      }
      const Failure& first = branches[i].front();
      if (!text.empty()) text += "; ";
      text += "branch " + std::to_string(i) + ": " + detail::shortened(first.message, kMaxBranchSummaryChars);
      if (first.path != path_) text += " at " + detail::shortened(first.path, kMaxBranchSummaryChars);
      if (branches[i].size() > 1) text += " (+" + std::to_string(branches[i].size() - 1) + " more)";
    }
    return text;
  }

  bool search(const detail::Pattern& pattern, const std::string& text) { return pattern.regex->search(text, budget_); }

  /// Copying or scanning `bytes` bytes costs a step per kBytesPerStep of them, and one at least.
  void spend_bytes(std::size_t bytes) { budget_.spend(1 + bytes / kBytesPerStep); }

  void fail(std::string message) {
    budget_.spend(kStepsPerFailure);
    spend_bytes(path_.size() + message.size());
    failures_->push_back({path_, std::move(message)});
  }

  void fail_at_property(const std::string& name, std::string message) {
    budget_.spend(kStepsPerFailure);
    spend_bytes(path_.size() + 2 * name.size() + message.size());
    failures_->push_back({path_ + "/" + detail::escape_pointer_token(name), std::move(message)});
  }

  std::vector<Failure>* failures_;
  std::vector<std::size_t> scope_;        // the dynamic scope: resources entered, outermost first
  std::vector<std::size_t> first_entry_;  // by resource: its first place in scope_, or kNotInScope
  std::string path_;  // JSON Pointer of the value being judged
  int depth_ = 0;     // how many properties/items deep path_ is
  int frames_ = 0;    // how many subschemas are being applied at once
  Budget budget_;
};

}  // namespace

Validator::Validator(Json schema, std::uint64_t budget)
    : compiled_(detail::compile_schema(schema)), budget_(budget) {}

std::vector<Failure> Validator::validate_text(std::string_view json, const std::string& what) const {
  return validate(parse_argument(json, what));
}

std::vector<Failure> Validator::validate(const Json& instance) const {
  std::vector<Failure> failures;
  try {
    Evaluation(failures, budget_, compiled_->resource_count).apply(*compiled_->root, instance);
  } catch (const BudgetExhausted&) {
    return {{"", "the payload is too costly to check against this schema (the validation stopped after " +
                     std::to_string(budget_) + " steps of work, its budget)"}};
  }
  return failures;
}

}  // namespace crux::schema
