#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "thrown.hpp"
#include "plans/plan.hpp"

using crux::Json;
using crux::plans::merge_patch;
using crux::plans::Plan;
using crux::plans::PlanSet;

using crux::testing::Thrown;
using crux::testing::thrown_by;

namespace {


Json json(const char* text) { return Json::parse(text); }

/// `levels` objects nested inside each other, {"a":{"a":...1...}}.
Json nested_objects(size_t levels) {
  Json value = 1;
  for (size_t i = 0; i < levels; ++i) {
    Json wrapper = Json::object();
    wrapper["a"] = std::move(value);
    value = std::move(wrapper);
  }
  return value;
}

/// A set holding plan "p" created at t=100 with a title, content and nested metadata.
PlanSet set_with_one_plan() {
  PlanSet plans;
  plans.create(
      "p",
      json(R"({"title":"T","content":"C","metadata":{"owner":"ann","ui":{"tab":1,"zoom":2}}})"),
      100);
  return plans;
}

std::vector<std::string> listed_ids(const PlanSet& plans) {
  std::vector<std::string> ids;
  for (const Plan* plan : plans.list()) ids.push_back(plan->id);
  return ids;
}

}  // namespace

// --- merge_patch ---

TEST_CASE("merge_patch matches every example of RFC 7386 Appendix A", "[plans][merge_patch]") {
  struct Example {
    const char* original;
    const char* patch;
    const char* result;
  };
  const Example examples[] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"a":"foo"})", R"(null)", R"(null)"},
      {R"({"a":"foo"})", R"("bar")", R"("bar")"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const Example& example : examples) {
    INFO(example.original << " + " << example.patch);
    CHECK(merge_patch(json(example.original), json(example.patch)) == json(example.result));
  }
}

TEST_CASE("merge_patch matches the RFC 7386 section 3 example", "[plans][merge_patch]") {
  const Json target = json(R"({
    "title": "Goodbye!",
    "author": {"givenName": "John", "familyName": "Doe"},
    "tags": ["example", "sample"],
    "content": "This will be unchanged"
  })");
  const Json patch = json(R"({
    "title": "Hello!",
    "phoneNumber": "+01-123-456-7890",
    "author": {"familyName": null},
    "tags": ["example"]
  })");
  const Json expected = json(R"({
    "title": "Hello!",
    "author": {"givenName": "John"},
    "tags": ["example"],
    "content": "This will be unchanged",
    "phoneNumber": "+01-123-456-7890"
  })");
  CHECK(merge_patch(target, patch) == expected);
}

TEST_CASE("merge_patch drops nulls nested in a patch that replaces a non-object",
          "[plans][merge_patch]") {
  CHECK(merge_patch(json(R"({"a":5})"), json(R"({"a":{"b":null,"c":1}})")) ==
        json(R"({"a":{"c":1}})"));
  CHECK(merge_patch(json(R"({"a":5})"), json(R"({"b":null})")) == json(R"({"a":5})"));
}

