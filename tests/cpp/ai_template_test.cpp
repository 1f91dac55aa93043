#include <catch2/catch.hpp>

#include "ai/template.hpp"
#include "thrown.hpp"

using crux::Json;
using crux::ai::render_template;
using crux::testing::thrown_by;

TEST_CASE("template: placeholders are filled from input", "[ai][template]") {
  const Json input = Json::parse(R"({"brief":"announce v1","n":3,"ok":true,"none":null,
    "user":{"name":"Ada","tags":["x","y"]},"list":[1,{"a":"b"}]})");
  CHECK(render_template("Write a plan for: {{brief}}", input) == "Write a plan for: announce v1");
  CHECK(render_template("{{ brief }}|{{n}}|{{ok}}|{{none}}|", input) == "announce v1|3|true||");
  CHECK(render_template("{{user.name}} {{user.tags.1}} {{list.1.a}}", input) == "Ada y b");
  CHECK(render_template("{{user.tags}}", input) == R"(["x","y"])");
  CHECK(render_template("no placeholders", input) == "no placeholders");
  CHECK(render_template("", input).empty());
}

TEST_CASE("template: {{{{ writes a literal {{ and stray braces stay", "[ai][template]") {
  const Json input = {{"x", "1"}};
  CHECK(render_template("{{{{x}} is {{x}}", input) == "{{x}} is 1");
  CHECK(render_template("a } b }} c { d", input) == "a } b }} c { d");
  CHECK(render_template("{{{{", input) == "{{");
}

TEST_CASE("template: values are inserted once, never re-read as templates", "[ai][template]") {
  const Json input = {{"x", "{{y}}"}, {"y", "no"}};
  CHECK(render_template("{{x}}", input) == "{{y}}");
}

TEST_CASE("template: multi-byte text passes through unchanged", "[ai][template]") {
  const Json input = {{"name", "wörld 👋"}};
  CHECK(render_template("héllo {{name}} ✓", input) == "héllo wörld 👋 ✓");
}

TEST_CASE("template: a missing variable is INVALID_ARGUMENT naming it", "[ai][template]") {
  const Json input = Json::parse(R"({"user":{"name":"Ada"},"list":[1]})");
  auto missing = thrown_by([&] { render_template("Hi {{brief}}", input); });
  CHECK(missing.code == "INVALID_ARGUMENT");
  CHECK_THAT(missing.message, Catch::Contains("{{brief}}") && Catch::Contains("missing"));
  CHECK(thrown_by([&] { render_template("{{user.age}}", input); }).message.find("{{user.age}}") != std::string::npos);
  CHECK(thrown_by([&] { render_template("{{list.1}}", input); }).code == "INVALID_ARGUMENT");
  CHECK(thrown_by([&] { render_template("{{user.name.first}}", input); }).code == "INVALID_ARGUMENT");
  CHECK(thrown_by([&] { render_template("{{list.x}}", input); }).code == "INVALID_ARGUMENT");
}

TEST_CASE("template: a missing variable that is not UTF-8 is still INVALID_ARGUMENT", "[ai][template]") {
  // Found by fuzz_template_renderer (fuzz/regressions/template_renderer/): the details were
  // dumped strictly, so the name's invalid UTF-8 threw nlohmann's type_error instead.
  try {
    render_template("Hello {{ \x89\x8c" "er.name }}", Json::object());
    FAIL("no error");
  } catch (const crux::Error& error) {
    CHECK(error.code() == crux::Code::InvalidArgument);
    CHECK(Json::parse(error.details()) == Json{{"variable", "\uFFFD\uFFFDer.name"}});
  }
}

TEST_CASE("template: malformed placeholders are INVALID_ARGUMENT", "[ai][template]") {
  const Json input = {{"a", 1}};
  CHECK_THAT(thrown_by([&] { render_template("x {{a", input); }).message, Catch::Contains("unclosed"));
  CHECK_THAT(thrown_by([&] { render_template("{{ }}", input); }).message, Catch::Contains("empty"));
  CHECK_THAT(thrown_by([&] { render_template("{{a..b}}", input); }).message, Catch::Contains("empty name"));
}
