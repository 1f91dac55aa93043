#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "schema/validator.hpp"

using crux::Json;
using crux::schema::Failure;
using crux::schema::Validator;

namespace {

Json parse(const char* text) { return Json::parse(text); }

std::vector<Failure> failures_of(const Json& schema, const Json& instance) {
  return Validator(schema).validate(instance);
}

bool is_valid(const Json& schema, const Json& instance) { return failures_of(schema, instance).empty(); }

/// All failures as "path: message" lines, for INFO and for exact comparisons.
std::string describe(const std::vector<Failure>& failures) {
  std::string text;
  for (const auto& failure : failures) text += "[" + failure.path + "] " + failure.message + "\n";
  return text;
}

/// Checks that `instance` fails `schema` with exactly one failure, at `path`, whose message
/// contains `message_part`.
void require_single_failure(const Json& schema, const Json& instance, const std::string& path,
                            const std::string& message_part) {
  const auto failures = failures_of(schema, instance);
  INFO("schema: " << schema.dump() << "\ninstance: " << instance.dump() << "\nfailures:\n"
                  << describe(failures));
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].path == path);
  CHECK_THAT(failures[0].message, Catch::Contains(message_part));
}

/// The code of the crux::Error that compiling `schema` throws.
crux::Code compile_error_code(const Json& schema, std::string* message = nullptr) {
  try {
    Validator validator(schema);
  } catch (const crux::Error& error) {
    if (message) *message = error.what();
    return error.code();
  }
  FAIL("schema compiled but should have been rejected: " << schema.dump());
  return crux::Code::InvalidArgument;
}

void require_rejected(const Json& schema, const std::string& message_part = "") {
  INFO("schema: " << schema.dump());
  REQUIRE_THROWS_AS(Validator{schema}, crux::Error);
  std::string message;
  CHECK(compile_error_code(schema, &message) == crux::Code::InvalidArgument);
  CHECK_THAT(message, Catch::Contains(message_part));
}

}  // namespace

TEST_CASE("schema: type accepts each of the seven type names", "[schema]") {
  CHECK(is_valid(parse(R"({"type":"null"})"), nullptr));
  CHECK(is_valid(parse(R"({"type":"boolean"})"), false));
  CHECK(is_valid(parse(R"({"type":"object"})"), Json::object()));
  CHECK(is_valid(parse(R"({"type":"array"})"), Json::array()));
  CHECK(is_valid(parse(R"({"type":"number"})"), 1.5));
  CHECK(is_valid(parse(R"({"type":"string"})"), "x"));
  CHECK(is_valid(parse(R"({"type":"integer"})"), 7));

  require_single_failure(parse(R"({"type":"null"})"), 0, "", "expected null, got number");
  require_single_failure(parse(R"({"type":"boolean"})"), "true", "", "expected boolean, got string");
  require_single_failure(parse(R"({"type":"object"})"), Json::array(), "", "expected object, got array");
  require_single_failure(parse(R"({"type":"array"})"), Json::object(), "", "expected array, got object");
  require_single_failure(parse(R"({"type":"number"})"), "1", "", "expected number, got string");
  require_single_failure(parse(R"({"type":"string"})"), nullptr, "", "expected string, got null");
  require_single_failure(parse(R"({"type":"integer"})"), true, "", "expected integer, got boolean");
}

TEST_CASE("schema: integer means a number with no fractional part", "[schema]") {
  const Json integer = parse(R"({"type":"integer"})");
  CHECK(is_valid(integer, parse("1")));
  CHECK(is_valid(integer, parse("1.0")));
  CHECK(is_valid(integer, parse("-3")));
  CHECK(is_valid(integer, parse("18446744073709551615")));
  require_single_failure(integer, parse("1.5"), "", "expected integer, got number");
  CHECK(is_valid(parse(R"({"type":"number"})"), parse("1.5")));
  CHECK(is_valid(parse(R"({"type":"number"})"), parse("2")));
}

TEST_CASE("schema: type may be an array of names", "[schema]") {
  const Json nullable = parse(R"({"type":["string","null"]})");
  CHECK(is_valid(nullable, "x"));
  CHECK(is_valid(nullable, nullptr));
  require_single_failure(nullable, 3, "", "expected string or null, got number");
  require_single_failure(parse(R"({"type":["string","integer","null"]})"), 0.5, "",
                         "expected string, integer or null, got number");
}

