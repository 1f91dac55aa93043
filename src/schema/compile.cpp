// Compiling a schema: every keyword is read and checked once, subschemas become Nodes, `$ref`s
// become pointers to Nodes and regexes are built, so validating does no parsing at all.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <unordered_map>

#include "core/error.hpp"
#include "schema/compiled.hpp"
#include "schema/text.hpp"

namespace crux::schema::detail {
namespace {

/// Deeper schemas are rejected, so compiling never exhausts the stack.
constexpr int kMaxSchemaDepth = 512;
/// The most subschemas one value may go through in a chain without the validator stepping
/// into a property or item ($ref -> allOf -> anyOf branch -> $ref ...). The validator applies
/// at most kMaxSchemaFrames (validator.cpp) at once, so a longer chain could never be checked:
/// such a schema is refused here instead of failing every payload later.
constexpr std::size_t kMaxInPlaceChain = 256;

/// Throws the InvalidArgument for a malformed schema; `where` points into the schema.
[[noreturn]] void reject(const std::string& where, const std::string& problem) {
  throw Error(Code::InvalidArgument, "invalid schema at #" + where + ": " + problem);
}

const Json* find_keyword(const Json& schema, const char* keyword) {
  const auto it = schema.find(keyword);
  return it == schema.end() ? nullptr : &*it;
}

bool is_true(const Json& schema, const char* keyword) {
  const Json* value = find_keyword(schema, keyword);
  return value && value->is_boolean() && value->get<bool>();
}

Json read_number(const Json& value, const std::string& where) {
  if (!value.is_number()) reject(where, "must be a number, got " + std::string(value.type_name()));
  return value;
}

std::size_t read_count(const Json& value, const std::string& where) {
  const bool is_count = is_integral(value) && (value.is_number_unsigned() || value.get<double>() >= 0);
  if (!is_count) reject(where, "must be a non-negative integer, got " + json_text(value, 40));
  constexpr auto kMaxCount = std::numeric_limits<std::size_t>::max();
  if (value.is_number_float() && value.get<double>() >= static_cast<double>(kMaxCount)) return kMaxCount;
  const auto count = value.get<std::uint64_t>();
  return count > kMaxCount ? kMaxCount : static_cast<std::size_t>(count);
}

bool read_bool(const Json& value, const std::string& where) {
  if (!value.is_boolean()) reject(where, "must be a boolean, got " + std::string(value.type_name()));
  return value.get<bool>();
}

const std::string& read_string(const Json& value, const std::string& where) {
  if (!value.is_string()) reject(where, "must be a string, got " + std::string(value.type_name()));
  return value.get_ref<const std::string&>();
}

std::vector<std::string> read_string_array(const Json& value, const std::string& where) {
  if (!value.is_array()) reject(where, "must be an array of strings, got " + std::string(value.type_name()));
  std::vector<std::string> strings;
  for (std::size_t i = 0; i < value.size(); ++i) {
    strings.push_back(read_string(value[i], where + "/" + std::to_string(i)));
  }
  return strings;
}

Pattern read_pattern(const std::string& source, const std::string& where) {
  try {
    return Pattern{source, compile_regex(source)};
  } catch (const RegexError& error) {
    reject(where, "invalid regular expression \"" + source + "\" (" + error.what() + ")");
  }
}

/// Sets `count` from `keyword` when the schema has it.
template <typename Count>
void read_count_keyword(const Json& schema, const std::string& at, const char* keyword, Count& count) {
  if (const Json* value = find_keyword(schema, keyword)) count = read_count(*value, at + "/" + keyword);
}

unsigned type_bit(const std::string& name) {
  if (name == "null") return kNullType;
  if (name == "boolean") return kBooleanType;
  if (name == "object") return kObjectType;
  if (name == "array") return kArrayType;
  if (name == "number") return kNumberType;
  if (name == "string") return kStringType;
  if (name == "integer") return kIntegerType;
  return 0;
}

/// "a", "a or b", "a, b or c".
std::string join_alternatives(const std::vector<std::string>& words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? " or " : ", ";
    text += words[i];
  }
  return text;
}

void read_type(Node& node, const Json& value, const std::string& where) {
  if (!value.is_string() && !value.is_array()) {
    reject(where, "must be a type name or an array of type names, got " + std::string(value.type_name()));
  }
  const auto names = value.is_string() ? std::vector<std::string>{value.get<std::string>()}
                                       : read_string_array(value, where);
  if (names.empty()) reject(where, "must not be an empty array");
  for (const std::string& name : names) {
    const unsigned bit = type_bit(name);
    if (bit == 0) reject(where, "unknown type " + quoted(name));
    node.types |= bit;
  }
  node.type_names = join_alternatives(names);
}

/// "%41" -> "A": a `$ref` is a URI, so its fragment may be percent-encoded.
std::string percent_decode(const std::string& text, const std::string& where) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }
    if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      reject(where, "invalid percent-encoding in $ref " + quoted(text));
    }
    decoded += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return decoded;
}

