// The limits that keep validation bounded: a work budget per validation (a payload too costly
// to check is refused, it does not block), and schemas no value could get through refused at
// compile time.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "schema/validator.hpp"

using crux::Json;
using crux::schema::Failure;
using crux::schema::Validator;

namespace {

/// anyOf whose two branches both recurse into the items: a failure at the bottom makes each
/// level try both branches, 2^depth subschema applications without a budget.
Json doubling_any_of() {
  return Json::parse(R"({"anyOf":[
    {"type":"array","items":{"$ref":"#"}},
    {"type":"array","minItems":1,"items":{"$ref":"#"}},
    {"type":"string"}]})");
}

/// `depth` arrays inside each other around a number, which no branch accepts.
Json nested_arrays(int depth) {
  Json value = 1;
  for (int i = 0; i < depth; ++i) value = Json::array({std::move(value)});
  return value;
}

bool is_budget_failure(const std::vector<Failure>& failures) {
  return failures.size() == 1 && failures[0].path.empty() &&
         failures[0].message.find("too costly to check against this schema") != std::string::npos;
}

/// `count` $refs, each to the next definition, ending at a string schema.
Json ref_chain(int count) {
  Json chain = Json{{"$ref", "#/$defs/d0"}, {"$defs", Json::object()}};
  for (int i = 0; i < count; ++i) {
    chain["$defs"]["d" + std::to_string(i)] = {{"$ref", "#/$defs/d" + std::to_string(i + 1)}};
  }
  chain["$defs"]["d" + std::to_string(count)] = Json{{"type", "string"}};
  return chain;
}

std::string rejection_of(const Json& schema) {
  try {
    Validator{schema};
  } catch (const crux::Error& error) {
    CHECK(error.code() == crux::Code::InvalidArgument);
    return error.what();
  }
  FAIL("schema was accepted: " << schema.dump().substr(0, 200));
  return "";
}

}  // namespace

TEST_CASE("schema limits: a doubling anyOf stops with the budget failure", "[schema][limits]") {
  const Validator validator(doubling_any_of());
  // Shallow payloads are checked in full.
  CHECK(validator.validate(nested_arrays(3)).size() == 1);
  CHECK(validator.validate(Json::parse(R"([["a"],[],"b"])")).empty());
  for (int depth : {20, 25, 30}) {
    INFO("depth " << depth);
    const auto failures = validator.validate(nested_arrays(depth));
    REQUIRE(is_budget_failure(failures));
    CHECK_THAT(failures[0].message, Catch::Contains(std::to_string(crux::schema::kValidationBudget)));
  }
  // The same validator keeps working after running out.
  CHECK(validator.validate(Json::parse(R"([[[]]])")).empty());
}

TEST_CASE("schema limits: the budget can be set per validator", "[schema][limits]") {
  const Json schema = Json::parse(R"({"type":"array","items":{"type":"integer"}})");
  const Json items = Json(std::vector<int>(1000, 7));
  CHECK(Validator(schema).validate(items).empty());
  CHECK(is_budget_failure(Validator(schema, 100).validate(items)));
  CHECK(Validator(schema, 100).validate(Json::array({1, 2})).empty());
}

TEST_CASE("schema limits: uniqueItems on a big array is budgeted, not quadratic", "[schema][limits]") {
  const Json unique = Json::parse(R"({"uniqueItems":true})");
  Json distinct = Json::array();
  for (int i = 0; i < 40000; ++i) distinct.push_back(Json{{"id", i}, {"tag", "x"}});
  CHECK(Validator(unique).validate(distinct).empty());  // n^2/2 = 8e8 object comparisons before

  Json repeated = distinct;
  repeated.push_back(Json{{"id", 17}, {"tag", "x"}});
  repeated.push_back(Json{{"id", 5}, {"tag", "x"}});
  const auto failures = Validator(unique).validate(repeated);
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].message == "items must be unique (items 5 and 40001 are equal)");

  // Equal pairs are reported lowest first, as before.
  const auto small = Validator(unique).validate(Json::parse(R"([3,1,2,1,3])"));
  REQUIRE(small.size() == 1);
  CHECK(small[0].message == "items must be unique (items 0 and 4 are equal)");
  CHECK(Validator(unique).validate(Json::parse(R"([1,1.5,"1",[1],{"a":1},{"a":2}])")).empty());
  CHECK(Validator(unique).validate(Json::parse(R"([0,1,-0.0])")).size() == 1);
  // Objects keep their key order, yet the same members in another order are the same object.
  const auto reordered = Validator(unique).validate(Json::parse(R"([{"a":1,"b":[{"c":2,"d":3}]},{"b":[{"d":3,"c":2}],"a":1}])"));
  REQUIRE(reordered.size() == 1);
  CHECK(reordered[0].message == "items must be unique (items 0 and 1 are equal)");

  // Far bigger arrays cost more than the budget: refused, not checked for minutes.
  for (int i = 40000; i < 400000; ++i) distinct.push_back(Json{{"id", i}, {"tag", "x"}});
  CHECK(is_budget_failure(Validator(unique).validate(distinct)));
}