TEST_CASE("schema: properties and required report the property's path", "[schema]") {
  const Json schema = parse(R"({
    "type": "object",
    "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
    "required": ["name", "age"]
  })");
  CHECK(is_valid(schema, parse(R"({"name":"Ada","age":36})")));
  CHECK(is_valid(schema, parse(R"({"name":"Ada","age":36,"other":[1]})")));
  require_single_failure(schema, parse(R"({"name":"Ada"})"), "/age", "missing required property \"age\"");
  require_single_failure(schema, parse(R"({"name":1,"age":2})"), "/name", "expected string, got number");
  require_single_failure(schema, parse(R"({"name":"Ada","age":-1})"), "/age", "must be >= 0");

  const auto failures = failures_of(schema, Json::object());
  INFO(describe(failures));
  REQUIRE(failures.size() == 2);
  CHECK(failures[0].path == "/name");
  CHECK(failures[1].path == "/age");
  // Not an object: properties and required do not apply, only type fails.
  require_single_failure(schema, "text", "", "expected object, got string");
}

TEST_CASE("schema: paths escape ~ and / and go through nested arrays", "[schema]") {
  require_single_failure(parse(R"({"required":["a/b"]})"), Json::object(), "/a~1b", "\"a/b\"");
  require_single_failure(parse(R"({"properties":{"m~n":{"type":"string"}}})"), parse(R"({"m~n":1})"), "/m~0n",
                         "expected string");
  const Json schema = parse(R"({
    "properties": {"items": {"type": "array", "items": {"properties": {"name": {"type": "string"}}}}}
  })");
  require_single_failure(schema, parse(R"({"items":[{"name":"a"},{"name":false}]})"), "/items/1/name",
                         "expected string, got boolean");
}

TEST_CASE("schema: additionalProperties false, schema and patternProperties", "[schema]") {
  const Json closed = parse(R"({"properties":{"a":{}},"additionalProperties":false})");
  CHECK(is_valid(closed, parse(R"({"a":1})")));
  require_single_failure(closed, parse(R"({"a":1,"extra":1})"), "/extra",
                         "property \"extra\" is not allowed");

  const Json typed = parse(R"({"properties":{"a":{}},"additionalProperties":{"type":"number"}})");
  CHECK(is_valid(typed, parse(R"({"a":"x","b":2})")));
  require_single_failure(typed, parse(R"({"a":"x","b":"y"})"), "/b", "expected number, got string");

  const Json patterned = parse(R"({
    "patternProperties": {"^x-": {"type": "string"}},
    "additionalProperties": false
  })");
  CHECK(is_valid(patterned, parse(R"({"x-one":"1"})")));
  require_single_failure(patterned, parse(R"({"x-one":1})"), "/x-one", "expected string, got number");
  require_single_failure(patterned, parse(R"({"y":"1"})"), "/y", "property \"y\" is not allowed");
}

TEST_CASE("schema: items, draft-07 tuple items and prefixItems", "[schema]") {
  const Json list = parse(R"({"type":"array","items":{"type":"string"}})");
  CHECK(is_valid(list, parse(R"(["a","b"])")));
  require_single_failure(list, parse(R"(["a",2])"), "/1", "expected string, got number");

  const Json draft07_tuple =
      parse(R"({"items":[{"type":"string"},{"type":"number"}],"additionalItems":false})");
  CHECK(is_valid(draft07_tuple, parse(R"(["a",1])")));
  CHECK(is_valid(draft07_tuple, parse(R"(["a"])")));
  require_single_failure(draft07_tuple, parse(R"([1,1])"), "/0", "expected string, got number");
  require_single_failure(draft07_tuple, parse(R"(["a",1,true])"), "/2", "item 2 is not allowed");

  const Json tuple = parse(R"({"prefixItems":[{"type":"string"},{"type":"number"}],"items":false})");
  CHECK(is_valid(tuple, parse(R"(["a",1])")));
  require_single_failure(tuple, parse(R"(["a","b"])"), "/1", "expected number, got string");
  require_single_failure(tuple, parse(R"(["a",1,null])"), "/2", "item 2 is not allowed");

  const Json open_tuple = parse(R"({"prefixItems":[{"type":"string"}],"items":{"type":"boolean"}})");
  CHECK(is_valid(open_tuple, parse(R"(["a",true,false])")));
  require_single_failure(open_tuple, parse(R"(["a",true,0])"), "/2", "expected boolean, got number");
}

