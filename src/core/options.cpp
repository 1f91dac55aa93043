#include "core/options.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"

namespace crux {

void require_known_keys(const Json& object, std::initializer_list<std::string_view> allowed, std::string_view what) {
  for (const auto& item : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
      raise(Code::InvalidArgument, {what, ": unknown option \"", item.key(), "\""});
    }
  }
}

}  // namespace crux
