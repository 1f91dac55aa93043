#pragma once
#include <nlohmann/json.hpp>

#include "core/insertion_ordered_map.hpp"

namespace crux {
/// JSON with objects in insertion order (see core/insertion_ordered_map.hpp for why).
using Json = nlohmann::basic_json<InsertionOrderedMap>;
}
