#pragma once
#include <initializer_list>
#include <string_view>

#include "core/json.hpp"

namespace crux {

/// Error(InvalidArgument) `<what>: unknown option "<key>"` for the first key of `object` not in `allowed`.
void require_known_keys(const Json& object, std::initializer_list<std::string_view> allowed, std::string_view what);

}  // namespace crux
