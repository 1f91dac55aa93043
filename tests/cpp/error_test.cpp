#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

using crux::Code;
using crux::Error;

TEST_CASE("raise throws the code, the parts joined and the details") {
  const std::string id = "run-1";
  try {
    crux::raise(Code::FlowClosed, {"flow run \"", id, "\" is ", std::string_view("completed"), " at ", 42},
                R"({"at":42})");
    FAIL("raise returned");
  } catch (const Error& error) {
    CHECK(error.code() == Code::FlowClosed);
    CHECK(std::string(error.what()) == "flow run \"run-1\" is completed at 42");
    CHECK(error.details() == R"({"at":42})");
  }
}

TEST_CASE("message parts write integers of every width in decimal") {
  CHECK(crux::message_of({}).empty());
  CHECK(crux::message_of({0}) == "0");
  CHECK(crux::message_of({-7, " ", std::size_t{7}}) == "-7 7");
  CHECK(crux::message_of({std::numeric_limits<int64_t>::min()}) == "-9223372036854775808");
  CHECK(crux::message_of({std::numeric_limits<uint64_t>::max()}) == "18446744073709551615");
  CHECK(crux::message_of({std::numeric_limits<int32_t>::min(), ",", std::numeric_limits<uint32_t>::max()}) ==
        "-2147483648,4294967295");
}
