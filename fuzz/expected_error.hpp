#pragma once
// What the fuzz targets ask of a crux::Error they expect: the one code the call may raise, and
// details that are JSON text, since bindings/envelope.hpp splices them into its reply as they are.
#include <cstdlib>

#include "core/error.hpp"
#include "core/json.hpp"

inline void check_expected_error(const crux::Error& error, crux::Code code) {
  if (error.code() != code) std::abort();
  if (!error.details().empty() && !crux::Json::accept(error.details())) std::abort();
}