/// The subschemas applied to the same instance as `node` (not to a property or item of it).
std::vector<const Node*> in_place_subschemas(const Node& node) {
  std::vector<const Node*> subschemas{node.ref, node.not_schema, node.if_schema, node.then_schema,
                                      node.else_schema};
  for (const auto* list : {&node.all_of, &node.any_of, &node.one_of}) {
    subschemas.insert(subschemas.end(), list->begin(), list->end());
  }
  for (const auto& entry : node.dependent_schemas) subschemas.push_back(entry.second);
  subschemas.erase(std::remove(subschemas.begin(), subschemas.end(), nullptr), subschemas.end());
  return subschemas;
}

/// Builds the Nodes of one root schema.
class Compiler {
 public:
  explicit Compiler(const Json& root) : root_(root), compiled_(std::make_shared<CompiledSchema>()) {}

  std::shared_ptr<const CompiledSchema> run() {
    compiled_->root = compile(root_, "", 0);
    resolve_refs();
    check_in_place_chains();
    return compiled_;
  }

 private:
  struct PendingRef {
    Node* node;
    std::string ref;
    std::string where;
  };

  Node* compile(const Json& schema, const std::string& pointer, int depth) {
    if (const auto known = by_pointer_.find(pointer); known != by_pointer_.end()) return known->second;
    if (depth > kMaxSchemaDepth) {
      reject(pointer, "schema is nested more than " + std::to_string(kMaxSchemaDepth) + " levels deep");
    }
    if (!schema.is_object() && !schema.is_boolean()) {
      reject(pointer, "a schema must be an object or a boolean, got " + std::string(schema.type_name()));
    }
    Node& node = compiled_->nodes.emplace_back();
    node.pointer = pointer;
    by_pointer_[pointer] = &node;
    if (schema.is_boolean()) {
      node.boolean = schema.get<bool>();
      return &node;
    }
    read_general_keywords(node, schema, depth);
    read_applicators(node, schema, depth);
    read_number_keywords(node, schema);
    read_string_keywords(node, schema);
    read_array_keywords(node, schema, depth);
    read_object_keywords(node, schema, depth);
    return &node;
  }

  const Node* subschema(const Json& value, const std::string& where, int depth) {
    return compile(value, where, depth + 1);
  }

  std::vector<const Node*> subschema_list(const Json& value, const std::string& where, int depth) {
    if (!value.is_array() || value.empty()) reject(where, "must be a non-empty array of schemas");
    std::vector<const Node*> nodes;
    for (std::size_t i = 0; i < value.size(); ++i) {
      nodes.push_back(subschema(value[i], where + "/" + std::to_string(i), depth));
    }
    return nodes;
  }

  std::map<std::string, const Node*> subschema_map(const Json& value, const std::string& where, int depth) {
    if (!value.is_object()) reject(where, "must be an object whose values are schemas");
    std::map<std::string, const Node*> nodes;
    for (const auto& [name, schema] : value.items()) {
      nodes[name] = subschema(schema, where + "/" + escape_pointer_token(name), depth);
    }
    return nodes;
  }

