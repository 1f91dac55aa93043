#pragma once
#include <nlohmann/json.hpp>

namespace crux {
using Json = nlohmann::json;
}
