// crux::Json keeps object members in insertion order (core/insertion_ordered_map.hpp): parsing,
// merge patches and plans give JavaScript back the order it wrote.
#include <catch2/catch.hpp>

#include <string>

#include "core/json.hpp"
#include "plans/plan.hpp"

using crux::Json;
using crux::plans::merge_patch;
using crux::plans::Plan;
using crux::plans::PlanSet;

namespace {

Json json(const char* text) { return Json::parse(text); }

/// The text of `merge_patch(original, patch)`, whose member order is what is checked.
std::string patched(const char* original, const char* patch) {
  return merge_patch(json(original), json(patch)).dump();
}

/// `{"k0":0,"k1":1,...}` with `count` members, in that order.
std::string numbered_object_text(int count, const char* prefix = "k") {
  std::string text = "{";
  for (int i = 0; i < count; ++i) {
    if (i > 0) text += ',';
    text += '"' + std::string(prefix) + std::to_string(i) + "\":" + std::to_string(i);
  }
  return text + "}";
}

}  // namespace

TEST_CASE("Parsing and dumping keep the order the members were written in", "[json][order]") {
  const char* text = R"({"status":"draft","flowId":"x","b":1,"a":2,"n":{"z":1,"y":[{"q":1,"p":2}]}})";
  CHECK(json(text).dump() == text);

  Json built = Json::object();
  built["zeta"] = 1;
  built["alpha"] = 2;
  built.emplace("mid", 3);
  CHECK(built.dump() == R"({"zeta":1,"alpha":2,"mid":3})");
  CHECK(Json{{"z", 1}, {"a", 2}}.dump() == R"({"z":1,"a":2})");
}

TEST_CASE("A duplicate key keeps its first place and takes its last value, as JSON.parse does",
          "[json][order]") {
  CHECK(json(R"({"b":1,"a":2,"b":3})").dump() == R"({"b":3,"a":2})");
  // Past the size at which members are found through an index.
  CHECK(json(R"({"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k2":"x"})")
            .dump() == R"({"k0":0,"k1":1,"k2":"x","k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9})");
}

TEST_CASE("An erased key that is set again goes to the end, as in a JS object", "[json][order]") {
  for (const int size : {4, 40}) {  // found by scanning, and through the index
    Json object = Json::parse(numbered_object_text(size));
    CHECK(object.erase("k1") == 1);
    CHECK(object.erase("k1") == 0);
    object.erase(object.find("k2"));
    object["k1"] = "again";
    CHECK_FALSE(object.contains("k2"));
    CHECK(object.size() == static_cast<size_t>(size - 1));
    CHECK(object.begin().key() == "k0");
    CHECK(object.begin().value() == 0);
    CHECK(std::prev(object.end()).key() == "k1");
    CHECK(object.at("k3") == 3);
    CHECK(object.value("k" + std::to_string(size - 1), -1) == size - 1);
  }
}

TEST_CASE("Copies keep the order and find every key", "[json][order]") {
  const Json original = Json::parse(numbered_object_text(100));
  Json copy = original;
  CHECK(copy.dump() == original.dump());
  copy["new"] = true;
  copy.erase("k50");
  CHECK(copy.at("k99") == 99);
  CHECK_FALSE(copy.contains("k50"));
  CHECK(original.contains("k50"));
  Json moved = std::move(copy);
  CHECK(moved.at("new") == true);
  CHECK(moved.at("k0") == 0);
  moved["k50"] = 50;
  CHECK(std::prev(moved.end()).key() == "k50");
}

TEST_CASE("Objects are equal whatever their order, and < compares them as sorted maps did",
          "[json][order]") {
  CHECK(json(R"({"a":1,"b":{"x":1,"y":2}})") == json(R"({"b":{"y":2,"x":1},"a":1})"));
  CHECK(json(R"({"a":1,"b":2})") != json(R"({"a":1,"b":3})"));
  CHECK(json(R"({"a":1,"b":2})") != json(R"({"a":1,"c":2})"));
  CHECK(json(R"({"a":1})") != json(R"({"a":1,"b":2})"));
  CHECK(Json::parse(numbered_object_text(50)) == Json::parse(numbered_object_text(50)));
  // Sorted, {"a":2,"b":0} is [(a,2),(b,0)] and {"b":1,"a":1} is [(a,1),(b,1)].
  CHECK(json(R"({"b":1,"a":1})") < json(R"({"a":2,"b":0})"));
  CHECK_FALSE(json(R"({"a":2,"b":0})") < json(R"({"b":1,"a":1})"));
  CHECK(json(R"({"a":1})") < json(R"({"a":1,"b":0})"));
}