  void read_general_keywords(Node& node, const Json& schema, int depth) {
    const std::string& at = node.pointer;
    if (const Json* type = find_keyword(schema, "type")) read_type(node, *type, at + "/type");
    if (const Json* value = find_keyword(schema, "const")) {
      node.const_value = *value;
      node.const_text = json_text(*value);
      node.const_cost = comparison_cost(*value);
    }
    if (const Json* values = find_keyword(schema, "enum")) {
      if (!values->is_array()) reject(at + "/enum", "must be an array");
      node.enum_values = *values;
      node.enum_text = json_text(*values);
      node.enum_cost = comparison_cost(*values);
    }
    if (const Json* ref = find_keyword(schema, "$ref")) {
      pending_refs_.push_back({&node, read_string(*ref, at + "/$ref"), at + "/$ref"});
    }
    // Definitions are compiled even when unused, so a malformed one is reported.
    for (const char* keyword : {"$defs", "definitions"}) {
      if (const Json* definitions = find_keyword(schema, keyword)) {
        subschema_map(*definitions, at + "/" + keyword, depth);
      }
    }
  }

  /// Sets `field` from the subschema under `keyword` when the schema has it.
  void read_subschema_keyword(const Json& schema, const std::string& at, const char* keyword,
                              const Node*& field, int depth) {
    if (const Json* value = find_keyword(schema, keyword)) {
      field = subschema(*value, at + "/" + keyword, depth);
    }
  }

  void read_subschema_list_keyword(const Json& schema, const std::string& at, const char* keyword,
                                   std::vector<const Node*>& field, int depth) {
    if (const Json* value = find_keyword(schema, keyword)) {
      field = subschema_list(*value, at + "/" + keyword, depth);
    }
  }

  void read_applicators(Node& node, const Json& schema, int depth) {
    const std::string& at = node.pointer;
    read_subschema_list_keyword(schema, at, "allOf", node.all_of, depth);
    read_subschema_list_keyword(schema, at, "anyOf", node.any_of, depth);
    read_subschema_list_keyword(schema, at, "oneOf", node.one_of, depth);
    read_subschema_keyword(schema, at, "not", node.not_schema, depth);
    read_subschema_keyword(schema, at, "if", node.if_schema, depth);
    read_subschema_keyword(schema, at, "then", node.then_schema, depth);
    read_subschema_keyword(schema, at, "else", node.else_schema, depth);
  }

  /// 2020-12 numeric `exclusiveMinimum`/`exclusiveMaximum`, and draft-04's boolean ones that
  /// make `minimum`/`maximum` exclusive.
  void read_number_keywords(Node& node, const Json& schema) {
    const std::string& at = node.pointer;
    if (const Json* minimum = find_keyword(schema, "minimum")) {
      node.lower_bounds.push_back(
          {read_number(*minimum, at + "/minimum"), is_true(schema, "exclusiveMinimum")});
    }
    if (const Json* minimum = find_keyword(schema, "exclusiveMinimum"); minimum && !minimum->is_boolean()) {
      node.lower_bounds.push_back({read_number(*minimum, at + "/exclusiveMinimum"), true});
    }
    if (const Json* maximum = find_keyword(schema, "maximum")) {
      node.upper_bounds.push_back(
          {read_number(*maximum, at + "/maximum"), is_true(schema, "exclusiveMaximum")});
    }
    if (const Json* maximum = find_keyword(schema, "exclusiveMaximum"); maximum && !maximum->is_boolean()) {
      node.upper_bounds.push_back({read_number(*maximum, at + "/exclusiveMaximum"), true});
    }
    if (const Json* divisor = find_keyword(schema, "multipleOf")) {
      node.multiple_of = read_number(*divisor, at + "/multipleOf");
      if (!(divisor->get<double>() > 0)) reject(at + "/multipleOf", "must be greater than 0");
    }
  }

  void read_string_keywords(Node& node, const Json& schema) {
    const std::string& at = node.pointer;
    read_count_keyword(schema, at, "minLength", node.min_length);
    read_count_keyword(schema, at, "maxLength", node.max_length);
    if (const Json* pattern = find_keyword(schema, "pattern")) {
      node.pattern = read_pattern(read_string(*pattern, at + "/pattern"), at + "/pattern");
    }
  }

