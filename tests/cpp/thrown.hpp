#pragma once
// What a call threw, for tests that check error codes and messages.
#include <string>

#include "core/error.hpp"

namespace crux::testing {

/// The crux::Error a call throws: its code name and message ("no error" if none).
struct Thrown {
  std::string code = "no error";
  std::string message;
};

template <class Call>
Thrown thrown_by(Call&& call) {
  Thrown result;
  try {
    call();
  } catch (const crux::Error& error) {
    result.code = crux::code_name(error.code());
    result.message = error.what();
  }
  return result;
}

}  // namespace crux::testing
