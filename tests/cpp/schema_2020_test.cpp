// Draft 2020-12 identifiers, annotations and dialects: what the official suite
// (json_schema_suite_test.cpp) checks for valid/invalid, plus Crux's own messages and refusals.
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

std::string describe(const std::vector<Failure>& failures) {
  std::string text;
  for (const auto& failure : failures) text += "[" + failure.path + "] " + failure.message + "\n";
  return text;
}

/// The failures of `instance` as "[path] message" lines.
std::string failures(const char* schema, const char* instance) {
  return describe(Validator(parse(schema)).validate(parse(instance)));
}

std::string refusal(const char* schema) {
  try {
    Validator validator(parse(schema));
  } catch (const crux::Error& error) {
    CHECK(error.code() == crux::Code::InvalidArgument);
    return error.what();
  }
  FAIL("schema compiled but should have been refused: " << schema);
  return "";
}

}  // namespace

TEST_CASE("schema 2020-12: unevaluatedProperties sees what allOf, $ref and if/then evaluated", "[schema]") {
  const char* schema = R"({
    "$defs": {"named": {"properties": {"name": {"type": "string"}}}},
    "$ref": "#/$defs/named",
    "allOf": [{"properties": {"age": {"type": "integer"}}}],
    "if": {"properties": {"kind": {"const": "pet"}}, "required": ["kind"]},
    "then": {"properties": {"owner": true}},
    "unevaluatedProperties": false
  })";
  CHECK(failures(schema, R"({"name":"a","age":1})").empty());
  CHECK(failures(schema, R"({"name":"a","kind":"pet","owner":"b"})").empty());
  CHECK(failures(schema, R"({"name":"a","bar":2})") == "[/bar] property \"bar\" is not allowed\n");
  // "owner" is evaluated only when the if matched; "kind" only by the if, so only then.
  CHECK(failures(schema, R"({"kind":"wild","owner":"b"})") ==
        "[/kind] property \"kind\" is not allowed\n[/owner] property \"owner\" is not allowed\n");
}

TEST_CASE("schema 2020-12: anyOf branches that fail add nothing to what was evaluated", "[schema]") {
  const char* schema = R"({
    "anyOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"b": true}, "required": ["b"]}],
    "unevaluatedProperties": false
  })";
  CHECK(failures(schema, R"({"a":"x","b":1})").empty());  // both branches match: both count
  CHECK(failures(schema, R"({"a":1,"b":1})") == "[/a] property \"a\" is not allowed\n");
}

TEST_CASE("schema 2020-12: unevaluatedItems after prefixItems and contains", "[schema]") {
  const char* schema = R"({"prefixItems": [{"type": "string"}], "contains": {"type": "null"},
                           "unevaluatedItems": {"type": "integer"}})";
  CHECK(failures(schema, R"(["a", null, 3])").empty());
  CHECK(failures(schema, R"(["a", null, "x"])") == "[/2] expected integer, got string\n");
}

TEST_CASE("schema 2020-12: $id scopes references; $anchor names a place", "[schema]") {
  const char* schema = R"({
    "$id": "https://example.com/root.json",
    "$defs": {
      "B": {"type": "integer"},
      "inner": {"$id": "inner/", "$defs": {"B": {"type": "string"}}, "$ref": "#/$defs/B"},
      "tagged": {"$anchor": "tag", "maxLength": 2}
    },
    "properties": {
      "inner": {"$ref": "inner/"},
      "byUri": {"$ref": "https://example.com/inner/#/$defs/B"},
      "tag": {"$ref": "#tag"}
    }
  })";
  CHECK(failures(schema, R"({"inner":"s","byUri":"s","tag":"ab"})").empty());
  CHECK(failures(schema, R"({"inner":1})") == "[/inner] expected string, got number\n");
  CHECK(failures(schema, R"({"tag":"abc"})") == "[/tag] must be at most 2 characters long\n");
}