TEST_CASE("schema: enum and const use JSON equality", "[schema]") {
  const Json choice = parse(R"({"enum":["a","b"]})");
  CHECK(is_valid(choice, "a"));
  require_single_failure(choice, "c", "", R"(must be one of ["a","b"])");

  CHECK(is_valid(parse(R"({"const":1})"), parse("1.0")));
  CHECK(is_valid(parse(R"({"const":1.0})"), parse("1")));
  CHECK(is_valid(parse(R"({"enum":[[1,{"a":2.0}]]})"), parse(R"([1.0,{"a":2}])")));
  CHECK(is_valid(parse(R"({"const":{"a":[1,2]}})"), parse(R"({"a":[1,2]})")));
  require_single_failure(parse(R"({"const":{"a":[1,2]}})"), parse(R"({"a":[2,1]})"), "",
                         R"(must equal {"a":[1,2]})");
  require_single_failure(parse(R"({"const":"yes"})"), true, "", R"(must equal "yes")");
  require_single_failure(parse(R"({"const":null})"), false, "", "must equal null");
  require_single_failure(parse(R"({"enum":[1,"1"]})"), 2, "", R"(must be one of [1,"1"])");
}

TEST_CASE("schema: minimum, maximum and their exclusive forms", "[schema]") {
  const Json range = parse(R"({"minimum":0,"maximum":10})");
  CHECK(is_valid(range, 0));
  CHECK(is_valid(range, 10));
  CHECK(is_valid(range, 9.5));
  require_single_failure(range, -1, "", "must be >= 0");
  require_single_failure(range, 10.5, "", "must be <= 10");
  CHECK(is_valid(range, "not a number"));

  const Json open_range = parse(R"({"exclusiveMinimum":0,"exclusiveMaximum":1.5})");
  CHECK(is_valid(open_range, 1));
  require_single_failure(open_range, 0, "", "must be > 0");
  require_single_failure(open_range, 1.5, "", "must be < 1.5");

  const Json draft04 = parse(R"({"minimum":0,"exclusiveMinimum":true,"maximum":5,"exclusiveMaximum":false})");
  require_single_failure(draft04, 0, "", "must be > 0");
  CHECK(is_valid(draft04, 5));

  // Exact comparison of integers beyond 2^53.
  const Json huge = parse(R"({"maximum":9007199254740992})");
  CHECK(is_valid(huge, parse("9007199254740992")));
  require_single_failure(huge, parse("9007199254740993"), "", "must be <= 9007199254740992");
  require_single_failure(parse(R"({"minimum":-5})"), parse("-6"), "", "must be >= -5");
  CHECK(is_valid(parse(R"({"minimum":-5})"), parse("18446744073709551615")));
}

TEST_CASE("schema: multipleOf", "[schema]") {
  CHECK(is_valid(parse(R"({"multipleOf":3})"), -9));
  require_single_failure(parse(R"({"multipleOf":3})"), 10, "", "must be a multiple of 3");
  CHECK(is_valid(parse(R"({"multipleOf":0.1})"), 0.3));
  CHECK(is_valid(parse(R"({"multipleOf":0.01})"), 1.1));
  require_single_failure(parse(R"({"multipleOf":0.1})"), 0.35, "", "must be a multiple of 0.1");
}

TEST_CASE("schema: minLength and maxLength count code points", "[schema]") {
  const Json one_char = parse(R"({"minLength":1,"maxLength":1})");
  CHECK(is_valid(one_char, "\xC3\xA9"));          // é: 2 bytes
  CHECK(is_valid(one_char, "\xF0\x9F\x98\x80"));  // 😀: 4 bytes
  require_single_failure(one_char, "", "", "must be at least 1 character long");
  require_single_failure(one_char, "ab", "", "must be at most 1 character long");
  require_single_failure(parse(R"({"minLength":3})"), "\xC3\xA9\xC3\xA9", "",
                         "must be at least 3 characters long");
  CHECK(is_valid(parse(R"({"maxLength":2})"), "\xC3\xA9\xC3\xA9"));
}