  /// 2020-12 `prefixItems` + `items`, and draft-07's array `items` + `additionalItems`.
  void read_array_keywords(Node& node, const Json& schema, int depth) {
    const std::string& at = node.pointer;
    const Json* prefix_items = find_keyword(schema, "prefixItems");
    const Json* items = find_keyword(schema, "items");
    read_subschema_list_keyword(schema, at, "prefixItems", node.prefix_items, depth);
    if (items && items->is_array()) {
      if (prefix_items) reject(at + "/items", "must be a schema when prefixItems is present");
      read_subschema_list_keyword(schema, at, "items", node.prefix_items, depth);
      read_subschema_keyword(schema, at, "additionalItems", node.items, depth);
    } else {
      read_subschema_keyword(schema, at, "items", node.items, depth);
    }
    read_subschema_keyword(schema, at, "contains", node.contains, depth);
    read_count_keyword(schema, at, "minContains", node.min_contains);
    read_count_keyword(schema, at, "maxContains", node.max_contains);
    read_count_keyword(schema, at, "minItems", node.min_items);
    read_count_keyword(schema, at, "maxItems", node.max_items);
    if (const Json* unique = find_keyword(schema, "uniqueItems")) {
      node.unique_items = read_bool(*unique, at + "/uniqueItems");
    }
  }

  void read_object_keywords(Node& node, const Json& schema, int depth) {
    const std::string& at = node.pointer;
    if (const Json* properties = find_keyword(schema, "properties")) {
      node.properties = subschema_map(*properties, at + "/properties", depth);
    }
    if (const Json* patterns = find_keyword(schema, "patternProperties")) {
      for (const auto& [source, schema_node] : subschema_map(*patterns, at + "/patternProperties", depth)) {
        const std::string where = at + "/patternProperties/" + escape_pointer_token(source);
        node.pattern_properties.emplace_back(read_pattern(source, where), schema_node);
      }
    }
    read_subschema_keyword(schema, at, "additionalProperties", node.additional_properties, depth);
    read_subschema_keyword(schema, at, "propertyNames", node.property_names, depth);
    if (const Json* required = find_keyword(schema, "required")) {
      node.required = read_string_array(*required, at + "/required");
    }
    if (const Json* dependents = find_keyword(schema, "dependentRequired")) {
      read_dependent_required(node, *dependents, at + "/dependentRequired");
    }
    if (const Json* dependents = find_keyword(schema, "dependentSchemas")) {
      node.dependent_schemas = subschema_map(*dependents, at + "/dependentSchemas", depth);
    }
    if (const Json* dependencies = find_keyword(schema, "dependencies")) {
      read_dependencies(node, *dependencies, at + "/dependencies", depth);
    }
    read_count_keyword(schema, at, "minProperties", node.min_properties);
    read_count_keyword(schema, at, "maxProperties", node.max_properties);
  }

  void read_dependent_required(Node& node, const Json& value, const std::string& where) {
    if (!value.is_object()) reject(where, "must be an object whose values are arrays of strings");
    for (const auto& [name, names] : value.items()) {
      node.dependent_required[name] = read_string_array(names, where + "/" + escape_pointer_token(name));
    }
  }

  /// Draft-07 `dependencies`: each value is either a list of names or a schema.
  void read_dependencies(Node& node, const Json& value, const std::string& where, int depth) {
    if (!value.is_object()) reject(where, "must be an object");
    for (const auto& [name, dependency] : value.items()) {
      const std::string entry_where = where + "/" + escape_pointer_token(name);
      if (dependency.is_array()) {
        node.dependent_required[name] = read_string_array(dependency, entry_where);
      } else {
        node.dependent_schemas[name] = subschema(dependency, entry_where, depth);
      }
    }
  }

  /// Resolving a `$ref` may compile more of the root schema, which may hold more `$ref`s.
  void resolve_refs() {
    for (std::size_t i = 0; i < pending_refs_.size(); ++i) {
      const PendingRef pending = pending_refs_[i];
      pending.node->ref = resolve(pending.ref, pending.where);
    }
  }