TEST_CASE("schema 2020-12: $dynamicRef resolves to the outermost $dynamicAnchor in scope", "[schema]") {
  // A generic list whose items default to anything; the outer resource makes them strings.
  const char* strings = R"({
    "$id": "https://example.com/strings",
    "$ref": "list",
    "$defs": {
      "item": {"$dynamicAnchor": "item", "type": "string"},
      "list": {"$id": "list", "type": "array", "items": {"$dynamicRef": "#item"},
               "$defs": {"item": {"$dynamicAnchor": "item"}}}
    }
  })";
  CHECK(failures(strings, R"(["a"])").empty());
  CHECK(failures(strings, "[1]") == "[/0] expected string, got number\n");
  const char* anything = R"({
    "$id": "https://example.com/anything",
    "$ref": "list",
    "$defs": {"list": {"$id": "list", "type": "array", "items": {"$dynamicRef": "#item"},
                       "$defs": {"item": {"$dynamicAnchor": "item"}}}}
  })";
  CHECK(failures(anything, "[1]").empty());
}

TEST_CASE("schema 2020-12: the metaschema is a known document", "[schema]") {
  const char* schema = R"({"$ref": "https://json-schema.org/draft/2020-12/schema"})";
  CHECK(failures(schema, R"({"type":"string","minLength":1})").empty());
  CHECK(failures(schema, R"({"minLength":-1})") == "[/minLength] must be >= 0\n");
  CHECK(failures(schema, R"({"properties":{"a":{"type":5}}})").find("[/properties/a/type]") == 0);
}

TEST_CASE("schema 2020-12: boolean root schemas", "[schema]") {
  CHECK(failures("true", R"({"a":1})").empty());
  CHECK(failures("false", "1") == "[] no value is allowed here\n");
}

TEST_CASE("schema 2020-12: what Crux does not implement is refused, naming keyword and path", "[schema]") {
  CHECK_THAT(refusal(R"({"properties":{"a":{"$recursiveRef":"#"}}})"),
             Catch::Contains("#/properties/a/$recursiveRef") && Catch::Contains("not supported"));
  CHECK_THAT(refusal(R"({"items":{"extends":{}}})"), Catch::Contains("#/items/extends"));
  CHECK_THAT(refusal(R"({"$schema":"https://example.com/my-metaschema"})"),
             Catch::Contains("#/$schema") && Catch::Contains("never fetches"));
  CHECK_THAT(refusal(R"({"$ref":"other.json"})"), Catch::Contains("#/$ref") && Catch::Contains("never fetches"));
  CHECK_THAT(refusal(R"({"$id":"https://example.com/a","$ref":"b.json#/x"})"),
             Catch::Contains("(to \"https://example.com/b.json\")"));
  CHECK_THAT(refusal(R"({"$id":"https://example.com/a#frag"})"), Catch::Contains("use $anchor") ||
                                                                     Catch::Contains("with $anchor"));
  CHECK_THAT(refusal(R"({"$defs":{"a":{"$anchor":"x"},"b":{"$anchor":"x"}}})"), Catch::Contains("defined twice"));
  CHECK_THAT(refusal(R"({"$anchor":"1x"})"), Catch::Contains("not an anchor name"));
  CHECK_THAT(refusal(R"({"$defs":{"a":{"$id":"https://x/"},"b":{"$id":"https://x/"}}})"),
             Catch::Contains("another $id already names"));
  // Unknown keywords are annotations, as the spec says; so are the annotation-only keywords.
  CHECK(failures(R"({"x-vendor":{"$id":"https://x/"},"title":"t","deprecated":true,"contentMediaType":"a/b"})",
                 "1")
            .empty());
}

TEST_CASE("schema 2020-12: format asserts only in Crux's format-assertion dialect", "[schema]") {
  CHECK(failures(R"({"format":"email"})", R"("nope")").empty());
  const char* asserted = R"({"$schema":"urn:crux:dialect:2020-12-format-assertion",
                             "properties":{"at":{"format":"date-time"},"mail":{"format":"email"}}})";
  CHECK(failures(asserted, R"({"at":"2024-02-29T12:00:00Z","mail":"a@b.org"})").empty());
  CHECK(failures(asserted, R"({"at":"2023-02-29T12:00:00Z","mail":"a..b@c"})") ==
        "[/at] must be a valid date-time (format)\n[/mail] must be a valid email (format)\n");
  CHECK_THAT(refusal(R"({"$schema":"urn:crux:dialect:2020-12-format-assertion","format":"hostname"})"),
             Catch::Contains("#/format") && Catch::Contains("\"hostname\" is not one Crux checks"));
  // The dialect names a document that a schema can $ref too.
  CHECK(failures(R"({"$ref":"urn:crux:dialect:2020-12-format-assertion"})", R"({"format":"x"})").empty());
}