TEST_CASE("schema: pattern is an unanchored ECMAScript search", "[schema]") {
  const Json starts_with_a = parse(R"({"pattern":"^a"})");
  CHECK(is_valid(starts_with_a, "abc"));
  require_single_failure(starts_with_a, "bac", "", "must match pattern \"^a\"");
  CHECK(is_valid(parse(R"({"pattern":"b"})"), "abc"));
  CHECK(is_valid(parse(R"({"pattern":"^\\d{3}-\\d{4}$"})"), "555-1234"));
  require_single_failure(parse(R"({"pattern":"^\\d+$"})"), "12a", "", R"(must match pattern "^\d+$")");
  CHECK(is_valid(parse(R"json({"pattern":"^(?!x)"})json"), "abc"));  // lookahead
  // `.` matches one code point, not one byte.
  CHECK(is_valid(parse(R"({"pattern":"^.$"})"), "\xC3\xA9"));
  CHECK(is_valid(parse(R"({"pattern":"^caf\u00e9$"})"), "caf\xC3\xA9"));
  // A zod 4 email pattern.
  const Json email = parse(
      R"({"pattern":"^(?!\\.)(?!.*\\.\\.)([A-Za-z0-9_'+\\-\\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"})");
  CHECK(is_valid(email, "ada@example.com"));
  CHECK_FALSE(is_valid(email, "ada..x@example.com"));
  CHECK(is_valid(starts_with_a, 5));  // pattern applies to strings only
}

TEST_CASE("schema: long strings do not overflow the regex matcher", "[schema]") {
  const std::string long_text(200000, 'a');
  CHECK(is_valid(parse(R"({"pattern":"^(a|b)*$"})"), long_text));
  // Catastrophic backtracking: the matcher remembers where it already failed.
  require_single_failure(parse(R"({"pattern":"^(a+)+b$"})"), std::string(1000, 'a'), "",
                         R"(must match pattern "^(a+)+b$")");
}

TEST_CASE("schema: a pattern with a repetition count too large to match is refused", "[schema]") {
  // Found by fuzz_schema_validator (fuzz/regressions/schema_validator/) when patterns ran on
  // std::regex; our matcher refuses counts it could never expand.
  require_rejected(parse(R"({"pattern":"^9{99999999999999999999}"})"), "too large");
  require_rejected(parse(R"({"pattern":"a{1,12345678901}"})"), "too large");
  require_rejected(parse(R"({"pattern":"(a)\\12345678901"})"), "names a group that does not exist");
  // Long digit runs that are not counts are fine, and so are ordinary counts.
  CHECK(is_valid(parse(R"({"pattern":"^12345678901234567890$"})"), "12345678901234567890"));
  CHECK(is_valid(parse(R"({"pattern":"^[{12345678901}]+$"})"), "{1}"));
  CHECK(is_valid(parse(R"({"pattern":"^a{2,3}$"})"), "aaa"));
  CHECK_FALSE(is_valid(parse(R"({"pattern":"^a{2,3}$"})"), "a"));
}

TEST_CASE("schema: minItems, maxItems and uniqueItems", "[schema]") {
  const Json sized = parse(R"({"minItems":1,"maxItems":2})");
  CHECK(is_valid(sized, parse("[1]")));
  require_single_failure(sized, parse("[]"), "", "must have at least 1 item");
  require_single_failure(sized, parse("[1,2,3]"), "", "must have at most 2 items");

  const Json unique = parse(R"({"uniqueItems":true})");
  CHECK(is_valid(unique, parse(R"([1,"1",{"a":1},{"a":2}])")));
  require_single_failure(unique, parse("[1,2,1.0]"), "", "items 0 and 2 are equal");
  CHECK(is_valid(parse(R"({"uniqueItems":false})"), parse("[1,1]")));
}

TEST_CASE("schema: minProperties and maxProperties", "[schema]") {
  const Json sized = parse(R"({"minProperties":1,"maxProperties":2})");
  CHECK(is_valid(sized, parse(R"({"a":1})")));
  require_single_failure(sized, Json::object(), "", "must have at least 1 property");
  require_single_failure(sized, parse(R"({"a":1,"b":2,"c":3})"), "", "must have at most 2 properties");
}

TEST_CASE("schema: allOf reports every failure of every branch", "[schema]") {
  const Json schema = parse(R"({"allOf":[{"type":"string"},{"minLength":3},{"pattern":"^a"}]})");
  CHECK(is_valid(schema, "abc"));
  const auto failures = failures_of(schema, "b");
  INFO(describe(failures));
  REQUIRE(failures.size() == 2);
  CHECK_THAT(failures[0].message, Catch::Contains("at least 3 characters"));
  CHECK_THAT(failures[1].message, Catch::Contains("must match pattern \"^a\""));
}

TEST_CASE("schema: anyOf gives one summarizing failure", "[schema]") {
  const Json nullable = parse(R"({"properties":{"x":{"anyOf":[{"type":"string"},{"type":"null"}]}}})");
  CHECK(is_valid(nullable, parse(R"({"x":"a"})")));
  CHECK(is_valid(nullable, parse(R"({"x":null})")));
  require_single_failure(nullable, parse(R"({"x":1})"), "/x", "must match at least one schema in anyOf");
  const auto failures = failures_of(nullable, parse(R"({"x":1})"));
  CHECK_THAT(failures[0].message, Catch::Contains("branch 0: expected string, got number"));
  CHECK_THAT(failures[0].message, Catch::Contains("branch 1: expected null, got number"));

  const Json deep = parse(R"({"anyOf":[{"properties":{"a":{"type":"string"}}},{"type":"string"}]})");
  const auto deep_failures = failures_of(deep, parse(R"({"a":1})"));
  REQUIRE(deep_failures.size() == 1);
  CHECK(deep_failures[0].path == "");
  CHECK_THAT(deep_failures[0].message, Catch::Contains("expected string, got number at /a"));

  // Nested anyOf summaries stay short.
  Json nested = parse(R"({"type":"string"})");
  for (int i = 0; i < 50; ++i)
    nested = Json{{"anyOf", Json::array({parse(R"({"type":"null"})"), std::move(nested)})}};
  const auto nested_failures = failures_of(nested, 1);
  REQUIRE(nested_failures.size() == 1);
  CHECK(nested_failures[0].message.size() < 400);
}

TEST_CASE("schema: oneOf counts matching branches", "[schema]") {
  const Json schema = parse(R"({"oneOf":[{"type":"integer"},{"minimum":2}]})");
  CHECK(is_valid(schema, 1));    // integer only
  CHECK(is_valid(schema, 2.5));  // minimum only
  require_single_failure(schema, 3, "", "must match exactly one schema in oneOf (matched 2)");
  require_single_failure(schema, 1.5, "", "must match exactly one schema in oneOf (matched 0;");
  const auto failures = failures_of(schema, 1.5);
  CHECK_THAT(failures[0].message, Catch::Contains("branch 0: expected integer, got number"));
  CHECK_THAT(failures[0].message, Catch::Contains("branch 1: must be >= 2"));
}

TEST_CASE("schema: not", "[schema]") {
  const Json schema = parse(R"({"not":{"type":"string"}})");
  CHECK(is_valid(schema, 1));
  require_single_failure(schema, "x", "", "must not match");
  require_single_failure(parse(R"({"not":{}})"), 1, "", "must not match");  // zod's z.never()
}

TEST_CASE("schema: boolean schemas", "[schema]") {
  CHECK(is_valid(true, parse(R"({"anything":[1]})")));
  require_single_failure(false, 1, "", "no value is allowed");
  CHECK(is_valid(parse(R"({"properties":{"a":true}})"), parse(R"({"a":1})")));
  require_single_failure(parse(R"({"properties":{"a":false}})"), parse(R"({"a":1})"), "/a",
                         "property \"a\" is not allowed");
  CHECK(is_valid(parse(R"({"properties":{"a":false}})"), Json::object()));
}

TEST_CASE("schema: local $ref into $defs, definitions and any JSON pointer", "[schema]") {
  const Json defs = parse(R"({
    "$defs": {"name": {"type": "string"}, "a/b": {"type": "integer"}, "t~x": {"type": "null"},
              "with space": {"type": "boolean"}},
    "definitions": {"old": {"minimum": 1}},
    "properties": {
      "n": {"$ref": "#/$defs/name"},
      "slash": {"$ref": "#/$defs/a~1b"},
      "tilde": {"$ref": "#/$defs/t~0x"},
      "space": {"$ref": "#/$defs/with%20space"},
      "old": {"$ref": "#/definitions/old"},
      "same_as_n": {"$ref": "#/properties/n"},
      "first_of": {"$ref": "#/anyOf/0"}
    },
    "anyOf": [{"type": "object"}]
  })");
  CHECK(is_valid(
      defs, parse(R"({"n":"x","slash":1,"tilde":null,"space":true,"old":2,"same_as_n":"y","first_of":{}})")));
  require_single_failure(defs, parse(R"({"n":1})"), "/n", "expected string, got number");
  require_single_failure(defs, parse(R"({"slash":"1"})"), "/slash", "expected integer");
  require_single_failure(defs, parse(R"({"tilde":1})"), "/tilde", "expected null");
  require_single_failure(defs, parse(R"({"space":1})"), "/space", "expected boolean");
  require_single_failure(defs, parse(R"({"old":0})"), "/old", "must be >= 1");
  require_single_failure(defs, parse(R"({"same_as_n":2})"), "/same_as_n", "expected string");
  require_single_failure(defs, parse(R"({"first_of":2})"), "/first_of", "expected object, got number");
}

TEST_CASE("schema: $ref applies together with its sibling keywords", "[schema]") {
  const Json schema = parse(R"({"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","minLength":2})");
  CHECK(is_valid(schema, "ab"));
  require_single_failure(schema, "a", "", "at least 2 characters");
  require_single_failure(schema, 5, "", "expected string");
}

TEST_CASE("schema: recursive tree through $ref", "[schema]") {
  const Json tree = parse(R"({
    "$ref": "#/$defs/node",
    "$defs": {
      "node": {
        "type": "object",
        "properties": {"value": {"type": "number"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
        "required": ["value"],
        "additionalProperties": false
      }
    }
  })");
  CHECK(
      is_valid(tree, parse(R"({"value":1,"children":[{"value":2},{"value":3,"children":[{"value":4}]}]})")));
  const auto failures =
      failures_of(tree, parse(R"({"value":1,"children":[{"value":2},{"value":"x","children":[{"v":4}]}]})"));
  INFO(describe(failures));
  // Properties are walked in the order the instance lists them: "value" before "children".
  REQUIRE(failures.size() == 3);
  CHECK(failures[0].path == "/children/1/value");
  CHECK(failures[0].message == "expected number, got string");
  CHECK(failures[1].path == "/children/1/children/0/value");
  CHECK(failures[1].message == "missing required property \"value\"");
  CHECK(failures[2].path == "/children/1/children/0/v");
  CHECK(failures[2].message == "property \"v\" is not allowed");

  // "#" is the root itself.
  const Json list = parse(R"({"type":"array","items":{"$ref":"#"}})");
  CHECK(is_valid(list, parse("[[],[[]]]")));
  require_single_failure(list, parse("[[],[1]]"), "/1/0", "expected array, got number");
}

TEST_CASE("schema: zod 4 toJSONSchema output", "[schema]") {
  const Json signal = parse(R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"approved": {"type": "boolean"}, "revisions": {"type": "string"}},
    "required": ["approved"],
    "additionalProperties": false
  })");
  CHECK(is_valid(signal, parse(R"({"approved":true})")));
  CHECK(is_valid(signal, parse(R"({"approved":false,"revisions":"fix the title"})")));
  const auto failures = failures_of(signal, parse(R"({"approved":"yes","extra":1})"));
  INFO(describe(failures));
  REQUIRE(failures.size() == 2);
  CHECK(failures[0].path == "/approved");
  CHECK(failures[0].message == "expected boolean, got string");
  CHECK(failures[1].path == "/extra");
  CHECK(failures[1].message == "property \"extra\" is not allowed");
  require_single_failure(signal, parse(R"({"revisions":"x"})"), "/approved",
                         "missing required property \"approved\"");

  // z.lazy() recursion, z.nullable(), z.int(), z.enum() and .positive() as zod 4 emits them.
  const Json comment = parse(R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$ref": "#/$defs/__schema0",
    "$defs": {
      "__schema0": {
        "type": "object",
        "properties": {
          "id": {"type": "integer", "minimum": -9007199254740991, "maximum": 9007199254740991},
          "kind": {"type": "string", "enum": ["note", "question"]},
          "score": {"type": "number", "exclusiveMinimum": 0},
          "parent": {"anyOf": [{"$ref": "#/$defs/__schema0"}, {"type": "null"}]},
          "tags": {"type": "array", "items": {"type": "string", "minLength": 1}, "maxItems": 3}
        },
        "required": ["id", "kind", "score", "parent", "tags"],
        "additionalProperties": false,
        "title": "Comment",
        "description": "annotations are ignored"
      }
    }
  })");
  CHECK(is_valid(comment, parse(R"({"id":1,"kind":"note","score":0.5,"parent":null,"tags":[]})")));
  CHECK(is_valid(
      comment,
      parse(
          R"({"id":1,"kind":"note","score":1,"parent":{"id":2,"kind":"question","score":2,"parent":null,"tags":["a"]},"tags":[]})")));
  const auto comment_failures =
      failures_of(comment, parse(R"({"id":1.5,"kind":"other","score":0,"parent":null,"tags":["", "b"]})"));
  INFO(describe(comment_failures));
  REQUIRE(comment_failures.size() == 4);
  CHECK(comment_failures[0].path == "/id");
  CHECK(comment_failures[1].path == "/kind");
  CHECK(comment_failures[2].path == "/score");
  CHECK(comment_failures[3].path == "/tags/0");
}

TEST_CASE("schema: if/then/else, contains, propertyNames, dependentRequired", "[schema]") {
  const Json conditional = parse(R"({
    "if": {"properties": {"kind": {"const": "a"}}},
    "then": {"required": ["a"]},
    "else": {"required": ["b"]}
  })");
  CHECK(is_valid(conditional, parse(R"({"kind":"a","a":1})")));
  require_single_failure(conditional, parse(R"({"kind":"a"})"), "/a", "missing required property \"a\"");
  require_single_failure(conditional, parse(R"({"kind":"z"})"), "/b", "missing required property \"b\"");

  const Json contains = parse(R"({"contains":{"type":"string"},"maxContains":1})");
  CHECK(is_valid(contains, parse(R"([1,"a"])")));
  require_single_failure(contains, parse("[1,2]"), "",
                         "must contain at least 1 item matching \"contains\" (found 0)");
  require_single_failure(contains, parse(R"(["a","b"])"), "", "at most 1 item");

  const Json names = parse(R"({"propertyNames":{"pattern":"^[a-z]+$"}})");
  CHECK(is_valid(names, parse(R"({"abc":1})")));
  require_single_failure(names, parse(R"({"Abc":1})"), "/Abc", "property name \"Abc\": must match pattern");

  const Json dependent = parse(R"({"dependentRequired":{"card":["billing"]}})");
  CHECK(is_valid(dependent, parse(R"({"name":1})")));
  require_single_failure(dependent, parse(R"({"card":1})"), "/billing", "required when \"card\" is present");
}