TEST_CASE("merge_patch refuses patches nested deeper than 512 levels", "[plans][merge_patch]") {
  CHECK(merge_patch(Json::object(), nested_objects(512)) == nested_objects(512));

  const Thrown too_deep = thrown_by([] { merge_patch(Json::object(), nested_objects(513)); });
  CHECK(too_deep.code == "INVALID_ARGUMENT");
  CHECK_THAT(too_deep.message, Catch::Contains("512"));

  Json deep_array = Json::array();
  for (int i = 0; i < 100'000; ++i) {
    Json wrapper = Json::array();
    wrapper.push_back(std::move(deep_array));
    deep_array = std::move(wrapper);
  }
  Json patch = Json::object();
  patch["x"] = std::move(deep_array);
  CHECK(thrown_by([&] { merge_patch(Json::object(), patch); }).code == "INVALID_ARGUMENT");
  CHECK(thrown_by([] { merge_patch(Json::object(), nested_objects(100'000)); }).code ==
        "INVALID_ARGUMENT");
}

// --- Plan JSON ---

TEST_CASE("Plan::to_json uses the wire names and from_json reads them back", "[plans][json]") {
  Plan plan;
  plan.id = "p1";
  plan.title = "Trip";
  plan.content = "# Day 1";
  plan.metadata = json(R"({"tags":["a"]})");
  plan.version = 3;
  plan.created_at = 10;
  plan.updated_at = 20;

  const Json expected = json(R"({"id":"p1","title":"Trip","content":"# Day 1",
      "metadata":{"tags":["a"]},"version":3,"createdAt":10,"updatedAt":20})");
  CHECK(plan.to_json() == expected);

  const Plan back = Plan::from_json(expected);
  CHECK(back.id == "p1");
  CHECK(back.title == "Trip");
  CHECK(back.content == "# Day 1");
  CHECK(back.metadata == json(R"({"tags":["a"]})"));
  CHECK(back.version == 3);
  CHECK(back.created_at == 10);
  CHECK(back.updated_at == 20);
  CHECK(back.to_json() == expected);
}

TEST_CASE("Plan::from_json rejects a missing field or a wrong type", "[plans][json]") {
  const Json valid = json(R"({"id":"p1","title":"t","content":"c","metadata":{},
      "version":1,"createdAt":1,"updatedAt":2})");
  REQUIRE(thrown_by([&] { Plan::from_json(valid); }).code == "no error");

  for (const char* key :
       {"id", "title", "content", "metadata", "version", "createdAt", "updatedAt"}) {
    INFO("missing " << key);
    Json missing = valid;
    missing.erase(key);
    const Thrown thrown = thrown_by([&] { Plan::from_json(missing); });
    CHECK(thrown.code == "INVALID_ARGUMENT");
    CHECK_THAT(thrown.message, Catch::Contains(key));
  }

  const std::pair<const char*, Json> wrong_types[] = {
      {"id", 5},
      {"title", nullptr},
      {"content", Json::array()},
      {"metadata", "x"},
      {"metadata", nullptr},
      {"metadata", Json::array()},
      {"version", "1"},
      {"version", 1.5},
      {"createdAt", true},
      {"updatedAt", 2.0},
      {"id", ""},
      {"version", 0},
      {"version", std::numeric_limits<uint64_t>::max()},
  };
  for (const auto& [key, value] : wrong_types) {
    INFO(key << " = " << value.dump());
    Json wrong = valid;
    wrong[key] = value;
    const Thrown thrown = thrown_by([&] { Plan::from_json(wrong); });
    CHECK(thrown.code == "INVALID_ARGUMENT");
    CHECK_THAT(thrown.message, Catch::Contains(key));
  }

  for (const Json& not_object : {Json(nullptr), Json::array(), Json("plan")}) {
    CHECK(thrown_by([&] { Plan::from_json(not_object); }).code == "INVALID_ARGUMENT");
  }
}

// --- PlanSet::create ---

TEST_CASE("PlanSet::create fills defaults and stamps version and times", "[plans][create]") {
  PlanSet plans;
  const Plan& plan = plans.create("empty", Json::object(), 42);
  CHECK(plan.id == "empty");
  CHECK(plan.title.empty());
  CHECK(plan.content.empty());
  CHECK(plan.metadata == Json::object());
  CHECK(plan.version == 1);
  CHECK(plan.created_at == 42);
  CHECK(plan.updated_at == 42);

  const Plan& full =
      plans.create("full", json(R"({"title":"T","content":"C","metadata":{"k":[1]}})"), 7);
  CHECK(full.title == "T");
  CHECK(full.content == "C");
  CHECK(full.metadata == json(R"({"k":[1]})"));
  REQUIRE(plans.find("full") == &full);
}

TEST_CASE("PlanSet::create rejects bad input and adds nothing", "[plans][create]") {
  PlanSet plans;
  plans.create("taken", Json::object(), 1);

  struct BadCreate {
    std::string id;
    Json fields;
    std::vector<std::string> message_parts;
  };
  const BadCreate cases[] = {
      {"", Json::object(), {"empty"}},
      {"taken", Json::object(), {"\"taken\"", "exists"}},
      {"n", nullptr, {"object", "null"}},
      {"n", Json::array(), {"object", "array"}},
      {"n", "title", {"object", "string"}},
      {"n", json(R"({"title":5})"), {"title", "string", "number"}},
      {"n", json(R"({"title":null})"), {"title", "string", "null"}},
      {"n", json(R"({"content":true})"), {"content", "string", "boolean"}},
      {"n", json(R"({"metadata":[]})"), {"metadata", "object", "array"}},
      {"n", json(R"({"metadata":null})"), {"metadata", "object", "null"}},
      {"n", json(R"({"metadata":"x"})"), {"metadata", "object", "string"}},
      {"n", json(R"({"title":"ok","body":"x"})"), {"\"body\"", "title, content, metadata"}},
  };
  for (const BadCreate& bad : cases) {
    INFO("id " << bad.id << ", fields " << bad.fields.dump());
    const Thrown thrown = thrown_by([&] { plans.create(bad.id, bad.fields, 2); });
    CHECK(thrown.code == "INVALID_ARGUMENT");
    for (const std::string& part : bad.message_parts) {
      CHECK_THAT(thrown.message, Catch::Contains(part));
    }
  }

  Json deep_fields = Json::object();
  deep_fields["metadata"] = nested_objects(513);
  CHECK(thrown_by([&] { plans.create("n", deep_fields, 2); }).code == "INVALID_ARGUMENT");

  CHECK(listed_ids(plans) == std::vector<std::string>{"taken"});
  CHECK(plans.find("taken")->created_at == 1);
}

// --- PlanSet::update ---

TEST_CASE("PlanSet::update replaces title and content and bumps the version by one",
          "[plans][update]") {
  PlanSet plans = set_with_one_plan();
  const Plan& first = plans.update("p", json(R"({"title":"T2"})"), std::nullopt, 200);
  CHECK(first.title == "T2");
  CHECK(first.content == "C");
  CHECK(first.version == 2);
  CHECK(first.created_at == 100);
  CHECK(first.updated_at == 200);

  const Plan& second = plans.update("p", json(R"({"content":""})"), std::nullopt, 300);
  CHECK(second.title == "T2");
  CHECK(second.content.empty());
  CHECK(second.version == 3);

  const Plan& touched = plans.update("p", Json::object(), std::nullopt, 400);
  CHECK(touched.version == 4);
  CHECK(touched.updated_at == 400);
}

TEST_CASE("PlanSet::update merges metadata: nested keys merge, null deletes", "[plans][update]") {
  PlanSet plans = set_with_one_plan();
  const Plan& plan = plans.update(
      "p", json(R"({"metadata":{"owner":null,"ui":{"zoom":null,"theme":"dark"},"tags":["x"]}})"),
      std::nullopt, 200);
  CHECK(plan.metadata == json(R"({"ui":{"tab":1,"theme":"dark"},"tags":["x"]})"));
  CHECK(plan.title == "T");

  const Plan& cleared =
      plans.update("p", json(R"({"metadata":{"ui":null,"tags":null}})"), std::nullopt, 300);
  CHECK(cleared.metadata == Json::object());
  CHECK(cleared.version == 3);
}

TEST_CASE("PlanSet::update never moves updatedAt backwards", "[plans][update]") {
  PlanSet plans = set_with_one_plan();
  CHECK(plans.update("p", Json::object(), std::nullopt, 500).updated_at == 500);
  CHECK(plans.update("p", Json::object(), std::nullopt, 50).updated_at == 500);
  CHECK(plans.update("p", Json::object(), std::nullopt, 501).updated_at == 501);
}

TEST_CASE("PlanSet::update honours if_version", "[plans][update][conflict]") {
  PlanSet plans = set_with_one_plan();
  CHECK(plans.update("p", json(R"({"title":"v2"})"), 1, 200).version == 2);
  CHECK(plans.update("p", json(R"({"title":"v3"})"), 2, 300).version == 3);

  const Json before = plans.find("p")->to_json();
  const Thrown stale = thrown_by([&] { plans.update("p", json(R"({"title":"x"})"), 2, 400); });
  CHECK(stale.code == "PLAN_CONFLICT");
  CHECK_THAT(stale.message, Catch::Contains("version 3"));
  CHECK_THAT(stale.message, Catch::Contains("version 2"));
  CHECK_THAT(stale.message, Catch::Contains("\"p\""));
  CHECK(thrown_by([&] { plans.update("p", Json::object(), 4, 400); }).code == "PLAN_CONFLICT");
  CHECK(plans.find("p")->to_json() == before);
}

TEST_CASE("PlanSet::update of a missing plan is PlanNotFound naming the id", "[plans][update]") {
  PlanSet plans = set_with_one_plan();
  const Thrown thrown = thrown_by([&] { plans.update("ghost", Json::object(), std::nullopt, 1); });
  CHECK(thrown.code == "PLAN_NOT_FOUND");
  CHECK_THAT(thrown.message, Catch::Contains("\"ghost\""));
}

TEST_CASE("PlanSet::update checks not-found, then conflict, then the changes", "[plans][update]") {
  PlanSet plans = set_with_one_plan();
  CHECK(thrown_by([&] { plans.update("ghost", nullptr, 9, 1); }).code == "PLAN_NOT_FOUND");
  CHECK(thrown_by([&] { plans.update("p", nullptr, 9, 1); }).code == "PLAN_CONFLICT");
  CHECK(thrown_by([&] { plans.update("p", nullptr, 1, 1); }).code == "INVALID_ARGUMENT");
}

TEST_CASE("PlanSet::update rejects bad changes and leaves the plan unchanged", "[plans][update]") {
  PlanSet plans = set_with_one_plan();
  const Json before = plans.find("p")->to_json();

  struct BadUpdate {
    Json changes;
    std::vector<std::string> message_parts;
  };
  Json deep_patch = Json::object();
  deep_patch["metadata"] = nested_objects(513);
  const BadUpdate cases[] = {
      {nullptr, {"object", "null"}},
      {Json::array(), {"object", "array"}},
      {json(R"({"version":5})"), {"\"version\""}},
      {json(R"({"title":"ok","id":"q"})"), {"\"id\""}},
      {json(R"({"title":1})"), {"title", "string"}},
      {json(R"({"content":{}})"), {"content", "string"}},
      {json(R"({"metadata":null})"), {"metadata", "null"}},
      {json(R"({"metadata":[1]})"), {"metadata", "object"}},
      {json(R"({"metadata":"x"})"), {"metadata", "object"}},
      // Valid title and content, bad metadata: nothing of it may land.
      {json(R"({"title":"new","content":"new","metadata":7})"), {"metadata"}},
      {deep_patch, {"512"}},
  };
  for (const BadUpdate& bad : cases) {
    INFO("changes " << bad.changes.dump().substr(0, 80));
    const Thrown thrown = thrown_by([&] { plans.update("p", bad.changes, 1, 999); });
    CHECK(thrown.code == "INVALID_ARGUMENT");
    for (const std::string& part : bad.message_parts) {
      CHECK_THAT(thrown.message, Catch::Contains(part));
    }
    CHECK(plans.find("p")->to_json() == before);
  }
}

// --- remove, list, put, erase ---

TEST_CASE("PlanSet::remove deletes a plan; a missing one is PlanNotFound", "[plans][remove]") {
  PlanSet plans = set_with_one_plan();
  plans.remove("p");
  CHECK(plans.find("p") == nullptr);
  CHECK(plans.list().empty());

  const Thrown again = thrown_by([&] { plans.remove("p"); });
  CHECK(again.code == "PLAN_NOT_FOUND");
  CHECK_THAT(again.message, Catch::Contains("\"p\""));
  CHECK(thrown_by([&] { plans.update("p", Json::object(), std::nullopt, 1); }).code ==
        "PLAN_NOT_FOUND");
}

TEST_CASE("PlanSet::list is oldest first, ties broken by id", "[plans][list]") {
  PlanSet plans;
  plans.create("c", Json::object(), 30);
  plans.create("a", Json::object(), 50);
  plans.create("z", Json::object(), 10);
  plans.create("b", Json::object(), 30);
  plans.create("aa", Json::object(), 30);
  CHECK(listed_ids(plans) == std::vector<std::string>{"z", "aa", "b", "c", "a"});

  // Updating does not reorder: the order is by creation time.
  plans.update("z", Json::object(), std::nullopt, 1000);
  CHECK(listed_ids(plans) == std::vector<std::string>{"z", "aa", "b", "c", "a"});
}

TEST_CASE("PlanSet::put stores a replayed plan as recorded and erase drops it", "[plans][replay]") {
  PlanSet plans;
  Plan recorded = Plan::from_json(json(R"({"id":"r","title":"t","content":"c",
      "metadata":{"m":1},"version":7,"createdAt":5,"updatedAt":9})"));
  plans.put(recorded);
  REQUIRE(plans.find("r") != nullptr);
  CHECK(plans.find("r")->to_json() == recorded.to_json());

  recorded.version = 8;
  recorded.title = "t2";
  plans.put(recorded);
  CHECK(plans.find("r")->version == 8);
  CHECK(plans.find("r")->title == "t2");
  CHECK(plans.list().size() == 1);

  CHECK(plans.update("r", Json::object(), 8, 10).version == 9);

  plans.erase("r");
  CHECK(plans.find("r") == nullptr);
  plans.erase("r");  // erasing a missing plan during replay is not an error
  CHECK(plans.list().empty());
}
