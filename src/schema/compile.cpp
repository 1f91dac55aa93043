// Compiling a schema: every keyword is read and checked once, subschemas become Nodes, `$ref`s
// become pointers to Nodes and regexes are built, so validating does no parsing at all.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <map>
#include <unordered_map>

#include "core/error.hpp"
#include "schema/compiled.hpp"
#include "schema/metaschemas.hpp"
#include "schema/text.hpp"
#include "schema/uri.hpp"

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
  raise(Code::InvalidArgument, {"invalid schema at #", where, ": ", problem});
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

/// The subschemas applied to the same instance as `node` (not to a property or item of it).
std::vector<const Node*> in_place_subschemas(const Node& node) {
  std::vector<const Node*> subschemas{node.ref,         node.dynamic_ref, node.not_schema,
                                      node.if_schema,   node.then_schema, node.else_schema};
  for (const auto& target : node.dynamic_targets) subschemas.push_back(target.second);
  for (const auto* list : {&node.all_of, &node.any_of, &node.one_of}) {
    subschemas.insert(subschemas.end(), list->begin(), list->end());
  }
  for (const auto& entry : node.dependent_schemas) subschemas.push_back(entry.second);
  subschemas.erase(std::remove(subschemas.begin(), subschemas.end(), nullptr), subschemas.end());
  return subschemas;
}

/// Keywords of JSON Schema drafts that Crux does not implement: refused, never ignored.
const std::map<std::string, std::string>& unsupported_keywords() {
  static const std::map<std::string, std::string> keywords{
      {"$recursiveRef", "draft 2019-09's $recursiveRef is not supported (use $dynamicRef)"},
      {"$recursiveAnchor", "draft 2019-09's $recursiveAnchor is not supported (use $dynamicAnchor)"},
      {"extends", "draft 3's extends is not supported (use allOf)"},
      {"disallow", "draft 3's disallow is not supported (use not)"},
      {"divisibleBy", "draft 3's divisibleBy is not supported (use multipleOf)"},
  };
  return keywords;
}

/// Whether `$schema` names a dialect Crux reads, and whether `format` asserts in it. Drafts 4 to
/// 2019-09 are read as 2020-12 (with their `definitions`, `dependencies`, array `items` and
/// `additionalItems`); any other `$schema` would need a metaschema from the network.
std::optional<bool> formats_asserted_by(const std::string& dialect) {
  std::string uri = dialect;
  if (!uri.empty() && uri.back() == '#') uri.pop_back();
  if (uri == kFormatAssertionDialect) return true;
  static const char* const annotation_dialects[] = {
      kDraft202012,
      "https://json-schema.org/draft/2019-09/schema",
      "http://json-schema.org/draft-07/schema",
      "http://json-schema.org/draft-06/schema",
      "http://json-schema.org/draft-04/schema",
  };
  for (const char* known : annotation_dialects) {
    if (uri == known) return false;
  }
  return std::nullopt;
}