TEST_CASE("schema: unknown keywords and annotations are ignored", "[schema]") {
  const Json schema = parse(R"({
    "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://example.com/s",
    "title": "T", "description": "D", "format": "email", "default": 1, "examples": [{"$ref": 5}],
    "x-vendor": {"type": 5}, "readOnly": true
  })");
  CHECK(is_valid(schema, "not an email"));
}

TEST_CASE("schema: malformed schemas throw InvalidArgument", "[schema]") {
  require_rejected(parse(R"({"type":5})"), "#/type");
  require_rejected(parse(R"({"type":"strin"})"), "unknown type \"strin\"");
  require_rejected(parse(R"({"type":["string",1]})"), "#/type/1");
  require_rejected(parse(R"({"required":"x"})"), "#/required");
  require_rejected(parse(R"({"required":[1]})"), "#/required/0");
  require_rejected(parse(R"({"minimum":"a"})"), "#/minimum: must be a number");
  require_rejected(parse(R"({"exclusiveMaximum":"a"})"), "#/exclusiveMaximum");
  require_rejected(parse(R"({"multipleOf":0})"), "#/multipleOf");
  require_rejected(parse(R"({"minLength":-1})"), "#/minLength: must be a non-negative integer");
  require_rejected(parse(R"({"maxItems":1.5})"), "#/maxItems");
  require_rejected(parse(R"({"uniqueItems":"yes"})"), "#/uniqueItems");
  require_rejected(parse(R"({"pattern":"(unclosed"})"), "#/pattern: invalid regular expression");
  require_rejected(parse(R"({"pattern":5})"), "#/pattern");
  require_rejected(parse(R"({"patternProperties":{"[":{}}})"), "#/patternProperties/[");
  require_rejected(parse(R"({"properties":{"a":{"type":5}}})"), "#/properties/a/type");
  require_rejected(parse(R"({"properties":{"a":5}})"),
                   "#/properties/a: a schema must be an object or a boolean");
  require_rejected(parse(R"({"properties":[]})"), "#/properties");
  require_rejected(parse(R"({"items":"x"})"), "#/items");
  require_rejected(parse(R"({"anyOf":[]})"), "#/anyOf");
  require_rejected(parse(R"({"oneOf":{}})"), "#/oneOf");
  require_rejected(parse(R"({"enum":"a"})"), "#/enum");
  require_rejected(parse(R"({"$defs":{"bad":{"minItems":"1"}}})"), "#/$defs/bad/minItems");
  require_rejected(parse("5"), "a schema must be an object or a boolean");
  require_rejected(parse("null"));
  require_rejected(parse(R"("string")"));
  require_rejected(parse("[]"));
}

TEST_CASE("schema: bad $refs throw InvalidArgument", "[schema]") {
  require_rejected(parse(R"({"$ref":"#/$defs/missing"})"), "does not resolve");
  require_rejected(parse(R"({"properties":{"a":{"$ref":"#/definitions/nope"}}})"), "#/properties/a/$ref");
  require_rejected(parse(R"({"$ref":"https://example.com/schema.json"})"), "Crux never fetches a remote schema");
  require_rejected(parse(R"({"$ref":"#anchor"})"), "names no $anchor or $dynamicAnchor \"anchor\"");
  require_rejected(parse(R"({"$ref":5})"), "#/$ref");
  require_rejected(parse(R"({"$ref":"#/$defs/x", "$defs":{"x":{"$ref":"#/$defs/y"}}})"), "#/$defs/x/$ref");
  require_rejected(parse(R"({"$ref":"#/required", "required":["a"]})"),
                   "a schema must be an object or a boolean");
}

TEST_CASE("schema: $ref loops that never reach a property or item are rejected", "[schema]") {
  require_rejected(parse(R"({"$ref":"#"})"), "$ref cycle");
  require_rejected(
      parse(
          R"({"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"allOf":[{"$ref":"#/$defs/a"}]}},"$ref":"#/$defs/a"})"),
      "$ref cycle");
  require_rejected(parse(R"({"anyOf":[{"type":"string"},{"$ref":"#"}]})"), "$ref cycle");
  // Recursion through a property or item is fine.
  CHECK(is_valid(parse(R"({"properties":{"next":{"$ref":"#"}}})"), parse(R"({"next":{"next":{}}})")));
}

TEST_CASE("schema: deep nesting gives a failure, not a crash", "[schema]") {
  Json deep = Json::array();
  for (int i = 0; i < 10000; ++i) deep = Json::array({std::move(deep)});
  const Json nested_arrays = parse(R"({"type":"array","items":{"$ref":"#"}})");
  const auto failures = failures_of(nested_arrays, deep);
  REQUIRE(failures.size() == 1);
  CHECK_THAT(failures[0].message, Catch::Contains("nested more than 512 levels"));
  CHECK(failures[0].path.size() == 2 * 512 + 2);  // "/0" per level
  CHECK(is_valid(true, deep));
  CHECK(is_valid(parse(R"({"type":"array"})"), deep));

  // A $ref chain longer than the evaluation guard (each link is a separate definition) is
  // refused when compiled (schema_limits_test.cpp).
  Json chain = parse(R"({"$ref":"#/$defs/d0","$defs":{}})");
  for (int i = 0; i < 3000; ++i)
    chain["$defs"]["d" + std::to_string(i)] = {{"$ref", "#/$defs/d" + std::to_string(i + 1)}};
  chain["$defs"]["d3000"] = parse(R"({"type":"string"})");
  require_rejected(chain, "more than 256 subschemas would apply to one value");

  Json deep_schema = Json::object();
  for (int i = 0; i < 2000; ++i) deep_schema = Json{{"items", std::move(deep_schema)}};
  require_rejected(deep_schema, "nested more than 512 levels");
}

TEST_CASE("schema: a validator is reusable and copyable", "[schema]") {
  const Validator validator(parse(R"({"type":"object","properties":{"s":{"pattern":"^x"}}})"));
  const Validator copy = validator;
  CHECK(validator.validate(parse(R"({"s":"xy"})")).empty());
  CHECK(copy.validate(parse(R"({"s":"y"})")).size() == 1);
  CHECK(validator.validate(parse(R"({"s":"y"})")).size() == 1);
}
