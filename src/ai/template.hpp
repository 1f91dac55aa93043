#pragma once
#include <string>
#include <string_view>

#include "core/json.hpp"

namespace crux::ai {

/// Fills a prompt template: `{{name}}` (spaces inside the braces allowed) is replaced by the
/// value at that dotted path of `input` (`{{user.name}}`, `{{items.0}}`); `{{{{` writes a
/// literal `{{`. Strings are written as they are, `null` as nothing, other values as JSON.
/// A path missing from `input`, an empty or unclosed placeholder is Error(InvalidArgument)
/// naming it.
std::string render_template(std::string_view source, const Json& input);

}  // namespace crux::ai