TEST_CASE("merge_patch keeps existing keys in place and appends new ones in patch order",
          "[json][order][merge_patch]") {
  CHECK(patched(R"({"status":"draft","flowId":"x","b":1,"a":2})", R"({"zeta":1,"alpha":2})") ==
        R"({"status":"draft","flowId":"x","b":1,"a":2,"zeta":1,"alpha":2})");
  // Changed keys stay where they were; null deletes; a deleted key set again goes last.
  CHECK(patched(R"({"c":1,"b":2,"a":3})", R"({"a":30,"x":1,"b":null,"c":10})") ==
        R"({"c":10,"a":30,"x":1})");
  CHECK(patched(R"({"c":1,"b":2})", R"({"b":null,"b":5})") == R"({"c":1,"b":5})");
  // Nested objects merge the same way; an object replacing a scalar keeps the patch's order.
  CHECK(patched(R"({"ui":{"zoom":2,"tab":1},"v":1})", R"({"ui":{"panel":"x","zoom":3},"v":{"q":1,"p":null,"o":2}})") ==
        R"({"ui":{"zoom":3,"tab":1,"panel":"x"},"v":{"q":1,"o":2}})");
}

TEST_CASE("RFC 7386 examples come out in the order the RFC writes them", "[json][order][merge_patch]") {
  CHECK(patched(R"({"a":"b"})", R"({"b":"c"})") == R"({"a":"b","b":"c"})");
  CHECK(patched(R"({"a":"b","b":"c"})", R"({"a":null})") == R"({"b":"c"})");
  CHECK(patched(R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})") == R"({"a":{"b":"d"}})");
  CHECK(patched(R"({"e":null})", R"({"a":1})") == R"({"e":null,"a":1})");
  CHECK(patched(R"([1,2])", R"({"a":"b","c":null})") == R"({"a":"b"})");
  CHECK(patched(R"({})", R"({"a":{"bb":{"ccc":null}}})") == R"({"a":{"bb":{}}})");
  // Section 3: phoneNumber is new, so it follows content.
  CHECK(patched(R"({"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"})",
                R"({"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]})") ==
        R"({"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"})");
}

TEST_CASE("A plan's metadata keeps its order through create, update and its stored JSON",
          "[json][order][plans]") {
  PlanSet plans;
  plans.create("p", json(R"({"metadata":{"status":"draft","flowId":"x","b":1,"a":2}})"), 100);
  CHECK(plans.find("p")->metadata.dump() == R"({"status":"draft","flowId":"x","b":1,"a":2})");

  plans.update("p", json(R"({"metadata":{"zeta":1,"alpha":2,"b":null}})"), std::nullopt, 200);
  const std::string expected = R"({"status":"draft","flowId":"x","a":2,"zeta":1,"alpha":2})";
  CHECK(plans.find("p")->metadata.dump() == expected);

  const Plan reloaded = Plan::from_json(Json::parse(plans.find("p")->to_json().dump()));
  CHECK(reloaded.metadata.dump() == expected);
  // A plan stored with sorted keys (as before insertion order was kept) reads back as stored.
  const Plan sorted = Plan::from_json(json(
      R"({"content":"","createdAt":1,"id":"q","metadata":{"a":2,"b":1},"title":"","updatedAt":1,"version":1})"));
  CHECK(sorted.metadata.dump() == R"({"a":2,"b":1})");
}

TEST_CASE("An object of 300k keys parses, dumps and merges", "[json][order][large]") {
  const std::string text = numbered_object_text(300'000);
  CHECK(text.size() > 3'000'000);
  Json object = Json::parse(text);
  CHECK(object.size() == 300'000);
  CHECK(object.dump() == text);
  CHECK(object.at("k123456") == 123456);

  // Null out every other key and add as many new ones, in one patch.
  Json patch = Json::object();
  for (int i = 0; i < 300'000; i += 2) patch["k" + std::to_string(i)] = nullptr;
  for (int i = 0; i < 150'000; ++i) patch["n" + std::to_string(i)] = i;
  const Json result = merge_patch(std::move(object), patch);
  CHECK(result.size() == 300'000);
  CHECK(result.begin().key() == "k1");
  CHECK(std::prev(result.end()).key() == "n149999");
  CHECK_FALSE(result.contains("k2"));
}
