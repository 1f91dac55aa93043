#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "thrown.hpp"
#include "time/duration.hpp"

using crux::Json;
using crux::parse_duration;
using namespace std::string_view_literals;  // a bare literal is ambiguous between the overloads

using crux::testing::Thrown;
using crux::testing::thrown_by;

namespace {

constexpr int64_t kTwoTo53 = int64_t{1} << 53;
constexpr int64_t kHundredYears = int64_t{36525} * 24 * 60 * 60 * 1000;  // crux::limits::kMaxDurationMs


/// Checks that a JSON input is InvalidArgument, quotes the input and states the expected form.
void require_rejected(const Json& input) {
  INFO("input " << input.dump());
  const Thrown thrown = thrown_by([&] { parse_duration(input); });
  CHECK(thrown.code == "INVALID_ARGUMENT");
  CHECK_THAT(thrown.message, Catch::Contains(input.dump().substr(0, 40)));
  CHECK_THAT(thrown.message, Catch::Contains("Expected a non-negative integer"));
}

}  // namespace

TEST_CASE("parse_duration reads each unit", "[duration]") {
  CHECK(parse_duration("250ms"sv) == 250);
  CHECK(parse_duration("30s"sv) == 30'000);
  CHECK(parse_duration("5m"sv) == 300'000);
  CHECK(parse_duration("2h"sv) == 7'200'000);
  CHECK(parse_duration("7d"sv) == 604'800'000);
  CHECK(parse_duration("1w"sv) == 604'800'000);
  CHECK(parse_duration("0s"sv) == 0);
  CHECK(parse_duration("007s"sv) == 7'000);
}

TEST_CASE("parse_duration adds compound parts", "[duration]") {
  CHECK(parse_duration("1h30m"sv) == 5'400'000);
  CHECK(parse_duration("1d12h"sv) == 129'600'000);
  CHECK(parse_duration("1m30s500ms"sv) == 90'500);
  CHECK(parse_duration("1w1d1h1m1s1ms"sv) == 694'861'001);
  CHECK(parse_duration("90m"sv) == 5'400'000);  // a part may exceed the next unit up
}

TEST_CASE("parse_duration accepts a JSON string the same as the text", "[duration]") {
  CHECK(parse_duration(Json("1h30m")) == 5'400'000);
  CHECK(parse_duration(Json("250ms")) == 250);
}

TEST_CASE("parse_duration takes a JSON integer as milliseconds", "[duration]") {
  CHECK(parse_duration(Json(0)) == 0);
  CHECK(parse_duration(Json(1500)) == 1500);
  CHECK(parse_duration(Json(1500u)) == 1500);
  CHECK(parse_duration(Json(1500.0)) == 1500);  // JS numbers arrive as doubles
  CHECK(parse_duration(Json(kHundredYears)) == kHundredYears);
  CHECK(parse_duration(Json::parse("1500")) == 1500);
}

TEST_CASE("parse_duration rejects malformed strings", "[duration]") {
  for (const char* text : {"", "abc", "5x", "-5s", "1.5h", "s", "5", "1500", "+5s", " 5s", "5s ",
                           "5 s", "5S", "1h 30m", "5sec", "h1", "1h30", "ms", "5mss"}) {
    require_rejected(Json(text));
    INFO("text " << text);
    CHECK(thrown_by([&] { parse_duration(std::string_view(text)); }).code == "INVALID_ARGUMENT");
  }
}

TEST_CASE("parse_duration rejects repeated and out-of-order units", "[duration]") {
  for (const char* text : {"30m1h", "1m1m", "1s1m", "1ms1s", "1h1d", "1d1w", "5s5s"}) {
    require_rejected(Json(text));
  }
}

TEST_CASE("parse_duration rejects durations above 100 years", "[duration]") {
  CHECK(parse_duration("3155760000000ms"sv) == kHundredYears);
  require_rejected(Json("3155760000001ms"));
  CHECK(parse_duration("36525d"sv) == kHundredYears);
  require_rejected(Json("36526d"));
  require_rejected(Json("9007199254740992ms"));  // 2^53: accepted before there was a bound
  require_rejected(Json("99999999999999999999999999999ms"));  // would overflow int64 digits
  CHECK(parse_duration("5217w"sv) == 3'155'241'600'000);
  require_rejected(Json("5218w"));  // the product alone is above the bound
  CHECK(parse_duration("5217w6d"sv) == kHundredYears);
  require_rejected(Json("5217w6d1ms"));  // only the sum is above the bound
  require_rejected(Json(std::string(10'000, '9') + "s"));
  CHECK(thrown_by([&] { parse_duration(Json(kTwoTo53)); }).message.find("100 years") != std::string::npos);
}

TEST_CASE("parse_duration rejects bad JSON numbers", "[duration]") {
  require_rejected(Json(-1));
  require_rejected(Json(-1.0));
  require_rejected(Json(1.5));
  require_rejected(Json(kHundredYears + 1));
  require_rejected(Json(static_cast<uint64_t>(kHundredYears) + 1));
  require_rejected(Json(std::numeric_limits<uint64_t>::max()));
  require_rejected(Json(1e300));
  // NaN and infinity dump as null, so the message names the problem instead of the input.
  for (const double not_finite :
       {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    const Thrown thrown = thrown_by([&] { parse_duration(Json(not_finite)); });
    CHECK(thrown.code == "INVALID_ARGUMENT");
    CHECK_THAT(thrown.message, Catch::Contains("not a finite number"));
  }
}

TEST_CASE("parse_duration rejects other JSON types", "[duration]") {
  require_rejected(Json(true));
  require_rejected(Json(false));
  require_rejected(Json(nullptr));
  require_rejected(Json::object());
  require_rejected(Json{{"ms", 5}});
  require_rejected(Json::array({5}));
}

TEST_CASE("parse_duration messages quote the input and explain the form", "[duration]") {
  const Thrown thrown = thrown_by([] { parse_duration("5x"sv); });
  CHECK(thrown.code == "INVALID_ARGUMENT");
  CHECK_THAT(thrown.message, Catch::Contains("\"5x\""));
  CHECK_THAT(thrown.message, Catch::Contains("unknown unit \"x\""));
  CHECK_THAT(thrown.message, Catch::Contains("ms, s, m, h, d, w"));

  const Thrown bare = thrown_by([] { parse_duration("1500"sv); });
  CHECK_THAT(bare.message, Catch::Contains("\"1500ms\""));
}

TEST_CASE("parse_duration keeps messages short for huge input", "[duration]") {
  const Json long_unit_text = std::string("5") + std::string(100'000, 'x');
  const Thrown long_unit = thrown_by([&] { parse_duration(long_unit_text); });
  CHECK(long_unit.code == "INVALID_ARGUMENT");
  CHECK(long_unit.message.size() < 500);
  const Thrown long_digits = thrown_by([] { parse_duration(Json(std::string(100'000, '1'))); });
  CHECK(long_digits.code == "INVALID_ARGUMENT");
  CHECK(long_digits.message.size() < 500);
}
