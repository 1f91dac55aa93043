#include <catch2/catch.hpp>

#include "core/json.hpp"
#include "thrown.hpp"

using crux::Json;
using crux::testing::thrown_by;

TEST_CASE("nlohmann/json's own throws are INVALID_ARGUMENT errors of the engine") {
  const Json number = 1;
  const Json object = {{"a", "text"}};
  for (const auto& thrown : {thrown_by([&] { (void)number.at("a"); }), thrown_by([&] { (void)object.at("b"); }),
                             thrown_by([&] { (void)object.at("a").get<int>(); }),
                             thrown_by([&] { (void)Json::json_pointer("no-slash"); })}) {
    CHECK(thrown.code == "INVALID_ARGUMENT");
    CHECK(thrown.message == "a JSON value is not of the expected shape");
  }
}

TEST_CASE("parse_json names where the text stops being JSON") {
  const auto thrown = thrown_by([] { crux::parse_json("[1, tru]"); });
  CHECK(thrown.code == "INVALID_ARGUMENT");
  CHECK_THAT(thrown.message, Catch::StartsWith("not valid JSON: ") && Catch::Contains("column 8"));
  CHECK(crux::parse_json(R"({"b":1,"a":[true]})").dump() == R"({"b":1,"a":[true]})");
  CHECK(crux::parse_json_or_discarded("{").is_discarded());
  CHECK(thrown_by([] { crux::parse_argument("{", "the input"); }).message == "the input is not valid JSON");
  CHECK(crux::parse_argument("", "the input").is_null());
}
