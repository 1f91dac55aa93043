// A flow's declared input, checked when a run starts: every failing path listed, bad schemas
// and bad JSON refused as INVALID_ARGUMENT.
#include <catch2/catch.hpp>
#include <string>

#include "core/error.hpp"
#include "core/json.hpp"
#include "schema/flow_input.hpp"
#include "thrown.hpp"

using crux::Json;
using crux::schema::check_flow_input;
using crux::testing::thrown_by;

namespace {

const std::string kBrief =
    R"({"type":"object","properties":{"title":{"type":"string"},"brief":{"type":"string","minLength":1}},)"
    R"("required":["title","brief"],"additionalProperties":false})";

Json details_of(const std::string& schema, const std::string& input) {
  try {
    check_flow_input("writer-flow", schema, input);
  } catch (const crux::Error& error) {
    return Json::parse(error.details());
  }
  return Json();
}

}  // namespace

TEST_CASE("a matching input passes") {
  CHECK_NOTHROW(check_flow_input("writer-flow", kBrief, R"({"title":"Launch","brief":"a post"})"));
  CHECK_NOTHROW(check_flow_input("any", "{}", ""));
}

TEST_CASE("a wrong input lists each failing path") {
  auto thrown = thrown_by([] { check_flow_input("writer-flow", kBrief, R"({"title":5,"breif":"x"})"); });
  CHECK(thrown.code == "INVALID_ARGUMENT");
  CHECK(thrown.message.find("flow \"writer-flow\"") != std::string::npos);
  CHECK(thrown.message.find("/title") != std::string::npos);
  CHECK(thrown.message.find("breif") != std::string::npos);
  CHECK(thrown.message.find("no run was started") != std::string::npos);
  Json details = details_of(kBrief, R"({"title":5,"breif":"x"})");
  REQUIRE(details.is_array());
  REQUIRE(details.size() >= 2);
  bool title = false;
  for (const auto& failure : details) {
    CHECK(failure.contains("message"));
    if (failure["path"] == "/title") title = true;
  }
  CHECK(title);
}

TEST_CASE("no input is checked as null") {
  auto thrown = thrown_by([] { check_flow_input("writer-flow", kBrief, ""); });
  CHECK(thrown.code == "INVALID_ARGUMENT");
  CHECK(thrown.message.find("(root)") != std::string::npos);
  CHECK_NOTHROW(check_flow_input("writer-flow", R"({"type":["object","null"]})", ""));
}

TEST_CASE("a bad schema or bad JSON is refused") {
  auto bad_schema = thrown_by([] { check_flow_input("f", R"({"type":5})", "{}"); });
  CHECK(bad_schema.code == "INVALID_ARGUMENT");
  CHECK(bad_schema.message.find("input schema of flow \"f\" is not a valid schema") != std::string::npos);
  auto bad_json = thrown_by([] { check_flow_input("f", "{}", "{nope"); });
  CHECK(bad_json.code == "INVALID_ARGUMENT");
  CHECK(bad_json.message.find("the input of flow \"f\" is not valid JSON") != std::string::npos);
  auto bad_schema_json = thrown_by([] { check_flow_input("f", "{", "{}"); });
  CHECK(bad_schema_json.code == "INVALID_ARGUMENT");
}
