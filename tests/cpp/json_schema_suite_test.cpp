// The official JSON Schema Test Suite (tests/fixtures/json-schema-test-suite/): every required
// draft 2020-12 test, and the optional/format tests of the formats Crux asserts (run in Crux's
// format-assertion dialect). A wrong answer fails; so does a refused group not listed in the
// fixture crux-refused.json, each of which needs a document from the network (or, natively, a
// Unicode property only the WASM build's host RegExp knows), or a listed one that is not refused.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "schema/validator.hpp"

using crux::Json;
using crux::schema::Validator;

namespace {

const std::string kSuite = std::string(CRUX_FIXTURES_DIR) + "/json-schema-test-suite/draft2020-12";

Json read_json(const std::string& path);

/// The groups Crux refuses (fixture crux-refused.json): "remote" everywhere, "host-regexp" natively.
std::set<std::string> expected_refusals() {
  std::set<std::string> groups;
  const Json listed = read_json(kSuite + "/../crux-refused.json");
  for (const Json& entry : listed.at("refused")) {
    groups.insert(entry.at("group").get<std::string>());
  }
  return groups;
}

Json read_json(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return Json::parse(text.str());
}

std::vector<std::string> json_files(const std::string& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") names.push_back(entry.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Tally {
  int passed = 0;
  int refused = 0;  // tests in refused groups
  std::vector<std::string> wrong;
  std::set<std::string> refused_groups;
};

void run_file(const std::string& directory, const std::string& name, bool assert_formats, Tally& tally) {
  for (Json group : read_json(directory + "/" + name)) {
    const std::string label = name + ": " + group["description"].get<std::string>();
    Json schema = group["schema"];
    if (assert_formats && schema.is_object()) schema["$schema"] = "urn:crux:dialect:2020-12-format-assertion";
    std::optional<Validator> validator;
    try {
      validator.emplace(schema);
    } catch (const crux::Error& error) {
      if (error.code() != crux::Code::InvalidArgument) throw;
      tally.refused += static_cast<int>(group["tests"].size());
      tally.refused_groups.insert(label);
      const std::string message = error.what();
      const bool remote = message.find("never fetches") != std::string::npos;
      const bool host_property = message.find("\\p{") != std::string::npos;
      if (!remote && !host_property) tally.wrong.push_back(label + ": refused: " + message);
      continue;
    }
    for (const Json& test : group["tests"]) {
      const bool valid = validator->validate(test["data"]).empty();
      if (valid == test["valid"].get<bool>()) {
        ++tally.passed;
      } else {
        tally.wrong.push_back(label + " / " + test["description"].get<std::string>() + ": expected " +
                              (valid ? "invalid" : "valid"));
      }
    }
  }
}

std::string lines(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += item + "\n";
  return text;
}

}  // namespace

TEST_CASE("JSON Schema Test Suite: draft 2020-12 required tests and the asserted formats", "[schema][suite]") {
  const std::set<std::string> expected = expected_refusals();
  Tally required;
  for (const auto& name : json_files(kSuite)) run_file(kSuite, name, false, required);
  Tally formats;
  for (const auto& name : json_files(kSuite + "/optional/format")) {
    run_file(kSuite + "/optional/format", name, true, formats);
  }
  std::cout << "JSON Schema Test Suite (native): required " << required.passed << " passed, " << required.refused
            << " refused (" << required.refused_groups.size() << " groups), " << required.wrong.size()
            << " wrong; optional/format " << formats.passed << " passed, " << formats.wrong.size() << " wrong\n";
  INFO(lines(required.wrong) << lines(formats.wrong));
  CHECK(required.wrong.empty());
  CHECK(formats.wrong.empty());
  CHECK(formats.refused == 0);
  std::vector<std::string> unexpected;
  for (const auto& group : required.refused_groups) {
    if (!expected.count(group)) unexpected.push_back(group);
  }
  INFO("refused but not expected:\n" << lines(unexpected));
  CHECK(unexpected.empty());
  CHECK(required.refused_groups.size() == expected.size());
  CHECK(required.passed + required.refused == 1299);
}