bool is_anchor_name(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

/// Where a schema is being compiled: which document, which resource (its base URI) and dialect.
struct Place {
  std::size_t document;
  std::size_t resource;
  bool assert_formats;
};

/// Builds the Nodes of one root schema, and of the known documents (metaschemas) it references.
class Compiler {
 public:
  explicit Compiler(const Json& root) : compiled_(std::make_shared<CompiledSchema>()) {
    documents_.push_back(&root);
  }

  std::shared_ptr<const CompiledSchema> run() {
    // A schema without `$id` gets a base URI of its own, so relative references resolve (to
    // nothing, and are refused as remote) without ever naming a real place.
    const std::size_t resource = add_resource(*parse_uri_reference(kDefaultBase), 0, "", false);
    compiled_->root = compile(*documents_[0], {0, resource, false}, "", 0);
    resolve_refs();
    compiled_->resource_count = resources_.size();
    check_in_place_chains();
    return compiled_;
  }

 private:
  static constexpr const char* kDefaultBase = "crux-schema:///root";

  struct Resource {
    UriReference uri;
    std::size_t document;
    std::string pointer;  // of its root, in its document
    bool assert_formats;
    std::map<std::string, const Node*> anchors;          // `$anchor` and `$dynamicAnchor`
    std::map<std::string, const Node*> dynamic_anchors;  // `$dynamicAnchor` only
  };

  struct PendingRef {
    Node* node;
    std::string ref;
    std::string where;
    std::size_t resource;  // whose URI is the base
    bool dynamic;
  };

  /// A new resource; `named` false for the stand-in base of a document without `$id`.
  std::size_t add_resource(const UriReference& uri, std::size_t document, const std::string& pointer,
                           bool assert_formats, bool named = true) {
    if (named) resource_by_uri_[uri.without_fragment()] = resources_.size();
    resources_.push_back({uri, document, pointer, assert_formats, {}, {}});
    return resources_.size() - 1;
  }

  Node* compile(const Json& schema, Place place, const std::string& pointer, int depth) {
    const auto location = std::make_pair(place.document, pointer);
    if (const auto known = by_location_.find(location); known != by_location_.end()) return known->second;
    if (depth > kMaxSchemaDepth) {
      reject(pointer, "schema is nested more than " + std::to_string(kMaxSchemaDepth) + " levels deep");
    }
    if (!schema.is_object() && !schema.is_boolean()) {
      reject(pointer, "a schema must be an object or a boolean, got " + std::string(schema.type_name()));
    }
    Node& node = compiled_->nodes.emplace_back();
    node.pointer = pointer;
    by_location_[location] = &node;
    if (schema.is_boolean()) {
      node.boolean = schema.get<bool>();
      node.resource = place.resource;
      return &node;
    }
    read_identifiers(node, schema, place);
    node.resource = place.resource;
    refuse_unsupported_keywords(schema, pointer);
    read_general_keywords(node, schema, place, depth);
    read_applicators(node, schema, place, depth);
    read_number_keywords(node, schema);
    read_string_keywords(node, schema, place);
    read_array_keywords(node, schema, place, depth);
    read_object_keywords(node, schema, place, depth);
    return &node;
  }

  /// `$schema`, `$id`, `$anchor` and `$dynamicAnchor`: may change `place` for this schema and
  /// everything under it.
  void read_identifiers(Node& node, const Json& schema, Place& place) {
    const std::string& at = node.pointer;
    if (const Json* dialect = find_keyword(schema, "$schema")) {
      const std::string& uri = read_string(*dialect, at + "/$schema");
      const auto asserts = formats_asserted_by(uri);
      if (!asserts) {
        reject(at + "/$schema", "$schema " + quoted(uri) + " is not a dialect Crux knows (JSON Schema 2020-12, " +
                                    kFormatAssertionDialect + ", or drafts 4 to 2019-09 read as 2020-12); " +
                                    "a custom metaschema would have to be fetched, and Crux never fetches one");
      }
      place.assert_formats = *asserts;
    }
    if (const Json* id = find_keyword(schema, "$id")) {
      const std::string& text = read_string(*id, at + "/$id");
      const auto parsed = parse_uri_reference(text);
      if (!parsed) reject(at + "/$id", "$id " + quoted(text) + " is not a URI reference");
      if (parsed->fragment && !parsed->fragment->empty()) {
        reject(at + "/$id", "$id " + quoted(text) + " has a fragment (name a place with $anchor instead)");
      }
      UriReference uri = resolve_uri(resources_[place.resource].uri, *parsed);
      uri.fragment.reset();
      if (resource_by_uri_.count(uri.without_fragment())) {
        reject(at + "/$id", "$id " + quoted(text) + " names a schema resource that another $id already names");
      }
      place.resource = add_resource(uri, place.document, at, place.assert_formats);
    }
    Resource& current = resources_[place.resource];
    if (current.document == place.document && current.pointer == at) current.assert_formats = place.assert_formats;
    for (const char* keyword : {"$anchor", "$dynamicAnchor"}) {
      const Json* anchor = find_keyword(schema, keyword);
      if (!anchor) continue;
      const std::string where = at + "/" + keyword;
      const std::string& name = read_string(*anchor, where);
      if (!is_anchor_name(name)) reject(where, quoted(name) + " is not an anchor name (a letter or _, then letters, digits, -, _ or .)");
      Resource& resource = resources_[place.resource];
      const auto [existing, added] = resource.anchors.emplace(name, &node);
      if (!added && existing->second != &node) {
        reject(where, "anchor " + quoted(name) + " is defined twice in the same schema resource");
      }
      if (std::string(keyword) == "$dynamicAnchor") resource.dynamic_anchors[name] = &node;
    }
  }

  void refuse_unsupported_keywords(const Json& schema, const std::string& at) {
    for (const auto& [keyword, reason] : unsupported_keywords()) {
      if (schema.contains(keyword)) reject(at + "/" + escape_pointer_token(keyword), reason);
    }
  }

  const Node* subschema(const Json& value, const Place& place, const std::string& where, int depth) {
    return compile(value, place, where, depth + 1);
  }

  std::vector<const Node*> subschema_list(const Json& value, const Place& place, const std::string& where,
                                          int depth) {
    if (!value.is_array() || value.empty()) reject(where, "must be a non-empty array of schemas");
    std::vector<const Node*> nodes;
    for (std::size_t i = 0; i < value.size(); ++i) {
      nodes.push_back(subschema(value[i], place, where + "/" + std::to_string(i), depth));
    }
    return nodes;
  }

  std::map<std::string, const Node*> subschema_map(const Json& value, const Place& place,
                                                   const std::string& where, int depth) {
    if (!value.is_object()) reject(where, "must be an object whose values are schemas");
    std::map<std::string, const Node*> nodes;
    for (const auto& [name, schema] : value.items()) {
      nodes[name] = subschema(schema, place, where + "/" + escape_pointer_token(name), depth);
    }
    return nodes;
  }

  void read_general_keywords(Node& node, const Json& schema, const Place& place, int depth) {
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
    for (const char* keyword : {"$ref", "$dynamicRef"}) {
      if (const Json* ref = find_keyword(schema, keyword)) {
        const std::string where = at + "/" + keyword;
        pending_refs_.push_back({&node, read_string(*ref, where), where, place.resource, keyword[1] == 'd'});
      }
    }
    if (const Json* vocabulary = find_keyword(schema, "$vocabulary"); vocabulary && !vocabulary->is_object()) {
      reject(at + "/$vocabulary", "must be an object");
    }
    // Definitions are compiled even when unused, so a malformed one is reported; so is
    // contentSchema, an annotation whose identifiers still count.
    for (const char* keyword : {"$defs", "definitions"}) {
      if (const Json* definitions = find_keyword(schema, keyword)) {
        subschema_map(*definitions, place, at + "/" + keyword, depth);
      }
    }
    if (const Json* content = find_keyword(schema, "contentSchema")) {
      subschema(*content, place, at + "/contentSchema", depth);
    }
  }

  /// Sets `field` from the subschema under `keyword` when the schema has it.
  void read_subschema_keyword(const Json& schema, const Place& place, const std::string& at,
                              const char* keyword, const Node*& field, int depth) {
    if (const Json* value = find_keyword(schema, keyword)) {
      field = subschema(*value, place, at + "/" + keyword, depth);
    }
  }

  void read_subschema_list_keyword(const Json& schema, const Place& place, const std::string& at,
                                   const char* keyword, std::vector<const Node*>& field, int depth) {
    if (const Json* value = find_keyword(schema, keyword)) {
      field = subschema_list(*value, place, at + "/" + keyword, depth);
    }
  }

  void read_applicators(Node& node, const Json& schema, const Place& place, int depth) {
    const std::string& at = node.pointer;
    read_subschema_list_keyword(schema, place, at, "allOf", node.all_of, depth);
    read_subschema_list_keyword(schema, place, at, "anyOf", node.any_of, depth);
    read_subschema_list_keyword(schema, place, at, "oneOf", node.one_of, depth);
    read_subschema_keyword(schema, place, at, "not", node.not_schema, depth);
    read_subschema_keyword(schema, place, at, "if", node.if_schema, depth);
    read_subschema_keyword(schema, place, at, "then", node.then_schema, depth);
    read_subschema_keyword(schema, place, at, "else", node.else_schema, depth);
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

  void read_string_keywords(Node& node, const Json& schema, const Place& place) {
    const std::string& at = node.pointer;
    read_count_keyword(schema, at, "minLength", node.min_length);
    read_count_keyword(schema, at, "maxLength", node.max_length);
    if (const Json* pattern = find_keyword(schema, "pattern")) {
      node.pattern = read_pattern(read_string(*pattern, at + "/pattern"), at + "/pattern");
    }
    if (const Json* format = find_keyword(schema, "format")) {
      const std::string& name = read_string(*format, at + "/format");
      if (place.assert_formats) {
        node.format = format_named(name);
        node.format_name = name;
        if (!node.format) {
          reject(at + "/format", "format " + quoted(name) + " is not one Crux checks, and this schema's dialect (" +
                                     kFormatAssertionDialect + ") asserts format: Crux checks " +
                                     checked_format_names());
        }
      }
    }
  }

  /// 2020-12 `prefixItems` + `items`, and draft-07's array `items` + `additionalItems`.
  void read_array_keywords(Node& node, const Json& schema, const Place& place, int depth) {
    const std::string& at = node.pointer;
    const Json* prefix_items = find_keyword(schema, "prefixItems");
    const Json* items = find_keyword(schema, "items");
    read_subschema_list_keyword(schema, place, at, "prefixItems", node.prefix_items, depth);
    if (items && items->is_array()) {
      if (prefix_items) reject(at + "/items", "must be a schema when prefixItems is present");
      read_subschema_list_keyword(schema, place, at, "items", node.prefix_items, depth);
      read_subschema_keyword(schema, place, at, "additionalItems", node.items, depth);
    } else {
      read_subschema_keyword(schema, place, at, "items", node.items, depth);
    }
    read_subschema_keyword(schema, place, at, "contains", node.contains, depth);
    read_count_keyword(schema, at, "minContains", node.min_contains);
    read_count_keyword(schema, at, "maxContains", node.max_contains);
    read_count_keyword(schema, at, "minItems", node.min_items);
    read_count_keyword(schema, at, "maxItems", node.max_items);
    if (const Json* unique = find_keyword(schema, "uniqueItems")) {
      node.unique_items = read_bool(*unique, at + "/uniqueItems");
    }
    read_subschema_keyword(schema, place, at, "unevaluatedItems", node.unevaluated_items, depth);
  }

  void read_object_keywords(Node& node, const Json& schema, const Place& place, int depth) {
    const std::string& at = node.pointer;
    if (const Json* properties = find_keyword(schema, "properties")) {
      node.properties = subschema_map(*properties, place, at + "/properties", depth);
    }
    if (const Json* patterns = find_keyword(schema, "patternProperties")) {
      for (const auto& [source, schema_node] :
           subschema_map(*patterns, place, at + "/patternProperties", depth)) {
        const std::string where = at + "/patternProperties/" + escape_pointer_token(source);
        node.pattern_properties.emplace_back(read_pattern(source, where), schema_node);
      }
    }
    read_subschema_keyword(schema, place, at, "additionalProperties", node.additional_properties, depth);
    read_subschema_keyword(schema, place, at, "propertyNames", node.property_names, depth);
    if (const Json* required = find_keyword(schema, "required")) {
      node.required = read_string_array(*required, at + "/required");
    }
    if (const Json* dependents = find_keyword(schema, "dependentRequired")) {
      read_dependent_required(node, *dependents, at + "/dependentRequired");
    }
    if (const Json* dependents = find_keyword(schema, "dependentSchemas")) {
      node.dependent_schemas = subschema_map(*dependents, place, at + "/dependentSchemas", depth);
    }
    if (const Json* dependencies = find_keyword(schema, "dependencies")) {
      read_dependencies(node, *dependencies, place, at + "/dependencies", depth);
    }
    read_count_keyword(schema, at, "minProperties", node.min_properties);
    read_count_keyword(schema, at, "maxProperties", node.max_properties);
    read_subschema_keyword(schema, place, at, "unevaluatedProperties", node.unevaluated_properties, depth);
  }

  void read_dependent_required(Node& node, const Json& value, const std::string& where) {
    if (!value.is_object()) reject(where, "must be an object whose values are arrays of strings");
    for (const auto& [name, names] : value.items()) {
      node.dependent_required[name] = read_string_array(names, where + "/" + escape_pointer_token(name));
    }
  }

  /// Draft-07 `dependencies`: each value is either a list of names or a schema.
  void read_dependencies(Node& node, const Json& value, const Place& place, const std::string& where,
                         int depth) {
    if (!value.is_object()) reject(where, "must be an object");
    for (const auto& [name, dependency] : value.items()) {
      const std::string entry_where = where + "/" + escape_pointer_token(name);
      if (dependency.is_array()) {
        node.dependent_required[name] = read_string_array(dependency, entry_where);
      } else {
        node.dependent_schemas[name] = subschema(dependency, place, entry_where, depth);
      }
    }
  }

  /// Resolving a `$ref` may compile more of a document, or a known document, with more `$ref`s.
  /// `$dynamicRef`s learn their possible targets once every resource is known.
  void resolve_refs() {
    std::vector<std::pair<Node*, std::string>> dynamic;  // the node, and its anchor name
    for (std::size_t i = 0; i < pending_refs_.size(); ++i) {
      const PendingRef pending = pending_refs_[i];
      const auto [target, anchor] = resolve(pending);
      if (!pending.dynamic) {
        pending.node->ref = target;
        continue;
      }
      pending.node->dynamic_ref = target;
      const auto& dynamic_anchors = resources_[target->resource].dynamic_anchors;
      const auto found = dynamic_anchors.find(anchor);
      if (!anchor.empty() && found != dynamic_anchors.end() && found->second == target) {
        dynamic.emplace_back(pending.node, anchor);
      }
    }
    for (const auto& [node, anchor] : dynamic) {
      for (std::size_t r = 0; r < resources_.size(); ++r) {
        const auto found = resources_[r].dynamic_anchors.find(anchor);
        if (found != resources_[r].dynamic_anchors.end()) node->dynamic_targets.emplace_back(r, found->second);
      }
    }
  }

  /// The schema `pending` points to, and the anchor name its fragment gives (if it is one).
  std::pair<const Node*, std::string> resolve(const PendingRef& pending) {
    const std::string& ref = pending.ref;
    const std::string& where = pending.where;
    const auto parsed = parse_uri_reference(ref);
    if (!parsed) reject(where, quoted(ref) + " is not a URI reference");
    const UriReference target = resolve_uri(resources_[pending.resource].uri, *parsed);
    const std::string document_uri = target.without_fragment();
    const std::size_t resource = find_resource(document_uri, ref, where);
    const Resource& found = resources_[resource];
    const auto fragment = percent_decode(target.fragment.value_or(""));
    if (!fragment) reject(where, "invalid percent-encoding in " + quoted(ref));
    if (fragment->empty()) return {compiled_node(found.document, found.pointer), ""};
    if ((*fragment)[0] != '/') {
      const auto anchor = found.anchors.find(*fragment);
      if (anchor == found.anchors.end()) {
        reject(where, quoted(ref) + " names no $anchor or $dynamicAnchor " + quoted(*fragment) + " in " +
                          describe_resource(found));
      }
      return {anchor->second, *fragment};
    }
    Json::json_pointer relative;
    try {
      relative = Json::json_pointer(*fragment);
    } catch (const Error&) {  // json_mismatch
      reject(where, quoted(ref) + " is not a valid JSON pointer");
    }
    const std::string pointer = found.pointer + relative.to_string();
    if (const auto known = by_location_.find({found.document, pointer}); known != by_location_.end()) {
      return {known->second, ""};
    }
    const Json* value = nullptr;
    try {
      value = &documents_[found.document]->at(Json::json_pointer(pointer));
    } catch (const Error&) {  // json_mismatch
      reject(where, quoted(ref) + " does not resolve to anything in " + describe_resource(found));
    }
    return {compile(*value, {found.document, resource, found.assert_formats}, pointer, 0), ""};
  }

  /// The resource named `uri`, loading it first if it is a known document (a metaschema).
  std::size_t find_resource(const std::string& uri, const std::string& ref, const std::string& where) {
    if (const auto found = resource_by_uri_.find(uri); found != resource_by_uri_.end()) return found->second;
    if (const Json* document = known_document(uri)) {
      documents_.push_back(document);
      const std::size_t index = documents_.size() - 1;
      // The document's own $id names it; its root is compiled in the 2020-12 dialect.
      const std::size_t base = add_resource(*parse_uri_reference(kDefaultBase), index, "", false, false);
      compile(*document, {index, base, false}, "", 0);
      if (const auto found = resource_by_uri_.find(uri); found != resource_by_uri_.end()) return found->second;
    }
    const bool internal = uri.rfind("crux-schema:", 0) == 0;
    reject(where, quoted(ref) + " points outside this schema" + (internal ? "" : " (to " + quoted(uri) + ")") +
                      ": only this schema's own resources and the JSON Schema 2020-12 metaschemas can be "
                      "referenced; Crux never fetches a remote schema");
  }

  Node* compiled_node(std::size_t document, const std::string& pointer) const {
    return by_location_.at({document, pointer});
  }

  std::string describe_resource(const Resource& resource) const {
    const std::string uri = resource.uri.without_fragment();
    return uri == kDefaultBase ? std::string("the schema") : quoted(uri);
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

  std::vector<const Json*> documents_;  // [0] is the root schema; then known documents it references
  std::shared_ptr<CompiledSchema> compiled_;
  std::vector<Resource> resources_;
  std::map<std::string, std::size_t> resource_by_uri_;  // by URI without fragment
  std::map<std::pair<std::size_t, std::string>, Node*> by_location_;  // by document and pointer
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