TEST_CASE("schema limits: a big enum against many items runs out of budget", "[schema][limits]") {
  Json values = Json::array();
  for (int i = 0; i < 20000; ++i) values.push_back("value-" + std::to_string(i));
  const Json schema = Json{{"items", {{"enum", values}}}};
  CHECK(Validator(schema).validate(Json::array({"value-3", "value-19999"})).empty());
  const auto failures = Validator(schema).validate(Json(std::vector<std::string>(20000, "nope")));
  CHECK(is_budget_failure(failures));
}

TEST_CASE("schema limits: a $ref chain no value could get through is refused when compiled",
          "[schema][limits]") {
  const std::string message = rejection_of(ref_chain(3000));
  CHECK_THAT(message, Catch::Contains("invalid schema at #/$defs/d"));
  CHECK_THAT(message, Catch::Contains("more than 256 subschemas would apply to one value in a chain"));
  // anyOf/allOf nesting counts the same way.
  Json nested = Json{{"type", "string"}};
  for (int i = 0; i < 300; ++i) nested = Json{{i % 2 ? "anyOf" : "allOf", Json::array({std::move(nested)})}};
  CHECK_THAT(rejection_of(nested), Catch::Contains("more than 256 subschemas"));
  // A long chain within the limit is accepted and validates.
  const Validator within(ref_chain(250));
  CHECK(within.validate("text").empty());
  CHECK(within.validate(1).size() == 1);
}

TEST_CASE("schema limits: $ref cycles that never go into the value are refused", "[schema][limits]") {
  CHECK_THAT(rejection_of(Json::parse(R"({"$ref":"#"})")), Catch::Contains("$ref cycle"));
  CHECK_THAT(rejection_of(Json::parse(
                 R"({"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"})")),
             Catch::Contains("$ref cycle"));
  CHECK_THAT(rejection_of(Json::parse(R"({"not":{"if":{"$ref":"#"}}})")), Catch::Contains("$ref cycle"));
  // Recursion through an item is fine, to any depth the payload limit allows.
  const Validator tree(Json::parse(R"({"type":"array","items":{"$ref":"#"}})"));
  CHECK(tree.validate(nested_arrays(400).at(0)).size() == 1);
}

TEST_CASE("schema limits: a realistic large payload passes within the budget", "[schema][limits]") {
  // What zod emits for z.array(z.object({ id: z.number().int(), name: z.string().min(1),
  // email: z.string().regex(...)?, tags: z.array(z.string()), done: z.boolean() })).
  const Json schema = Json::parse(R"({"type":"array","items":{"type":"object","properties":{
    "id":{"type":"integer","minimum":0},"name":{"type":"string","minLength":1},
    "tags":{"type":"array","items":{"type":"string"}},"done":{"type":"boolean"},
    "kind":{"enum":["a","b","c"]}},
    "required":["id","name","tags","done","kind"],"additionalProperties":false}})");
  Json payload = Json::array();
  // About 4 MiB of JSON.
  for (int i = 0; payload.size() < 50000; ++i) {
    payload.push_back(Json{{"id", i}, {"name", "item number " + std::to_string(i)},
                           {"tags", Json::array({"alpha", "beta"})}, {"done", i % 2 == 0},
                           {"kind", "b"}});
  }
  CHECK(payload.dump().size() > 4'000'000);
  const auto failures = Validator(schema).validate(payload);
  INFO((failures.empty() ? std::string() : failures[0].message));
  CHECK(failures.empty());
}

TEST_CASE("schema limits: unevaluatedProperties over a big object through many branches is budgeted",
          "[schema][limits]") {
  // 250 branches, each collecting annotations over every member of the object (anyOf applies
  // every branch when an unevaluated* needs their annotations), then a final unevaluated walk.
  Json schema = Json::parse(R"({"$defs":{"u":{"anyOf":[{"patternProperties":{"^a":true}},
                                                       {"properties":{"b":true}}],
                                              "unevaluatedProperties":{"type":"integer"}}},
                                "allOf":[], "unevaluatedProperties":false})");
  for (int i = 0; i < 250; ++i) schema["allOf"].push_back({{"$ref", "#/$defs/u"}});
  Json object = Json::object();
  for (int i = 0; i < 100000; ++i) object["a" + std::to_string(i)] = i;
  const auto failures = Validator(schema).validate(object);
  CHECK(is_budget_failure(failures));
  // The same schema on a small object is cheap, and right.
  CHECK(Validator(schema).validate(Json::parse(R"({"a1":"x","b":1})")).empty());
  CHECK(Validator(schema).validate(Json::parse(R"({"c":"x"})")).size() == 250);
}