  /// Only local refs: "#" and "#/json/pointer" into the root schema.
  const Node* resolve(const std::string& ref, const std::string& where) {
    if (ref.empty() || ref[0] != '#') {
      reject(where, "$ref " + quoted(ref) + " is not local (only refs starting with \"#\" are supported)");
    }
    const std::string fragment = percent_decode(ref.substr(1), where);
    if (!fragment.empty() && fragment[0] != '/') {
      reject(where, "$ref " + quoted(ref) + " is not a JSON pointer (anchors are not supported)");
    }
    Json::json_pointer target_pointer;
    try {
      target_pointer = Json::json_pointer(fragment);
    } catch (const Json::exception&) {
      reject(where, "$ref " + quoted(ref) + " is not a valid JSON pointer");
    }
    const std::string pointer = target_pointer.to_string();
    if (const auto known = by_pointer_.find(pointer); known != by_pointer_.end()) return known->second;
    const Json* target = nullptr;
    try {
      target = &root_.at(target_pointer);
    } catch (const Json::exception&) {
      reject(where, "$ref " + quoted(ref) + " does not resolve to anything in the schema");
    }
    return compile(*target, pointer, 0);
  }

  /// A schema that reaches itself through `$ref`/allOf/anyOf/... without stepping into a
  /// property or item would validate the same value forever, so it is rejected here; so is a
  /// chain of such subschemas longer than kMaxInPlaceChain. One depth-first walk finds both:
  /// a node met again while on the path is a cycle; a finished node knows its longest chain.
  void check_in_place_chains() const {
    std::unordered_map<const Node*, std::size_t> chain;  // finished: longest chain from the node
    std::unordered_map<const Node*, bool> on_path;
    struct Frame {
      const Node* node;
      std::vector<const Node*> next;
      std::size_t index;
      std::size_t longest;  // longest chain below this node seen so far
    };
    for (const Node& start : compiled_->nodes) {
      if (chain.count(&start)) continue;
      std::vector<Frame> path{{&start, in_place_subschemas(start), 0, 0}};
      on_path[&start] = true;
      while (!path.empty()) {
        Frame& frame = path.back();
        if (frame.index == frame.next.size()) {
          const std::size_t length = frame.longest + 1;
          if (length > kMaxInPlaceChain) {
            reject(frame.node->pointer,
                   "more than " + std::to_string(kMaxInPlaceChain) +
                       " subschemas would apply to one value in a chain ($ref, allOf, anyOf, oneOf, not, "
                       "if/then/else, dependentSchemas) without going into a property or item");
          }
          chain[frame.node] = length;
          on_path.erase(frame.node);
          path.pop_back();
          if (!path.empty()) path.back().longest = std::max(path.back().longest, length);
          continue;
        }
        const Node* next = frame.next[frame.index++];
        if (const auto done = chain.find(next); done != chain.end()) {
          frame.longest = std::max(frame.longest, done->second);
        } else if (on_path.count(next)) {
          reject(next->pointer,
                 "$ref cycle: this schema applies to itself without going into a property or item");
        } else {
          on_path[next] = true;
          path.push_back({next, in_place_subschemas(*next), 0, 0});
        }
      }
    }
  }

  const Json& root_;
  std::shared_ptr<CompiledSchema> compiled_;
  std::map<std::string, Node*> by_pointer_;
  std::vector<PendingRef> pending_refs_;
};

}  // namespace

std::uint64_t comparison_cost(const Json& value) {
  std::uint64_t cost = 1;
  if (value.is_string()) cost += value.get_ref<const std::string&>().size() / 64;
  if (value.is_object()) {
    for (const auto& [name, member] : value.items()) cost += name.size() / 64 + comparison_cost(member);
  } else if (value.is_array()) {
    for (const Json& item : value) cost += comparison_cost(item);
  }
  return cost;
}

std::shared_ptr<const CompiledSchema> compile_schema(const Json& schema) { return Compiler(schema).run(); }

}  // namespace crux::schema::detail
